"""DOC, RTF and ODT through LibreOffice headless, converted to DOCX and read like DOCX."""
from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import olefile

from extractors.base import ExtractionResult
from extractors.docx import extract_docx
from extractors.errors import ExtractionFailure
from extractors.limits import Limits

SOFFICE = "soffice"


def convert_to_docx(data: bytes, suffix: str, timeout_s: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="sags-lo-") as tmp:
        tmpdir = Path(tmp)
        source = tmpdir / f"input{suffix}"
        source.write_bytes(data)
        # Each call gets its own profile: parallel soffice processes sharing one profile
        # lock each other out.
        profile = (tmpdir / "profile").as_uri()
        command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmpdir / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout_s, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise ExtractionFailure("E_TIMEOUT") from exc
        except OSError as exc:
            raise ExtractionFailure("E_CONVERTER") from exc
        target = tmpdir / "out" / "input.docx"
        if not target.exists():
            raise ExtractionFailure("E_CORRUPT")
        return target.read_bytes()


# MS-DOC FibBase: the flags word at offset 0x0A has fEncrypted in bit 8.
FIB_FLAGS_OFFSET = 0x0A
FIB_ENCRYPTED = 0x0100


def doc_is_encrypted(data: bytes) -> bool:
    """A password-protected Word 97-2003 file says so in its FIB; LibreOffice would only fail on it."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            fib = ole.openstream("WordDocument").read(FIB_FLAGS_OFFSET + 2)
    except (OSError, ValueError, IndexError):
        return False
    return len(fib) == FIB_FLAGS_OFFSET + 2 and bool(int.from_bytes(fib[FIB_FLAGS_OFFSET:], "little") & FIB_ENCRYPTED)


def _extract_via_docx(fmt: str, suffix: str):
    def extract(data: bytes, limits: Limits, ocr: bool = True) -> ExtractionResult:
        if fmt == "doc" and doc_is_encrypted(data):
            raise ExtractionFailure("E_ENCRYPTED")
        result = extract_docx(convert_to_docx(data, suffix, limits.soffice_timeout_s), limits, ocr)
        result.format = fmt
        result.metadata["converter"] = "libreoffice"
        return result
    return extract


extract_doc = _extract_via_docx("doc", ".doc")
extract_rtf = _extract_via_docx("rtf", ".rtf")
extract_odt = _extract_via_docx("odt", ".odt")

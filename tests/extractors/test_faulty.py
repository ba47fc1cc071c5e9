"""One file of each faulty kind, built in tmp_path: each gets the right status and error code."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from make_samples import text_pdf
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from extractors.detect import OLE_MAGIC
from extractors.errors import MESSAGES
from extractors.limits import Limits
from extractors.registry import extract_path


def _encrypted_pdf() -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=StandardEncryption("hemmelig"))
    c.drawString(72, 720, "Fortroligt notat om anbringelse")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _ole_with(*streams: str) -> bytes:
    """An OLE compound-file header naming the given streams, with nothing readable behind it."""
    names = b"".join(n.encode("utf-16-le") + b"\x00\x00" for n in streams)
    return OLE_MAGIC + b"\x00" * 504 + names + b"\x00" * 1024


def _encrypted_docx() -> bytes:
    # A password-protected DOCX is an OLE compound file with EncryptionInfo/EncryptedPackage streams;
    # detection and the DOCX reader look only at that structure.
    return _ole_with("EncryptionInfo", "EncryptedPackage")


def _encrypted_doc() -> bytes:
    """plan.doc with the FIB's fEncrypted flag set, as Word writes it for a password-protected file."""
    import olefile

    buffer = io.BytesIO((SAMPLES / "plan.doc").read_bytes())
    with olefile.OleFileIO(buffer, write_mode=True) as ole:
        stream = bytearray(ole.openstream("WordDocument").read())
        stream[0x0B] |= 0x01
        ole.write_stream("WordDocument", bytes(stream))
    return buffer.getvalue()


def _blank_pdf() -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _docx_without_text() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def _zip_slip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("../../etc/notat.txt", "Journalnotat")
    return buffer.getvalue()


PDF = text_pdf([["Handleplan for Testbarn", "Der er bevilget aflastning i en weekend hver måned."]])
DOCX = (SAMPLES / "plan.docx").read_bytes()

CASES = [
    # (file name, bytes, limits, expected status, expected code)
    ("tom.pdf", b"", None, "failed", "E_EMPTY"),
    ("afkortet.pdf", PDF[: len(PDF) // 3], None, "failed", "E_CORRUPT"),
    ("afkortet.docx", DOCX[:3000], None, "failed", "E_CORRUPT"),
    ("kodeord.pdf", _encrypted_pdf(), None, "failed", "E_ENCRYPTED"),
    ("kodeord.docx", _encrypted_docx(), None, "failed", "E_ENCRYPTED"),
    ("kodeord.doc", _encrypted_doc(), None, "failed", "E_ENCRYPTED"),
    ("blank.pdf", _blank_pdf(), None, "failed", "E_OCR_DISABLED"),
    ("tom_skabelon.docx", _docx_without_text(), None, "failed", "E_NO_TEXT"),
    ("mellemrum.txt", b" \r\n\t\r\n ", None, "failed", "E_NO_TEXT"),
    ("stor.txt", "Journalnotat om samvær.\n".encode() * 500, Limits(max_bytes=4000), "skipped", "E_TOO_LARGE"),
    ("regneark.xlsx", bytes(range(256)) * 8, None, "skipped", "E_UNSUPPORTED"),
    ("billede.jpg", b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x00" * 40, None, "failed", "E_CORRUPT"),
    ("eksport.zip", _zip_slip(), None, "failed", "E_ZIP_PATH"),
    ("post.msg", _ole_with("__substg1.0_0037001F"), None, "failed", "E_CORRUPT"),
    ("brev.doc", _ole_with("WordDocument"), None, "failed", "E_CORRUPT"),
]
STARTS_LIBREOFFICE = {"brev.doc"}
PARAMS = [pytest.param(*case, id=case[0], marks=[pytest.mark.slow] if case[0] in STARTS_LIBREOFFICE else [])
          for case in CASES]


@pytest.mark.parametrize(("name", "data", "limits", "status", "code"), PARAMS)
def test_faulty_file_gets_status_and_code(tmp_path: Path, name: str, data: bytes, limits: Limits | None,
                                         status: str, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = extract_path(path, limits=limits, ocr=False)
    assert (result.status, [e.code for e in result.errors][:1]) == (status, [code])
    # Messages are the fixed Danish lines, never library text that could quote the document.
    assert all(e.message == MESSAGES[e.code] for e in result.errors)


def test_wrong_extension_is_read_by_content_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(DOCX)
    result = extract_path(path)
    assert (result.status, result.format) == ("ok", "docx")
    assert result.metadata["extension_mismatch"] == "filnavnet angiver pdf, indholdet er docx"


def test_five_megabyte_journal_is_read(tmp_path: Path) -> None:
    line = "12.03.2021 Journalnotat: Samtale med plejefamilien om Åse og Søren – alt går godt.\n"
    data = (line * (5 * 1024 * 1024 // len(line) + 1)).encode("cp1252")
    path = tmp_path / "journal.txt"
    path.write_bytes(data)
    result = extract_path(path)
    assert result.status == "ok" and result.metadata["encoding"] == "cp1252"
    assert result.chars == len(data) and "Åse og Søren" in result.pages[0].text


def test_ocr_off_on_scanned_pdf_is_failed_with_reason() -> None:
    result = extract_path(SAMPLES / "scanned.pdf", ocr=False)
    assert (result.status, [e.code for e in result.errors]) == ("failed", ["E_OCR_DISABLED"])


def test_mixed_pdf_without_ocr_is_partial() -> None:
    result = extract_path(SAMPLES / "mixed.pdf", ocr=False)
    assert result.status == "partial"
    assert [(p.method, p.number) for p in result.pages] == [("text", 1), ("none", 2)]
    assert [(e.code, e.page) for e in result.errors] == [("E_OCR_DISABLED", 2)]

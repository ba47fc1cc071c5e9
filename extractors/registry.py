"""One entry point: bytes of a file in, an ExtractionResult out. Never raises for bad input."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractors.archive import iter_zip_members
from extractors.base import Attachment, ExtractionResult
from extractors.detect import detect_format, extension_format
from extractors.docx import extract_docx
from extractors.errors import ExtractionFailure, error, failed_result
from extractors.image import extract_image
from extractors.limits import Limits
from extractors.mail import extract_eml, extract_msg
from extractors.office import extract_doc, extract_odt, extract_rtf
from extractors.pdf import extract_pdf
from extractors.text import extract_txt

Extractor = Callable[[bytes, Limits, bool], ExtractionResult]


def extract_zip(data: bytes, limits: Limits, ocr: bool = True) -> ExtractionResult:
    """A zip inside a case: its members become attachments, each extracted as its own document."""
    members = [Attachment(name=name, data=member) for name, member in iter_zip_members(data, limits)]
    return ExtractionResult(status="ok", format="zip", attachments=members,
                            metadata={"container": "zip", "members": str(len(members))})


EXTRACTORS: dict[str, Extractor] = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "doc": extract_doc,
    "rtf": extract_rtf,
    "odt": extract_odt,
    "txt": extract_txt,
    "eml": extract_eml,
    "msg": extract_msg,
    "png": extract_image,
    "jpg": extract_image,
    "tiff": extract_image,
    "zip": extract_zip,
}


def _finish(result: ExtractionResult) -> ExtractionResult:
    has_text = any(page.text.strip() for page in result.pages)
    if result.status == "ok" and not has_text and not result.attachments:
        result.status = "failed"
        result.errors.append(error("E_NO_TEXT"))
    return result


def extract_bytes(name: str, data: bytes, *, limits: Limits | None = None, ocr: bool = True) -> ExtractionResult:
    """Extract one file; `name` is only a hint, the format is detected from the content."""
    limits = limits or Limits()
    if not data:
        return failed_result(extension_format(name) or "unknown", "E_EMPTY")
    fmt = detect_format(data, name)
    if len(data) > limits.max_bytes:
        return failed_result(fmt, "E_TOO_LARGE", status="skipped")
    extractor = EXTRACTORS.get(fmt)
    if extractor is None:
        return failed_result(fmt, "E_UNSUPPORTED", status="skipped")
    try:
        result = extractor(data, limits, ocr)
    except ExtractionFailure as failure:
        result = failed_result(fmt, failure.code)
    except (MemoryError, RecursionError):
        result = failed_result(fmt, "E_TOO_LARGE")
    except Exception as exc:  # noqa: BLE001 - a library choking on a damaged file must not stop the run
        result = failed_result(fmt, "E_CORRUPT")
        # The class name helps find bugs; the exception message may quote the document, so it stays out.
        result.metadata["exception"] = type(exc).__name__
    hinted = extension_format(name)
    if hinted is not None and hinted != fmt:
        result.metadata["extension_mismatch"] = f"filnavnet angiver {hinted}, indholdet er {fmt}"
    return _finish(result)


def extract_path(path: Path, **kw) -> ExtractionResult:
    try:
        size = path.stat().st_size
        limits = kw.get("limits") or Limits()
        if size > limits.max_bytes:
            with path.open("rb") as handle:
                head = handle.read(8192)
            return failed_result(detect_format(head, path.name), "E_TOO_LARGE", status="skipped")
        data = path.read_bytes()
    except OSError:
        return failed_result(extension_format(path.name) or "unknown", "E_CORRUPT")
    return extract_bytes(path.name, data, **kw)

"""One entry point: bytes of a file in, an ExtractionResult out. Never raises for bad input.

Each format's extractor module is imported the first time a file of that format is met: an extraction
worker that only meets text PDFs starts without python-docx, pdfplumber, the mail parsers and Pillow
(its imports, pypdfium2's included: ~0.22 s before, ~0.1 s now, measured).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from pathlib import Path

from extractors.base import Attachment, ExtractionResult
from extractors.detect import detect_format, extension_format
from extractors.errors import ExtractionFailure, error, failed_result
from extractors.limits import Limits

Extractor = Callable[[bytes, Limits, bool], ExtractionResult]


def extract_zip(data: bytes, limits: Limits, ocr: bool = True) -> ExtractionResult:
    """A zip inside a case: its members become attachments, each extracted as its own document."""
    from extractors.archive import iter_zip_members

    members = [Attachment(name=name, data=member) for name, member in iter_zip_members(data, limits)]
    return ExtractionResult(status="ok", format="zip", attachments=members,
                            metadata={"container": "zip", "members": str(len(members))})


EXTRACTORS: dict[str, str] = {        # format → "module:function"
    "pdf": "extractors.pdf:extract_pdf",
    "docx": "extractors.docx:extract_docx",
    "doc": "extractors.office:extract_doc",
    "rtf": "extractors.office:extract_rtf",
    "odt": "extractors.office:extract_odt",
    "txt": "extractors.text:extract_txt",
    "eml": "extractors.mail:extract_eml",
    "msg": "extractors.mail:extract_msg",
    "png": "extractors.image:extract_image",
    "jpg": "extractors.image:extract_image",
    "tiff": "extractors.image:extract_image",
    "zip": "extractors.registry:extract_zip",
}


@cache
def extractor_for(fmt: str) -> Extractor | None:
    """The extractor of a detected format, its module imported on first use; None for an unsupported one."""
    spec = EXTRACTORS.get(fmt)
    if spec is None:
        return None
    module, function = spec.split(":")
    return getattr(import_module(module), function)


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
    extractor = extractor_for(fmt)
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

"""The one interface every extractor implements, and the result it returns.

An extractor turns the bytes of one file into pages of text. Bad input is a status
(`failed`, `partial`, `skipped`) with a typed error, never an exception that escapes
`extract()`; see `extractors/errors.py`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Status = Literal["ok", "partial", "failed", "skipped"]
Method = Literal["text", "ocr", "mixed", "none"]
PageMethod = Literal["text", "ocr", "none"]


@dataclass
class Page:
    number: int                      # 1-based
    text: str
    method: PageMethod = "text"
    ocr_confidence: float | None = None   # mean Tesseract word confidence 0-100, OCR pages only

    @property
    def chars(self) -> int:
        return len(self.text)


@dataclass
class ExtractionError:
    code: str                        # stable, greppable: "E_EMPTY", "E_ENCRYPTED", ...
    message: str                     # one Danish line a person understands; never quotes document text
    page: int | None = None


@dataclass
class Attachment:
    """A file found inside another (e-mail attachment, zip member): extracted as its own document."""
    name: str
    data: bytes


@dataclass
class ExtractionResult:
    status: Status
    format: str                      # detected from content: pdf, docx, doc, rtf, odt, txt, eml, msg, png, jpg, tiff, zip, unknown
    pages: list[Page] = field(default_factory=list)
    errors: list[ExtractionError] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)   # e.g. e-mail headers, "extension_mismatch"
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def method(self) -> Method:
        methods = {p.method for p in self.pages if p.method != "none" and p.text.strip()}
        if not methods:
            return "none"
        if len(methods) > 1:
            return "mixed"
        return methods.pop()  # type: ignore[return-value]

    @property
    def text(self) -> str:
        return "\n\f\n".join(p.text for p in self.pages)

    @property
    def chars(self) -> int:
        return sum(p.chars for p in self.pages)

    @property
    def error(self) -> str:
        return "; ".join(e.message for e in self.errors)


@dataclass
class DescribedExtraction:
    """An extraction plus the document type and date read from its first pages and its own file name."""
    result: ExtractionResult
    doc_type: str = "andet"
    doc_date: date | None = None

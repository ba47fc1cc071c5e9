"""What the documents table and the case counts need from an extraction, without its text.

A run keeps these for every file of the archive and the page texts only for the cases it is working
on, so its memory does not grow with the archive.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extractors.base import ExtractionResult

READABLE = ("ok", "partial")


@dataclass(frozen=True)
class DocFacts:
    status: str
    format: str
    method: str
    pages: int
    chars: int
    error: str = ""
    error_code: str = ""
    ocr_pages: int = 0
    ocr_confidence: float | None = None
    extension_mismatch: bool = False
    doc_type: str = ""                # "" for a document without text
    doc_date: date | None = None

    @property
    def readable(self) -> bool:
        """Has text to screen."""
        return self.status in READABLE and self.chars > 0


def facts_of(result: ExtractionResult, doc_type: str | None = None, doc_date: date | None = None) -> DocFacts:
    ocr_pages = [p for p in result.pages if p.method == "ocr"]
    conf = [p.ocr_confidence for p in ocr_pages if p.ocr_confidence is not None]
    readable = result.status in READABLE and result.chars > 0
    return DocFacts(status=result.status, format=result.format, method=result.method, pages=len(result.pages),
                    chars=result.chars, error=result.error,
                    error_code=";".join(sorted({x.code for x in result.errors})), ocr_pages=len(ocr_pages),
                    ocr_confidence=round(sum(conf) / len(conf), 1) if conf else None,
                    extension_mismatch=bool(result.metadata.get("extension_mismatch", "")),
                    doc_type=(doc_type or "andet") if readable else "", doc_date=doc_date if readable else None)

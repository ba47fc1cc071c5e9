"""DOCX in reading order: paragraphs and tables interleaved, headers and footers kept apart."""
from __future__ import annotations

import io
import zipfile
import zlib

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from extractors.base import ExtractionResult, Page
from extractors.detect import OLE_MAGIC
from extractors.errors import ExtractionFailure
from extractors.limits import Limits


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # Horizontally merged cells come back once per grid column; keep each once.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


def _block_lines(parent: Document | object, body) -> list[str]:
    lines: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, parent).text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, parent)))
        elif tag == "sdt":
            content = child.find("{*}sdtContent")
            if content is not None:
                lines.extend(_block_lines(parent, content))
    return lines


def _part_text(parts) -> str:
    seen: list[str] = []
    for part in parts:
        if part.is_linked_to_previous:
            continue
        text = "\n".join(_block_lines(part, part._element)).strip()
        if text and text not in seen:
            seen.append(text)
    return "\n".join(seen)


def extract_docx(data: bytes, limits: Limits, ocr: bool = True) -> ExtractionResult:
    if data.startswith(OLE_MAGIC):
        raise ExtractionFailure("E_ENCRYPTED")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, KeyError, ValueError,
            EOFError) as exc:
        raise ExtractionFailure("E_CORRUPT") from exc
    body = "\n".join(_block_lines(document, document.element.body))
    metadata: dict[str, str] = {}
    headers = _part_text(s.header for s in document.sections)
    footers = _part_text(s.footer for s in document.sections)
    if headers:
        metadata["header"] = headers
    if footers:
        metadata["footer"] = footers
    return ExtractionResult(status="ok", format="docx", pages=[Page(number=1, text=body)], metadata=metadata)

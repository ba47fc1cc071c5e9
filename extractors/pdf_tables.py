"""Layout-aware text for PDF pages with ruled tables, via pdfplumber (slow, so only on those pages)."""
from __future__ import annotations

import io

import pdfplumber


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _row_text(row: list[str | None]) -> str:
    return " | ".join(" ".join((cell or "").split()) for cell in row)


def table_pages_text(data: bytes, page_indexes: list[int]) -> dict[int, str]:
    """Text of the given 0-based pages with table rows kept as "cell | cell | cell" lines in reading order."""
    out: dict[int, str] = {}
    with pdfplumber.open(io.BytesIO(data), pages=[i + 1 for i in page_indexes]) as pdf:
        for index, page in zip(page_indexes, pdf.pages, strict=True):
            tables = page.find_tables()
            if not tables:
                continue
            boxes = [t.bbox for t in tables]
            outside = page.filter(lambda obj, boxes=boxes: not any(_inside(obj, b) for b in boxes)
                                  if obj.get("object_type") == "char" else True)
            blocks: list[tuple[float, str]] = [(line["top"], line["text"]) for line in outside.extract_text_lines()]
            for table in tables:
                rows = [_row_text(row) for row in table.extract() if any(cell for cell in row)]
                blocks.append((table.bbox[1], "\n".join(rows)))
            out[index] = "\n".join(text for _top, text in sorted(blocks, key=lambda b: b[0]))
    return out

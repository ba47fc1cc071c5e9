"""PDF pages routed one by one: text layer (pypdfium2), ruled tables (pdfplumber), OCR (Tesseract)."""
from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.base import ExtractionError, ExtractionResult, Page
from extractors.errors import ExtractionFailure, error
from extractors.limits import Limits
from extractors.quality import assess

FPDF_ERR_PASSWORD = 4
# A ruled table draws at least this many line segments; fewer are underlines and frames.
MIN_TABLE_PATHS = 8
MAX_RENDER_PIXELS = 40_000_000   # ~ A3 at 300 dpi


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == FPDF_ERR_PASSWORD:
            raise ExtractionFailure("E_ENCRYPTED") from exc
        raise ExtractionFailure("E_CORRUPT") from exc


def _path_count(page: pdfium.PdfPage) -> int:
    count = 0
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            count += 1
    return count


def _text_layer(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        # PDFium marks a hyphen it joined across a line break as U+FFFE; restore the break so the
        # raw text matches the page and the normaliser decides about joining.
        return text.replace("\ufffe", "-\n")
    finally:
        textpage.close()


def _ocr_page(page: pdfium.PdfPage, number: int, dpi: int) -> Page:
    from extractors.ocr import ocr_image  # Pillow and Tesseract only for a page without a text layer

    width, height = page.get_size()
    # An oversized page (a drawing, a poster) at full dpi would need gigabytes; cap the pixel count.
    scale = min(dpi / 72, (MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5)
    image = page.render(scale=scale, grayscale=True).to_pil()
    text, confidence = ocr_image(image, page=number)
    return Page(number=number, text=text, method="ocr", ocr_confidence=confidence)


def _apply_table_layout(data: bytes, pages: list[Page], indexes: list[int]) -> str:
    from extractors.pdf_tables import table_pages_text  # pdfplumber only for a page that looks like a table

    try:
        for index, text in table_pages_text(data, indexes).items():
            pages[index].text = text
    except Exception as exc:  # noqa: BLE001 - pdfplumber failing keeps the pypdfium2 text layer
        return f"fejlede ({type(exc).__name__})"
    return "pdfplumber"


def extract_pdf(data: bytes, limits: Limits, ocr: bool = True) -> ExtractionResult:
    doc = _open(data)
    pages: list[Page] = []
    errors: list[ExtractionError] = []
    table_candidates: list[int] = []
    try:
        total = len(doc)
        for index in range(min(total, limits.max_pages)):
            number = index + 1
            try:
                page = doc[index]
            except pdfium.PdfiumError:
                errors.append(error("E_CORRUPT", page=number))
                pages.append(Page(number=number, text="", method="none"))
                continue
            try:
                text = _text_layer(page)
                if assess(text).usable:
                    pages.append(Page(number=number, text=text, method="text"))
                    if _path_count(page) >= MIN_TABLE_PATHS:
                        table_candidates.append(index)
                elif not ocr:
                    errors.append(error("E_OCR_DISABLED", page=number))
                    pages.append(Page(number=number, text="", method="none"))
                else:
                    try:
                        pages.append(_ocr_page(page, number, limits.ocr_dpi))
                    except ExtractionFailure as failure:
                        errors.append(error(failure.code, page=number))
                        pages.append(Page(number=number, text="", method="none"))
            finally:
                page.close()
        if total > limits.max_pages:
            errors.append(error("E_PAGE_LIMIT"))
    finally:
        doc.close()
    metadata = {"page_count": str(total)}
    if table_candidates:
        metadata["table_layout"] = _apply_table_layout(data, pages, table_candidates)
    status = "ok" if not errors else "partial"
    if not any(p.text.strip() for p in pages) and errors:
        status = "failed"
    return ExtractionResult(status=status, format="pdf", pages=pages, errors=errors,
                            metadata=metadata)

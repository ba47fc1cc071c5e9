"""Scanned pages as images (PNG, JPG, TIFF incl. multi-page) through OCR."""
from __future__ import annotations

import io

from PIL import Image, ImageSequence, UnidentifiedImageError

from extractors.base import ExtractionError, ExtractionResult, Page
from extractors.errors import ExtractionFailure, error
from extractors.limits import Limits
from extractors.ocr import ocr_image


def extract_image(data: bytes, limits: Limits, ocr: bool = True) -> ExtractionResult:
    try:
        image = Image.open(io.BytesIO(data))
        fmt = {"JPEG": "jpg", "PNG": "png", "TIFF": "tiff"}.get(image.format or "", "unknown")
    except Image.DecompressionBombError as exc:
        raise ExtractionFailure("E_TOO_LARGE") from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ExtractionFailure("E_CORRUPT") from exc
    if not ocr:
        return ExtractionResult(status="failed", format=fmt, errors=[error("E_OCR_DISABLED")])
    pages: list[Page] = []
    errors: list[ExtractionError] = []
    frames = getattr(image, "n_frames", 1)
    try:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index >= limits.max_pages:
                errors.append(error("E_PAGE_LIMIT"))
                break
            number = index + 1
            try:
                frame.load()
                text, confidence = ocr_image(frame.copy(), page=number)
                pages.append(Page(number=number, text=text, method="ocr", ocr_confidence=confidence))
            except ExtractionFailure as failure:
                errors.append(error(failure.code, page=number))
                pages.append(Page(number=number, text="", method="none"))
            except (OSError, ValueError, SyntaxError):
                errors.append(error("E_CORRUPT", page=number))
                break
    except (OSError, ValueError, EOFError, SyntaxError):
        errors.append(error("E_CORRUPT"))
    status = "ok" if not errors else ("partial" if any(p.text.strip() for p in pages) else "failed")
    return ExtractionResult(status=status, format=fmt, pages=pages, errors=errors,
                            metadata={"frames": str(frames)})

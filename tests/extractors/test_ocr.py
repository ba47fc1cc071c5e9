"""OCR of a scanned Danish page (rendered with DejaVu Sans, which has æ, ø and å)."""
from __future__ import annotations

import io

import pytest
from make_samples import render_scan

from extractors.registry import extract_bytes

LINES = [
    "Børne- og Ungeudvalget har truffet afgørelse om",
    "anbringelse af pigen i en plejefamilie på Sjælland.",
    "Forældrene er blevet hørt, og søsteren bliver i hjemmet.",
    "Næste opfølgning på trivsel og skolegang sker i januar.",
]


@pytest.mark.slow
def test_scanned_danish_page_is_read_with_ocr() -> None:
    buffer = io.BytesIO()
    render_scan(LINES).save(buffer, format="JPEG", quality=85)
    result = extract_bytes("scanning.jpg", buffer.getvalue())
    assert (result.status, result.format, result.method) == ("ok", "jpg", "ocr")
    words = set(result.text.replace(",", " ").replace(".", " ").split())
    assert {"anbringelse", "plejefamilie", "afgørelse", "Sjælland", "Forældrene", "hørt", "søsteren",
            "Næste", "opfølgning", "på", "Børne-"} <= words
    assert result.pages[0].ocr_confidence is not None and result.pages[0].ocr_confidence > 80

"""Golden files: each sample in samples/formats must extract to tests/golden/<name>.txt.

Regenerate with SAGS_REGENERATE_GOLDEN=1 (refused when CI is set).
"""
from __future__ import annotations

import os

import pytest
from conftest import GOLDEN, SAMPLES

from extractors.base import ExtractionResult
from extractors.registry import extract_path

REGENERATE = os.environ.get("SAGS_REGENERATE_GOLDEN") == "1"
FAST = ["text.pdf", "table.pdf", "plan.docx", "docx_named.pdf", "journal_utf8.txt", "journal_utf8_bom.txt",
        "journal_cp1252.txt", "journal_latin1.txt", "underretning.eml"]
# OCR and LibreOffice start subprocesses: a few seconds each.
SLOW = ["scanned.pdf", "mixed.pdf", "scan.png", "scan_multi.tiff", "plan.doc", "plan.rtf", "plan.odt"]


def render(result: ExtractionResult) -> str:
    lines = [f"format: {result.format}", f"status: {result.status}", f"method: {result.method}",
             f"errors: {','.join(e.code for e in result.errors)}",
             f"extension_mismatch: {result.metadata.get('extension_mismatch', '')}",
             f"header: {result.metadata.get('header', '')}", f"footer: {result.metadata.get('footer', '')}",
             f"attachments: {', '.join(a.name for a in result.attachments)}"]
    for page in result.pages:
        lines.append(f"--- side {page.number} ({page.method}) ---")
        lines.append(page.text)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", FAST + [pytest.param(n, marks=pytest.mark.slow) for n in SLOW])
def test_sample_matches_golden(name: str) -> None:
    actual = render(extract_path(SAMPLES / name))
    golden = GOLDEN / f"{name}.txt"
    if REGENERATE:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"mangler golden-fil; kør med SAGS_REGENERATE_GOLDEN=1: {golden}"
    assert actual == golden.read_text(encoding="utf-8")


def test_every_sample_has_a_golden_case() -> None:
    samples = {p.name for p in SAMPLES.iterdir() if p.suffix != ".py" and p.is_file()}
    assert samples == set(FAST) | set(SLOW)


def test_regenerate_flag_is_refused_in_ci() -> None:
    assert not (REGENERATE and os.environ.get("CI")), "SAGS_REGENERATE_GOLDEN må ikke være sat i CI"

"""Mutated sample files (truncated, flipped, spliced bytes) never raise and always give a result."""
from __future__ import annotations

import pytest
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.base import ExtractionResult
from extractors.errors import MESSAGES
from extractors.registry import extract_bytes

# LibreOffice formats are left out: each call starts soffice, and their reader is the DOCX one.
FUZZED = ["text.pdf", "table.pdf", "mixed.pdf", "plan.docx", "journal_cp1252.txt", "underretning.eml",
          "scan.png", "scan_multi.tiff"]
SOURCES = {name: (SAMPLES / name).read_bytes() for name in FUZZED}


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FUZZED))
    data = bytearray(SOURCES[name])
    kind = draw(st.sampled_from(["truncate", "flip", "splice"]))
    if kind == "truncate":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif kind == "flip":
        for _ in range(draw(st.integers(1, 20))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= draw(st.integers(1, 255))
    else:
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return name, bytes(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_file_gives_a_result_not_an_exception(sample: tuple[str, bytes]) -> None:
    name, data = sample
    result = extract_bytes(name, data, ocr=False)
    assert isinstance(result, ExtractionResult)
    assert result.status in ("ok", "partial", "failed", "skipped")
    assert all(e.message == MESSAGES[e.code] for e in result.errors)
    if result.status != "ok":
        assert result.errors, "en fejlet fil skal sige hvorfor"


@pytest.mark.parametrize("name", FUZZED)
def test_every_prefix_length_class_is_handled(name: str) -> None:
    data = SOURCES[name]
    for cut in (1, 16, 512, len(data) // 2, len(data) - 1):
        assert extract_bytes(name, data[:cut], ocr=False).status in ("ok", "partial", "failed", "skipped")

from __future__ import annotations

import pytest
from conftest import SAMPLES

from extractors.detect import detect_format

SAMPLE_FORMATS = {
    "text.pdf": "pdf", "plan.docx": "docx", "docx_named.pdf": "docx", "plan.doc": "doc", "plan.rtf": "rtf",
    "plan.odt": "odt", "journal_cp1252.txt": "txt", "journal_utf8_bom.txt": "txt", "underretning.eml": "eml",
    "scan.png": "png", "scan_multi.tiff": "tiff",
}


@pytest.mark.parametrize(("name", "expected"), SAMPLE_FORMATS.items())
def test_sample_formats_by_content(name: str, expected: str) -> None:
    # The name passed is deliberately wrong: only the content may decide.
    assert detect_format((SAMPLES / name).read_bytes(), "ukendt.bin") == expected


@pytest.mark.parametrize(("data", "expected"), [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
    (b"junk\n%PDF-1.4\n", "pdf"),
    (b"From: a@example.invalid\nSubject: Hej\n\nTekst", "eml"),
    (b"Fra: mor\nEmne: hej\n\nTekst", "txt"),   # Danish labels in a note are not mail headers
    (b"\x00\x01\x02\x03" * 100, "unknown"),
    ("Journalnotat om Åse".encode("utf-16"), "txt"),
    (b"", "unknown"),
])
def test_detect_format_from_bytes(data: bytes, expected: str) -> None:
    assert detect_format(data, "x") == expected

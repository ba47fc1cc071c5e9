from __future__ import annotations

import pytest

from extractors.quality import assess

PROSE = "Forvaltningen har bevilget aflastning i en plejefamilie hver anden weekend, og der følges op om tre måneder."


@pytest.mark.parametrize(("text", "usable"), [
    (PROSE, True),
    ("Side 1 af 3", False),                                   # a stamp or page number on a scanned page
    ("", False),
    ("\ufffd" * 5 + PROSE, False),                             # replacement characters
    ("\ue000\ue001\ue002 " * 10 + PROSE, False),               # private-use glyphs from a font without a Unicode map
    ("0 12 3.4 5 67 8 9 10 11 12 13 14 15 16 17 18", False),   # mostly digits
    ("Bhkldrtnmvx qwrtzpl kdfgh sdfghjkl mnbvcxz qwrtzpl hjkl bcdfg hjklm npqrst vwxz bcdfgh", False),  # no vowels
])
def test_text_layer_quality(text: str, usable: bool) -> None:
    assert assess(text).usable is usable

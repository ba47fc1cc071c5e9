"""Is a page's text layer usable, or should the page be OCR'd?"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TextQuality:
    chars: int            # non-whitespace characters
    letter_ratio: float   # letters among non-whitespace characters
    bad_ratio: float      # replacement, private-use and control characters among non-whitespace
    vowel_ratio: float    # vowels among letters

    @property
    def usable(self) -> bool:
        plausible_vowels = self.chars < VOWEL_CHECK_MIN_CHARS or MIN_VOWELS <= self.vowel_ratio <= MAX_VOWELS
        return (self.chars >= MIN_CHARS and self.letter_ratio >= MIN_LETTER_RATIO
                and self.bad_ratio <= MAX_BAD_RATIO and plausible_vowels)


# A scanned page often carries a stamp or a page number as text; below this it is not a text layer.
MIN_CHARS = 25
# Danish prose is ~75-85 % letters; fonts without a Unicode map yield symbols and digits instead.
MIN_LETTER_RATIO = 0.45
MAX_BAD_RATIO = 0.02
# Danish has ~35-40 % vowels; a font whose glyphs map to the wrong letters rarely lands in this band.
VOWELS = "aeiouyæøåé"
MIN_VOWELS, MAX_VOWELS = 0.2, 0.6
VOWEL_CHECK_MIN_CHARS = 40
RATIO_SAMPLE_CHARS = 800


# Counted so that the per-match work stays small (dense classes via str.count, sparse ones via
# regular expressions): this runs on every PDF page and must not slow the text-layer path.
_SPACES = (" ", "\n", "\t", "\r", "\f", "\v", "\u00a0", "\u2009", "\u202f", "\u3000")
_NON_LETTER = re.compile(r"[^\w\s]|[\d_]")   # visible non-letters, sparse in prose
_BAD = re.compile("[\ufffd\ufffe\uffff\ue000-\uf8ff\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(text: str) -> int:
    return len(text) - sum(text.count(space) for space in _SPACES)


def assess(text: str) -> TextQuality:
    n = _visible(text)
    if n == 0:
        return TextQuality(0, 0.0, 0.0, 0.0)
    # Letter and vowel shares come from the page's opening: a broken font garbles the whole page
    # alike, and the letter count is the costly part.
    sample = text[:RATIO_SAMPLE_CHARS]
    sample_n = max(_visible(sample), 1)
    letters = sample_n - len(_NON_LETTER.findall(sample))
    lowered = sample.lower()
    vowels = sum(lowered.count(vowel) for vowel in VOWELS)
    bad = len(_BAD.findall(text))
    return TextQuality(n, letters / sample_n, bad / n, vowels / letters if letters > 0 else 0.0)

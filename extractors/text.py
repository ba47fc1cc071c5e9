"""Plain text files: the encoding is decided by evidence so æ, ø and å come out right."""
from __future__ import annotations

import charset_normalizer

from extractors.base import ExtractionResult, Page
from extractors.limits import Limits

BOMS: list[tuple[bytes, str]] = [
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
]
# Single-byte encodings Danish files are written in; cp850 is what old DOS/AS400 exports use.
CANDIDATES = ["cp1252", "cp850", "iso-8859-15", "mac_roman"]
DANISH_LETTERS = set("æøåÆØÅéÉüÜöÖäÄ")


def _plausibility(text: str) -> float:
    """Higher when the decoded text looks like Danish prose rather than symbol soup."""
    score = 0.0
    for ch in text:
        if ch.isascii():
            continue
        if ch in DANISH_LETTERS:
            score += 1
        elif ch in "§½«»–—’‘“”…€°":
            score += 0.3
        elif ch.isalpha():
            score -= 0.5
        else:
            score -= 1
    return score


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding used)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = list(CANDIDATES)
    guess = charset_normalizer.from_bytes(data[:200_000]).best()
    if guess is not None and guess.encoding not in candidates:
        candidates.append(guess.encoding)
    sample = data[:200_000]
    scored = []
    for encoding in candidates:
        try:
            scored.append((_plausibility(sample.decode(encoding)), -candidates.index(encoding), encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    encoding = max(scored)[2] if scored else "latin-1"
    return data.decode(encoding, errors="replace"), encoding


def extract_txt(data: bytes, limits: Limits, ocr: bool = True) -> ExtractionResult:
    text, encoding = decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f") if "\f" in text else [text]
    pages = [Page(number=i + 1, text=chunk) for i, chunk in enumerate(chunks)]
    return ExtractionResult(status="ok", format="txt", pages=pages, metadata={"encoding": encoding})

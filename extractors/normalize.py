"""Page text normalisation whose every output character maps back to a source offset.

Only deletions and one-for-one substitutions are made, so `normalize_page_mapped` can return, for
each output character, the index of the character it came from in the page as extracted.
"""
from __future__ import annotations

import re
from collections import Counter

_PAGE_NUMBER = re.compile(r"^\s*(side\s+\d+(\s*(af|/)\s*\d+)?|\d+\s*(/|af)\s*\d+|-\s*\d+\s*-|\d{1,3})\s*$", re.IGNORECASE)
_BLANK = r"[ \t\u00a0\u2009\u202f]*"
_HYPHEN_BREAK = re.compile(rf"(?<=[a-zæøå])-{_BLANK}(?:\r\n?|\n){_BLANK}(?=[a-zæøå])")
# A soft hyphen is only ever visible at a line break, so there it always joins.
_SOFT_BREAK = re.compile(rf"\u00ad{_BLANK}(?:\r\n?|\n){_BLANK}")
# "social- og sundhedsområdet": the hyphen belongs to a shortened compound, not a line break.
_KEEP_HYPHEN_BEFORE = re.compile(r"(og|eller|samt|til)\b")
_SPACE_CHARS = {"\u00a0": " ", "\t": " ", "\u2009": " ", "\u202f": " ", "\r": "\n"}
EDGE_LINES = 3          # header/footer candidates: this many non-empty lines at each page edge
MIN_REPEAT_SHARE = 0.5  # a line repeated at the edge of at least this share of pages is boilerplate


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _shape(line: str) -> str:
    """Line identity for repetition: digits vary ("Side 2 af 5"), the rest must match."""
    return re.sub(r"\d+", "#", " ".join(line.replace("\u00ad", "").split())).lower()


def _edge_spans(text: str) -> list[tuple[int, int]]:
    spans = [s for s in _line_spans(text) if text[s[0]:s[1]].strip()]
    return spans[:EDGE_LINES] + spans[-EDGE_LINES:] if len(spans) > 2 * EDGE_LINES else spans


def _boilerplate_shapes(pages: list[str]) -> set[str]:
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(page[a:b]) for a, b in _edge_spans(page)})
    needed = max(2, int(len(pages) * MIN_REPEAT_SHARE + 0.999))
    return {shape for shape, n in counts.items() if n >= needed and shape.strip()}


def _edge_deletions(text: str, shapes: set[str]) -> list[tuple[int, int]]:
    out = []
    for a, b in _edge_spans(text):
        line = text[a:b]
        if _shape(line) in shapes or _PAGE_NUMBER.match(line):
            # Take the line's own newline too, so a removed line leaves no blank line behind.
            out.append((a, b + 1) if b < len(text) else (max(a - 1, 0), b))
    return out


def normalize_page_mapped(text: str, boilerplate: set[str] = frozenset()) -> tuple[str, list[int]]:
    """Return (normalised text, source offset of each output character)."""
    dropped = {i for m in _SOFT_BREAK.finditer(text) for i in range(m.start(), m.end())}
    source = [i for i, ch in enumerate(text) if i not in dropped and ch != "\u00ad"]
    out, offsets = _normalize_view("".join(text[i] for i in source), boilerplate)
    return out, [source[i] for i in offsets]


def _normalize_view(text: str, boilerplate: set[str]) -> tuple[str, list[int]]:
    keep = [True] * len(text)
    chars = list(text)
    for a, b in _edge_deletions(text, set(boilerplate)):
        for i in range(a, b):
            keep[i] = False
    for match in _HYPHEN_BREAK.finditer(text):
        if not _KEEP_HYPHEN_BEFORE.match(text, match.end()):
            for i in range(match.start(), match.end()):
                keep[i] = False
    for i, ch in enumerate(chars):
        if ch == "\r" and i + 1 < len(chars) and chars[i + 1] == "\n":
            keep[i] = False
        elif ch in _SPACE_CHARS:
            chars[i] = _SPACE_CHARS[ch]
    kept = [(chars[i], i) for i in range(len(chars)) if keep[i]]
    out: list[tuple[str, int]] = []
    for ch, i in kept:
        if ch == " " and (not out or out[-1][0] in " \n"):
            continue
        if ch == "\n":
            while out and out[-1][0] == " ":
                out.pop()
            if len(out) >= 2 and out[-1][0] == "\n" and out[-2][0] == "\n":
                continue
            if not out:
                continue
        out.append((ch, i))
    while out and out[-1][0] in " \n":
        out.pop()
    return "".join(ch for ch, _ in out), [i for _, i in out]


def normalize_pages_mapped(pages: list[str]) -> list[tuple[str, list[int]]]:
    shapes = _boilerplate_shapes(pages)
    return [normalize_page_mapped(page, shapes) for page in pages]


def normalize_pages(pages: list[str]) -> list[str]:
    """Remove repeated headers/footers and page numbers, join end-of-line hyphenation, tidy whitespace.

    The same text as `normalize_pages_mapped`, built with regular expressions over whole strings
    instead of character by character (~1 ms a document less), for callers that need no offsets."""
    shapes = _boilerplate_shapes(pages)
    return [_normalize_text(page, shapes) for page in pages]


_SPACES = str.maketrans(_SPACE_CHARS)
_SPACE_RUN = re.compile(" +")
_AROUND_NEWLINE = re.compile(" *\n *")
_NEWLINE_RUN = re.compile("\n{3,}")


def _normalize_text(text: str, boilerplate: set[str]) -> str:
    text = _SOFT_BREAK.sub("", text).replace("\u00ad", "")
    cuts = _edge_deletions(text, boilerplate)
    cuts += [m.span() for m in _HYPHEN_BREAK.finditer(text) if not _KEEP_HYPHEN_BEFORE.match(text, m.end())]
    cuts += [(m.start(), m.start() + 1) for m in re.finditer("\r\n", text)]
    kept, pos = [], 0
    for a, b in sorted(cuts):
        if a > pos:
            kept.append(text[pos:a])
        pos = max(pos, b)
    kept.append(text[pos:])
    text = "".join(kept).translate(_SPACES)
    text = _AROUND_NEWLINE.sub("\n", _SPACE_RUN.sub(" ", text))
    return _NEWLINE_RUN.sub("\n\n", text).strip(" \n")

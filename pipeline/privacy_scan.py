"""Measure how much planted personal data survives in output files, and how precise the masking was.

Used on synthetic archives whose generator lists what it planted: `{"kind", "value", "role"}` per value.
Leaks are reported by kind, role and file, never with the value itself, so a scan report can be shared.
"""
from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.pii import KINDS, name_tokens

_TEXT_SUFFIXES = {".csv", ".txt", ".log", ".json", ".jsonl", ".md", ".html", ".htm", ".xml", ".yaml", ".yml"}


@dataclass(frozen=True)
class Leak:
    kind: str
    role: str
    path: str
    partial: bool          # only a part of a name (first name or surname) was found


@dataclass
class ScanReport:
    planted: dict[str, int] = field(default_factory=dict)       # distinct planted values per kind
    leaked: dict[str, int] = field(default_factory=dict)        # of those, found in some file
    leaks: list[Leak] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        """Share of planted values of this kind that no file contains (1.0 when none was planted)."""
        total = self.planted.get(kind, 0)
        return 1.0 if total == 0 else 1 - self.leaked.get(kind, 0) / total


def read_as_text(path: Path) -> str:
    """The text a person could read out of an output file: cells, sheet and column names, and its path."""
    suffix = path.suffix.lower()
    parts = [str(path)]
    if suffix == ".parquet":
        import pandas as pd

        frame = pd.read_parquet(path)
        parts += [str(c) for c in frame.columns]
        parts += [str(v) for v in frame.astype(str).to_numpy().ravel()]
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                parts += [str(v) for v in row if v is not None]
        book.close()
    else:
        text = path.read_bytes().decode("utf-8", errors="replace")
        if suffix not in _TEXT_SUFFIXES:
            text = text.replace("\x00", " ")
        parts.append(html.unescape(text) if suffix in {".html", ".htm", ".xml"} else text)
    return "\n".join(parts)


def _digits_pattern(value: str) -> re.Pattern | None:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 6:
        return None
    # A phone number planted as "+45 12 34 56 78" leaks just as much when written "12345678".
    body = r"[\s.\-]?".join(digits[-8:] if value.strip().startswith(("+45", "0045")) else digits)
    return re.compile(rf"(?<!\d){body}(?!\d)")


def value_patterns(kind: str, value: str) -> tuple[list[re.Pattern], list[re.Pattern]]:
    """Patterns for a planted value in full, and for its parts (names: each first name and surname)."""
    if kind in ("cpr", "phone"):
        pattern = _digits_pattern(value)
        full = [pattern] if pattern else [re.compile(re.escape(value))]
        digits = re.sub(r"\D", "", value)
        # The birth date alone ("født 010115") still points at the person.
        parts = [re.compile(rf"(?<!\d){digits[:6]}(?!\d)")] if kind == "cpr" and len(digits) == 10 else []
        return full, parts
    words = r"\s+".join(re.escape(w) for w in value.split())
    if kind == "address":
        street = re.match(r"\D+?(?=\s*\d)", value)
        parts = [re.compile(rf"(?<!\w){re.escape(street.group().strip())}(?!\w)")] if street else []
        return [re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)], parts
    if kind != "name":
        return [re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)], []
    # Danish genitive: "Emmas" is Emma's name too.
    full = [re.compile(rf"(?<!\w){words}(?:s|'s|’s)?(?!\w)", re.IGNORECASE)]
    parts = [re.compile(rf"(?<!\w){re.escape(t)}(?:s|'s|’s)?(?!\w)") for t in name_tokens(value) if len(t) > 2]
    return full, parts


def scan_files(paths: Iterable[Path], planted: list[dict]) -> ScanReport:
    """Count planted values still present in the files (per kind); a partial name counts as a leak too."""
    texts = {str(p): read_as_text(Path(p)) for p in paths}
    report = ScanReport()
    seen: set[tuple[str, str]] = set()
    for item in planted:
        kind, value, role = item["kind"], item["value"], item.get("role", "")
        if kind not in KINDS or (kind, value) in seen:
            continue
        seen.add((kind, value))
        report.planted[kind] = report.planted.get(kind, 0) + 1
        full, parts = value_patterns(kind, value)
        leaked = False
        for path, text in texts.items():
            if any(p.search(text) for p in full):
                report.leaks.append(Leak(kind, role, path, partial=False))
                leaked = True
            elif any(p.search(text) for p in parts):
                report.leaks.append(Leak(kind, role, path, partial=True))
                leaked = True
        if leaked:
            report.leaked[kind] = report.leaked.get(kind, 0) + 1
    return report


def _planted_ranges(text: str, planted: list[dict]) -> list[tuple[int, int]]:
    ranges = []
    for item in planted:
        full, parts = value_patterns(item["kind"], item["value"])
        for pattern in full + parts:
            ranges += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return ranges


def measure_precision(original: str, pseudonymised: str, planted: list[dict]) -> tuple[int, int]:
    """(masked_total, masked_wrong): words the pseudonymisation replaced, and those that were no planted value."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", original)]
    words_a = [original[s:e] for s, e in tokens]
    words_b = pseudonymised.split()
    ranges = _planted_ranges(original, planted)
    masked_total = masked_wrong = 0
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    for op, a0, a1, _, _ in matcher.get_opcodes():
        if op not in ("replace", "delete"):
            continue
        for s, e in tokens[a0:a1]:
            if not re.search(r"\w", original[s:e]):
                continue
            masked_total += 1
            if not any(s < r_end and r_start < e for r_start, r_end in ranges):
                masked_wrong += 1
    return masked_total, masked_wrong

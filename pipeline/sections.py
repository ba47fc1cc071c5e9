"""Sections from caseworker headings, and the kind of document read from its title (both as data)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from pipeline.lexicon import DATA_DIR

SECTIONS_PATH = DATA_DIR / "sections.yaml"
TITLE_CHARS = 600
TITLE_LINES = 3
# Types an extractor gives when the title did not settle it; the title words may still say more.
GENERIC_DOC_TYPES = frozenset({"", "andet", "journalnotat", "referat", "email"})


class SectionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    max_heading_chars: int
    sections: dict[str, list[str]]
    doc_kinds: dict[str, list[str]]


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class SectionRules:
    version: str
    max_heading_chars: int
    heading: re.Pattern[str]
    names: dict[str, str]                     # lower-cased heading phrase -> section name
    doc_kinds: tuple[tuple[str, re.Pattern[str]], ...]

    def find(self, text: str) -> list[Section]:
        """Sections in `text`, each from its heading to the next heading (the text before any heading has none)."""
        starts = [
            (m.start(), self.names[m.group(1).lower()])
            for m in self.heading.finditer(text)
            if len(m.group().strip()) <= self.max_heading_chars
        ]
        return [
            Section(start, starts[i + 1][0] if i + 1 < len(starts) else len(text), name)
            for i, (start, name) in enumerate(starts)
        ]

    def doc_kind(self, text: str) -> str:
        lines = [line.strip() for line in text[:TITLE_CHARS].lower().splitlines() if line.strip()]
        title = "\n".join(lines[:TITLE_LINES])
        for kind, regex in self.doc_kinds:
            if regex.search(title):
                return kind
        return "andet"


def effective_doc_type(doc_type: str, first_page: str, rules: SectionRules) -> str:
    """The extractor's type, unless it is generic and the title names a more telling one ("Revision af plan")."""
    if doc_type not in GENERIC_DOC_TYPES:
        return doc_type
    kind = rules.doc_kind(first_page)
    return kind if kind not in ("andet", "journalnotat") else (doc_type or "andet")


def section_at(sections: list[Section], offset: int) -> str:
    i = bisect_right([s.start for s in sections], offset) - 1
    return sections[i].name if i >= 0 and offset < sections[i].end else ""


def parse_sections(raw: dict) -> SectionRules:
    parsed = SectionsFile.model_validate(raw)
    names = {phrase.lower(): name for name, phrases in parsed.sections.items() for phrase in phrases}
    alternation = "|".join(re.escape(p) for p in sorted(names, key=len, reverse=True))
    # A heading line: the phrase, then nothing but an optional colon, a number or a short tail.
    # One scan of the whole text: a line holding only the phrase, an optional colon and a short tail.
    heading = re.compile(
        rf"^[ \t]*(?:\d+[.)]?[ \t]*)?({alternation})[ \t]*(?::[^\n]{{0,40}}|[ \t](?:om|vedr\.?|af|for|på)[ \t][^\n]{{0,50}})?$",
        re.IGNORECASE | re.MULTILINE,
    )
    kinds = tuple(
        (kind, re.compile("|".join(rf"\b{re.escape(w)}" for w in words))) for kind, words in parsed.doc_kinds.items()
    )
    return SectionRules(parsed.version, parsed.max_heading_chars, heading, names, kinds)


@cache
def load_sections(path: Path = SECTIONS_PATH) -> SectionRules:
    with path.open(encoding="utf-8") as fh:
        return parse_sections(yaml.safe_load(fh))

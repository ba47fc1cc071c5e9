"""The intervention lexicon: versioned YAML data, validated on load, compiled to regexes.

Kinds: `intervention` (SPEC §2 intervention ids), `placement_type`, `consent` and `exclusion`
(words that look like a label but are not one, e.g. "anbringelsestruet").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

DATA_DIR = Path(__file__).parent / "data"
LEXICON_PATH = DATA_DIR / "lexicon.yaml"

INTERVENTIONS = (
    "konsulentbistand", "dagtilbud", "praktisk_paedagogisk_stoette", "familiebehandling",
    "doegnophold_familie", "aflastning", "kontaktperson", "praktiksted", "oekonomisk_stoette",
    "stoetteperson_foraeldre", "anbringelse", "efterv", "anden_stoette",
)
PLACEMENT_TYPES = (
    "netvaerksplejefamilie", "plejefamilie", "forstaerket_plejefamilie", "specialiseret_plejefamilie",
    "opholdssted", "doegninstitution", "sikret_doegninstitution", "eget_vaerelse", "kost_efterskole",
)
CONSENTS = ("med_samtykke", "uden_samtykke")
Kind = Literal["intervention", "placement_type", "consent", "exclusion"]
_ALLOWED_VALUES: dict[str, tuple[str, ...]] = {
    "intervention": INTERVENTIONS, "placement_type": PLACEMENT_TYPES, "consent": CONSENTS,
}


class LexiconEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    kind: Kind
    value: str = ""
    patterns: list[str]
    priority: int = 0
    note: str = ""

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        if not patterns:
            raise ValueError("mindst ét mønster kræves")
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"ugyldigt mønster {pattern!r}: {exc}") from exc
        return patterns

    @model_validator(mode="after")
    def _value_matches_kind(self) -> LexiconEntry:
        if self.kind == "exclusion":
            if self.value:
                raise ValueError(f"{self.id}: en udelukkelse har ingen værdi")
        elif self.value not in _ALLOWED_VALUES[self.kind]:
            raise ValueError(
                f"{self.id}: værdien {self.value!r} findes ikke for {self.kind}; "
                f"gyldige: {', '.join(_ALLOWED_VALUES[self.kind])}"
            )
        return self


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    entries: list[LexiconEntry]

    @model_validator(mode="after")
    def _unique_ids(self) -> LexiconFile:
        ids = [e.id for e in self.entries]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"dublerede id'er: {', '.join(duplicates)}")
        return self


@dataclass(frozen=True)
class Mention:
    """A lexicon match in a text: char offsets, the entry that matched and its kind/value."""
    start: int
    end: int
    entry_id: str
    kind: str
    value: str
    priority: int


@dataclass(frozen=True)
class Lexicon:
    version: str
    entries: tuple[LexiconEntry, ...]
    compiled: tuple[tuple[str, re.Pattern[str]], ...]     # one regex per kind
    by_group: dict[str, LexiconEntry]

    def find(self, text: str) -> list[Mention]:
        """All non-overlapping mentions per kind in `text`; exclusions remove what they overlap."""
        lowered = text.lower()
        exclusions: list[tuple[int, int]] = []
        kept: list[Mention] = []
        for kind, regex in self.compiled:
            for m in regex.finditer(lowered):
                if kind == "exclusion":
                    exclusions.append(m.span())
                    continue
                entry = self.by_group[m.lastgroup or ""]
                kept.append(Mention(m.start(), m.end(), entry.id, kind, entry.value, entry.priority))
        if exclusions:
            kept = [k for k in kept if not any(k.start < e1 and e0 < k.end for e0, e1 in exclusions)]
        return sorted(kept, key=lambda m: (m.start, m.kind))


def flexible_spaces(pattern: str) -> str:
    """A space in a data pattern matches any run of whitespace: PDF text breaks lines between any two words."""
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


def parse_lexicon(raw: dict) -> Lexicon:
    """Validate a lexicon document (unknown keys are rejected) and compile one regex per kind.

    Within a kind the regex tries entries by descending priority, so at one position the more
    specific entry wins ("familieanbringelse" is døgnophold, not anbringelse); earlier starts win
    over later ones, which makes "forstærket plejefamilie" beat "plejefamilie".
    """
    parsed = LexiconFile.model_validate(raw)
    by_group = {f"e{i}": entry for i, entry in enumerate(parsed.entries)}
    compiled = []
    for kind in ("exclusion", "intervention", "placement_type", "consent"):
        groups = sorted(
            ((g, e) for g, e in by_group.items() if e.kind == kind), key=lambda ge: -ge[1].priority
        )
        if groups:
            body = "|".join(f"(?P<{g}>{'|'.join(map(flexible_spaces, e.patterns))})" for g, e in groups)
            compiled.append((kind, re.compile(rf"(?<!\w)(?:{body})(?!\w)")))
    return Lexicon(parsed.version, tuple(parsed.entries), tuple(compiled), by_group)


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    with path.open(encoding="utf-8") as fh:
        return parse_lexicon(yaml.safe_load(fh))

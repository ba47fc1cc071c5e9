"""Legal references ("§ 52, stk. 3, nr. 6", "jf. SEL § 58", "barnets lov § 47") -> SPEC labels.

The regime (SEL until 31.12.2023, barnets lov from 01.01.2024) comes from an explicit law name
next to the paragraph, else from the document date; forms that only serviceloven has ("§ 52 a",
"§ 52, stk. 3, nr. 6", "§ 11, stk. 3") are read as SEL in a later document too. A reference only
confirms what the words say; `pipeline.screen` gives a bare reference a lower confidence than a
worded mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Regime = Literal["SEL", "BL"]
BL_START = date(2024, 1, 1)

_LAW = r"(?P<law>serviceloven?s?|sel|barnets\s+lovs?|bl)"
_REF = re.compile(
    rf"(?:{_LAW}\s*)?§§?\s*(?P<num>\d{{1,3}})(?:\s*(?P<letter>[a-c])\b)?"
    r"(?:(?:\.(?P<dstk>\d{1,2})\.(?P<dnr>\d{1,2}))|(?:\s*,?\s*stk\.\s*(?P<stk>\d{1,2}))?(?:\s*,?\s*nr\.\s*(?P<nr>\d{1,2}))?)"
    rf"(?:\s*(?:i|efter|jf\.)?\s*{_LAW.replace('law', 'law_after')})?",
    re.IGNORECASE,
)
_NOT_A_MEASURE = re.compile(r"-(?:undersøgelse|us\b|forløb)", re.IGNORECASE)

_SEL_52_3 = {1: "dagtilbud", 2: "praktisk_paedagogisk_stoette", 3: "familiebehandling", 4: "doegnophold_familie",
             5: "aflastning", 6: "kontaktperson", 7: "anbringelse", 8: "praktiksted", 9: "anden_stoette"}
_BL_32_1 = {1: "dagtilbud", 2: "praktisk_paedagogisk_stoette", 3: "kontaktperson", 4: "praktiksted",
            5: "familiebehandling", 6: "doegnophold_familie", 7: "aflastning", 8: "anden_stoette"}


@dataclass(frozen=True)
class LegalRef:
    start: int
    end: int
    regime: Regime
    paragraph: int
    letter: str
    stk: int | None
    nr: int | None
    intervention: str            # SPEC intervention id, "" when the paragraph is no measure
    consent: str                 # med_samtykke | uden_samtykke | ""

    @property
    def label(self) -> str:
        parts = [f"{self.regime} § {self.paragraph}{(' ' + self.letter) if self.letter else ''}"]
        if self.stk:
            parts.append(f"stk. {self.stk}")
        if self.nr:
            parts.append(f"nr. {self.nr}")
        return ", ".join(parts)


def regime_for(law: str | None, doc_date: date | None) -> Regime:
    if law:
        return "BL" if law.lower().startswith(("barnets", "bl")) else "SEL"
    return "BL" if doc_date is not None and doc_date >= BL_START else "SEL"


def _sel(num: int, letter: str, stk: int | None, nr: int | None) -> tuple[str, str]:
    if num == 11 and stk == 3:
        return "konsulentbistand", ""
    if num == 52 and letter == "a":
        return "oekonomisk_stoette", ""
    if num == 52 and stk == 3 and nr in _SEL_52_3:
        return _SEL_52_3[nr], "med_samtykke" if nr == 7 else ""
    if num == 54:
        return "stoetteperson_foraeldre", ""
    if num == 58:
        return "anbringelse", "uden_samtykke"
    if num == 76:
        return "efterv", ""
    return "", ""


def _bl(num: int, stk: int | None, nr: int | None) -> tuple[str, str]:
    if num == 30:
        return "konsulentbistand", ""
    if num == 32 and nr in _BL_32_1:
        return _BL_32_1[nr], ""
    if num == 35:
        return "oekonomisk_stoette", ""
    if num == 46:
        return "anbringelse", "med_samtykke"
    if num in (47, 143):
        return "anbringelse", "uden_samtykke"
    if num in (75, 76):
        return "stoetteperson_foraeldre", ""
    if 114 <= num <= 116:
        return "efterv", ""
    return "", ""


def _sel_only(num: int, letter: str, stk: int | None, nr: int | None) -> bool:
    """Forms that exist only in serviceloven's numbering: a 2024 document that continues a measure
    granted in 2023 still writes "§ 52 a" or "§ 52, stk. 3, nr. 6" without naming the law."""
    return (num == 52 and (letter == "a" or (stk == 3 and nr is not None))) or (num == 11 and stk == 3)


def find_legal_refs(text: str, doc_date: date | None) -> list[LegalRef]:
    """Every paragraph reference in `text` with the measure it names under the resolved regime."""
    refs = []
    for m in _REF.finditer(text):
        if _NOT_A_MEASURE.match(text, m.end()):
            continue
        num = int(m.group("num"))
        letter = (m.group("letter") or "").lower()
        stk_raw, nr_raw = m.group("stk") or m.group("dstk"), m.group("nr") or m.group("dnr")
        stk, nr = (int(stk_raw) if stk_raw else None), (int(nr_raw) if nr_raw else None)
        law = m.group("law") or m.group("law_after")
        regime = regime_for(law, doc_date)
        intervention, consent = _sel(num, letter, stk, nr) if regime == "SEL" else _bl(num, stk, nr)
        if not intervention and not law and _sel_only(num, letter, stk, nr):
            regime, (intervention, consent) = "SEL", _sel(num, letter, stk, nr)
        refs.append(LegalRef(m.start(), m.end(), regime, num, letter, stk, nr, intervention, consent))
    return refs

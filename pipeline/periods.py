"""Measures whose stated period ended before the case's own documents begin are history, not grants.

"Familiebehandling i Familiecentret fra marts 2015 til august 2016" in a BFU written in 2017
describes what was tried before; the screening period runs from the case's first to its last
document (DOMAIN.md §5). The sentence must state the end itself: a range ("2015–2017",
"01.03.2015 – 31.08.2016", "fra marts 2015 til august 2016").
"""
from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from extractors.metadata import MONTHS
from pipeline.types import DocumentText, Finding

GRACE = timedelta(days=31)       # an end within a month of the first document is not clearly before it
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_POINT = rf"(?:(?:(?P<{{p}}d>\d{{{{1,2}}}})\.(?P<{{p}}m>\d{{{{1,2}}}})\.(?P<{{p}}y>(?:19|20)?\d\d))|" \
         rf"(?:(?:\d{{{{1,2}}}}\.?\s+)?(?P<{{p}}mn>{_MONTH})\.?\s+(?P<{{p}}my>(?:19|20)\d\d))|(?P<{{p}}yy>(?:19|20)\d\d))"
_RANGE = re.compile(
    r"\b" + _POINT.format(p="a") + r"\s*(?:–|-|—|til)\s*" + _POINT.format(p="b") + r"\b", re.IGNORECASE)


def _end_of(parts: dict[str, str | None]) -> date | None:
    if parts.get("bd"):
        year = int(parts["by"])
        year += 2000 if year < 100 else 0
        try:
            return date(year, int(parts["bm"]), int(parts["bd"]))
        except ValueError:
            return None
    if parts.get("bmn"):
        year, month = int(parts["bmy"]), MONTHS[parts["bmn"].lower()]
        return date(year, month, calendar.monthrange(year, month)[1])
    if parts.get("byy"):
        return date(int(parts["byy"]), 12, 31)
    return None


def stated_end(sentence: str) -> date | None:
    """The latest end of a period the sentence states explicitly (None when it states none)."""
    ends = [_end_of(m.groupdict()) for m in _RANGE.finditer(sentence)]
    return max((e for e in ends if e), default=None)


def resolve_periods(findings: list[Finding], docs: list[DocumentText]) -> list[Finding]:
    """Granted intervention mentions whose stated period ended before the case began become `historical`."""
    first = min((d.doc_date for d in docs if d.doc_date), default=None)
    if first is None:
        return findings
    out = []
    for f in findings:
        if f.criterion == "interventions" and f.counts:
            end = stated_end(f.evidence)
            if end is not None and end + GRACE < first:
                f = replace(f, status="historical", historical=True, rule_id=f"{f.rule_id}+sag:periode_slut")
        out.append(f)
    return out

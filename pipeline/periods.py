"""Measures whose stated period ended before the case's own documents begin are history, not grants.

"Familiebehandling i Familiecentret fra marts 2015 til august 2016" in a BFU written in 2017
describes what was tried before; the screening period runs from the case's first to its last
document (DOMAIN.md §5). The sentence must state the end itself: a range ("2015–2017",
"01.03.2015 – 31.08.2016", "03/2023-31/10/2023", "fra marts til oktober 2023").
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from extractors.metadata import MONTHS, date_from_parts

GRACE = timedelta(days=31)       # an end within a month of the first document is not clearly before it
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))


def _point(p: str, bare_month: bool = False) -> str:
    """One end of a range, its groups prefixed with `p`: 14.02.2017 | 31/10/2023 | 03/2023 | (1.) marts 2015 | 2015.

    With `bare_month`, also a month without a year ("fra marts til oktober 2023": the end's year is meant).
    """
    return (rf"(?:(?P<{p}d>\d{{1,2}})[./](?P<{p}m>\d{{1,2}})[./](?P<{p}y>(?:19|20)?\d\d)|"
            rf"(?P<{p}sm>\d{{1,2}})/(?P<{p}sy>(?:19|20)\d\d)|"
            rf"(?:\d{{1,2}}\.?\s+)?(?P<{p}mn>{_MONTH})\.?\s+(?P<{p}my>(?:19|20)\d\d)|"
            + (rf"(?P<{p}bm>{_MONTH})|" if bare_month else "")
            + rf"(?P<{p}yy>(?:19|20)\d\d))")


_RANGE = re.compile(rf"\b{_point('a', bare_month=True)}\s*(?:–|-|—|til)\s*{_point('b')}\b", re.IGNORECASE)


def _end_of(parts: dict[str, str | None]) -> date | None:
    if parts.get("bd"):
        return date_from_parts({"y": parts["by"], "m": parts["bm"], "d": parts["bd"]})
    if parts.get("bmn") or parts.get("bsm"):
        year = int(parts["bmy"] or parts["bsy"])
        month = MONTHS[parts["bmn"].lower()] if parts.get("bmn") else int(parts["bsm"])
        if not 1 <= month <= 12:
            return None
        return date(year, month, calendar.monthrange(year, month)[1])
    if parts.get("byy"):
        return date(int(parts["byy"]), 12, 31)
    return None


def stated_end(sentence: str) -> date | None:
    """The latest end of a period the sentence states explicitly (None when it states none)."""
    ends = [_end_of(m.groupdict()) for m in _RANGE.finditer(sentence)]
    return max((e for e in ends if e), default=None)


def ended_before(sentence: str, case_start: date) -> bool:
    """The sentence states a period that ended clearly before the case's first document."""
    end = stated_end(sentence)
    return end is not None and end + GRACE < case_start

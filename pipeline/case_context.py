"""Granted mentions re-read with what only the whole case knows: whose measure it is, and when it ended.

The screening reads one sentence at a time. Two things need the case: the relatives its documents
name (`pipeline.experiencer`) and the date of its first document (`pipeline.periods`). A mention
that fails either becomes `other_person` or `historical`, and says why in its rule id.
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.context import record_text
from pipeline.experiencer import case_people, names_relative_only
from pipeline.periods import ended_before
from pipeline.types import DocumentText, Finding


def _reclassified(f: Finding, status: str, reason: str) -> Finding:
    # `status` is "other_person" or "historical", each also a context flag of the finding.
    return replace(f, status=status, **{status: True}, rule_id=f"{f.rule_id}+{reason}")


def _period_text(f: Finding, pages: dict[tuple[str, int], str]) -> str:
    """Where a mention's period is stated: its sentence, or all of a case-system record it is a field of
    ("Ydelse: Aflastning" with "Bevilget periode: 01.03.2019 – 31.12.2020" two lines down)."""
    page = pages.get((f.document_id, f.page))
    record = record_text(page, f.start, f.end) if page and f.end > f.start else None
    return record or f.evidence


def resolve_case_context(findings: list[Finding], docs: list[DocumentText]) -> list[Finding]:
    """The findings with granted intervention mentions of a named relative, or of an earlier period, moved."""
    candidates = [f for f in findings if f.criterion == "interventions" and f.counts]
    if not candidates:
        return findings
    relatives, child = case_people(docs)
    case_start = min((d.doc_date for d in docs if d.doc_date), default=None)
    pages = {(d.document_id, i + 1): page for d in docs for i, page in enumerate(d.pages)}
    moved: dict[int, Finding] = {}
    for f in candidates:
        if names_relative_only(f.evidence, relatives, child):
            moved[id(f)] = _reclassified(f, "other_person", "sag:paarorende")
        elif case_start is not None and ended_before(_period_text(f, pages), case_start):
            moved[id(f)] = _reclassified(f, "historical", "sag:periode_slut")
    return [moved.get(id(f), f) for f in findings] if moved else findings

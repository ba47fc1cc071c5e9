"""Follow-up on effect (DOMAIN.md §5.3): goals -> later follow-ups that judge progress and state a consequence.

`dokumenteret`: goals stated, and a later follow-up document holds a progress verdict against a
goal (verbal or a before/after score) and a consequence for the intervention. `delvis`: goals or
follow-ups exist, the chain is incomplete. `mangler`: neither.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.lexicon import flexible_spaces
from pipeline.nlp import sentence_starts
from pipeline.sections import effective_doc_type, load_sections
from pipeline.types import DocumentText, Finding

FOLLOW_UP_TYPES = frozenset({"opfoelgning", "statusudtalelse", "referat", "handleplan"})  # a revised plan follows up
GOAL_TYPES = frozenset({"handleplan", "afgoerelse"})
# A heading line on its own ("Formål", "Mål", "Formål med indsatsen") opens the goals; the next sentence states them.
GOAL_HEADING = re.compile(r"^\s*(?:formål(?: med \w+)?|mål|mål og delmål|delmål|målsætning(?:er)?)\s*:?\s*$", re.IGNORECASE)

GOAL = re.compile(flexible_spaces(
    r"\b(?:(?:over)?ordnet formål|formålet (?:med|er)|formål\s*:|delmål\w*|mål(?:et|ene)?\s*(?:\d+\s*)?(?:er|for|:|om|at|[–-])|"
    r"succeskriteri\w*|indikator\w*|målsætning\w*)|"
    r"^[\t\x20]*(?:mål|mål og delmål|målsætninger)[\t\x20]*:?[\t\x20]*\n[\t\x20]*(?:1[.)]|-|•)"), re.IGNORECASE | re.MULTILINE)
VERDICT = re.compile(flexible_spaces(
    r"\b(?:(?:er|blev|var|anses for)\s+(?:nu\s+)?(?:delvist\s+|ikke\s+|fuldt\s+|helt\s+)?(?:nået|opnået|opfyldt|indfriet|lykkedes)|"
    r"målopfyldelse\w*|delvis målopfyldelse|positiv udvikling|ingen udvikling|ingen fremgang|fremgang\w*|"
    r"progression\w*|uændret|forværret|forværring\w*|forbedret|forbedring\w*)"), re.IGNORECASE)
# A goal line answered with its verdict: "Mål 2 – fravær: Opfyldt.", "Delmål 1.1 (...): Delvist nået."
VERDICT_LABEL = re.compile(flexible_spaces(
    r"(?:^|[:–\-]\s*|\.\s+)(?:delvist\s+|delvis\s+|ikke\s+|fuldt\s+|helt\s+|i\s+høj\s+grad\s+)?"
    r"(?:nået|opnået|opfyldt|indfriet)\b"), re.IGNORECASE | re.MULTILINE)
# A verdict on the intervention's effect as a whole: "Anbringelsen har haft en tydelig positiv effekt".
EFFECT = re.compile(flexible_spaces(
    r"\b(?:har|havde)\s+(?:haft\s+|ikke\s+haft\s+)?(?:\w+\s+){0,3}?(?:effekt|virkning)\b|"
    r"\b(?:har|havde)\s+(?:ikke\s+)?virket\b|\b(?:indsatsen|støtten|forløbet|behandlingen|anbringelsen)\s+virker\b"),
    re.IGNORECASE)
SCORE = re.compile(flexible_spaces(
    r"\b(?:sdq\w*|skala\w*|skalering\w*|score\w*|trivselslinealen|fit|ors)\b[^.\n]{0,120}?\bfra\s+\d+(?:[.,]\d+)?\s+til\s+\d+"),
    re.IGNORECASE)
CONSEQUENCE = re.compile(flexible_spaces(
    r"\b(?:fortsætter|videreføres|videreført|justeres|justeret|ændres|ophører|afsluttes|afsluttet|forlænges|"
    r"forlænget|nedsættes|nedjusteres|øges|opjusteres|erstattes|stoppes|bevilges fortsat|indstilles til ophør|"
    r"fortsættes|stopper|bringes til ophør|trappes ned|udvides)\b"),
    re.IGNORECASE)
GENERIC_KINDS = frozenset({"", "andet", "email", "journalnotat"})
SUBJECT_CHARS = 400
STATUS_SUBJECT = re.compile(r"^(?:emne|subject|vedr\.?)\s*:[^\n]*\b(?:status\w*|opfølgning\w*)", re.IGNORECASE | re.MULTILINE)
GOAL_WORD = re.compile(flexible_spaces(r"\b(?:mål\w*|delmål\w*|formål\w*|succeskriteri\w*)"), re.IGNORECASE)
STATUS_TALK = re.compile(flexible_spaces(r"\b(?:opfølgning\w*|status\w*|statusmøde\w*|går (?:godt|fint)|trives)\b"), re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    doc: DocumentText
    page: int
    start: int
    end: int
    sentence: str


def _sentences(doc: DocumentText):
    for page_no, text in enumerate(doc.pages, 1):
        starts = sentence_starts(text) + [len(text)]
        for s0, s1 in zip(starts, starts[1:], strict=False):
            yield page_no, s0, s1, text[s0:s1]


def _first(doc: DocumentText, *patterns: re.Pattern[str]) -> Hit | None:
    for page_no, s0, s1, sentence in _sentences(doc):
        if all(p.search(sentence) for p in patterns):
            return Hit(doc, page_no, s0, s1, " ".join(sentence.split())[:300])
    return None


def _goal(doc: DocumentText) -> Hit | None:
    """The first goal statement: a sentence naming goals, or a goal heading with the sentence under it."""
    heading = None
    for page_no, s0, s1, sentence in _sentences(doc):
        if heading is not None and heading[0] == page_no and sentence.strip():
            return Hit(doc, page_no, heading[1], s1, " ".join(doc.pages[page_no - 1][heading[1]:s1].split())[:300])
        if GOAL.search(sentence):
            return Hit(doc, page_no, s0, s1, " ".join(sentence.split())[:300])
        heading = (page_no, s0) if GOAL_HEADING.match(sentence) else None
    return None


def _kind(doc: DocumentText, rules) -> str:
    """The document kind for follow-up: an e-mail or note whose subject is a status counts as a status report."""
    first = doc.pages[0] if doc.pages else ""
    kind = effective_doc_type(doc.doc_type, first, rules)
    if kind in GENERIC_KINDS and STATUS_SUBJECT.search(first[:SUBJECT_CHARS]):
        return "statusudtalelse"
    return kind


def _after(doc: DocumentText, start: date | None) -> bool:
    return start is None or doc.doc_date is None or doc.doc_date >= start


def assess_follow_up(case_id: str, docs: list[DocumentText], start: date | None) -> tuple[str, list[Finding]]:
    """The follow-up level for the case and the evidence chain (goal, verdict, consequence findings)."""
    rules = load_sections()
    kinds = {d.document_id: _kind(d, rules) for d in docs}
    goal_hits = [h for d in docs if kinds[d.document_id] in GOAL_TYPES if (h := _goal(d))]
    follow_docs = sorted(
        (d for d in docs if kinds[d.document_id] in FOLLOW_UP_TYPES and _after(d, start)),
        key=lambda d: d.doc_date or date.min,
    )
    chain: list[Hit] = []
    for doc in follow_docs:
        verdict = (_first(doc, GOAL_WORD, VERDICT) or _first(doc, VERDICT_LABEL) or _first(doc, EFFECT)
                   or _first(doc, SCORE))
        consequence = _first(doc, CONSEQUENCE)
        if verdict and consequence:
            chain = [verdict, consequence]
            break
    status_hits = [h for d in follow_docs if (h := _first(d, STATUS_TALK))]
    if goal_hits and chain:
        level, evidence = "dokumenteret", [goal_hits[0], *chain]
    elif goal_hits or status_hits:
        level, evidence = "delvis", (goal_hits[:1] + status_hits[:1])
    else:
        level, evidence = "mangler", []
    findings = [
        Finding(case_id=case_id, document_id=h.doc.document_id, criterion="follow_up_effect", value=level,
                page=h.page, evidence=h.sentence, start=h.start, end=h.end, rule_id=f"follow_up:{role}",
                doc_date=h.doc.doc_date, doc_type=h.doc.doc_type, confidence=0.8)
        for h, role in zip(evidence, _roles(level, evidence, goal_hits), strict=False)
    ]
    return level, findings


def _roles(level: str, evidence: list[Hit], goal_hits: list[Hit]) -> list[str]:
    if level == "dokumenteret":
        return ["goal", "verdict", "consequence"]
    return ["goal" if goal_hits and h is goal_hits[0] else "status" for h in evidence]

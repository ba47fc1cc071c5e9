"""Documents -> findings: lexicon mentions and legal references with context, status and confidence.

`Screener()` builds the NLP pipeline, the lexicon, the context rules and the status model once;
`Screener.screen(docs)` runs `nlp.pipe` over every page of every document. Each finding says which
rule or model produced it, the words, the context flags, the page and the offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np

from models.status_model import MODEL_PATH, StatusClassifier, load_model, mark_mention
from pipeline.context import ContextFlags, apply_field_status, load_context
from pipeline.legal_refs import find_legal_refs
from pipeline.nlp import build_nlp, sentence_bounds
from pipeline.sections import effective_doc_type, load_sections, section_at
from pipeline.types import DocumentText, Finding
from pipeline.versions import screening_version

EVIDENCE_CHARS = 300
MODEL_OVERRIDE = 0.85          # the model overrules a trigger-less "granted" only when this sure
MODEL_TIE_BREAK = 0.5          # ... and picks between conflicting rule statuses only when this sure
LEGAL_REF_CONFIDENCE = 0.6     # a bare paragraph number without the words ...
LEGAL_DECISION_CONFIDENCE = 0.8  # ... in a sentence that decides ("Der træffes afgørelse om støtte efter § 32, ...")
_YEAR = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\b")
_STATUS_OF_CATEGORY = (
    ("other_person", "other_person"), ("negated", "refused"), ("historical", "historical"),
)


def __getattr__(name: str) -> str:
    # SCREENING_VERSION is computed on first use so that importing the module reads no files.
    if name == "SCREENING_VERSION":
        return screening_version()
    raise AttributeError(name)


@dataclass
class _Pending:
    """A finding waiting for the batched model call."""
    finding: Finding
    flags: ContextFlags
    model_text: str


class Screener:
    def __init__(self, use_model: bool = True) -> None:
        self.nlp = build_nlp()
        self.context = load_context()
        self.sections = load_sections()
        self.model: StatusClassifier | None = load_model() if use_model and MODEL_PATH.exists() else None

    def screen(self, docs: Iterable[DocumentText], batch_size: int = 32) -> list[Finding]:
        """Findings of every page."""
        pending: list[_Pending] = []
        pages = self._pages(docs)
        for spacy_doc, (doc, page_no, doc_type) in self.nlp.pipe(pages, as_tuples=True, batch_size=batch_size):
            pending.extend(self._mention_findings(spacy_doc, doc, page_no, doc_type))
            pending.extend(self._legal_findings(spacy_doc, doc, page_no, doc_type))
        self._apply_model(pending)
        return [p.finding for p in pending]

    def _pages(self, docs: Iterable[DocumentText]) -> Iterator[tuple[str, tuple[DocumentText, int, str]]]:
        for doc in docs:
            doc_type = effective_doc_type(doc.doc_type, doc.pages[0] if doc.pages else "", self.sections)
            for page_no, text in enumerate(doc.pages, 1):
                if text.strip():
                    yield text, (doc, page_no, doc_type)

    def _mention_findings(self, spacy_doc, doc: DocumentText, page_no: int, doc_type: str) -> list[_Pending]:
        out = []
        text = spacy_doc._.text
        for cm in spacy_doc._.contexts:
            m = cm.mention
            mark_dated_history(cm.flags, text[cm.sent_start:cm.sent_end], doc.doc_date)
            apply_field_status(cm.flags, text, m.start, m.end)
            criterion = "interventions" if m.kind == "intervention" else m.kind
            finding = _finding(doc, page_no, doc_type, criterion, m.value, text, m.start, m.end, cm.sent_start,
                               cm.sent_end, f"lexicon:{m.entry_id}", cm.flags, cm.section)
            sentence = text[cm.sent_start:cm.sent_end]
            model_text = mark_mention(sentence, m.start - cm.sent_start, m.end - cm.sent_start)
            out.append(_Pending(finding, cm.flags, model_text))
        return out

    def _legal_findings(self, spacy_doc, doc: DocumentText, page_no: int, doc_type: str) -> list[_Pending]:
        out = []
        text = spacy_doc._.text
        for ref in find_legal_refs(text, doc.doc_date):
            if not ref.intervention:
                continue
            s0, s1 = sentence_bounds(spacy_doc, ref.start, ref.end)
            if _words_disagree(spacy_doc._.mentions, ref.intervention, s0, s1):
                continue
            sentence = text[s0:s1]
            flags = self.context.flags(sentence, ref.start - s0, ref.end - s0)
            self.context.inherit_list_intro(flags, text, s0)
            apply_field_status(flags, text, ref.start, ref.end)
            mark_dated_history(flags, sentence, doc.doc_date)
            section = section_at(spacy_doc._.sections, ref.start)
            if section == "klagevejledning":
                flags.boilerplate = True
            model_text = mark_mention(sentence, ref.start - s0, ref.end - s0)
            for criterion, value in (("interventions", ref.intervention), ("consent", ref.consent)):
                if value:
                    finding = _finding(doc, page_no, doc_type, criterion, value, text, ref.start, ref.end, s0, s1,
                                       f"legal:{ref.label}", flags, section)
                    finding.confidence = LEGAL_DECISION_CONFIDENCE if flags.decision else LEGAL_REF_CONFIDENCE
                    out.append(_Pending(finding, flags, model_text))
        return out

    def _apply_model(self, pending: list[_Pending]) -> None:
        by_text: dict[str, np.ndarray] = {}
        if self.model is not None and pending:
            # Case files repeat their sentences (templates, copied paragraphs): each is classified once.
            texts = list(dict.fromkeys(p.model_text for p in pending))
            by_text = dict(zip(texts, self.model.predict_proba(texts), strict=True))
        classes = list(self.model.classes_) if self.model is not None else []
        for item in pending:
            proba = by_text.get(item.model_text)
            status, confidence, source = decide_status(item.flags, item.finding.criterion, proba, classes)
            finding = item.finding
            finding.status = status
            finding.confidence = min(finding.confidence, confidence) if finding.rule_id.startswith("legal:") else confidence
            if source:
                finding.rule_id += f"+{source}"


def decide_status(
    flags: ContextFlags, criterion: str, proba: np.ndarray | None, classes: list[str]
) -> tuple[str, float, str]:
    """Combine rule flags and model probabilities into (status, confidence, model tag or "")."""
    if flags.boilerplate:
        return "boilerplate", 0.95, ""
    candidates = [status for category, status in _STATUS_OF_CATEGORY if getattr(flags, category)]
    if criterion == "consent" and "refused" in candidates:
        candidates.remove("refused")  # consent phrases carry their own negation ("giver ikke samtykke")
    if flags.is_hypothetical:
        candidates.append("considered")
    if proba is None:
        status = candidates[0] if candidates else "granted"
        return status, (0.85 if candidates or flags.decision else 0.7), ""
    scores = dict(zip(classes, proba.tolist(), strict=False))
    if len(candidates) > 1:
        # Conflicting rules: the model decides when it clearly prefers one; else the rule order stands.
        best = max(candidates, key=lambda s: scores.get(s, 0.0))
        if scores.get(best, 0.0) >= MODEL_TIE_BREAK:
            return best, scores[best], "model:status"
        return candidates[0], scores.get(candidates[0], 0.0), ""
    if candidates:
        return candidates[0], max(scores.get(candidates[0], 0.0), 0.8), ""
    # History is decided by trigger words and dates, which the model does not see, so it may not claim it.
    best = max((c for c in scores if c != "historical"), key=scores.__getitem__)
    if not flags.decision and best != "granted" and scores[best] >= MODEL_OVERRIDE and criterion != "consent":
        return best, scores[best], "model:status"
    # No trigger argues against the mention: the rule stands, the model only moves the confidence.
    return "granted", max(0.5 + 0.5 * scores.get("granted", 0.0), 0.9 if flags.decision else 0.0), ""


def _words_disagree(mentions: list, value: str, s0: int, s1: int) -> bool:
    """The sentence names measures in words, none of them the one the paragraph number maps to.

    Numbering changed over time (old § 52, stk. 3 ran to nr. 10): the words decide, the number only supports.
    """
    i = bisect_left(mentions, s0, key=lambda m: m.start)
    named = set()
    while i < len(mentions) and mentions[i].start < s1:
        if mentions[i].kind == "intervention":
            named.add(mentions[i].value)
        i += 1
    return bool(named) and value not in named


def _finding(doc: DocumentText, page_no: int, doc_type: str, criterion: str, value: str, text: str, start: int,
             end: int, s0: int, s1: int, rule_id: str, flags: ContextFlags, section: str) -> Finding:
    finding = Finding(
        case_id=doc.case_id, document_id=doc.document_id, criterion=criterion, value=value, page=page_no,
        evidence=evidence_quote(text, start, end, s0, s1), start=start, end=end, rule_id=rule_id,
        negated=flags.negated, hypothetical=flags.is_hypothetical, historical=flags.historical,
        other_person=flags.other_person, reported=flags.reported, doc_date=doc.doc_date, doc_type=doc_type,
        section=section,
    )
    return finding


def mark_dated_history(flags: ContextFlags, sentence: str, doc_date: date | None) -> None:
    """A sentence whose latest year lies well before the document's date tells history ("i 2016 ...")."""
    years = [int(y) for y in _YEAR.findall(sentence)]
    if years and doc_date is not None and max(years) < doc_date.year - 1:
        flags.historical = True
        flags.triggers.append("date_before_document")


def evidence_quote(text: str, start: int, end: int, s0: int, s1: int) -> str:
    """The sentence around the match, whitespace collapsed, at most EVIDENCE_CHARS characters."""
    if s1 - s0 > EVIDENCE_CHARS:
        half = (EVIDENCE_CHARS - (end - start)) // 2
        s0 = max(s0, start - half)
        s1 = min(s1, s0 + EVIDENCE_CHARS)
    return " ".join(text[s0:s1].split())

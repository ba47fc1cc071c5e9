from datetime import date

import pipeline.screen as screen_module
from pipeline.context import ContextFlags
from pipeline.screen import decide_status, evidence_quote
from pipeline.types import DocumentText
from pipeline.versions import RULES_VERSION


def test_screening_version_is_stable_and_names_the_rules():
    version = screen_module.SCREENING_VERSION
    assert version == screen_module.screening_version() and version.startswith(RULES_VERSION)


def test_findings_explain_themselves(screener):
    page1 = "Afgørelse\nVi har truffet afgørelse om aflastning jf. § 52, stk. 3, nr. 5."
    page2 = "Mor var selv anbragt som barn."
    doc = DocumentText("C-9", "doc-9", [page1, page2], "afgoerelse", date(2022, 1, 5))
    findings = screener.screen([doc])
    lexical = next(f for f in findings if f.rule_id.startswith("lexicon:int_aflastning"))
    assert (lexical.case_id, lexical.document_id, lexical.page, lexical.doc_type) == ("C-9", "doc-9", 1, "afgoerelse")
    assert page1[lexical.start:lexical.end] == "aflastning" and lexical.status == "granted"
    assert lexical.doc_date == date(2022, 1, 5) and lexical.section == "afgoerelse"
    assert "aflastning" in lexical.evidence and 0 < lexical.confidence <= 1
    legal = next(f for f in findings if f.rule_id.startswith("legal:SEL § 52, stk. 3, nr. 5"))
    assert legal.value == "aflastning" and legal.confidence == screen_module.LEGAL_DECISION_CONFIDENCE  # "truffet afgørelse"
    other = next(f for f in findings if f.page == 2)
    assert other.status == "other_person" and other.other_person


def test_evidence_is_trimmed_around_the_match():
    text = "ord " * 200 + "aflastning" + " ord" * 200
    start = text.index("aflastning")
    quote = evidence_quote(text, start, start + 10, 0, len(text))
    assert len(quote) <= 300 and "aflastning" in quote


def test_rules_win_unless_they_conflict():
    classes = ["considered", "granted", "historical", "other_person", "refused"]
    both = ContextFlags(negated=True, hypothetical=True)
    import numpy as np
    status, _, source = decide_status(both, "interventions", np.array([0.7, 0.1, 0.05, 0.05, 0.1]), classes)
    assert (status, source) == ("considered", "model:status")
    plain = ContextFlags()
    status, confidence, _ = decide_status(plain, "interventions", np.array([0.1, 0.8, 0.05, 0.0, 0.05]), classes)
    assert status == "granted" and confidence >= 0.9
    boiler = ContextFlags(boilerplate=True, negated=True)
    assert decide_status(boiler, "interventions", None, classes)[0] == "boilerplate"


def test_empty_pages_are_skipped(screener):
    assert screener.screen([DocumentText("C", "d", ["", "   "], "andet", None)]) == []

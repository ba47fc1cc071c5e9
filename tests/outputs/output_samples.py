"""Hand-built, synthetic results shared by the output-writer tests (no real persons)."""
from __future__ import annotations

from datetime import date

from pipeline.tables import DocumentRow
from pipeline.types import CaseResult, Finding

HOSTILE_EVIDENCE = '<script>alert("x")</script> & =HYPERLINK("http://x") \x07'


def make_cases() -> list[CaseResult]:
    return [
        CaseResult(
            case_id="SAG-003",
            setting="begge",
            interventions=["familiebehandling", "anbringelse", "aflastning"],
            placement_type="plejefamilie",
            consent="uden_samtykke",
            follow_up_effect="delvis",
            flags=["opfoelgning_mangler", "aflastning_uden_formaal"],
            confidence={"setting": 0.912345, "consent": 0.7, "interventions": 0.8},
            extra={"period_start": "2021-03-01", "period_end": "2023-12-31"},
        ),
        CaseResult(
            case_id="SAG-001",
            setting="hjemmebaseret",
            interventions=["kontaktperson"],
            placement_type=None,
            consent=None,
            follow_up_effect="dokumenteret",
        ),
        CaseResult(
            case_id="SAG-002",
            setting="ingen",
            interventions=[],
            placement_type=None,
            consent=None,
            follow_up_effect="mangler",
            flags=["dokument_fejl"],
        ),
        CaseResult(
            case_id="SAG-004",
            setting="anbringelse",
            interventions=["anbringelse"],
            placement_type="opholdssted",
            consent="med_samtykke",
            follow_up_effect="mangler",
            flags=["opfoelgning_mangler"],
        ),
    ]


DOC_COUNTS = {"SAG-001": (4, 0), "SAG-002": (2, 1), "SAG-003": (7, 0), "SAG-004": (3, 1)}


def make_findings() -> list[Finding]:
    return [
        Finding("SAG-003", "b" * 64, "interventions", "aflastning", 2, "bevilget aflastning hver anden weekend",
                start=40, end=50, rule_id="lex:aflastning", confidence=0.9, doc_date=date(2021, 4, 1),
                doc_type="afgoerelse"),
        Finding("SAG-003", "a" * 64, "flag", "opfoelgning_mangler", 1, "Der er ikke fulgt op siden [PERSON_1] flyttede",
                rule_id="flag:opfoelgning", confidence=0.6),
        Finding("SAG-003", "a" * 64, "interventions", "familiebehandling", 1, "familiebehandling afsluttet i 2015",
                start=5, end=22, rule_id="lex:familiebehandling", status="historical", historical=True),
        Finding("SAG-001", "c" * 64, "interventions", "kontaktperson", 3, HOSTILE_EVIDENCE,
                start=0, end=12, rule_id="lex:kontaktperson", confidence=0.95),
        Finding("SAG-004", "d" * 64, "placement_type", "opholdssted", 1, "anbragt på opholdssted",
                start=3, end=20, rule_id="lex:opholdssted", negated=False, reported=True),
    ]


def make_documents() -> list[DocumentRow]:
    return [
        DocumentRow("SAG-003", "b" * 64, "SAG-003/afgoerelse.pdf", "ok", "", "pdf", "text", 3, 4200,
                    doc_type="afgoerelse", doc_date=date(2021, 4, 1)),
        DocumentRow("SAG-001", "c" * 64, "SAG-001/scan.pdf", "ok", "", "pdf", "ocr", 2, 1800,
                    ocr_pages=2, ocr_confidence=88.123456),
        DocumentRow("SAG-002", "e" * 64, "SAG-002/tom.docx", "failed", "Filen er tom (0 byte).", "unknown", "none", 0, 0,
                    error_code="E_EMPTY"),
        DocumentRow("SAG-004", "f" * 64, "SAG-004/hemmelig.pdf", "failed",
                    "Filen er beskyttet med adgangskode og kunne ikke åbnes.", "pdf", "none", 0, 0,
                    error_code="E_ENCRYPTED", extension_mismatch=True),
        DocumentRow("SAG-004", "d" * 64, "SAG-004/blandet.pdf", "partial", "Tekstgenkendelse (OCR) af siden mislykkedes.",
                    "pdf", "mixed", 4, 3000, error_code="E_OCR_FAILED", ocr_pages=1),
    ]

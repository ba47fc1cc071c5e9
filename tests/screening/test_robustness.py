"""Granted versus merely mentioned: wording the generator does not use (sentences written for these tests)."""
from datetime import date

import pytest

from pipeline.aggregate import aggregate_case
from pipeline.context import list_intro
from pipeline.follow_up import assess_follow_up
from pipeline.types import DocumentText


def _statuses(findings, value):
    return {f.status for f in findings if f.criterion == "interventions" and f.value == value}


@pytest.mark.parametrize("sentence,value,status", [
    # a refusal phrased as an assessment, reaching past ", som"
    ("Forvaltningen vurderer ikke, at Emma har behov for støtte, som kan begrunde en aflastningsfamilie.",
     "aflastning", "refused"),
    ("Nikolaj er selv imod at komme i aflastning hos en fremmed familie.", "aflastning", "refused"),
    ("Der har været tilbudt familiebehandling, men far har ikke villet tage imod tilbuddet.",
     "familiebehandling", "refused"),
    # generic possibilities and requests are not grants
    ("På hjemmesiden står der, at man kan søge om en kontaktperson.", "kontaktperson", "considered"),
    ("Mor spørger igen til aflastning i weekenderne.", "aflastning", "considered"),
    # an earlier trial that did not work is history
    ("Hjemmebaseret støtte i form af familiebehandling har været afprøvet i et år uden varig effekt.",
     "familiebehandling", "historical"),
    # somebody else's case or treatment
    ("Storebroderens kontaktperson fortsætter, men det hører under Mikkels egen sag.", "kontaktperson", "other_person"),
    ("Far er begyndt i dagbehandling for sit alkoholmisbrug.", "dagtilbud", "other_person"),
    ("Familien har fået tilbud om et forældrekursus via BUC efter udredningen.", "konsulentbistand", "other_person"),
    ("Der er bevilget en kontaktperson i hendes sag fra 1. marts.", "kontaktperson", "granted"),
    # who attended a meeting is not what was granted
    ("Til stede: mor, far, kontaktperson Lise Holm og rådgiver.", "kontaktperson", "boilerplate"),
])
def test_mentions_that_are_not_grants(screen_sentence, sentence, value, status):
    assert status in _statuses(screen_sentence(sentence, doc_type="journalnotat"), value)


def test_list_items_inherit_the_lead_in(screen_sentence):
    text = ("Afgørelse\n\nI får bevilget:\n• Familiebehandling to timer om ugen.\n  Formål: færre konflikter.\n\n"
            "I får afslag på:\n• Aflastning en weekend om måneden efter § 52, stk. 3, nr. 5.\n")
    findings = screen_sentence(text)
    assert _statuses(findings, "familiebehandling") == {"granted"}
    assert "granted" not in _statuses(findings, "aflastning")
    assert list_intro(text, text.index("• Aflastning")) == "I får afslag på:"
    assert list_intro(text, text.index("  Formål")) == ""


def test_words_outrank_a_paragraph_number_that_names_another_measure(screen_sentence):
    # old numbering: nr. 7 was once the contact person, today it is a placement
    findings = screen_sentence("2) Fast kontaktperson til Sebastian efter § 52, stk. 3, nr. 7.",
                               doc_date=date(2010, 5, 1))
    assert "anbringelse" not in {f.value for f in findings if f.criterion == "interventions"}
    assert "granted" in _statuses(findings, "kontaktperson")
    # a bare number with no measure named in words still counts as support
    bare = screen_sentence("Foranstaltningen efter § 52, stk. 3, nr. 7 fortsætter.", doc_date=date(2010, 5, 1))
    assert "anbringelse" in {f.value for f in bare if f.criterion == "interventions"}


def test_a_grant_that_later_lapses_was_still_granted(screen_sentence):
    findings = screen_sentence("Den økonomiske støtte til svømning bortfalder, når anbringelsen begynder.")
    assert "refused" not in _statuses(findings, "oekonomisk_stoette")


def _doc(i, doc_type, day, text):
    return DocumentText("C-2", f"d{i}", [text], doc_type, day)


def test_labelled_goal_verdicts_document_the_follow_up():
    docs = [
        _doc(1, "handleplan", date(2024, 1, 10),
             "Barnets plan\n\nFormål: Rasmus får en stabil skolegang.\n\nMål\n1. Rasmus møder i skole hver dag.\n"
             "2. Rasmus spiser morgenmad hjemme."),
        _doc(2, "opfoelgning", date(2024, 6, 1),
             "Opfølgning\n\nMål 1 – fremmøde: Delvist nået. Fraværet er faldet.\nMål 2 – morgenmad: Opfyldt.\n\n"
             "Støtten fortsætter med færre timer."),
    ]
    level, evidence = assess_follow_up("C-2", docs, date(2024, 1, 10))
    assert level == "dokumenteret" and [f.rule_id for f in evidence][:2] == ["follow_up:goal", "follow_up:verdict"]


def test_effect_verdict_without_goal_word_counts():
    docs = [
        _doc(1, "handleplan", date(2024, 1, 10), "Plan\nFormål: Freja skal have ro og faste voksne."),
        _doc(2, "opfoelgning", date(2024, 9, 1),
             "Opfølgning\nVurdering: Opholdet har haft den ønskede virkning og fortsætter."),
    ]
    assert assess_follow_up("C-2", docs, date(2024, 1, 10))[0] == "dokumenteret"


def test_status_mail_from_a_provider_is_a_status_report():
    docs = [_doc(1, "andet", date(2024, 5, 1),
                 "Fra: kursusleder\nTil: rådgiver\nEmne: Status på forældrekursus\n\nForældrene har deltaget hver gang.")]
    assert assess_follow_up("C-2", docs, date(2024, 3, 1))[0] == "delvis"
    practical = [_doc(1, "andet", date(2024, 5, 1), "Fra: mor\nEmne: Aflysning af møde\n\nVi kan ikke komme.")]
    assert assess_follow_up("C-2", practical, date(2024, 3, 1))[0] == "mangler"


def test_every_case_level_finding_has_evidence_or_an_explanation(screener):
    refused = [_doc(1, "afgoerelse", date(2024, 2, 1), "Afgørelse\nI får afslag på aflastning."),
               _doc(2, "journalnotat", date(2024, 2, 5), "Journalnotat\nMor ringede.")]
    result, extra = aggregate_case("C-2", screener.screen(refused), refused)
    assert result.setting == "ingen"
    assert all(f.evidence for f in extra)
    setting = next(f for f in extra if f.criterion == "setting")
    assert setting.evidence == "Ingen bevilgede indsatser fundet i 2 dokumenter"
    placed = [_doc(1, "afgoerelse", date(2024, 2, 1), "Afgørelse\nLukas anbringes i en plejefamilie fra 1. marts.")]
    result, extra = aggregate_case("C-2", screener.screen(placed), placed)
    assert result.setting == "anbringelse" and all(f.evidence for f in extra)
    assert "anbringes" in next(f for f in extra if f.criterion == "setting").evidence

"""Case-level context: a relative's measure, a period that ended before the case, a record's status field."""
from datetime import date

import pytest

from pipeline.aggregate import aggregate_case
from pipeline.context import field_status
from pipeline.experiencer import case_people, names_relative_only
from pipeline.periods import stated_end
from pipeline.screen import Screener
from pipeline.types import DocumentText


def _doc(text, doc_type="journalnotat", day=date(2024, 3, 1), doc_id="d1"):
    return DocumentText(case_id="C-1", document_id=doc_id, pages=[text], doc_type=doc_type, doc_date=day)


@pytest.fixture(scope="module")
def screener():
    return Screener()


@pytest.mark.parametrize("intro", [
    "Søskende: Mikkel, 14 år (egen sag).", "Barnets storebror Mikkel bor på Solgården.",
    "Mikkel (bror) er 14 år.", "Mikkel, 14 år, (halvbror) har egen sag.", "Halvbror: Mikkel Jensen",
])
def test_relatives_are_found_from_the_case_text(intro):
    relatives, child = case_people([_doc("Barnets navn: Ida Kjær\n" + intro)])
    assert relatives == {"Mikkel"} and child == {"Ida"}


def test_a_list_of_family_members_names_no_relative():
    assert case_people([_doc("Til stede: mor, Ida og far.")])[0] == frozenset()


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Mikkel blev anbragt på Solgården i august.", True),
    ("Mikkels anbringelse fylder meget.", True),
    ("Mikkel og Ida blev begge anbragt.", False),          # the child is named too
    ("Barnet savner Mikkel, efter at hun blev anbragt.", False),
    ("Ida er anbragt i plejefamilie.", False),
])
def test_a_sentence_is_a_relatives_only_when_the_child_is_not_in_it(sentence, expected):
    assert names_relative_only(sentence, frozenset({"Mikkel"}), frozenset({"Ida"})) is expected


def test_siblings_placement_does_not_make_the_child_placed(screener):
    docs = [_doc("Barnets navn: Ida Kjær\nSøskende: Mikkel, 14 år.\nMikkel blev anbragt på døgninstitutionen "
                 "Solgården i august 2023.\nMikkel er fortsat anbragt.", doc_id="d1"),
            _doc("AFGØRELSE\nIda bevilges familiebehandling efter barnets lov § 32, stk. 1, nr. 5.",
                 doc_type="afgoerelse", doc_id="d2")]
    result, _ = aggregate_case("C-1", screener.screen(docs), docs)
    assert result.interventions == ["familiebehandling"] and result.setting == "hjemmebaseret"


@pytest.mark.parametrize(("sentence", "end"), [
    ("Familiebehandling fra marts 2015 til august 2016.", date(2016, 8, 31)),
    ("Periode: 15.08.2016 – 14.02.2017", date(2017, 2, 14)),
    ("Kontaktperson 2019-2020, afsluttet.", date(2020, 12, 31)),
    ("fra 1. marts 2015 til 31. august 2016", date(2016, 8, 31)),
    ("efter § 52, stk. 3, nr. 3", None),
    ("mødet kl. 10-12", None),
    ("ppst i hjemmet (SEL § 52, stk. 3, nr. 2) 03/2023-31/10/2023, ophørt ved fraflytning", date(2023, 10, 31)),
    ("Der var praktisk pædagogisk støtte fra marts til oktober 2023.", date(2023, 10, 31)),
    ("aflastning 14/2023-2024", date(2024, 12, 31)),      # no month 14: only the year range is read
])
def test_stated_period_end(sentence, end):
    assert stated_end(sentence) == end


def test_measure_whose_period_ended_before_the_case_is_history(screener):
    docs = [_doc("Børnefaglig undersøgelse\nTidligere indsatser:\n- Praktisk pædagogisk støtte i hjemmet "
                 "fra januar 2017 til juni 2017.", doc_type="boernefaglig_undersoegelse", day=date(2019, 5, 1)),
            _doc("AFGØRELSE\nDer bevilges aflastning i en aflastningsfamilie en weekend om måneden.",
                 doc_type="afgoerelse", day=date(2019, 6, 1), doc_id="d2"),
            _doc("Praktisk pædagogisk støtte i hjemmet blev iværksat fra januar 2017 til juni 2017.",
                 doc_type="afgoerelse", day=date(2019, 6, 1), doc_id="d3")]
    result, _ = aggregate_case("C-1", screener.screen(docs), docs)
    assert result.interventions == ["aflastning"]


RECORDS = """Ydelse:   Fast kontaktperson
Status:   Bevilget
-----------------
Ydelse:   Aflastningsordning
Lovgrundlag: SEL § 52, stk. 3, nr. 5
Status:   Afslået
-----------------
Ydelse:   Anbringelse uden for hjemmet
Status:   Ikke relevant

Ydelse:   Familiebehandling
Status:   Under behandling
"""


@pytest.mark.parametrize(("word", "category"), [
    ("Fast kontaktperson", "decision"), ("Aflastningsordning", "negated"),
    ("Anbringelse uden", "negated"), ("Familiebehandling", "hypothetical"),
])
def test_record_status_field_governs_its_measure(word, category):
    i = RECORDS.index(word)
    assert field_status(RECORDS, i, i + len(word)) == category


FORM = """Samlet oversigt
Familiebehandling (§ 32, stk. 1, nr. 5) ............ ☒ Bevilget
Praktisk pædagogisk støtte (§ 32, stk. 1, nr. 2) ... ☐ Bevilget – tilbudt, ikke ønsket
Anbringelse (§ 46 / § 47) ........................... ☐ Ja ☒ Nej
"""


@pytest.mark.parametrize(("word", "category"), [
    ("Familiebehandling", "decision"), ("Praktisk pædagogisk", "negated"), ("Anbringelse (", "negated"),
])
def test_checkbox_after_the_measure_on_its_line_decides(word, category):
    i = FORM.index(word)
    assert field_status(FORM, i, i + len(word)) == category


BOX_LISTS = ("Indsatser i sagen: ☒ Økonomisk støtte (§ 35) ☐ Støttende indsats (§ 32) ☐ Ungestøtte (§ 114)\n"
             "Dagbehandling (§ 32.1.1) ☒ Familiebehandling (§ 32.1.5) ☒ Anbringelse (§ 46/47) ☐ Aflastning ☐\n"
             "[ ] Kontaktperson/fast voksen  [x] Praktisk pædagogisk støtte\n")


@pytest.mark.parametrize(("word", "category"), [
    ("Økonomisk", "decision"), ("Ungestøtte", "negated"), ("§ 114", "negated"),         # box before its label
    ("Familiebehandling", "decision"), ("Anbringelse", "negated"), ("Aflastning", "negated"),   # box after
    ("Kontaktperson", "negated"), ("Praktisk", "decision"),                              # ASCII boxes
])
def test_a_list_of_measures_with_a_box_each_pairs_each_box_with_its_label(word, category):
    i = BOX_LISTS.index(word)
    assert field_status(BOX_LISTS, i, i + len(word)) == category


def test_a_record_that_ended_before_the_case_is_history_for_all_its_fields(screener):
    export = ("Indsats 3\nYdelse: Aflastning\nLovgrundlag: SEL § 52, stk. 3, nr. 5\n"
              "Bevilget periode: 01.03.2019 – 31.12.2020\nStatus: Afsluttet\n\nUngeplan: revideret 11.12.2023\n")
    result, _ = aggregate_case("C-1", screener.screen([_doc(export, "andet", date(2024, 1, 10))]),
                            [_doc(export, "andet", date(2024, 1, 10))])
    assert "aflastning" not in result.interventions


def test_dot_leader_lines_are_sentences_of_their_own():
    from pipeline.nlp import sentence_starts

    starts = sentence_starts(FORM)
    assert {FORM.index("Familiebehandling"), FORM.index("Praktisk"), FORM.index("Anbringelse")} <= set(starts)
    assert FORM.index("☒ Bevilget") not in starts


def test_later_fields_share_the_record_status_and_sibling_sections_are_not_the_child():
    i = RECORDS.index("SEL § 52, stk. 3, nr. 5")
    assert field_status(RECORDS, i, i + 20) == "negated"          # Lovgrundlag line of the refused record
    export = ("--- Ydelser (Mikkel) ---\nYdelse: Fast kontaktperson\nStatus: Bevilget\n\n"
              "Ydelse: Anbringelse uden for hjemmet\nStatus: Ikke oprettet\n\n"
              "--- Ydelser (Nicklas, søskendesag) ---\nYdelse: Anbringelse uden for hjemmet – døgninstitution\n"
              "Lovgrundlag: SEL § 52, stk. 3, nr. 7\nStatus: Aktiv\n")
    first, second = export.index("Anbringelse"), export.rindex("Anbringelse")
    assert field_status(export, export.index("Fast"), export.index("Fast") + 4) == "decision"
    assert field_status(export, first, first + 11) == "negated"
    assert field_status(export, second, second + 11) == "other_person"
    ref = export.index("SEL § 52, stk. 3, nr. 7")
    assert field_status(export, ref, ref + 10) == "other_person"


def test_table_row_status_cell_and_plain_sentences():
    row = "Støtteperson til mor (§ 54) | – | – | Tilbudt; mor har endnu ikke taget stilling"
    assert field_status(row, 0, 12) == "hypothetical"
    assert field_status("Kontaktperson | Ungeteamet | 2024 | Aktiv", 0, 13) == "decision"
    sentence = "Der bevilges aflastning. Status: afslået i en anden sag."
    assert field_status(sentence, 13, 23) is None


def test_refused_record_is_not_a_grant(screener):
    docs = [_doc(RECORDS, doc_type="afgoerelse")]
    result, _ = aggregate_case("C-1", screener.screen(docs), docs)
    assert "aflastning" not in result.interventions and "anbringelse" not in result.interventions
    assert "kontaktperson" in result.interventions


def test_resolved_findings_say_what_the_case_decided(screener):
    from pipeline.case_context import resolve_case_context

    docs = [_doc("Barnets navn: Ida Kjær\nSøskende: Mikkel, 14 år.\nMikkel blev anbragt på Solgården i august 2023.\n"
                 "Ida fik praktisk pædagogisk støtte fra januar 2016 til juni 2016.", day=date(2017, 3, 1))]
    resolved = resolve_case_context(screener.screen(docs), docs)
    by_value = {f.value: f for f in resolved if f.criterion == "interventions" and not f.rule_id.startswith("legal:")}
    assert by_value["anbringelse"].status == "other_person" and by_value["anbringelse"].other_person
    assert by_value["anbringelse"].rule_id.endswith("+sag:paarorende")
    assert by_value["praktisk_paedagogisk_stoette"].status == "historical"
    assert by_value["praktisk_paedagogisk_stoette"].rule_id.endswith("+sag:periode_slut")

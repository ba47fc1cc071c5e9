"""Case-level labels from whole (small, hand-written) case files."""
from datetime import date

import pytest

from pipeline.aggregate import aggregate_case
from pipeline.types import DocumentText


def _case(*docs):
    return [DocumentText("C-1", f"d{i}", [text], doc_type, day) for i, (doc_type, day, text) in enumerate(docs)]


BFU = ("boernefaglig_undersoegelse", date(2023, 2, 1),
       "Børnefaglig undersøgelse\nSamtale med barnet: Emil fortæller om skolen.\n"
       "Konklusion: Forvaltningen vurderer, at der er behov for familiebehandling.")
PLAN = ("handleplan", date(2023, 4, 1),
        "Handleplan\nOverordnet formål: Emil kommer i skole.\nMål 1: Emil kommer i skole mindst 4 dage om ugen.")
FOLLOW_UP_FULL = ("opfoelgning", date(2023, 7, 1),
                  "Opfølgning\nDelmål 1 er delvist nået. SDQ-totalscoren er faldet fra 22 til 16.\n"
                  "Indsatsen fortsætter i 3 måneder.")
FOLLOW_UP_THIN = ("statusudtalelse", date(2023, 7, 1), "Statusudtalelse\nDet går fint. Sagen drøftes igen.")

CASES = {
    "ingen": (
        _case(BFU, ("afgoerelse", date(2023, 3, 1), "Afgørelse\nDu har fået afslag på familiebehandling.")),
        dict(setting="ingen", interventions=[], placement_type=None, consent=None, follow_up_effect="mangler"),
    ),
    "hjemme_dokumenteret": (
        _case(BFU, ("afgoerelse", date(2023, 3, 1), "Afgørelse\nVi har bevilget familiebehandling efter § 52, stk. 3, nr. 3."),
              PLAN, FOLLOW_UP_FULL),
        dict(setting="hjemmebaseret", interventions=["familiebehandling"], placement_type=None, consent=None,
             follow_up_effect="dokumenteret"),
    ),
    "hjemme_delvis": (
        _case(BFU, ("afgoerelse", date(2023, 3, 1), "Afgørelse\nVi har bevilget familiebehandling."), PLAN, FOLLOW_UP_THIN),
        dict(setting="hjemmebaseret", interventions=["familiebehandling"], follow_up_effect="delvis"),
    ),
    "anbringelse_uden_samtykke": (
        _case(BFU,
              ("afgoerelse", date(2023, 3, 1),
               "Afgørelse om anbringelse uden for hjemmet\nBørne- og ungeudvalget har truffet afgørelse om anbringelse "
               "uden samtykke i en forstærket plejefamilie, jf. barnets lov § 47.\nPlejeforældrene er godkendt."),
              ("handleplan", date(2023, 4, 1), "Barnets plan\nMor var selv anbragt som barn. Mål: Emil trives.")),
        dict(setting="anbringelse", interventions=["anbringelse"], placement_type="forstaerket_plejefamilie",
             consent="uden_samtykke"),
    ),
    "begge_med_samtykke": (
        _case(BFU,
              ("afgoerelse", date(2021, 3, 1), "Afgørelse\nVi har bevilget aflastning hver anden weekend. Formål: ro i hjemmet."),
              ("afgoerelse", date(2022, 3, 1),
               "Afgørelse om anbringelse\nForældrene har givet samtykke. Emil anbringes på et opholdssted, "
               "jf. servicelovens § 52, stk. 3, nr. 7.")),
        dict(setting="begge", interventions=["aflastning", "anbringelse"], placement_type="opholdssted",
             consent="med_samtykke"),
    ),
    "familieanbringelse_er_ikke_anbringelse": (
        _case(("afgoerelse", date(2024, 3, 1), "Afgørelse\nVi har truffet afgørelse om familieanbringelse efter § 32, stk. 1, nr. 6.")),
        dict(setting="hjemmebaseret", interventions=["doegnophold_familie"], placement_type=None),
    ),
    "udgifter_i_anbringelsen_er_ikke_oekonomisk_stoette": (
        _case(("afgoerelse", date(2024, 3, 1),
               "Afgørelse om anbringelse\nForældrene har givet samtykke. Emil anbringes i en plejefamilie, jf. barnets "
               "lov § 46. Kommunen betaler Emils kontingent i fodboldklubben og transport til samvær.")),
        dict(setting="anbringelse", interventions=["anbringelse"]),
    ),
    "oekonomisk_stoette_med_paragraf_i_anbringelsen": (
        _case(("afgoerelse", date(2024, 3, 1),
               "Afgørelse om anbringelse\nForældrene har givet samtykke. Emil anbringes i en plejefamilie, jf. barnets "
               "lov § 46.\nVi bevilger betaling af kontingent til bokseklubben, jf. barnets lov § 35, stk. 3.")),
        dict(setting="begge", interventions=["anbringelse", "oekonomisk_stoette"]),
    ),
    "oekonomisk_stoette_hjemme": (
        _case(("afgoerelse", date(2024, 3, 1), "Afgørelse\nKommunen betaler Emils kontingent i fodboldklubben.")),
        dict(setting="hjemmebaseret", interventions=["oekonomisk_stoette"]),
    ),
    "gammel_anbringelse_i_ny_bfu": (
        _case(("boernefaglig_undersoegelse", date(2024, 3, 1),
               "Børnefaglig undersøgelse\nSofie var anbragt i plejefamilie fra 2015 til 2016."),
              ("afgoerelse", date(2024, 5, 1), "Afgørelse\nVi har bevilget en fast kontaktperson til Sofie.")),
        dict(setting="hjemmebaseret", interventions=["kontaktperson"]),
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_case_labels(screener, name):
    docs, expected = CASES[name]
    result, extra = aggregate_case("C-1", screener.screen(docs), docs)
    for field, value in expected.items():
        assert getattr(result, field) == value, field
    assert {f.criterion for f in extra} >= {"setting"}


def test_every_case_finding_cites_evidence(screener):
    docs, _ = CASES["anbringelse_uden_samtykke"]
    _, extra = aggregate_case("C-1", screener.screen(docs), docs)
    cited = {f.criterion: f for f in extra if f.criterion != "flag"}
    for criterion in ("interventions", "placement_type", "consent"):
        assert cited[criterion].evidence and cited[criterion].document_id and cited[criterion].rule_id.startswith("aggregate:")


@pytest.mark.parametrize("name,flag,expected", [
    ("hjemme_delvis", "opfoelgning_mangler", False),
    ("anbringelse_uden_samtykke", "indgribende_uden_mindre_indgribende_forsoeg", False),
    ("begge_med_samtykke", "indgribende_uden_mindre_indgribende_forsoeg", False),
    ("hjemme_dokumenteret", "boernesamtale_mangler", False),
])
def test_flags(screener, name, flag, expected):
    docs, _ = CASES[name]
    result, _ = aggregate_case("C-1", screener.screen(docs), docs)
    assert (flag in result.flags) is expected


def test_flags_from_missing_pieces(screener):
    docs = _case(("afgoerelse", date(2023, 3, 1), "Afgørelse\nVi har bevilget aflastning hver anden weekend."),
                 ("underretning", date(2022, 1, 1), "Underretning\nSkolen er bekymret."),
                 ("boernefaglig_undersoegelse", date(2022, 9, 1), "Børnefaglig undersøgelse\nKonklusion."))
    result, extra = aggregate_case("C-1", screener.screen(docs), docs, n_failed_documents=2)
    assert {"aflastning_uden_formaal", "opfoelgning_mangler", "boernesamtale_mangler", "frist_overskredet",
            "dokument_fejl"} <= set(result.flags)
    assert {f.value for f in extra if f.criterion == "flag"} == set(result.flags)


def test_institution_without_earlier_help_is_flagged(screener):
    docs = _case(("afgoerelse", date(2023, 3, 1),
                  "Afgørelse\nForældrene har givet samtykke. Emil anbringes på en døgninstitution fra 1.3.2023."))
    result, _ = aggregate_case("C-1", screener.screen(docs), docs)
    assert "indgribende_uden_mindre_indgribende_forsoeg" in result.flags


def test_conflicting_consent_is_flagged(screener):
    docs = _case(("afgoerelse", date(2023, 3, 1),
                  "Afgørelse\nEmil er anbragt i plejefamilie med samtykke fra forældrene, jf. § 52, stk. 3, nr. 7."),
                 ("afgoerelse", date(2023, 3, 2),
                  "Afgørelse\nBørn og unge-udvalget har truffet afgørelse om anbringelse uden samtykke, jf. § 58."))
    result, _ = aggregate_case("C-1", screener.screen(docs), docs)
    assert "modstridende_oplysninger" in result.flags


def test_young_person_consenting_against_parents_is_uden_samtykke_without_conflict(screener):
    docs = _case(("afgoerelse", date(2024, 2, 1),
                  "Afgørelse om anbringelse\nEllen anbringes på en døgninstitution. Ellen, der er fyldt 15 år, har givet "
                  "samtykke til anbringelsen, men forældremyndighedsindehaverne giver\nikke samtykke. Børne- og "
                  "ungeudvalget har derfor truffet afgørelse efter barnets lov § 47."))
    result, _ = aggregate_case("C-1", screener.screen(docs), docs)
    assert result.consent == "uden_samtykke" and "modstridende_oplysninger" not in result.flags

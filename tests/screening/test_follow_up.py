"""DOMAIN.md §5.3 examples: goal -> follow-up with verdict and consequence."""
from datetime import date

import pytest

from pipeline.follow_up import assess_follow_up
from pipeline.types import DocumentText

START = date(2023, 3, 1)
GOALS = ("handleplan", date(2023, 3, 15),
         "Handleplan\nOverordnet formål: Emil kommer i skole.\nDelmål 2: Emil kommer i skole mindst 4 dage om ugen.")


def _docs(*docs):
    return [DocumentText("C", f"d{i}", [t], k, d) for i, (k, d, t) in enumerate(docs)]


@pytest.mark.parametrize("follow_up,expected", [
    ("Delmål 2 (Emil kommer i skole mindst 4 dage om ugen) er delvist nået. Fraværet er faldet fra 45 % til 20 %. "
     "SDQ-totalscore er faldet fra 22 til 16. Familiebehandlingen fortsætter i 3 måneder; timetallet nedsættes.",
     "dokumenteret"),
    ("Målet om stabil samværsafvikling er opfyldt. Aflastningen ophører pr. 1. juni, da formålet er nået.", "dokumenteret"),
    ("På skalaen 0-10 er skoletrivslen steget fra 3 til 7. Indsatsen justeres.", "dokumenteret"),
    ("Vurdering: målet er opnået. Støtten bringes til ophør.", "dokumenteret"),
    ("Der ses en positiv udvikling i forhold til delmål 2. Forløbet fortsættes.", "dokumenteret"),
    ("ORS-scoren steg fra 18 til 27. Forløbet fortsætter.", "dokumenteret"),
    ("Det går godt med Emil. Indsatsen forlænges.", "delvis"),
    ("Emil har haft 12 samtaler med sin kontaktperson. Status: uændret.", "delvis"),
    ("Kontaktpersonen ser Sofie hver uge, og de har en god relation. Indsatsen forlænges med 6 måneder.", "delvis"),
    ("På skalaen 0–10 vurderer mor familiens situation til 6 (ved opstart 3).", "delvis"),
    ("Status fra familiebehandler vedlagt. Sagen drøftes igen ved næste opfølgning.", "delvis"),
])
def test_follow_up_levels(follow_up, expected):
    docs = _docs(GOALS, ("opfoelgning", date(2023, 6, 1), "Opfølgning\n" + follow_up))
    level, findings = assess_follow_up("C", docs, START)
    assert level == expected
    assert findings and all(f.criterion == "follow_up_effect" and f.value == expected for f in findings)


def test_documented_chain_names_goal_verdict_and_consequence():
    docs = _docs(GOALS, ("opfoelgning", date(2023, 6, 1),
                         "Opfølgning\nMålet er nået. Indsatsen ophører."))
    _, findings = assess_follow_up("C", docs, START)
    assert [f.rule_id for f in findings] == ["follow_up:goal", "follow_up:verdict", "follow_up:consequence"]


def test_follow_up_before_the_start_does_not_count():
    docs = _docs(GOALS, ("opfoelgning", date(2022, 6, 1), "Opfølgning\nMålet er nået. Indsatsen ophører."))
    assert assess_follow_up("C", docs, START)[0] == "delvis"


def test_nothing_is_missing():
    docs = _docs(("afgoerelse", date(2023, 3, 1), "Afgørelse\nBevillingen af aflastning forlænges uændret til 31.12."))
    assert assess_follow_up("C", docs, START)[0] == "mangler"


def test_verdict_in_a_revised_plan_counts():
    docs = _docs(GOALS, ("journalnotat", date(2023, 8, 1),
                         "Revision af plan - 01.08.2023\nDelmål: vurdering: målet er delvist nået.\n"
                         "På baggrund af vurderingen fortsætter indsatsen uændret."))
    assert assess_follow_up("C", docs, START)[0] == "dokumenteret"

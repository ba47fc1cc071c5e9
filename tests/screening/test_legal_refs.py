from datetime import date

import pytest

from pipeline.legal_refs import find_legal_refs

OLD, NEW = date(2021, 6, 1), date(2024, 6, 1)

REFS = [
    ("foranstaltning efter § 52, stk. 3, nr. 6", OLD, "SEL", "kontaktperson", ""),
    ("jf. servicelovens § 52, stk. 3, nr. 5", OLD, "SEL", "aflastning", ""),
    ("§ 52 stk. 3 nr. 3", OLD, "SEL", "familiebehandling", ""),
    ("§ 52.3.4", OLD, "SEL", "doegnophold_familie", ""),
    ("§ 52, stk. 3, nr. 7", OLD, "SEL", "anbringelse", "med_samtykke"),
    ("jf. SEL § 58", NEW, "SEL", "anbringelse", "uden_samtykke"),
    ("§ 52 a", OLD, "SEL", "oekonomisk_stoette", ""),
    ("servicelovens § 54", OLD, "SEL", "stoetteperson_foraeldre", ""),
    ("§ 76", OLD, "SEL", "efterv", ""),
    ("§ 76", NEW, "BL", "stoetteperson_foraeldre", ""),
    ("§ 11, stk. 3", OLD, "SEL", "konsulentbistand", ""),
    ("barnets lov § 30", None, "BL", "konsulentbistand", ""),
    ("§ 32, stk. 1, nr. 3", NEW, "BL", "kontaktperson", ""),
    ("§ 32, stk. 1, nr. 7", NEW, "BL", "aflastning", ""),
    ("BL § 32, stk. 1, nr. 5", OLD, "BL", "familiebehandling", ""),
    ("§ 46 i barnets lov", None, "BL", "anbringelse", "med_samtykke"),
    ("anbringelse efter barnets lov § 47", None, "BL", "anbringelse", "uden_samtykke"),
    ("§ 47", NEW, "BL", "anbringelse", "uden_samtykke"),
    ("§ 35", NEW, "BL", "oekonomisk_stoette", ""),
    ("§§ 114–116", NEW, "BL", "efterv", ""),
    # a later document continuing an SEL grant, without naming the law: forms only SEL has
    ("økonomisk støtte jf. § 52 a", NEW, "SEL", "oekonomisk_stoette", ""),
    ("forlænget efter § 52, stk. 3, nr. 9", NEW, "SEL", "anden_stoette", ""),
    ("§ 11, stk. 3", NEW, "SEL", "konsulentbistand", ""),
]


@pytest.mark.parametrize("text,doc_date,regime,intervention,consent", REFS)
def test_reference_maps_to_label(text, doc_date, regime, intervention, consent):
    refs = [r for r in find_legal_refs(text, doc_date) if r.intervention]
    assert [(r.regime, r.intervention, r.consent) for r in refs] == [(regime, intervention, consent)]


@pytest.mark.parametrize("text,doc_date", [
    ("§ 50-undersøgelse", OLD), ("§ 50-us. blev afsluttet", OLD), ("forvaltningslovens § 19", NEW),
    ("§ 32", NEW), ("§ 48", OLD), ("§ 140", OLD),
    ("§ 52", NEW), ("barnets lov § 52, stk. 3", NEW), ("barnets lov § 11, stk. 3", None),
])
def test_references_that_name_no_measure(text, doc_date):
    assert not [r for r in find_legal_refs(text, doc_date) if r.intervention]


def test_offsets_point_at_the_reference():
    text = "Afgørelse jf. § 52, stk. 3, nr. 6 om kontaktperson."
    (ref,) = find_legal_refs(text, OLD)
    assert text[ref.start:ref.end].startswith("§ 52") and ref.label == "SEL § 52, stk. 3, nr. 6"

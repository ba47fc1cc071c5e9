"""Every SPEC.md §2 label id has a Danish label, and the shared lookups behave."""
from __future__ import annotations

import pytest

from pipeline import labels
from pipeline.tables import (
    CASE_COLUMNS,
    DOCUMENT_COLUMNS,
    DOCUMENT_EXTRA_COLUMNS,
    FINDING_COLUMNS,
    FINDING_CONTEXT_COLUMNS,
)

# Copied from SPEC.md §2 on purpose: a label added there must be added here and in labels.py.
SPEC_IDS = {
    "setting": ["hjemmebaseret", "anbringelse", "begge", "ingen"],
    "interventions": [
        "konsulentbistand", "dagtilbud", "praktisk_paedagogisk_stoette", "familiebehandling",
        "doegnophold_familie", "aflastning", "kontaktperson", "praktiksted", "oekonomisk_stoette",
        "stoetteperson_foraeldre", "anbringelse", "efterv", "anden_stoette",
    ],
    "placement_type": [
        "netvaerksplejefamilie", "plejefamilie", "forstaerket_plejefamilie", "specialiseret_plejefamilie",
        "opholdssted", "doegninstitution", "sikret_doegninstitution", "eget_vaerelse", "kost_efterskole",
    ],
    "consent": ["med_samtykke", "uden_samtykke"],
    "follow_up_effect": ["dokumenteret", "delvis", "mangler"],
    "flag": [
        "opfoelgning_mangler", "aflastning_uden_formaal", "indgribende_uden_mindre_indgribende_forsoeg",
        "frist_overskredet", "boernesamtale_mangler", "modstridende_oplysninger", "lav_sikkerhed", "dokument_fejl",
    ],
    "document_status": ["ok", "partial", "failed", "skipped"],
    "method": ["text", "ocr", "mixed", "none"],
}


@pytest.mark.parametrize(
    ("vocabulary", "label_id"), [(v, i) for v, ids in SPEC_IDS.items() for i in ids]
)
def test_every_spec_id_has_a_danish_label(vocabulary, label_id):
    label = labels.value_label(vocabulary, label_id)
    assert label and label != label_id


@pytest.mark.parametrize("vocabulary", sorted(SPEC_IDS))
def test_vocabularies_hold_exactly_the_spec_ids(vocabulary):
    assert list(labels.VALUE_LABELS[vocabulary]) == SPEC_IDS[vocabulary]


@pytest.mark.parametrize(
    ("vocabulary", "label_id", "expected"),
    [
        ("setting", "hjemmebaseret", "Hjemmebaseret støtte"),
        ("consent", "uden_samtykke", "Uden samtykke"),
        ("flag", "opfoelgning_mangler", "Opfølgning mangler"),
        ("flag_reasons", "opfoelgning_mangler", "Opfølgning mangler"),
        ("placement_type", "doegninstitution", "Døgninstitution"),
        ("boolean", "true", "Ja"),
        ("setting", "ukendt_id", "ukendt_id"),
        ("no_such_vocabulary", "x", "x"),
    ],
)
def test_value_label(vocabulary, label_id, expected):
    assert labels.value_label(vocabulary, label_id) == expected


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ("aflastning;kontaktperson", "Aflastning / støtteophold; Fast kontaktperson"),
        ("", ""),
        (["efterv", "nyt_id"], "Efterværn / ungestøtte; nyt_id"),
    ],
)
def test_joined_labels(ids, expected):
    assert labels.joined_labels("interventions", ids) == expected


@pytest.mark.parametrize(
    "column", CASE_COLUMNS + FINDING_COLUMNS + FINDING_CONTEXT_COLUMNS + DOCUMENT_COLUMNS + DOCUMENT_EXTRA_COLUMNS
)
def test_every_table_column_has_a_danish_header(column):
    assert labels.column_label(column) != column


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("case_id", "Sags-id"),
        ("follow_up_effect", "Opfølgning på effekt"),
        ("n_failed_documents", "Antal fejlede dokumenter"),
        ("confidence_consent", "Sikkerhed: Samtykke"),
        ("confidence_nyt", "Sikkerhed: nyt"),
        ("some_future_column", "some_future_column"),
    ],
)
def test_column_label(column, expected):
    assert labels.column_label(column) == expected

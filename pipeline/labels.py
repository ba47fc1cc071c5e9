"""Danish display labels for the SPEC label ids and the table columns.

One data module shared by the Excel workbook, the HTML report and the review app, so the
municipality reads the same words everywhere. Ids stay the stable ASCII ids of SPEC.md §2;
only what a person sees is translated here.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

SETTING_LABELS: dict[str, str] = {
    "hjemmebaseret": "Hjemmebaseret støtte",
    "anbringelse": "Anbringelse uden for hjemmet",
    "begge": "Både hjemmebaseret støtte og anbringelse",
    "ingen": "Ingen indsats bevilget",
}

INTERVENTION_LABELS: dict[str, str] = {
    "konsulentbistand": "Tidligt forebyggende indsats (konsulentbistand)",
    "dagtilbud": "Dagtilbud / dagbehandling",
    "praktisk_paedagogisk_stoette": "Praktisk, pædagogisk støtte i hjemmet",
    "familiebehandling": "Familiebehandling / behandling af barnet",
    "doegnophold_familie": "Døgnophold for hele familien",
    "aflastning": "Aflastning / støtteophold",
    "kontaktperson": "Fast kontaktperson",
    "praktiksted": "Praktiksted",
    "oekonomisk_stoette": "Økonomisk støtte",
    "stoetteperson_foraeldre": "Støtteperson / støtte til forældre",
    "anbringelse": "Anbringelse uden for hjemmet",
    "efterv": "Efterværn / ungestøtte",
    "anden_stoette": "Anden støtte",
}

PLACEMENT_TYPE_LABELS: dict[str, str] = {
    "netvaerksplejefamilie": "Netværksplejefamilie",
    "plejefamilie": "Plejefamilie",
    "forstaerket_plejefamilie": "Forstærket plejefamilie",
    "specialiseret_plejefamilie": "Specialiseret plejefamilie",
    "opholdssted": "Opholdssted",
    "doegninstitution": "Døgninstitution",
    "sikret_doegninstitution": "Sikret døgninstitution",
    "eget_vaerelse": "Eget værelse / kollegium",
    "kost_efterskole": "Kostskole / efterskole",
}

CONSENT_LABELS: dict[str, str] = {
    "med_samtykke": "Med samtykke",
    "uden_samtykke": "Uden samtykke",
}

FOLLOW_UP_LABELS: dict[str, str] = {
    "dokumenteret": "Dokumenteret",
    "delvis": "Delvis",
    "mangler": "Mangler",
}

FLAG_LABELS: dict[str, str] = {
    "opfoelgning_mangler": "Opfølgning mangler",
    "aflastning_uden_formaal": "Aflastning uden formål",
    "indgribende_uden_mindre_indgribende_forsoeg": "Indgribende indsats uden forsøg med mindre indgribende",
    "frist_overskredet": "Frist overskredet",
    "boernesamtale_mangler": "Børnesamtale mangler",
    "modstridende_oplysninger": "Modstridende oplysninger",
    "lav_sikkerhed": "Lav sikkerhed i screeningen",
    "dokument_fejl": "Dokument kunne ikke læses",
}

CRITERION_LABELS: dict[str, str] = {
    "setting": "Indsatsramme",
    "interventions": "Indsats",
    "placement_type": "Anbringelsessted",
    "consent": "Samtykke",
    "follow_up_effect": "Opfølgning på effekt",
    "flag": "Markering",
    "goal": "Mål",
    "follow_up": "Opfølgning",
}

FINDING_STATUS_LABELS: dict[str, str] = {
    "granted": "Bevilget",
    "refused": "Afslået",
    "considered": "Overvejet",
    "historical": "Tidligere",
    "other_person": "Anden person",
    "boilerplate": "Standardtekst",
}

DOCUMENT_STATUS_LABELS: dict[str, str] = {
    "ok": "OK",
    "partial": "Delvist læst",
    "failed": "Fejlet",
    "skipped": "Sprunget over",
}

METHOD_LABELS: dict[str, str] = {
    "text": "Tekstlag",
    "ocr": "Tekstgenkendelse (OCR)",
    "mixed": "Blandet (tekstlag og OCR)",
    "none": "Ingen tekst",
}

BOOLEAN_LABELS: dict[str, str] = {"true": "Ja", "false": "Nej"}

# Which value vocabulary a column or a finding's criterion uses.
VALUE_LABELS: dict[str, Mapping[str, str]] = {
    "setting": SETTING_LABELS,
    "interventions": INTERVENTION_LABELS,
    "placement_type": PLACEMENT_TYPE_LABELS,
    "consent": CONSENT_LABELS,
    "follow_up_effect": FOLLOW_UP_LABELS,
    "flag": FLAG_LABELS,
    "flag_reasons": FLAG_LABELS,
    "criterion": CRITERION_LABELS,
    "finding_status": FINDING_STATUS_LABELS,
    "document_status": DOCUMENT_STATUS_LABELS,
    "method": METHOD_LABELS,
    "boolean": BOOLEAN_LABELS,
}

# Keys a run summary / run.json commonly carries; other keys are shown as they are.
RUN_INFO_LABELS: dict[str, str] = {
    "version": "Programversion",
    "started_at": "Kørsel startet",
    "finished_at": "Kørsel afsluttet",
    "duration_seconds": "Varighed (sekunder)",
    "archive": "Arkiv",
    "n_cases": "Antal sager",
    "n_documents": "Antal dokumenter",
    "n_failed_documents": "Antal fejlede dokumenter",
    "n_findings": "Antal fund",
    "settings": "Indstillinger",
    "model": "Model",
    "rules_version": "Regelversion",
    "python": "Python",
    "run_id": "Kørsels-id",
}

COLUMN_LABELS: dict[str, str] = {
    # cases
    "case_id": "Sags-id",
    "setting": "Indsatsramme",
    "interventions": "Indsatser",
    "placement_type": "Anbringelsessted",
    "consent": "Samtykke",
    "follow_up_effect": "Opfølgning på effekt",
    "flagged": "Markeret",
    "flag_reasons": "Markeringsårsager",
    "n_documents": "Antal dokumenter",
    "n_failed_documents": "Antal fejlede dokumenter",
    "period_start": "Periode start",
    "period_end": "Periode slut",
    "review_decision": "Seneste gennemgang",
    # findings
    "document_id": "Dokument-id",
    "criterion": "Kriterium",
    "value": "Værdi",
    "page": "Side",
    "evidence": "Citat",
    "rule_id": "Regel / model",
    "status": "Status",
    "negated": "Benægtet",
    "hypothetical": "Hypotetisk",
    "historical": "Tidligere",
    "other_person": "Anden person",
    "reported": "Gengivet udsagn",
    "confidence": "Sikkerhed",
    "doc_type": "Dokumenttype",
    "doc_date": "Dokumentdato",
    "section": "Afsnit",
    "start": "Startposition",
    "end": "Slutposition",
    # documents
    "path": "Sti",
    "error": "Fejl",
    "format": "Format",
    "method": "Tekstmetode",
    "pages": "Sider",
    "chars": "Tegn",
    "error_code": "Fejlkode",
    "parent_document_id": "Overordnet dokument-id",
    "ocr_pages": "Sider med OCR",
    "ocr_confidence": "OCR-sikkerhed",
    "extension_mismatch": "Filendelse passer ikke",
    "batch": "Indlæsningsparti",
    "first_seen_run": "Først set i kørsel",
    "removed": "Fjernet",
}

CONFIDENCE_PREFIX = "confidence_"


def column_label(column: str) -> str:
    """Danish header for a table column; per-criterion confidences read 'Sikkerhed: <kriterium>'."""
    if column.startswith(CONFIDENCE_PREFIX):
        criterion = column.removeprefix(CONFIDENCE_PREFIX)
        return f"Sikkerhed: {CRITERION_LABELS.get(criterion, criterion)}"
    return COLUMN_LABELS.get(column, column)


def run_info_label(key: str) -> str:
    return RUN_INFO_LABELS.get(key, key)


def value_label(vocabulary: str, value: str) -> str:
    """Danish label for one id; an id outside the vocabulary is shown as it is rather than hidden."""
    return VALUE_LABELS.get(vocabulary, {}).get(value, value)


def joined_labels(vocabulary: str, ids: str | Iterable[str], separator: str = "; ") -> str:
    """Danish labels for a ';'-joined id list (as in the tables) or an iterable of ids."""
    items = ids.split(";") if isinstance(ids, str) else list(ids)
    return separator.join(value_label(vocabulary, i) for i in items if i)

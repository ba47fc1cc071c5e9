"""screening.xlsx: Danish sheets, headers and labels; frozen header, filter, widths; no formulas."""
from __future__ import annotations

import stat

import pytest
from openpyxl import load_workbook
from output_samples import HOSTILE_EVIDENCE

from pipeline.excel import MAX_WIDTH, MIN_WIDTH, write_workbook
from pipeline.tables import cases_frame, documents_frame, findings_frame

SUMMARY = {"version": "0.1.0", "settings": {"ocr": True}, "eget_felt": None}


@pytest.fixture
def workbook(frames, tmp_path):
    path = tmp_path / "screening.xlsx"
    write_workbook(path, frames["cases"], frames["findings"], frames["documents"], SUMMARY)
    return path, load_workbook(path)


def _rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_sheet_names(workbook):
    assert workbook[1].sheetnames == ["Overblik", "Sager", "Fund", "Dokumenter"]


@pytest.mark.parametrize(
    ("sheet", "headers"),
    [
        ("Sager", ["Sags-id", "Indsatsramme", "Indsatser", "Anbringelsessted", "Samtykke", "Opfølgning på effekt",
                   "Markeret", "Markeringsårsager", "Antal dokumenter", "Antal fejlede dokumenter"]),
        ("Fund", ["Sags-id", "Dokument-id", "Kriterium", "Værdi", "Side", "Citat"]),
        ("Dokumenter", ["Sags-id", "Dokument-id", "Sti", "Status", "Fejl", "Format", "Tekstmetode", "Sider", "Tegn",
                        "Dokumenttype", "Dokumentdato"]),
    ],
)
def test_danish_headers_first_in_spec_order(workbook, sheet, headers):
    first_row = next(workbook[1][sheet].iter_rows(max_row=1, values_only=True))
    assert list(first_row[: len(headers)]) == headers


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Indsatsramme", "Både hjemmebaseret støtte og anbringelse"),
        ("Indsatser", "Aflastning / støtteophold; Anbringelse uden for hjemmet; Familiebehandling / behandling af barnet"),
        ("Anbringelsessted", "Plejefamilie"),
        ("Samtykke", "Uden samtykke"),
        ("Opfølgning på effekt", "Delvis"),
        ("Markeret", "Ja"),
        ("Markeringsårsager", "Aflastning uden formål; Opfølgning mangler"),
        ("Antal dokumenter", 7),
        ("Sikkerhed: Indsatsramme", 0.9123),
    ],
)
def test_case_values_are_danish_labels(workbook, header, expected):
    row = next(r for r in _rows(workbook[1]["Sager"]) if r["Sags-id"] == "SAG-003")
    assert row[header] == expected


def test_finding_values_follow_their_criterion(workbook):
    rows = _rows(workbook[1]["Fund"])
    by_value = {r["Værdi"]: r for r in rows}
    assert by_value["Opfølgning mangler"]["Kriterium"] == "Markering"
    assert by_value["Opholdssted"]["Gengivet udsagn"] == "Ja"
    assert by_value["Familiebehandling / behandling af barnet"]["Status"] == "Tidligere"


def test_document_values_are_danish(workbook):
    rows = {r["Sti"]: r for r in _rows(workbook[1]["Dokumenter"])}
    assert rows["SAG-002/tom.docx"]["Status"] == "Fejlet"
    assert rows["SAG-001/scan.pdf"]["Tekstmetode"] == "Tekstgenkendelse (OCR)"
    assert rows["SAG-004/blandet.pdf"]["Status"] == "Delvist læst"


def test_untrusted_evidence_is_text_never_a_formula(tmp_path, frames):
    findings = frames["findings"].copy()
    findings.loc[:, "evidence"] = "=" + HOSTILE_EVIDENCE
    path = tmp_path / "s.xlsx"
    write_workbook(path, frames["cases"], findings, frames["documents"], {})
    sheet = load_workbook(path)["Fund"]
    cells = [row[5] for row in sheet.iter_rows(min_row=2)]
    assert cells and all(c.data_type == "s" for c in cells)
    assert all("\x07" not in c.value and c.value.startswith("=<script>") for c in cells)


@pytest.mark.parametrize("sheet", ["Sager", "Fund", "Dokumenter"])
def test_frozen_header_filter_and_widths(workbook, sheet):
    ws = workbook[1][sheet]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
    widths = [ws.column_dimensions[ws.cell(1, i).column_letter].width for i in range(1, ws.max_column + 1)]
    assert all(MIN_WIDTH <= w <= MAX_WIDTH for w in widths)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Sager i alt", 4),
        ("Markerede sager", 3),
        ("Dokumenter i alt", 5),
        ("Dokumenter der ikke kunne læses helt", 3),
        ("Uden samtykke", None),  # consent is not an overview row; guards against labels leaking in
        ("Opfølgning mangler", 2),
        ("Programversion", "0.1.0"),
        ("Indstillinger", '{"ocr": true}'),
    ],
)
def test_overview_figures(workbook, label, expected):
    rows = {r[0]: (r[1] if len(r) > 1 else None) for r in workbook[1]["Overblik"].iter_rows(values_only=True)}
    assert rows.get(label) == expected


def test_workbook_is_private(workbook):
    assert stat.S_IMODE(workbook[0].stat().st_mode) == 0o600


def test_empty_run_still_writes_a_workbook(tmp_path):
    path = tmp_path / "tom.xlsx"
    write_workbook(path, cases_frame([], {}), findings_frame([]), documents_frame([]), {})
    wb = load_workbook(path)
    assert next(wb["Sager"].iter_rows(max_row=1, values_only=True))[0] == "Sags-id"
    assert wb["Sager"].max_row == 1

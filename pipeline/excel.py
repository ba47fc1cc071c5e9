"""`screening.xlsx` for the municipality: the three tables and an overview, in Danish.

Headers and label values are translated through `pipeline.labels`; ids stay in the CSV/Parquet
tables. Evidence is untrusted text, so no cell is ever written as a formula.
"""
from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pipeline.labels import (
    DOCUMENT_STATUS_LABELS,
    FLAG_LABELS,
    FOLLOW_UP_LABELS,
    SETTING_LABELS,
    column_label,
    joined_labels,
    run_info_label,
    value_label,
)

SHEET_OVERVIEW = "Overblik"
SHEET_CASES = "Sager"
SHEET_FINDINGS = "Fund"
SHEET_DOCUMENTS = "Dokumenter"

BOOLEAN_COLUMNS = frozenset(
    {"flagged", "negated", "hypothetical", "historical", "other_person", "reported", "extension_mismatch", "removed"}
)
LIST_VOCABULARIES = {"interventions": "interventions", "flag_reasons": "flag_reasons"}
CASE_VOCABULARIES = {
    "setting": "setting",
    "placement_type": "placement_type",
    "consent": "consent",
    "follow_up_effect": "follow_up_effect",
}
FINDING_VOCABULARIES = {"criterion": "criterion", "status": "finding_status"}
DOCUMENT_VOCABULARIES = {"status": "document_status", "method": "method"}

EXCEL_CELL_LIMIT = 32_767
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE_ROWS = 500
HEADER_FONT = Font(bold=True)
SECTION_FONT = Font(bold=True, size=12)

Row = Mapping[str, object]
Formatter = Callable[[str, object, Row], object]


def _cell_value(value: object) -> object:
    """Numbers stay numbers; NaN becomes an empty cell; text loses characters Excel rejects."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int | float):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text[:EXCEL_CELL_LIMIT]


def _text_cell(sheet: WriteOnlyWorksheet, value: object, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=_cell_value(value))
    if cell.data_type == "f":  # text starting with '=' is data here, never a formula
        cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def _body_value(sheet: WriteOnlyWorksheet, value: object) -> object:
    """A plain value where openpyxl cannot mistake it for a formula (much faster), else a text cell."""
    plain = _cell_value(value)
    return _text_cell(sheet, plain) if isinstance(plain, str) and plain.startswith("=") else plain


def _formatter(vocabularies: Mapping[str, str]) -> Formatter:
    def display(column: str, value: object, row: Row) -> object:
        if column in BOOLEAN_COLUMNS:
            return value_label("boolean", str(value))
        if column in LIST_VOCABULARIES:
            return joined_labels(LIST_VOCABULARIES[column], str(value))
        if column in vocabularies:
            return value_label(vocabularies[column], str(value))
        if column == "value" and "criterion" in row:
            return value_label(str(row["criterion"]), str(value))
        return value

    return display


def _width(texts: list[str]) -> float:
    longest = max((len(t) for t in texts), default=0)
    return float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))


def _add_table(workbook: Workbook, title: str, frame: pd.DataFrame, display: Formatter) -> None:
    sheet = workbook.create_sheet(title)
    columns = list(frame.columns)
    headers = [column_label(c) for c in columns]
    records = frame.to_dict(orient="records")
    rows = [[display(c, record[c], record) for c in columns] for record in records]

    # Write-only sheets need layout set before the first row is appended.
    for index, header in enumerate(headers, start=1):
        sample = [header] + [str(_cell_value(r[index - 1]) or "") for r in rows[:WIDTH_SAMPLE_ROWS]]
        sheet.column_dimensions[get_column_letter(index)].width = _width(sample)
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"

    sheet.append([_text_cell(sheet, h, HEADER_FONT) for h in headers])
    for row in rows:
        sheet.append([_body_value(sheet, v) for v in row])


def _counts(series: pd.Series, labels: Mapping[str, str]) -> list[tuple[str, int]]:
    """Count per known id in label order, then any unknown value, so nothing is hidden."""
    counts = series.value_counts()
    known = [(labels[i], int(counts.get(i, 0))) for i in labels]
    unknown = [(str(i), int(n)) for i, n in sorted(counts.items()) if i not in labels]
    return known + unknown


def _summary_text(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return value


def overview_rows(cases: pd.DataFrame, documents: pd.DataFrame, summary: Mapping[str, object]) -> list[tuple[str, object]]:
    """The key figures of the 'Overblik' sheet; a row with value None is a section heading."""
    flags = [f for reasons in cases["flag_reasons"] for f in str(reasons).split(";") if f]
    rows: list[tuple[str, object]] = [
        ("Nøgletal", None),
        ("Sager i alt", len(cases)),
        ("Markerede sager", int((cases["flagged"] == "true").sum())),
        ("Dokumenter i alt", len(documents)),
        ("Dokumenter der ikke kunne læses helt", int(documents["status"].isin(["failed", "partial"]).sum())),
        ("Indsatsramme", None),
        *_counts(cases["setting"], SETTING_LABELS),
        ("Opfølgning på effekt", None),
        *_counts(cases["follow_up_effect"], FOLLOW_UP_LABELS),
        ("Markeringer", None),
        *_counts(pd.Series(flags, dtype="str"), FLAG_LABELS),
        ("Dokumentstatus", None),
        *_counts(documents["status"], DOCUMENT_STATUS_LABELS),
    ]
    if summary:
        rows.append(("Kørsel", None))
        rows += [(run_info_label(k), _summary_text(v)) for k, v in summary.items()]
    return rows


def _add_overview(workbook: Workbook, rows: list[tuple[str, object]]) -> None:
    sheet = workbook.create_sheet(SHEET_OVERVIEW)
    sheet.column_dimensions["A"].width = _width([label for label, _ in rows])
    sheet.column_dimensions["B"].width = MAX_WIDTH
    for label, value in rows:
        if value is None:
            sheet.append([_text_cell(sheet, label, SECTION_FONT)])
        else:
            value_cell = _text_cell(sheet, value)
            value_cell.alignment = Alignment(horizontal="left")
            sheet.append([_text_cell(sheet, label), value_cell])


def write_workbook(
    path: Path,
    cases: pd.DataFrame,
    findings: pd.DataFrame,
    documents: pd.DataFrame,
    summary: Mapping[str, object],
) -> None:
    """Write the workbook (mode 0600) from the frames of `pipeline.tables`."""
    workbook = Workbook(write_only=True)
    _add_overview(workbook, overview_rows(cases, documents, summary))
    _add_table(workbook, SHEET_CASES, cases, _formatter(CASE_VOCABULARIES))
    _add_table(workbook, SHEET_FINDINGS, findings, _formatter(FINDING_VOCABULARIES))
    _add_table(workbook, SHEET_DOCUMENTS, documents, _formatter(DOCUMENT_VOCABULARIES))
    workbook.save(path)
    os.chmod(path, 0o600)

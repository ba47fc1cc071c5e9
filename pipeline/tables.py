"""The findings tables of SPEC.md §3 as pandas frames, written as CSV and Parquet.

Every cell is already a display-ready primitive (str, int, float): booleans are the strings
`true`/`false` (as SPEC fixes for `flagged`), dates are ISO strings, a missing value is the
empty string. That keeps CSV and Parquet identical in content and the CSV byte-stable.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from pipeline.labels import CONFIDENCE_PREFIX
from pipeline.types import CaseResult, Finding

CASE_COLUMNS = [
    "case_id", "setting", "interventions", "placement_type", "consent", "follow_up_effect",
    "flagged", "flag_reasons", "n_documents", "n_failed_documents",
]
# Criteria whose confidence column is always present, so the table's shape does not depend on the data.
CONFIDENCE_CRITERIA = ["setting", "interventions", "placement_type", "consent", "follow_up_effect"]
PERIOD_COLUMNS = ["period_start", "period_end"]
REVIEW_COLUMN = "review_decision"

FINDING_COLUMNS = ["case_id", "document_id", "criterion", "value", "page", "evidence"]
FINDING_CONTEXT_COLUMNS = [
    "rule_id", "status", "negated", "hypothetical", "historical", "other_person", "reported",
    "confidence", "doc_type", "doc_date", "section", "start", "end",
]
FINDING_SORT = ["case_id", "document_id", "page", "start", "criterion", "value", "end", "rule_id", "evidence"]

DOCUMENT_COLUMNS = [
    "case_id", "document_id", "path", "status", "error", "format", "method", "pages", "chars",
    "doc_type", "doc_date",
]
DOCUMENT_EXTRA_COLUMNS = [
    "error_code", "parent_document_id", "ocr_pages", "ocr_confidence", "extension_mismatch",
    "batch", "first_seen_run", "removed",
]

CONFIDENCE_DECIMALS = 4
FILE_MODE = 0o600


@dataclass
class DocumentRow:
    """One file in the archive (or e-mail attachment / zip member), faulty ones included."""
    case_id: str
    document_id: str
    path: str                        # relative to the archive, pseudonymised by the caller
    status: str                      # ok | partial | failed | skipped
    error: str                       # one Danish line; empty when ok
    format: str
    method: str                      # text | ocr | mixed | none
    pages: int
    chars: int
    doc_type: str = ""
    doc_date: date | None = None
    error_code: str = ""
    parent_document_id: str = ""
    ocr_pages: int = 0
    ocr_confidence: float | None = None
    extension_mismatch: bool = False
    batch: str | None = None         # None/"" when the run was not split into batches
    first_seen_run: str | None = None
    removed: bool = False


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _confidence(value: float | None) -> float:
    return float("nan") if value is None else round(float(value), CONFIDENCE_DECIMALS)


def _frame(rows: list[dict], columns: list[str], sort_by: list[str], numeric: Mapping[str, str]) -> pd.DataFrame:
    """Columns not named in `numeric` are text, also when there are no rows, so the Parquet schema
    does not change with the data."""
    frame = pd.DataFrame(rows, columns=columns).astype({c: numeric.get(c, "str") for c in columns})
    return frame.sort_values(sort_by, kind="stable").reset_index(drop=True)


def cases_frame(
    cases: list[CaseResult],
    doc_counts: Mapping[str, tuple[int, int]],
    reviews: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per case. `doc_counts` maps case_id → (n_documents, n_failed_documents);
    `reviews` maps case_id → the latest reviewer decision, when a review has happened."""
    criteria = CONFIDENCE_CRITERIA + sorted({c for case in cases for c in case.confidence} - set(CONFIDENCE_CRITERIA))
    extra_keys = PERIOD_COLUMNS + sorted({k for case in cases for k in case.extra} - set(PERIOD_COLUMNS))
    columns = (
        CASE_COLUMNS
        + [CONFIDENCE_PREFIX + c for c in criteria]
        + extra_keys
        + ([REVIEW_COLUMN] if reviews is not None else [])
    )
    rows = []
    for case in cases:
        n_documents, n_failed = doc_counts.get(case.case_id, (0, 0))
        row = {
            "case_id": case.case_id,
            "setting": case.setting,
            "interventions": ";".join(sorted(set(case.interventions))),
            "placement_type": case.placement_type or "",
            "consent": case.consent or "",
            "follow_up_effect": case.follow_up_effect,
            "flagged": _flag(bool(case.flags)),
            "flag_reasons": ";".join(sorted(set(case.flags))),
            "n_documents": int(n_documents),
            "n_failed_documents": int(n_failed),
        }
        row.update({CONFIDENCE_PREFIX + c: _confidence(case.confidence.get(c)) for c in criteria})
        row.update({k: case.extra.get(k, "") for k in extra_keys})
        if reviews is not None:
            row[REVIEW_COLUMN] = reviews.get(case.case_id, "")
        rows.append(row)
    numeric = {"n_documents": "int64", "n_failed_documents": "int64"}
    numeric.update({CONFIDENCE_PREFIX + c: "float64" for c in criteria})
    return _frame(rows, columns, ["case_id"], numeric)


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """One row per piece of evidence, with how it was found."""
    rows = [
        {
            "case_id": f.case_id,
            "document_id": f.document_id,
            "criterion": f.criterion,
            "value": f.value,
            "page": int(f.page),
            "evidence": f.evidence,
            "rule_id": f.rule_id,
            "status": f.status,
            "negated": _flag(f.negated),
            "hypothetical": _flag(f.hypothetical),
            "historical": _flag(f.historical),
            "other_person": _flag(f.other_person),
            "reported": _flag(f.reported),
            "confidence": _confidence(f.confidence),
            "doc_type": f.doc_type,
            "doc_date": _iso(f.doc_date),
            "section": f.section,
            "start": int(f.start),
            "end": int(f.end),
        }
        for f in findings
    ]
    numeric = {"page": "int64", "start": "int64", "end": "int64", "confidence": "float64"}
    return _frame(rows, FINDING_COLUMNS + FINDING_CONTEXT_COLUMNS, FINDING_SORT, numeric)


def documents_frame(rows: list[DocumentRow]) -> pd.DataFrame:
    """One row per file, sorted by case, path and id so reruns give the same table."""
    records = [
        {
            "case_id": r.case_id,
            "document_id": r.document_id,
            "path": r.path,
            "status": r.status,
            "error": r.error,
            "format": r.format,
            "method": r.method,
            "pages": int(r.pages),
            "chars": int(r.chars),
            "doc_type": r.doc_type,
            "doc_date": _iso(r.doc_date),
            "error_code": r.error_code,
            "parent_document_id": r.parent_document_id,
            "ocr_pages": int(r.ocr_pages),
            "ocr_confidence": _confidence(r.ocr_confidence),
            "extension_mismatch": _flag(r.extension_mismatch),
            "batch": r.batch or "",
            "first_seen_run": r.first_seen_run or "",
            "removed": _flag(r.removed),
        }
        for r in rows
    ]
    numeric = {"pages": "int64", "chars": "int64", "ocr_pages": "int64", "ocr_confidence": "float64"}
    return _frame(records, DOCUMENT_COLUMNS + DOCUMENT_EXTRA_COLUMNS, ["case_id", "path", "document_id"], numeric)


def _private_file(path: Path) -> int:
    """Open for writing with mode 0600 from the first byte, so the table is never world-readable."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return fd


def write_tables(out_dir: Path, frames: Mapping[str, pd.DataFrame]) -> list[Path]:
    """Write `<name>.csv` (UTF-8, no index, '\\n' line ends) and `<name>.parquet` for each frame."""
    written: list[Path] = []
    for name, frame in frames.items():
        csv_path = out_dir / f"{name}.csv"
        with os.fdopen(_private_file(csv_path), "w", encoding="utf-8", newline="") as handle:
            frame.to_csv(handle, index=False, lineterminator="\n")
        parquet_path = out_dir / f"{name}.parquet"
        with os.fdopen(_private_file(parquet_path), "wb") as handle:
            frame.to_parquet(handle, index=False)
        written += [csv_path, parquet_path]
    return written

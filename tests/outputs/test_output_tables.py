"""The findings tables against SPEC.md §3: column order, formatting, stable CSV, Parquet round-trip."""
from __future__ import annotations

import math
import random
import stat
from dataclasses import replace

import pandas as pd
import pytest
from output_samples import DOC_COUNTS, make_cases, make_documents, make_findings

from pipeline.tables import (
    CASE_COLUMNS,
    DOCUMENT_COLUMNS,
    FINDING_COLUMNS,
    cases_frame,
    documents_frame,
    findings_frame,
    write_tables,
)

SPEC_CASE_HEADER = (
    "case_id,setting,interventions,placement_type,consent,follow_up_effect,flagged,flag_reasons,"
    "n_documents,n_failed_documents"
)
SPEC_DOCUMENT_HEADER = "case_id,document_id,path,status,error,format,method,pages,chars,doc_type,doc_date"


def test_case_columns_start_in_spec_order():
    frame = cases_frame(make_cases(), DOC_COUNTS)
    assert ",".join(frame.columns[: len(CASE_COLUMNS)]) == SPEC_CASE_HEADER
    assert list(frame.columns[len(CASE_COLUMNS):]) == [
        "confidence_setting", "confidence_interventions", "confidence_placement_type", "confidence_consent",
        "confidence_follow_up_effect", "period_start", "period_end",
    ]


@pytest.mark.parametrize(
    ("case_id", "column", "expected"),
    [
        ("SAG-003", "interventions", "aflastning;anbringelse;familiebehandling"),
        ("SAG-003", "flag_reasons", "aflastning_uden_formaal;opfoelgning_mangler"),
        ("SAG-003", "flagged", "true"),
        ("SAG-003", "placement_type", "plejefamilie"),
        ("SAG-003", "consent", "uden_samtykke"),
        ("SAG-003", "period_start", "2021-03-01"),
        ("SAG-001", "flagged", "false"),
        ("SAG-001", "flag_reasons", ""),
        ("SAG-001", "placement_type", ""),
        ("SAG-001", "consent", ""),
        ("SAG-001", "period_start", ""),
        ("SAG-002", "interventions", ""),
        ("SAG-002", "n_documents", 2),
        ("SAG-002", "n_failed_documents", 1),
    ],
)
def test_case_cell_formatting(case_id, column, expected):
    frame = cases_frame(make_cases(), DOC_COUNTS).set_index("case_id")
    assert frame.loc[case_id, column] == expected


def test_cases_are_sorted_and_counts_default_to_zero():
    frame = cases_frame(make_cases(), {"SAG-001": (4, 0)})
    assert list(frame["case_id"]) == ["SAG-001", "SAG-002", "SAG-003", "SAG-004"]
    assert list(frame["n_documents"]) == [4, 0, 0, 0]


def test_case_confidences_are_rounded_and_missing_is_blank():
    frame = cases_frame(make_cases(), DOC_COUNTS).set_index("case_id")
    assert frame.loc["SAG-003", "confidence_setting"] == 0.9123
    assert math.isnan(frame.loc["SAG-001", "confidence_setting"])


@pytest.mark.parametrize(
    ("reviews", "expected"),
    [(None, None), ({"SAG-003": "bekræftet"}, ["", "", "bekræftet", ""])],
)
def test_review_column_only_when_reviews_are_given(reviews, expected):
    frame = cases_frame(make_cases(), DOC_COUNTS, reviews)
    if expected is None:
        assert "review_decision" not in frame.columns
    else:
        assert list(frame["review_decision"]) == expected


def test_duplicate_ids_in_lists_are_written_once():
    case = replace(make_cases()[1], interventions=["kontaktperson", "kontaktperson"], flags=["lav_sikkerhed"] * 2)
    row = cases_frame([case], {}).iloc[0]
    assert (row["interventions"], row["flag_reasons"]) == ("kontaktperson", "lav_sikkerhed")


def test_findings_columns_and_order():
    frame = findings_frame(make_findings())
    assert list(frame.columns[: len(FINDING_COLUMNS)]) == ["case_id", "document_id", "criterion", "value", "page", "evidence"]
    assert {"rule_id", "status", "negated", "hypothetical", "historical", "other_person", "reported",
            "confidence", "doc_type", "doc_date", "section", "start", "end"} <= set(frame.columns)
    keys = list(zip(frame["case_id"], frame["document_id"], frame["page"], frame["start"], strict=True))
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("column", "expected"),
    [("historical", "true"), ("negated", "false"), ("status", "historical"), ("doc_date", ""), ("start", 5)],
)
def test_finding_context_formatting(column, expected):
    frame = findings_frame(make_findings())
    row = frame[frame["value"] == "familiebehandling"].iloc[0]
    assert row[column] == expected


def test_finding_dates_are_iso():
    frame = findings_frame(make_findings())
    assert frame[frame["value"] == "aflastning"].iloc[0]["doc_date"] == "2021-04-01"


def test_documents_columns_and_sort():
    frame = documents_frame(make_documents())
    assert ",".join(frame.columns[: len(DOCUMENT_COLUMNS)]) == SPEC_DOCUMENT_HEADER
    assert list(frame["path"]) == sorted(frame["path"])
    row = frame.set_index("path").loc["SAG-004/hemmelig.pdf"]
    assert (row["status"], row["error_code"], row["extension_mismatch"], row["method"]) == (
        "failed", "E_ENCRYPTED", "true", "none"
    )


@pytest.mark.parametrize(
    "build",
    [lambda: cases_frame([], {}), lambda: findings_frame([]), lambda: documents_frame([])],
)
def test_empty_input_keeps_columns_and_text_types(build, tmp_path):
    frame = build()
    assert len(frame) == 0 and len(frame.columns) >= 10
    write_tables(tmp_path, {"t": frame})
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "t.parquet"), frame)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").count("\n") == 1


def _all_frames(shuffle_seed: int | None = None) -> dict[str, pd.DataFrame]:
    cases, findings, documents = make_cases(), make_findings(), make_documents()
    if shuffle_seed is not None:
        for items in (cases, findings, documents):
            random.Random(shuffle_seed).shuffle(items)
    return {
        "cases": cases_frame(cases, DOC_COUNTS),
        "findings": findings_frame(findings),
        "documents": documents_frame(documents),
    }


def test_csv_is_byte_stable_whatever_the_input_order(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    write_tables(first, _all_frames())
    write_tables(second, _all_frames(shuffle_seed=7))
    for name in ("cases", "findings", "documents"):
        assert (first / f"{name}.csv").read_bytes() == (second / f"{name}.csv").read_bytes()


def test_csv_is_utf8_without_bom_index_or_crlf(tmp_path):
    frames = _all_frames()
    frames["cases"].loc[0, "review"] = "Følg op på værge"
    write_tables(tmp_path, frames)
    raw = (tmp_path / "cases.csv").read_bytes()
    assert raw.startswith(SPEC_CASE_HEADER.encode())
    assert b"\r\n" not in raw
    assert "Følg op på værge".encode() in raw


def test_csv_reads_back_to_the_same_cells(tmp_path):
    frames = _all_frames()
    write_tables(tmp_path, frames)
    back = pd.read_csv(tmp_path / "findings.csv", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(frames["findings"].columns)
    assert list(back["evidence"]) == list(frames["findings"]["evidence"])


@pytest.mark.parametrize("name", ["cases", "findings", "documents"])
def test_parquet_round_trip(name, tmp_path):
    frames = _all_frames()
    write_tables(tmp_path, frames)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"), frames[name])


def test_files_are_private(tmp_path):
    written = write_tables(tmp_path, _all_frames())
    assert len(written) == 6
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_rewriting_an_existing_readable_file_makes_it_private(tmp_path):
    target = tmp_path / "cases.csv"
    target.write_text("old")
    target.chmod(0o644)
    write_tables(tmp_path, {"cases": _all_frames()["cases"]})
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith(SPEC_CASE_HEADER)


def test_missing_optional_document_text_is_blank_not_null():
    row = replace(make_documents()[0], batch=None, first_seen_run=None)
    frame = documents_frame([row])
    assert (frame.loc[0, "batch"], frame.loc[0, "first_seen_run"]) == ("", "")

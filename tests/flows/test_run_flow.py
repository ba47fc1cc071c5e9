"""The real flow on a small archive: SPEC tables, faulty files as rows, incremental re-runs."""
import json
import os
import re

import pandas as pd
import pytest

from flows.cli import run_screening
from flows.unchanged import reuse_current_tables
from pipeline.inventory import archive_key
from pipeline.settings import RunSettings
from pipeline.state import StateStore

pytestmark = pytest.mark.slow

CASE_COLUMNS = ["case_id", "setting", "interventions", "placement_type", "consent", "follow_up_effect",
                "flagged", "flag_reasons", "n_documents", "n_failed_documents"]
DOC_COLUMNS = ["case_id", "document_id", "path", "status", "error", "format", "method", "pages", "chars",
               "doc_type", "doc_date"]
FINDING_COLUMNS = ["case_id", "document_id", "criterion", "value", "page", "evidence"]


def _run(archive, out, state, **kw):
    return run_screening(archive, out, RunSettings(state_dir=state, workers=1, **kw))


def _csv(out, name):
    return pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)


def test_run_writes_spec_tables_and_survives_bad_files(prefect_server, small_archive, tmp_path):
    out, state = tmp_path / "out", tmp_path / "state"
    summary = _run(small_archive, out, state)
    cases, docs, findings = _csv(out, "cases"), _csv(out, "documents"), _csv(out, "findings")

    assert list(cases.columns[:10]) == CASE_COLUMNS
    assert list(docs.columns[:11]) == DOC_COLUMNS
    assert list(findings.columns[:6]) == FINDING_COLUMNS
    assert sorted(cases.case_id) == ["T-001", "T-002", "T-003"]
    # every file of the archive has a row, faulty ones included
    n_files = sum(1 for p in small_archive.rglob("*") if p.is_file())
    assert len(docs) == n_files == summary["counts"]["documents"]
    status = dict(zip(docs.path.str.rsplit("/", n=1).str[-1], docs.status, strict=True))
    assert status["tom.txt"] == "failed" and status["beskadiget.pdf"] == "failed"
    assert status["Thumbs.db"] == "skipped"
    assert docs.loc[docs.status == "failed", "error"].str.len().min() > 0
    t1 = cases.set_index("case_id").loc["T-001"]
    assert t1.n_failed_documents == "2" and "dokument_fejl" in t1.flag_reasons
    assert t1.setting == "anbringelse" and t1.placement_type == "plejefamilie" and t1.consent == "med_samtykke"
    assert "aflastning" in cases.set_index("case_id").loc["T-002"].interventions
    assert cases.set_index("case_id").loc["T-003"].setting == "ingen"
    from_documents = findings[findings.document_id != ""]
    assert len(from_documents) and (from_documents.evidence.str.len() > 0).all()
    assert (findings.rule_id.str.len() > 0).all()
    for name in ("cases.parquet", "findings.parquet", "documents.parquet", "screening.xlsx", "report.html"):
        assert (out / name).stat().st_size > 0
        assert (out / name).stat().st_mode & 0o077 == 0
    run_info = json.loads((out / "run.json").read_text())
    assert run_info["counts"]["cases"] == 3


def test_outputs_carry_no_cpr_or_names(prefect_server, small_archive, tmp_path, planted_cpr):
    out = tmp_path / "out"
    _run(small_archive, out, tmp_path / "state")
    for path in out.iterdir():
        if path.suffix in (".csv", ".html", ".json"):
            text = path.read_text(encoding="utf-8")
            assert planted_cpr not in text and not re.search(r"\b\d{6}-\d{4}\b", text), path.name
            assert "Emil" not in text and "Hansen" not in text, path.name


def test_rerun_extracts_nothing_and_new_documents_exactly(prefect_server, small_archive, tmp_path, pdf_bytes):
    out, state = tmp_path / "out", tmp_path / "state"
    first = _run(small_archive, out, state)
    before = _csv(out, "cases")
    again = _run(small_archive, out, state)
    assert again["counts"]["extracted_now"] == 0 and again["counts"]["screened_now"] == 0
    pd.testing.assert_frame_equal(before, _csv(out, "cases"))
    for i in range(3):
        (small_archive / "T-002" / f"ny-{i}.pdf").write_bytes(pdf_bytes(f"Statusudtalelse nr. {i}\nKontaktperson."))
    third = _run(small_archive, out, state, batch="uge-48")
    assert third["counts"]["extracted_now"] == 3
    assert third["counts"]["documents"] == first["counts"]["documents"] + 3
    (small_archive / "T-003" / "2021-03-12 Underretning.txt").unlink()
    fourth = _run(small_archive, out, state)
    assert fourth["counts"]["removed_files"] == 1
    assert fourth["counts"]["documents"] == third["counts"]["documents"] - 1
    assert len(_csv(out, "documents")) == fourth["counts"]["documents"]
    assert os.listdir(out)   # OUT describes the whole archive after every run


def test_unchanged_rerun_keeps_tables_byte_for_byte_and_rewrites_tampered_ones(prefect_server, small_archive,
                                                                                 tmp_path):
    out, state = tmp_path / "out", tmp_path / "state"
    first = _run(small_archive, out, state)
    tables = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "run.json"}
    again = _run(small_archive, out, state)
    info = json.loads((out / "run.json").read_text())
    assert info["run_id"] == again["run_id"] != first["run_id"]
    assert info["tables_from_run"] == first["run_id"] and "analyse" not in info["timings_s"]
    assert info["counts"]["documents"] == first["counts"]["documents"] and info["counts"]["extracted_now"] == 0
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != "run.json"} == tables
    assert again["flagged"] == first["flagged"]
    (out / "cases.csv").write_text("case_id\nrettet i hånden\n", encoding="utf-8")
    _run(small_archive, out, state)
    assert (out / "cases.csv").read_bytes() == tables["cases.csv"]
    assert "tables_from_run" not in json.loads((out / "run.json").read_text())


def test_unchanged_archive_is_answered_before_prefect_and_anything_new_goes_to_the_flow(prefect_server,
                                                                                       small_archive, tmp_path):
    out, state = tmp_path / "out", tmp_path / "state"
    settings = RunSettings(state_dir=state, workers=1)
    assert reuse_current_tables(small_archive, out, settings) is None          # no tables yet
    first = _run(small_archive, out, state)
    tables = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "run.json"}

    quick = reuse_current_tables(small_archive, out, settings)
    assert quick is not None and quick["tables_from_run"] == first["run_id"] != quick["run_id"]
    assert quick["counts"]["documents"] == first["counts"]["documents"] and quick["flagged"] == first["flagged"]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != "run.json"} == tables
    info = json.loads((out / "run.json").read_text())
    assert info["run_id"] == quick["run_id"] and info["counts"]["extracted_now"] == 0
    store = StateStore(StateStore.default_url(state))
    assert store.get_run(quick["run_id"]).status == "completed"

    assert reuse_current_tables(small_archive, out, settings.model_copy(update={"full": True})) is None
    store.add_review(archive_key(small_archive), "T-001", "afvist", "sb1", "forkert", quick["run_id"])
    assert reuse_current_tables(small_archive, out, settings) is None          # a decision changes the tables
    _run(small_archive, out, state)
    assert reuse_current_tables(small_archive, out, settings) is not None
    touched = next(p for p in sorted(small_archive.rglob("*.txt")))
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    assert reuse_current_tables(small_archive, out, settings) is None          # written to: the flow re-hashes
    (small_archive / "T-001" / "ny_journal.txt").write_text("Journalnotat 01.02.2024\nNyt notat.", encoding="utf-8")
    assert reuse_current_tables(small_archive, out, settings) is None

"""The state database: round-trips, incremental bookkeeping, append-only reviews, concurrency, speed."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from extractors.base import ExtractionError, ExtractionResult, Page
from pipeline.state import FileRow, StateStore, StoredExtraction
from pipeline.types import Finding

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE = "a" * 64


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def state_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return StateStore.default_url(tmp_path / "state")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(state_url: str) -> Iterator[StateStore]:
    s = StateStore(state_url)
    yield s
    s.close()


def _row(rel_path: str, doc: str, size: int = 10, mtime_ns: int = 1, parent: str | None = None) -> FileRow:
    return FileRow(rel_path=rel_path, case_id=rel_path.split("/")[0], document_id=doc, size=size,
                   mtime_ns=mtime_ns, parent_id=parent)


def _run(store: StateStore, batch: str | None = None) -> str:
    return store.begin_run(ARCHIVE, batch, {"full": False}, {"extractor": "1"})


def test_database_file_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    url = StateStore.default_url(tmp_path / "state")
    with StateStore(url) as store:
        _run(store)
    db = tmp_path / "state" / "state.db"
    assert url == f"sqlite:///{db}"
    assert db.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "state").stat().st_mode & 0o777 == 0o700
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


EXTRACTIONS = {
    "ok_text": StoredExtraction(
        ExtractionResult("ok", "docx", [Page(1, "Børnefaglig undersøgelse efter § 50.\nMor ønsker aflastning."),
                                        Page(2, "Æblegrød, øl og ål — «citat» ☒")],
                         metadata={"author_role": "rådgiver"}),
        doc_type="boernefaglig_undersoegelse", doc_date=date(2021, 3, 4)),
    "mixed_ocr": StoredExtraction(
        ExtractionResult("partial", "pdf", [Page(1, "tekstlag", "text"), Page(2, "scannet side", "ocr", 87.5),
                                            Page(3, "", "none")],
                         errors=[ExtractionError("E_OCR_LOW", "Side 3 kunne ikke læses", page=3)])),
    "failed": StoredExtraction(
        ExtractionResult("failed", "pdf", errors=[ExtractionError("E_ENCRYPTED", "Filen er beskyttet med adgangskode")]),
        doc_type="andet"),
}


@pytest.mark.parametrize("doc_id", sorted(EXTRACTIONS))
def test_extraction_round_trip(store: StateStore, doc_id: str) -> None:
    store.put_extractions(EXTRACTIONS, "ext-1")
    got = store.get_extractions([doc_id, "never-stored"], "ext-1")
    assert set(got) == {doc_id}
    assert got[doc_id] == EXTRACTIONS[doc_id]
    assert got[doc_id].result.method == EXTRACTIONS[doc_id].result.method


def test_extractions_are_per_version_and_rewrite_is_idempotent(store: StateStore) -> None:
    store.put_extractions(EXTRACTIONS, "ext-1")
    store.put_extractions(EXTRACTIONS, "ext-1")
    assert store.get_extractions(EXTRACTIONS, "ext-2") == {}
    newer = {"failed": StoredExtraction(ExtractionResult("ok", "pdf", [Page(1, "nu læsbar")]))}
    store.put_extractions(newer, "ext-1")
    assert store.get_extractions(["failed"], "ext-1") == newer


FINDINGS = [
    Finding("sag-1", "d1", "interventions", "aflastning", 2, "aflastning i weekenden hos plejefamilie",
            start=10, end=20, rule_id="lex.aflastning", status="granted", confidence=0.8,
            doc_date=date(2022, 1, 31), doc_type="afgoerelse", section="Afgørelse"),
    Finding("sag-1", "d1", "interventions", "kontaktperson", 1, "ønsker ikke kontaktperson",
            status="refused", negated=True, other_person=True),
]


def test_screening_round_trip_keeps_dates_danish_text_and_empty_results(store: StateStore) -> None:
    store.put_screenings({"d1": FINDINGS, "d2": []}, "scr-1")
    got = store.get_screenings(["d1", "d2", "d3"], "scr-1")
    assert got == {"d1": FINDINGS, "d2": []}
    assert got["d1"][0].doc_date == date(2022, 1, 31)
    assert store.get_screenings(["d1"], "scr-2") == {}


def test_extraction_ids_without_loading_per_version(store: StateStore) -> None:
    store.put_extractions(EXTRACTIONS, "ext-1")
    assert store.extraction_ids([*EXTRACTIONS, "nope"], "ext-1") == set(EXTRACTIONS)
    assert store.extraction_ids(list(EXTRACTIONS), "ext-2") == set()


def test_unchanged_files_are_recognised_by_size_and_mtime(store: StateStore) -> None:
    run1 = _run(store, "januar")
    store.record_files(ARCHIVE, run1, "januar", [_row("sag-1/a.pdf", "h1", 100, 5), _row("sag-1/b.txt", "h2", 7, 9)])
    index = store.file_index(ARCHIVE)
    assert set(index) == {"sag-1/a.pdf", "sag-1/b.txt"}
    assert index["sag-1/a.pdf"].same_stat(100, 5)
    assert not index["sag-1/a.pdf"].same_stat(100, 6)
    assert not index["sag-1/b.txt"].same_stat(8, 9)
    assert store.file_index("b" * 64) == {}


def test_rerecording_keeps_history_and_tracks_when_content_arrived(store: StateStore) -> None:
    run1 = _run(store, "januar")
    store.record_files(ARCHIVE, run1, "januar", [_row("sag-1/a.pdf", "h1"), _row("sag-1/b.txt", "h2")])
    run2 = _run(store, "februar")
    store.record_files(ARCHIVE, run2, "februar", [_row("sag-1/a.pdf", "h1"), _row("sag-1/b.txt", "h2-ny", 11, 2)])
    index = store.file_index(ARCHIVE)
    unchanged, changed = index["sag-1/a.pdf"], index["sag-1/b.txt"]
    assert (unchanged.first_seen_run, unchanged.last_seen_run, unchanged.batch) == (run1, run2, "januar")
    assert (changed.first_seen_run, changed.last_seen_run, changed.batch) == (run1, run2, "februar")
    assert (changed.document_id, changed.size, changed.mtime_ns) == ("h2-ny", 11, 2)


def test_removed_files_are_marked_not_forgotten_and_can_return(store: StateStore) -> None:
    run1 = _run(store)
    rows = [_row("sag-1/a.eml", "m"), _row("sag-1/a.eml!bilag.pdf", "b", parent="m"), _row("sag-2/c.pdf", "c")]
    store.record_files(ARCHIVE, run1, None, rows)
    run2 = _run(store)
    assert store.mark_removed(ARCHIVE, run2, {"sag-2/c.pdf"}) == 2
    assert set(store.file_index(ARCHIVE)) == {"sag-2/c.pdf"}
    everything = store.file_index(ARCHIVE, include_removed=True)
    assert everything["sag-1/a.eml!bilag.pdf"].removed_in_run == run2
    assert everything["sag-1/a.eml!bilag.pdf"].parent_id == "m"
    assert store.mark_removed(ARCHIVE, run2, {"sag-2/c.pdf"}) == 0

    run3 = _run(store)
    store.record_files(ARCHIVE, run3, None, [_row("sag-1/a.eml", "m")])
    assert store.file_index(ARCHIVE)["sag-1/a.eml"].removed_in_run is None


def test_runs_record_settings_counts_and_status(store: StateStore) -> None:
    run_id = _run(store, "marts")
    assert store.get_run(run_id).status == "running"
    store.finish_run(run_id, "completed", {"documents": 12, "failed": 1})
    run = store.get_run(run_id)
    assert (run.status, run.counts, run.batch, run.settings) == ("completed", {"documents": 12, "failed": 1},
                                                                 "marts", {"full": False})
    assert run.finished_at >= run.started_at
    with pytest.raises(ValueError, match="completed, failed"):
        store.finish_run(run_id, "done", {})
    with pytest.raises(KeyError):
        store.finish_run("no-such-run", "failed", {})


def test_interrupted_runs_are_marked_failed(store: StateStore) -> None:
    killed = _run(store)
    done = _run(store)
    store.finish_run(done, "completed", {})
    assert store.fail_interrupted_runs(ARCHIVE) == 1
    assert store.get_run(killed).status == "failed"
    assert store.get_run(done).status == "completed"


def test_files_must_belong_to_a_known_run(store: StateStore) -> None:
    with pytest.raises(IntegrityError):
        store.record_files(ARCHIVE, "no-such-run", None, [_row("sag-1/a.pdf", "h1")])


def test_reviews_survive_reruns_and_latest_decision_wins(store: StateStore) -> None:
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    store.add_review(ARCHIVE, "sag-1", "bekraeftet", "sb1", "ok", "scr-1", decided_at=t0)
    second = store.add_review(ARCHIVE, "sag-1", "afvist", "sb2", "forkert anbringelsestype", "scr-1",
                              decided_at=t0.replace(day=2))
    store.add_review("b" * 64, "sag-1", "bekraeftet", "sb1")
    before = store.latest_reviews(ARCHIVE)

    run = _run(store)
    store.record_files(ARCHIVE, run, None, [_row("sag-1/a.pdf", "h1")])
    store.put_screenings({"h1": FINDINGS}, "scr-2")
    store.mark_removed(ARCHIVE, run, set())
    store.finish_run(run, "completed", {})

    after = store.latest_reviews(ARCHIVE)
    assert after == before
    assert set(after) == {"sag-1"}
    assert (after["sag-1"].id, after["sag-1"].decision, after["sag-1"].decided_at) == (second, "afvist",
                                                                                     t0.replace(day=2))
    with pytest.raises(ValueError):
        store.add_review(ARCHIVE, "sag-1", " ", "sb1")


@pytest.mark.parametrize("statement", ["UPDATE reviews SET decision = 'x'", "DELETE FROM reviews"])
def test_database_refuses_to_change_a_decision(store: StateStore, state_url: str, statement: str) -> None:
    store.add_review(ARCHIVE, "sag-1", "bekraeftet", "sb1")
    # A hand-written fix through a separate connection, bypassing StateStore entirely.
    engine = create_engine(state_url)
    with pytest.raises(DBAPIError, match="kun til tilføjelse"), engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()
    assert store.latest_reviews(ARCHIVE)["sag-1"].decision == "bekraeftet"


def test_ten_thousand_files_and_extractions_are_recorded_in_seconds(store: StateStore) -> None:
    n = 10_000
    run = _run(store)
    rows = [_row(f"sag-{i % 300}/dok-{i}.pdf", f"{i:064x}", i, i) for i in range(n)]
    items = {
        f"{i:064x}": StoredExtraction(ExtractionResult("ok", "pdf", [Page(1, "Aflastning bevilget. " * 40),
                                                                      Page(2, "Opfølgning på mål. " * 40)]))
        for i in range(n)
    }
    started = time.perf_counter()
    store.record_files(ARCHIVE, run, "stor", rows)
    files_s = time.perf_counter() - started
    started = time.perf_counter()
    store.put_extractions(items, "ext-1")
    extractions_s = time.perf_counter() - started
    started = time.perf_counter()
    assert len(store.file_index(ARCHIVE)) == n
    assert len(store.get_extractions(items, "ext-1")) == n
    read_s = time.perf_counter() - started
    print(f"\n10k files {files_s:.2f}s, 10k extractions {extractions_s:.2f}s, read both {read_s:.2f}s")
    assert files_s + extractions_s < 5


_WRITER = """
import sys
from extractors.base import ExtractionResult, Page
from pipeline.state import FileRow, StateStore, StoredExtraction
store = StateStore(sys.argv[1])
tag = sys.argv[2]
run = store.begin_run(tag, None, {}, {})
for t in range(int(sys.argv[3])):
    rows = [FileRow(f"{tag}/{t}/{i}", tag, f"{tag}-{t}-{i}", 1, 1) for i in range(50)]
    store.record_files(tag, run, None, rows)
    store.put_extractions({r.document_id: StoredExtraction(ExtractionResult("ok", "txt", [Page(1, "x" * 2000)]))
                           for r in rows}, "v")
    store.add_review(tag, f"sag-{t}", "bekraeftet", tag)
    store.mark_removed(tag, run, {f"{tag}/{u}/{i}" for u in range(t + 1) for i in range(50)})
store.finish_run(run, "completed", {"transactions": int(sys.argv[3])})
"""


def _python(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_processes_writing_at_once_both_complete(tmp_path: Path) -> None:
    url = StateStore.default_url(tmp_path)
    StateStore(url).close()
    writers = [_python(_WRITER, url, tag, "40") for tag in ("p1", "p2")]
    for w in writers:
        _out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    with StateStore(url) as store:
        for tag in ("p1", "p2"):
            assert len(store.file_index(tag)) == 40 * 50
            assert len(store.latest_reviews(tag)) == 40
            ids = [f"{tag}-{t}-{i}" for t in range(40) for i in range(50)]
            assert len(store.get_extractions(ids, "v")) == len(ids)
    con = sqlite3.connect(tmp_path / "state.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


_KILLED_WRITER = """
import sys
from extractors.base import ExtractionResult, Page
from pipeline.state import StateStore, StoredExtraction
store = StateStore(sys.argv[1])
t = 0
print("ready", flush=True)
while True:
    store.put_extractions({f"{t}-{i}": StoredExtraction(ExtractionResult("ok", "txt", [Page(1, "æ" * 3000)]))
                           for i in range(500)}, "v")
    t += 1
"""


@pytest.mark.slow
def test_kill_9_during_writes_leaves_whole_transactions_only(tmp_path: Path) -> None:
    url = StateStore.default_url(tmp_path)
    StateStore(url).close()
    writer = _python(_KILLED_WRITER, url)
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    con = sqlite3.connect(tmp_path / "state.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    per_batch = con.execute(
        "SELECT substr(document_id, 1, instr(document_id, '-') - 1) AS t, count(*) FROM extractions GROUP BY t"
    ).fetchall()
    con.close()
    assert per_batch, "the writer committed nothing before it was killed"
    assert {count for _t, count in per_batch} == {500}
    with StateStore(url) as store:
        assert len(store.get_extractions([f"0-{i}" for i in range(500)], "v")) == 500


_HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("INSERT INTO runs VALUES ('other', '2026-01-01', NULL, 'running', 'x', NULL, '{}', '{}', '{}')")
print("holding", flush=True)
time.sleep(1.5)
con.execute("COMMIT")
"""


@pytest.mark.slow
def test_writer_waits_for_another_process_transaction_instead_of_failing(tmp_path: Path) -> None:
    store = StateStore(StateStore.default_url(tmp_path))
    run = _run(store)
    store.record_files(ARCHIVE, run, None, [_row("sag-1/a.pdf", "h1"), _row("sag-1/b.pdf", "h2")])
    holder = _python(_HOLDER, str(tmp_path / "state.db"))
    assert holder.stdout.readline().strip() == "holding"
    started = time.perf_counter()
    # Reads, then writes: the case where a deferred transaction would fail on a stale snapshot.
    assert store.mark_removed(ARCHIVE, run, {"sag-1/a.pdf"}) == 1
    assert time.perf_counter() - started > 0.5
    assert holder.wait(timeout=10) == 0
    assert store.get_run("other").status == "running"
    store.close()

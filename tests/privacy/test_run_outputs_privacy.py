"""The real CLI on samples/: nothing planted survives in any file under OUT/, in the run's log, or in
what Prefect stored about the run (its SQLite database, dumped as text)."""
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.privacy_scan import scan_files

ROOT = Path(__file__).parents[2]
ARCHIVE = ROOT / "samples" / "archive"
PLANTED = ROOT / "samples" / "pii.json"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    work = tmp_path_factory.mktemp("privacy-run")
    out, state, log = work / "out", work / "state", work / "run.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_LOGGING_LEVEL"] = "DEBUG"          # the most a log can say
    with log.open("w") as fh:
        subprocess.run([sys.executable, "-m", "flows.cli", "run", str(ARCHIVE), "--out", str(out),
                        "--state", str(state), "--no-ocr"], cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT,
                       check=True, timeout=900)
    dump = work / "prefect-db.sql"
    with sqlite3.connect(state / "prefect" / "prefect.db") as con:
        dump.write_text("\n".join(con.iterdump()), encoding="utf-8")
    return out, log, dump


def _planted() -> list[dict]:
    return [item for items in json.loads(PLANTED.read_text(encoding="utf-8")).values() for item in items]


def test_out_files_carry_no_planted_personal_data(sample_run):
    out, _, _ = sample_run
    files = sorted(p for p in out.iterdir() if p.is_file())
    assert {p.name for p in files} >= {"cases.csv", "findings.csv", "documents.csv", "screening.xlsx",
                                       "report.html", "run.json"}
    report = scan_files(files, _planted())
    assert report.planted["cpr"] > 100
    assert report.recall("cpr") == 1.0, report.leaks[:5]
    assert report.recall("name") >= 0.98, report.leaks[:5]
    for kind in ("phone", "email", "address", "journal"):
        assert report.recall(kind) >= 0.98, (kind, report.leaks[:5])


def test_run_log_and_prefect_database_carry_no_planted_personal_data(sample_run):
    _, log, dump = sample_run
    assert log.stat().st_size > 0 and dump.stat().st_size > 0
    # A CPR's six birth-date digits alone match inside Prefect's microsecond timestamps ("…34.260888"),
    # so in the database dump only whole CPR numbers count (not the part, nor a planted bare birth date
    # like "140101"); every other kind counts in part as well.
    whole = [p for p in _planted() if not (p["kind"] == "cpr" and len(p["value"].replace("-", "")) <= 6)]
    report = scan_files([log], _planted())
    in_dump = scan_files([dump], whole)
    leaks = report.leaks + [lk for lk in in_dump.leaks if not (lk.kind == "cpr" and lk.partial)]
    assert leaks == [], leaks[:5]

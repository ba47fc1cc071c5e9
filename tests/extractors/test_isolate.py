"""Worker processes: a document that hangs or kills its worker fails alone; the rest complete."""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from conftest import SAMPLES
from make_samples import SCAN_LINES, image_pdf, render_scan

from extractors.isolate import extract_many

pytestmark = pytest.mark.slow


def test_timeout_fails_one_document_and_the_rest_complete() -> None:
    items = [("scan", SAMPLES / "scan_multi.tiff"), ("txt", SAMPLES / "journal_utf8.txt"),
             ("docx", SAMPLES / "plan.docx")]
    results = extract_many(items, timeout_s=0.4, workers=2)
    assert {k: (r.status, [e.code for e in r.errors]) for k, r in results.items()} == {
        "scan": ("failed", ["E_TIMEOUT"]), "txt": ("ok", []), "docx": ("ok", [])}
    assert results["scan"].format == "tiff"


def _runs_tesseract(pid: int) -> bool:
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            comm = Path(f"/proc/{child}/comm")
            if comm.exists() and comm.read_text().strip() == "tesseract":
                return True
    return False


def test_killed_worker_becomes_crash_and_is_replaced(tmp_path: Path) -> None:
    long_scan = tmp_path / "lang_scanning.pdf"
    long_scan.write_bytes(image_pdf([render_scan(SCAN_LINES)] * 3))
    before = {p.pid for p in multiprocessing.active_children()}

    def kill_worker_while_it_ocrs() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for worker in multiprocessing.active_children():
                if worker.pid not in before and _runs_tesseract(worker.pid):
                    os.kill(worker.pid, signal.SIGKILL)
                    return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_worker_while_it_ocrs)
    killer.start()
    results = extract_many([("lang", long_scan), ("txt", SAMPLES / "journal_cp1252.txt")],
                           timeout_s=60, workers=1)
    killer.join()
    assert (results["lang"].status, results["lang"].errors[0].code) == ("failed", "E_CRASH")
    assert results["txt"].status == "ok"


def test_a_worker_that_has_grown_is_replaced_and_no_document_is_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors import isolate

    monkeypatch.setattr(isolate, "RECYCLE_RSS_MB", 1)       # every worker counts as grown ...
    monkeypatch.setattr(isolate, "RSS_CHECK_EVERY", 2)      # ... after two documents (and the 8 it has queued)
    items = [(f"d{i}", SAMPLES / "journal_utf8.txt", "journal.txt") for i in range(30)]
    with isolate.WorkerPool(1, ocr=False) as pool:
        results = pool.extract_described(items, timeout_s=30)
        assert pool.started >= 3
    assert sorted(results) == sorted(f"d{i}" for i in range(30))
    assert {r.result.status for r in results.values()} == {"ok"}

"""Extraction of many documents in killable worker processes, with a timeout per document.

A pathological file (a hanging converter, a page that makes a library spin) costs its own timeout
and nothing more: its worker's whole process group is killed and replaced, the rest continue.

Each worker holds up to `PIPELINE_DEPTH` jobs, so it starts the next document while the parent is
still receiving the last result: the parent's round trip (and its GIL, shared with Prefect's threads
and the screener) is no longer on the workers' critical path. A document's clock starts when its
worker starts it, i.e. when the job ahead of it has been answered.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from extractors.base import DescribedExtraction, ExtractionResult
from extractors.detect import detect_format, extension_format
from extractors.errors import failed_result
from extractors.limits import Limits
from extractors.metadata import describe

STARTUP_TIMEOUT_S = 120.0
PIPELINE_DEPTH = 8
# A worker grows by ~30 MB per 1,000 .docx files (C memory in lxml that Python never hands back), so one
# that has grown past this is retired after its queued jobs and replaced: a run's memory does not grow
# with the archive. Checked every RSS_CHECK_EVERY documents (one read of /proc).
RECYCLE_RSS_MB = 150
RSS_CHECK_EVERY = 50


def _serve(conn: Connection, ocr: bool, limits: Limits | None) -> None:
    # Own process group, so a kill also reaches the tesseract/soffice processes this worker starts.
    os.setsid()
    from extractors.registry import extract_path

    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        key, path, name = job
        result = extract_path(Path(path), limits=limits, ocr=ocr)
        conn.send((key, result if name is None else describe(result, name)))


@dataclass
class _Job:
    key: str
    path: Path
    name: str | None


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    jobs: deque[_Job] = field(default_factory=deque)   # sent, not yet answered; the head is running
    deadline: float = 0.0
    served: int = 0
    retiring: bool = False

    def check_growth(self) -> None:
        self.served += 1
        if self.served % RSS_CHECK_EVERY == 0 and rss_mb(self.process.pid) > RECYCLE_RSS_MB:
            self.retiring = True

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.join(timeout=5)
        self.conn.close()


def _start(ctx: mp.context.BaseContext, count: int, ocr: bool, limits: Limits | None) -> list[_Worker]:
    """Start `count` workers at once and wait until each has done its imports."""
    started = []
    for _ in range(count):
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child, ocr, limits), daemon=True)
        process.start()
        child.close()
        started.append(_Worker(process=process, conn=parent))
    # The per-document clock starts after the imports, so a slow start is not a timeout.
    for worker in started:
        try:
            ready = worker.conn.poll(STARTUP_TIMEOUT_S) and worker.conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            raise RuntimeError("Udtræksprocessen kunne ikke starte.")
    return started


def rss_mb(pid: int | None) -> float:
    """Resident memory of one process in MB; 0 when it is gone."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def _format_guess(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return detect_format(handle.read(8192), path.name)
    except OSError:
        return extension_format(path.name) or "unknown"


class WorkerPool:
    """Killable extraction workers that stay alive between calls, so a run pays the imports once per worker."""

    def __init__(self, workers: int, *, ocr: bool = True, limits: Limits | None = None) -> None:
        self.workers = max(1, workers)
        self.ocr = ocr
        self.limits = limits
        self._ctx = mp.get_context("spawn")   # no fork of a parent that may hold threads (Prefect, Dask)
        self._pool: list[_Worker] = []
        self.started = 0                      # worker processes started so far (replacements included)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract(self, items: list[tuple[str, Path]], *, timeout_s: float) -> dict[str, ExtractionResult]:
        """Extract each (key, path); a document that times out or kills its worker becomes `failed`."""
        return self._run([_Job(key, Path(path), None) for key, path in items], timeout_s, described=False)

    def extract_described(self, items: list[tuple[str, Path, str]], *, timeout_s: float) -> dict[str, DescribedExtraction]:
        """Like `extract` for (key, path, file name), with date and type detected in the worker."""
        return self._run([_Job(key, Path(path), name) for key, path, name in items], timeout_s, described=True)

    def _run(self, jobs: list[_Job], timeout_s: float, *, described: bool) -> dict:
        pool, workers = self._pool, self.workers
        pending = deque(jobs)
        results: dict = {}
        while pending or any(w.jobs for w in pool):
            for worker in [w for w in pool if w.retiring and not w.jobs]:
                worker.stop()
                pool.remove(worker)
            missing = min(workers, len(pending)) - sum(1 for w in pool if not w.jobs and not w.retiring)
            if missing > 0 and len(pool) < workers:
                fresh = _start(self._ctx, min(missing, workers - len(pool)), self.ocr, self.limits)
                pool.extend(fresh)
                self.started += len(fresh)
            for depth in range(1, PIPELINE_DEPTH + 1):   # fill breadth-first: every worker busy before any queues
                for worker in pool:
                    if pending and len(worker.jobs) < depth and not worker.retiring:
                        self._send(worker, pending.popleft(), timeout_s)
            busy = [w for w in pool if w.jobs]
            wait_s = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = set(wait([w.conn for w in busy], timeout=wait_s))
            for worker in busy:
                code = None
                if worker.conn in ready:
                    try:
                        key, result = worker.conn.recv()
                        worker.jobs.popleft()
                        results[key] = result
                        worker.deadline = time.monotonic() + timeout_s   # the next queued job starts now
                        worker.check_growth()
                        continue
                    except (EOFError, OSError):
                        code = "E_CRASH"
                elif time.monotonic() >= worker.deadline:
                    code = "E_TIMEOUT"
                if code is None:
                    continue
                failed = worker.jobs.popleft()
                result = failed_result(_format_guess(failed.path), code)
                results[failed.key] = DescribedExtraction(result=result) if described else result
                pending.extendleft(reversed(worker.jobs))    # queued behind it, never started: try again
                worker.kill()
                pool.remove(worker)
        return results

    @staticmethod
    def _send(worker: _Worker, job: _Job, timeout_s: float) -> None:
        if not worker.jobs:
            worker.deadline = time.monotonic() + timeout_s
        worker.jobs.append(job)
        worker.conn.send((job.key, str(job.path), job.name))

    def close(self) -> None:
        for worker in self._pool:
            worker.stop()
        self._pool.clear()


def extract_many(items: list[tuple[str, Path]], *, timeout_s: float, workers: int, ocr: bool = True,
                 limits: Limits | None = None) -> dict[str, ExtractionResult]:
    """Extract each (key, path) in fresh workers; a document that times out or kills its worker becomes `failed`."""
    with WorkerPool(workers, ocr=ocr, limits=limits) as pool:
        return pool.extract(items, timeout_s=timeout_s)

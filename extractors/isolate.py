"""Extraction of many documents in killable worker processes, with a timeout per document.

A pathological file (a hanging converter, a page that makes a library spin) costs its own timeout
and nothing more: its worker's whole process group is killed and replaced, the rest continue.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from extractors.base import ExtractionResult
from extractors.detect import detect_format, extension_format
from extractors.errors import failed_result
from extractors.limits import Limits

STARTUP_TIMEOUT_S = 120.0


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
        key, path = job
        conn.send((key, extract_path(Path(path), limits=limits, ocr=ocr)))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    key: str | None = None
    path: Path | None = None
    deadline: float = 0.0

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

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract(self, items: list[tuple[str, Path]], *, timeout_s: float) -> dict[str, ExtractionResult]:
        """Extract each (key, path); a document that times out or kills its worker becomes `failed`."""
        pool, workers = self._pool, self.workers
        pending = deque(items)
        results: dict[str, ExtractionResult] = {}
        while pending or any(w.key is not None for w in pool):
            missing = min(workers, len(pending)) - sum(1 for w in pool if w.key is None)
            if missing > 0 and len(pool) < workers:
                pool.extend(_start(self._ctx, min(missing, workers - len(pool)), self.ocr, self.limits))
            for idle in [w for w in pool if w.key is None]:
                if not pending:
                    break
                idle.key, path = pending.popleft()
                idle.path = Path(path)
                idle.deadline = time.monotonic() + timeout_s
                idle.conn.send((idle.key, str(path)))
            busy = [w for w in pool if w.key is not None]
            wait_s = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = set(wait([w.conn for w in busy], timeout=wait_s))
            now = time.monotonic()
            for worker in busy:
                code = None
                if worker.conn in ready:
                    try:
                        key, result = worker.conn.recv()
                        results[key] = result
                        worker.key = None
                        continue
                    except (EOFError, OSError):
                        code = "E_CRASH"
                elif now >= worker.deadline:
                    code = "E_TIMEOUT"
                if code is None:
                    continue
                assert worker.key is not None and worker.path is not None
                results[worker.key] = failed_result(_format_guess(worker.path), code)
                worker.kill()
                pool.remove(worker)
        return results

    def close(self) -> None:
        for worker in self._pool:
            try:
                worker.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.kill()
        self._pool.clear()


def extract_many(items: list[tuple[str, Path]], *, timeout_s: float, workers: int, ocr: bool = True,
                 limits: Limits | None = None) -> dict[str, ExtractionResult]:
    """Extract each (key, path) in fresh workers; a document that times out or kills its worker becomes `failed`."""
    with WorkerPool(workers, ocr=ocr, limits=limits) as pool:
        return pool.extract(items, timeout_s=timeout_s)

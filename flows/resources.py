"""What a flow run keeps alive in its process between tasks: the extraction workers, and the analysis
processes that screen, decide and pseudonymise chunks of cases. Each is started once (imports and the
screener are paid once per process); they are closed at the end of the run by `close_pools`.
"""
from __future__ import annotations

import multiprocessing as mp
import threading
from concurrent.futures import ProcessPoolExecutor

from extractors.isolate import WorkerPool
from extractors.limits import Limits

_local = threading.local()
_pools: list[WorkerPool] = []
_lock = threading.Lock()
_analysers: ProcessPoolExecutor | None = None
_analyser_count = 1


def worker_pool(ocr: bool, limits: Limits) -> WorkerPool:
    """One extraction process per task-runner thread, kept until `close_pools` (imports are paid once)."""
    pool = getattr(_local, "pool", None)
    with _lock:
        reusable = pool is not None and pool in _pools and (pool.ocr, pool.limits) == (ocr, limits)
    if not reusable:
        if pool is not None:
            pool.close()
        pool = _local.pool = WorkerPool(1, ocr=ocr, limits=limits)
        with _lock:
            _pools.append(pool)
    return pool


def start_analysers(workers: int, warm_up) -> None:
    """Start one analysis process per worker (screening, case decisions and pseudonymisation of a chunk
    of cases) and let each run `warm_up` (its imports and the screener), without waiting for them."""
    global _analyser_count
    _analyser_count = max(1, workers)
    pool = analysis_pool()
    for _ in range(_analyser_count):
        pool.submit(warm_up)


def analysis_pool() -> ProcessPoolExecutor:
    """The analysis processes; after `close_analysers` (a broken pool), fresh ones as many as before."""
    global _analysers
    with _lock:
        if _analysers is None:
            _analysers = ProcessPoolExecutor(max_workers=_analyser_count, mp_context=mp.get_context("spawn"))
        return _analysers


def close_extraction_workers() -> None:
    with _lock:
        for pool in _pools:
            pool.close()
        _pools.clear()


def close_analysers() -> None:
    global _analysers
    with _lock:
        analysers, _analysers = _analysers, None
    if analysers is not None:
        analysers.shutdown(wait=True, cancel_futures=True)


def close_pools() -> None:
    close_extraction_workers()
    close_analysers()

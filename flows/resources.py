"""What a flow run keeps alive in its process between tasks: extraction workers, the process that
reads cases back for screening and pseudonymisation, and the screener. Each is built once (imports and
start-up are paid once); the processes are closed at the end of the run by `close_pools`.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import threading
from concurrent.futures import ProcessPoolExecutor

from extractors.isolate import WorkerPool
from extractors.limits import Limits
from pipeline.screen import Screener

_local = threading.local()
_pools: list[WorkerPool] = []
_lock = threading.Lock()
_preparers: ProcessPoolExecutor | None = None
_screener: Screener | None = None
_screener_lock = threading.Lock()
_prefetching: threading.Thread | None = None


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


def preparer_pool() -> ProcessPoolExecutor:
    """One process that reads cases back and learns their people while this process screens: the second
    core. (Two such processes and the screening on two cores cost more CPU than they save.)"""
    global _preparers
    with _lock:
        if _preparers is None:
            _preparers = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn"))
        return _preparers


def warm_preparer(fn) -> None:
    """Start the preparing process now and let it run `fn` (its imports), without waiting for it."""
    preparer_pool().submit(fn)


def close_extraction_workers() -> None:
    with _lock:
        for pool in _pools:
            pool.close()
        _pools.clear()


def close_preparers() -> None:
    global _preparers
    with _lock:
        preparers, _preparers = _preparers, None
    if preparers is not None:
        preparers.shutdown(wait=True, cancel_futures=True)


def close_pools() -> None:
    close_extraction_workers()
    close_preparers()


def get_screener() -> Screener:
    """spaCy, lexicon, context rules and the status model, built once per process."""
    global _screener
    with _screener_lock:
        if _screener is None:
            _screener = Screener()
        return _screener


def prefetch_screener() -> None:
    """Build the screener in a background thread (~3 s of CPU), once per process."""
    global _prefetching
    with _lock:          # not _screener_lock: that one is held while the screener is being built
        if _screener is not None or _prefetching is not None:
            return
        _prefetching = threading.Thread(target=get_screener, name="screener-prefetch", daemon=True)
    _prefetching.start()


def has_spare_core(workers: int) -> bool:
    """Whether a core is left beside `workers` extraction processes: work started beside extraction then
    runs there; otherwise it only slows the extraction down by as much as it takes."""
    return workers < len(os.sched_getaffinity(0))

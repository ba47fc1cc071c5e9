"""Stage timing and peak memory for run.json and the benchmark, and a status line per stage for a person
watching the terminal."""
from __future__ import annotations

import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from extractors.isolate import rss_mb

STAGE_NAMES = {"discover": "Finder filer", "expand": "Udpakker zip-sager", "extract": "Læser dokumenter",
               "analyse": "Screener og vurderer sager",
               "write": "Skriver tabeller"}
SAMPLE_S = 0.1
TREE_EVERY = 10        # samples between walks of /proc for new child processes (the walk costs ~5 ms)


def _descendants(pid: int) -> list[int]:
    """The process and all its descendants, from one pass over /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss_mb(pids: list[int]) -> float:
    return sum(rss_mb(pid) for pid in pids)


class Stages:
    def __init__(self, show: bool | None = None) -> None:
        self.timings: dict[str, float] = {}
        self.peak_rss_mb: dict[str, float] = {}
        self.show = sys.stderr.isatty() if show is None else show
        self.console = Console(stderr=True)
        self._peak = 0.0
        self._samples = 0
        self._pids: list[int] = []

    def _sample(self, stop: threading.Event) -> None:
        while True:                               # at least once, however short the stage
            if self._samples % TREE_EVERY == 0:
                self._pids = _descendants(os.getpid())
            self._samples += 1
            self._peak = max(self._peak, _rss_mb(self._pids))
            if stop.wait(SAMPLE_S):
                return

    @contextmanager
    def __call__(self, name: str, n: int | None = None):
        """Time a stage; with `n`, yield an `advance(k)` callable that drives a progress bar on a terminal.

        A stage entered more than once (extraction, level by level) adds up."""
        label = STAGE_NAMES.get(name, name) + (f" ({n})" if n is not None else "")
        self._peak = 0.0
        stop = threading.Event()
        sampler = threading.Thread(target=self._sample, args=(stop,), daemon=True)
        sampler.start()
        start = time.perf_counter()
        try:
            if self.show and n:
                with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                              TimeRemainingColumn(), console=self.console, transient=True) as bar:
                    task_id = bar.add_task(STAGE_NAMES.get(name, name), total=n)
                    yield lambda k=1: bar.advance(task_id, k)
            elif self.show:
                with self.console.status(label + " …"):
                    yield lambda k=1: None
            else:
                yield lambda k=1: None
        finally:
            stop.set()
            sampler.join()
        took = time.perf_counter() - start
        self.timings[name] = round(self.timings.get(name, 0.0) + took, 3)
        self.peak_rss_mb[name] = round(max(self.peak_rss_mb.get(name, 0.0), self._peak), 1)
        if self.show:
            self.console.print(f"[green]✓[/] {label}: {took:.1f} s")


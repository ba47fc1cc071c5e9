"""Stage timing for run.json, and a progress line per stage for a person watching the terminal."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager

from rich.console import Console

STAGE_NAMES = {"discover": "Finder filer", "expand": "Udpakker zip-sager", "extract": "Læser dokumenter",
               "screen": "Screener tekst", "aggregate": "Vurderer sager", "write": "Skriver tabeller"}


class Stages:
    def __init__(self, show: bool | None = None) -> None:
        self.timings: dict[str, float] = {}
        self.show = sys.stderr.isatty() if show is None else show
        self.console = Console(stderr=True)

    @contextmanager
    def __call__(self, name: str, n: int | None = None):
        label = STAGE_NAMES.get(name, name) + (f" ({n})" if n is not None else "")
        start = time.perf_counter()
        if self.show:
            with self.console.status(label + " …"):
                yield
        else:
            yield
        took = time.perf_counter() - start
        self.timings[name] = round(self.timings.get(name, 0.0) + took, 3)
        if self.show:
            self.console.print(f"[green]✓[/] {label}: {took:.1f} s")

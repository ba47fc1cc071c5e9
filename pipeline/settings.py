"""One typed settings object for a run, passed down to every stage and written to run.json."""
from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field


def default_state_dir() -> Path:
    env = os.environ.get("SAGS_STATE_DIR")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "sagsscreening"


class RunSettings(BaseModel):
    """Everything that decides a run's output. Paths are not written to run.json (they may name people)."""

    state_dir: Path = Field(default_factory=default_state_dir)
    state_url: str | None = None          # SQLAlchemy URL; default: SQLite in state_dir
    batch: str | None = None              # a name for what arrived in this run
    full: bool = False                    # re-extract and re-screen everything
    ocr: bool = True
    workers: int = 2                      # concurrent extraction processes
    runner: str = "threads"               # threads | dask (a local Dask cluster of `workers` processes)
    dask_address: str | None = None       # an existing Dask scheduler, e.g. tcp://host:8786
    batch_size: int = 250                 # documents per Prefect task at most; fewer when large (plan.batches)
    batch_mb: int = 16                    # ... and a task's files add up to about this many MB at most
    doc_timeout_s: float = 300.0          # per document; a pathological file becomes a failed row
    max_file_mb: int = 200
    lock_wait_s: float = 0.0              # a second run on the same state refuses at once by default
    key_file: Path | None = None          # pseudonymisation key; default state_dir/pseudonym.key

    @property
    def uses_dask(self) -> bool:
        """Tasks run on Dask workers (a local cluster or `dask_address`), not in this process."""
        return bool(self.dask_address) or self.runner == "dask"

    @property
    def key_path(self) -> Path:
        return self.key_file or self.state_dir / "pseudonym.key"

    def public(self) -> dict:
        """The settings as they may appear in run.json and Prefect: no paths, no URLs with credentials."""
        return {
            "batch": self.batch,
            "full": self.full,
            "ocr": self.ocr,
            "workers": self.workers,
            "runner": "dask" if self.uses_dask else self.runner,
            "batch_size": self.batch_size,
            "batch_mb": self.batch_mb,
            "doc_timeout_s": self.doc_timeout_s,
            "max_file_mb": self.max_file_mb,
            "state_backend": (self.state_url or "sqlite").split(":", 1)[0],
        }

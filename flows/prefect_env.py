"""Prefect settings that must be in the environment before the first `import prefect`.

Measured in ../shared/PREFECT.md: analytics off (no internet here), a batched task-run
recorder (otherwise task runs are lost at exit), a patient ephemeral-server start, and
no log lines shipped to the Prefect database (they could carry case data).
A user's own environment always wins.
"""
from __future__ import annotations

import os
from pathlib import Path

_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "200",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "50",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "DASK_LOGGING__DISTRIBUTED": "warning",
}


def apply(state_dir: Path | None = None) -> None:
    for key, value in _DEFAULTS.items():
        os.environ.setdefault(key, value)
    if state_dir is not None:
        # Prefect's own database holds flow parameters and state messages: keep it in the protected store.
        home = state_dir / "prefect"
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.environ.setdefault("PREFECT_HOME", str(home))

"""Wait until the Prefect server has recorded a flow's task runs before the process exits.

Without it the ephemeral server is stopped with events still queued: task runs go missing
from the UI and tracebacks are printed (measured in ../shared/PREFECT.md §2).
"""
from __future__ import annotations

import time

from prefect import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterId,
    TaskRunFilter,
    TaskRunFilterState,
    TaskRunFilterStateType,
)
from prefect.client.schemas.objects import StateType

FINAL = [StateType.COMPLETED, StateType.FAILED, StateType.CRASHED, StateType.CANCELLED]


def wait_until_recorded(flow_run_id, expected: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            done = client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
                task_run_filter=TaskRunFilter(state=TaskRunFilterState(type=TaskRunFilterStateType(any_=FINAL))),
                limit=expected + 1)
            if len(done) >= expected:
                return True
            time.sleep(0.25)
    return False

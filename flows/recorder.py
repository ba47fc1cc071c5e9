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
PAGE = 200          # the server refuses larger pages (422 "Invalid limit")


def _finished(client, flow_run_id, expected: int) -> int:
    """How many of the flow's task runs are final, counted page by page up to `expected`."""
    seen = 0
    while seen < expected:
        page = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
            task_run_filter=TaskRunFilter(state=TaskRunFilterState(type=TaskRunFilterStateType(any_=FINAL))),
            limit=PAGE, offset=seen)
        seen += len(page)
        if len(page) < PAGE:
            break
    return seen


def wait_until_recorded(flow_run_id, expected: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            if _finished(client, flow_run_id, expected) >= expected:
                return True
            time.sleep(0.25)
    return False

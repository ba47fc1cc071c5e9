"""Shared test setup. Prefect settings go in before any Prefect import (../shared/PREFECT.md)."""
import os
import tempfile

os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="sags-prefect-test-")
for _k, _v in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "200",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "50",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
}.items():
    os.environ.setdefault(_k, _v)

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def prefect_server():
    """Opt-in: only the integration tests pay for a Prefect server (~8 s once per session)."""
    import prefect.flow_engine as fe
    from prefect.testing.utilities import prefect_test_harness

    fe.BaseFlowRunEngine.heartbeat_seconds = property(lambda self: None)   # test-only: -0.9 s per flow
    with prefect_test_harness(server_startup_timeout=90):
        yield

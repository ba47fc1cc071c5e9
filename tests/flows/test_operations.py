"""Operations: a killed run recovers to identical tables, Dask gives the same tables, the schedule is built."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from flows.cli import run_screening
from pipeline.settings import RunSettings

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "flows.cli"]
TABLES = ("cases", "findings", "documents")


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False) for t in TABLES}


def _assert_same(a: dict, b: dict) -> None:
    for t in TABLES:
        pd.testing.assert_frame_equal(a[t], b[t], obj=t)


def test_deployment_has_cron_schedule_without_server(tmp_path):
    from flows.deployment import build_deployment

    dep = build_deployment(tmp_path / "arkiv", tmp_path / "out", RunSettings(state_dir=tmp_path / "s"),
                           cron="0 2 * * *", name="natlig")
    assert dep.name == "natlig"
    assert dep.schedules[0].schedule.cron == "0 2 * * *"
    assert dep.schedules[0].schedule.timezone == "Europe/Copenhagen"
    assert dep.parameters["settings"]["workers"] == 2


@pytest.mark.slow
def test_killed_run_then_rerun_equals_clean_run(prefect_server, small_archive, tmp_path):
    clean_out = tmp_path / "clean"
    run_screening(small_archive, clean_out, RunSettings(state_dir=tmp_path / "s-clean", workers=1))
    out, state = tmp_path / "out", tmp_path / "s-kill"
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)          # the child starts its own (ephemeral) server
    proc = subprocess.Popen(CLI + ["run", str(small_archive), "--out", str(out), "--state", str(state),
                                   "--workers", "1"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (state / "state.db").exists():
        time.sleep(0.05)
    time.sleep(1.0)                           # somewhere inside the run: server start, extraction or writing
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    run_screening(small_archive, out, RunSettings(state_dir=state, workers=1))
    _assert_same(_tables(clean_out), _tables(out))


@pytest.mark.slow
def test_dask_local_cluster_gives_same_tables(prefect_server, small_archive, tmp_path):
    from prefect.settings import PREFECT_API_URL

    os.environ["PREFECT_API_URL"] = PREFECT_API_URL.value()    # Dask workers must reuse this server
    try:
        local = tmp_path / "local"
        run_screening(small_archive, local, RunSettings(state_dir=tmp_path / "s1", workers=1))
        dask_out = tmp_path / "dask"
        run_screening(small_archive, dask_out, RunSettings(state_dir=tmp_path / "s2", workers=2, runner="dask"))
    finally:
        os.environ.pop("PREFECT_API_URL", None)
    _assert_same(_tables(local), _tables(dask_out))


@pytest.mark.slow
def test_waiting_for_task_runs_counts_past_the_servers_page_limit(prefect_server):
    """A 10,000-document archive has ~400 task runs; the server returns at most 200 per request."""
    from prefect import flow, task

    from flows.recorder import PAGE, wait_until_recorded

    @task
    def noop(i: int) -> int:
        return i

    @flow
    def many() -> None:
        noop.map(range(PAGE + 5)).wait()

    state = many(return_state=True)
    assert wait_until_recorded(state.state_details.flow_run_id, PAGE + 5, timeout=60)
    assert not wait_until_recorded(state.state_details.flow_run_id, PAGE + 6, timeout=0.5)


@pytest.mark.slow
def test_server_command_starts_prefect_with_the_measured_settings(tmp_path):
    import json
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}   # an operator's fresh shell
    state = tmp_path / "state"
    proc = subprocess.Popen(CLI + ["server", "--port", str(port), "--state", str(state)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        api = f"http://127.0.0.1:{port}/api"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(api + "/health", timeout=1):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "serveren startede ikke"
                time.sleep(0.3)
        with urllib.request.urlopen(api + "/admin/settings", timeout=10) as response:
            settings = json.load(response)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    recorder = settings["server"]["services"]["task_run_recorder"]
    assert (recorder["batch_size"], recorder["read_batch_size"], recorder["flush_interval"]) == (200, 50, 1.0)
    assert settings["server"]["analytics_enabled"] is False
    assert settings["logging"]["to_api"]["enabled"] is False
    assert Path(settings["home"]) == state.resolve() / "prefect-server"
    assert (state / "prefect-server" / "prefect.db").exists()
    assert state.stat().st_mode & 0o777 == 0o700

"""One run per state directory: a second run waits or refuses clearly; a killed holder frees the lock."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.runlock import LOCK_NAME, RunLock, RunLockedError

ROOT = Path(__file__).resolve().parents[2]


def test_second_holder_is_refused_with_the_first_holders_pid_and_start(tmp_path: Path) -> None:
    with RunLock(tmp_path / "state"):
        with pytest.raises(RunLockedError) as refused:
            with RunLock(tmp_path / "state"):
                pytest.fail("two holders at once")
    error = refused.value
    assert error.pid == os.getpid()
    assert error.started_at and error.started_at[:4].isdigit()
    message = str(error)
    assert f"pid {os.getpid()}" in message and error.started_at in message
    assert "En anden kørsel" in message and "Another run" in message
    assert "\n" not in message


def test_lock_is_free_again_after_release_and_after_an_exception(tmp_path: Path) -> None:
    with RunLock(tmp_path):
        pass
    with pytest.raises(ValueError), RunLock(tmp_path):
        raise ValueError("kørslen fejlede")
    with RunLock(tmp_path):
        assert (tmp_path / LOCK_NAME).stat().st_mode & 0o777 == 0o600


def test_other_state_directories_are_independent(tmp_path: Path) -> None:
    with RunLock(tmp_path / "a"), RunLock(tmp_path / "b"):
        pass


@pytest.mark.parametrize(("hold_s", "wait_s", "acquires"), [(0.3, 5.0, True), (1.0, 0.3, False)])
def test_waiting_run_gets_the_lock_only_if_released_in_time(tmp_path: Path, hold_s: float, wait_s: float,
                                                           acquires: bool) -> None:
    holding = threading.Event()

    def hold() -> None:
        with RunLock(tmp_path):
            holding.set()
            time.sleep(hold_s)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    started = time.monotonic()
    try:
        if acquires:
            with RunLock(tmp_path, wait_s=wait_s):
                assert time.monotonic() - started >= hold_s * 0.5
        else:
            with pytest.raises(RunLockedError):
                with RunLock(tmp_path, wait_s=wait_s):
                    pytest.fail("acquired a held lock")
            assert time.monotonic() - started >= wait_s
    finally:
        holder.join()


_HOLDER = """
import sys, time
from pathlib import Path
from pipeline.runlock import RunLock
with RunLock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


@pytest.mark.slow
def test_lock_of_a_killed_process_is_released_by_the_os(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(tmp_path)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(RunLockedError, match=f"pid {holder.pid}"):
            with RunLock(tmp_path):
                pytest.fail("acquired a lock held by another process")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    with RunLock(tmp_path, wait_s=2) as lock:
        assert lock.state_dir == tmp_path

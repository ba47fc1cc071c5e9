"""One run at a time per state directory, via an OS file lock.

`flock` belongs to the open file, so the kernel releases it when the holder dies, also on
kill -9: there is no stale lock to clean up. The lock file is never deleted (deleting it
would let two processes lock two different files). Its content, the holder's pid and start
time, is only there for the message the next run shows. flock is unreliable on some network
file systems; keep the state directory on a local disk.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

LOCK_NAME = "run.lock"
_POLL_S = 0.1


class RunLockedError(RuntimeError):
    def __init__(self, state_dir: Path, pid: int | None, started_at: str | None) -> None:
        self.pid = pid
        self.started_at = started_at
        holder = f"pid {pid if pid is not None else 'ukendt'}, startet {started_at or 'ukendt tidspunkt'}"
        super().__init__(
            f"En anden kørsel bruger allerede tilstanden i {state_dir} ({holder}); vent til den er færdig "
            f"eller prøv igen senere. / Another run holds the state lock ({holder})."
        )


class RunLock:
    def __init__(self, state_dir: Path, wait_s: float = 0) -> None:
        self.state_dir = state_dir
        self.wait_s = wait_s
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        self.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.state_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd)
                    os.close(fd)
                    raise RunLockedError(self.state_dir, holder.get("pid"), holder.get("started_at")) from None
                time.sleep(_POLL_S)
        holder_info = {"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder_info).encode(), 0)
        self._fd = fd
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None


def _read_holder(fd: int) -> dict:
    # The holder may be between truncate and write; an unreadable record just means "unknown".
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}

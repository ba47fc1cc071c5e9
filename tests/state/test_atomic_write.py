"""Crash-safe writing: after a kill a reader finds the old output or the new one, never a mix."""
from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import atomic
from pipeline.atomic import OUTPUT_MARKER, AtomicWriteError, atomic_dir, write_atomic

ROOT = Path(__file__).resolve().parents[2]


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _python(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.parametrize(("data", "mode", "expected"), [
    ("Anbringelse uden samtykke — § 58", 0o600, "Anbringelse uden samtykke — § 58".encode()),
    (b"\x00\xffbinary", 0o600, b"\x00\xffbinary"),
    ("offentlig", 0o644, b"offentlig"),
])
def test_write_atomic_replaces_content_with_given_mode(tmp_path: Path, data: bytes | str, mode: int,
                                                       expected: bytes) -> None:
    target = tmp_path / "sub" / "run.json"
    write_atomic(target, "gammel")
    write_atomic(target, data, mode=mode)
    assert target.read_bytes() == expected
    assert _mode(target) == mode
    assert sorted(p.name for p in target.parent.iterdir()) == ["run.json"]


def test_write_atomic_removes_leftovers_of_dead_writers_only(tmp_path: Path) -> None:
    dead = tmp_path / f".run.json.tmp-{_dead_pid()}-abc"
    alive = tmp_path / f".run.json.tmp-{os.getppid()}-abc"
    for leftover in (dead, alive):
        leftover.write_text("halv")
    write_atomic(tmp_path / "run.json", "{}")
    assert not dead.exists()
    assert alive.exists()


_FILE_WRITER = """
import sys
from pathlib import Path
from pipeline.atomic import write_atomic
target = Path(sys.argv[1])
print("ready", flush=True)
i = 0
while True:
    write_atomic(target, (b"A" if i % 2 else b"B") * 2_000_000)
    i += 1
"""


@pytest.mark.slow
def test_killed_file_writer_leaves_old_or_new_file(tmp_path: Path) -> None:
    target = tmp_path / "cases.csv"
    write_atomic(target, b"A" * 2_000_000)
    rng = random.Random(7)
    for _ in range(5):
        writer = _python(_FILE_WRITER, str(target))
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.3))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        content = target.read_bytes()
        assert content in (b"A" * 2_000_000, b"B" * 2_000_000)
    write_atomic(target, "ny")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv"]


def _write_tables(directory: Path, version: int) -> None:
    (directory / "cases.csv").write_text(f"version={version}\n")
    (directory / "findings.csv").write_text(f"version={version}\n")
    (directory / "nested").mkdir()
    (directory / "nested" / "documents.csv").write_text(f"version={version}\n")


def _versions(out: Path) -> set[str]:
    return {(out / name).read_text() for name in ("cases.csv", "findings.csv", "nested/documents.csv")}


def test_atomic_dir_creates_private_output(tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    with atomic_dir(out) as staging:
        assert staging.parent == tmp_path and not out.exists()
        _write_tables(staging, 1)
    assert _versions(out) == {"version=1\n"}
    assert (out / OUTPUT_MARKER).exists()
    assert {_mode(p) for p in out.rglob("*") if p.is_file()} == {0o600}
    assert {_mode(p) for p in [out, out / "nested"]} == {0o700}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT"]


@pytest.mark.parametrize("exchange_available", [True, False])
def test_atomic_dir_replaces_the_whole_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           exchange_available: bool) -> None:
    if not exchange_available:
        def no_exchange(a: Path, b: Path) -> None:
            raise OSError(errno.ENOSYS, "ingen renameat2")
        monkeypatch.setattr(atomic, "_exchange", no_exchange)
    out = tmp_path / "OUT"
    with atomic_dir(out) as staging:
        _write_tables(staging, 1)
        (staging / "report.html").write_text("gammel rapport")
    with atomic_dir(out) as staging:
        _write_tables(staging, 2)
    assert _versions(out) == {"version=2\n"}
    assert not (out / "report.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT"]


def test_failure_inside_leaves_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    with atomic_dir(out) as staging:
        _write_tables(staging, 1)
    with pytest.raises(RuntimeError, match="midtvejs"), atomic_dir(out) as staging:
        (staging / "cases.csv").write_text("version=2\n")
        raise RuntimeError("fejl midtvejs")
    assert _versions(out) == {"version=1\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT"]


@pytest.mark.parametrize("existing", ["foreign_dir", "file"])
def test_refuses_to_replace_something_it_did_not_write(tmp_path: Path, existing: str) -> None:
    out = tmp_path / "Skrivebord"
    if existing == "file":
        out.write_text("vigtigt")
    else:
        out.mkdir()
        (out / "vigtigt.docx").write_text("vigtigt")
    with pytest.raises(AtomicWriteError, match="vælg en ny"), atomic_dir(out):
        pytest.fail("must refuse before yielding")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Skrivebord"]


def test_empty_existing_directory_is_accepted(tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    out.mkdir()
    with atomic_dir(out) as staging:
        _write_tables(staging, 1)
    assert _versions(out) == {"version=1\n"}


def test_output_missing_after_interrupted_two_rename_swap_is_restored(tmp_path: Path) -> None:
    parked = tmp_path / f".OUT.old-{_dead_pid()}-abc" / "out"
    parked.mkdir(parents=True)
    _write_tables(parked, 1)
    (parked / OUTPUT_MARKER).touch()
    out = tmp_path / "OUT"
    with pytest.raises(RuntimeError), atomic_dir(out):
        raise RuntimeError("denne kørsel fejler også")
    assert _versions(out) == {"version=1\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT"]


_DIR_WRITER = """
import sys
from pathlib import Path
from pipeline.atomic import atomic_dir
out = Path(sys.argv[1])
print("ready", flush=True)
version = 2
while True:
    with atomic_dir(out) as staging:
        for name in ("cases.csv", "findings.csv"):
            (staging / name).write_text(f"version={version}\\n" * 20_000)
        (staging / "nested").mkdir()
        (staging / "nested" / "documents.csv").write_text(f"version={version}\\n" * 20_000)
    version += 1
"""


@pytest.mark.slow
def test_killed_directory_writer_leaves_a_consistent_set(tmp_path: Path) -> None:
    out = tmp_path / "OUT"
    with atomic_dir(out) as staging:
        _write_tables(staging, 1)
    rng = random.Random(11)
    for _ in range(6):
        writer = _python(_DIR_WRITER, str(out))
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.4))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        assert len(_versions(out)) == 1, "tables from different runs were mixed"
    with atomic_dir(out) as staging:
        _write_tables(staging, 99)
    assert _versions(out) == {"version=99\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT"]

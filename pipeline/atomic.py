"""Crash-safe writing: after a kill at any moment a reader finds the old output or the new one, never a mix.

The findings tables use `atomic_dir`: cases, findings and documents refer to each other, so
replacing them one file at a time (even each one atomically) could leave a new cases.csv
beside an old findings.csv after a kill. Writing the whole set into a sibling directory and
swapping it in with one rename makes the set all-or-nothing. `write_atomic` is for a single
file that stands alone.

Temporary names carry the writer's pid, so leftovers of a killed writer are recognised and
removed by the next writer while a live writer's files are left alone.
"""
from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

# Written into every output directory so an existing directory we did not make is never replaced.
OUTPUT_MARKER = ".sagsscreening-out"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


class AtomicWriteError(RuntimeError):
    pass


def write_atomic(path: Path, data: bytes | str, mode: int = 0o600) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path.parent, path.name)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path.name, "tmp"))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


@contextmanager
def atomic_dir(out: Path) -> Iterator[Path]:
    """Yield an empty directory beside OUT; on success it replaces OUT in one step (files 0600, dirs 0700).

    On an exception OUT is left as it was. OUT must be new, empty, or an earlier output.
    """
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    _restore_interrupted_swap(out)
    _check_replaceable(out)
    _remove_stale(out.parent, out.name)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=_temp_prefix(out.name, "tmp")))
    try:
        yield staging
        (staging / OUTPUT_MARKER).touch()
        _seal(staging)
        previous = _swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def _swap_into_place(staging: Path, out: Path) -> Path | None:
    """Put `staging` at `out`; returns the directory now holding the previous output, if any."""
    if not out.exists():
        os.rename(staging, out)
        _fsync_dir(out.parent)
        return None
    try:
        _exchange(staging, out)
        _fsync_dir(out.parent)
        return staging
    except OSError as exc:
        if exc.errno not in _NO_EXCHANGE:
            raise
    # No atomic exchange on this system: two renames, with a window where OUT is missing.
    # `_restore_interrupted_swap` closes that window on the next start.
    previous = Path(tempfile.mkdtemp(dir=out.parent, prefix=_temp_prefix(out.name, "old")))
    os.rename(out, previous / "out")
    os.rename(staging, out)
    _fsync_dir(out.parent)
    return previous


def _exchange(a: Path, b: Path) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 findes ikke på dette system")
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(b))


def _restore_interrupted_swap(out: Path) -> None:
    if out.exists():
        return
    for leftover in _leftovers(out.parent, out.name):
        kind, pid = leftover[1], leftover[2]
        previous = leftover[0] / "out"
        if kind == "old" and not _alive(pid) and previous.is_dir():
            os.rename(previous, out)
            _fsync_dir(out.parent)
            return


def _check_replaceable(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise AtomicWriteError(f"{out} findes og er ikke en mappe; vælg en ny eller tom uddatamappe")
    if any(out.iterdir()) and not (out / OUTPUT_MARKER).exists():
        raise AtomicWriteError(
            f"{out} findes og er ikke en tidligere uddatamappe (mangler {OUTPUT_MARKER}); "
            "vælg en ny eller tom mappe, så intet andet bliver overskrevet"
        )


def _seal(root: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            file_path = os.path.join(dirpath, name)
            os.chmod(file_path, 0o600)
            fd = os.open(file_path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.chmod(dirpath, 0o700)
        _fsync_dir(Path(dirpath))


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_prefix(name: str, kind: str) -> str:
    return f".{name}.{kind}-{os.getpid()}-"


def _leftovers(parent: Path, name: str) -> list[tuple[Path, str, int]]:
    pattern = re.compile(re.escape(f".{name}.") + r"(tmp|old)-(\d+)-")
    found = []
    for entry in parent.iterdir():
        match = pattern.match(entry.name)
        if match:
            found.append((entry, match.group(1), int(match.group(2))))
    return found


def _remove_stale(parent: Path, name: str) -> None:
    for path, _kind, pid in _leftovers(parent, name):
        if not _alive(pid):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with suppress(FileNotFoundError):
                    path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

"""Safe listing of zip case exports: member count, size, ratio and path limits (zip-bomb guard)."""
from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath

from extractors.errors import ExtractionFailure
from extractors.limits import Limits

UTF8_NAME_FLAG = 0x800
ENCRYPTED_FLAG = 0x1


class ArchiveError(ExtractionFailure):
    """A zip that breaks a safety limit or cannot be read; `code` says which."""


def _member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & UTF8_NAME_FLAG:
        # Windows zips store names in the OEM code page; Danish systems use cp850, where
        # cp437 (zipfile's default) turns ø into ¢.
        try:
            name = name.encode("cp437").decode("cp850")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _safe_path(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise ArchiveError("E_ZIP_PATH")
    return str(path)


def _read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    # The declared size can lie; read at most one byte past it and refuse what is bigger.
    cap = min(info.file_size, budget)
    with zf.open(info) as handle:
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise ArchiveError("E_ZIP_LIMIT")
    return data


def iter_zip_members(data: bytes, limits: Limits) -> Iterator[tuple[str, bytes]]:
    """Yield (relative path, bytes) of each file member; raises ArchiveError before yielding unsafe content."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ArchiveError("E_CORRUPT") from exc
    with zf:
        infos = [info for info in zf.infolist() if not info.is_dir()]
        if len(infos) > limits.zip_max_members:
            raise ArchiveError("E_ZIP_LIMIT")
        if sum(info.file_size for info in infos) > limits.zip_max_total_bytes:
            raise ArchiveError("E_ZIP_LIMIT")
        checked: list[tuple[zipfile.ZipInfo, str]] = []
        for info in infos:
            name = _safe_path(_member_name(info))
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ArchiveError("E_ZIP_PATH")
            if info.flag_bits & ENCRYPTED_FLAG:
                raise ArchiveError("E_ENCRYPTED")
            # Small text members legitimately compress far beyond any ratio; a bomb needs size too.
            if info.file_size > limits.zip_max_ratio * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
                raise ArchiveError("E_ZIP_LIMIT")
            checked.append((info, name))
        budget = limits.zip_max_total_bytes
        for info, name in checked:
            try:
                member = _read_limited(zf, info, budget)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
                raise ArchiveError("E_CORRUPT") from exc
            budget -= len(member)
            yield name, member

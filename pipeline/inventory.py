"""Walk a case archive (SPEC §1): which files exist, which case each belongs to, which are strays.

Pure and cheap: it reads directory entries, never file contents (zip cases are expanded later,
by the flow, through `extractors.archive`).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

STRAY_REASON = "Filen ligger i arkivets øverste mappe uden for en sag og er ikke screenet"
LINK_REASON = "Symbolsk link – følges ikke af sikkerhedshensyn"
HASH_CHUNK = 1 << 20


@dataclass
class FileEntry:
    case_id: str                     # "" for a file outside any case
    rel_path: str                    # posix path relative to the archive; members: "<zip>/<member>"
    source: Path | None              # where the bytes are on disk (None: not readable / not needed)
    size: int = 0
    mtime_ns: int = 0
    parent_rel_path: str | None = None
    skip_reason: str | None = None
    is_zip_case: bool = False
    document_id: str = ""            # sha256, filled by hashing


def archive_key(archive: Path) -> str:
    """A stable id for an archive that does not reveal its path."""
    return hashlib.sha256(str(archive.resolve()).encode()).hexdigest()[:16]


def discover(archive: Path) -> list[FileEntry]:
    if not archive.is_dir():
        raise NotADirectoryError(f"Arkivet findes ikke eller er ikke en mappe: {archive.name}")
    entries: list[FileEntry] = []
    for child in sorted(archive.iterdir(), key=lambda p: p.name):
        rel = child.name
        if child.is_symlink():
            entries.append(_entry("", rel, None, skip_reason=LINK_REASON))
        elif child.is_dir():
            entries.extend(_walk_case(archive, child, case_id=child.name))
        elif child.suffix.lower() == ".zip":
            entry = _entry(child.stem, rel, child)
            entry.is_zip_case = True
            entries.append(entry)
        else:
            entries.append(_entry("", rel, child, skip_reason=STRAY_REASON))
    return entries


def _walk_case(archive: Path, case_dir: Path, case_id: str) -> list[FileEntry]:
    found: list[FileEntry] = []
    for root, dirs, files in os.walk(case_dir, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            rel = path.relative_to(archive).as_posix()
            if path.is_symlink():
                found.append(_entry(case_id, rel, None, skip_reason=LINK_REASON))
            else:
                found.append(_entry(case_id, rel, path))
    return found


def _entry(case_id: str, rel: str, path: Path | None, skip_reason: str | None = None) -> FileEntry:
    size = mtime = 0
    if path is not None:
        st = path.stat()
        size, mtime = st.st_size, st.st_mtime_ns
    return FileEntry(case_id=case_id, rel_path=rel, source=path, size=size, mtime_ns=mtime,
                     skip_reason=skip_reason)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

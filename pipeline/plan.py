"""Decide what a run must do: hash files (skipping unchanged ones), expand zip cases and
e-mail attachments into documents, and pick the documents that need extraction or screening.

Pure functions over `FileEntry` lists and what the state store already holds.
"""
from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.base import Attachment, ExtractionResult
from pipeline.inventory import FileEntry, sha256_bytes, sha256_file

ATTACHMENTS_KEY = "attachments"   # metadata key holding [[name, sha256], ...] of a document's attachments


@dataclass
class Materialised:
    """Bytes of zip members and e-mail attachments written to the run's protected scratch dir."""
    scratch: Path
    written: dict[str, Path] = field(default_factory=dict)

    def put(self, data: bytes) -> tuple[str, Path]:
        sha = sha256_bytes(data)
        path = self.written.get(sha)
        if path is None:
            path = self.scratch / sha
            path.write_bytes(data)
            path.chmod(0o600)
            self.written[sha] = path
        return sha, path


def hash_entries(entries: list[FileEntry], index: dict, *, full: bool) -> int:
    """Fill `document_id`; reuse the stored sha256 when size and mtime are unchanged. Returns files hashed."""
    hashed = 0
    for entry in entries:
        if entry.source is None or entry.skip_reason or entry.document_id:
            continue
        known = index.get(entry.rel_path)
        if not full and known is not None and known.size == entry.size and known.mtime_ns == entry.mtime_ns:
            entry.document_id = known.document_id
            continue
        entry.document_id = sha256_file(entry.source)
        hashed += 1
    return hashed


def expand_zip_case(entry: FileEntry, members: Iterable[tuple[str, bytes]], store: Materialised) -> list[FileEntry]:
    found = []
    for name, data in members:
        sha, path = store.put(data)
        found.append(FileEntry(case_id=entry.case_id, rel_path=f"{entry.rel_path}/{name}", source=path,
                               size=len(data), mtime_ns=entry.mtime_ns, parent_rel_path=entry.rel_path,
                               document_id=sha))
    return found


def attachment_entries(parent: FileEntry, result: ExtractionResult, store: Materialised | None) -> list[FileEntry]:
    """Child entries for a document's attachments: from fresh bytes, or from the names stored with it."""
    children = []
    if result.attachments and store is not None:
        listed = []
        for att in result.attachments:
            sha, path = store.put(att.data)
            listed.append([att.name, sha])
            children.append(_child(parent, att.name, sha, path, len(att.data)))
        result.metadata[ATTACHMENTS_KEY] = json.dumps(listed, ensure_ascii=False)
        result.attachments = []
    else:
        for name, sha in json.loads(result.metadata.get(ATTACHMENTS_KEY, "[]")):
            children.append(_child(parent, name, sha, None, 0))
    return children


def _child(parent: FileEntry, name: str, sha: str, path: Path | None, size: int) -> FileEntry:
    return FileEntry(case_id=parent.case_id, rel_path=f"{parent.rel_path}/{name}", source=path, size=size,
                     mtime_ns=parent.mtime_ns, parent_rel_path=parent.rel_path, document_id=sha)


def needing(entries: Iterable[FileEntry], have: Callable[[list[str]], set[str]], *, full: bool) -> dict[str, Path]:
    """document_id → readable path for documents whose result is not stored yet (one per unique sha)."""
    candidates = {e.document_id: e.source for e in entries
                  if e.document_id and not e.skip_reason and not e.is_zip_case and e.source is not None}
    if full:
        return dict(candidates)
    stored = have(list(candidates))
    return {sha: path for sha, path in candidates.items() if sha not in stored}


def zip_error_result(exc: Exception) -> ExtractionResult:
    from extractors.errors import error  # late: keeps this module importable in isolation
    code = getattr(exc, "code", None) or ("E_CORRUPT" if isinstance(exc, zipfile.BadZipFile | EOFError) else "E_CRASH")
    return ExtractionResult(status="failed", format="zip", errors=[error(code)])


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def batches(items: list, sizes: list[int], *, max_docs: int, max_bytes: int, workers: int = 1,
            min_docs: int = 25) -> list[list]:
    """Consecutive batches of `items` (with their file sizes), one Prefect task each.

    A batch takes half of what is left per worker, at most `max_docs` and at least `min_docs` items (guided
    scheduling: few large tasks first, small ones at the end, so no worker waits long on the last one), and
    closes early when its bytes reach `max_bytes`: a batch of scans (~0.1-0.5 MB a page, seconds of OCR
    each) stays a few minutes of work, while text-layer files (a few KB, milliseconds each) fill it up. Each
    task costs Prefect ~20 ms of CPU in the flow and the server (measured), a tenth of a 50-PDF batch's work.
    """
    found: list[list] = []
    current: list = []
    total = 0
    left = len(items)
    cap = 0
    for item, size in zip(items, sizes, strict=True):
        if not current:
            cap = min(max_docs, max(min_docs, -(-left // (2 * max(1, workers)))))
        current.append(item)
        total += size
        left -= 1
        if len(current) >= cap or total >= max_bytes:
            found.append(current)
            current, total = [], 0
    if current:
        found.append(current)
    return found


__all__ = ["Attachment", "Materialised", "attachment_entries", "batches", "chunks", "expand_zip_case", "hash_entries",
           "needing", "zip_error_result"]

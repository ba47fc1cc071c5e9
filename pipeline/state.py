"""The state database: what was seen, extracted, screened and decided, across runs.

Embedded SQLite (WAL) by default, any SQLAlchemy URL (PostgreSQL) for a shared installation.
Every public write is one transaction, and every write is an idempotent upsert keyed by
content hash and version, so a run killed at any moment and started again converges to
the same state. Reviewer decisions are append-only (enforced by a trigger, see
`state_schema`). Call the writing methods under `pipeline.runlock.RunLock`.
"""
from __future__ import annotations

import dataclasses
import json
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, case, create_engine, event, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from pipeline.state_schema import (
    FileRow,
    ReviewRow,
    RunRow,
    StoredExtraction,
    as_utc,
    extraction_from_row,
    extraction_to_row,
    extractions,
    files,
    finding_from_json,
    finding_to_json,
    metadata,
    reviews,
    runs,
    screenings,
)
from pipeline.types import Finding

FINAL_RUN_STATUSES = ("completed", "failed")
# Stay well under SQLite's bound-parameter limit and PostgreSQL's 65535.
_CHUNK = 500
_BUSY_TIMEOUT_MS = 60_000


class StateStore:
    def __init__(self, url: str) -> None:
        self.url = url                      # for another process to open the same store
        parsed = make_url(url)
        self._sqlite = parsed.get_backend_name() == "sqlite"
        if self._sqlite and parsed.database and parsed.database != ":memory:":
            _create_private_file(Path(parsed.database))
        self._engine = create_engine(url, json_serializer=_dumps)
        if self._sqlite:
            _configure_sqlite(self._engine)
        with self._write() as conn:
            metadata.create_all(conn)

    @staticmethod
    def default_url(state_dir: Path) -> str:
        return f"sqlite:///{(state_dir / 'state.db').resolve()}"

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- runs --------------------------------------------------------------------------

    def begin_run(self, archive_key: str, batch: str | None, settings: dict, versions: dict) -> str:
        started = _now()
        # Sortable by start time, unique without coordination between machines.
        run_id = f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        with self._write() as conn:
            conn.execute(
                runs.insert().values(
                    run_id=run_id, started_at=started, status="running", archive_key=archive_key,
                    batch=batch, settings=settings, counts={}, versions=versions,
                )
            )
        return run_id

    def finish_run(self, run_id: str, status: str, counts: dict) -> None:
        if status not in FINAL_RUN_STATUSES:
            raise ValueError(f"Ukendt slutstatus for kørsel: {status!r}; gyldige: {', '.join(FINAL_RUN_STATUSES)}")
        with self._write() as conn:
            updated = conn.execute(
                update(runs).where(runs.c.run_id == run_id)
                .values(status=status, counts=counts, finished_at=_now())
            ).rowcount
        if updated != 1:
            raise KeyError(f"Kørslen {run_id} findes ikke i tilstanden")

    def fail_interrupted_runs(self, archive_key: str) -> int:
        """Mark runs still 'running' for this archive as failed; only correct while holding the RunLock."""
        with self._write() as conn:
            return conn.execute(
                update(runs)
                .where(runs.c.archive_key == archive_key, runs.c.status == "running")
                .values(status="failed", counts={"afbrudt": True}, finished_at=_now())
            ).rowcount

    def get_run(self, run_id: str) -> RunRow | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(runs).where(runs.c.run_id == run_id)).mappings().first()
        if row is None:
            return None
        return RunRow(**{**row, "started_at": as_utc(row["started_at"]), "finished_at": as_utc(row["finished_at"])})

    # -- files -------------------------------------------------------------------------

    def file_index(self, archive_key: str, include_removed: bool = False) -> dict[str, FileRow]:
        query = select(files).where(files.c.archive_key == archive_key)
        if not include_removed:
            query = query.where(files.c.removed_in_run.is_(None))
        with self._engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        field_names = {f.name for f in dataclasses.fields(FileRow)}
        return {r["rel_path"]: FileRow(**{k: v for k, v in r.items() if k in field_names}) for r in rows}

    def record_files(self, archive_key: str, run_id: str, batch: str | None, rows: Sequence[FileRow]) -> None:
        """Upsert occurrences seen in this run. `batch` records when the current content arrived."""
        if not rows:
            return
        values = [
            {
                "archive_key": archive_key, "rel_path": r.rel_path, "case_id": r.case_id,
                "document_id": r.document_id, "parent_id": r.parent_id, "size": r.size,
                "mtime_ns": r.mtime_ns, "first_seen_run": run_id, "last_seen_run": run_id,
                "batch": batch, "removed_in_run": None,
            }
            for r in rows
        ]
        stmt = self._insert(files)
        content_unchanged = files.c.document_id == stmt.excluded.document_id
        stmt = stmt.on_conflict_do_update(
            index_elements=[files.c.archive_key, files.c.rel_path],
            set_={
                "case_id": stmt.excluded.case_id,
                "document_id": stmt.excluded.document_id,
                "parent_id": stmt.excluded.parent_id,
                "size": stmt.excluded.size,
                "mtime_ns": stmt.excluded.mtime_ns,
                "last_seen_run": stmt.excluded.last_seen_run,
                "batch": case((content_unchanged, files.c.batch), else_=stmt.excluded.batch),
                "removed_in_run": None,
            },
        )
        with self._write() as conn:
            for chunk in _chunks(values, _CHUNK * 10):
                conn.execute(stmt, chunk)

    def mark_removed(self, archive_key: str, run_id: str, present_rel_paths: set[str]) -> int:
        """Mark files (and attachment/member rows) absent from this run as removed; returns how many."""
        with self._write() as conn:
            known = conn.execute(
                select(files.c.rel_path).where(
                    files.c.archive_key == archive_key, files.c.removed_in_run.is_(None)
                )
            ).scalars().all()
            gone = sorted(set(known) - present_rel_paths)
            for chunk in _chunks(gone, _CHUNK):
                conn.execute(
                    update(files)
                    .where(files.c.archive_key == archive_key, files.c.rel_path.in_(chunk))
                    .values(removed_in_run=run_id)
                )
        return len(gone)

    def touch_files(self, archive_key: str, run_id: str) -> None:
        """Record that a run saw every present file of the archive unchanged."""
        with self._write() as conn:
            conn.execute(update(files).where(files.c.archive_key == archive_key, files.c.removed_in_run.is_(None))
                         .values(last_seen_run=run_id))

    # -- extractions -------------------------------------------------------------------

    def get_extractions(self, document_ids: Iterable[str], extractor_version: str) -> dict[str, StoredExtraction]:
        found: dict[str, StoredExtraction] = {}
        with self._engine.connect() as conn:
            for chunk in _chunks(sorted(set(document_ids)), _CHUNK):
                rows = conn.execute(
                    select(extractions).where(
                        extractions.c.extractor_version == extractor_version,
                        extractions.c.document_id.in_(chunk),
                    )
                ).mappings()
                for row in rows:
                    found[row["document_id"]] = extraction_from_row(row)
        return found

    def extraction_ids(self, document_ids: Iterable[str], extractor_version: str) -> set[str]:
        """The documents among these whose extraction with this version is stored (without loading it)."""
        found: set[str] = set()
        with self._engine.connect() as conn:
            for chunk in _chunks(sorted(set(document_ids)), _CHUNK):
                found.update(conn.execute(
                    select(extractions.c.document_id).where(extractions.c.extractor_version == extractor_version,
                                                            extractions.c.document_id.in_(chunk))
                ).scalars())
        return found

    def put_extractions(self, items: Mapping[str, StoredExtraction], extractor_version: str) -> None:
        if not items:
            return
        created = _now()
        values = [extraction_to_row(doc_id, item, extractor_version, created) for doc_id, item in items.items()]
        stmt = self._insert(extractions)
        stmt = stmt.on_conflict_do_update(
            index_elements=[extractions.c.document_id, extractions.c.extractor_version],
            set_={c.name: stmt.excluded[c.name] for c in extractions.c if not c.primary_key},
        )
        with self._write() as conn:
            for chunk in _chunks(values, _CHUNK * 10):
                conn.execute(stmt, chunk)

    # -- screenings --------------------------------------------------------------------

    def get_screenings(self, document_ids: Iterable[str], screening_version: str) -> dict[str, list[Finding]]:
        """Screened documents only; a document screened with no findings maps to []."""
        found: dict[str, list[Finding]] = {}
        with self._engine.connect() as conn:
            for chunk in _chunks(sorted(set(document_ids)), _CHUNK):
                rows = conn.execute(
                    select(screenings.c.document_id, screenings.c.findings).where(
                        screenings.c.screening_version == screening_version,
                        screenings.c.document_id.in_(chunk),
                    )
                )
                for doc_id, payload in rows:
                    found[doc_id] = [finding_from_json(f) for f in payload]
        return found

    def put_screenings(self, findings_by_document: Mapping[str, Sequence[Finding]], screening_version: str) -> None:
        if not findings_by_document:
            return
        created = _now()
        values = [
            {
                "document_id": doc_id, "screening_version": screening_version,
                "findings": [finding_to_json(f) for f in found], "created_at": created,
            }
            for doc_id, found in findings_by_document.items()
        ]
        stmt = self._insert(screenings)
        stmt = stmt.on_conflict_do_update(
            index_elements=[screenings.c.document_id, screenings.c.screening_version],
            set_={"findings": stmt.excluded.findings, "created_at": stmt.excluded.created_at},
        )
        with self._write() as conn:
            for chunk in _chunks(values, _CHUNK * 10):
                conn.execute(stmt, chunk)

    # -- reviews -----------------------------------------------------------------------

    def add_review(
        self,
        archive_key: str,
        case_id: str,
        decision: str,
        reviewer: str,
        note: str = "",
        findings_version: str = "",
        decided_at: datetime | None = None,
    ) -> int:
        if not decision.strip() or not reviewer.strip():
            raise ValueError("En afgørelse kræver både en beslutning og en sagsbehandler (reviewer)")
        with self._write() as conn:
            result = conn.execute(
                reviews.insert().values(
                    case_id=case_id, archive_key=archive_key, decision=decision, reviewer=reviewer,
                    note=note, decided_at=decided_at or _now(), findings_version=findings_version,
                )
            )
            return int(result.inserted_primary_key[0])

    def latest_reviews(self, archive_key: str) -> dict[str, ReviewRow]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(reviews).where(reviews.c.archive_key == archive_key)
                .order_by(reviews.c.decided_at, reviews.c.id)
            ).mappings().all()
        return {r["case_id"]: ReviewRow(**{**r, "decided_at": as_utc(r["decided_at"])}) for r in rows}

    # -- plumbing ----------------------------------------------------------------------

    def _insert(self, table):  # type: ignore[no-untyped-def]
        return (sqlite.insert if self._sqlite else postgresql.insert)(table)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._engine.connect() as conn:
            # SQLite: take the write lock up front, so a concurrent writer waits on
            # busy_timeout instead of failing on a read-to-write lock upgrade.
            conn = conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                yield conn


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event below issue BEGIN instead of the driver's lazy one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # WAL + NORMAL survives a killed process without losing commits; only a power cut
        # can drop the last transactions, never corrupt the file.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _now() -> datetime:
    return datetime.now(UTC)


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]

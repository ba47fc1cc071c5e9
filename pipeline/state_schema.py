"""What the state database holds: its tables (SQLAlchemy Core, portable between SQLite and
PostgreSQL), the records the store hands out, and how records map to rows.

The raw text of every document lives here and nowhere else, so the database file is the
protected store: it is created 0600 and operators keep it on encrypted storage.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    DDL,
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    event,
)

from extractors.base import DescribedExtraction, ExtractionError, ExtractionResult, Page
from pipeline.types import Finding

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("run_id", String(64), primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),
    Column("archive_key", String(64), nullable=False),
    Column("batch", String(200)),
    Column("settings", JSON, nullable=False),
    Column("counts", JSON, nullable=False),
    Column("versions", JSON, nullable=False),
)
Index("ix_runs_archive", runs.c.archive_key, runs.c.started_at)

# One row per file occurrence in an archive. A file that disappears keeps its row with
# `removed_in_run` set, so a later report can say what vanished and when.
files = Table(
    "files",
    metadata,
    Column("archive_key", String(64), primary_key=True),
    Column("rel_path", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("document_id", String(64), nullable=False),
    Column("parent_id", String(64)),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("first_seen_run", String(64), ForeignKey("runs.run_id"), nullable=False),
    Column("last_seen_run", String(64), ForeignKey("runs.run_id"), nullable=False),
    Column("batch", String(200)),
    Column("removed_in_run", String(64), ForeignKey("runs.run_id")),
)
Index("ix_files_document", files.c.document_id)

extractions = Table(
    "extractions",
    metadata,
    Column("document_id", String(64), primary_key=True),
    Column("extractor_version", String(64), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("format", String(32), nullable=False),
    Column("method", String(16), nullable=False),
    Column("error", Text, nullable=False),
    Column("error_codes", JSON, nullable=False),
    Column("errors", JSON, nullable=False),
    Column("pages", JSON, nullable=False),
    Column("chars", Integer, nullable=False),
    Column("doc_type", String(64), nullable=False),
    Column("doc_date", Date),
    Column("metadata", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

screenings = Table(
    "screenings",
    metadata,
    Column("document_id", String(64), primary_key=True),
    Column("screening_version", String(64), primary_key=True),
    Column("findings", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Append-only: reviewer decisions are the one thing a re-run must never change.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Text, nullable=False),
    Column("archive_key", String(64), nullable=False),
    Column("decision", Text, nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("findings_version", String(64), nullable=False),
)
Index("ix_reviews_archive_case", reviews.c.archive_key, reviews.c.case_id)

# The database itself refuses to change a decision, so no code path (ours or a
# hand-written SQL fix) can silently rewrite what a reviewer decided.
_APPEND_ONLY_MESSAGE = "reviews er kun til tilføjelse: en afgørelse kan ikke ændres eller slettes"
for _verb in ("UPDATE", "DELETE"):
    event.listen(
        reviews,
        "after_create",
        DDL(
            f"CREATE TRIGGER reviews_no_{_verb.lower()} BEFORE {_verb} ON reviews "
            f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY_MESSAGE}'); END"
        ).execute_if(dialect="sqlite"),
    )
event.listen(
    reviews,
    "after_create",
    DDL(
        "CREATE FUNCTION reviews_append_only() RETURNS trigger AS $$ "
        f"BEGIN RAISE EXCEPTION '{_APPEND_ONLY_MESSAGE}'; END $$ LANGUAGE plpgsql"
    ).execute_if(dialect="postgresql"),
)
event.listen(
    reviews,
    "after_create",
    DDL(
        "CREATE TRIGGER reviews_append_only BEFORE UPDATE OR DELETE ON reviews "
        "FOR EACH ROW EXECUTE FUNCTION reviews_append_only()"
    ).execute_if(dialect="postgresql"),
)


# -- records the store hands out, and how they map to rows ----------------------------


@dataclass
class FileRow:
    rel_path: str
    case_id: str
    document_id: str
    size: int
    mtime_ns: int
    parent_id: str | None = None
    batch: str | None = None
    first_seen_run: str | None = None
    last_seen_run: str | None = None
    removed_in_run: str | None = None

    def same_stat(self, size: int, mtime_ns: int) -> bool:
        """True when the file on disk still has the size and mtime it had when hashed, so the hash can be reused."""
        return self.size == size and self.mtime_ns == mtime_ns


# An extraction as kept in the state: the result (without attachment bytes) plus its type and date,
# exactly what the extraction workers return.
StoredExtraction = DescribedExtraction


@dataclass
class RunRow:
    run_id: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    archive_key: str
    batch: str | None
    settings: dict[str, Any]
    counts: dict[str, Any]
    versions: dict[str, Any]


@dataclass
class ReviewRow:
    id: int
    case_id: str
    archive_key: str
    decision: str
    reviewer: str
    note: str
    decided_at: datetime
    findings_version: str


def as_utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything we store is UTC.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def extraction_to_row(doc_id: str, item: StoredExtraction, version: str, created: datetime) -> dict[str, Any]:
    result = item.result
    return {
        "document_id": doc_id,
        "extractor_version": version,
        "status": result.status,
        "format": result.format,
        "method": result.method,
        "error": result.error,
        "error_codes": [e.code for e in result.errors],
        "errors": [dataclasses.asdict(e) for e in result.errors],
        "pages": [dataclasses.asdict(p) for p in result.pages],
        "chars": result.chars,
        "doc_type": item.doc_type,
        "doc_date": item.doc_date,
        "metadata": result.metadata,
        "created_at": created,
    }


def extraction_from_row(row: Mapping[str, Any]) -> StoredExtraction:
    result = ExtractionResult(
        status=row["status"],
        format=row["format"],
        pages=[Page(**p) for p in row["pages"]],
        errors=[ExtractionError(**e) for e in row["errors"]],
        metadata=dict(row["metadata"]),
    )
    return StoredExtraction(result=result, doc_type=row["doc_type"], doc_date=row["doc_date"])


_FINDING_FIELDS = {f.name for f in dataclasses.fields(Finding)}


def finding_to_json(finding: Finding) -> dict[str, Any]:
    payload = dataclasses.asdict(finding)
    if finding.doc_date is not None:
        payload["doc_date"] = finding.doc_date.isoformat()
    return payload


def finding_from_json(payload: Mapping[str, Any]) -> Finding:
    # Fields added to Finding later get their defaults when reading older rows.
    values = {k: v for k, v in payload.items() if k in _FINDING_FIELDS}
    if values.get("doc_date"):
        values["doc_date"] = date.fromisoformat(values["doc_date"])
    return Finding(**values)

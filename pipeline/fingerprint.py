"""Whether OUT's tables still describe the archive: a keyed fingerprint of everything they are made
from, and the sha256 of every table. Light on purpose (no pandas, spaCy or Prefect), so the command
line can answer "nothing changed" before it starts anything heavy.
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import json
from pathlib import Path

from pipeline.atomic import OUTPUT_MARKER
from pipeline.inventory import FileEntry, sha256_file

RESULT_SETTINGS = ("ocr", "max_file_mb", "doc_timeout_s")   # settings that change what the tables say



def inputs_fingerprint(key: bytes, entries: list[FileEntry], versions: dict, settings: dict,
                       batch_of: dict[str, str | None], reviews: dict) -> str:
    """Everything the tables are computed from: files by content, versions, settings, batches and reviews.

    Keyed with the pseudonymisation key: the file list holds names, and a plain hash of it could be
    tested against guesses. Same fingerprint ⇒ the same tables (the pipeline is deterministic).
    """
    files = sorted(json.dumps([e.rel_path, e.case_id, e.document_id, e.skip_reason, e.parent_rel_path,
                               batch_of.get(e.rel_path)], ensure_ascii=False) for e in entries)
    payload = {"versions": versions, "settings": {k: settings.get(k) for k in RESULT_SETTINGS},
               "reviews": {str(k): str(v) for k, v in reviews.items()}, "files": files}
    return hmac.new(key, json.dumps(payload, sort_keys=True, default=str).encode(), hashlib.sha256).hexdigest()


def output_digests(directory: Path) -> dict[str, str]:
    """sha256 of every table, workbook and report in an output directory (run.json describes them)."""
    return {p.name: sha256_file(p) for p in sorted(directory.iterdir())
            if p.is_file() and p.name not in ("run.json", OUTPUT_MARKER)}


def reusable_run_info(out: Path, fingerprint: str, field: str = "inputs_fingerprint") -> dict | None:
    """The run.json of OUT when its tables were made from these exact inputs and are still intact.

    `field` names the fingerprint compared: `inputs_fingerprint` (every document, attachments and zip
    members included) or `archive_fingerprint` (the archive's own files, readable without extracting).
    """
    try:
        info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or info.get(field) != fingerprint or not info.get("output_sha256"):
        return None
    try:
        return info if output_digests(out) == info["output_sha256"] else None
    except OSError:
        return None


def flagged_case_ids(out: Path) -> list[str]:
    """The flagged cases of an existing OUT/cases.csv (case ids are folder names, not personal data)."""
    with (out / "cases.csv").open(encoding="utf-8-sig", newline="") as fh:
        return sorted(row["case_id"] for row in csv.DictReader(fh) if row.get("flagged") == "true")


def run_info(run_id: str, versions: dict, settings: dict, counts: dict, timings: dict, peak_rss_mb: dict,
             **more) -> dict:
    """What run.json says about a run: ids, versions, settings and counts only, never personal data."""
    return {"run_id": run_id, "versions": versions, "settings": settings, "counts": counts,
            "timings_s": timings, "peak_rss_mb": peak_rss_mb, **more}


def unchanged_run_info(previous: dict, run_id: str, versions: dict, settings: dict, this_run: dict,
                       timings: dict, peak_rss_mb: dict) -> dict:
    """run.json for a run whose inputs match the tables already in OUT: the tables stay, byte for byte."""
    counts = dict(previous.get("counts", {})) | this_run
    return run_info(run_id, versions, settings, counts, timings, peak_rss_mb,
                    inputs_fingerprint=previous["inputs_fingerprint"],
                    archive_fingerprint=previous.get("archive_fingerprint"),
                    output_sha256=previous["output_sha256"],
                    tables_from_run=previous.get("tables_from_run") or previous.get("run_id"))


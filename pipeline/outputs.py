"""Assemble the run's results into the SPEC §3 tables, pseudonymise them and write OUT/ atomically.

Everything personal stops here: evidence quotes, file paths and error lines pass through the
case's pseudonymiser before they reach a table, the workbook, the report or run.json.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from pipeline.atomic import atomic_dir
from pipeline.doc_facts import DocFacts
from pipeline.excel import write_workbook
from pipeline.fingerprint import output_digests
from pipeline.inventory import FileEntry
from pipeline.pseudonymize import CasePseudonymizer, scrub
from pipeline.report import render_report
from pipeline.tables import DocumentRow, cases_frame, documents_frame, findings_frame, write_tables
from pipeline.types import CaseResult, Finding

SKIPPED_FORMAT = "ukendt"


def document_rows(entries: list[FileEntry], facts: dict[str, DocFacts], parent_ids: dict[str, str],
                  batch_of: dict[str, str | None]) -> list[DocumentRow]:
    """One row per file; `facts` by relative path, `parent_ids` maps a file's path to its document id."""
    rows = []
    for e in entries:
        got = facts.get(e.rel_path)
        parent = parent_ids.get(e.parent_rel_path, "") if e.parent_rel_path else ""
        if e.skip_reason or got is None:
            rows.append(DocumentRow(case_id=e.case_id, document_id=e.document_id, path=e.rel_path,
                                    status="skipped", error=e.skip_reason or "Ikke læst", format=SKIPPED_FORMAT,
                                    method="none", pages=0, chars=0, doc_type="", doc_date=None,
                                    parent_document_id=parent, batch=batch_of.get(e.rel_path)))
            continue
        rows.append(DocumentRow(
            case_id=e.case_id, document_id=e.document_id, path=e.rel_path, status=got.status, error=got.error,
            format=got.format, method=got.method, pages=got.pages, chars=got.chars, doc_type=got.doc_type,
            doc_date=got.doc_date, error_code=got.error_code, parent_document_id=parent,
            ocr_pages=got.ocr_pages, ocr_confidence=got.ocr_confidence,
            extension_mismatch=got.extension_mismatch, batch=batch_of.get(e.rel_path)))
    return rows


def pseudonymise(people: dict[str, CasePseudonymizer], key: bytes, findings: list[Finding],
                 rows: list[DocumentRow]) -> tuple[list[Finding], list[DocumentRow]]:
    """Mask evidence, paths and errors with each case's learned people (`learn_case`)."""
    def for_case(case_id: str) -> CasePseudonymizer:
        if case_id not in people:
            people[case_id] = CasePseudonymizer(case_id, key)
        return people[case_id]

    safe_findings = [replace(f, evidence=for_case(f.case_id).apply(f.evidence)) for f in findings]
    safe_rows = []
    for r in rows:
        pz = for_case(r.case_id)
        safe_rows.append(replace(r, path=pz.apply_path(r.path), error=scrub(r.error)))
    return safe_findings, safe_rows


def write_outputs(out: Path, cases: list[CaseResult], findings: list[Finding], rows: list[DocumentRow],
                  run_info: dict, reviews: dict | None = None) -> dict[str, int]:
    counts: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for r in rows:
        if r.case_id:
            n, failed = counts[r.case_id]
            counts[r.case_id] = (n + 1, failed + (r.status == "failed"))
    frames = {
        "cases": cases_frame(cases, dict(counts), reviews),
        "findings": findings_frame(findings),
        "documents": documents_frame(rows),
    }
    with atomic_dir(out) as tmp:
        write_tables(tmp, frames)
        write_workbook(tmp / "screening.xlsx", frames["cases"], frames["findings"], frames["documents"],
                       run_info.get("counts", {}))
        html = render_report(frames["cases"], frames["findings"], frames["documents"], run_info)
        (tmp / "report.html").write_text(html, encoding="utf-8")
        digests = output_digests(tmp)
        (tmp / "run.json").write_text(json.dumps(run_info | {"output_sha256": digests}, ensure_ascii=False,
                                                 indent=2, default=str), encoding="utf-8")
        for p in tmp.iterdir():
            p.chmod(0o600)
    return digests

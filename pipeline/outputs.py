"""Assemble the run's results into the SPEC §3 tables, pseudonymise them and write OUT/ atomically.

Everything personal stops here: evidence quotes, file paths and error lines pass through the
case's pseudonymiser before they reach a table, the workbook, the report or run.json.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from extractors.base import ExtractionResult
from pipeline.atomic import atomic_dir
from pipeline.excel import write_workbook
from pipeline.fingerprint import output_digests
from pipeline.inventory import FileEntry
from pipeline.pseudonymize import CasePseudonymizer, scrub
from pipeline.report import render_report
from pipeline.tables import DocumentRow, cases_frame, documents_frame, findings_frame, write_tables
from pipeline.types import CaseResult, DocumentText, Finding

SKIPPED_FORMAT = "ukendt"
# Settings that change what the tables say; the others (workers, batch name, runner) do not.


def document_rows(entries: list[FileEntry], results: dict[str, ExtractionResult],
                  docs: dict[str, DocumentText], batch_of: dict[str, str | None]) -> list[DocumentRow]:
    rows = []
    for e in entries:
        res = results.get(e.rel_path)
        meta = docs.get(e.document_id)
        if e.skip_reason or res is None:
            rows.append(DocumentRow(case_id=e.case_id, document_id=e.document_id, path=e.rel_path,
                                    status="skipped", error=e.skip_reason or "Ikke læst", format=SKIPPED_FORMAT,
                                    method="none", pages=0, chars=0, doc_type="", doc_date=None,
                                    parent_document_id=_parent_id(e, entries), batch=batch_of.get(e.rel_path)))
            continue
        ocr_pages = [p for p in res.pages if p.method == "ocr"]
        conf = [p.ocr_confidence for p in ocr_pages if p.ocr_confidence is not None]
        rows.append(DocumentRow(
            case_id=e.case_id, document_id=e.document_id, path=e.rel_path, status=res.status,
            error=res.error, format=res.format, method=res.method, pages=len(res.pages), chars=res.chars,
            doc_type=meta.doc_type if meta else "", doc_date=meta.doc_date if meta else None,
            error_code=";".join(sorted({x.code for x in res.errors})),
            parent_document_id=_parent_id(e, entries), ocr_pages=len(ocr_pages),
            ocr_confidence=round(sum(conf) / len(conf), 1) if conf else None,
            extension_mismatch=res.metadata.get("extension_mismatch", ""),
            batch=batch_of.get(e.rel_path)))
    return rows


def _parent_id(entry: FileEntry, entries: list[FileEntry]) -> str:
    if not entry.parent_rel_path:
        return ""
    for other in entries:
        if other.rel_path == entry.parent_rel_path:
            return other.document_id
    return ""


def pseudonymise(case_texts: dict[str, list[str]], key: bytes, findings: list[Finding],
                 rows: list[DocumentRow]) -> tuple[list[Finding], list[DocumentRow]]:
    """Learn each case's people from all its text, then mask evidence, paths and errors."""
    by_case: dict[str, CasePseudonymizer] = {}
    for case_id, texts in case_texts.items():
        pz = CasePseudonymizer(case_id, key)
        for text in texts:
            pz.learn(text)
        by_case[case_id] = pz

    def for_case(case_id: str) -> CasePseudonymizer:
        if case_id not in by_case:
            by_case[case_id] = CasePseudonymizer(case_id, key)
        return by_case[case_id]

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

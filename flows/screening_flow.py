"""The main job as a Prefect flow: archive in, findings tables out (SPEC §3).

Thin by design: every stage is a pure function from `extractors/` or `pipeline/`; this module
only batches them into tasks (~50 documents each), runs them, and keeps the state store
(written only from the flow process). Task inputs and outputs carry document ids, paths and
text, which Prefect does not persist with NO_CACHE; flow parameters, logs and artifacts carry
only paths, ids and counts.
"""
from __future__ import annotations

import json
import logging
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

import extractors
from extractors.archive import iter_zip_members
from extractors.isolate import WorkerPool
from extractors.limits import Limits
from extractors.normalize import normalize_pages
from flows.progress import Stages
from pipeline import fingerprint as fingerprints
from pipeline import outputs, plan
from pipeline.aggregate import aggregate_resolved
from pipeline.atomic import write_atomic
from pipeline.case_context import resolve_case_context
from pipeline.inventory import FileEntry, archive_key, discover
from pipeline.pseudonymize import load_key
from pipeline.runlock import RunLock
from pipeline.screen import SCREENING_VERSION, Screener
from pipeline.scrub_errors import safe_error
from pipeline.settings import RunSettings
from pipeline.state import FileRow, StateStore, StoredExtraction
from pipeline.types import DocumentText, Finding
from pipeline.versions import run_versions

log = logging.getLogger("sagsscreening")
MAX_ATTACHMENT_DEPTH = 3
_screener: Screener | None = None
_screener_lock = threading.Lock()


class BatchError(RuntimeError):
    """What Prefect stores about a failed batch: the stage and a scrubbed one-line reason, no document text."""


def _sanitised(stage: str, fn, *args):
    try:
        return fn(*args)
    except Exception as exc:
        raise BatchError(f"{stage}: {type(exc).__name__}: {safe_error(exc)}") from None


_local = threading.local()
_pools: list[WorkerPool] = []
_pools_lock = threading.Lock()


def _worker_pool(ocr: bool, limits: Limits) -> WorkerPool:
    """One extraction process per task-runner thread, kept for the whole run (imports are paid once)."""
    pool = getattr(_local, "pool", None)
    if pool is None or (pool.ocr, pool.limits) != (ocr, limits):
        if pool is not None:
            pool.close()
        pool = _local.pool = WorkerPool(1, ocr=ocr, limits=limits)
        with _pools_lock:
            _pools.append(pool)
    return pool


def close_worker_pools() -> None:
    with _pools_lock:
        for pool in _pools:
            pool.close()
        _pools.clear()


@task(cache_policy=NO_CACHE, persist_result=False, retries=1, retry_delay_seconds=2)
def extract_batch(items: list[tuple[str, str, str]], timeout_s: float, ocr: bool, max_file_mb: int) -> dict:
    """(document id, readable path, the document's own file name) → StoredExtraction with date and type."""
    pool = _worker_pool(ocr, Limits(max_bytes=max_file_mb * 1024 * 1024))
    return _sanitised("udtræk", lambda: pool.extract_described([(d, Path(p), n) for d, p, n in items],
                                                                timeout_s=timeout_s))


@task(cache_policy=NO_CACHE, persist_result=False, retries=1, retry_delay_seconds=2)
def screen_batch(docs: list[DocumentText]) -> dict[str, list[Finding]]:
    return _sanitised("screening", _screen, docs)


def _get_screener() -> Screener:
    """spaCy, lexicon, context rules and the status model, built once per process."""
    global _screener
    with _screener_lock:
        if _screener is None:
            _screener = Screener()
        return _screener


def prefetch_screener() -> None:
    """Build the screener in the background while the extraction processes work (~3-5 s saved)."""
    threading.Thread(target=_get_screener, name="screener-prefetch", daemon=True).start()


def _screen(docs: list[DocumentText]) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {d.document_id: [] for d in docs}
    for f in _get_screener().screen(docs):
        found[f.document_id].append(f)
    return found


def task_runner(settings: RunSettings):
    if settings.dask_address or settings.runner == "dask":
        import dask
        from prefect_dask import DaskTaskRunner

        # extraction runs each document in a killable child process; daemonic Dask workers may not have children
        dask.config.set({"distributed.worker.daemon": False})
        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": max(1, settings.workers), "processes": True,
                                             "threads_per_worker": 1, "dashboard_address": None})
    from prefect.task_runners import ThreadPoolTaskRunner
    return ThreadPoolTaskRunner(max_workers=max(1, settings.workers))


@flow(name="sagsscreening", validate_parameters=True, log_prints=False)
def screening_flow(archive: str, out: str, settings: dict | None = None) -> dict:
    s = RunSettings(**(settings or {}))
    s.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with RunLock(s.state_dir, wait_s=s.lock_wait_s):
        return _run(Path(archive), Path(out), s)


def _run(archive: Path, out: Path, s: RunSettings) -> dict:
    started = time.time()
    stages = Stages()
    store = StateStore(s.state_url or StateStore.default_url(s.state_dir))
    akey = archive_key(archive)
    versions = run_versions()
    store.fail_interrupted_runs(akey)        # a run killed earlier never finished: say so in its row
    run_id = store.begin_run(akey, s.batch, s.public(), versions)
    try:
        scratch_root = s.state_dir / "tmp"
        scratch_root.mkdir(exist_ok=True, mode=0o700)
        with tempfile.TemporaryDirectory(dir=scratch_root) as scratch:
            summary = _stages(archive, out, s, store, akey, run_id, versions, plan.Materialised(Path(scratch)),
                              stages)
        summary["timings_s"] = stages.timings | {"total": round(time.time() - started, 2)}
        summary["peak_rss_mb"] = stages.peak_rss_mb
        store.finish_run(run_id, "completed", summary["counts"])
    except BaseException:
        store.finish_run(run_id, "failed", {})
        raise
    finally:
        close_worker_pools()
    _publish(summary)
    return summary


def _stages(archive: Path, out: Path, s: RunSettings, store: StateStore, akey: str, run_id: str,
            versions: dict, scratch: plan.Materialised, stages: Stages) -> dict:
    with stages("discover"):
        entries = discover(archive)
        index = store.file_index(akey)
        hashed = plan.hash_entries(entries, index, full=s.full)
        own_files = list(entries)           # the archive's own files, before zip members and attachments
    results: dict[str, object] = {}          # rel_path → ExtractionResult
    with stages("expand"):
        for entry in [e for e in entries if e.is_zip_case]:
            try:
                members = list(iter_zip_members(entry.source.read_bytes(), Limits()))
                entries.extend(plan.expand_zip_case(entry, members, scratch))
                results[entry.rel_path] = _container_result(len(members))
            except Exception as exc:  # a bad zip is a failed row, never a failed run
                results[entry.rel_path] = plan.zip_error_result(exc)

    stored: dict[str, StoredExtraction] = {}
    extracted_now = n_tasks = 0
    level = [e for e in entries if not e.is_zip_case]
    for _depth in range(MAX_ATTACHMENT_DEPTH + 1):
        if not level:
            break
        todo = plan.needing(level, lambda ids: set(store.get_extractions(ids, extractors.EXTRACTOR_VERSION)),
                            full=s.full)
        todo = {k: v for k, v in todo.items() if k not in stored}
        if todo and _depth == 0 and not (s.dask_address or s.runner == "dask"):
            prefetch_screener()       # new documents will need screening in this process
        with stages("extract", n=len(todo)) as advance:
            fresh = _extract(todo, _own_names(level), s, advance)
            extracted_now += len(fresh)
            n_tasks += len(plan.chunks(sorted(todo), s.batch_size))
        children: list[FileEntry] = []
        for entry in level:
            if entry.skip_reason or not entry.document_id:
                continue
            got = fresh.get(entry.document_id)
            if got is not None:
                children += plan.attachment_entries(entry, got.result, scratch)
        store.put_extractions(fresh, extractors.EXTRACTOR_VERSION)
        need_load = [e.document_id for e in level if e.document_id and e.document_id not in stored]
        stored.update(store.get_extractions(need_load, extractors.EXTRACTOR_VERSION))
        for entry in level:
            if entry.document_id in stored and entry.rel_path not in results:
                results[entry.rel_path] = stored[entry.document_id].result
                if entry.document_id not in fresh:
                    children += plan.attachment_entries(entry, stored[entry.document_id].result, None)
        entries.extend(children)
        level = children

    store.record_files(akey, run_id, s.batch, _file_rows(entries))
    removed = store.mark_removed(akey, run_id, {e.rel_path for e in entries})
    batches = {rel: row.batch for rel, row in store.file_index(akey).items()}
    reviews = {cid: r.decision for cid, r in store.latest_reviews(akey).items()}
    key = load_key(s.key_path)
    fingerprint = fingerprints.inputs_fingerprint(key, entries, versions, s.public(), batches, reviews)
    archive_fingerprint = fingerprints.inputs_fingerprint(key, own_files, versions, s.public(), batches, reviews)
    previous = None if s.full else fingerprints.reusable_run_info(out, fingerprint)
    if previous is not None:
        # Nothing the tables depend on changed since they were written: keep them, record this run.
        return _unchanged(out, previous | {"archive_fingerprint": archive_fingerprint}, run_id, versions, s,
                          stages, n_tasks, {"hashed_now": hashed, "extracted_now": extracted_now,
                                            "screened_now": 0, "removed_files": removed})

    docs = _document_texts(entries, stored)
    screened = store.get_screenings(list(docs), SCREENING_VERSION) if not s.full else {}
    todo_docs = [d for d in docs.values() if d.document_id not in screened]
    with stages("screen", n=len(todo_docs)) as advance:
        for batch in plan.chunks(todo_docs, s.batch_size):
            n_tasks += 1
            found = screen_batch(batch)
            advance(len(batch))
            store.put_screenings(found, SCREENING_VERSION)
            screened.update(found)

    with stages("aggregate"):
        cases, findings, case_texts = _aggregate(entries, docs, screened, results)
    with stages("write"):
        rows = outputs.document_rows(entries, results, docs, batches)
        safe_findings, safe_rows = outputs.pseudonymise(case_texts, key, findings, rows)
        counts = _counts(entries, safe_rows, cases, extracted_now, hashed, removed, len(todo_docs))
        counts["pages"] = sum(r.pages for r in safe_rows)
        counts["words"] = sum(len(page.split()) for d in docs.values() for page in d.pages)
        run_info = fingerprints.run_info(run_id, versions, s.public(), counts, stages.timings, stages.peak_rss_mb,
                                         inputs_fingerprint=fingerprint, archive_fingerprint=archive_fingerprint)
        run_info["output_sha256"] = outputs.write_outputs(out, cases, safe_findings, safe_rows, run_info, reviews)
    # run.json was written inside the write stage; complete it with that stage's own time and memory.
    run_info |= {"timings_s": stages.timings, "peak_rss_mb": stages.peak_rss_mb}
    write_atomic(out / "run.json", json.dumps(run_info, ensure_ascii=False, indent=2, default=str))
    return {"run_id": run_id, "counts": counts, "versions": versions, "n_tasks": n_tasks,
            "flagged": sorted(c.case_id for c in cases if c.flags)}


def _unchanged(out: Path, previous: dict, run_id: str, versions: dict, s: RunSettings, stages: Stages,
               n_tasks: int, this_run: dict) -> dict:
    run_info = fingerprints.unchanged_run_info(previous, run_id, versions, s.public(), this_run, stages.timings,
                                               stages.peak_rss_mb)
    write_atomic(out / "run.json", json.dumps(run_info, ensure_ascii=False, indent=2, default=str))
    return {"run_id": run_id, "counts": run_info["counts"], "versions": versions, "n_tasks": n_tasks,
            "flagged": fingerprints.flagged_case_ids(out)}


def _extract(todo: dict[str, Path], names: dict[str, str], s: RunSettings, advance) -> dict[str, StoredExtraction]:
    if not todo:
        return {}
    items = sorted((doc_id, str(path), names.get(doc_id, "")) for doc_id, path in todo.items())
    futures = [extract_batch.with_options(task_run_name=f"extract-{i:04d}")
               .submit(batch, s.doc_timeout_s, s.ocr, s.max_file_mb)
               for i, batch in enumerate(plan.chunks(items, s.batch_size))]
    fresh: dict = {}
    for fut in futures:
        got = fut.result()
        fresh.update(got)
        advance(len(got))
    return fresh


def _own_names(level: list[FileEntry]) -> dict[str, str]:
    """The file's own name per document (not its scratch copy's): date and type are read from it too."""
    return {e.document_id: e.rel_path.rsplit("/", 1)[-1] for e in level if e.document_id}


def _file_rows(entries: list[FileEntry]) -> list[FileRow]:
    ids = {e.rel_path: e.document_id for e in entries}
    return [FileRow(rel_path=e.rel_path, case_id=e.case_id, document_id=e.document_id, size=e.size,
                    mtime_ns=e.mtime_ns, parent_id=ids.get(e.parent_rel_path) if e.parent_rel_path else None)
            for e in entries]


def _container_result(n_members: int):
    from extractors.base import ExtractionResult
    return ExtractionResult(status="ok", format="zip", metadata={"members": str(n_members)})


def _document_texts(entries: list[FileEntry], stored: dict[str, StoredExtraction]) -> dict[str, DocumentText]:
    docs: dict[str, DocumentText] = {}
    for e in entries:
        got = stored.get(e.document_id)
        if got is None or e.document_id in docs or got.result.status not in ("ok", "partial"):
            continue
        if not got.result.chars:
            continue
        docs[e.document_id] = DocumentText(case_id=e.case_id, document_id=e.document_id,
                                           pages=normalize_pages([p.text for p in got.result.pages]),
                                           doc_type=got.doc_type or "andet", doc_date=got.doc_date)
    return docs


def _aggregate(entries, docs, screened, results):
    by_case: dict[str, list[FileEntry]] = defaultdict(list)
    for e in entries:
        if e.case_id:
            by_case[e.case_id].append(e)
    cases, findings, case_texts = [], [], {}
    for case_id in sorted(by_case):
        case_entries = by_case[case_id]
        ids = list(dict.fromkeys(e.document_id for e in case_entries if e.document_id in docs))
        case_docs = [_for_case(docs[i], case_id) for i in ids]
        # Resolved here, not inside the aggregation, so the findings table shows the status the case decided on.
        case_findings = resolve_case_context([_finding_for_case(f, case_id) for i in ids for f in screened.get(i, [])],
                                             case_docs)
        n_failed = sum(1 for e in case_entries
                       if getattr(results.get(e.rel_path), "status", None) == "failed")
        result, extra = aggregate_resolved(case_id, case_findings, case_docs, n_failed)
        cases.append(result)
        findings += case_findings + extra
        case_texts[case_id] = ["\n".join(d.pages) for d in case_docs] + [e.rel_path for e in case_entries]
    return cases, findings, case_texts


def _for_case(doc: DocumentText, case_id: str) -> DocumentText:
    if doc.case_id == case_id:
        return doc
    return DocumentText(case_id=case_id, document_id=doc.document_id, pages=doc.pages,
                        doc_type=doc.doc_type, doc_date=doc.doc_date)


def _finding_for_case(f: Finding, case_id: str) -> Finding:
    if f.case_id == case_id:
        return f
    from dataclasses import replace
    return replace(f, case_id=case_id)


def _counts(entries, rows, cases, extracted_now, hashed, removed, screened_now) -> dict:
    status = defaultdict(int)
    for r in rows:
        status[r.status] += 1
    return {"cases": len(cases), "documents": len(rows), "ok": status["ok"], "partial": status["partial"],
            "failed": status["failed"], "skipped": status["skipped"], "flagged": sum(bool(c.flags) for c in cases),
            "hashed_now": hashed, "extracted_now": extracted_now, "screened_now": screened_now,
            "removed_files": removed}


def _publish(summary: dict) -> None:
    """Counts only: Prefect keeps artifacts in its own database."""
    c = summary["counts"]
    create_table_artifact(key="sagsscreening-counts", table=[c], description="Optællinger for kørslen (ingen persondata)")
    lines = [f"# Sagsscreening – kørsel {summary['run_id']}", ""] + [f"* {k}: {v}" for k, v in c.items()]
    lines += ["", "Markerede sager (sags-id): " + (", ".join(summary["flagged"]) or "ingen")]
    create_markdown_artifact(key="sagsscreening-summary", markdown="\n".join(lines))

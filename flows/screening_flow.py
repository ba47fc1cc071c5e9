"""The main job as a Prefect flow: archive in, findings tables out (SPEC §3).

Thin by design: every stage is a pure function from `extractors/` or `pipeline/`; this module
only batches them into tasks (`plan.batches`: up to 250 documents, fewer when large), runs them,
and keeps the state store (written only from the flow process). Task inputs and outputs carry
document ids, paths and text, which Prefect does not persist with NO_CACHE; flow parameters,
logs and artifacts carry only paths, ids and counts.
"""
from __future__ import annotations

import json
import logging
import tempfile
import time
from collections import defaultdict, deque
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import prefect.task_engine  # noqa: F401  (imported lazily by the first submit, which would bill it to extraction)
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

import extractors
from extractors.archive import iter_zip_members
from extractors.base import ExtractionResult
from extractors.limits import Limits
from flows import resources
from flows.progress import Stages
from pipeline import fingerprint as fingerprints
from pipeline import outputs, plan
from pipeline.atomic import write_atomic
from pipeline.chunk_analysis import PARTS, ChunkJob, ChunkResult, analyse_chunk, warm_up
from pipeline.doc_facts import DocFacts, facts_of
from pipeline.inventory import FileEntry, archive_key, discover
from pipeline.pseudonymize import load_key
from pipeline.runlock import RunLock
from pipeline.screen import SCREENING_VERSION
from pipeline.scrub_errors import safe_error
from pipeline.settings import RunSettings
from pipeline.state import FileRow, StateStore, StoredExtraction
from pipeline.tables import DocumentRow
from pipeline.types import CaseResult, Finding
from pipeline.versions import run_versions

log = logging.getLogger("sagsscreening")
MAX_ATTACHMENT_DEPTH = 3
CASES_PER_CHUNK = 25    # cases analysed as one task; page texts are held for this many cases at a time ...
LOOKAHEAD = 2           # ... in each analysis process, plus this many chunks queued for the next free one
LOAD_CHUNK = 200        # stored extractions read back at a time


class BatchError(RuntimeError):
    """What Prefect stores about a failed batch: the stage and a scrubbed one-line reason, no document text."""


def _sanitised(stage: str, fn, *args):
    try:
        return fn(*args)
    except Exception as exc:
        raise BatchError(f"{stage}: {type(exc).__name__}: {safe_error(exc)}") from None


@task(cache_policy=NO_CACHE, persist_result=False, retries=1, retry_delay_seconds=2,
      task_run_name="extract-{batch_no:04d}")
def extract_batch(batch_no: int, items: list[tuple[str, str, str]], timeout_s: float, ocr: bool,
                  max_file_mb: int) -> dict:
    """(document id, readable path, the document's own file name) → StoredExtraction with date and type.
    The run name comes from `batch_no` (a `with_options` per batch would read the task's source each time)."""
    pool = resources.worker_pool(ocr, Limits(max_bytes=max_file_mb * 1024 * 1024))
    return _sanitised("udtræk", lambda: pool.extract_described([(d, Path(p), n) for d, p, n in items],
                                                                timeout_s=timeout_s))


@task(cache_policy=NO_CACHE, persist_result=False, retries=1, retry_delay_seconds=2)
def analyse_batch(job: ChunkJob, state_url: str, key_file: str) -> ChunkResult:
    """A chunk of cases screened, decided and pseudonymised in one of the analysis processes. The key is
    read there, from its file, so it is never a task parameter."""
    return _sanitised("screening", _analyse_in_process, job, state_url, Path(key_file))


def _analyse_in_process(job: ChunkJob, state_url: str, key_file: Path) -> ChunkResult:
    pool = resources.analysis_pool()
    try:
        return pool.submit(analyse_chunk, job, state_url, SCREENING_VERSION, load_key(key_file)).result()
    except BrokenProcessPool:
        resources.close_analysers()      # a retry starts fresh processes
        raise


def task_runner(settings: RunSettings):
    if settings.uses_dask:
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
        resources.close_pools()
    _publish(summary)
    return summary


def _stages(archive: Path, out: Path, s: RunSettings, store: StateStore, akey: str, run_id: str,
            versions: dict, scratch: plan.Materialised, stages: Stages) -> dict:
    with stages("discover"):
        entries = discover(archive)
        index = store.file_index(akey)
        hashed = plan.hash_entries(entries, index, full=s.full)
        own_files = list(entries)           # the archive's own files, before zip members and attachments
    facts: dict[str, DocFacts] = {}          # rel_path → what the documents table needs (no text)
    with stages("expand"):
        for entry in [e for e in entries if e.is_zip_case]:
            try:
                members = list(iter_zip_members(entry.source.read_bytes(), Limits()))
                entries.extend(plan.expand_zip_case(entry, members, scratch))
                facts[entry.rel_path] = facts_of(_container_result(len(members)))
            except Exception as exc:  # a bad zip is a failed row, never a failed run
                facts[entry.rel_path] = facts_of(plan.zip_error_result(exc))

    extracted_now, n_tasks = _extract_levels(entries, facts, s, store, scratch, stages)
    resources.close_extraction_workers()    # their memory is free before the texts are read back

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

    resources.start_analysers(s.workers, warm_up)
    done = _analyse(entries, facts, store, s, key, batches, stages)
    n_tasks += done.n_tasks
    with stages("write"):
        counts = _counts(done.rows, done.cases, extracted_now, hashed, removed, done.screened_now)
        counts["pages"] = sum(r.pages for r in done.rows)
        counts["words"] = done.words
        run_info = fingerprints.run_info(run_id, versions, s.public(), counts, stages.timings, stages.peak_rss_mb,
                                         inputs_fingerprint=fingerprint, archive_fingerprint=archive_fingerprint,
                                         analysis_s=done.seconds, analysis_processes=max(1, s.workers))
        run_info["output_sha256"] = outputs.write_outputs(out, done.cases, done.findings, done.rows, run_info,
                                                          reviews)
    # run.json was written inside the write stage; complete it with that stage's own time and memory.
    run_info |= {"timings_s": stages.timings, "peak_rss_mb": stages.peak_rss_mb}
    write_atomic(out / "run.json", json.dumps(run_info, ensure_ascii=False, indent=2, default=str))
    return {"run_id": run_id, "counts": counts, "versions": versions, "n_tasks": n_tasks,
            "flagged": sorted(c.case_id for c in done.cases if c.flags)}


def _unchanged(out: Path, previous: dict, run_id: str, versions: dict, s: RunSettings, stages: Stages,
               n_tasks: int, this_run: dict) -> dict:
    run_info = fingerprints.unchanged_run_info(previous, run_id, versions, s.public(), this_run, stages.timings,
                                               stages.peak_rss_mb)
    write_atomic(out / "run.json", json.dumps(run_info, ensure_ascii=False, indent=2, default=str))
    return {"run_id": run_id, "counts": run_info["counts"], "versions": versions, "n_tasks": n_tasks,
            "flagged": fingerprints.flagged_case_ids(out)}


# --- extraction: documents, then their attachments, level by level -----------------------------------

@dataclass
class _Extracted:
    """Facts of every document met so far; the texts themselves go to the state store."""
    store: StateStore
    scratch: plan.Materialised
    known: dict[str, DocFacts] = field(default_factory=dict)              # document_id → facts
    listings: dict[str, ExtractionResult] = field(default_factory=dict)   # document_id → its attachments' names

    def take(self, got: dict[str, StoredExtraction], at_level: dict[str, list[FileEntry]], *, fresh: bool) -> list[FileEntry]:
        """Keep the facts of these results, store the fresh ones; return the entries of their attachments."""
        children = []
        for doc_id, item in got.items():
            for entry in at_level.get(doc_id, []):
                # a fresh result's attachment bytes move to scratch files here, before it is stored
                children += plan.attachment_entries(entry, item.result, self.scratch if fresh else None)
            self.known[doc_id] = facts_of(item.result, item.doc_type, item.doc_date)
            if plan.ATTACHMENTS_KEY in item.result.metadata:
                self.listings[doc_id] = ExtractionResult(status=item.result.status, format=item.result.format,
                                                         metadata=dict(item.result.metadata))
        if fresh:
            self.store.put_extractions(got, extractors.EXTRACTOR_VERSION)
        return children

    def listed(self, doc_id: str, at_level: dict[str, list[FileEntry]]) -> list[FileEntry]:
        """Attachment entries of a document met at an earlier level (an attachment that is also a file)."""
        if doc_id not in self.listings:
            return []
        return [c for entry in at_level[doc_id] for c in plan.attachment_entries(entry, self.listings[doc_id], None)]


def _extract_levels(entries: list[FileEntry], facts: dict[str, DocFacts], s: RunSettings, store: StateStore,
                    scratch: plan.Materialised, stages: Stages) -> tuple[int, int]:
    """Extract what is not stored yet, store it batch by batch and keep only its facts; append attachments
    to `entries`. Returns (documents extracted now, tasks)."""
    met = _Extracted(store, scratch)
    extracted_now = n_tasks = 0
    level = [e for e in entries if not e.is_zip_case]
    for _ in range(MAX_ATTACHMENT_DEPTH + 1):
        if not level:
            break
        at_level: dict[str, list[FileEntry]] = defaultdict(list)
        for e in level:
            if e.document_id and not e.skip_reason:
                at_level[e.document_id].append(e)
        todo = plan.needing(level, lambda ids: store.extraction_ids(ids, extractors.EXTRACTOR_VERSION),
                            full=s.full)
        todo = {k: v for k, v in todo.items() if k not in met.known}
        children: list[FileEntry] = []
        for doc_id in at_level:
            if doc_id in met.known:
                children += met.listed(doc_id, at_level)
        with stages("extract", n=len(todo)) as advance:
            batches = _batches(todo, level, s)
            for got in _extract(batches, s):
                children += met.take(got, at_level, fresh=True)
                extracted_now += len(got)
                advance(len(got))
            n_tasks += len(batches)
        stored_before = sorted(doc_id for doc_id in at_level if doc_id not in met.known)
        for ids in plan.chunks(stored_before, LOAD_CHUNK):
            children += met.take(store.get_extractions(ids, extractors.EXTRACTOR_VERSION), at_level, fresh=False)
        for entry in level:
            if entry.document_id in met.known and entry.rel_path not in facts:
                facts[entry.rel_path] = met.known[entry.document_id]
        entries.extend(children)
        level = children
    return extracted_now, n_tasks


def _batches(todo: dict[str, Path], level: list[FileEntry], s: RunSettings) -> list[list[tuple[str, str, str]]]:
    """(document id, readable path, the file's own name) in tasks of up to `batch_size` documents and about
    `batch_mb` MB, smaller towards the end. The own name, not the scratch copy's: date and type are read
    from it too."""
    names = {e.document_id: e.rel_path.rsplit("/", 1)[-1] for e in level if e.document_id}
    sizes = {e.document_id: e.size for e in level if e.document_id}
    items = sorted((doc_id, str(path), names.get(doc_id, "")) for doc_id, path in todo.items())
    return plan.batches(items, [sizes.get(doc_id, 0) for doc_id, _, _ in items], max_docs=s.batch_size,
                        max_bytes=s.batch_mb * 1024 * 1024, workers=s.workers)


def _extract(batches: list[list[tuple[str, str, str]]], s: RunSettings):
    """Extract a task per batch; yield each task's results as it finishes, in order."""
    futures = deque(extract_batch.submit(i, batch, s.doc_timeout_s, s.ocr, s.max_file_mb)
                    for i, batch in enumerate(batches))
    while futures:
        yield futures.popleft().result()    # a future keeps its result: drop it once it is taken


def _file_rows(entries: list[FileEntry]) -> list[FileRow]:
    ids = {e.rel_path: e.document_id for e in entries}
    return [FileRow(rel_path=e.rel_path, case_id=e.case_id, document_id=e.document_id, size=e.size,
                    mtime_ns=e.mtime_ns, parent_id=ids.get(e.parent_rel_path) if e.parent_rel_path else None)
            for e in entries]


def _container_result(n_members: int) -> ExtractionResult:
    return ExtractionResult(status="ok", format="zip", metadata={"members": str(n_members)})


# --- screening, case decisions and pseudonymisation, a chunk of cases at a time ----------------------

@dataclass
class _Analysed:
    cases: list[CaseResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)     # pseudonymised
    rows: list[DocumentRow] = field(default_factory=list)     # pseudonymised
    words: int = 0
    screened_now: int = 0
    n_tasks: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PARTS, 0.0))

    def add(self, got: ChunkResult) -> None:
        self.cases += got.cases
        self.findings += got.findings
        self.rows += got.rows
        self.words += got.words
        self.screened_now += len(got.screened)
        for part, secs in got.seconds.items():
            self.seconds[part] = round(self.seconds[part] + secs, 3)


def _analyse(entries: list[FileEntry], facts: dict[str, DocFacts], store: StateStore, s: RunSettings, key: bytes,
             batches: dict[str, str | None], stages: Stages) -> _Analysed:
    """Screen, decide and pseudonymise the cases a chunk at a time in the analysis processes (one per
    worker), so only a few chunks' texts are in memory; store the findings screened now."""
    by_case: dict[str, list[FileEntry]] = defaultdict(list)
    for e in entries:
        by_case[e.case_id or ""].append(e)
    inline = s.uses_dask        # the state and the key are on this machine: analyse here, not on a Dask worker
    done = _Analysed()
    case_ids = sorted(c for c in by_case if c)
    chunks = deque(plan.chunks(case_ids, CASES_PER_CHUNK))
    ahead: deque = deque()
    with stages("analyse", n=len(case_ids)) as advance:
        while chunks or ahead:
            while chunks and len(ahead) < max(1, s.workers) + LOOKAHEAD:
                job = _job(chunks.popleft(), by_case, facts, batches, s.full)
                args = (job, store.url, str(s.key_path))
                ahead.append((len(job.cases), analyse_batch(*args) if inline else analyse_batch.submit(*args)))
                done.n_tasks += 1
            n_cases, analysing = ahead.popleft()
            got = analysing if inline else analysing.result()
            store.put_screenings(got.screened, SCREENING_VERSION)
            done.add(got)
            advance(n_cases)
    loose = outputs.document_rows(by_case.get("", []), facts, {e.rel_path: e.document_id for e in entries}, batches)
    done.rows += outputs.pseudonymise({}, key, [], loose)[1]   # files outside a case folder
    return done


def _job(chunk: list[str], by_case: dict[str, list[FileEntry]], facts: dict[str, DocFacts],
         batches: dict[str, str | None], full: bool) -> ChunkJob:
    cases = {case_id: by_case[case_id] for case_id in chunk}
    paths = [e.rel_path for files in cases.values() for e in files]
    return ChunkJob(cases=cases, facts={p: facts[p] for p in paths if p in facts},
                    batches={p: batches.get(p) for p in paths}, rescreen=full)


def _counts(rows, cases, extracted_now, hashed, removed, screened_now) -> dict:
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

"""A chunk of cases from stored texts to pseudonymised table rows, in one process.

The flow hands each chunk of cases to one of its analysis processes: the texts are read back from the
state store, the documents not yet screened under this screening version are screened (the others take
their stored findings), each case is decided, and its findings and document rows are pseudonymised with
the people learned from the case's own files. What comes back is pseudonymised, except the findings
screened now, which the flow stores (only the flow writes the state store).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

import extractors
from extractors.normalize import normalize_pages
from pipeline import outputs
from pipeline.aggregate import aggregate_resolved
from pipeline.case_context import resolve_case_context
from pipeline.doc_facts import DocFacts
from pipeline.inventory import FileEntry
from pipeline.pseudonymize import CasePseudonymizer, learn_case
from pipeline.screen import Screener
from pipeline.state import StateStore
from pipeline.tables import DocumentRow
from pipeline.types import CaseResult, DocumentText, Finding

PARTS = ("read", "screen", "aggregate", "pseudonymise")     # the stages inside `analyse_chunk`, timed there


@dataclass(frozen=True)
class ChunkJob:
    """A chunk of cases: each case's files in file order, and what extraction learned about them."""
    cases: dict[str, list[FileEntry]]
    facts: dict[str, DocFacts]                 # relative path → facts, for these files
    batches: dict[str, str | None]             # relative path → the batch the file arrived in
    rescreen: bool = False                     # --full: screen every document again


@dataclass
class ChunkResult:
    cases: list[CaseResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)       # pseudonymised
    rows: list[DocumentRow] = field(default_factory=list)       # pseudonymised
    screened: dict[str, list[Finding]] = field(default_factory=dict)   # document id → findings, screened now
    words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)     # per part of PARTS, in the analysing process


@dataclass(frozen=True)
class _Ref:
    document_id: str
    case_id: str                               # the first case of the chunk that holds the document
    doc_type: str
    doc_date: date | None


@lru_cache(maxsize=1)
def _screener() -> Screener:
    return Screener()


@lru_cache(maxsize=4)
def _store(url: str) -> StateStore:
    return StateStore(url)


def analyse_chunk(job: ChunkJob, state_url: str, screening_version: str, key: bytes) -> ChunkResult:
    out = ChunkResult(seconds=dict.fromkeys(PARTS, 0.0))
    timed = _timer(out.seconds)
    store = _store(state_url)
    refs = _readable(job)
    with timed("read"):
        docs = read_texts(store, refs)
        out.words = sum(len(page.split()) for d in docs.values() for page in d.pages)
    with timed("screen"):
        screened = {} if job.rescreen else store.get_screenings(list(docs), screening_version)
        todo = [d for d in docs.values() if d.document_id not in screened]
        out.screened = {d.document_id: [] for d in todo}
        for f in _screener().screen(todo):
            out.screened[f.document_id].append(f)
        screened |= out.screened
    with timed("aggregate"):
        cases, findings = decide_cases(job, docs, screened)
        entries = [e for files in job.cases.values() for e in files]
        parent_ids = {e.rel_path: e.document_id for e in entries}
        rows = outputs.document_rows(entries, job.facts, parent_ids, job.batches)
    with timed("pseudonymise"):
        people = learn_people(job, docs, key)
        out.findings, out.rows = outputs.pseudonymise(people, key, findings, rows)
    out.cases = cases
    return out


def _timer(seconds: dict[str, float]):
    @contextmanager
    def timed(part: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            seconds[part] += time.perf_counter() - start
    return timed


def _readable(job: ChunkJob) -> list[_Ref]:
    refs: dict[str, _Ref] = {}
    for case_id, files in job.cases.items():
        for e in files:
            got = job.facts.get(e.rel_path)
            if got is not None and got.readable:
                refs.setdefault(e.document_id, _Ref(e.document_id, case_id, got.doc_type, got.doc_date))
    return list(refs.values())


def read_texts(store: StateStore, refs: list[_Ref]) -> dict[str, DocumentText]:
    """Normalised page texts of the stored extractions (a document without one is left out)."""
    stored = store.get_extractions([r.document_id for r in refs], extractors.EXTRACTOR_VERSION)
    docs = {}
    for ref in refs:
        got = stored.get(ref.document_id)
        if got is not None:
            docs[ref.document_id] = DocumentText(case_id=ref.case_id, document_id=ref.document_id,
                                                 pages=normalize_pages([p.text for p in got.result.pages]),
                                                 doc_type=ref.doc_type, doc_date=ref.doc_date)
    return docs


def decide_cases(job: ChunkJob, docs: dict[str, DocumentText],
                 screened: dict[str, list[Finding]]) -> tuple[list[CaseResult], list[Finding]]:
    """Each case decided from its documents' findings; the findings as the case resolved them."""
    cases, findings = [], []
    for case_id in sorted(job.cases):
        files = job.cases[case_id]
        ids = _read_ids(files, docs)
        case_docs = [_for_case(docs[i], case_id) for i in ids]
        # Resolved here, not inside the aggregation, so the findings table shows the status the case decided on.
        case_findings = resolve_case_context([_finding_for_case(f, case_id) for i in ids for f in screened.get(i, [])],
                                             case_docs)
        n_failed = sum(1 for e in files if getattr(job.facts.get(e.rel_path), "status", None) == "failed")
        result, extra = aggregate_resolved(case_id, case_findings, case_docs, n_failed)
        cases.append(result)
        findings += case_findings + extra
    return cases, findings


def learn_people(job: ChunkJob, docs: dict[str, DocumentText], key: bytes) -> dict[str, CasePseudonymizer]:
    """Each case's people, learned from its documents' texts and its file paths (names can be in both)."""
    people = {}
    for case_id, files in job.cases.items():
        ids = _read_ids(files, docs)
        texts = ["\n".join(docs[i].pages) for i in ids] + [e.rel_path for e in files]
        people[case_id] = learn_case(case_id, key, texts)
    return people


def _read_ids(files: list[FileEntry], docs: dict[str, DocumentText]) -> list[str]:
    """The case's documents that were read back, each once, in file order."""
    return list(dict.fromkeys(e.document_id for e in files if e.document_id in docs))


def _for_case(doc: DocumentText, case_id: str) -> DocumentText:
    if doc.case_id == case_id:
        return doc
    return replace(doc, case_id=case_id)


def _finding_for_case(f: Finding, case_id: str) -> Finding:
    return f if f.case_id == case_id else replace(f, case_id=case_id)


def warm_up() -> None:
    """Load what the first chunk would otherwise wait for: the screener, the PII finder's name and word lists."""
    _screener()
    learn_case("", bytes(32), ["Mor: Anne Jensen, Vestergade 1, 8000 Aarhus C, tlf. 12 34 56 78"])


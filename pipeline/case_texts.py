"""Read a chunk of cases back from the state store: normalised page texts for screening, and each
case's people learned for pseudonymisation. Runs in its own process while the flow screens the
previous chunk, so neither the texts of the whole archive nor this work sit in the flow process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from extractors.normalize import normalize_pages
from pipeline.pseudonymize import CasePseudonymizer, learn_case
from pipeline.state import StateStore
from pipeline.tokens import TokenBounds, token_bounds
from pipeline.types import DocumentText


@dataclass(frozen=True)
class DocRef:
    """A readable document of the chunk, with the case it is read for first and its type and date."""
    document_id: str
    case_id: str
    doc_type: str
    doc_date: date | None


@dataclass(frozen=True)
class CaseFiles:
    document_ids: tuple[str, ...]    # the case's readable documents, in file order (duplicates allowed)
    paths: tuple[str, ...]           # every file of the case: file names can hold names too


@dataclass
class PreparedCases:
    docs: dict[str, DocumentText] = field(default_factory=dict)
    people: dict[str, CasePseudonymizer] = field(default_factory=dict)
    tokens: dict[tuple[str, int], TokenBounds] = field(default_factory=dict)   # (document id, page) → bounds


@lru_cache(maxsize=4)
def _store(url: str) -> StateStore:
    return StateStore(url)


def prepare_cases(state_url: str, extractor_version: str, key: bytes, refs: list[DocRef],
                  cases: dict[str, CaseFiles], tokenize: frozenset[str] = frozenset()) -> PreparedCases:
    """The chunk's texts and people; the pages of the documents in `tokenize` (those still to be
    screened) also tokenized."""
    stored = _store(state_url).get_extractions([r.document_id for r in refs], extractor_version)
    out = PreparedCases()
    for ref in refs:
        got = stored.get(ref.document_id)
        if got is None:
            continue
        out.docs[ref.document_id] = DocumentText(case_id=ref.case_id, document_id=ref.document_id,
                                                 pages=normalize_pages([p.text for p in got.result.pages]),
                                                 doc_type=ref.doc_type, doc_date=ref.doc_date)
    for doc_id in tokenize & out.docs.keys():
        for page_no, text in enumerate(out.docs[doc_id].pages, 1):
            if text.strip():
                out.tokens[doc_id, page_no] = token_bounds(text)
    for case_id, files in cases.items():
        ids = dict.fromkeys(i for i in files.document_ids if i in out.docs)
        texts = ["\n".join(out.docs[i].pages) for i in ids] + list(files.paths)
        out.people[case_id] = learn_case(case_id, key, texts)
    return out


def warm_up() -> None:
    """Load what the first chunk would otherwise wait for: the PII finder's name and word lists, the tokenizer."""
    learn_case("", bytes(32), ["Mor: Anne Jensen, Vestergade 1, 8000 Aarhus C, tlf. 12 34 56 78"])
    token_bounds("Der er bevilget aflastning, jf. § 32.")

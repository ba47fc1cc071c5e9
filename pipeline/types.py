"""Records that flow between the pipeline stages (pure data, no behaviour)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class DocumentText:
    """One extracted, normalised document handed to the screening."""
    case_id: str
    document_id: str                 # sha256 of the file's bytes (or of the member/attachment bytes)
    pages: list[str]                 # normalised text per page, 1-based page i is pages[i-1]
    doc_type: str = "andet"          # see extractors/metadata.py DOC_TYPES
    doc_date: date | None = None


@dataclass
class Finding:
    """One piece of evidence for one criterion. Every finding explains itself."""
    case_id: str
    document_id: str
    criterion: str                   # interventions | setting | placement_type | consent | follow_up_effect | flag | goal | follow_up
    value: str                       # a SPEC id, e.g. "aflastning", "uden_samtykke", "dokumenteret"
    page: int
    evidence: str                    # short quote (raw here; pseudonymised before it leaves the protected store)
    start: int = 0                   # char offsets of the matched words within the page text
    end: int = 0
    rule_id: str = ""                # lexicon entry / rule / model id that produced it
    status: str = "granted"          # granted | refused | considered | historical | other_person | boilerplate
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    other_person: bool = False
    reported: bool = False
    confidence: float = 1.0
    doc_date: date | None = None
    doc_type: str = ""
    section: str = ""

    @property
    def counts(self) -> bool:
        """True when this mention supports the value for the screened child (not negated, planned, past, someone else's)."""
        return self.status == "granted"


@dataclass
class CaseResult:
    case_id: str
    setting: str                     # hjemmebaseret | anbringelse | begge | ingen
    interventions: list[str]
    placement_type: str | None
    consent: str | None
    follow_up_effect: str            # dokumenteret | delvis | mangler
    flags: list[str] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)   # per criterion
    extra: dict[str, str] = field(default_factory=dict)          # period_start, period_end, ... (no personal data)

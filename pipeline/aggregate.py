"""Case-level reasoning: findings -> intervention episodes -> setting, placement type, consent, follow-up, flags.

Evidence is weighted by where it stands: a decision document outranks a plan or follow-up, which
outranks journal notes and provider reports; an investigation or a notification mostly describes
needs, so it weighs little. A value needs enough weighted, granted evidence; a close call is
reported with the flag `lav_sikkerhed` rather than guessed silently.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from pipeline.case_context import resolve_case_context
from pipeline.follow_up import assess_follow_up
from pipeline.lexicon import flexible_spaces
from pipeline.types import CaseResult, DocumentText, Finding

DOC_WEIGHT = {
    "afgoerelse": 3.0, "handleplan": 2.0, "opfoelgning": 2.0, "statusudtalelse": 1.0, "tilsynsrapport": 1.0,
    "journalnotat": 1.0, "referat": 1.0, "email": 0.7, "boernesamtale": 0.5, "boernefaglig_undersoegelse": 0.5,
    "afdaekning": 0.5, "indstilling": 0.5, "underretning": 0.2, "klagevejledning": 0.0,
}
DEFAULT_WEIGHT = 1.0
LEGAL_REF_FACTOR = 0.5
REPORTED_FACTOR = 0.5
PRESENT_AT = 1.0                 # weighted evidence needed for an intervention
# Refusals and plans in the same case argue against a grant: a reviewer weighs "afslag på aflastning"
# in the decision against a journal line where the mother asks for it. They count at this share.
COUNTER_FACTOR = 0.5
COUNTER_STATUSES = frozenset({"refused", "considered"})
PLACEMENT_EXPENSE_RULE = "lexicon:int_oekonomisk_udgift"
DECIDING_CONFIDENCE = 0.8        # a mention this sure sits in a sentence that decides (pipeline.screen)
UNSURE_BAND = (0.8, 2.5)         # evidence in this band counts as a close call
NOT_HOME_BASED = frozenset({"anbringelse", "efterv", "stoetteperson_foraeldre"})
# A specific kind named in the file beats its generic word ("plejeforældre" in a forstærket plejefamilie).
SUBTYPES = {
    "plejefamilie": ("forstaerket_plejefamilie", "specialiseret_plejefamilie", "netvaerksplejefamilie"),
    "doegninstitution": ("sikret_doegninstitution",),
}
SUBTYPE_SHARE = 0.3
INTRUSIVE_PLACEMENTS = frozenset({"opholdssted", "doegninstitution", "sikret_doegninstitution"})
BFU_DEADLINE = timedelta(days=123)
_LESS_INTRUSIVE_TRIED = re.compile(flexible_spaces(
    r"forebyggende (?:foranstaltninger|indsatser) (?:har været|er) afprøvet|mindre indgribende|netværket er afsøgt|"
    r"plejefamilie (?:er|har været) overvejet"), re.IGNORECASE)
# Evidence that the child was heard: a conversation document or its tell-tale phrases (not "mor fortæller").
_CHILD_TALK = re.compile(flexible_spaces(
    r"børnesamtale|samtale(?:n)? med (?:barnet|den unge)|samtalen blev holdt|barnets (?:perspektiv|holdning|ønsker)|"
    r"uden forældrene til stede|den unges (?:perspektiv|holdning)"), re.IGNORECASE)
_AFLASTNING_PURPOSE = re.compile(r"\bformål|\bmål\b|\bmål \d|\bdelmål", re.IGNORECASE)


@dataclass
class Episode:
    """One granted intervention over time, with the evidence that carries it."""
    value: str
    score: float = 0.0
    start: date | None = None
    end: date | None = None
    evidence: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding, weight: float) -> None:
        self.score += weight
        self.evidence.append(finding)
        if finding.doc_date:
            self.start = min(self.start or finding.doc_date, finding.doc_date)
            self.end = max(self.end or finding.doc_date, finding.doc_date)


def evidence_weight(finding: Finding) -> float:
    weight = DOC_WEIGHT.get(finding.doc_type, DEFAULT_WEIGHT) * finding.confidence
    if finding.rule_id.startswith("legal:"):
        weight *= LEGAL_REF_FACTOR
    if finding.reported:
        weight *= REPORTED_FACTOR
    return weight


def episodes(findings: list[Finding], criterion: str) -> dict[str, Episode]:
    found: dict[str, Episode] = {}
    for f in findings:
        if f.criterion == criterion and f.counts:
            found.setdefault(f.value, Episode(f.value)).add(f, evidence_weight(f))
    return found


def without_placement_expenses(findings: list[Finding]) -> list[Finding]:
    """A document that places the child also lists what the placement pays for (transport to samvær,
    efterskole, kørekort): those expenses belong to the placement, not to a § 52 a/§ 35 grant. Words
    that name the grant itself ("økonomisk støtte", or "§ 35" in the same sentence) still count."""
    placing = {f.document_id for f in findings
               if f.criterion == "interventions" and f.value == "anbringelse" and f.counts}
    by_paragraph = {(f.document_id, f.evidence) for f in findings
                    if f.value == "oekonomisk_stoette" and f.rule_id.startswith("legal:")}
    return [f for f in findings if not (f.rule_id == PLACEMENT_EXPENSE_RULE and f.document_id in placing
                                        and (f.document_id, f.evidence) not in by_paragraph)]


def counter_evidence(findings: list[Finding], criterion: str) -> dict[str, float]:
    """Per value: the weighted refusals and mere considerations, which a grant must outweigh.

    A decision that recites the application it answers ("I har søgt om hjælp til …") and grants it
    in a deciding sentence of the same document is not weighed against itself."""
    granted_in = {(f.document_id, f.value) for f in findings
                  if f.criterion == criterion and f.counts and f.confidence >= DECIDING_CONFIDENCE}
    against: dict[str, float] = defaultdict(float)
    for f in findings:
        if f.criterion != criterion or f.status not in COUNTER_STATUSES:
            continue
        if f.status == "considered" and f.doc_type == "afgoerelse" and (f.document_id, f.value) in granted_in:
            continue
        against[f.value] += COUNTER_FACTOR * evidence_weight(f)
    return against


def aggregate_case(
    case_id: str, findings: list[Finding], docs: list[DocumentText], n_failed_documents: int = 0
) -> tuple[CaseResult, list[Finding]]:
    """The case's labels and one extra finding per criterion citing the deciding evidence."""
    return aggregate_resolved(case_id, resolve_case_context(findings, docs), docs, n_failed_documents)


def aggregate_resolved(
    case_id: str, findings: list[Finding], docs: list[DocumentText], n_failed_documents: int = 0
) -> tuple[CaseResult, list[Finding]]:
    """`aggregate_case` for findings already passed through `resolve_case_context`."""
    interventions = episodes(without_placement_expenses(findings), "interventions")
    for value, weight in counter_evidence(findings, "interventions").items():
        if value in interventions:
            interventions[value].score -= weight
    granted = {v: e for v, e in interventions.items() if e.score >= PRESENT_AT}
    close_calls = sorted(v for v, e in interventions.items() if UNSURE_BAND[0] <= e.score < UNSURE_BAND[1])
    placed = "anbringelse" in granted
    home = sorted(v for v in granted if v not in NOT_HOME_BASED)
    setting = ("begge" if home else "anbringelse") if placed else ("hjemmebaseret" if granted else "ingen")

    placement_type, placement_ev, placement_conf = _placement_type(findings) if placed else (None, None, 1.0)
    consent, consent_ev, consent_conflict, consent_conf = _consent(findings) if placed else (None, None, False, 1.0)
    start = min((e.start for e in granted.values() if e.start), default=None)
    follow_up, follow_findings = assess_follow_up(case_id, docs, start) if granted else ("mangler", [])

    n_docs = len(docs)
    extra: list[Finding] = []
    extra += [_case_finding(case_id, "interventions", v, e.evidence, e.score) for v, e in sorted(granted.items())]
    extra.append(_case_finding(case_id, "setting", setting, _setting_evidence(granted), 1.0,
                               f"Ingen bevilgede indsatser fundet i {n_docs} dokumenter"))
    if placement_type:
        extra.append(_case_finding(case_id, "placement_type", placement_type, placement_ev or [], 1.0,
                                   "Anbringelsesstedets art er ikke nævnt ved anbringelsen"))
    if consent:
        extra.append(_case_finding(case_id, "consent", consent, consent_ev or [], 1.0,
                                   "Intet tegn på tvang (§ 58/§ 47, formandsbeslutning) fundet; "
                                   "anbringelsen antages at være frivillig"))
    if follow_findings:
        extra += follow_findings
    else:
        extra.append(_case_finding(case_id, "follow_up_effect", follow_up, [], 1.0,
                                   f"Hverken mål eller opfølgning fundet i {n_docs} dokumenter" if granted else
                                   "Ingen bevilgede indsatser, så der er intet at følge op på"))

    flags = _flags(granted, placement_type, consent, follow_up, docs, n_failed_documents, consent_conflict)
    if close_calls or (placed and (placement_type is None or consent is None)):
        flags.append("lav_sikkerhed")
    flags = sorted(set(flags))
    reasons = _flag_reasons(granted, close_calls, placement_type, consent, consent_ev, docs,
                            n_failed_documents, follow_findings)
    extra += [_case_finding(case_id, "flag", flag, reasons.get(flag, ([], ""))[0], 1.0, reasons.get(flag, ([], ""))[1]
                            or FLAG_TEXT.get(flag, flag)) for flag in flags]

    result = CaseResult(
        case_id=case_id, setting=setting, interventions=sorted(granted), placement_type=placement_type,
        consent=consent, follow_up_effect=follow_up, flags=flags,
        confidence=_confidences(interventions, granted, placement_conf, consent_conf),
        extra={
            "period_start": start.isoformat() if start else "",
            "period_end": max((e.end for e in granted.values() if e.end), default=date.min).isoformat() if granted else "",
            "episodes": "; ".join(
                f"{v} {e.start or '?'}→{e.end or '?'}" for v, e in sorted(granted.items(), key=lambda ve: str(ve[1].start))
            ),
        },
    )
    return result, extra


FLAG_TEXT = {
    "opfoelgning_mangler": "Indsats bevilget, men hverken mål eller opfølgning fundet",
    "aflastning_uden_formaal": "Aflastning bevilget, men intet formål eller mål fundet i afgørelse eller plan",
    "indgribende_uden_mindre_indgribende_forsoeg":
        "Anbringelse på institution/opholdssted uden forudgående hjemmebaseret indsats eller beskrevet mindre "
        "indgribende forsøg",
    "frist_overskredet": "Den børnefaglige undersøgelse er afsluttet mere end 4 måneder efter underretningen",
    "boernesamtale_mangler": "Ingen børnesamtale eller samtale med barnet fundet",
    "modstridende_oplysninger": "Sagen indeholder både oplysninger om anbringelse med og uden samtykke",
    "lav_sikkerhed": "Grænsetilfælde: beviserne er svage eller modstridende",
    "dokument_fejl": "Et eller flere dokumenter kunne ikke læses",
}


def _setting_evidence(granted: dict[str, Episode]) -> list[Finding]:
    """The deciding evidence for the setting: the placement first, then the strongest home-based measure."""
    placement = [granted["anbringelse"].evidence] if "anbringelse" in granted else []
    home = sorted((e for v, e in granted.items() if v not in NOT_HOME_BASED), key=lambda e: -e.score)
    return [max(ev, key=evidence_weight) for ev in [*placement, *(e.evidence for e in home)][:2]]


def _flag_reasons(granted: dict[str, Episode], close_calls: list[str],
                  placement_type: str | None, consent: str | None, consent_ev: list[Finding] | None,
                  docs: list[DocumentText], n_failed: int, follow_findings: list[Finding]) -> dict[str, tuple[list[Finding], str]]:
    """Per flag: the evidence it rests on and/or a short Danish explanation."""
    n_docs = len(docs)
    reasons: dict[str, tuple[list[Finding], str]] = {
        "opfoelgning_mangler": ([], f"Indsats bevilget, men hverken mål eller opfølgning fundet i {n_docs} dokumenter"),
        "boernesamtale_mangler": ([], f"Ingen børnesamtale eller samtale med barnet fundet i {n_docs} dokumenter"),
        "dokument_fejl": ([], f"{n_failed} dokument(er) kunne ikke læses"),
        "modstridende_oplysninger": (consent_ev or [], ""),
    }
    if "aflastning" in granted:
        reasons["aflastning_uden_formaal"] = (granted["aflastning"].evidence, "")
    if "anbringelse" in granted:
        reasons["indgribende_uden_mindre_indgribende_forsoeg"] = (granted["anbringelse"].evidence, "")
    if close_calls:
        reasons["lav_sikkerhed"] = ([], "Grænsetilfælde for " + ", ".join(close_calls))
    elif "anbringelse" in granted and (placement_type is None or consent is None):
        reasons["lav_sikkerhed"] = ([], "Anbringelse fundet, men " +
                                    ("anbringelsesstedets art" if placement_type is None else "samtykket") + " er uklart")
    notices = sorted(d.doc_date for d in docs if d.doc_type == "underretning" and d.doc_date)
    bfus = sorted(d.doc_date for d in docs if d.doc_type == "boernefaglig_undersoegelse" and d.doc_date)
    if notices and bfus:
        reasons["frist_overskredet"] = ([], f"Underretning {notices[0].isoformat()}, børnefaglig undersøgelse "
                                            f"{next((b for b in bfus if b >= notices[0]), bfus[-1]).isoformat()}")
    return reasons


def _confidences(interventions: dict[str, Episode], granted: dict[str, Episode], placement: float,
                 consent: float) -> dict[str, float]:
    """Per criterion: how clear the deciding evidence was (1.0 = far from every threshold)."""
    def clarity(e: Episode) -> float:
        margin = abs(e.score - PRESENT_AT) / (UNSURE_BAND[1] - PRESENT_AT)
        return min(1.0, 0.5 + 0.5 * margin)

    per_value = {f"interventions:{v}": round(clarity(e), 3) for v, e in sorted(interventions.items())}
    overall = min([clarity(e) for e in interventions.values()], default=1.0)
    placed = granted.get("anbringelse")
    setting = min(overall, clarity(placed)) if placed else overall
    return {"interventions": round(overall, 3), "setting": round(setting, 3), "placement_type": round(placement, 3),
            "consent": round(consent, 3), **per_value}


def _share(scored: dict[str, Episode], value: str | None) -> float:
    total = sum(e.score for e in scored.values())
    return round(scored[value].score / total, 3) if value in scored and total else 1.0


def _placement_type(findings: list[Finding]) -> tuple[str | None, list[Finding] | None, float]:
    """The placement type best supported, favouring words in the same sentence as a placement mention."""
    placement_sentences = {
        (f.document_id, f.evidence) for f in findings if f.criterion == "interventions" and f.value == "anbringelse" and f.counts
    }
    scored = episodes(findings, "placement_type")
    for ep in scored.values():
        ep.score += sum(2.0 * evidence_weight(f) for f in ep.evidence if (f.document_id, f.evidence) in placement_sentences)
    if not scored:
        return None, None, 0.0
    best = max(scored.values(), key=lambda e: e.score)
    specific = [scored[v] for v in SUBTYPES.get(best.value, ()) if v in scored]
    if specific:
        runner_up = max(specific, key=lambda e: e.score)
        if runner_up.score >= SUBTYPE_SHARE * best.score:
            best = runner_up
    return best.value, best.evidence[:3], max(_share(scored, best.value), 0.5 if specific else 0.0)


def _consent(findings: list[Finding]) -> tuple[str | None, list[Finding] | None, bool, float]:
    # "Den unge har givet samtykke, men forældrene giver ikke samtykke" is one uden-samtykke statement:
    # a med-samtykke phrase sharing its sentence with an uden-samtykke phrase is not evidence of its own.
    uden_sentences = {(f.document_id, f.evidence) for f in findings
                      if f.criterion == "consent" and f.value == "uden_samtykke" and f.counts}
    scored = episodes([f for f in findings if not (f.criterion == "consent" and f.value == "med_samtykke"
                                                   and (f.document_id, f.evidence) in uden_sentences)], "consent")
    if not scored:
        return "med_samtykke", [], False, 0.6  # a placement without any coercion cue is a voluntary one
    uden, med = scored.get("uden_samtykke"), scored.get("med_samtykke")
    conflict = bool(uden and med and min(uden.score, med.score) >= PRESENT_AT)
    if uden and (not med or uden.score >= 0.5 * med.score):
        return "uden_samtykke", uden.evidence[:3], conflict, _share(scored, "uden_samtykke")
    return "med_samtykke", (med.evidence[:3] if med else []), conflict, _share(scored, "med_samtykke")


def _flags(granted: dict[str, Episode], placement_type: str | None, consent: str | None, follow_up: str,
           docs: list[DocumentText], n_failed: int, consent_conflict: bool) -> list[str]:
    flags = []
    text = "\n".join(p for d in docs for p in d.pages)
    if granted and follow_up == "mangler":
        flags.append("opfoelgning_mangler")
    if "aflastning" in granted and not _aflastning_has_purpose(granted["aflastning"], docs):
        flags.append("aflastning_uden_formaal")
    if (placement_type in INTRUSIVE_PLACEMENTS and consent != "uden_samtykke" and not home_before(granted)
            and not _LESS_INTRUSIVE_TRIED.search(text)):
        flags.append("indgribende_uden_mindre_indgribende_forsoeg")
    if granted and not _CHILD_TALK.search(text) and not any(d.doc_type == "boernesamtale" for d in docs):
        flags.append("boernesamtale_mangler")
    if consent_conflict:
        flags.append("modstridende_oplysninger")
    if _bfu_late(docs):
        flags.append("frist_overskredet")
    if n_failed > 0:
        flags.append("dokument_fejl")
    return flags


def home_before(granted: dict[str, Episode]) -> bool:
    placement = granted.get("anbringelse")
    if placement is None or placement.start is None:
        return False
    return any(
        e.start and e.start < placement.start for v, e in granted.items() if v not in NOT_HOME_BASED
    )


def _aflastning_has_purpose(episode: Episode, docs: list[DocumentText]) -> bool:
    by_id = {d.document_id: d for d in docs}
    for f in episode.evidence:
        doc = by_id.get(f.document_id)
        if doc and doc.doc_type in ("afgoerelse", "handleplan") and _AFLASTNING_PURPOSE.search("\n".join(doc.pages)):
            return True
    return False


def _bfu_late(docs: list[DocumentText]) -> bool:
    """BFU finished more than 4 months after the first notification (only where both are dated)."""
    notices = [d.doc_date for d in docs if d.doc_type == "underretning" and d.doc_date]
    bfus = [d.doc_date for d in docs if d.doc_type == "boernefaglig_undersoegelse" and d.doc_date]
    if not notices or not bfus:
        return False
    first_notice = min(notices)
    first_bfu = min((b for b in bfus if b >= first_notice), default=None)
    return first_bfu is not None and first_bfu - first_notice > BFU_DEADLINE


def _case_finding(case_id: str, criterion: str, value: str, evidence: list[Finding], confidence: float,
                  explanation: str = "") -> Finding:
    """A case-level finding quoting its deciding evidence, or a short explanation when there is none."""
    best = max(evidence, key=evidence_weight) if evidence else None
    by_document: dict[str, int] = defaultdict(int)
    for f in evidence:
        by_document[f.document_id] += 1
    return Finding(
        case_id=case_id, document_id=best.document_id if best else "", criterion=criterion, value=value,
        page=best.page if best else 0, evidence=best.evidence if best else explanation, start=best.start if best else 0,
        end=best.end if best else 0, rule_id=f"aggregate:{criterion}" + (f"<{best.rule_id}" if best else ""),
        confidence=round(min(1.0, confidence / UNSURE_BAND[1]) if criterion == "interventions" else confidence, 3),
        doc_date=best.doc_date if best else None, doc_type=best.doc_type if best else "",
        section=f"{len(evidence)} fund i {len(by_document)} dokumenter",
    )

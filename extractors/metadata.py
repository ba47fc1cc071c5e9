"""Document date and document type, each with the evidence that decided it."""
from __future__ import annotations

import re
import re._parser as _re_parser
from collections.abc import Mapping
from datetime import date
from pathlib import PurePath
from re._constants import AT, BRANCH, LITERAL, SUBPATTERN

from extractors.base import DescribedExtraction, ExtractionResult

DOC_TYPES: tuple[str, ...] = (
    "underretning", "boernefaglig_undersoegelse", "afdaekning", "handleplan", "indstilling", "afgoerelse",
    "statusudtalelse", "opfoelgning", "referat", "journalnotat", "boernesamtale", "tilsynsrapport",
    "email", "andet",
)

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<!\d)(?P<y>(19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")),
    ("named", re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\.?\s+(?P<mn>{_MONTH_NAMES})\.?\s+(?P<y>(19|20)\d\d)(?!\d)",
                         re.IGNORECASE)),
    ("numeric", re.compile(r"(?<![\d.])(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>(19|20)\d\d|\d\d)(?![\d])")),
    ("slash_dash", re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})-(?P<y>(19|20)\d\d|\d\d)(?!\d)")),
]
# A labelled date is the document's own; an unlabelled one may be a period, a meeting or a birthday.
_DATE_LABEL = re.compile(
    r"(dato|mødedato|udarbejdet|skrevet|afsendt|sendt|modtaget|date)\s*(den|d\.)?\s*:?\s*(d\.\s*)?$", re.IGNORECASE)
_BIRTH_CONTEXT = re.compile(r"(født|f\.|fødselsdato|fødselsdag)\s*(den|d\.)?\s*:?\s*$", re.IGNORECASE)
FIRST_DATE_ZONE = 400   # an unlabelled date counts only near the top, where letters put theirs
MIN_YEAR, MAX_YEAR = 1990, 2040


def date_from_parts(parts: Mapping[str, str | None]) -> date | None:
    """A date from regex groups `y` (2 or 4 digits), `m` or `mn` (Danish month name) and `d`; None if impossible."""
    year = int(parts["y"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    month = MONTHS[parts["mn"].lower()] if parts.get("mn") else int(parts["m"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, int(parts["d"]))
    except ValueError:
        return None


def _dates(text: str) -> list[tuple[int, date, str]]:
    found: list[tuple[int, date, str]] = []
    taken: list[tuple[int, int]] = []
    for _kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            value = date_from_parts(match.groupdict())
            if value is not None:
                found.append((match.start(), value, match.group(0)))
                taken.append(match.span())
    return sorted(found)


def detect_doc_date(text: str, filename: str) -> tuple[date | None, str]:
    """The document's own date: a labelled date in the text, else one in the file name, else the first near the top."""
    candidates = _dates(text)
    for start, value, raw in candidates:
        before = text[max(0, start - 30):start]
        if _DATE_LABEL.search(before):
            label = before.strip().splitlines()[-1] if before.strip() else ""
            return value, f"tekst: '{label} {raw}'".replace("  ", " ")
    name = PurePath(filename).name
    for _start, value, raw in _dates(name):
        return value, f"filnavn: '{raw}'"
    for start, value, raw in candidates:
        if start > FIRST_DATE_ZONE:
            break
        if not _BIRTH_CONTEXT.search(text[max(0, start - 20):start]):
            return value, f"første dato i teksten: '{raw}'"
    return None, "ingen dato fundet"


# (type, pattern, weight). Title-zone matches count triple, file-name matches double.
_TYPE_RULES: list[tuple[str, re.Pattern[str], float]] = [
    (doc_type, re.compile(pattern, re.IGNORECASE), weight)
    for doc_type, pattern, weight in [
        ("underretning", r"\bunderretning(en)?\b(\s+vedr)?|\bunderretter\s*:|skærpet underretningspligt", 3),
        ("underretning", r"24-timers vurdering|bekymring for barnets trivsel", 1),
        ("boernefaglig_undersoegelse", r"børnefaglig(e)? undersøgelse|§\s*50-undersøgelse|\bbfu\b|"
                                       r"undersøgelse efter (?:servicelovens |barnets lovs? )?§\s*(?:50|20)\b", 3),
        ("boernefaglig_undersoegelse", r"sammenfattende vurdering|begrundet stillingtagen", 1),
        ("afdaekning", r"\bafdækning(en)?\b|\bscreening\b", 3),
        ("handleplan", r"\bhandleplan(en)?\b|barnets plan|\bungeplan(en)?\b|revideret handleplan", 3),
        ("handleplan", r"\bdelmål\b|overordnet formål|\bindikatorer\b", 1),
        ("indstilling", r"\bindstilling til\b|\bforvaltningen indstiller\b|\bindstilling(?:en)? om\b", 3),
        ("indstilling", r"\bindstilling\b", 1),
        ("afgoerelse", r"\bafgørelse(n)? om\b|vi har truffet afgørelse|\bbevilling\b|afslag på", 3),
        ("afgoerelse", r"^\W*(?:\d+\W+)?(?:buu\W+)?afgørelse\b", 3),    # a heading or file name that starts with it
        ("afgoerelse", r"\bafgørelse truffet\b|forhandlingsprotokol|"
                       r"udvalget (?:har )?(?:tiltræder|tiltrådt|besluttet|truffet afgørelse)", 3),
        ("afgoerelse", r"\bklagevejledning\b|\blovgrundlag\b|\bpartshøring\b", 1),
        ("statusudtalelse", r"\bstatus(udtalelse|rapport|beskrivelse)\b|\d+-måneders status|status på mål", 3),
        ("opfoelgning", r"\bopfølgning(smøde)?\b|\bstatusmøde\b|vurdering af indsatsen", 3),
        ("opfoelgning", r"indsatsen (fortsætter|justeres|ophører)", 1),
        ("referat", r"\breferat\b|\bnetværksmøde\b|\bsamarbejdsmøde\b|tværfagligt møde|familierådslagning", 3),
        ("referat", r"\bdeltagere\s*:|\bdagsorden\b|\bnæste møde\b", 1),
        ("journalnotat", r"\bjournalnotat(?:er|erne|et)?\b|\bjournal\b|\bnotat(?:er)?\b|telefonsamtale med", 3),
        ("journalnotat", r"sagsbehandler noterer", 1),
        ("boernesamtale", r"\bbørnesamtale(n)?\b|samtale med barnet|\bungesamtale\b", 3),
        ("boernesamtale", r"barnets perspektiv|barnet fortæller", 1),
        ("tilsynsrapport", r"\btilsynsbesøg\b|personrettet tilsyn|\btilsynsrapport\b", 3),
    ]
]
TITLE_ZONE = 200
EMAIL_SUFFIXES = {".eml", ".msg"}


def required_words(items) -> frozenset[str] | None:
    """Strings of which every match of a parsed pattern contains at least one; None if there are none.

    A rule whose words are all absent from a text cannot match it, and `in` is some 50 times cheaper
    than the search: most documents match few of the rules.
    """
    best: frozenset[str] | None = None
    run = ""

    def consider(candidate: set[str] | frozenset[str] | None) -> None:
        nonlocal best
        if candidate and all(candidate) and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = frozenset(candidate)

    for op, arg in [*items, (None, None)]:
        if op is LITERAL:
            run += chr(arg)
            continue
        if op is AT:                      # \b, ^, $ consume nothing
            continue
        consider({run} if run else None)
        run = ""
        if op is BRANCH:
            alternatives = [required_words(alt) for alt in arg[1]]
            if all(alternatives):
                consider(set().union(*alternatives))
        elif op is SUBPATTERN:
            consider(required_words(arg[3]))
    return best


def _prefilter(pattern: re.Pattern[str]) -> frozenset[str] | None:
    words = required_words(_re_parser.parse(pattern.pattern, pattern.flags))
    return frozenset(w.casefold() for w in words) if words else None


_TYPE_WORDS = [_prefilter(pattern) for _doc_type, pattern, _weight in _TYPE_RULES]


def _may_match(words: frozenset[str] | None, folded: str) -> bool:
    return words is None or any(w in folded for w in words)


def _with_danish_letters(stem: str) -> str:
    """File names are often written without æ, ø and å ("03_afgoerelse"): the stem, and its Danish spelling
    first when that differs ("03 afgørelse 03 afgoerelse")."""
    danish = stem.casefold().replace("oe", "ø").replace("ae", "æ").replace("aa", "å")
    return stem if danish == stem.casefold() else f"{danish} {stem}"


def detect_doc_type(text: str, filename: str) -> tuple[str, str]:
    """Return (type id from DOC_TYPES, evidence)."""
    stem = _with_danish_letters(PurePath(filename).stem.replace("_", " ").replace("-", " "))
    title = text[:TITLE_ZONE]
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    best: tuple[float, str, str] = (0.0, "andet", "ingen kendte overskrifter eller vendinger")
    scores: dict[str, float] = {}
    evidence: dict[str, tuple[float, str]] = {}
    zones = [(zone, zone.casefold(), factor, label)
             for zone, factor, label in ((title, 3.0, "overskrift"), (stem, 2.0, "filnavn"), (text, 1.0, "tekst"))]
    for (doc_type, pattern, weight), words in zip(_TYPE_RULES, _TYPE_WORDS, strict=True):
        for zone, folded, factor, label in zones:
            match = pattern.search(zone) if _may_match(words, folded) else None
            if match:
                gain = weight * factor
                if label == "overskrift":
                    # "Opfølgning på handleplan": the word that opens the heading names the document.
                    position = first_line.find(match.group(0))
                    if position >= 0:
                        gain += 2.0 * (1 - position / max(len(first_line), 1))
                scores[doc_type] = scores.get(doc_type, 0.0) + gain
                if gain > evidence.get(doc_type, (0.0, ""))[0]:
                    evidence[doc_type] = (gain, f"{label}: '{match.group(0)}'")
    if PurePath(filename).suffix.lower() in EMAIL_SUFFIXES:
        # A mail is typed by its content only when its subject line names a document type.
        named = {t for t, pattern, weight in _TYPE_RULES if weight >= 3 and pattern.search(first_line)}
        if not named:
            return "email", "filtype: e-mail"
        scores = {t: s for t, s in scores.items() if t in named}
    for doc_type, score in scores.items():
        if score > best[0]:
            best = (score, doc_type, evidence[doc_type][1])
    return best[1], best[2]


def describe(result: ExtractionResult, name: str) -> DescribedExtraction:
    """The result with its date and type, read from its first two pages and its own file name."""
    head = "\n".join(p.text for p in result.pages[:2])
    return DescribedExtraction(result=result, doc_type=detect_doc_type(head, name)[0],
                               doc_date=detect_doc_date(head, name)[0])

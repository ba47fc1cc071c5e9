"""Find personal data in Danish case text: CPR numbers, names, addresses, phone numbers, e-mails, case numbers.

Detection is rule based and tuned for precision as much as recall: an over-masked quote is useless
evidence, so names need gazetteer support or Danish context ("mor, Anne Jensen"), and words that are
also ordinary Danish words only count as names in name context.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
KINDS = ("cpr", "name", "address", "phone", "email", "journal")
# Overlaps are resolved by length first, then by this order (a CPR inside a journal number stays a CPR).
_PRIORITY = {"email": 0, "cpr": 1, "journal": 2, "phone": 3, "address": 4, "name": 5}


@dataclass(frozen=True)
class PiiSpan:
    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class Introduction:
    """A name the case introduces together with the person's role ("mor, Anne Jensen")."""
    role: str            # pseudonym base from pii_roles.yaml, "" when the role is unknown
    name: str
    start: int
    end: int


# --- data -------------------------------------------------------------------------------------------

def _read_list(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.startswith("#"))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return _read_list("names_first.txt")


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    return _read_list("names_last.txt")


@lru_cache(maxsize=1)
def ambiguous_names() -> frozenset[str]:
    return _read_list("pii_ambiguous.txt")


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    return _read_list("pii_places.txt")


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in _read_list("pii_not_names.txt"))


@lru_cache(maxsize=1)
def roles() -> dict[str, dict]:
    """Role pseudonym -> {"triggers": [...], "numbered": bool}; rejects unknown keys so typos surface."""
    raw = yaml.safe_load((DATA / "pii_roles.yaml").read_text(encoding="utf-8"))
    for role, spec in raw.items():
        unknown = set(spec) - {"triggers", "numbered"}
        if unknown:
            raise ValueError(f"pii_roles.yaml: ukendte nøgler {sorted(unknown)} for rollen {role!r}")
    return raw


@lru_cache(maxsize=1)
def _trigger_to_role() -> dict[str, str]:
    return {t: role for role, spec in roles().items() for t in spec["triggers"]}


# --- CPR --------------------------------------------------------------------------------------------

def _cpr_birth_year(yy: int, digit7: int) -> int:
    # The 7th digit fixes the century (CPR-kontoret's table); modulus 11 is deliberately not checked.
    if digit7 <= 3:
        return 1900 + yy
    if digit7 in (4, 9):
        return 2000 + yy if yy <= 36 else 1900 + yy
    return 2000 + yy if yy <= 57 else 1800 + yy


def _valid_date(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def is_cpr(digits: str) -> bool:
    """True for ten digits DDMMYYSSSS whose date part is a real date in the century the 7th digit gives."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    return _valid_date(int(digits[:2]), int(digits[2:4]), _cpr_birth_year(int(digits[4:6]), int(digits[6])))


def _is_birth_date6(digits: str) -> bool:
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    return _valid_date(day, month, 2000 + yy) or _valid_date(day, month, 1900 + yy)


_CPR = re.compile(r"(?<!\d)(\d{6})[ \-\u2010\u2011\u2013]?(\d{4}|[xX*]{4})(?!\d)")
_CPR_LABELLED = re.compile(r"(?i:cpr[\s.\-]*(?:nr|nummer)?\.?|personnummer)\s*:?\s*(\d{6}[ \-]?\d{4})(?!\d)")
_BIRTH = re.compile(
    r"(?i:\bfødt|\bf\.|\bfødselsdato|\bfødselsdag)\s*:?\s*(?:d\.|den)?\s*"
    r"(\d{6}|\d{1,2}[./\-]\d{1,2}[./\-](?:\d{4}|\d{2}))(?![\d\w])"
)


def _find_cpr(text: str) -> list[PiiSpan]:
    spans = []
    for m in _CPR.finditer(text):
        tail = m.group(2)
        if (tail.isdigit() and is_cpr(m.group(1) + tail)) or (not tail.isdigit() and _is_birth_date6(m.group(1))):
            spans.append(PiiSpan(m.start(), m.end(), "cpr", m.group()))
    for m in _CPR_LABELLED.finditer(text):
        spans.append(PiiSpan(m.start(1), m.end(1), "cpr", m.group(1)))
    for m in _BIRTH.finditer(text):
        value = m.group(1)
        if value.isdigit() and not _is_birth_date6(value):
            continue
        spans.append(PiiSpan(m.start(1), m.end(1), "cpr", value))
    return spans


# --- contact data and case numbers ----------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE = re.compile(
    r"(?<![\d+\w])(?:(?:\+|00)45[ \-]?)?"
    r"(\d{8}|\d{2}(?: \d{2}){3}|\d{4} \d{4}|\d{2}-\d{2}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{2}\.\d{2})(?![\d\w])"
)
_PHONE_LABEL = re.compile(r"(?i:tlf|telefon|mobil|mobilnr|tlf\.?\s*nr|telefonnummer)\.?\s*:?\s*$")
_JOURNAL = re.compile(
    r"(?i:\bj\.?\s?nr|\bjournal(?:nummer|nr)|\bsags(?:nummer|nr|-id|id)|\bsag\s+nr|\bdokument(?:nummer|nr)"
    r"|\bvores\s+ref|\bderes\s+ref|\bref(?:erence)?(?:nr|nummer)?)\.?\s*:?\s*"
    r"([A-ZÆØÅ0-9][\w./\-:]*\d[\w./\-:]*(?<=[\w]))"
)
_KLE = re.compile(r"(?<![\d.])\d{2}\.\d{2}\.\d{2}(?:-[A-ZÆØÅ]\d{2})?-\d+-\d{2,4}(?![\d\w])")


def _all_matches(pattern: re.Pattern, text: str) -> Iterable[re.Match]:
    """Matches that may overlap, so a rejected candidate does not hide a real one starting inside it."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


def _find_phone(text: str) -> list[PiiSpan]:
    spans = []
    for m in _all_matches(_PHONE, text):
        digits = re.sub(r"\D", "", m.group(1))
        labelled = bool(_PHONE_LABEL.search(text[max(0, m.start() - 20):m.start()]))
        international = m.group().startswith(("+", "00"))
        if not (labelled or international):
            if digits[0] in "01":
                continue  # Danish subscriber numbers start with 2-9
            if "." in m.group(1):
                continue  # dotted groups are more often versions and codes than phone numbers
            year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
            if m.group(1).isdigit() and 1900 <= year <= 2100 and _valid_date(day, month, year):
                continue  # a compact date, 20230115
            if re.fullmatch(r"(19|20)\d\d (19|20)\d\d", m.group(1)):
                continue  # two years, "2022 2023"
        spans.append(PiiSpan(m.start(), m.end(), "phone", m.group()))
    return spans


def _find_journal(text: str) -> list[PiiSpan]:
    spans = [PiiSpan(m.start(1), m.end(1), "journal", m.group(1)) for m in _JOURNAL.finditer(text)]
    spans += [PiiSpan(m.start(), m.end(), "journal", m.group()) for m in _KLE.finditer(text)]
    return spans


# --- addresses -------------------------------------------------------------------------------------

# Endings that ordinary nouns share ("Vurdering 2", "Børnehave 3", "Danmark 2") are left out on purpose.
_STREET_SUFFIX = (
    r"(?:vej|vejen|gade|gaden|allé|alle|stræde|strædet|plads|pladsen|torv|torvet|boulevard|vænge|vænget|"
    r"parken|bakke|bakken|toften|toft|haven|høj|højen|vang|vangen|stien|engen|marken|"
    r"lund|lunden|skoven|løkke|løkken|agre|ageren|krog|krogen|kær|kæret|bjerg|bjerget|hegn|hegnet|"
    r"dalen|mose|mosen|gård|gården|gaard|ringen|kaj|kajen|brink|brinken|kilden|"
    r"strand|stranden|sving|svinget|banke|tværvej|passage|promenade|holm|broen)"
)
_WORD = r"[A-ZÆØÅÄÖÜ][a-zæøåäöüéè]+"
_STREET = re.compile(
    rf"\b((?:{_WORD}[ \-]|[A-ZÆØÅ]\.\s?){{0,3}}[A-ZÆØÅ][a-zæøåäöüé]*{_STREET_SUFFIX})"
    r"[ \t]+[\-.,;:']?(\d{1,4}[A-Za-z]?)(?![\d\w.,]\d)"   # OCR may put a stray mark before the number
    r"(?:,?[ \t]*(?:st\.?|kl\.?|\d{1,2}\.(?:[ \t]*sal)?)(?:[ \t]*(?:tv|th|mf|\d{1,3})\b\.?)?)?"
)
_ADDRESS_LABEL = re.compile(
    rf"(?i:adresse|bopæl|bor på|bosat på|flyttet til)\s*:?\s*((?:{_WORD}[ \-]?){{1,3}}[ \t]+\d{{1,4}}[A-Za-z]?)(?!\d)"
)
_POSTCODE_TOWN = re.compile(
    rf"(?<![\d\w.,])(?:DK-)?([1-9]\d{{3}})[ \t]+({_WORD}(?:[ \-]{_WORD})?)(?:[ \t]+(?:SV|SØ|NV|NØ|[NSVØCK])\b)?"
)
_YEAR_CONTEXT = re.compile(r"(?i:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|"
                           r"december|år|i|siden|fra|til|primo|ultimo|medio|efteråret|foråret|sommeren|vinteren|"
                           r"skoleåret|og|,|-|–)\s*$")


def _at_line_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n"


def _find_address(text: str) -> list[PiiSpan]:
    spans = []
    for m in _STREET.finditer(text):
        street = m.group(1)
        if street.split()[-1].casefold() in not_names():
            continue
        spans.append(PiiSpan(m.start(), m.end(), "address", m.group()))
    for m in _ADDRESS_LABEL.finditer(text):
        spans.append(PiiSpan(m.start(1), m.end(1), "address", m.group(1)))
    street_ends = {s.end for s in spans}
    for m in _all_matches(_POSTCODE_TOWN, text):
        town_first = m.group(2).split()[0].split("-")[0]
        if town_first.casefold() in not_names() or town_first in first_names() - ambiguous_names():
            continue
        year_like = 1900 <= int(m.group(1)) <= 2100
        after_street = any(0 <= m.start() - e <= 2 for e in street_ends)
        line_start = _at_line_start(text, m.start())
        if year_like and not (after_street or line_start) and _YEAR_CONTEXT.search(text[max(0, m.start() - 15):m.start()]):
            continue
        spans.append(PiiSpan(m.start(), m.end(), "address", m.group()))
    return spans


# --- names -----------------------------------------------------------------------------------------

# Hyphen and apostrophe join name parts only before a capital: "Hansen-Møller" is one token, "Hansen-familien" two.
_TOKEN = re.compile(r"[^\W\d_]+(?:[\-'’][A-ZÆØÅÄÖÜ][^\W\d_]*)*", re.UNICODE)
_SENTENCE_PUNCT = frozenset(".!?:;•-–*\"“”(»«")
_DATE_AFTER = re.compile(r"^\s*(?:\d{4}\b|\d{1,2}\.)")
_MONTHS = frozenset("januar februar marts april maj juni juli august september oktober november december".split())


def _starts_sentence(text: str, pos: int) -> bool:
    """True at the start of the text, of a line, or after sentence punctuation (headings, lists, quotes)."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        if text[i] == "\n":
            return True
        i -= 1
    return i < 0 or text[i] in _SENTENCE_PUNCT


def name_tokens(name: str) -> list[str]:
    """The word tokens of a name ("Anne-Marie Jensen" -> ["Anne-Marie", "Jensen"])."""
    return _TOKEN.findall(name)


def _is_cap(tok: str) -> bool:
    return len(tok) > 1 and tok[0].isupper()


def _classify(tok: str, known_tokens: frozenset[str]) -> str:
    """K known from the case, N name, A ambiguous name, P place, S never a name, U unknown capitalised word."""
    if tok.isupper():
        # Capitals are headings and acronyms (BUU, PPR, AST): a name only when the case or the gazetteer knows it.
        titled = tok.title()
        if titled in known_tokens:
            return "K"
        plain = titled not in ambiguous_names() and titled not in places() and titled.casefold() not in not_names()
        return "N" if plain and (titled in first_names() or titled in last_names()) else "S"
    for form in (tok, tok[:-1] if tok.endswith("s") and len(tok) > 3 else None):
        if form is None:
            continue
        if form in known_tokens:
            return "K"
        if form.casefold() in not_names():
            return "S"
        if form in places():
            return "P"
        if form in ambiguous_names():
            return "A"
        if form in first_names() or form in last_names():
            return "N"
        parts = form.split("-")
        if len(parts) > 1 and all(p in first_names() or p in last_names() or p in known_tokens for p in parts):
            return "N"
    return "U"


def _name_runs(text: str) -> Iterable[list[re.Match]]:
    """Runs of capitalised tokens separated only by single spaces."""
    run: list[re.Match] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if _is_cap(tok) and (not run or text[run[-1].end():m.start()] in (" ", "\u00a0")):
            run.append(m)
            continue
        if run:
            yield run
        run = [m] if _is_cap(tok) else []
    if run:
        yield run


@lru_cache(maxsize=1)
def _danish_words() -> frozenset[str]:
    """Lower-case Danish word forms (spaCy lookup lemmatizer data), to keep common words out of names."""
    import gzip
    import json

    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "da_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    return frozenset(k for k in table if k.islower())


def _find_names(text: str, known: frozenset[str]) -> list[PiiSpan]:
    known_tokens = frozenset(t for name in known for t in name_tokens(name))
    spans = []
    for run in _name_runs(text):
        classes = [_classify(m.group(), known_tokens) for m in run]
        initial = [_starts_sentence(text, m.start()) for m in run]
        # Split the run at tokens that are never names; each piece is judged on its own.
        piece: list[int] = []
        for i in range(len(run) + 1):
            if i < len(run) and classes[i] != "S":
                piece.append(i)
                continue
            if piece:
                spans.extend(_judge_piece(text, run, classes, initial, piece))
            piece = []
    return spans


def _judge_piece(text: str, run: list[re.Match], classes: list[str], initial: list[bool],
                 piece: list[int]) -> list[PiiSpan]:
    strong = [i for i in piece if classes[i] in "KN"]
    weak = [i for i in piece if classes[i] == "A"]
    if not strong and len(weak) < 2:
        # A lone ambiguous word is a name only mid-sentence ("hos Per"), never as a heading or sentence start.
        if not (len(weak) == 1 and not initial[weak[0]] and len(piece) == 1):
            return []
    keep = []
    for i in piece:
        if classes[i] == "U":
            tok = run[i].group()
            if initial[i] or tok.casefold() in _danish_words():
                continue
        keep.append(i)
    if not keep:
        return []
    # Keep a contiguous block around the name tokens; drop a dangling common word in between.
    groups: list[list[int]] = [[keep[0]]]
    for i in keep[1:]:
        if i == groups[-1][-1] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    spans = []
    for g in groups:
        if not any(classes[i] in "KNA" for i in g):
            continue
        if not any(classes[i] in "KN" for i in g):
            g = [i for i in g if classes[i] != "P"]   # a town is part of a name only next to a real name
            if not g:
                continue
        if len(g) == 1 and classes[g[0]] == "A" and initial[g[0]]:
            continue
        start, end = run[g[0]].start(), run[g[-1]].end()
        if len(g) == 1 and run[g[0]].group().casefold() in _MONTHS and _DATE_AFTER.match(text[end:]):
            continue  # "August 2023", "Maj 12." are dates
        if re.match(r"\s+[Kk]ommunes?\b", text[end:]):
            continue  # "Kolding Kommune"
        spans.append(PiiSpan(start, end, "name", text[start:end]))
    return spans


# --- introductions ("mor, Anne Jensen") --------------------------------------------------------------

_NAME_AFTER = r"((?:[A-ZÆØÅÄÖÜ][\w'’]*(?:-[A-ZÆØÅÄÖÜ][\w'’]*)?)(?:[ \t]+[A-ZÆØÅÄÖÜ][\w'’]*(?:-[A-ZÆØÅÄÖÜ][\w'’]*)?){0,3})"


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation of `words` as a prefix tree ("mor|morfar|mormor" -> "mor(?:(?:far|mor))?").

    It matches what the plain alternation longest word first matches, in the same order, but tests each
    character once per position: the role triggers' alternation was most of the introductions' time."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@lru_cache(maxsize=1)
def _intro_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    alt = trie_pattern(_trigger_to_role())
    label = re.compile(rf"(?m)(?:^|(?<=[\n\t|;]))[ \t]*(?i:(?:[\w ]+'s\s+)?({alt}))[ \t]*:[ \t|]*{_NAME_AFTER}")
    appos = re.compile(rf"(?i:\b(?:barnets\s+|[A-ZÆØÅ]\w+s\s+)?({alt}))(?:[ \t]*,[ \t]*|[ \t]+){_NAME_AFTER}")
    paren = re.compile(rf"{_NAME_AFTER}[ \t]*\((?i:({alt}))\b[^)]*\)")
    return label, appos, paren


_SIGNATURE = re.compile(
    r"(?i:med\s+venlig\s+hilsen|venlig\s+hilsen|mvh|de\s+bedste\s+hilsner|hilsen)[ \t]*,?[ \t]*\n\s*"
    + _NAME_AFTER + r"[ \t]*(?:,[ \t]*|\n[ \t]*)?([a-zæøåA-ZÆØÅ][\w\- ]*)?"
)


_SECOND_NAME = re.compile(r"[ \t]+og[ \t]+" + _NAME_AFTER)


@lru_cache(maxsize=65536)
def _plain_word(tok: str) -> bool:
    return tok.casefold() in _danish_words() and tok not in first_names() and tok not in last_names()


def _clean_name(candidate: str) -> str:
    """Cut a captured capitalised sequence to the name in it: "Anne Jensen Deltog" -> "Anne Jensen".

    Words that are never names end it; ordinary Danish words count only between name words, so
    "Kim Madsen" stays whole while "Mor: Bekymret" gives nothing.
    """
    kept: list[str] = []
    for tok in candidate.split():
        if not tok[0].isupper() or tok.split("-")[0].casefold() in not_names() or (tok.isupper() and len(tok) > 1):
            break
        kept.append(tok)
    named = [i for i, tok in enumerate(kept) if not _plain_word(tok)]
    return " ".join(kept[:named[-1] + 1]) if named else ""


def find_introductions(text: str) -> list[Introduction]:
    """Names the text introduces with a role: labels, appositions, parentheses and signatures."""
    label, appos, paren = _intro_patterns()
    to_role = _trigger_to_role()
    found = []
    for pattern, role_group, name_group in ((label, 1, 2), (appos, 1, 2), (paren, 2, 1)):
        for m in pattern.finditer(text):
            name = _clean_name(m.group(name_group))
            if not name:
                continue
            role, start = to_role[m.group(role_group).casefold()], m.start(name_group)
            found.append(Introduction(role, name, start, start + len(name)))
            if m.group(role_group).casefold().endswith(("forældre", "forældrene")):
                second = _SECOND_NAME.match(text, start + len(name))
                other = _clean_name(second.group(1)) if second else ""
                if other:
                    found.append(Introduction(role, other, second.start(1), second.start(1) + len(other)))
    for m in _SIGNATURE.finditer(text):
        name = _clean_name(m.group(1))
        if not name:
            continue
        title = (m.group(2) or "").strip().casefold()
        role = next((r for t, r in _trigger_to_role().items() if title.startswith(t)), "")
        found.append(Introduction(role, name, m.start(1), m.start(1) + len(name)))
    return found


# --- public entry point -----------------------------------------------------------------------------

def _resolve(text: str, spans: list[PiiSpan]) -> list[PiiSpan]:
    """Longest span first; of a shorter overlapping span, the part outside the longer one is kept too,
    so nothing detected is ever left unmasked because a neighbour won the overlap."""
    ordered = sorted(spans, key=lambda s: (-(s.end - s.start), _PRIORITY[s.kind], s.start))
    taken: list[PiiSpan] = []
    for s in ordered:
        pieces = [(s.start, s.end)]
        for t in taken:
            pieces = [part for a, b in pieces for part in ((a, min(b, t.start)), (max(a, t.end), b)) if part[0] < part[1]]
        if pieces == [(s.start, s.end)]:
            taken.append(s)
            continue
        for a, b in pieces:
            while a < b and not text[a].isalnum():
                a += 1
            while b > a and not text[b - 1].isalnum():
                b -= 1
            if a < b:
                taken.append(PiiSpan(a, b, s.kind, text[a:b]))
    return sorted(taken, key=lambda s: s.start)


def find_pii(text: str, known_names: Iterable[str] = (),
             introductions: list[Introduction] | None = None) -> list[PiiSpan]:
    """All personal data in `text`, non-overlapping and sorted by position.

    `known_names` are names the case has introduced elsewhere; they are found even when no gazetteer knows them.
    `introductions` is `find_introductions(text)` when the caller has it already.
    """
    known = frozenset(n for n in known_names if n.strip())
    spans = _find_cpr(text) + [PiiSpan(m.start(), m.end(), "email", m.group()) for m in _EMAIL.finditer(text)]
    spans += _find_journal(text) + _find_phone(text) + _find_address(text) + _find_names(text, known)
    if introductions is None:
        introductions = find_introductions(text)
    spans += [PiiSpan(i.start, i.end, "name", i.name) for i in introductions]
    # A name glued to digits is not a name, and replacing it by "Person 1" could create a new CPR-shaped string.
    spans = [s for s in spans if s.kind != "name" or not _touches_digit(text, s)]
    return _resolve(text, spans)


def _touches_digit(text: str, span: PiiSpan) -> bool:
    return (span.start > 0 and text[span.start - 1].isdigit()) or (span.end < len(text) and text[span.end].isdigit())

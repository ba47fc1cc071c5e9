"""Replace personal data with role pseudonyms that stay the same for a person throughout a case.

A reviewer must still follow the evidence, so "Anne Jensen" becomes "Mor" rather than "[REDACTED]".
People without a known role become "Person 1", "Person 2", ... in the order of a keyed hash
(HMAC-SHA256 with a secret kept outside the repository and outside OUT/), so the same person gets the
same number in every run while the mapping itself is never stored.
"""
from __future__ import annotations

import bisect
import contextlib
import hashlib
import hmac
import logging
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.pii import PiiSpan, find_introductions, find_pii, name_tokens, roles

PLACEHOLDERS = {"cpr": "[CPR]", "address": "[ADRESSE]", "phone": "[TLF]", "email": "[EMAIL]",
                "journal": "[JOURNALNR]", "name": "[NAVN]"}
AMBIGUOUS_NAME = "[NAVN]"
KEY_BYTES = 32


def load_key(path: Path) -> bytes:
    """Read the pseudonymisation key; create a random one (mode 0600) when the file does not exist yet."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(KEY_BYTES))
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise ValueError(f"Nøglefilen {path.name} skal indeholde præcis {KEY_BYTES} bytes; slet den for at lave en ny.")
    return key


# --- owner-only output files ------------------------------------------------------------------------

@contextlib.contextmanager
def owner_only() -> Iterator[None]:
    """Files and folders created inside the block are readable by their owner only (umask 077)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def restrict_to_owner(path: Path) -> None:
    """Make an existing file (0600) or folder tree (0700 folders, 0600 files) owner-only."""
    path = Path(path)
    if path.is_dir():
        path.chmod(0o700)
        for child in path.rglob("*"):
            child.chmod(0o700 if child.is_dir() else 0o600)
    else:
        path.chmod(0o600)


def write_private_text(path: Path, text: str) -> None:
    """Write a text file that is owner-only from the moment it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    Path(path).chmod(0o600)


# --- offsets ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OffsetMap:
    """Maps a character offset in the original text to the pseudonymised text.

    An offset inside a replaced span maps to the replacement's start (`__call__`) or end (`end`),
    so an evidence span that cuts into a name still covers its pseudonym.
    """
    replaced: tuple[tuple[int, int, int, int], ...]   # (orig_start, orig_end, new_start, new_end)

    def _locate(self, offset: int) -> tuple[int, int | None]:
        i = bisect.bisect_right([r[0] for r in self.replaced], offset) - 1
        if i < 0:
            return offset, None
        o_start, o_end, n_start, n_end = self.replaced[i]
        if offset >= o_end:
            return n_end + (offset - o_end), None
        if offset == o_start:
            return n_start, None
        return n_start, i

    def __call__(self, offset: int) -> int:
        return self._locate(offset)[0]

    def end(self, offset: int) -> int:
        mapped, inside = self._locate(offset)
        return self.replaced[inside][3] if inside is not None else mapped

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self(start), self.end(end)


# --- people in a case -------------------------------------------------------------------------------

@dataclass
class _Person:
    tokens: list[str]
    role: str = ""
    pseudonym: str = ""
    learned: bool = True     # False for people first met in `apply`: they never widen what counts as a name

    @property
    def name(self) -> str:
        return " ".join(self.tokens)


def _genitive(pseudonym: str) -> str:
    return "Barnets" if pseudonym == "Barnet" else pseudonym + "s"


@dataclass
class CasePseudonymizer:
    """Learns the people of one case from all its texts, then pseudonymises texts and paths consistently."""
    case_id: str
    key: bytes = field(repr=False)
    _people: list[_Person] = field(default_factory=list, repr=False)
    _introduced: list[tuple[str, str]] = field(default_factory=list, repr=False)   # (name, role)
    _mentioned: list[str] = field(default_factory=list, repr=False)
    _frozen: bool = field(default=False, repr=False)
    _applying: bool = field(default=False, repr=False)

    def _hash(self, person: _Person) -> str:
        msg = f"{self.case_id}\x1f{person.name.casefold()}".encode()
        return hmac.new(self.key, msg, hashlib.sha256).hexdigest()

    def _match(self, tokens: list[str]) -> list[_Person]:
        """People whose name is this name, or contains it, or is contained in it (case-blind: "ANNE" is Anne)."""
        folded = [t.casefold() for t in tokens]
        exact = [p for p in self._people if [t.casefold() for t in p.tokens] == folded]
        if exact:
            return exact
        wanted = set(folded)
        return [p for p in self._people
                if wanted <= {t.casefold() for t in p.tokens} or {t.casefold() for t in p.tokens} <= wanted]

    def _lookup(self, tokens: list[str]) -> tuple[list[str], list[_Person], bool]:
        """Known people matching the name, also as a Danish genitive ("Emils" -> Emil); returns the stem used."""
        matches = self._match(tokens)
        if not matches and tokens[-1].endswith("s") and len(tokens[-1]) > 2:
            stem = tokens[:-1] + [tokens[-1][:-1]]
            stem_matches = self._match(stem)
            if stem_matches:
                return stem, stem_matches, True
        return tokens, matches, False

    def _add(self, name: str, role: str) -> _Person | None:
        tokens = name_tokens(name)
        if not tokens:
            return None
        tokens, matches, _ = self._lookup(tokens)
        if len(matches) == 1:
            person = matches[0]
            if len(tokens) > len(person.tokens) and not tokens[0].isupper():
                person.tokens = tokens           # "Emil" learned first, "Emil Hansen" later
            if role and not person.role and self._role_free(role):
                person.role = role
            return person
        if matches and not role:
            return None                          # "Anne" when two Annes are known: no new person
        person = _Person(tokens, role if role and self._role_free(role) else "", learned=not self._applying)
        self._people.append(person)
        if self._frozen:
            self._number(person)
        return person

    def _role_free(self, role: str) -> bool:
        return roles()[role]["numbered"] or all(p.role != role for p in self._people)

    def learn(self, text: str) -> None:
        """Collect the names this text introduces (with roles) and the other names it mentions."""
        introductions = find_introductions(text)
        introduced = [(i.name, i.role) for i in introductions]
        known = self.known_names() + [name for name, _ in introduced]
        mentioned = [s.text for s in find_pii(text, known, introductions) if s.kind == "name"]
        if self._frozen:
            for name, role in introduced:
                self._add(name, role)
            for name in mentioned:
                self._add(name, "")
            return
        self._introduced += introduced
        self._mentioned += mentioned

    def known_names(self) -> list[str]:
        return [p.name for p in self._people if p.learned] + [name for name, _ in self._introduced]

    def _freeze(self) -> None:
        """Resolve who is who, then number everyone in keyed-hash order; later newcomers get the next numbers.

        Introductions go first and longer names before shorter ones, so the result does not depend on the
        order the documents were learned in ("Anne" seen before "mor, Anne Jensen" is still Mor).
        """
        if self._frozen:
            return
        for name, role in sorted(self._introduced, key=lambda nr: -len(name_tokens(nr[0]))):
            self._add(name, role)
        for name in sorted(self._mentioned, key=lambda n: -len(name_tokens(n))):
            self._add(name, "")
        self._frozen = True
        for person in sorted(self._people, key=self._hash):
            self._number(person)

    def _number(self, person: _Person) -> None:
        base = person.role or "Person"
        if person.role and not roles()[person.role]["numbered"]:
            person.pseudonym = base
            return
        taken = sum(1 for p in self._people if p.pseudonym and (p.role or "Person") == base)
        person.pseudonym = f"{base} {taken + 1}"

    def _pseudonym_for(self, name: str) -> str:
        tokens, matches, genitive = self._lookup(name_tokens(name))
        if len(matches) != 1:
            if matches:
                return AMBIGUOUS_NAME
            person = self._add(" ".join(tokens), "")
            if person is None:
                return AMBIGUOUS_NAME
            matches = [person]
        person = matches[0]
        if not person.pseudonym:
            self._number(person)
        return _genitive(person.pseudonym) if genitive else person.pseudonym

    def _replacement(self, span: PiiSpan) -> str:
        if span.kind != "name":
            return PLACEHOLDERS[span.kind]
        self._applying = True
        try:
            return self._pseudonym_for(span.text)
        finally:
            self._applying = False

    def apply_with_offsets(self, text: str) -> tuple[str, OffsetMap]:
        """Pseudonymised text plus a map from original offsets to offsets in it."""
        self._freeze()
        out: list[str] = []
        replaced = []
        pos = new_pos = 0
        for span in find_pii(text, self.known_names()):
            out.append(text[pos:span.start])
            new_pos += span.start - pos
            replacement = self._replacement(span)
            out.append(replacement)
            replaced.append((span.start, span.end, new_pos, new_pos + len(replacement)))
            new_pos += len(replacement)
            pos = span.end
        out.append(text[pos:])
        return "".join(out), OffsetMap(tuple(replaced))

    def apply(self, text: str) -> str:
        return self.apply_with_offsets(text)[0]

    def apply_path(self, relpath: str) -> str:
        """Pseudonymise each part of a relative path; extensions, dates and separators stay."""
        self._freeze()
        return "/".join(self._apply_path_part(part) for part in relpath.split("/"))

    def _apply_path_part(self, part: str) -> str:
        stem, dot, ext = part.rpartition(".")
        if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,5}", ext) or not stem:
            stem, dot, ext = part, "", ""
        # Underscores read as spaces and lower-case words as capitalised, so "mor_anne_jensen" is seen as a name.
        readable = re.sub(r"[_]", " ", stem)
        readable = re.sub(r"(?<![^\W\d_])[^\W\d_]", _capitalise_char, readable)
        out, pos = [], 0
        for span in find_pii(readable, self.known_names()):
            out.append(stem[pos:span.start])
            out.append(self._replacement(span).strip("[]").replace(" ", "_"))
            pos = span.end
        out.append(stem[pos:])
        return "".join(out) + dot + ext


def learn_case(case_id: str, key: bytes, texts: list[str]) -> CasePseudonymizer:
    """A case's pseudonymiser, having learned the people of all its texts (in this order)."""
    pz = CasePseudonymizer(case_id, key)
    for text in texts:
        pz.learn(text)
    return pz


def _capitalise_char(m: re.Match) -> str:
    upper = m.group().upper()
    return upper if len(upper) == 1 else m.group()   # keep offsets aligned ("ß" -> "SS" would shift them)


# --- context-free scrubbing -------------------------------------------------------------------------

def scrub(text: str) -> str:
    """Remove personal data without case knowledge: for log lines and exception messages."""
    out, pos = [], 0
    for span in find_pii(text):
        out.append(text[pos:span.start])
        out.append(PLACEHOLDERS[span.kind])
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


class PseudonymizingLogFilter(logging.Filter):
    """Scrubs the message, arguments and traceback text of a record.

    Attach it to the handlers (not only a logger): logger filters do not see records from child loggers.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True

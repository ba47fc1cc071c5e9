"""Context of a mention (ConText-style): negated, hypothetical, historical, other person, reported, boilerplate.

Triggers are data (`data/context.yaml`). A trigger applies to a mention when it sits on the
configured side, within `max_chars`, inside the same clause (or sentence, for `scope: sentence`),
and does not lie inside a pseudo-trigger ("ikke kun", "uden samtykke").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, field_validator

from pipeline.lexicon import DATA_DIR, flexible_spaces

CONTEXT_PATH = DATA_DIR / "context.yaml"
Category = Literal["negated", "hypothetical", "planned", "historical", "other_person", "reported", "boilerplate", "decision"]


def _check_regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"ugyldigt mønster {pattern!r}: {exc}") from exc
    return pattern


class TriggerRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    category: Category
    direction: Literal["forward", "backward", "both"]
    pattern: str
    max_chars: int = 80
    scope: Literal["clause", "sentence"] = "clause"

    _valid = field_validator("pattern")(classmethod(lambda cls, v: _check_regex(v)))


class ContextFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    terminators: list[str]
    pseudo: list[str]
    triggers: list[TriggerRule]

    @field_validator("terminators", "pseudo")
    @classmethod
    def _all_compile(cls, patterns: list[str]) -> list[str]:
        return [_check_regex(p) for p in patterns]


@dataclass
class ContextFlags:
    negated: bool = False
    hypothetical: bool = False
    planned: bool = False            # a need, wish or recommendation: a decision in the same sentence outweighs it
    historical: bool = False
    other_person: bool = False
    reported: bool = False
    boilerplate: bool = False
    decision: bool = False
    triggers: list[str] = field(default_factory=list)

    @property
    def is_hypothetical(self) -> bool:
        # A negated need ("ikke behov for") is a refusal, not a plan.
        return self.hypothetical or (self.planned and not self.decision and not self.negated)

    def rule_status(self) -> str:
        """The status the rules alone give; first matching reason wins (most specific first)."""
        if self.boilerplate:
            return "boilerplate"
        if self.other_person:
            return "other_person"
        if self.negated:
            return "refused"
        if self.historical:
            return "historical"
        if self.is_hypothetical:
            return "considered"
        return "granted"


@dataclass(frozen=True)
class SentenceTriggers:
    length: int
    found: list[tuple[TriggerRule, int, int]]
    terminators: list[tuple[int, int]]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end): a terminator before it stays inside ("men ikke X" sees "ikke")."""
        clause_start, clause_end = 0, self.length
        for t_start, t_end in self.terminators:
            if t_end <= start:
                clause_start = t_start
            elif t_start >= end:
                clause_end = t_start
                break
        return clause_start, clause_end


@dataclass(frozen=True)
class ContextRules:
    version: str
    terminator: re.Pattern[str]
    pseudo: re.Pattern[str]
    triggers: tuple[tuple[TriggerRule, re.Pattern[str]], ...]

    def scan(self, sentence: str) -> SentenceTriggers:
        """All trigger, pseudo-trigger and terminator matches of one sentence (shared by its mentions)."""
        lowered = sentence.lower()
        pseudo = [m.span() for m in self.pseudo.finditer(lowered)]
        found = [
            (rule, m.start(), m.end())
            for rule, regex in self.triggers
            for m in regex.finditer(lowered)
            if rule.category != "negated" or not any(p0 <= m.start() and m.end() <= p1 for p0, p1 in pseudo)
        ]
        terminators = [m.span() for m in self.terminator.finditer(lowered)]
        return SentenceTriggers(len(lowered), found, terminators)

    def flags(self, sentence: str | SentenceTriggers, start: int, end: int) -> ContextFlags:
        """Flags for the mention at [start, end) of `sentence` (offsets relative to the sentence)."""
        scanned = self.scan(sentence) if isinstance(sentence, str) else sentence
        clause_start, clause_end = scanned.clause(start, end)
        result = ContextFlags()
        for rule, t_start, t_end in scanned.found:
            if getattr(result, rule.category):
                continue
            if t_start < end and start < t_end:
                continue  # the trigger is the mention itself
            if rule.scope == "clause" and not (clause_start <= t_start and t_end <= clause_end):
                continue
            if _in_reach(rule, t_start, t_end, start, end):
                setattr(result, rule.category, True)
                result.triggers.append(rule.id)
        return result

    def inherit_list_intro(self, flags: ContextFlags, text: str, sent_start: int) -> None:
        """A list item takes the refusal, plan, history or decision of its lead-in line (anywhere in it)."""
        intro = list_intro(text, sent_start)
        if not intro:
            return
        for rule, _, _ in self.scan(intro).found:
            if rule.category in _INHERITED and not getattr(flags, rule.category):
                setattr(flags, rule.category, True)
                flags.triggers.append(f"list_intro:{rule.id}")


# A list item: a bullet, or "1)", "a)", "2." at the start of a line. An indented line continues the item above.
_LIST_ITEM = re.compile(r"[ \t]*(?:[-•*▪–]|\(?(?:\d{1,2}|[a-zæøå])[).])[ \t]")
_INTRO_LOOKBACK_LINES = 15
# What a list's lead-in ("Du får afslag på:", "Tidligere indsatser:") says about every item under it.
_INHERITED = ("negated", "hypothetical", "planned", "historical", "other_person", "decision")


def list_intro(text: str, sent_start: int) -> str:
    """The lead-in line ending in ':' that governs the list item starting at `sent_start` ("" when none).

    Walks back over sibling items and indented continuation lines; a blank line or a line that is
    neither ends the list.
    """
    line_start = text.rfind("\n", 0, sent_start) + 1
    if not _LIST_ITEM.match(text, line_start):
        return ""
    pos = line_start
    for _ in range(_INTRO_LOOKBACK_LINES):
        if pos == 0:
            return ""
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start:pos - 1]
        if not line.strip():
            return ""
        if _LIST_ITEM.match(line) or line[:1] in (" ", "\t"):
            pos = prev_start
            continue
        return line if line.rstrip().endswith(":") else ""
    return ""


def _in_reach(rule: TriggerRule, t_start: int, t_end: int, start: int, end: int) -> bool:
    if rule.direction in ("forward", "both") and t_end <= start and start - t_end <= rule.max_chars:
        return True
    return rule.direction in ("backward", "both") and t_start >= end and t_start - end <= rule.max_chars


def parse_context(raw: dict) -> ContextRules:
    parsed = ContextFile.model_validate(raw)
    return ContextRules(
        version=parsed.version,
        terminator=re.compile("|".join(map(flexible_spaces, parsed.terminators))),
        pseudo=re.compile("|".join(map(flexible_spaces, parsed.pseudo))),
        triggers=tuple((t, re.compile(flexible_spaces(t.pattern))) for t in parsed.triggers),
    )


@cache
def load_context(path: Path = CONTEXT_PATH) -> ContextRules:
    with path.open(encoding="utf-8") as fh:
        return parse_context(yaml.safe_load(fh))


# --- status fields of structured records and table rows ----------------------------------------------
# Case-system exports list measures as records ("Ydelse: Aflastning" … "Status: Afslået") or table rows
# ("Støtteperson til mor | – | Tilbudt"). The status field, not the sentence, says whether it was granted.
_RECORD_KEY = re.compile(r"[ \t]*(?:ydelse|indsats|foranstaltning|bevilling|tiltag|ydelsestype)[ \t]*:", re.IGNORECASE)
_RECORD_END = re.compile(r"^[ \t]*(?:[-=_*]{5,}[ \t]*)?$", re.MULTILINE)
_STATUS_FIELD = re.compile(r"^[ \t]*status[ \t]*:[ \t]*(.+)$", re.IGNORECASE | re.MULTILINE)
_STATUS_WORDS = (
    ("negated", re.compile(r"afslå\w*|afslag|afvist|ikke (?:relevant|bevilget|iværksat|oprettet|aktuel)|annuller\w*|"
                           r"trukket tilbage|bortfald\w*|frafald\w*|ophævet|takket nej", re.IGNORECASE)),
    ("hypothetical", re.compile(r"under behandling|afvent\w*|ansøgt|indstillet|tilbudt|planlagt|visiteret|"
                                r"venteliste|overvej\w*|drøftet|ikke taget stilling", re.IGNORECASE)),
    ("decision", re.compile(r"bevilget|iværksat|aktiv|igangværende|godkendt|forlænget|løbende|i gang", re.IGNORECASE)),
)
RECORD_BLOCK_CHARS = 800
# "Anbringelse (§ 46 / § 47) ........ ☐ Ja ☒ Nej", "Familiebehandling ..... ☒ Bevilget": a ticked or an
# empty box after the measure on its own line decides it.
_BOX_TICKED = "☒☑✓✗"
_BOX_EMPTY = "☐□"
_CHECKBOX_NO = re.compile(rf"[{_BOX_EMPTY}]\s*ja\b.*[{_BOX_TICKED}]\s*nej\b|[{_BOX_TICKED}]\s*nej\b", re.IGNORECASE)
_CHECKBOX_YES = re.compile(rf"^[^{_BOX_EMPTY}{_BOX_TICKED}]*[{_BOX_TICKED}]\s*(?:ja|bevilget|iværksat|godkendt)\b",
                           re.IGNORECASE)
_CHECKBOX_EMPTY = re.compile(rf"^[^{_BOX_EMPTY}{_BOX_TICKED}]*[{_BOX_EMPTY}]\s*\w", re.IGNORECASE)
# "--- Ydelser (Nicklas, søskendesag) ---": records under a heading that names a sibling are not the child's.
_SECTION_HEADING = re.compile(r"^[ \t]*[-=]{3,}[ \t]*(\S.*?)[ \t]*[-=]{3,}[ \t]*$", re.MULTILINE)
_SIBLING_HEADING = re.compile(r"søskende\w*|\bbror\w*|\bsøster\w*|\bhalvsøskende\w*", re.IGNORECASE)


def _status_category(value: str) -> str | None:
    value = value.strip()
    for category, pattern in _STATUS_WORDS:
        if pattern.match(value):
            return category
    return None


def _checkbox_status(after: str) -> str | None:
    if _CHECKBOX_NO.search(after):
        return "negated"
    if _CHECKBOX_YES.match(after):
        return "decision"
    if _CHECKBOX_EMPTY.match(after) and not any(box in after for box in _BOX_TICKED):
        return "negated"
    return None


_ANY_BOX = re.compile(rf"[{_BOX_EMPTY}{_BOX_TICKED}]|\[ ?\]|\[[xX]\]")
_LETTER = re.compile(r"[^\W\d_]")


def _paired_box(line: str, start: int, end: int) -> str | None:
    """A list of measures with a box each: "☒ Økonomisk støtte ☐ Ungestøtte (§ 114)" (box before its label)
    or "Familiebehandling ☒ Aflastning (§ 32.1.7) ☐" (box after). Words after the last box mean the first."""
    boxes = list(_ANY_BOX.finditer(line))
    if not boxes:
        return None
    if _LETTER.search(line, boxes[-1].end()):
        paired = [b for b in boxes if b.end() <= start][-1:]
    else:
        paired = [b for b in boxes if b.start() >= end][:1]
    if not paired:
        return None
    box = paired[0].group()
    return "decision" if any(c in box for c in _BOX_TICKED + "xX") else "negated"


def _record_key_line(text: str, line_start: int) -> tuple[int, int] | None:
    """Bounds of the key line ("Ydelse: …") of the record holding the line at `line_start`, if any."""
    block_start = max(text.rfind("\n\n", 0, line_start), text.rfind("\n\r\n", 0, line_start))
    block_start = max(0 if block_start < 0 else block_start + 1, line_start - RECORD_BLOCK_CHARS)
    keys = [m for m in re.finditer(r"^.*$", text[block_start:line_start], re.MULTILINE) if _RECORD_KEY.match(m.group(0))]
    if not keys:
        return None
    return block_start + keys[-1].start(), block_start + keys[-1].end()


def _under_sibling_heading(text: str, position: int) -> bool:
    headings = list(_SECTION_HEADING.finditer(text, 0, position))
    return bool(headings) and bool(_SIBLING_HEADING.search(headings[-1].group(1)))


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _record(text: str, line_start: int, line_end: int) -> tuple[int, int, int] | None:
    """(start and end of the key line, end) of the case-system record holding this line: its own key line
    ("Ydelse: …"), or the key line above a later field ("Lovgrundlag: SEL § 52, stk. 3, nr. 7")."""
    if _RECORD_KEY.match(text[line_start:line_end]):
        key_start, key_end = line_start, line_end
    else:
        key = _record_key_line(text, line_start)
        if key is None:
            return None
        key_start, key_end = key
    block_end = _RECORD_END.search(text, key_end + 1, key_end + RECORD_BLOCK_CHARS)
    return key_start, key_end, block_end.start() if block_end else key_end + RECORD_BLOCK_CHARS


def field_status(text: str, start: int, end: int) -> str | None:
    """The context category of the status field of the record, table row or checkbox line naming [start, end)."""
    line_start, line_end = _line_bounds(text, start, end)
    line = text[line_start:line_end]
    boxed = _paired_box(line, start - line_start, end - line_start) or _checkbox_status(text[end:line_end])
    if boxed:
        return boxed
    if "|" in line:
        # Table row: a later cell that opens with a status word.
        for cell in text[end:line_end].split("|")[1:]:
            category = _status_category(cell)
            if category:
                return category
        return None
    record = _record(text, line_start, line_end)     # a later field of a record shares its status
    if record is None:
        return None
    if _under_sibling_heading(text, line_start):
        return "other_person"
    _, key_end, record_end = record
    status = _STATUS_FIELD.search(text, key_end, record_end)
    return _status_category(status.group(1)) if status else None


def record_text(text: str, start: int, end: int) -> str | None:
    """The whole case-system record ("Ydelse: …", "Bevilget periode: …", "Status: …") naming [start, end)."""
    record = _record(text, *_line_bounds(text, start, end))
    return text[record[0]:record[2]] if record else None


def apply_field_status(flags: ContextFlags, text: str, start: int, end: int) -> None:
    """A record's or table row's status field decides over the words of its line."""
    category = field_status(text, start, end)
    if category is None:
        return
    setattr(flags, category, True)
    if category != "decision":
        flags.decision = False
    flags.triggers.append(f"felt_status:{category}")

"""Whose measure is it? Relatives the case names, resolved across all its documents.

The context rules see one sentence at a time: "Mikkel blev anbragt på Solgården i august" reads as
a granted placement unless one knows that Mikkel is the child's brother. The case's own documents
say so ("Søskende: Mikkel, 14 år", "storebror Mikkel", "Mikkel (bror)", "Mor: Camilla Kjær"). A
granted mention whose sentence names such a relative, and neither names nor refers to the child,
is the relative's measure, not the child's (applied in `pipeline.case_context`).
"""
from __future__ import annotations

import re

from pipeline.pii import first_names
from pipeline.types import DocumentText

_NAME = r"([A-ZÆØÅ][a-zæøåé]+)"
_RELATIVE = (r"(?:(?:store|lille|halv|tvillinge|ældre\s+|yngre\s+)?(?:bror|broder|søster)(?:en|s)?|"
             r"(?:halv)?søskende(?:ne)?|mor|moder(?:en)?|far|fader(?:en)?|stedfar|stedmor|papfar|bonusfar)")
# "storebror Mikkel", "Søskende: Mikkel, 14 år", "Mor: Camilla Kjær", "broderen, Mikkel,"
# A comma apposition needs a full name ("mor, Anne Jensen"), so a list "mor, Ida og far" names nobody.
_RELATIVE_THEN_NAME = re.compile(
    rf"\b{_RELATIVE}\b(?:\s*:\s*|[ \t]+|,[ \t]+(?=(?-i:[A-ZÆØÅ]\w+[ \t]+[A-ZÆØÅ])))(?-i:{_NAME})", re.IGNORECASE)
# "Mikkel (bror)", "Mikkel, 14 år, (halvbror)", "Mikkel, barnets storebror"
_NAME_THEN_RELATIVE = re.compile(
    rf"\b(?-i:{_NAME})\s*(?:,\s*\d{{1,2}}\s*år\s*)?[,(][\s,(]*(?:\d{{1,2}}\s*år[,;]?\s*)?(?:barnets\s+|hans\s+|hendes\s+|"
    rf"drengens\s+|pigens\s+)?{_RELATIVE}\b", re.IGNORECASE)
# "Barnets navn: Ida", "Vedr.: Ida Kjær, CPR ...", "Barn: Ida"
_CHILD_LABEL = re.compile(rf"\b(?:barnets navn|barnet|barn|vedr\.?|vedrørende|den unge|ung|navn)\s*:\s*(?-i:{_NAME})",
                          re.IGNORECASE)
_CHILD_WORDS = re.compile(r"\b(?:barnet|barnets|drengen|drengens|pigen|pigens|den unge|den unges)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-ZÆØÅ][a-zæøåé]+\b")


def case_people(docs: list[DocumentText]) -> tuple[frozenset[str], frozenset[str]]:
    """(first names of relatives, first names of the child) as the case's documents introduce them."""
    known = first_names()
    relatives: set[str] = set()
    child: set[str] = set()
    for doc in docs:
        for text in doc.pages:
            for m in _RELATIVE_THEN_NAME.finditer(text):
                relatives.add(m.group(1))
            for m in _NAME_THEN_RELATIVE.finditer(text):
                relatives.add(m.group(1))
            for m in _CHILD_LABEL.finditer(text):
                child.add(m.group(1))
    return frozenset(n for n in relatives - child if n in known), frozenset(child)


def names_relative_only(sentence: str, relatives: frozenset[str], child: frozenset[str]) -> bool:
    """The sentence names a relative of the child and neither the child's name nor a word for the child."""
    if not relatives:
        return False
    words = _CAPITALISED.findall(sentence)
    names = set(words) | {w.removesuffix("s") for w in words}       # "Mikkels anbringelse"
    return bool(names & relatives) and not (names & child) and not _CHILD_WORDS.search(sentence)

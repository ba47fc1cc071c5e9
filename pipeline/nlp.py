"""The Danish NLP pipeline: blank `da` + lookup lemmas + sentences + sections + lexicon matches + context.

Every component is registered by name (`Language.factory`) and loads its data when the pipeline is
built, never at import. Build once per run with `build_nlp()` and feed pages through `nlp.pipe`.
"""
from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

import numpy
import spacy
from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.strings import StringStore, hash_string
from spacy.tokens import Doc

from pipeline.context import ContextFlags, SentenceTriggers, load_context
from pipeline.lexicon import Mention, load_lexicon
from pipeline.sections import load_sections, section_at

# Short forms whose final dot never ends a sentence (spaCy's da exceptions cover most; these are case-file ones).
ABBREVIATIONS = ("sgb.", "rådg.", "mdr.", "ift.", "pga.", "mht.", "tlf.", "evt.", "bl.a.", "jf.", "f.eks.",
                 "ca.", "kl.", "stk.", "nr.", "d.", "pkt.", "ang.", "vedr.", "inkl.", "ekskl.", "hhv.", "dvs.",
                 "f.", "ml.", "m.fl.", "mv.", "osv.", "s.", "bl.", "hr.", "fr.", "v.", "jan.", "feb.", "apr.",
                 "jun.", "jul.", "aug.", "sep.", "sept.", "okt.", "nov.", "dec.")
_ABBREVIATION_SET = frozenset(ABBREVIATIONS)
_SHORT_LINE = 60
_LIST_STARTS = frozenset("-•*☐☒☑□▪–")
# A boundary: sentence punctuation, then space and a character that is not lower case; or a line break.
_FORM_LINE = re.compile(r"\.{4,}|[☐☒☑□]|\s\|\s")   # a form line (dot leader, checkbox, table row) is never wrapped prose
_BOUNDARY = re.compile(r"(?P<punct>[.!?]+)[\"')]?[ \t]+(?=[^\sa-zæøå])|(?P<nl>[ \t]*\n[ \t\n]*)")


@dataclass
class ContextualMention:
    mention: Mention
    sent_start: int
    sent_end: int
    flags: ContextFlags
    section: str


def _lemma_table() -> dict[str, str]:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "da_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


class LookupLemmatizer:
    """spacy-lookups-data's Danish table; unknown words fall back to their lower-case form.

    Works on hash arrays (`to_array`/`from_array`): creating a Token object per word was the
    largest cost of the pipeline. Only the lemma strings go into the StringStore.
    """

    def __init__(self, strings: StringStore) -> None:
        by_hash = {hash_string(word): strings.add(lemma) for word, lemma in _lemma_table().items()}
        keys = numpy.fromiter(by_hash.keys(), dtype=numpy.uint64, count=len(by_hash))
        values = numpy.fromiter(by_hash.values(), dtype=numpy.uint64, count=len(by_hash))
        order = numpy.argsort(keys)
        self.keys, self.values = keys[order], values[order]

    def _lookup(self, hashes: numpy.ndarray, default: numpy.ndarray) -> numpy.ndarray:
        idx = numpy.minimum(numpy.searchsorted(self.keys, hashes), len(self.keys) - 1)
        return numpy.where(self.keys[idx] == hashes, self.values[idx], default)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, LOWER])
        orth, lower = arr[:, 0], arr[:, 1]
        lemmas = self._lookup(orth, self._lookup(lower, lower))  # the exact form first, then lower case
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


def sentence_starts(text: str) -> list[int]:
    """Char offsets where a sentence starts (always including 0).

    Abbreviations, ordinals ("d. 12. marts") and "§ 50-us." keep their dot; a single line break
    ends a sentence only after a short line (heading, checkbox) or a line ending in punctuation,
    because PDF text wraps sentences with hard breaks.
    """
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        if m.group("punct"):
            if m.group("punct").startswith("...."):
                continue           # a dot leader ("Familiebehandling ........ ☒ Bevilget"), not an ending
            word = text[text.rfind(" ", 0, m.start("punct")) + 1:m.end("punct")].lower().lstrip("(")
            if word in _ABBREVIATION_SET or word.endswith("-us."):
                continue
        elif m.group("nl").count("\n") < 2:
            line = text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()
            nxt = text[m.end():m.end() + 1]
            wrapped = len(line) >= _SHORT_LINE and not line.endswith((":", ".", "!", "?")) and not _FORM_LINE.search(line)
            if line and wrapped and nxt not in _LIST_STARTS:
                continue
        if m.end() < len(text) and m.end() != starts[-1]:
            starts.append(m.end())
    return starts


class DanishSentencizer:
    """Stores sentence char bounds in `doc._.sentences` and sets token `is_sent_start` from them.

    Works on the text with one regex: a per-token loop was the slowest part of the pipeline.
    """

    def __call__(self, doc: Doc) -> Doc:
        if doc._.text is None:
            doc._.text = doc.text
        starts = sentence_starts(doc._.text)
        doc._.sentences = starts
        if len(doc):
            # One array write instead of a Token object per sentence start.
            flags = numpy.full(len(doc), -1, dtype=numpy.int64)
            first_tokens = numpy.searchsorted(doc.to_array("IDX"), starts)
            flags[first_tokens[first_tokens < len(doc)]] = 1
            doc.from_array([SENT_START], flags.astype(numpy.uint64).reshape(-1, 1))
        return doc


def sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Char offsets of the sentence(s) holding [start, end)."""
    starts: list[int] = doc._.sentences
    first = bisect_right(starts, start) - 1
    last = bisect_right(starts, max(start, end - 1))
    return starts[first], starts[last] if last < len(starts) else len(doc._.text)


@Language.factory("da_lookup_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp.vocab.strings)


@Language.factory("da_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> DanishSentencizer:
    return DanishSentencizer()


@Language.factory("case_sections")
def make_sections(nlp: Language, name: str):
    rules = load_sections()

    def case_sections(doc: Doc) -> Doc:
        doc._.sections = rules.find(doc._.text)
        return doc

    return case_sections


@Language.factory("intervention_matcher")
def make_matcher(nlp: Language, name: str):
    lexicon = load_lexicon()

    def intervention_matcher(doc: Doc) -> Doc:
        doc._.mentions = lexicon.find(doc._.text)
        return doc

    return intervention_matcher


@Language.factory("mention_context")
def make_context(nlp: Language, name: str):
    rules = load_context()

    def mention_context(doc: Doc) -> Doc:
        text = doc._.text
        found = []
        scanned: dict[tuple[int, int], SentenceTriggers] = {}
        for mention in doc._.mentions:
            sent_start, sent_end = sentence_bounds(doc, mention.start, mention.end)
            key = (sent_start, sent_end)
            if key not in scanned:
                scanned[key] = rules.scan(text[sent_start:sent_end])
            flags = rules.flags(scanned[key], mention.start - sent_start, mention.end - sent_start)
            rules.inherit_list_intro(flags, text, sent_start)
            section = section_at(doc._.sections, mention.start)
            if section == "klagevejledning":
                flags.boilerplate = True
                flags.triggers.append("section_klagevejledning")
            found.append(ContextualMention(mention, sent_start, sent_end, flags, section))
        doc._.contexts = found
        return doc

    return mention_context


def _register_extensions() -> None:
    for attr in ("text", "mentions", "sections", "contexts", "sentences"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)


class TextKeepingTokenizer:
    """Wraps the tokenizer and keeps the input string on the doc: `Doc.text` rebuilds it from tokens on every access."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc._.text = text
        return doc


def build_nlp() -> Language:
    """The one screening pipeline (blank Danish; nothing is downloaded)."""
    _register_extensions()
    nlp = spacy.blank("da")
    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    for name in ("da_lookup_lemmatizer", "da_sentencizer", "case_sections", "intervention_matcher", "mention_context"):
        nlp.add_pipe(name)
    return nlp

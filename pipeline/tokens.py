"""Tokens made in one process and rebuilt in another.

spaCy's tokenizer is about a third of the screening's time. The process that reads a chunk of cases
back (`pipeline.case_texts`) has time to spare while the flow screens the chunk before, so it
tokenizes there and sends only where each token starts and whether a space follows it; the flow
rebuilds the `Doc` from the text it has anyway, about seven times faster than tokenizing it.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import IDX, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.nlp import blank_danish


@dataclass(frozen=True)
class TokenBounds:
    """Where each token of a page starts, and whether one space follows it (spaCy's `whitespace_`)."""
    starts: np.ndarray    # uint32, one per token
    spaces: np.ndarray    # bool, one per token
    checksum: int         # CRC-32 of the page's text: bounds are only used for the text they were made from


@lru_cache(maxsize=1)
def _tokenizer():
    return blank_danish().tokenizer


def token_bounds(text: str) -> TokenBounds:
    arr = _tokenizer()(text).to_array([IDX, SPACY])
    return TokenBounds(starts=arr[:, 0].astype(np.uint32), spaces=arr[:, 1].astype(bool), checksum=_crc(text))


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def rebuild(vocab: Vocab, text: str, bounds: TokenBounds) -> Doc | None:
    """The tokenized `Doc` of `text`; None when the bounds were made from another text."""
    if bounds.checksum != _crc(text):
        return None
    starts = bounds.starts.astype(np.int64)
    if not len(starts):
        return None if text else Doc(vocab, words=[])
    ends = np.append(starts[1:], len(text)) - bounds.spaces
    if starts[0] != 0 or np.any(ends <= starts):
        return None
    words = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    return Doc(vocab, words=words, spaces=bounds.spaces.tolist())

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp import blank_danish
from pipeline.screen import Screener
from pipeline.tokens import TokenBounds, rebuild, token_bounds
from pipeline.types import DocumentText

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NLP = blank_danish()


def _same_tokens(text: str) -> None:
    made = rebuild(NLP.vocab, text, token_bounds(text))
    direct = NLP.tokenizer(text)
    assert made is not None
    assert [(t.text, t.whitespace_) for t in made] == [(t.text, t.whitespace_) for t in direct]
    assert made.text == text


def test_rebuilt_tokens_equal_the_tokenizer_on_hand_written_samples():
    files = sorted(SAMPLES.glob("tuning*/*/*.txt"))[:150]
    assert files
    for path in files:
        _same_tokens(path.read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab æøå§.,;:-/()\n\t  12☒☐\"'")), max_size=80))
def test_rebuilt_tokens_equal_the_tokenizer_on_any_text(text):
    _same_tokens(text)


def test_bounds_of_another_text_are_refused():
    bounds = token_bounds("Der er bevilget aflastning.")
    assert rebuild(NLP.vocab, "Noget helt andet her, ja.", bounds) is None
    assert rebuild(NLP.vocab, "x", TokenBounds(np.array([1], dtype=np.uint32), np.array([False]), 0)) is None
    assert rebuild(NLP.vocab, "Der er bevilget aflastning.", token_bounds("andet")) is None


def test_screening_with_tokens_made_elsewhere_finds_the_same():
    docs = [DocumentText(case_id=p.parent.name, document_id=str(i), pages=[p.read_text(encoding="utf-8")])
            for i, p in enumerate(sorted(SAMPLES.glob("tuning4/X-00*/*.txt")))]
    tokens = {(d.document_id, 1): token_bounds(d.pages[0]) for d in docs}
    tokens[docs[0].document_id, 1] = token_bounds("andet")     # a wrong one is tokenized afresh
    screener = Screener()
    plain = screener.screen(docs)
    assert plain
    assert screener.screen(docs, tokens=tokens) == plain

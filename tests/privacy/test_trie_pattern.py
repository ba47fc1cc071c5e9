"""The role triggers' prefix-tree alternation matches exactly what the plain alternation matched."""
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.pii import _trigger_to_role, trie_pattern


def plain(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def matches(pattern: str, text: str) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in re.finditer(pattern, text)]


@settings(max_examples=300, deadline=None)
@given(words=st.sets(st.text(alphabet="abø ", min_size=1, max_size=5), min_size=1, max_size=12),
       text=st.text(alphabet="abøAB ,.", max_size=60))
def test_same_matches_as_the_plain_alternation(words, text) -> None:
    # as the introductions use it: case-insensitive, followed by more pattern that can force backtracking
    for wrap in ("(?i:({}))", r"\b({})\b", "({}),? B"):
        assert matches(wrap.format(trie_pattern(words)), text) == matches(wrap.format(plain(words)), text)


def test_same_matches_with_the_real_triggers_on_the_hand_written_samples() -> None:
    triggers = _trigger_to_role()
    name = r"([A-ZÆØÅ]\w*(?:[ \t]+[A-ZÆØÅ]\w*){0,3})"
    appos = r"(?i:\b(?:barnets\s+|[A-ZÆØÅ]\w+s\s+)?(ALT))(?:[ \t]*,[ \t]*|[ \t]+)" + name
    fast = re.compile(appos.replace("ALT", trie_pattern(triggers)))
    slow = re.compile(appos.replace("ALT", plain(triggers)))
    files = sorted((Path(__file__).resolve().parents[2] / "samples").glob("tuning*/*/*.txt"))
    assert len(files) > 300
    found = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        got = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in slow.finditer(text)], path
        found += len(got)
    assert found > 100

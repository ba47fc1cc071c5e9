"""Property tests: no CPR-shaped string survives, pseudonymising is idempotent, evidence offsets survive."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.pii import is_cpr
from pipeline.pseudonymize import CasePseudonymizer, scrub

CPR_SHAPE = re.compile(r"(?<!\d)(\d{6})[- ]?(\d{4})(?!\d)")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def cpr_shaped(text: str) -> list[str]:
    return [m.group() for m in CPR_SHAPE.finditer(text) if is_cpr(m.group(1) + m.group(2))]


@st.composite
def cprs(draw):
    digits = draw(st.from_regex(r"\A(0[1-9]|1[0-9]|2[0-8])(0[1-9]|1[0-2])[0-9]{2}[0-9]{4}\Z"))
    sep = draw(st.sampled_from(["", "-", " "]))
    return digits[:6] + sep + digits[6:]


FRAGMENTS = [
    "Emil", "Anne Jensen", "Jensen", "mor", "Mor", "far,", "Barnet", "Person", "1", "Søster", "Per", "Lykke",
    "Familiehuset", "plejefamilie", "§ 52", "stk. 3", "nr. 7", "aflastning", "Skovvej 12", "8000 Aarhus C",
    "tlf.", "22334455", "12 34 56 78", "anne@example.dk", "J.nr.", "2023-00123", "født", "010115", ".", ",", ":",
    "\n", "Med venlig hilsen\n", "Socialrådgiver", "Mette Holm", "Emils", "Hansen-familien", "den", "2023",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), cprs(), st.text(alphabet="0123456789- .aBæ\n", max_size=12)),
                 max_size=25).map(" ".join)
mixed = st.one_of(texts, st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=60))


def learned_case() -> CasePseudonymizer:
    case = CasePseudonymizer("sag-prop", b"p" * 32)
    case.learn("Barnets navn: Emil Hansen. Mor, Anne Jensen. Med venlig hilsen\nMette Holm\nSocialrådgiver")
    return case


@SETTINGS
@given(st.lists(st.one_of(texts, cprs()), min_size=1, max_size=4).map(" ".join))
def test_no_cpr_survives_apply(text):
    case = learned_case()
    assert cpr_shaped(case.apply(text)) == []


@SETTINGS
@given(st.one_of(mixed, cprs()))
def test_no_cpr_survives_scrub(text):
    assert cpr_shaped(scrub(text)) == []


@SETTINGS
@given(mixed)
def test_apply_is_idempotent(text):
    case = learned_case()
    once = case.apply(text)
    assert case.apply(once) == once


@SETTINGS
@given(mixed)
def test_scrub_is_idempotent(text):
    once = scrub(text)
    assert scrub(once) == once


EVIDENCE = ["familiebehandling efter § 52, stk. 3, nr. 3", "aflastning hver anden weekend",
            "anbragt i plejefamilie", "opfølgning på handleplanen"]


@SETTINGS
@given(texts, st.sampled_from(EVIDENCE), texts)
def test_offsets_point_at_the_same_evidence(before, evidence, after):
    text = f"{before} {evidence} {after}"
    start = len(before) + 1
    out, to_new = learned_case().apply_with_offsets(text)
    new_start, new_end = to_new.span(start, start + len(evidence))
    assert out[new_start:new_end] == evidence

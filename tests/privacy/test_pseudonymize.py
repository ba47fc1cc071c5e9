"""Role-consistent pseudonyms within a case, keyed numbering, paths, scrubbing and owner-only files."""
import logging
import stat

import pytest

from pipeline.pii import roles
from pipeline.pseudonymize import (
    CasePseudonymizer,
    PseudonymizingLogFilter,
    load_key,
    owner_only,
    restrict_to_owner,
    scrub,
    write_private_text,
)

KEY = b"k" * 32
CASE_DOCS = [
    "Barnets navn: Emil Hansen, cpr 010115-1234.\nMor, Anne Jensen, bor på Skovvej 12, 8000 Aarhus C.\n"
    "Far: Ole Hansen. Lillesøster Ida Hansen går i børnehave.",
    "Anne fortæller, at Emil har det svært. Ole har ikke set Emil i to måneder. Emils skole er bekymret.\n"
    "Mødet med klasselærer Karen Nielsen. Jensen oplyser, at Birgitte Lund og Jens Poulsen kommer.\n"
    "Med venlig hilsen\nMette Holm\nSocialrådgiver",
]


@pytest.fixture
def case():
    pseudonymizer = CasePseudonymizer("sag-001", KEY)
    for doc in CASE_DOCS:
        pseudonymizer.learn(doc)
    return pseudonymizer


@pytest.mark.parametrize("text, expected", [
    ("Emil Hansen", "Barnet"),
    ("Emil har det godt.", "Barnet har det godt."),
    ("Emils skole", "Barnets skole"),
    ("Anne ringede.", "Mor ringede."),
    ("Jensen oplyser", "Mor oplyser"),
    ("Ole Hansen kom.", "Far kom."),
    ("Ida leger.", "Søster 1 leger."),
    ("Karen Nielsen underviser.", "Lærer 1 underviser."),
    ("Mette Holm skrev notatet.", "Sagsbehandler 1 skrev notatet."),
    ("Hansen-familien", "[NAVN]-familien"),          # the surname is shared by three people
    ("MOR: ANNE JENSEN", "MOR: Mor"),
    ("Tlf. 22334455, anne@example.dk", "Tlf. [TLF], [EMAIL]"),
])
def test_roles_are_consistent_across_documents(case, text, expected):
    assert case.apply(text) == expected


def test_unknown_people_are_numbered_and_stable_across_runs(case):
    first = case.apply("Birgitte Lund og Jens Poulsen")
    again = CasePseudonymizer("sag-001", KEY)
    for doc in reversed(CASE_DOCS):
        again.learn(doc)
    assert sorted(first.split(" og ")) == ["Person 1", "Person 2"]
    assert again.apply("Birgitte Lund og Jens Poulsen") == first


def test_numbering_depends_on_key():
    orders = set()
    for key in (bytes([i]) * 32 for i in range(12)):
        p = CasePseudonymizer("sag-001", key)
        for doc in CASE_DOCS:
            p.learn(doc)
        orders.add(p.apply("Birgitte Lund"))
    assert orders == {"Person 1", "Person 2"}


def test_newcomer_after_learning_gets_next_number(case):
    case.apply("Birgitte Lund")
    assert case.apply("Hanne Kristensen kom også.") == "Person 3 kom også."
    assert case.apply("Hanne Kristensen") == "Person 3"


def test_role_pseudonyms_are_never_names_themselves():
    text = " ".join(f"{role} 1 og {role} talte med {role}s mor." for role in roles())
    assert CasePseudonymizer("x", KEY).apply(text) == text


def test_apply_path_keeps_extension_dates_and_folders(case):
    got = case.apply_path("Emil_Hansen/2023-03-01_underretning_anne jensen_010115-1234.pdf")
    assert got == "Barnet/2023-03-01_underretning_Mor_CPR.pdf"


def test_offsets_map_evidence(case):
    text = "Mor, Anne Jensen, har fået familiebehandling efter § 52, stk. 3, nr. 3."
    start = text.index("familiebehandling")
    out, to_new = case.apply_with_offsets(text)
    assert out[to_new(start):to_new(start + len("familiebehandling"))] == "familiebehandling"
    name_start, name_end = to_new.span(text.index("Anne") + 2, text.index("Jensen") + 3)
    assert out[name_start:name_end] == "Mor"


def test_scrub_without_case_knowledge():
    line = "Kunne ikke læse fil for Anne Jensen (010115-1234), Skovvej 12, tlf 22334455, anne@x.dk"
    assert scrub(line) == "Kunne ikke læse fil for [NAVN] ([CPR]), [ADRESSE], tlf [TLF], [EMAIL]"


def test_log_filter_scrubs_message_args_and_traceback(caplog):
    logger = logging.getLogger("test.privacy")
    logger.addFilter(PseudonymizingLogFilter())
    try:
        with caplog.at_level(logging.INFO, logger="test.privacy"):
            try:
                raise ValueError("fejl for cpr 010115-1234")
            except ValueError:
                logger.exception("Dokument for %s fejlede", "Anne Jensen")
    finally:
        logger.filters.clear()
    text = caplog.text
    assert "Anne" not in text and "010115" not in text
    assert "Dokument for [NAVN] fejlede" in text and "[CPR]" in text


def test_load_key_creates_owner_only_key_and_reuses_it(tmp_path):
    path = tmp_path / "secret" / "pseudonym.key"
    key = load_key(path)
    assert len(key) == 32 and load_key(path) == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_load_key_rejects_wrong_length(tmp_path):
    path = tmp_path / "short.key"
    path.write_bytes(b"abc")
    with pytest.raises(ValueError, match="32 bytes"):
        load_key(path)


def test_owner_only_files(tmp_path):
    with owner_only():
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "cases.csv").write_text("x")
    assert stat.S_IMODE((tmp_path / "out" / "cases.csv").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o700
    loose = tmp_path / "loose.txt"
    loose.write_text("x")
    loose.chmod(0o644)
    restrict_to_owner(loose)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600
    write_private_text(tmp_path / "report.html", "<p>ok</p>")
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o600

"""Detection of personal data in Danish sentences: what must be found, and what must stay."""
import pytest

from pipeline.pii import find_introductions, find_pii, is_cpr


def _found(text, known=()):
    return [(s.kind, s.text) for s in find_pii(text, known)]


@pytest.mark.parametrize("digits, valid", [
    ("0101151234", True),
    ("3112991234", True),
    ("2902004123", True),     # 29 Feb 2000: the 7th digit 4 puts yy=00 in 2000, a leap year
    ("2902001123", False),    # 7th digit 1 puts it in 1900, which was not a leap year
    ("3002151234", False),    # 30 February never exists
    ("3204151234", False),    # day 32
    ("0113151234", False),    # month 13
    ("0101151235", True),     # fails modulus 11 and is still valid (issued since 2007)
])
def test_cpr_date_validation(digits, valid):
    assert is_cpr(digits) is valid


@pytest.mark.parametrize("text, expected", [
    ("CPR-nr.: 010115-1234", [("cpr", "010115-1234")]),
    ("Barnet har cpr 0101151234 i systemet.", [("cpr", "0101151234")]),
    ("cpr 010115 1234 oplyst af mor", [("cpr", "010115 1234")]),
    ("Emil, født 010115, bor hos mor.", [("name", "Emil"), ("cpr", "010115")]),
    ("Pigen er født den 03.04.2016.", [("cpr", "03.04.2016")]),
    ("Cpr.nr. 310215-1234 (forkert dato, men mærket som cpr)", [("cpr", "310215-1234")]),
    ("Cpr: 010115-xxxx", [("cpr", "010115-xxxx")]),
])
def test_cpr_positive(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "Beløbet er 3102151234 kr. i alt",          # not a date -> not a CPR
    "Mødet var den 01.02.2023 kl. 10.",
    "Bevilget efter § 52, stk. 3, nr. 7 fra 2023-01-01 til 2023-12-31.",
    "Version 12.34.56.78 af skemaet",
])
def test_not_cpr_or_phone(text):
    assert [k for k, _ in _found(text) if k in ("cpr", "phone")] == []


@pytest.mark.parametrize("text, expected", [
    ("Ring på tlf. 12 34 56 78", ("phone", "12 34 56 78")),
    ("Mobil: 23456789", ("phone", "23456789")),
    ("Mors nummer er +45 87654321.", ("phone", "+45 87654321")),
    ("Kontakt 0045 2233 4455 efter kl. 12", ("phone", "0045 2233 4455")),
    ("Skriv til anne.jensen@example.dk i dag", ("email", "anne.jensen@example.dk")),
    ("J.nr. 27.24.00-G01-12-23", ("journal", "27.24.00-G01-12-23")),
    ("Sagsnr.: 2023-00123", ("journal", "2023-00123")),
    ("Journalnummer: BFU-2023-0042.", ("journal", "BFU-2023-0042")),
    ("Familien bor på Skovvej 12, 2. tv, i byen.", ("address", "Skovvej 12, 2. tv")),
    ("Adresse: Nørregade 4B", ("address", "Nørregade 4B")),
    ("8000 Aarhus C", ("address", "8000 Aarhus C")),
    ("Hun er flyttet til Strøget 7 i centrum.", ("address", "Strøget 7")),
])
def test_contact_and_case_numbers(text, expected):
    assert expected in _found(text)


@pytest.mark.parametrize("text, name", [
    ("Barnets navn: Emil Hansen", "Emil Hansen"),
    ("Samtale med mor, Anne Jensen, om skolen.", "Anne Jensen"),
    ("Emil går i 3. klasse.", "Emil"),
    ("Mødet blev aflyst, da Fatima Yilmaz var syg.", "Fatima Yilmaz"),
    ("Mor Xyla Qwertz deltog.", "Xyla Qwertz"),                     # unknown to the gazetteer, introduced by role
    ("Der var møde hos Per i går.", "Per"),                          # ambiguous word, but mid-sentence capital
    ("Socialrådgiver Mette Holm deltog.", "Mette Holm"),
    ("Anne-Marie Hansen-Møller er plejemor.", "Anne-Marie Hansen-Møller"),
    ("Vi talte med Jensen om aftalen.", "Jensen"),
    ("Lykke Skov ringede.", "Lykke Skov"),                           # two ambiguous words together are a name
    ("Plejemor: Birgitte Lund", "Birgitte Lund"),
    ("Barnet bor hos Ali.", "Ali"),
    ("Mødet 12/3 med PPR-psykolog Jens.", "Jens"),
    ("Familiebehandler Lone fra Familiehuset.", "Lone"),
])
def test_names_positive(text, name):
    assert ("name", name) in _found(text)


def test_known_name_not_in_gazetteer_is_found_everywhere():
    assert ("name", "Qwertz") in _found("Det oplyste Qwertz selv.", known=["Xyla Qwertz"])


@pytest.mark.parametrize("text", [
    "Barnet er anbragt i Plejefamilie efter Barnets Lov § 46.",
    "Familiehuset tilbyder familiebehandling.",
    "Socialrådgiver deltog ikke.",
    "Mor og Far var til stede. Barnet sagde ingenting.",
    "Per uge er der to besøg.",
    "Lykke er vigtigt for barnet.",
    "August 2023: aflastning bevilget.",
    "Kolding Kommune har truffet afgørelse.",
    "Handleplan\nOpfølgning\nVurdering af indsatsen",
    "Mødet blev holdt i marts 2023 Barnet deltog.",
    "Efter mødet ringede mor.",
    "Person 1 og Søster 2 talte med Sagsbehandler 1.",
    "Vurdering 2: Børnehave 3 dage om ugen, Bilag 4.",
    "Hans mor oplyser, at drengen har det godt. Din søn trives.",
    "Familiebehandling med Marte Meo og PMTO.",
    "Stilling: elev. Sund kost er vigtigt.",
    "Der var 12 deltagere i 2022 2023 og 1500 kroner til transport.",
    "Børne- og Ungeudvalget (BUU) traf afgørelse efter Barnets Lov § 47.",
    "Netværksmøde med Mormor og Morfar; Jul og Påske holdes hos Farmor.",
    "Herning Kommune har bevilget aflastning på Opholdsstedet Bakkely.",
    "Hun går til Spejder i Viborg og taler Arabisk og Dansk.",
    "Familien har boet i Tyrkiet og Syrien.",
    "Mandag den 3. marts kl. 10.00 var der møde.",
])
def test_must_not_mask(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, role, name", [
    ("Barnets navn: Emil Hansen", "Barnet", "Emil Hansen"),
    ("Samtale med mor, Anne Jensen.", "Mor", "Anne Jensen"),
    ("Far: Ole Hansen", "Far", "Ole Hansen"),
    ("Lillesøster Ida er 4 år.", "Søster", "Ida"),
    ("Storebror Oscar går i skole.", "Bror", "Oscar"),
    ("Ole Hansen (far) deltog.", "Far", "Ole Hansen"),
    ("Plejefar Bent Lund henter barnet.", "Plejefar", "Bent Lund"),
    ("Med venlig hilsen\nMette Holm\nSocialrådgiver", "Sagsbehandler", "Mette Holm"),
    ("Med venlig hilsen\n\nKaren Nielsen, familiebehandler", "Familiebehandler", "Karen Nielsen"),
])
def test_introductions(text, role, name):
    assert (role, name) in [(i.role, i.name) for i in find_introductions(text)]


def test_spans_are_sorted_and_disjoint():
    text = "Mor, Anne Jensen, Skovvej 12, 8000 Aarhus C, tlf. 12345678, cpr 010115-1234, anne@x.dk"
    spans = find_pii(text)
    assert [s.kind for s in spans] == ["name", "address", "address", "phone", "cpr", "email"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_plural_role_introduces_both_names():
    intros = find_introductions("Plejeforældre: Hanne Krogh og Bent Krogh, Lærkevej 3.")
    assert [(i.role, i.name) for i in intros] == [("Plejeforælder", "Hanne Krogh"), ("Plejeforælder", "Bent Krogh")]


@pytest.mark.parametrize("text, expected", [
    ("MOR: ANNE JENSEN", [("name", "ANNE JENSEN")]),
    ("Vurderet af psykolog, AST og BUU.", []),
    ("PPR og KLK deltog.", []),
])
def test_capital_letters(text, expected):
    assert _found(text) == expected

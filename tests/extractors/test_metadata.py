from __future__ import annotations

from datetime import date

import pytest

from extractors.metadata import DOC_TYPES, detect_doc_date, detect_doc_type


@pytest.mark.parametrize(("text", "filename", "expected"), [
    ("Handleplan\nDato: 12.03.2021\nPeriode 01.01.2020-31.12.2020", "plan.pdf", date(2021, 3, 12)),
    ("Journalnotat\nTelefonsamtale 12/3-21 med mor", "notat.docx", date(2021, 3, 12)),
    ("Referat af netværksmøde d. 12. marts 2021", "referat.docx", date(2021, 3, 12)),
    ("Statusudtalelse\nUdarbejdet den 4. okt. 2022", "status.pdf", date(2022, 10, 4)),
    ("Opfølgning på barnets plan", "2023-04-12 Handleplan.pdf", date(2023, 4, 12)),
    # a labelled date wins over the file name and over earlier unlabelled dates
    ("Periode 01.01.2020\nDato: 05.06.2021", "2023-04-12 x.pdf", date(2021, 6, 5)),
    # a birth date is not the document's date
    ("Emil, født 03.02.2015, går i 1. klasse.", "notat.txt", None),
    # impossible dates are not dates
    ("Sagsnr. 31.02.2021 og 2021-13-40", "x.txt", None),
    ("Ingen dato her", "notat.txt", None),
])
def test_detect_doc_date(text: str, filename: str, expected: date | None) -> None:
    value, evidence = detect_doc_date(text, filename)
    assert value == expected
    assert evidence


@pytest.mark.parametrize(("text", "filename", "expected"), [
    ("Underretning vedr. Emil\nUnderretter: skolen", "doc1.pdf", "underretning"),
    ("Børnefaglig undersøgelse efter § 50\nSammenfattende vurdering", "x.pdf", "boernefaglig_undersoegelse"),
    ("Afdækning af barnets behov", "x.pdf", "afdaekning"),
    ("Handleplan\nOverordnet formål: trivsel\nDelmål: skole", "x.docx", "handleplan"),
    ("Ungeplan for Jonas", "x.docx", "handleplan"),
    ("Afgørelse om aflastning\nBegrundelse ...\nKlagevejledning", "x.pdf", "afgoerelse"),
    ("Statusudtalelse fra Familiehuset", "x.pdf", "statusudtalelse"),
    ("Opfølgning på handleplan\nIndsatsen fortsætter", "x.pdf", "opfoelgning"),
    ("Referat af netværksmøde\nDeltagere: mor, skole", "x.docx", "referat"),
    ("Telefonsamtale med mor om weekenden.", "journalnotat_2022.txt", "journalnotat"),
    ("Børnesamtale\nBarnet fortæller, at hun er glad for skolen.", "x.pdf", "boernesamtale"),
    ("Tilsynsbesøg på opholdsstedet", "x.pdf", "tilsynsrapport"),
    ("Emne: Mødetid\n\nHej, vi ses torsdag. Vedhæftet underretning.", "mail.eml", "email"),
    ("Emne: Underretning vedr. elev\n\nSkolen er bekymret.", "mail.eml", "underretning"),
    ("Kvittering for modtagelse.", "kvittering.pdf", "andet"),
    ("INDSTILLING TIL BØRN OG UNGE-UDVALGET\nForvaltningen indstiller, at udvalget træffer afgørelse om anbringelse.",
     "02_indstilling_buu.txt", "indstilling"),
    # plural headings, and file names without æ/ø/å beat a mention of another document in the text
    ("JOURNALNOTATER\n13.03.2024 Underretning fra skolen modtaget.", "x.txt", "journalnotat"),
    ("Viborg Kommune\nPia Bruun\nSkovparken 22\n8800 Viborg\n\nKære Pia\n" + "Tak for samtalen. " * 12
     + "Se børnefaglig undersøgelse af 29.06.2022.\nKlagevejledning", "03_afgoerelse.txt", "afgoerelse"),
])
def test_detect_doc_type(text: str, filename: str, expected: str) -> None:
    doc_type, evidence = detect_doc_type(text, filename)
    assert doc_type == expected
    assert doc_type in DOC_TYPES and evidence


def _unfiltered_type(text: str, filename: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    from extractors import metadata
    monkeypatch.setattr(metadata, "_TYPE_WORDS", [None] * len(metadata._TYPE_RULES))
    try:
        return detect_doc_type(text, filename)
    finally:
        monkeypatch.undo()


def test_required_words_are_in_every_match() -> None:
    from extractors.metadata import _TYPE_RULES, _TYPE_WORDS
    assert sum(words is not None for words in _TYPE_WORDS) == len(_TYPE_RULES)   # every rule is prefiltered
    for (_type, pattern, _weight), words in zip(_TYPE_RULES, _TYPE_WORDS, strict=True):
        for sample in ("Underretning vedr. Emil", "§ 50-undersøgelse", "AFDÆKNING", "Statusrapport",
                       "3-måneders status", "Deltagere: mor", "Barnets perspektiv", "barnet fortæller"):
            match = pattern.search(sample)
            if match:
                assert any(w in match.group(0).casefold() for w in words), (pattern.pattern, sample)


def test_prefiltered_type_equals_plain_search_on_the_hand_written_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "samples"
    files = sorted(root.glob("tuning*/*/*.txt"))
    assert len(files) > 300
    for path in files:
        text = path.read_text(encoding="utf-8")[:4000]
        assert detect_doc_type(text, path.name) == _unfiltered_type(text, path.name, monkeypatch), path

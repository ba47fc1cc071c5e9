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
])
def test_detect_doc_type(text: str, filename: str, expected: str) -> None:
    doc_type, evidence = detect_doc_type(text, filename)
    assert doc_type == expected
    assert doc_type in DOC_TYPES and evidence

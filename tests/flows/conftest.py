import io
from pathlib import Path

import pytest

CPR = "120315-4321"


def _pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = 800
    for line in text.splitlines():
        c.drawString(50, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def _docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def build_archive(root: Path) -> Path:
    """Three small cases with the formats of the first issue, a faulty file of each kind and a stray file."""
    a = root / "T-001"
    (a / "Afgørelser").mkdir(parents=True)
    (a / "Afgørelser" / "2023-02-01 Afgørelse.pdf").write_bytes(_pdf(
        "Afgørelse om anbringelse\nDato: 01.02.2023\n"
        f"Barnets navn: Emil Hansen, CPR-nr. {CPR}\n"
        "Forvaltningen har truffet afgørelse om anbringelse af Emil uden for hjemmet i plejefamilie\n"
        "efter barnets lov § 46 med forældrenes samtykke. Anbringelsen iværksættes pr. 15.02.2023."))
    (a / "2023-05-10 Opfølgning.txt").write_text(
        "Opfølgning 10.05.2023\nFormål med indsatsen: Emil skal trives i skolen.\n"
        "Vurdering: Målet om trivsel er delvist nået; skalering steg fra 3 til 6.\n"
        "Konklusion: Anbringelsen fortsætter uændret.\n", encoding="cp1252")
    (a / "tom.txt").write_bytes(b"")
    (a / "beskadiget.pdf").write_bytes(_pdf("Afgørelse")[:300])
    b = root / "T-002"
    b.mkdir()
    (b / "2022-09-01 Bevilling.docx").write_bytes(_docx(
        ["Bevilling af støtte", "Dato: 1. september 2022",
         "Der er truffet afgørelse om aflastning i en aflastningsfamilie hver anden weekend, jf. SEL § 52, stk. 3, nr. 5.",
         "Formålet med aflastningen er at give familien ro."],
        [["Indsats", "Leverandør", "Periode"], ["Kontaktperson", "Ungeteamet", "2022-2023"]]))
    (b / "2022-08-01 Journalnotat.txt").write_text(
        "Journalnotat 01.08.2022\nMor oplyser, at hun selv var anbragt som barn. "
        "Der er ikke grundlag for at anbringe barnet.\n", encoding="utf-8-sig")
    c = root / "T-003"
    c.mkdir()
    (c / "2021-03-12 Underretning.txt").write_text(
        "Underretning modtaget 12.03.2021 fra skolen.\nSagen afsluttes uden indsats; ansøgningen om "
        "familiebehandling afslås.\n", encoding="utf-8")
    (root / "Thumbs.db").write_bytes(b"\x00\x01junk")
    return root


@pytest.fixture
def small_archive(tmp_path):
    return build_archive(tmp_path / "arkiv")


@pytest.fixture
def pdf_bytes():
    return _pdf


@pytest.fixture
def planted_cpr():
    return CPR

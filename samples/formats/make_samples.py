"""Build the synthetic golden inputs in this folder (all names and facts are invented).

Run: .venv/bin/python samples/formats/make_samples.py
The builders are also used by tests/extractors and bench/extraction.py.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from email.message import EmailMessage
from pathlib import Path

import docx
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

HANDLEPLAN = [
    "Handleplan for Emil Testbarn",
    "Dato: 12.03.2021",
    "Overordnet formål: Emil skal trives i skolen og i hjemmet.",
    "Forvaltningen har bevilget familiebehandling efter § 52, stk. 3, nr. 3.",
    "Der er ikke grundlag for anbringelse uden for hjemmet på nuværende tids-",
    "punkt. Næste opfølgning sker om tre måneder.",
]
SCAN_LINES = [
    "Afgørelse om anbringelse",
    "Dato: 4. maj 2022",
    "Kommunen har besluttet anbringelse i plejefamilie",
    "med samtykke fra forældrene. Pigen får sin egen",
    "kontaktperson, og der følges op på trivsel i skolen.",
    "Søster og bror bor fortsat hjemme hos mor.",
]


def render_scan(lines: list[str], size: tuple[int, int] = (2480, 3508), font_px: int = 54) -> Image.Image:
    """A white A4 page at 300 dpi with the lines in black, as a scanner would deliver it."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, font_px)
    y = 250
    for line in lines:
        draw.text((200, y), line, font=font, fill=0)
        y += int(font_px * 1.8)
    return image


def _pdf_page_header(c: canvas.Canvas, number: int, total: int) -> None:
    c.setFont("Helvetica", 9)
    c.drawString(72, 800, "Fortroligt – Familieafdelingen")
    c.drawString(480, 40, f"Side {number} af {total}")


def text_pdf(pages: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number, lines in enumerate(pages, start=1):
        _pdf_page_header(c, number, len(pages))
        c.setFont("Helvetica", 11)
        y = 760
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return buffer.getvalue()


def table_pdf() -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 780, "Bevilgede indsatser")
    table = Table([["Indsats", "Leverandør", "Periode"],
                   ["Familiebehandling", "Familiehuset Nord", "01.02.2022-31.07.2022"],
                   ["Aflastning", "Plejefamilie Å", "01.03.2022-31.12.2022"]])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    table.wrapOn(c, 450, 200)
    table.drawOn(c, 72, 680)
    c.drawString(72, 640, "Indsatserne følges op hver tredje måned.")
    c.showPage()
    c.save()
    return buffer.getvalue()


def image_pdf(images: list[Image.Image | list[str]]) -> bytes:
    """PDF whose pages are either scanned images or text lines (a mixed PDF)."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    for page in images:
        if isinstance(page, Image.Image):
            png = io.BytesIO()
            page.save(png, format="PNG")
            png.seek(0)
            from reportlab.lib.utils import ImageReader
            c.drawImage(ImageReader(png), 0, 0, width=width, height=height)
        else:
            c.setFont("Helvetica", 11)
            y = 760
            for line in page:
                c.drawString(72, y, line)
                y -= 16
        c.showPage()
    c.save()
    return buffer.getvalue()


def sample_docx() -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Fortroligt – Familieafdelingen"
    section.footer.paragraphs[0].text = "Testkommune, Rådhuspladsen 1"
    document.add_heading("Barnets plan", level=1)
    document.add_paragraph("Dato: 2. februar 2024")
    document.add_paragraph("Formålet er, at Åse får ro og støtte i hverdagen.")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [["Indsats", "Leverandør", "Periode"],
                                        ["Kontaktperson", "Ungeteamet", "feb.-aug. 2024"],
                                        ["Praktisk pædagogisk støtte", "Familieteamet", "feb.-maj 2024"]],
                           strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Planen følges op senest 1. maj 2024.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def soffice_convert(data: bytes, suffix: str, target: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"in{suffix}"
        source.write_bytes(data)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", target, "--outdir", tmp, str(source)], check=True, capture_output=True,
                       timeout=180)
        return (Path(tmp) / f"in.{target.split(':')[0]}").read_bytes()


JOURNAL = ("Journalnotat 03.04.2022\n"
           "Telefonsamtale med mor. Mor fortæller, at Søren har det bedre i børnehaven.\n"
           "Sagsbehandler noterer, at aflastningen fortsætter – næste møde i maj.\n")


def sample_eml(attachment: bytes) -> bytes:
    message = EmailMessage()
    message["From"] = "skole@example.invalid"
    message["To"] = "familieafdeling@example.invalid"
    message["Subject"] = "Underretning vedr. elev i 3.B"
    message["Date"] = "Tue, 05 Apr 2022 10:15:00 +0200"
    message.set_content("Hej\n\nSkolen er bekymret for elevens fravær og trivsel.\nVenlig hilsen\nSkolelederen\n")
    message.add_attachment(attachment, maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="bilag_plan.docx")
    message.add_attachment(JOURNAL.encode("utf-8"), maintype="text", subtype="plain", filename="notat.txt")
    return message.as_bytes()


def build_all(folder: Path = HERE) -> None:
    write = lambda name, data: (folder / name).write_bytes(data)  # noqa: E731
    write("text.pdf", text_pdf([HANDLEPLAN, ["Mål: Emil kommer i skole hver dag.", "Delmål: Mødes med "
                                             "kontaktlæreren hver uge."]]))
    write("table.pdf", table_pdf())
    write("scanned.pdf", image_pdf([render_scan(SCAN_LINES)]))
    write("mixed.pdf", image_pdf([HANDLEPLAN, render_scan(SCAN_LINES)]))
    docx_bytes = sample_docx()
    write("plan.docx", docx_bytes)
    write("docx_named.pdf", docx_bytes)
    write("plan.odt", soffice_convert(docx_bytes, ".docx", "odt"))
    write("plan.rtf", soffice_convert(docx_bytes, ".docx", "rtf"))
    write("plan.doc", soffice_convert(docx_bytes, ".docx", "doc:MS Word 97"))
    write("journal_utf8.txt", JOURNAL.encode("utf-8"))
    write("journal_utf8_bom.txt", b"\xef\xbb\xbf" + JOURNAL.encode("utf-8"))
    write("journal_cp1252.txt", JOURNAL.replace("\n", "\r\n").encode("cp1252"))
    write("journal_latin1.txt", JOURNAL.replace("–", "-").encode("latin-1"))
    write("underretning.eml", sample_eml(docx_bytes))
    scan = render_scan(SCAN_LINES)
    png = io.BytesIO()
    scan.save(png, format="PNG")
    write("scan.png", png.getvalue())
    tiff = io.BytesIO()
    scan.save(tiff, format="TIFF", save_all=True, compression="tiff_lzw",
              append_images=[render_scan(["Side to af brevet", "Opfølgning på anbringelse i plejefamilie"])])
    write("scan_multi.tiff", tiff.getvalue())


if __name__ == "__main__":
    if shutil.which("soffice") is None:
        raise SystemExit("soffice mangler: installer libreoffice-writer")
    build_all()

"""Write a composed document as bytes in one file format, reproducibly (fixed timestamps and ids)."""
from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
import zipfile
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from .compose import Doc, doc_lines

FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_NAME = "DejaVuSans"
SCAN_DPI = 200


def _fixed_time(doc: Doc) -> datetime:
    return datetime(doc.when.year, doc.when.month, doc.when.day, 10, 0, 0, tzinfo=UTC)


def to_txt(doc: Doc, encoding: str) -> bytes:
    text = "\r\n".join(doc_lines(doc)).strip() + "\r\n"
    if encoding == "cp1252":
        # Ballot boxes do not exist in cp1252; old systems wrote them as brackets.
        return text.replace("☐", "[ ]").replace("☒", "[X]").encode("cp1252")
    if encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    return text.encode("utf-8")


@lru_cache(maxsize=1)
def _pdf_fonts() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    regular = FONT_DIR / "DejaVuSans.ttf"
    if not regular.exists():
        return "Helvetica"
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT_NAME + "-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return FONT_NAME


def _needs_unicode_font(doc: Doc) -> bool:
    try:
        "\n".join(doc_lines(doc) + [doc.header, doc.footer]).encode("cp1252")
    except UnicodeEncodeError:
        return True
    return False


def _font_for(doc: Doc) -> str:
    # Helvetica (not embedded) keeps most PDFs small; an embedded font only where glyphs like ☐/☒ need it.
    return _pdf_fonts() if _needs_unicode_font(doc) else "Helvetica"


def _pdf_flowables(doc: Doc) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
    font = _font_for(doc)
    bold = font + "-Bold" if font == FONT_NAME else "Helvetica-Bold"
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=6)
    head = ParagraphStyle("head", fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=6)
    flow: list = []
    for kind, payload in doc.blocks:
        if kind == "h":
            flow.append(Paragraph(escape(str(payload)), head))
        elif kind == "p":
            flow.append(Paragraph(escape(str(payload)), body))
        elif kind in ("kv", "table"):
            rows = [[f"{k}:", v] for k, v in payload] if kind == "kv" else payload
            table = Table([[Paragraph(escape(c), body) for c in row] for row in rows],
                          colWidths=None if kind == "table" else [110, 330])
            if kind == "table":
                table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
            flow.append(table)
            flow.append(Spacer(1, 6))
    return flow


def _pdf_doc(buf: io.BytesIO, doc: Doc):
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate
    return SimpleDocTemplate(buf, pagesize=A4, invariant=1, pageCompression=1, title=doc.title, author="Sagssystem",
                             creator="Sagssystem eksport", producer="Sagssystem eksport", subject="",
                             leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60)


def _page_decoration(doc: Doc):
    font = _font_for(doc)

    def draw(canvas, template) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        if doc.header:
            canvas.drawString(60, 815, doc.header)
        canvas.drawRightString(535, 30, f"Side {canvas.getPageNumber()}")
        if doc.footer:
            canvas.drawString(60, 30, doc.footer)
        canvas.restoreState()
    return draw


def to_pdf(doc: Doc) -> bytes:
    buf = io.BytesIO()
    deco = _page_decoration(doc)
    _pdf_doc(buf, doc).build(_pdf_flowables(doc), onFirstPage=deco, onLaterPages=deco)
    return buf.getvalue()


def scan_image(lines: list[str], seed_text: str):
    """A page of text as a grey scanner image (no text layer), slightly rotated like a real scan."""
    from PIL import Image, ImageDraw, ImageFont
    width, height = int(8.27 * SCAN_DPI), int(11.69 * SCAN_DPI)
    img = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(img)
    # Shrink the type until the text fits one page (never below ~9 pt at 200 dpi, which OCR still reads).
    for size in (34, 30, 27, 25):
        per_line = int(70 * 34 / size)
        wrapped = [chunk for line in lines for chunk in _wrap(line, per_line)]
        if len(wrapped) * size * 1.45 < height - 320:
            break
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), size)
    y = 160
    for chunk in wrapped:
        if y > height - 160:
            break
        draw.text((150, y), chunk, fill=25, font=font)
        y += int(size * 1.45)
    angle = (sum(map(ord, seed_text)) % 7 - 3) / 10
    return img.rotate(angle, fillcolor=250, resample=Image.BICUBIC).convert("1")


def _wrap(line: str, width: int) -> list[str]:
    words, out, cur = line.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    return out + [cur] if cur else out or [""]


def to_png(doc: Doc) -> bytes:
    buf = io.BytesIO()
    scan_image(doc_lines(doc), doc.title).save(buf, format="PNG", dpi=(SCAN_DPI, SCAN_DPI))
    return buf.getvalue()


def to_scanned_pdf(doc: Doc, text_first_page: bool) -> bytes:
    """Image-only PDF; with text_first_page a mixed PDF: page 1 has a text layer, page 2 is a scan."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(doc.title)
    canvas.setAuthor("Scanner")
    lines = doc_lines(doc)
    scanned_lines = lines
    if text_first_page:
        split = len(lines) * 2 // 3
        scanned_lines = lines[split:]
        text = canvas.beginText(60, 790)
        text.setFont(_font_for(doc), 9)
        for line in lines[:split]:
            for chunk in _wrap(line, 95):
                text.textLine(chunk)
        canvas.drawText(text)
        canvas.showPage()
    image = scan_image(scanned_lines, doc.title)
    canvas.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _normalise_zip(data: bytes, first_stored: str | None = None) -> bytes:
    """Rewrite a zip with fixed member times so the same content gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == first_stored else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def to_docx(doc: Doc) -> bytes:
    import docx
    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = "Sagssystem"
    props.title = doc.title
    props.created = props.modified = props.last_printed = _fixed_time(doc).replace(tzinfo=None)
    props.revision = 1
    section = document.sections[0]
    if doc.header:
        section.header.paragraphs[0].text = doc.header
    if doc.footer:
        section.footer.paragraphs[0].text = doc.footer
    for kind, payload in doc.blocks:
        if kind == "h":
            document.add_heading(str(payload), level=1)
        elif kind == "p":
            document.add_paragraph(str(payload))
        elif kind in ("kv", "table"):
            rows = [[f"{k}:", v] for k, v in payload] if kind == "kv" else payload
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            if kind == "table":
                table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    buf = io.BytesIO()
    document.save(buf)
    return _normalise_zip(buf.getvalue())


def to_odt(doc: Doc) -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    body = []
    for kind, payload in doc.blocks:
        if kind == "h":
            body.append(f'<text:h text:outline-level="1">{escape(str(payload))}</text:h>')
        else:
            for line in doc_lines(Doc(doc.doc_type, doc.when, doc.title, [(kind, payload)])):
                body.append(f"<text:p>{escape(line)}</text:p>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f'<office:body><office:text>{"".join(body)}</office:text></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return _normalise_zip(buf.getvalue(), first_stored="mimetype")


def to_rtf(doc: Doc) -> bytes:
    def rtf_escape(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) > 127:
                out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
            else:
                out.append(ch)
        return "".join(out)
    body = "".join(f"{rtf_escape(line)}\\par\n" for line in doc_lines(doc))
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n\\f0\\fs22\n"
            + body + "}\n").encode("ascii")


def to_doc(doc: Doc) -> bytes:
    """Legacy Word via LibreOffice; the committed archive keeps the converted bytes."""
    soffice = shutil.which("soffice")
    if not soffice:
        raise RuntimeError("soffice (LibreOffice) mangler: kan ikke skrive .doc")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "dokument.docx"
        src.write_bytes(to_docx(doc))
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "doc", "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        return (Path(tmp) / "dokument.doc").read_bytes()


def to_eml(doc: Doc, sender: str, recipient: str, attachment: tuple[str, bytes, str] | None) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = doc.title
    msg["Date"] = format_datetime(_fixed_time(doc))
    digest = hashlib.sha1(f"{doc.when}{doc.title}{recipient}".encode()).hexdigest()[:16]
    msg["Message-ID"] = f"<{digest}@kommune.eksempel.dk>"
    msg.set_content("\n".join(doc_lines(doc)))
    if attachment:
        name, data, subtype = attachment
        msg.add_attachment(data, maintype="application", subtype=subtype, filename=name)
        msg.set_boundary(f"==sagsscreening-{doc.when:%Y%m%d}==")
    return msg.as_bytes()

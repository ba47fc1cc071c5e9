from __future__ import annotations

from email.message import EmailMessage

from conftest import SAMPLES

from extractors.registry import extract_bytes


def test_eml_headers_body_and_attachments_each_extract_on_their_own() -> None:
    result = extract_bytes("underretning.eml", (SAMPLES / "underretning.eml").read_bytes())
    assert result.metadata["email_subject"] == "Underretning vedr. elev i 3.B"
    assert result.metadata["email_from"] == "skole@example.invalid"
    attachments = {a.name: extract_bytes(a.name, a.data) for a in result.attachments}
    assert {name: (r.status, r.format) for name, r in attachments.items()} == {
        "bilag_plan.docx": ("ok", "docx"), "notat.txt": ("ok", "txt")}
    assert "Indsats | Leverandør | Periode" in attachments["bilag_plan.docx"].text


def test_html_only_mail_and_forwarded_mail() -> None:
    inner = EmailMessage()
    inner["Subject"] = "Statusudtalelse"
    inner["From"] = "familiehuset@example.invalid"
    inner.set_content("Status på mål: Åse kommer i skole.")
    outer = EmailMessage()
    outer["Subject"] = "Videresendt: status"
    outer["From"] = "raadgiver@example.invalid"
    outer.set_content("<html><body><p>Se vedh&aelig;ftet.</p><p>Hilsen</p></body></html>", subtype="html")
    outer.add_attachment(inner)
    result = extract_bytes("fwd.eml", outer.as_bytes())
    assert result.status == "ok" and result.text == "Emne: Videresendt: status\n\nSe vedhæftet.\nHilsen"
    forwarded = [extract_bytes(a.name, a.data) for a in result.attachments]
    assert [(r.format, r.metadata.get("email_subject")) for r in forwarded] == [("eml", "Statusudtalelse")]
    assert "Åse kommer i skole" in forwarded[0].text

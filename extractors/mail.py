"""E-mails: headers as metadata, the body as text, each attachment as its own document."""
from __future__ import annotations

import email
import email.policy
import email.utils
import html
import re
from datetime import datetime
from email.message import EmailMessage

from extractors.base import Attachment, ExtractionResult, Page
from extractors.errors import ExtractionFailure
from extractors.limits import Limits

HEADERS = {"from": "Fra", "to": "Til", "cc": "Cc", "date": "Dato", "subject": "Emne"}
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_BLOCK_END = re.compile(r"<\s*(br|/p|/div|/tr|/li|/h\d)\b[^>]*>", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    return html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", markup)))


def _sent_date(value: str) -> str:
    try:
        return email.utils.parsedate_to_datetime(value).strftime("%d.%m.%Y")
    except (TypeError, ValueError, IndexError):
        return ""


def _page_text(headers: dict[str, str], body: str) -> str:
    # Subject and sent date go into the text: the subject names the document ("Underretning vedr.
    # ..."), and "Dato:" gives metadata.detect_doc_date the mail's own date.
    lines = []
    if headers.get("subject"):
        lines.append(f"Emne: {headers['subject']}")
    if sent := _sent_date(headers.get("date", "")):
        lines.append(f"Dato: {sent}")
    return "\n".join(lines) + "\n\n" + body.strip() if lines else body.strip()


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("latin-1")
    return html_to_text(content) if part.get_content_type() == "text/html" else content


def _attachments(message: EmailMessage) -> list[Attachment]:
    out: list[Attachment] = []
    for index, part in enumerate(message.iter_attachments(), start=1):
        name = part.get_filename() or f"vedhaeftning-{index}"
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            data = inner[0].as_bytes() if isinstance(inner, list) and inner else b""
            name = name if name.lower().endswith(".eml") else f"{name}.eml"
        else:
            data = part.get_payload(decode=True) or b""
        out.append(Attachment(name=name, data=data))
    return out


def extract_eml(data: bytes, limits: Limits, ocr: bool = True) -> ExtractionResult:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        headers = {key: str(message.get(key, "")) for key in HEADERS if message.get(key) is not None}
        body = _body(message)  # type: ignore[arg-type]
        attachments = _attachments(message)  # type: ignore[arg-type]
    except (ValueError, LookupError, UnicodeError, IndexError, TypeError, AttributeError) as exc:
        raise ExtractionFailure("E_CORRUPT") from exc
    metadata = {f"email_{key}": value for key, value in headers.items()}
    return ExtractionResult(status="ok", format="eml", pages=[Page(number=1, text=_page_text(headers, body))],
                            metadata=metadata, attachments=attachments)


def extract_msg(data: bytes, limits: Limits, ocr: bool = True) -> ExtractionResult:
    import extract_msg as msglib  # heavy import, only when an Outlook file turns up

    try:
        message = msglib.openMsg(data)
    except Exception as exc:  # noqa: BLE001 - extract-msg raises many unrelated types for bad input
        raise ExtractionFailure("E_CORRUPT") from exc
    try:
        sent = message.date
        headers = {"from": message.sender or "", "to": message.to or "", "cc": message.cc or "",
                   "date": email.utils.format_datetime(sent) if isinstance(sent, datetime) else "",
                   "subject": message.subject or ""}
        headers = {k: v for k, v in headers.items() if v}
        body = message.body or ""
        if not body.strip() and message.htmlBody:
            body = html_to_text(message.htmlBody.decode("utf-8", errors="replace"))
        attachments = []
        for index, att in enumerate(message.attachments, start=1):
            payload = att.data
            if isinstance(payload, bytes):
                name = att.longFilename or att.shortFilename or f"vedhaeftning-{index}"
                attachments.append(Attachment(name=name, data=payload))
    finally:
        message.close()
    metadata = {f"email_{key}": value for key, value in headers.items()}
    return ExtractionResult(status="ok", format="msg", pages=[Page(number=1, text=_page_text(headers, body))],
                            metadata=metadata, attachments=attachments)

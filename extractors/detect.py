"""Decide a file's real format from its content; the file name is only a hint."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

EXTENSION_FORMATS: dict[str, str] = {
    ".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".rtf": "rtf", ".odt": "odt",
    ".txt": "txt", ".text": "txt", ".log": "txt", ".eml": "eml", ".msg": "msg",
    ".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".tif": "tiff", ".tiff": "tiff", ".zip": "zip",
}

_EMAIL_HEADER = re.compile(
    rb"^(from|to|subject|date|received|return-path|mime-version|message-id|cc|delivered-to|reply-to):",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:|^[ \t]")


def _utf16_name(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_format(data: bytes) -> str:
    # OLE directory entries store stream names in UTF-16LE, so a byte search finds them
    # without parsing the compound file.
    if _utf16_name("EncryptedPackage") in data:
        return "docx"   # password-protected OOXML is an OLE container; the docx reader reports it
    if _utf16_name("__substg1.0_") in data:
        return "msg"
    if _utf16_name("WordDocument") in data:
        return "doc"
    return "unknown"


def _zip_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and zf.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text"):
                return "odt"
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError):
        # A truncated OOXML file has no readable central directory; its first local header
        # still names its parts.
        if b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096]:
            return "docx"
        if b"opendocument.text" in data[:200]:
            return "odt"
    return "zip"


def _looks_like_email(head: bytes) -> bool:
    lines = head.replace(b"\r\n", b"\n").split(b"\n")[:40]
    header_block = []
    for line in lines:
        if not line.strip():
            break
        header_block.append(line)
    known = sum(1 for line in header_block if _EMAIL_HEADER.match(line))
    return known >= 2 and all(_HEADER_LINE.match(line) for line in header_block)


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    # A stray control byte does not make a journal binary; real binaries are full of them.
    return controls <= max(2, len(head) // 20)


def detect_format(data: bytes, name: str) -> str:
    """Return pdf, docx, doc, rtf, odt, txt, eml, msg, png, jpg, tiff, zip or unknown."""
    head = data[:8192]
    if not data:
        return "unknown"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_format(data)
    if head.startswith(OLE_MAGIC):
        return _ole_format(data)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if _looks_like_email(head):
        return "eml"
    if _looks_like_text(head):
        return "txt"
    return "unknown"


def extension_format(name: str) -> str | None:
    return EXTENSION_FORMATS.get(PurePath(name).suffix.lower())

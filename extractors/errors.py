"""Stable error codes with one-line Danish messages.

Messages are fixed strings: library exception text can quote document content, so it is never
passed through.
"""
from __future__ import annotations

from extractors.base import ExtractionError, ExtractionResult, Status

MESSAGES: dict[str, str] = {
    "E_EMPTY": "Filen er tom (0 byte).",
    "E_CORRUPT": "Filen er beskadiget eller ufuldstændig og kunne ikke læses.",
    "E_ENCRYPTED": "Filen er beskyttet med adgangskode og kunne ikke åbnes.",
    "E_NO_TEXT": "Filen indeholder ingen læsbar tekst.",
    "E_TOO_LARGE": "Filen er større end den tilladte grænse og blev ikke læst.",
    "E_UNSUPPORTED": "Filtypen understøttes ikke (understøttet: PDF, DOCX, DOC, RTF, ODT, TXT, EML, MSG, PNG, JPG, TIFF, ZIP).",
    "E_TIMEOUT": "Læsningen af filen tog for lang tid og blev afbrudt.",
    "E_CRASH": "Læsningen af filen fik programmet til at stoppe uventet.",
    "E_OCR_DISABLED": "Siden har intet tekstlag, og tekstgenkendelse (OCR) er slået fra.",
    "E_OCR_FAILED": "Tekstgenkendelse (OCR) af siden mislykkedes.",
    "E_CONVERTER": "Filen kunne ikke konverteres med LibreOffice.",
    "E_ZIP_LIMIT": "Zip-filen overskrider sikkerhedsgrænserne (antal filer, størrelse eller pakningsforhold).",
    "E_ZIP_PATH": "Zip-filen indeholder en ugyldig sti (fx '..' eller absolut sti).",
    "E_PAGE_LIMIT": "Dokumentet har flere sider end grænsen; kun de første sider er læst.",
}


class ExtractionFailure(Exception):
    """Raised inside an extractor for bad input; the registry turns it into a result."""

    def __init__(self, code: str, page: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.page = page


def error(code: str, page: int | None = None) -> ExtractionError:
    return ExtractionError(code=code, message=MESSAGES[code], page=page)


def failed_result(fmt: str, code: str, status: Status = "failed") -> ExtractionResult:
    return ExtractionResult(status=status, format=fmt, errors=[error(code)])

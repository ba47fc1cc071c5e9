"""One-line, personal-data-free error text for the console, logs and Prefect state messages."""
from __future__ import annotations

from pipeline.pseudonymize import scrub

MAX_LEN = 300


def safe_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return scrub(text)[:MAX_LEN]

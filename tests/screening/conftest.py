from datetime import date

import pytest

from pipeline.screen import Screener
from pipeline.types import DocumentText, Finding


@pytest.fixture(scope="session")
def screener() -> Screener:
    return Screener()


@pytest.fixture(scope="session")
def screen_sentence(screener):
    """Screen one sentence as a document of the given type and date; returns its findings."""

    def run(sentence: str, doc_type: str = "afgoerelse", doc_date: date | None = date(2024, 3, 1)) -> list[Finding]:
        return screener.screen([DocumentText("T-1", "doc-1", [sentence], doc_type, doc_date)])

    return run

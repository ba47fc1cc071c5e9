"""Fixtures for the output-writer tests; the objects themselves live in output_samples.py."""
from __future__ import annotations

import pandas as pd
import pytest
from output_samples import DOC_COUNTS, make_cases, make_documents, make_findings

from pipeline.tables import cases_frame, documents_frame, findings_frame


@pytest.fixture
def frames() -> dict[str, pd.DataFrame]:
    return {
        "cases": cases_frame(make_cases(), DOC_COUNTS),
        "findings": findings_frame(make_findings()),
        "documents": documents_frame(make_documents()),
    }

"""What a run's results depend on besides the documents: versions of the extractor, the screening
data and model, the package, and a digest of the code that turns text into tables.

Reads files and package metadata only, so it is cheap to import (no spaCy, scikit-learn or Prefect).
"""
from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import extractors
import models
from pipeline.context import CONTEXT_PATH
from pipeline.lexicon import LEXICON_PATH
from pipeline.sections import SECTIONS_PATH

# Bump when the rules in code change; the data files and the model are hashed in as well.
RULES_VERSION = "screen-7"
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
# Code that turns stored text into the tables (extraction is versioned by EXTRACTOR_VERSION).
CODE_ROOTS = [_PACKAGE_ROOT / "pipeline", _PACKAGE_ROOT / "models", _PACKAGE_ROOT / "flows"]


def screening_version() -> str:
    digest = hashlib.sha256(RULES_VERSION.encode())
    for path in (LEXICON_PATH, CONTEXT_PATH, SECTIONS_PATH, models.STATUS_MODEL_PATH):
        digest.update(path.read_bytes() if path.exists() else b"-")
    return f"{RULES_VERSION}+{digest.hexdigest()[:12]}"


def code_digest(roots: list[Path]) -> str:
    """Digest of the source under `roots`: a changed rule in code (not only in data) re-makes the tables."""
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            digest.update(f"{root.name}/{path.relative_to(root).as_posix()}".encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def package_version() -> str:
    try:
        return version("sagsscreening")
    except PackageNotFoundError:
        return "0+unknown"


def run_versions() -> dict[str, str]:
    """The versions a run records and its fingerprint covers."""
    return {"sagsscreening": package_version(), "extractor": extractors.EXTRACTOR_VERSION,
            "screening": screening_version(), "code": code_digest(CODE_ROOTS)}

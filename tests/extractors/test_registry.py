"""The format registry: every format resolves to an extractor, each imported only when its format is met."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SAMPLES

from extractors.registry import EXTRACTORS, extractor_for


def test_every_registered_format_resolves_to_a_callable() -> None:
    for fmt in EXTRACTORS:
        assert callable(extractor_for(fmt)), fmt
    assert extractor_for("exe") is None


def test_a_text_pdf_is_read_without_importing_the_other_formats_libraries() -> None:
    # A fresh interpreter, as an extraction worker is: what its start-up pays for depends on the files it meets.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from extractors.registry import extract_path\n"
        f"result = extract_path(Path({str(SAMPLES / 'text.pdf')!r}), ocr=False)\n"
        "assert result.status == 'ok', result.status\n"
        "heavy = ('docx', 'pdfplumber', 'pdfminer', 'extract_msg', 'striprtf', 'odf', 'PIL.Image')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        f"result = extract_path(Path({str(SAMPLES / 'plan.docx')!r}), ocr=False)\n"
        "assert result.status == 'ok', result.status\n"
        "print('docx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "True"]

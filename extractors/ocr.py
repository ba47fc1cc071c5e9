"""Tesseract OCR of one page image with the Danish model.

Tesseract is called directly (TSV output on stdout) rather than through pytesseract: pytesseract
imports pandas when present, which costs each worker process over a second at start, and the
direct call is the same command line the benchmark compares against.
"""
from __future__ import annotations

import os
import subprocess
import tempfile

from PIL import Image

from extractors.errors import ExtractionFailure

OCR_LANG = "dan"
TESSERACT = "tesseract"
# One thread per Tesseract process: parallelism comes from running documents in parallel, and
# OpenMP threads on top of that only contend for the same cores.
_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}
PAGE_TIMEOUT_S = 300


def _tsv(image: Image.Image) -> str:
    # An uncompressed PNM file is cheap to write and, measured here, Tesseract reads a file ~20 % faster
    # than the same image on stdin. The file is private (0600) and deleted at once.
    suffix = ".pgm" if image.mode == "L" else ".ppm"
    with tempfile.NamedTemporaryFile(suffix=suffix, prefix="sags-ocr-") as handle:
        image.save(handle, format="PPM")
        handle.flush()
        completed = subprocess.run([TESSERACT, handle.name, "stdout", "-l", OCR_LANG, "--psm", "3", "tsv"],
                                   capture_output=True, env=_ENV, timeout=PAGE_TIMEOUT_S, check=False)
    if completed.returncode != 0:
        raise RuntimeError("tesseract")
    return completed.stdout.decode("utf-8", errors="replace")


def ocr_image(image: Image.Image, page: int | None = None) -> tuple[str, float | None]:
    """Return the page text (lines in reading order, blank line between paragraphs) and mean word confidence."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("L" if image.mode in ("1", "LA", "I;16", "I", "F") else "RGB")
    try:
        tsv = _tsv(image)
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
        raise ExtractionFailure("E_OCR_FAILED", page=page) from exc
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        block, par, line = int(fields[2]), int(fields[3]), int(fields[4])
        lines.setdefault((block, par, line), []).append(fields[11])
        if float(fields[10]) >= 0:
            confidences.append(float(fields[10]))
    out: list[str] = []
    previous: tuple[int, int] | None = None
    for (block, par, _line), words in lines.items():
        if previous is not None and previous != (block, par):
            out.append("")   # keep paragraph breaks for the normaliser and the sentence splitter
        out.append(" ".join(words))
        previous = (block, par)
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return "\n".join(out), mean

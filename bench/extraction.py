"""Extraction benchmark: pages/s per path, peak memory, and ratios against the raw tools.

Run: .venv/bin/python bench/extraction.py [--text-pdfs 100] [--ocr-pages 12] [--repeat 2]
Goals: our text-layer path >= 0.7x raw pypdfium2; our OCR on 2 processes >= 0.9x tesseract CLI on 2 cores.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples" / "formats"))

from make_samples import HANDLEPLAN, SCAN_LINES, image_pdf, render_scan, table_pdf, text_pdf  # noqa: E402

from extractors.isolate import extract_many  # noqa: E402
from extractors.registry import extract_bytes  # noqa: E402

PAGES_PER_PDF = 10


def _raw_pypdfium2(pdfs: list[bytes]) -> int:
    pages = 0
    for data in pdfs:
        doc = pdfium.PdfDocument(data)
        for page in doc:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        doc.close()
    return pages


def _ours(pdfs: list[bytes]) -> int:
    return sum(len(extract_bytes("x.pdf", data, ocr=False).pages) for data in pdfs)


def _timed(fn, *args) -> tuple[int, float]:
    start = time.perf_counter()
    pages = fn(*args)
    return pages, time.perf_counter() - start


def _best_interleaved(fns: list, data: list[bytes], repeat: int = 7) -> list[tuple[int, float]]:
    """Best of `repeat` runs each, alternating the functions so background load hits all alike."""
    runs: list[list[tuple[int, float]]] = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            runs[i].append(_timed(fn, data))
    return [min(r, key=lambda run: run[1]) for r in runs]


def _tesseract_cli(images: list[Path], processes: int) -> int:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def run(image: Path) -> None:
        subprocess.run(["tesseract", str(image), "stdout", "-l", "dan", "--psm", "3"], env=env,
                       capture_output=True, check=True)

    with ThreadPoolExecutor(processes) as pool:
        list(pool.map(run, images))
    return len(images)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--text-pdfs", type=int, default=100)
    parser.add_argument("--ocr-pages", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    body = HANDLEPLAN * 6
    text_pdfs = [text_pdf([body] * PAGES_PER_PDF) for _ in range(args.text_pdfs)]
    (raw_pages, raw_s), (our_pages, our_s) = _best_interleaved([_raw_pypdfium2, _ours], text_pdfs)
    [(table_pages, table_s)] = _best_interleaved([_ours], [table_pdf() for _ in range(20)])

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scan = render_scan(SCAN_LINES * 3)
        docs = []
        for i in range(args.ocr_pages // 2):
            path = folder / f"scan{i}.pdf"
            path.write_bytes(image_pdf([scan, scan]))
            docs.append((f"scan{i}", path))
        ocr_pages = 2 * len(docs)
        start = time.perf_counter()
        for _key, path in docs:
            extract_bytes(path.name, path.read_bytes())
        ocr1_s = time.perf_counter() - start
        # The CLI baseline gets the page images ready-made at the same 300 dpi: rendering is on us.
        images = []
        for i in range(ocr_pages):
            image = folder / f"page{i}.png"
            scan.save(image)
            images.append(image)
        ocr2_s = cli2_s = float("inf")
        for _ in range(args.repeat):   # alternate, best of each: other load on the machine hits both alike
            start = time.perf_counter()
            results = extract_many(docs, timeout_s=600, workers=2)
            ocr2_s = min(ocr2_s, time.perf_counter() - start)
            assert all(r.status == "ok" and r.method == "ocr" for r in results.values())
            start = time.perf_counter()
            _tesseract_cli(images, 2)
            cli2_s = min(cli2_s, time.perf_counter() - start)

    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    text_rate, raw_rate = our_pages / our_s, raw_pages / raw_s
    ocr2_rate, cli2_rate = ocr_pages / ocr2_s, ocr_pages / cli2_s
    print(f"text layer (ours)        {text_rate:9.1f} pages/s  ({our_pages} pages)")
    print(f"text layer (raw pdfium)  {raw_rate:9.1f} pages/s")
    print(f"  ratio ours/raw         {text_rate / raw_rate:9.2f}x   (goal >= 0.7x)")
    print(f"table pages (pdfplumber) {table_pages / table_s:9.1f} pages/s")
    print(f"OCR, 1 process           {ocr_pages / ocr1_s:9.2f} pages/s  ({ocr_pages} pages, 300 dpi)")
    print(f"OCR, 2 processes         {ocr2_rate:9.2f} pages/s  (incl. worker start)")
    print(f"tesseract CLI, 2 cores   {cli2_rate:9.2f} pages/s")
    print(f"  ratio ours/CLI         {ocr2_rate / cli2_rate:9.2f}x   (goal >= 0.9x)")
    print(f"peak RSS: this process {self_kb / 1024:.0f} MB, largest child {child_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()

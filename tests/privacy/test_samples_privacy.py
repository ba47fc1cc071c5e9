"""Recall and precision of the pseudonymisation on the synthetic sample archive (text layers, no OCR)."""
import json
from collections import Counter
from pathlib import Path

import pytest

from extractors.registry import extract_bytes
from pipeline.privacy_scan import measure_precision, value_patterns
from pipeline.pseudonymize import CasePseudonymizer

ARCHIVE = Path(__file__).parents[2] / "samples" / "archive"
PLANTED = ARCHIVE.parent / "pii.json"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PLANTED.exists(), reason="samples/pii.json mangler"),
]


def _texts(data: bytes, name: str) -> list[str]:
    result = extract_bytes(name, data, ocr=False)
    texts = [result.text] if result.text.strip() else []
    for attachment in result.attachments:
        texts += _texts(attachment.data, attachment.name)
    return texts


def _case_texts(case_dir_or_zip: Path) -> list[str]:
    if case_dir_or_zip.is_dir():
        files = sorted(p for p in case_dir_or_zip.rglob("*") if p.is_file())
        return [t for f in files for t in _texts(f.read_bytes(), f.name)]
    return _texts(case_dir_or_zip.read_bytes(), case_dir_or_zip.name)


@pytest.fixture(scope="module")
def measured():
    planted = json.loads(PLANTED.read_text(encoding="utf-8"))
    present, leaked = Counter(), Counter()
    masked_total = masked_wrong = 0
    for entry in sorted(ARCHIVE.iterdir()):
        case_id = entry.name.removesuffix(".zip")
        if case_id not in planted:
            continue
        texts = _case_texts(entry)
        case = CasePseudonymizer(case_id, b"t" * 32)
        for text in texts:
            case.learn(text)
        outputs = [case.apply(text) for text in texts]
        original, pseudonymised = "\n".join(texts), "\n".join(outputs)
        for item in {(x["kind"], x["value"]): x for x in planted[case_id]}.values():
            full, parts = value_patterns(item["kind"], item["value"])
            if any(p.search(original) for p in full):
                present[item["kind"]] += 1
                leaked[item["kind"]] += any(p.search(pseudonymised) for p in full + parts)
        for text, output in zip(texts, outputs, strict=True):
            total, wrong = measure_precision(text, output, planted[case_id])
            masked_total, masked_wrong = masked_total + total, masked_wrong + wrong
    return present, leaked, masked_total, masked_wrong


def test_every_cpr_number_is_removed(measured):
    present, leaked, _, _ = measured
    assert present["cpr"] > 0 and leaked["cpr"] == 0


@pytest.mark.parametrize("kind, target", [("name", 0.98), ("address", 0.95), ("phone", 0.98), ("email", 0.98),
                                          ("journal", 0.95)])
def test_recall_per_kind(measured, kind, target):
    present, leaked, _, _ = measured
    assert present[kind] > 0
    assert 1 - leaked[kind] / present[kind] >= target


def test_precision(measured):
    _, _, masked_total, masked_wrong = measured
    assert masked_total > 0 and 1 - masked_wrong / masked_total >= 0.95

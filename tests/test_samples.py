"""The committed synthetic archive: reproducible, labelled with valid ids, realistic in shape."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from samples.generator import ALL_FORMATS, GOLD_COLUMNS, generate_archive, heldout_phrases, phrases
from samples.generator.vocabulary import (
    CONSENTS,
    FOLLOW_UP,
    INTERVENTIONS,
    PLACEMENT_LINKED,
    PLACEMENT_TYPES,
    SETTINGS,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ARCHIVE = SAMPLES / "archive"


def _gold() -> list[dict[str, str]]:
    with (SAMPLES / "gold.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _case_files() -> dict[str, dict[str, bytes]]:
    cases: dict[str, dict[str, bytes]] = {}
    for entry in sorted(ARCHIVE.iterdir()):
        if entry.is_dir():
            cases[entry.name] = {p.relative_to(entry).as_posix(): p.read_bytes()
                                 for p in sorted(entry.rglob("*")) if p.is_file()}
        elif entry.suffix == ".zip":
            with zipfile.ZipFile(entry) as z:
                cases[entry.stem] = {n: z.read(n) for n in z.namelist() if not n.endswith("/")}
    return cases


def _tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_gold_has_one_row_per_case_with_the_spec_columns() -> None:
    rows = _gold()
    assert tuple(rows[0].keys()) == GOLD_COLUMNS
    assert sorted(r["case_id"] for r in rows) == sorted(_case_files())
    assert len({r["case_id"] for r in rows}) == len(rows)


def test_gold_values_are_valid_and_consistent() -> None:
    for row in _gold():
        interventions = row["interventions"].split(";") if row["interventions"] else []
        assert interventions == sorted(set(interventions))
        assert set(interventions) <= set(INTERVENTIONS)
        assert row["setting"] in SETTINGS and row["follow_up_effect"] in FOLLOW_UP
        placed = "anbringelse" in interventions
        assert (row["placement_type"] in PLACEMENT_TYPES) == placed
        assert (row["consent"] in CONSENTS) == placed
        home = set(interventions) - PLACEMENT_LINKED
        expected = ("begge" if home else "anbringelse") if placed else ("hjemmebaseret" if home else "ingen")
        assert row["setting"] == expected, row["case_id"]
        if row["setting"] == "ingen":
            assert row["follow_up_effect"] == "mangler"


@pytest.mark.parametrize(("column", "values"), [
    ("setting", SETTINGS), ("placement_type", PLACEMENT_TYPES), ("consent", CONSENTS),
    ("follow_up_effect", FOLLOW_UP), ("split", ("train", "dev", "heldout")),
])
def test_every_label_value_occurs(column: str, values: tuple[str, ...]) -> None:
    assert set(values) <= {r[column] for r in _gold()}


def test_every_intervention_occurs_and_proportions_are_realistic() -> None:
    rows = _gold()
    seen = {i for r in rows for i in r["interventions"].split(";") if i}
    assert seen == set(INTERVENTIONS)
    settings = Counter(r["setting"] for r in rows)
    placed = (settings["anbringelse"] + settings["begge"]) / len(rows)
    assert settings["hjemmebaseret"] == max(settings.values())
    assert 0.30 <= placed <= 0.40
    splits = Counter(r["split"] for r in rows)
    assert splits["heldout"] == pytest.approx(len(rows) / 3, abs=2)
    assert splits["dev"] == pytest.approx(len(rows) / 6, abs=2)


def test_every_case_has_4_to_10_documents() -> None:
    counts = {case: len(files) for case, files in _case_files().items()}
    assert all(4 <= n <= 10 for n in counts.values()), counts


def test_archive_has_the_shapes_a_real_export_has() -> None:
    top = [p for p in ARCHIVE.iterdir() if p.is_file()]
    assert [p.name for p in top if p.suffix != ".zip"] == ["Thumbs.db"]
    assert len([p for p in top if p.suffix == ".zip"]) == 1
    files = [p for p in ARCHIVE.rglob("*") if p.is_file()]
    suffixes = Counter(p.suffix.lower() for p in files)
    assert {".pdf", ".docx", ".txt", ".rtf", ".odt", ".doc", ".eml", ".png"} <= set(suffixes)
    assert any(len(p.relative_to(ARCHIVE).parts) > 2 for p in files)          # nested subfolders
    assert sum(1 for p in files if p.stat().st_size == 0) == 1               # one empty file
    raw = [p.read_bytes() for p in files if p.suffix == ".txt"]
    assert any(b.startswith(b"\xef\xbb\xbf") for b in raw)
    assert any(_is_cp1252_only(b) for b in raw)
    assert sum(f.stat().st_size for f in files) < 15_000_000


def _is_cp1252_only(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        data.decode("cp1252")
        return True
    return False


def test_pii_register_lists_what_the_documents_carry() -> None:
    pii = json.loads((SAMPLES / "pii.json").read_text(encoding="utf-8"))
    cases = _case_files()
    assert sorted(pii) == sorted(cases)
    for case_id, entries in pii.items():
        assert {"cpr", "name", "address", "journal", "phone"} <= {e["kind"] for e in entries}, case_id
        text = "\n".join(_plain_text(name, data) for name, data in cases[case_id].items())
        names = "\n".join(cases[case_id])
        has_images = any(n.endswith((".png", ".doc", ".eml", ".odt", ".rtf")) or _has_image_page(n, d)
                         for n, d in cases[case_id].items())
        missing = [e["value"] for e in entries if e["value"] not in text and e["value"] not in names]
        assert not missing or has_images, (case_id, missing)


def _has_image_page(name: str, data: bytes) -> bool:
    return name.endswith(".pdf") and bool(data) and any(len(page.strip()) < 20 for page in _pdf_pages(data))


def _pdf_pages(data: bytes) -> list[str]:
    import pypdfium2
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return []
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


def _plain_text(name: str, data: bytes) -> str:
    if name.endswith(".txt"):
        return data.decode("cp1252") if _is_cp1252_only(data) else data.decode("utf-8-sig")
    if name.endswith(".docx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))
    if name.endswith(".pdf"):
        return "\n".join(_pdf_pages(data)).replace("\r", "")
    return ""


def _literal_fragments(template: str) -> list[str]:
    return [f.strip() for f in re.split(r"\{[^}]+\}", template) if len(f.strip()) >= 25]


def _templates(book) -> list[str]:
    found: list[str] = []
    for name in ("GRANT", "REFUSE", "HYPOTHETICAL", "HYPOTHETICAL_PLACEMENT", "NEGATED_PLACEMENT", "PLACEMENT",
                 "HISTORICAL_PLACEMENT", "OTHER_PERSON", "STATUS_ONLY", "EFFECT", "SCORE", "CONSEQUENCE", "PURPOSE"):
        found += getattr(book, name)
    for options in book.CONSENT.values():
        found += options
    return found


def test_phrase_books_share_no_template() -> None:
    assert not set(_templates(phrases)) & set(_templates(heldout_phrases))
    assert not set(phrases.STYLES) & set(heldout_phrases.STYLES)


def test_train_and_dev_documents_never_use_heldout_wording() -> None:
    fragments = [f for t in _templates(heldout_phrases) for f in _literal_fragments(t)]
    assert fragments
    cases = _case_files()
    for row in _gold():
        if row["split"] == "heldout":
            continue
        text = "\n".join(_plain_text(n, d) for n, d in cases[row["case_id"]].items())
        leaked = [f for f in fragments if f in text]
        assert not leaked, (row["case_id"], leaked)


def test_small_archive_is_byte_identical_for_the_same_seed(tmp_path: Path) -> None:
    args = {"n_cases": 6, "seed": 7, "scanned": False, "formats": ("pdf", "docx", "txt", "rtf", "odt", "eml")}
    first = generate_archive(tmp_path / "a", **args)
    second = generate_archive(tmp_path / "b", **args)
    assert first == second
    assert _tree_hashes(tmp_path / "a") == _tree_hashes(tmp_path / "b")
    assert _tree_hashes(tmp_path / "a") != _tree_hashes(_regen(tmp_path / "c", {**args, "seed": 8}))


def _regen(path: Path, args: dict) -> Path:
    generate_archive(path, **args)
    return path


def test_generator_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(FileExistsError):
        generate_archive(tmp_path, n_cases=1)


def test_committed_archive_matches_a_regeneration_without_libreoffice(tmp_path: Path) -> None:
    """Fast check that the committed files are current; only the one LibreOffice .doc is left to the slow test."""
    formats = tuple(f for f in ALL_FORMATS if f != "doc")
    generate_archive(tmp_path / "archive", n_cases=60, seed=2026, formats=formats,
                     gold_path=tmp_path / "gold.csv", pii_path=tmp_path / "pii.json")
    fresh, committed = _tree_hashes(tmp_path / "archive"), _tree_hashes(ARCHIVE)
    only_committed = set(committed) - set(fresh)
    assert only_committed and all(p.endswith(".doc") for p in only_committed)
    assert len(set(fresh) - set(committed)) == len(only_committed)
    assert all(fresh[p] == committed[p] for p in set(fresh) & set(committed))
    assert (tmp_path / "gold.csv").read_bytes() == (SAMPLES / "gold.csv").read_bytes()
    assert (tmp_path / "pii.json").read_bytes() == (SAMPLES / "pii.json").read_bytes()


@pytest.mark.slow
def test_committed_archive_equals_a_fresh_regeneration(tmp_path: Path) -> None:
    gold = generate_archive(tmp_path / "archive", n_cases=60, seed=2026, gold_path=tmp_path / "gold.csv",
                            pii_path=tmp_path / "pii.json")
    assert len(gold) == 60
    assert _tree_hashes(tmp_path / "archive") == _tree_hashes(ARCHIVE)
    assert (tmp_path / "gold.csv").read_bytes() == (SAMPLES / "gold.csv").read_bytes()
    assert (tmp_path / "pii.json").read_bytes() == (SAMPLES / "pii.json").read_bytes()

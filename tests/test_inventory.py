import zipfile
from pathlib import Path

import pytest

from pipeline import plan
from pipeline.inventory import STRAY_REASON, discover, sha256_file


def make_archive(root: Path) -> Path:
    (root / "S-1" / "Breve").mkdir(parents=True)
    (root / "S-1" / "a.txt").write_text("Afgørelse", encoding="utf-8")
    (root / "S-1" / "Breve" / "b.txt").write_text("Brev", encoding="utf-8")
    (root / "S-2").mkdir()
    with zipfile.ZipFile(root / "S-3.zip", "w") as zf:
        zf.writestr("x/notat.txt", "Journalnotat")
    (root / "oversigt.txt").write_text("løs fil", encoding="utf-8")
    return root


def test_discover_cases_nested_zip_and_strays(tmp_path):
    entries = discover(make_archive(tmp_path))
    by_rel = {e.rel_path: e for e in entries}
    assert set(by_rel) == {"S-1/a.txt", "S-1/Breve/b.txt", "S-3.zip", "oversigt.txt"}
    assert by_rel["S-1/Breve/b.txt"].case_id == "S-1"
    assert by_rel["S-3.zip"].is_zip_case and by_rel["S-3.zip"].case_id == "S-3"
    assert by_rel["oversigt.txt"].case_id == "" and by_rel["oversigt.txt"].skip_reason == STRAY_REASON


def test_discover_refuses_missing_archive(tmp_path):
    with pytest.raises(NotADirectoryError):
        discover(tmp_path / "nope")


def test_symlink_is_reported_not_followed(tmp_path):
    make_archive(tmp_path)
    (tmp_path / "S-1" / "link.txt").symlink_to("/etc/passwd")
    entry = {e.rel_path: e for e in discover(tmp_path)}["S-1/link.txt"]
    assert entry.skip_reason and entry.source is None


class Row:
    def __init__(self, sha, size, mtime):
        self.document_id, self.size, self.mtime_ns = sha, size, mtime


def test_hash_skips_unchanged_and_rehashes_changed(tmp_path):
    entries = [e for e in discover(make_archive(tmp_path)) if not e.skip_reason and not e.is_zip_case]
    a = next(e for e in entries if e.rel_path == "S-1/a.txt")
    b = next(e for e in entries if e.rel_path == "S-1/Breve/b.txt")
    index = {a.rel_path: Row("stored-sha", a.size, a.mtime_ns), b.rel_path: Row("old", b.size + 1, b.mtime_ns)}
    assert plan.hash_entries(entries, index, full=False) == 1
    assert a.document_id == "stored-sha"
    assert b.document_id == sha256_file(b.source)


def test_full_rehashes_everything(tmp_path):
    entries = [e for e in discover(make_archive(tmp_path)) if not e.skip_reason and not e.is_zip_case]
    index = {e.rel_path: Row("stored", e.size, e.mtime_ns) for e in entries}
    assert plan.hash_entries(entries, index, full=True) == len(entries)


def test_needing_returns_only_unstored_unique_documents(tmp_path):
    entries = [e for e in discover(make_archive(tmp_path)) if not e.skip_reason and not e.is_zip_case]
    plan.hash_entries(entries, {}, full=False)
    have = {entries[0].document_id}
    todo = plan.needing(entries, lambda ids: have & set(ids), full=False)
    assert set(todo) == {e.document_id for e in entries[1:]}
    assert set(plan.needing(entries, lambda ids: have, full=True)) == {e.document_id for e in entries}


def test_materialised_members_are_deduplicated_and_private(tmp_path):
    store = plan.Materialised(tmp_path)
    sha1, p1 = store.put(b"same")
    sha2, p2 = store.put(b"same")
    assert (sha1, p1) == (sha2, p2)
    assert p1.stat().st_mode & 0o777 == 0o600


def test_chunks():
    assert plan.chunks(list(range(5)), 2) == [[0, 1], [2, 3], [4]]


def test_batches_close_at_the_document_count_or_the_byte_budget():
    kb, mb = 1024, 1024 * 1024
    # text-layer files: only the count closes a batch
    assert plan.batches(list("abcde"), [4 * kb] * 5, max_docs=2, max_bytes=16 * mb, min_docs=2) == [
        ["a", "b"], ["c", "d"], ["e"]]
    # scans: the bytes close it early; one file larger than the budget is a batch of its own
    assert plan.batches(list("abcdef"), [6 * mb, 6 * mb, 6 * mb, 40 * mb, 1 * mb, 1 * mb], max_docs=100,
                        max_bytes=16 * mb, min_docs=100) == [["a", "b", "c"], ["d"], ["e", "f"]]
    assert plan.batches([], [], max_docs=100, max_bytes=mb) == []


def test_batches_shrink_towards_the_end_so_no_worker_waits_long_on_the_last():
    items = list(range(996))
    sizes = [4096] * len(items)
    found = plan.batches(items, sizes, max_docs=250, max_bytes=16 * 2**20, workers=2)
    assert [len(b) for b in found] == [249, 187, 140, 105, 79, 59, 45, 33, 25, 25, 25, 24]
    assert [i for b in found for i in b] == items           # every item once, in order
    assert [len(b) for b in plan.batches(items, sizes, max_docs=250, max_bytes=2**30, workers=1)][:3] == [250, 250, 248]
    # a small batch size set by the user wins over the minimum
    assert {len(b) for b in plan.batches(items[:30], sizes[:30], max_docs=10, max_bytes=2**30)} == {10}

"""An unchanged run may keep OUT's tables only when nothing they are computed from has changed."""
import json
from dataclasses import replace

import pytest

from pipeline.fingerprint import inputs_fingerprint, output_digests, reusable_run_info
from pipeline.inventory import FileEntry

KEY = bytes(range(32))
VERSIONS = {"sagsscreening": "1", "extractor": "1.0.0", "screening": "screen-2+abc"}
SETTINGS = {"ocr": True, "max_file_mb": 200, "doc_timeout_s": 120.0, "workers": 2, "batch": None}
ENTRIES = [FileEntry(case_id="S-1", rel_path="S-1/Afgørelse Anne Jensen.pdf", source=None, document_id="a" * 64),
           FileEntry(case_id="S-1", rel_path="S-1/notat.txt", source=None, document_id="b" * 64)]


def _fp(entries=ENTRIES, versions=VERSIONS, settings=SETTINGS, batches=None, reviews=None, key=KEY):
    return inputs_fingerprint(key, entries, versions, settings, batches or {}, reviews or {})


def test_fingerprint_is_stable_and_independent_of_order_and_run_only_settings():
    assert _fp() == _fp(entries=list(reversed(ENTRIES)))
    assert _fp() == _fp(settings=SETTINGS | {"workers": 1, "batch": "uge-48"})


@pytest.mark.parametrize("change", [
    {"entries": [replace(ENTRIES[0], document_id="c" * 64), ENTRIES[1]]},        # a file's content changed
    {"entries": ENTRIES[:1]},                                                      # a file was removed
    {"entries": [*ENTRIES, FileEntry(case_id="S-1", rel_path="S-1/ny.txt", source=None, document_id="d" * 64)]},
    {"entries": [replace(ENTRIES[0], rel_path="S-1/omdøbt.pdf"), ENTRIES[1]]},   # renamed
    {"versions": VERSIONS | {"screening": "screen-3+def"}},                       # new rules/lexicon/model
    {"settings": SETTINGS | {"ocr": False}},
    {"batches": {"S-1/notat.txt": "uge-48"}},
    {"reviews": {"S-1": "bekraeftet"}},                                            # a reviewer decided
    {"key": bytes(32)},                                                            # a new pseudonym key
])
def test_fingerprint_changes_with_every_input_of_the_tables(change):
    assert _fp(**change) != _fp()


def test_fingerprint_does_not_reveal_file_names():
    assert "Anne" not in _fp() and len(_fp()) == 64


def _out_dir(tmp_path, fingerprint):
    out = tmp_path / "out"
    out.mkdir()
    (out / "cases.csv").write_text("case_id,flagged\nS-1,true\n", encoding="utf-8")
    (out / "report.html").write_text("<html></html>", encoding="utf-8")
    (out / "run.json").write_text(json.dumps({"run_id": "r1", "inputs_fingerprint": fingerprint,
                                              "output_sha256": output_digests(out)}), encoding="utf-8")
    return out


def test_reusable_only_with_same_fingerprint_and_intact_files(tmp_path):
    out = _out_dir(tmp_path, _fp())
    assert reusable_run_info(out, _fp())["run_id"] == "r1"
    assert reusable_run_info(out, _fp(reviews={"S-1": "afvist"})) is None
    (out / "cases.csv").write_text("case_id,flagged\nS-1,false\n", encoding="utf-8")     # edited by hand
    assert reusable_run_info(out, _fp()) is None


def test_not_reusable_when_a_table_is_missing_or_run_json_is_broken(tmp_path):
    out = _out_dir(tmp_path, _fp())
    (out / "report.html").unlink()
    assert reusable_run_info(out, _fp()) is None
    for broken in ("{ikke json", "[]"):
        (out / "run.json").write_text(broken, encoding="utf-8")
        assert reusable_run_info(out, _fp()) is None
    assert reusable_run_info(tmp_path / "findes-ikke", _fp()) is None

"""The leak scanner finds planted values in every output format, and precision counts wrong masks."""
import json

import openpyxl
import pandas as pd
import pytest

from pipeline.privacy_scan import measure_precision, scan_files

PLANTED = [
    {"kind": "cpr", "value": "010115-1234", "role": "barn"},
    {"kind": "name", "value": "Anne Jensen", "role": "mor"},
    {"kind": "phone", "value": "+45 22 33 44 55", "role": "mor"},
    {"kind": "email", "value": "anne@example.dk", "role": "mor"},
    {"kind": "address", "value": "Skovvej 12", "role": "mor"},
    {"kind": "journal", "value": "2023-00123", "role": ""},
]


def _write(tmp_path, suffix, cells):
    path = tmp_path / f"out{suffix}"
    if suffix == ".parquet":
        pd.DataFrame({"evidence": cells}).to_parquet(path)
    elif suffix == ".xlsx":
        book = openpyxl.Workbook()
        for cell in cells:
            book.active.append([cell])
        book.save(path)
    elif suffix == ".json":
        path.write_text(json.dumps({"evidence": cells}, ensure_ascii=False), encoding="utf-8")
    elif suffix == ".html":
        path.write_text("<p>" + "</p><p>".join(c.replace("ø", "&oslash;") for c in cells) + "</p>", encoding="utf-8")
    else:
        path.write_text("\n".join(cells), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx", ".json", ".html", ".log"])
def test_leaks_are_found_in_every_format(tmp_path, suffix):
    cells = ["cpr 0101151234", "Anne ringede", "tlf 22334455", "ANNE@example.dk", "Skovvej 12", "sag 2023-00123"]
    report = scan_files([_write(tmp_path, suffix, cells)], PLANTED)
    assert report.leaked == {k: 1 for k in ("cpr", "name", "phone", "email", "address", "journal")}
    assert [leak.partial for leak in report.leaks if leak.kind == "name"] == [True]
    assert report.recall("name") == 0.0


def test_clean_output_has_full_recall(tmp_path):
    cells = ["cpr [CPR]", "Mor ringede fra [ADRESSE]", "tlf [TLF], [EMAIL]", "J.nr. [JOURNALNR]"]
    report = scan_files([_write(tmp_path, ".csv", cells)], PLANTED)
    assert report.leaks == []
    assert all(report.recall(k) == 1.0 for k in ("cpr", "name", "phone", "email", "address", "journal"))


def test_names_in_file_paths_count_as_leaks(tmp_path):
    folder = tmp_path / "Anne Jensen"
    folder.mkdir()
    report = scan_files([_write(folder, ".csv", ["ok"])], PLANTED)
    assert report.leaked == {"name": 1}


@pytest.mark.parametrize("pseudonymised, expected", [
    ("Mor, Mor, ringede om aflastning.", (2, 0)),
    ("Mor, Mor, ringede om [NAVN].", (3, 1)),
    ("[NAVN], [NAVN], ringede [NAVN] aflastning.", (4, 2)),
    ("Mor, Anne Jensen, ringede om aflastning.", (0, 0)),
])
def test_measure_precision(pseudonymised, expected):
    original = "Mor, Anne Jensen, ringede om aflastning."
    assert measure_precision(original, pseudonymised, PLANTED) == expected

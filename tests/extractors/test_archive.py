from __future__ import annotations

import io
import zipfile

import pytest

from extractors.archive import ArchiveError, iter_zip_members
from extractors.limits import Limits
from extractors.registry import extract_bytes


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            zf.writestr(info, data)
    return buffer.getvalue()


def test_members_are_listed_with_their_bytes() -> None:
    data = _zip({"sag/notat.txt": b"Journalnotat", "sag/underdir/plan.txt": "Handleplan for Åse".encode()})
    assert list(iter_zip_members(data, Limits())) == [
        ("sag/notat.txt", b"Journalnotat"), ("sag/underdir/plan.txt", "Handleplan for Åse".encode())]


def test_cp850_member_names_come_out_danish() -> None:
    # Write an ASCII placeholder, then put the cp850 bytes a Windows zip tool stores (no UTF-8 flag).
    data = _zip({"Bxrnesamtale.txt": b"notat"}).replace(b"Bxrnesamtale.txt", "Børnesamtale.txt".encode("cp850"))
    assert [n for n, _ in iter_zip_members(data, Limits())] == ["Børnesamtale.txt"]


@pytest.mark.parametrize(("members", "limits", "code"), [
    ({"../ud.txt": b"x"}, Limits(), "E_ZIP_PATH"),
    ({"/etc/passwd": b"x"}, Limits(), "E_ZIP_PATH"),
    ({"C:/windows/x.txt": b"x"}, Limits(), "E_ZIP_PATH"),
    ({f"f{i}.txt": b"x" for i in range(11)}, Limits(zip_max_members=10), "E_ZIP_LIMIT"),
    ({"a.txt": b"x" * 5000}, Limits(zip_max_total_bytes=4000), "E_ZIP_LIMIT"),
    ({"bombe.txt": b"\x00" * (20 * 1024 * 1024)}, Limits(), "E_ZIP_LIMIT"),
])
def test_unsafe_zip_raises_typed_error(members: dict[str, bytes], limits: Limits, code: str) -> None:
    with pytest.raises(ArchiveError) as info:
        list(iter_zip_members(_zip(members), limits))
    assert info.value.code == code


def test_declared_size_that_lies_is_refused() -> None:
    data = bytearray(_zip({"a.txt": b"y" * 3000}, compression=zipfile.ZIP_STORED))
    # Shrink the declared uncompressed size in the central directory to 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(ArchiveError):
        list(iter_zip_members(bytes(data), Limits()))


def test_corrupt_zip_is_a_typed_error_and_a_failed_result() -> None:
    with pytest.raises(ArchiveError) as info:
        list(iter_zip_members(b"PK\x03\x04" + b"\x00" * 40, Limits()))
    assert info.value.code == "E_CORRUPT"
    result = extract_bytes("eksport.zip", _zip({"../x.txt": b"x"}))
    assert (result.status, result.errors[0].code) == ("failed", "E_ZIP_PATH")


def test_zip_document_returns_members_as_attachments() -> None:
    result = extract_bytes("eksport.zip", _zip({"a.txt": b"Journalnotat", "b.txt": b"Referat"}))
    assert result.status == "ok" and [a.name for a in result.attachments] == ["a.txt", "b.txt"]

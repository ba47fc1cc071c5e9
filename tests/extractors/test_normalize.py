from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.normalize import normalize_page_mapped, normalize_pages, normalize_pages_mapped

HEADER = "Fortroligt – Familieafdelingen"


def _page(n: int, total: int, body: str) -> str:
    return f"{HEADER}\nSide {n} af {total}\n{body}\nTestkommune · Sagsnr. 12-{n}"


@pytest.mark.parametrize(("pages", "expected"), [
    # repeated header, page numbers and footer with varying digits disappear
    ([_page(1, 3, "Første side."), _page(2, 3, "Anden side."), _page(3, 3, "Tredje side.")],
     ["Første side.", "Anden side.", "Tredje side."]),
    # a single page keeps its first line, only a page number goes
    (["Handleplan\nSide 1 af 1\nMål: trivsel"], ["Handleplan\nMål: trivsel"]),
    # end-of-line hyphenation joined, shortened compounds kept
    (["Soft hyphen: anbrin\u00ad\ngelse i pleje\u00adfamilie."], ["Soft hyphen: anbringelse i plejefamilie."]),
    (["Der er ingen anbrin-\ngelse. Social- og sundheds-\n  området deltager. Social-\nog sundhedsområdet."],
     ["Der er ingen anbringelse. Social- og sundhedsområdet deltager. Social-\nog sundhedsområdet."]),
    # whitespace: tabs, NBSP, runs of spaces and blank lines, CRLF
    (["Mål:\t\u00a0 trivsel  \r\n\r\n\r\n\r\nDelmål:   skole \r\n"], ["Mål: trivsel\n\nDelmål: skole"]),
    # an upper-case word after a hyphen is a list or name, not a hyphenation
    (["Forældre-\nKursus"], ["Forældre-\nKursus"]),
])
def test_normalize_pages(pages: list[str], expected: list[str]) -> None:
    assert normalize_pages(pages) == expected


def test_body_line_equal_to_header_is_kept_when_not_at_an_edge() -> None:
    body = "\n".join(["a", "b", "c", HEADER, "d", "e", "f"])
    pages = normalize_pages([_page(1, 2, body), _page(2, 2, body)])
    assert all(HEADER in p for p in pages)


text_st = st.text(alphabet=st.sampled_from(list("abcæøå ABC-.\n\t\u00a0\u00ad\r§")), max_size=300)


@settings(max_examples=200, deadline=None)
@given(text_st)
def test_offsets_point_at_the_source_character(page: str) -> None:
    out, offsets = normalize_page_mapped(page)
    assert len(out) == len(offsets)
    assert offsets == sorted(set(offsets))
    for ch, i in zip(out, offsets, strict=True):
        assert ch == page[i] or (ch == " " and page[i] in "\t\u00a0") or (ch == "\n" and page[i] == "\r")


@settings(max_examples=200, deadline=None)
@given(st.lists(text_st, min_size=1, max_size=4))
def test_whitespace_is_tidy_and_output_is_stable(pages: list[str]) -> None:
    once = normalize_pages(pages)
    for page in once:
        assert "  " not in page and "\n\n\n" not in page and "\t" not in page
        assert page == page.strip(" \n")
    assert [t for t, _ in normalize_pages_mapped(pages)] == once


@settings(max_examples=300, deadline=None)
@given(text_st)
def test_normalising_a_page_twice_changes_nothing(page: str) -> None:
    once = normalize_pages([page])
    assert normalize_pages(once) == once


line_st = st.sampled_from(["Side 1 af 3", "Side 2 af 3", "- 4 -", "Aarhus Kommune · Familieafdelingen", "12",
                           "barnets trivsel er for-", "bedret", "social-\n og sundhed", "blød\u00ad\nbindestreg",
                           "  mor \u2009 far\u202f", "\r", "", "Journalnotat 3"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(line_st, max_size=12).map("\n".join), min_size=1, max_size=4))
def test_the_fast_text_equals_the_mapped_text_with_headers_and_hyphens(pages: list[str]) -> None:
    assert normalize_pages(pages) == [t for t, _ in normalize_pages_mapped(pages)]

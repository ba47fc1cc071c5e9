"""report.html: the aggregate counts a KLK-style review shows, self-contained and escaped."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from output_samples import HOSTILE_EVIDENCE

from pipeline.report import render_report
from pipeline.tables import cases_frame, documents_frame, findings_frame

RUN_INFO = {"version": "0.1.0", "finished_at": "2026-11-23T16:00:00Z", "settings": {"ocr": "<b>til</b>"}}


@pytest.fixture
def html(frames) -> str:
    return render_report(frames["cases"], frames["findings"], frames["documents"], RUN_INFO)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _row(html: str, label: str) -> list[str]:
    """The cells of the first table row whose first cell is `label`, as text."""
    match = re.search(rf"<tr><td>{re.escape(label)}</td>(.*?)</tr>", html)
    assert match, label
    return re.findall(r"<td[^>]*>([^<]*)</td>", match.group(1))


def test_is_danish_and_self_contained(html):
    parsed = _parse(html)
    assert '<html lang="da">' in html
    tags = {t for t, _ in parsed.tags}
    assert {"script", "link", "img", "iframe"}.isdisjoint(tags)
    assert not any(k in ("src", "href") for _, attrs in parsed.tags for k in attrs)
    assert "default-src 'none'" in html


@pytest.mark.parametrize(
    ("figure", "label"),
    [("4", "Sager"), ("5", "Dokumenter"), ("2", "Anbragte børn"), ("3 (75 %)", "Markerede sager"),
     ("3", "Dokumenter ikke fuldt læst")],
)
def test_key_figures(html, figure, label):
    assert f"<b>{figure}</b>{label}<" in html


@pytest.mark.parametrize(
    ("label", "count", "share"),
    [
        ("Hjemmebaseret støtte", "1", "25 %"),
        ("Både hjemmebaseret støtte og anbringelse", "1", "25 %"),
        ("Anbringelse uden for hjemmet", "1", "25 %"),   # first occurrence: the setting table
        ("Fast kontaktperson", "1", "25 %"),
        ("Aflastning / støtteophold", "1", "25 %"),
        ("Plejefamilie", "1", "50 %"),                   # shares among the 2 placed children
        ("Uden samtykke", "1", "50 %"),
        ("Opfølgning mangler", "2", "50 %"),
        ("Dokument kunne ikke læses", "1", "25 %"),
        ("Fejlet", "2", "40 %"),
    ],
)
def test_distributions(html, label, count, share):
    assert _row(html, label)[:2] == [count, share]


def test_follow_up_by_setting(html):
    assert _row(html, "Dokumenteret")[:2] == ["1", "25 %"]
    by_setting = html[html.index("<h3>Efter indsatsramme</h3>"):]
    assert _row(by_setting, "Både hjemmebaseret støtte og anbringelse") == ["0 (0 %)", "1 (100 %)", "0 (0 %)", "1"]


def test_flagged_cases_listed_with_quotes(html):
    listing = html[html.index("<h3>Markerede sager</h3>"):html.index("<h2>Dokumenter</h2>")]
    assert re.findall(r"<tr><td>(SAG-\d+)</td>", listing) == ["SAG-002", "SAG-003", "SAG-004"]
    sag3 = listing[listing.index("SAG-003"):listing.index("SAG-004")]
    assert sag3.count("<blockquote>") == 2
    assert "Der er ikke fulgt op siden [PERSON_1] flyttede" in sag3  # the flag's own evidence comes first
    assert "familiebehandling afsluttet" not in sag3                 # historical findings are not quoted


def test_document_problems_by_error_type(html):
    assert _row(html, "E_ENCRYPTED") == ["Filen er beskyttet med adgangskode og kunne ikke åbnes.", "Fejlet: 1", "1"]
    assert _row(html, "E_OCR_FAILED")[1:] == ["Delvist læst: 1", "1"]
    assert "2 af 3 dokumenter med tekst (67 %)" in html
    assert "3 af 9 sider (33 %)" in html


def test_evidence_and_run_info_are_escaped(frames):
    findings = frames["findings"].copy()
    findings.loc[:, "criterion"] = "flag"
    findings.loc[:, "value"] = "opfoelgning_mangler"
    findings.loc[:, "evidence"] = HOSTILE_EVIDENCE
    findings.loc[:, "case_id"] = "SAG-004"
    html = render_report(frames["cases"], findings, frames["documents"], RUN_INFO | {"<script>": "x"})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;til&lt;/b&gt;" in html
    assert "script" not in {t for t, _ in _parse(html).tags}


def test_long_quotes_are_shortened(frames):
    findings = frames["findings"].copy()
    findings.loc[:, "evidence"] = "ord " * 200
    html = render_report(frames["cases"], findings, frames["documents"], {})
    quote = re.search(r"<blockquote>»(.*?)«", html).group(1)
    assert len(quote) <= 180 and quote.endswith("…")


def test_empty_run_renders(tmp_path):
    html = render_report(cases_frame([], {}), findings_frame([]), documents_frame([]), {})
    assert "<b>0</b>Sager" in html
    assert "Ingen sager er markeret." in html
    assert "Ingen af sagerne indeholder en anbringelse." in html

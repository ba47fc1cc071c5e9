"""`report.html`: the aggregate picture a KLK-style case review presents, in Danish.

One self-contained page (inline CSS, no scripts, no external assets) so it opens offline and can
be mailed. Every piece of data is escaped: evidence quotes are untrusted document text. A
Content-Security-Policy that forbids scripts is a second guard should escaping ever be missed.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from html import escape

import pandas as pd

from pipeline.labels import (
    CONSENT_LABELS,
    DOCUMENT_STATUS_LABELS,
    FLAG_LABELS,
    FOLLOW_UP_LABELS,
    INTERVENTION_LABELS,
    METHOD_LABELS,
    PLACEMENT_TYPE_LABELS,
    SETTING_LABELS,
    joined_labels,
    run_info_label,
    value_label,
)

QUOTES_PER_CASE = 2
QUOTE_CHARS = 180
NOT_STATED = "Ikke angivet"
NO_QUOTE = '<span class="note">Intet citat</span>'
PROBLEM_STATUSES = ("failed", "partial", "skipped")

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2rem auto;max-width:64rem;
 padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:2px solid #d0d7de;
 padding-bottom:.2rem}h3{font-size:1rem;margin-top:1.4rem}
.meta{color:#57606a;margin-top:0}
.figures{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.figure{border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.figure b{display:block;font-size:1.5rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;width:100%}
th,td{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num,th.num{text-align:right;white-space:nowrap}
td.bar{width:30%}td.bar span{display:block;height:.8rem;background:#4a7bb7;border-radius:2px}
blockquote{margin:.2rem 0;padding:.1rem .6rem;border-left:3px solid #d0d7de;color:#3b4148}
.source{color:#57606a;font-size:.85rem}
.note{color:#57606a;font-size:.9rem}
@media print{body{margin:0}h2{break-after:avoid}table{break-inside:auto}}
"""

PAGE = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Screeningsrapport – børne- og familiesager</title>
<style>{css}</style>
</head>
<body>
<h1>Screeningsrapport – børne- og familiesager</h1>
<p class="meta">{meta}</p>
{body}
</body>
</html>
"""

METHOD_TEXT = (
    "Rapporten er lavet maskinelt ud fra sagernes dokumenter. Hver oplysning bygger på fund med citat, "
    "side og den regel eller model, der fandt det (se fanen »Fund« i regnearket). Kun indsatser, der er "
    "bevilget til barnet selv, tæller – ikke afslag, overvejelser, tidligere forløb eller andre personers "
    "indsatser. Opfølgning på effekt er <b>dokumenteret</b>, når der både er mål og mindst én opfølgning, "
    "der vurderer effekten i forhold til målene og konkluderer (fortsæt, justér eller stop); <b>delvis</b>, "
    "når der er opfølgning eller status uden vurdering mod mål, eller mål uden opfølgning; ellers "
    "<b>mangler</b>. Screeningen peger på sager, en fagperson bør se på; den er ikke en juridisk vurdering."
)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _pct(count: int, total: int) -> str:
    return f"{round(100 * count / total)} %" if total else "–"


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = ()) -> str:
    def cell(tag: str, index: int, value: object) -> str:
        css = ' class="num"' if index in numeric else ""
        return f"<{tag}{css}>{_e(value)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body = "\n".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _distribution(label_header: str, counts: Sequence[tuple[str, int]], total: int) -> str:
    """Counts with share of `total` and a bar; the bar width is computed, never taken from data."""
    rows = []
    for label, count in counts:
        width = round(100 * count / total) if total else 0
        rows.append(
            f"<tr><td>{_e(label)}</td><td class=\"num\">{count}</td><td class=\"num\">{_pct(count, total)}</td>"
            f"<td class=\"bar\"><span style=\"width:{width}%\"></span></td></tr>"
        )
    head = f"<tr><th>{_e(label_header)}</th><th class=\"num\">Antal</th><th class=\"num\">Andel</th><th></th></tr>"
    return f"<table>\n<thead>{head}</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _counts(values: Iterable[str], labels: Mapping[str, str], keep_zero: bool = True) -> list[tuple[str, int]]:
    """Count per id in the vocabulary's order, then unknown ids and blanks, so nothing is hidden."""
    tally: dict[str, int] = {}
    for value in values:
        tally[value] = tally.get(value, 0) + 1
    known = [(labels[i], tally.get(i, 0)) for i in labels if keep_zero or tally.get(i, 0)]
    others = [(i or NOT_STATED, n) for i, n in sorted(tally.items()) if i not in labels]
    return known + others


def _split(ids: str) -> list[str]:
    return [i for i in str(ids).split(";") if i]


def _placed(cases: pd.DataFrame) -> pd.DataFrame:
    in_placement = cases["setting"].isin(["anbringelse", "begge"])
    has_placement = pd.Series(
        ["anbringelse" in _split(ids) for ids in cases["interventions"]], index=cases.index, dtype=bool
    )
    return cases[in_placement | has_placement]


def _key_figures(cases: pd.DataFrame, documents: pd.DataFrame) -> str:
    flagged = int((cases["flagged"] == "true").sum())
    problems = int(documents["status"].isin(["failed", "partial"]).sum())
    figures = [
        ("Sager", len(cases)),
        ("Dokumenter", len(documents)),
        ("Anbragte børn", len(_placed(cases))),
        ("Markerede sager", f"{flagged} ({_pct(flagged, len(cases))})"),
        ("Dokumenter ikke fuldt læst", problems),
    ]
    boxes = "".join(f'<div class="figure"><b>{_e(v)}</b>{_e(k)}</div>' for k, v in figures)
    return f'<h2>Nøgletal</h2>\n<div class="figures">{boxes}</div>'


def _setting_section(cases: pd.DataFrame) -> str:
    return "<h2>Indsatsramme</h2>\n" + _distribution("Indsatsramme", _counts(cases["setting"], SETTING_LABELS), len(cases))


def _interventions_section(cases: pd.DataFrame) -> str:
    ids = [i for value in cases["interventions"] for i in _split(value)]
    counts = sorted(_counts(ids, INTERVENTION_LABELS), key=lambda item: -item[1])
    return (
        "<h2>Indsatser</h2>\n<p class=\"note\">Antal sager med indsatsen bevilget. En sag kan have flere indsatser.</p>\n"
        + _distribution("Indsats", counts, len(cases))
    )


def _placement_section(cases: pd.DataFrame) -> str:
    placed = _placed(cases)
    if placed.empty:
        return "<h2>Anbragte børn</h2>\n<p>Ingen af sagerne indeholder en anbringelse.</p>"
    return (
        f"<h2>Anbragte børn</h2>\n<p>{len(placed)} sager indeholder en anbringelse uden for hjemmet.</p>\n"
        "<h3>Anbringelsessted</h3>\n"
        + _distribution("Anbringelsessted", _counts(placed["placement_type"], PLACEMENT_TYPE_LABELS, False), len(placed))
        + "\n<h3>Samtykke</h3>\n"
        + _distribution("Samtykke", _counts(placed["consent"], CONSENT_LABELS), len(placed))
    )


def _follow_up_section(cases: pd.DataFrame) -> str:
    overall = _distribution("Opfølgning på effekt", _counts(cases["follow_up_effect"], FOLLOW_UP_LABELS), len(cases))
    rows = []
    for setting, group in cases.groupby("setting", sort=False):
        tally = dict(_counts(group["follow_up_effect"], FOLLOW_UP_LABELS))
        cells = [f"{tally[label]} ({_pct(tally[label], len(group))})" for label in FOLLOW_UP_LABELS.values()]
        rows.append((value_label("setting", str(setting)), *cells, len(group)))
    order = list(SETTING_LABELS.values())
    rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else len(order))
    by_setting = _table(["Indsatsramme", *FOLLOW_UP_LABELS.values(), "I alt"], rows, numeric=(1, 2, 3, 4))
    return "<h2>Opfølgning på effekt</h2>\n" + overall + "\n<h3>Efter indsatsramme</h3>\n" + by_setting


def _quotes(reasons: list[str], own: list[Mapping[str, object]]) -> list[Mapping[str, object]]:
    """Evidence for the flags first, then the strongest granted findings of the case."""
    for_flag = [f for f in own if f["criterion"] == "flag" and f["value"] in reasons]
    granted = sorted(
        (f for f in own if f["criterion"] != "flag" and f["status"] == "granted"),
        key=lambda f: -float(f["confidence"]),  # type: ignore[arg-type]
    )
    return (for_flag + granted)[:QUOTES_PER_CASE]


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _flagged_case(case: Mapping[str, object], own: list[Mapping[str, object]]) -> str:
    reasons = _split(str(case["flag_reasons"]))
    quotes = "".join(
        f"<blockquote>»{_e(_short(str(q['evidence'])))}«"
        f"<br><span class=\"source\">Dokument {_e(str(q['document_id'])[:12])}, side {_e(q['page'])}</span></blockquote>"
        for q in _quotes(reasons, own)
    )
    return (
        f"<tr><td>{_e(case['case_id'])}</td><td>{_e(joined_labels('flag_reasons', reasons))}</td>"
        f"<td>{quotes or NO_QUOTE}</td></tr>"
    )


def _flags_section(cases: pd.DataFrame, findings: pd.DataFrame) -> str:
    ids = [i for value in cases["flag_reasons"] for i in _split(value)]
    counts = sorted(_counts(ids, FLAG_LABELS), key=lambda item: -item[1])
    flagged = cases[cases["flagged"] == "true"].sort_values("case_id")
    by_case: dict[str, list[Mapping[str, object]]] = defaultdict(list)
    for finding in findings[findings["case_id"].isin(flagged["case_id"])].to_dict(orient="records"):
        by_case[str(finding["case_id"])].append(finding)
    rows = "\n".join(
        _flagged_case(case, by_case[str(case["case_id"])]) for case in flagged.to_dict(orient="records")
    )
    listing = (
        "<table>\n<thead><tr><th>Sag</th><th>Markeringsårsager</th><th>Udvalgte citater</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table>"
        if rows
        else "<p>Ingen sager er markeret.</p>"
    )
    return (
        "<h2>Markeringer</h2>\n<p class=\"note\">Antal sager med markeringen (en sag kan have flere).</p>\n"
        + _distribution("Markering", counts, len(cases))
        + "\n<h3>Markerede sager</h3>\n"
        + listing
    )


def _problem_rows(documents: pd.DataFrame) -> list[tuple[str, str, str, int]]:
    problems = documents[documents["status"].isin(PROBLEM_STATUSES)]
    keys = problems["error_code"] if "error_code" in problems else problems["error"]
    rows = []
    for key, group in problems.groupby(keys.where(keys != "", problems["error"]), sort=True):
        message = next((m for m in group["error"] if m), NOT_STATED)
        statuses = ", ".join(
            f"{value_label('document_status', s)}: {n}" for s, n in sorted(group["status"].value_counts().items())
        )
        rows.append((str(key) or NOT_STATED, message, statuses, len(group)))
    return sorted(rows, key=lambda r: (-r[3], r[0]))


def _documents_section(documents: pd.DataFrame) -> str:
    total = len(documents)
    status = _distribution("Status", _counts(documents["status"], DOCUMENT_STATUS_LABELS), total)
    method = _distribution("Tekstmetode", _counts(documents["method"], METHOD_LABELS), total)
    with_text = documents[documents["method"] != "none"]
    ocr_docs = int(with_text["method"].isin(["ocr", "mixed"]).sum())
    ocr_line = f"{ocr_docs} af {len(with_text)} dokumenter med tekst ({_pct(ocr_docs, len(with_text))}) er helt eller delvist læst med tekstgenkendelse (OCR)"
    if "ocr_pages" in documents:
        ocr_pages, pages = int(documents["ocr_pages"].sum()), int(documents["pages"].sum())
        ocr_line += f"; {ocr_pages} af {pages} sider ({_pct(ocr_pages, pages)})"
    problems = _problem_rows(documents)
    problem_table = (
        _table(["Fejltype", "Forklaring", "Status", "Antal"], problems, numeric=(3,))
        if problems
        else "<p>Alle dokumenter blev læst.</p>"
    )
    formats = _table(
        ["Format", "Antal"], sorted(documents["format"].value_counts().items(), key=lambda r: (-r[1], r[0])), numeric=(1,)
    )
    return (
        "<h2>Dokumenter</h2>\n" + status + f"\n<p>{_e(ocr_line)}.</p>\n<h3>Tekstmetode</h3>\n" + method
        + "\n<h3>Problemer efter fejltype</h3>\n" + problem_table + "\n<h3>Formater</h3>\n" + formats
    )


def _info_value(value: object) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _method_section(run_info: Mapping[str, object]) -> str:
    rows = [(run_info_label(k), _info_value(v)) for k, v in run_info.items()]
    return f"<h2>Metode og version</h2>\n<p>{METHOD_TEXT}</p>\n" + _table(["Oplysning", "Værdi"], rows)


def render_report(
    cases: pd.DataFrame,
    findings: pd.DataFrame,
    documents: pd.DataFrame,
    run_info: Mapping[str, object],
) -> str:
    """The report page for the frames of `pipeline.tables`; `run_info` is shown in the method section."""
    meta = " · ".join(
        f"{run_info_label(k)}: {_info_value(run_info[k])}" for k in ("finished_at", "version") if k in run_info
    )
    body = "\n".join(
        [
            _key_figures(cases, documents),
            _setting_section(cases),
            _interventions_section(cases),
            _placement_section(cases),
            _follow_up_section(cases),
            _flags_section(cases, findings),
            _documents_section(documents),
            _method_section(run_info),
        ]
    )
    return PAGE.format(css=CSS, meta=_e(meta), body=body)

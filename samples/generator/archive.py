"""Write the whole synthetic archive: case folders, one zipped case, a stray file, gold labels and PII register."""
from __future__ import annotations

import csv
import io
import json
import random
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import render
from .casefile import compose_case
from .compose import Doc
from .scenario import Scenario, build_scenarios

GOLD_COLUMNS = ("case_id", "split", "setting", "interventions", "placement_type", "consent", "follow_up_effect")
ALL_FORMATS = ("pdf", "docx", "txt", "rtf", "odt", "doc", "eml", "png")
BASIC_WEIGHTS = {"pdf": 55, "docx": 25, "txt": 20}
TXT_ENCODINGS = ("utf-8", "utf-8", "utf-8-sig", "cp1252")
# Which case (by position) carries each rare format or fault; spread over the splits.
SPECIAL_CASES = {"scan_pdf": 2, "doc": 5, "zip": 6, "mixed_pdf": 7, "odt": 8, "png": 10, "eml": 11, "rtf": 13,
                 "faulty": 14}
MUNICIPALITIES = ("Sydkyst Kommune", "Nørreå Kommune", "Bakkedal Kommune", "Fjordby Kommune")
FOLDERS = {"afgoerelse": "Afgørelser", "buu_indstilling": "Afgørelser", "email": "Korrespondance",
           "journalnotat": "Korrespondance", "statusudtalelse": "Statusrapporter", "tilsynsrapport": "Statusrapporter"}


@dataclass
class PlannedFile:
    doc: Doc
    fmt: str                          # pdf | docx | txt:<encoding> | rtf | odt | doc | eml | png | scan_pdf | mixed_pdf
    relpath: str
    attachment: PlannedFile | None = None


def _special_index(kind: str, n_cases: int) -> int:
    return SPECIAL_CASES[kind] % n_cases


def _pick_basic(rng: random.Random, formats: Sequence[str]) -> str:
    options = [f for f in BASIC_WEIGHTS if f in formats] or ["txt"]
    fmt = rng.choices(options, [BASIC_WEIGHTS[f] for f in options])[0]
    return f"txt:{rng.choice(TXT_ENCODINGS)}" if fmt == "txt" else fmt


def _extension(fmt: str) -> str:
    return {"scan_pdf": "pdf", "mixed_pdf": "pdf"}.get(fmt, fmt.split(":")[0])


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|]', "-", name).strip()


def plan_files(sc: Scenario, docs: list[Doc], n_cases: int, formats: Sequence[str], scanned: bool,
               seed: int, register_name) -> list[PlannedFile]:
    rng = random.Random(f"{seed}-{sc.index}-files")
    fmts = [("docx" if d.table_only else _pick_basic(rng, formats)) for d in docs]
    if "docx" not in formats:
        fmts = [_pick_basic(rng, formats) for _ in docs]
    specials = [k for k in ("scan_pdf", "mixed_pdf", "png", "rtf", "odt", "doc", "eml")
                if _special_index(k, n_cases) == sc.index
                and (k in formats or (k in ("scan_pdf", "mixed_pdf") and scanned and "pdf" in formats))
                and not (k == "png" and not scanned)]
    attachment_of: dict[int, int] = {}
    by_length = sorted(range(len(docs)), key=lambda i: (len(render.doc_lines(docs[i])), i))
    free = [i for i in range(len(docs)) if not docs[i].table_only]
    for kind in specials:
        if kind == "eml":
            mails = [i for i in free if docs[i].doc_type == "email"] or [i for i in free if docs[i].doc_type == "journalnotat"]
            attach = [i for i in free if docs[i].doc_type in ("statusudtalelse", "handleplan", "opfoelgning", "afgoerelse")
                      and i not in mails[:1]]
            if mails and attach:
                fmts[mails[0]] = "eml"
                fmts[attach[0]] = rng.choice(["pdf", "docx"])
                attachment_of[attach[0]] = mails[0]
                free = [i for i in free if i not in (mails[0], attach[0])]
            continue
        if kind in ("scan_pdf", "png"):
            choice = next((i for i in by_length if i in free), None)
        elif kind == "mixed_pdf":
            choice = next((i for i in reversed(by_length) if i in free), None)
        else:
            choice = free[len(free) // 2] if free else None
        if choice is not None:
            fmts[choice] = kind
            free.remove(choice)
    nested = sc.index % 3 == 1
    by_year = sc.index % 5 == 0
    named = sc.index % 7 == 3
    kommune = MUNICIPALITIES[sc.index % len(MUNICIPALITIES)]
    planned: list[PlannedFile] = []
    used: set[str] = set()
    for doc, fmt in zip(docs, fmts, strict=True):
        if rng.random() < 0.5:
            doc.header = f"{kommune} - Børn og Familie - Sagsnr. {sc.family.journal}"
            doc.footer = "Fortroligt - indeholder personoplysninger"
        stem = f"{doc.when:%Y-%m-%d} {doc.title}"
        if named and doc.doc_type in ("underretning", "bfu", "afgoerelse"):
            stem = f"{doc.title} {register_name(sc.family.child.name)} {doc.when:%Y-%m-%d}"
        folder = ""
        if nested:
            folder = FOLDERS.get(doc.doc_type, "")
        elif by_year:
            folder = f"Dokumenter/{doc.when.year}"
        base = f"{folder}/{_safe(stem)}" if folder else _safe(stem)
        rel, k = f"{base}.{_extension(fmt)}", 2
        while rel.lower() in used:
            rel, k = f"{base} ({k}).{_extension(fmt)}", k + 1
        used.add(rel.lower())
        planned.append(PlannedFile(doc, fmt, rel))
    for att, mail in attachment_of.items():
        planned[mail].attachment = planned[att]
    return [p for i, p in enumerate(planned) if i not in attachment_of]


def render_file(pf: PlannedFile, sc: Scenario) -> bytes:
    fmt = pf.fmt
    if fmt == "pdf":
        return render.to_pdf(pf.doc)
    if fmt == "docx":
        return render.to_docx(pf.doc)
    if fmt.startswith("txt:"):
        return render.to_txt(pf.doc, fmt.split(":", 1)[1])
    if fmt == "rtf":
        return render.to_rtf(pf.doc)
    if fmt == "odt":
        return render.to_odt(pf.doc)
    if fmt == "doc":
        return render.to_doc(pf.doc)
    if fmt == "png":
        return render.to_png(pf.doc)
    if fmt in ("scan_pdf", "mixed_pdf"):
        return render.to_scanned_pdf(pf.doc, text_first_page=fmt == "mixed_pdf")
    if fmt == "eml":
        attachment = None
        if pf.attachment:
            att = pf.attachment
            attachment = (Path(att.relpath).name, render_file(att, sc), "pdf" if att.fmt == "pdf" else
                          "vnd.openxmlformats-officedocument.wordprocessingml.document")
        return render.to_eml(pf.doc, sc.family.caseworker.email, sc.family.mother.email, attachment)
    raise ValueError(f"ukendt format: {fmt}")


def _faulty_files(files: dict[str, bytes]) -> dict[str, bytes]:
    """One empty file and one truncated PDF (a copy of a real one, so no label evidence is lost)."""
    pdfs = sorted(p for p in files if p.endswith(".pdf"))
    extra = {"Scanning 0001.pdf": b""}
    if pdfs:
        data = files[pdfs[0]]
        extra["Kopi af dokument (beskadiget).pdf"] = data[: len(data) * 2 // 5]
    return extra


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for rel in sorted(files):
            info = zipfile.ZipInfo(rel, render.FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[rel])
    return buf.getvalue()


def _stray_bytes() -> bytes:
    # Windows thumbnail caches are OLE2 compound files; the header is enough to look like one.
    return bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)


def generate_archive(out_dir: str | Path, n_cases: int = 60, seed: int = 2026, scanned: bool = True,
                     formats: Sequence[str] = ALL_FORMATS, extras: bool = True,
                     gold_path: str | Path | None = None, pii_path: str | Path | None = None) -> list[dict[str, str]]:
    """Generate a deterministic archive into out_dir (must be empty or absent) and return the gold rows.

    `scanned=False` leaves out image pages (OCR-free benchmarks); `extras=False` leaves out the zipped case,
    the stray top-level file and the faulty files.
    """
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"mappen er ikke tom: {out}")
    out.mkdir(parents=True, exist_ok=True)
    gold: list[dict[str, str]] = []
    pii: dict[str, list[dict[str, str]]] = {}
    faulty_pending = extras
    for sc in build_scenarios(n_cases, seed):
        docs, register = compose_case(sc, seed)
        planned = plan_files(sc, docs, n_cases, formats, scanned, seed,
                             lambda name, r=register: r.add("name", name, "barn"))
        files = {pf.relpath: render_file(pf, sc) for pf in planned}
        is_zip = extras and sc.index == _special_index("zip", n_cases)
        if faulty_pending and not is_zip and sc.index >= _special_index("faulty", n_cases) and len(files) <= 8:
            files.update(_faulty_files(files))
            faulty_pending = False
        if is_zip:
            (out / f"{sc.case_id}.zip").write_bytes(_zip_bytes(files))
        else:
            for rel, data in files.items():
                target = out / sc.case_id / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        gold.append(sc.gold())
        pii[sc.case_id] = register.entries
    if extras:
        (out / "Thumbs.db").write_bytes(_stray_bytes())
    if gold_path:
        write_gold(gold, Path(gold_path))
    if pii_path:
        Path(pii_path).write_text(json.dumps(pii, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return gold


def write_gold(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=GOLD_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

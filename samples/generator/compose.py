"""Turn one case scenario into dated documents (format-neutral blocks) that express its truth."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from . import boilerplate, heldout_phrases, phrases
from .people import GIRLS, PiiRegister
from .scenario import Episode, Scenario
from .vocabulary import (
    ACUTE_BASIS,
    committee,
    format_date,
    is_bl,
    legal,
    measure_word,
    placement_legal,
    plan_name,
)

# Lower numbers are dropped last when a case has too many documents.
KEEP_ALWAYS, KEEP_TRAP, KEEP_EXTRA = 0, 1, 2


@dataclass
class Doc:
    doc_type: str
    when: date
    title: str
    blocks: list[tuple[str, Any]] = field(default_factory=list)   # ("h"|"p"|"kv"|"table", payload)
    header: str = ""
    footer: str = ""
    priority: int = KEEP_ALWAYS
    table_only: bool = False         # its intervention appears only inside a table: must be rendered as DOCX


def doc_lines(doc: Doc) -> list[str]:
    """Plain-text linearisation: headings, 'key: value' rows and tables as pipe-separated rows."""
    lines: list[str] = []
    for kind, payload in doc.blocks:
        if kind == "h":
            lines += ["", str(payload), ""]
        elif kind == "p":
            lines.append(str(payload))
        elif kind == "kv":
            lines += [f"{k}: {v}" for k, v in payload]
        elif kind == "table":
            lines += [" | ".join(row) for row in payload]
    return lines


class Composer:
    def __init__(self, sc: Scenario, seed: int) -> None:
        self.sc = sc
        self.rng = random.Random(f"{seed}-{sc.index}-docs")
        self.book: ModuleType = heldout_phrases if sc.heldout else phrases
        self.pii = PiiRegister()
        fam = sc.family
        self.inst = self.rng.choice(self.book.INSTITUTIONS)
        self.sib = fam.siblings[0] if fam.siblings else None
        self.goals = self.rng.sample(self.book.GOALS, 2)
        self.klasse = self.rng.choice(boilerplate.SCHOOL_CLASSES)
        self.style_names = sc.styles
        self.provider = "Leverandøren"

    # -- text helpers -------------------------------------------------------------------------------
    def style(self) -> dict[str, Any]:
        return self.book.STYLES[self.rng.choice(self.style_names)]

    def ctx(self, when: date) -> dict[str, str]:
        fam = self.sc.family
        sib_rel = "Halvbror"
        if self.sib:
            older = self.sib.birth and fam.child.birth and self.sib.birth < fam.child.birth
            sib_rel = ("Storesøster" if older else "Lillesøster") if self.sib.first in GIRLS else (
                "Storebror" if older else "Lillebror")
        return {
            "barn": fam.child.first, "barns": _genitive(fam.child.first), "udfoerer": self.provider, "mor": fam.mother.first, "far": fam.father.first,
            "sagsbehandler": fam.caseworker.name,
            "initialer": (fam.caseworker.first[0] + fam.caseworker.last[0]).upper(),
            "cw_tlf": fam.caseworker.phone, "cw_mail": fam.caseworker.email,
            "udvalg": committee(when).capitalize(), "soeskende": self.sib.first if self.sib else "Oliver",
            "soeskende_rel": sib_rel, "inst": self.inst, "klasse": self.klasse,
            "fravaer": str(self.rng.randint(8, 35)), "plan": plan_name(when),
        }

    def say(self, template: str, when: date, **extra: str) -> str:
        values = self.ctx(when)
        values.update(extra)
        text = template.format(**values)
        pronoun = "hun" if self.sc.female else "han"
        return text.replace("hun/han", pronoun)

    def pick(self, options: list[str], when: date, **extra: str) -> str:
        return self.say(self.rng.choice(options), when, **extra)

    def date(self, when: date, style: dict[str, Any] | None = None) -> str:
        styles = (style or self.style())["date_styles"]
        return format_date(when, self.rng.choice(styles))

    def noun(self, intervention: str, when: date) -> str:
        if intervention == "anbringelse":
            return "anbringelsen"
        regime = "bl" if is_bl(when) else "sel"
        options = [t for t, r in self.book.NOUNS[intervention] if r in ("*", regime)]
        return self.say(self.rng.choice(options), when)

    def note_pii(self) -> None:
        fam = self.sc.family
        for person in [fam.child, fam.mother, fam.father, *fam.siblings, *fam.fosters]:
            self.pii.add("name", person.name, person.role)
            self.pii.add("name", person.first, person.role)
        self.pii.add("name", fam.caseworker.name, "sagsbehandler")
        if not fam.siblings:
            self.pii.add("name", "Oliver", "halvbror")

    def header_kv(self, when: date) -> tuple[str, list[tuple[str, str]]]:
        fam = self.sc.family
        variant = self.rng.random()
        if variant < 0.5:
            cpr = self.pii.add("cpr", fam.child.cpr, "barn")
        elif variant < 0.8:
            cpr = self.pii.add("cpr", fam.child.cpr_compact, "barn")
        else:
            cpr = "født " + self.pii.add("cpr", fam.child.cpr_birth, "barn")
        rows = [("Barnets navn", fam.child.name), ("CPR-nr.", cpr),
                ("Adresse", self.pii.add("address", fam.address, "barn")),
                ("Sagsnr.", self.pii.add("journal", fam.journal, "sag"))]
        if self.rng.random() < 0.5:
            rows.append(("Mor", f"{fam.mother.name}, CPR {self.pii.add('cpr', fam.mother.cpr, 'mor')}, "
                                f"tlf. {self.pii.add('phone', fam.mother.phone, 'mor')}"))
        if self.rng.random() < 0.3:
            rows.append(("Far", f"{fam.father.name}, CPR {self.pii.add('cpr', fam.father.cpr, 'far')}"))
        rows.append(("Sagsbehandler", fam.caseworker.name))
        return "kv", rows

    def filler(self, when: date, n: int) -> list[tuple[str, Any]]:
        blocks: list[tuple[str, Any]] = []
        sections = self.rng.sample(list(boilerplate.ICS_SECTIONS), min(n, len(boilerplate.ICS_SECTIONS)))
        for section in sections:
            sentences = self.rng.sample(boilerplate.ICS_SECTIONS[section], min(3, len(boilerplate.ICS_SECTIONS[section])))
            blocks.append(("h", section))
            blocks.append(("p", " ".join(self.say(s, when) for s in sentences)))
        return blocks

    def new_doc(self, doc_type: str, title: str, when: date, key: list[str], *, priority: int = KEEP_ALWAYS,
                header_block: bool = True, extra_blocks: list[tuple[str, Any]] | None = None) -> Doc:
        """Opener, filler and key sentences; held-out documents bury the key sentences deeper in more filler."""
        style = self.style()
        lo, hi = style["filler"]
        n_fill = self.rng.randint(lo, hi)
        blocks: list[tuple[str, Any]] = []
        if header_block:
            blocks.append(self.header_kv(when))
        blocks.append(("p", self.say(self.rng.choice(style["openers"]), when)))
        fill = self.filler(when, n_fill)
        cut = len(fill) if self.sc.heldout else self.rng.randint(0, len(fill) // 2) * 2
        body = [("p", k) for k in key if k]
        blocks += fill[:cut] + body + (extra_blocks or []) + fill[cut:]
        if self.rng.random() < 0.3:
            blocks.append(("p", self.rng.choice(boilerplate.PROCESS)))
        blocks.append(("p", self.say(self.rng.choice(style["closings"]), when)))
        blocks.append(("p", self.say(style["signature"], when)))
        self.pii.add("phone", self.sc.family.caseworker.phone, "sagsbehandler")
        self.pii.add("email", self.sc.family.caseworker.email, "sagsbehandler")
        heading = f"{title} - {self.date(when, style)}"
        return Doc(doc_type, when, title, [("h", heading), *blocks], priority=priority)

    # -- documents ----------------------------------------------------------------------------------
    def underretning(self, when: date) -> Doc:
        fam = self.sc.family
        key = [self.pick(self.book.UNDERRETNING, when),
               f"Mor, {fam.mother.name}, er orienteret om underretningen og kan kontaktes på tlf. "
               f"{self.pii.add('phone', fam.mother.phone, 'mor')}.",
               "24-timers vurdering: Er der behov for akut handling? Nej."]
        return self.new_doc("underretning", "Underretning", when, key)

    def bfu(self, when: date, recommended: list[Episode]) -> Doc:
        sc, book = self.sc, self.book
        afdaekning = is_bl(when) and sc.setting in ("hjemmebaseret", "ingen") and self.rng.random() < 0.5
        title = "Afdækning (barnets lov § 19)" if afdaekning else self.rng.choice(
            ["Børnefaglig undersøgelse", "§ 50-undersøgelse" if not is_bl(when) else "Børnefaglig undersøgelse (BL § 20)"])
        key = []
        if "historical" in sc.traps:
            child_birth = sc.family.child.birth or sc.start
            if sc.start.year - child_birth.year >= 7:
                key.append(self.pick(book.HISTORICAL_PLACEMENT, when, fra=str(sc.start.year - 5),
                                     til=str(sc.start.year - 3)))
            key.append(self.pick(book.HISTORICAL_MEASURE, when, fra=str(sc.start.year - 2),
                                 indsats=self.noun(sc.historical[0], when)))
        if "other_person" in sc.traps:
            key.append(self.pick(book.OTHER_PERSON, when))
        key.append(self.pick(book.CHILD_TALK, when))
        if "at_risk" in sc.traps:
            key.append(self.pick(book.AT_RISK, when))
        if "negated_placement" in sc.traps:
            key.append(self.pick(book.NEGATED_PLACEMENT, when))
        if "hypothetical" in sc.traps:
            key.append(self.pick(book.HYPOTHETICAL_PLACEMENT, when) if not sc.placement else "")
            if sc.refused:
                key.append(_cap(self.pick(book.HYPOTHETICAL, when, indsats=self.noun(sc.refused[0], when))))
        if "checkbox" in sc.traps and not sc.placement:
            key.append(book.CHECKBOX_NO)
        if recommended:
            names = ", ".join(self.noun(e.intervention, when) if e.intervention != "anbringelse"
                              else "anbringelse uden for hjemmet" for e in recommended)
            key.append(f"Konklusion: Forvaltningen vurderer, at der er behov for {names}.")
        else:
            key.append("Konklusion: " + self.pick(book.CLOSING_NONE, when))
        return self.new_doc("bfu", title, when, key)

    def decision(self, ep: Episode, with_purpose: bool, goal: str) -> list[Doc]:
        sc, book, when = self.sc, self.book, ep.start
        dated = self.date(when)
        purpose = self.pick(book.PURPOSE, when, maal=self.say(goal, when), varighed=str(self.rng.choice([6, 9, 12])))
        if ep.intervention == "konsulentbistand":
            key = [self.pick(book.EARLY_START, when, indsats=self.noun(ep.intervention, when),
                             lov=legal(ep.intervention, when), dato=dated)]
            if with_purpose:
                key.append(purpose)
            return [self.new_doc("journalnotat", "Journalnotat", when, key)]
        if ep.intervention == "anbringelse":
            return self.placement_docs(ep, with_purpose, purpose)
        lov = legal(ep.intervention, when, sc.old_numbering)
        noun = self.noun(ep.intervention, when)
        slut = self.date(ep.end)
        timer = str(self.rng.choice([3, 4, 6, 8]))
        key = []
        table_only = ep.intervention not in ("efterv", "stoetteperson_foraeldre") and self.rng.random() < 0.3
        extra: list[tuple[str, Any]] = []
        if table_only:
            key.append(self.rng.choice(book.TABLE_INTRO))
            extra.append(("table", [["Indsats", "Leverandør", "Periode"],
                                    [f"{noun[0].upper()}{noun[1:]} ({lov})", self.rng.choice(
                                        ["Familiecentret", "Ungeenheden", "Privat leverandør", self.inst]),
                                     f"{format_date(when, 'dot')} - {format_date(ep.end, 'dot')}"]]))
        else:
            key.append(self.pick(book.GRANT, when, indsats=noun, lov=lov, dato=dated))
            if ep.intervention in ("kontaktperson", "praktisk_paedagogisk_stoette", "familiebehandling", "anden_stoette"):
                key.append(self.pick(book.GRANT_DETAIL, when, dato=dated, slut=slut, timer=timer))
            if ep.intervention in book.ABBREVIATED and self.rng.random() < 0.6:
                key.append(self.say(book.ABBREVIATED[ep.intervention], when, dato=dated))
        if with_purpose:
            key.append(purpose)
        if "at_risk" in sc.traps and not sc.placement and self.rng.random() < 0.5:
            key.append(self.pick(book.AT_RISK, when))
        extra += [("p", boilerplate.PARTSHOERING), ("p", boilerplate.KLAGEVEJLEDNING)]
        title = self.rng.choice([f"Afgørelse om {measure_word(when)}", "Bevilling", "Afgørelse"])
        doc = self.new_doc("afgoerelse", title, when, key, extra_blocks=extra)
        doc.table_only = table_only
        return [doc]

    def placement_docs(self, ep: Episode, with_purpose: bool, purpose: str) -> list[Doc]:
        sc, book, when = self.sc, self.book, ep.start
        consent = ep.consent or "med"
        lov = placement_legal(consent, when, sc.old_numbering)
        akutlov = ACUTE_BASIS[1] if is_bl(when) else ACUTE_BASIS[0]
        sted = self.say(self.rng.choice(book.PLACES[ep.placement_type or "plejefamilie"]), when)
        dated = self.date(when)
        docs = []
        if consent in ("uden", "ung15"):
            pre = when - timedelta(days=self.rng.randint(5, 20))
            docs.append(self.new_doc("buu_indstilling", f"Indstilling til {committee(pre)}", pre, [
                self.say(f"Forvaltningen indstiller, at {{barn}} anbringes uden for hjemmet, jf. {lov}.", pre),
                "Forældrene er repræsenteret ved advokat."], priority=KEEP_TRAP))
        key = [self.pick(book.PLACEMENT, when, sted=sted, lov=lov, dato=dated),
               self.pick(book.CONSENT[consent], when, lov=lov, dato=dated, akutlov=akutlov)]
        if sc.family.fosters and ep.placement_type != "netvaerksplejefamilie":
            mor, far = sc.family.fosters
            key.append(f"Plejeforældre: {mor.name} og {far.name}, "
                       f"{self.pii.add('address', sc.family.foster_address, 'plejefamilie')}.")
        if with_purpose:
            key.append(purpose)
        if "checkbox" in sc.traps:
            key.append(book.CHECKBOX_YES)
        title = "Formandsbeslutning" if consent == "formand" else self.rng.choice(
            ["Afgørelse om anbringelse", "Afgørelse om anbringelse uden for hjemmet"])
        docs.append(self.new_doc("afgoerelse", title, when, key,
                                 extra_blocks=[("p", boilerplate.KLAGEVEJLEDNING)]))
        if consent in book.CONSENT_FOLLOWUP:
            later = when + timedelta(days=self.rng.randint(3, 10))
            docs.append(self.new_doc("journalnotat", "Journalnotat", later,
                                     [self.pick(book.CONSENT_FOLLOWUP[consent], later)]))
        return docs

    def plan(self, when: date, ep: Episode) -> Doc:
        young = (when.year - (self.sc.family.child.birth or when).year) >= 15
        name = plan_name(when, young)
        heads = self.book.PLAN_HEAD
        key = [f"{heads[0]}: {self.say(self.goals[0], when)}.",
               f"{heads[1]} 1: {self.say(self.goals[0], when)}.",
               f"{heads[2]} 1.1: {self.say(self.goals[1], when)}.",
               f"Indsats: {self.noun(ep.intervention, when) if ep.intervention != 'anbringelse' else 'anbringelse'}."]
        if "checkbox" in self.sc.traps and not self.sc.placement:
            key.append(self.book.CHECKBOX_NO)
        key.append(f"Næste opfølgning: {self.date(when + timedelta(days=90))}.")
        return self.new_doc("handleplan", name[0].upper() + name[1:], when, key)

    def followup_documented(self, when: date, ep: Episode) -> list[Doc]:
        book = self.book
        self.provider = PROVIDERS.get(ep.intervention, "Leverandøren")
        v = self.rng.randrange(len(book.VERDICTS))
        before = self.rng.randint(2, 5)
        sdq = self.rng.randint(17, 26)
        consequence = book.CONSEQUENCE[self.rng.choice(CONSEQUENCE_FOR_VERDICT[v])]
        key = [self.pick(book.EFFECT, when, maal=self.say(self.goals[0], when), verdikt=book.VERDICTS[v]),
               self.pick(book.SCORE, when, foer=str(before), efter=str(before + self.rng.randint(0 if v == 2 else 1, 4)),
                         sdq_foer=str(sdq), sdq_efter=str(sdq - self.rng.randint(0 if v == 2 else 2, 7))),
               self.say(consequence, when, dato=self.date(when + timedelta(days=60)))]
        docs = [self.new_doc("opfoelgning", self.rng.choice(["Opfølgning", "Opfølgningsmøde", "Revision af plan"]),
                             when, key)]
        if self.rng.random() < 0.5:
            status_day = when - timedelta(days=self.rng.randint(7, 20))
            docs.append(self.new_doc("statusudtalelse", "Statusudtalelse", status_day,
                                     [self.pick(book.STATUS_ONLY, status_day)], priority=KEEP_EXTRA))
        return docs

    def followup_status(self, when: date, ep: Episode) -> Doc:
        self.provider = PROVIDERS.get(ep.intervention, "Leverandøren")
        doc_type, title = self.rng.choice([("statusudtalelse", "Statusudtalelse"), ("opfoelgning", "Statusmøde")])
        return self.new_doc(doc_type, title, when, [self.pick(self.book.STATUS_ONLY, when)])

    def tilsyn(self, when: date) -> Doc:
        return self.new_doc("tilsynsrapport", "Tilsynsrapport - personrettet tilsyn", when,
                            [self.pick(self.book.TILSYN, when, dato=self.date(when))], priority=KEEP_EXTRA)

    def child_talk(self, when: date) -> Doc:
        return self.new_doc("boernesamtale", "Børnesamtale", when, [self.pick(self.book.CHILD_TALK, when)],
                            priority=KEEP_EXTRA)

    def trap_note(self, when: date) -> Doc | None:
        sc, book = self.sc, self.book
        key = []
        if sc.refused:
            key.append(self.pick(book.REFUSE, when, indsats=self.noun(sc.refused[0], when)))
        if "adult" in sc.traps:
            key.append(self.pick(book.ADULT, when))
        if not key:
            return None
        doc_type, title = self.rng.choice([("journalnotat", "Journalnotat"), ("email", "Mail fra forvaltningen"),
                                           ("journalnotat", "Telefonnotat")])
        return self.new_doc(doc_type, title, when, key, priority=KEEP_TRAP, header_block=doc_type != "email")

    def extension_note(self, when: date, ep: Episode) -> Doc:
        return self.new_doc("journalnotat", "Journalnotat", when, [self.pick(
            self.book.EXTENSION_ONLY, when, indsats=self.noun(ep.intervention, when), slut=self.date(ep.end))],
            priority=KEEP_EXTRA)


PROVIDERS = {"kontaktperson": "Kontaktpersonen", "familiebehandling": "Familiebehandleren",
             "praktisk_paedagogisk_stoette": "Familiepædagogen", "aflastning": "Aflastningsfamilien",
             "anbringelse": "Kontaktpædagogen på anbringelsesstedet", "dagtilbud": "Dagbehandlingen", "anden_stoette": "Mentoren"}
# Verdict index (reached, partly, not reached) -> consequence indices that make sense after it.
CONSEQUENCE_FOR_VERDICT = {0: (0, 2), 1: (0, 1), 2: (1,)}


def _genitive(name: str) -> str:
    return name + "'" if name[-1] in "sxz" else name + "s"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]

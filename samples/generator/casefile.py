"""Assemble one case's document list from its scenario: which documents, when, and how many (4-10)."""
from __future__ import annotations

import random
from datetime import date, timedelta

from . import boilerplate
from .compose import KEEP_ALWAYS, KEEP_EXTRA, Composer, Doc, doc_lines
from .people import PiiRegister
from .scenario import Scenario


def _between(rng: random.Random, lo: date, hi: date) -> date:
    if hi <= lo:
        return lo
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def compose_case(sc: Scenario, seed: int) -> tuple[list[Doc], PiiRegister]:
    c = Composer(sc, seed)
    c.note_pii()
    rng = c.rng
    docs: list[Doc] = [c.underretning(sc.start)]
    bfu_day = sc.start + timedelta(days=rng.randint(20, 50))
    first = sc.episodes[0] if sc.episodes else None
    docs.append(c.bfu(bfu_day, [e for e in sc.episodes if e.start <= bfu_day + timedelta(days=200)]))
    goals_stated = sc.follow_up == "dokumenteret" or (sc.follow_up == "delvis" and sc.follow_variant == "goals_only")
    for ep in sc.episodes:
        docs += c.decision(ep, goals_stated, c.goals[0])
    if first:
        follow_ep = sc.placement if sc.setting == "anbringelse" else first
        assert follow_ep is not None
        if goals_stated:
            docs.append(c.plan(follow_ep.start + timedelta(days=rng.randint(10, 40)), follow_ep))
        fu_day = min(follow_ep.start + timedelta(days=rng.randint(80, 100)), sc.end)
        if sc.follow_up == "dokumenteret":
            docs += c.followup_documented(fu_day, follow_ep)
        elif sc.follow_variant == "status_only":
            docs.append(c.followup_status(fu_day, follow_ep))
        elif rng.random() < 0.5:
            docs.append(c.extension_note(fu_day, follow_ep))
        pl = sc.placement
        if pl and sc.follow_up != "mangler":
            docs.append(c.tilsyn(_between(rng, pl.start + timedelta(days=60), pl.end)))
    if rng.random() < 0.6:
        docs.append(c.child_talk(bfu_day - timedelta(days=rng.randint(3, 10))))
    note = c.trap_note(_between(rng, sc.start + timedelta(days=10), sc.end))
    if note:
        docs.append(note)
    if sc.setting == "ingen":
        docs.append(c.new_doc("journalnotat", "Journalnotat - afslutning", sc.end,
                              [c.pick(c.book.CLOSING_NONE, sc.end)]))
    docs = _fit_count(docs, rng, c, sc)
    docs.sort(key=lambda d: d.when)
    # Keep only identifiers that survived into the final documents (dropped documents took some along).
    text = "\n".join(line for d in docs for line in doc_lines(d))
    c.pii.entries = [e for e in c.pii.entries if e["value"] in text]
    return docs, c.pii


def _fit_count(docs: list[Doc], rng: random.Random, c: Composer, sc: Scenario) -> list[Doc]:
    """4-10 documents per case: drop the least important, or add journal notes without label content."""
    while len(docs) > 10:
        worst = max(range(len(docs)), key=lambda i: (docs[i].priority, i))
        if docs[worst].priority == KEEP_ALWAYS:
            break
        docs.pop(worst)
    while len(docs) < 4:
        when = _between(rng, sc.start, sc.end)
        docs.append(c.new_doc("journalnotat", "Journalnotat", when, [rng.choice(boilerplate.PROCESS)],
                              priority=KEEP_EXTRA))
    return docs

"""The truth of each synthetic case, decided before any document is written (labels correct by construction)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .people import Family, make_family
from .vocabulary import PLACEMENT_LINKED, PLACEMENT_TYPES

# Fixed case->split rule by position: a third held-out, a sixth dev, the rest train.
SPLIT_PATTERN = ("train", "heldout", "train", "dev", "heldout", "train")
HOME_INTERVENTIONS = ("familiebehandling", "aflastning", "kontaktperson", "praktisk_paedagogisk_stoette",
                      "konsulentbistand", "dagtilbud", "oekonomisk_stoette", "doegnophold_familie",
                      "praktiksted", "anden_stoette")
SECONDARY_WEIGHTS = {"familiebehandling": 5, "kontaktperson": 4, "aflastning": 4, "praktisk_paedagogisk_stoette": 3,
                     "oekonomisk_stoette": 2, "konsulentbistand": 2, "anden_stoette": 1}
# Consent kinds: med = SEL 52.3.7/BL 46; the others are all uden_samtykke in the gold.
CONSENT_CYCLE = ("med", "uden", "med", "formand", "med", "ung15", "med", "uden")
# Realistic mix: most cases home-based, about a third with a placement, some closed without support.
SETTING_SHARES = (("hjemmebaseret", 0.50), ("begge", 0.20), ("anbringelse", 0.15), ("ingen", 0.15))
FOLLOW_SHARES = (("dokumenteret", 0.40), ("delvis", 0.35), ("mangler", 0.25))
TEEN_TYPES = {"sikret_doegninstitution": (14, 16), "eget_vaerelse": (16, 17), "kost_efterskole": (14, 16)}
TRAPS = ("refusal", "hypothetical", "negated_placement", "historical", "other_person", "at_risk", "adult",
         "checkbox")


@dataclass
class Episode:
    intervention: str
    start: date
    end: date
    placement_type: str | None = None
    consent: str | None = None           # med | uden | formand | ung15


@dataclass
class Scenario:
    index: int
    case_id: str
    split: str
    start: date
    end: date
    female: bool
    family: Family
    setting: str
    episodes: list[Episode]
    follow_up: str                       # dokumenteret | delvis | mangler
    follow_variant: str                  # goals_only | status_only (delvis only)
    traps: list[str]
    refused: list[str]
    historical: list[str]
    old_numbering: bool
    styles: list[str] = field(default_factory=list)

    @property
    def heldout(self) -> bool:
        return self.split == "heldout"

    @property
    def interventions(self) -> list[str]:
        return sorted({e.intervention for e in self.episodes})

    @property
    def placement(self) -> Episode | None:
        return next((e for e in self.episodes if e.intervention == "anbringelse"), None)

    def gold(self) -> dict[str, str]:
        pl = self.placement
        return {
            "case_id": self.case_id,
            "split": self.split,
            "setting": self.setting,
            "interventions": ";".join(self.interventions),
            "placement_type": pl.placement_type or "" if pl else "",
            "consent": ("med_samtykke" if pl.consent == "med" else "uden_samtykke") if pl else "",
            "follow_up_effect": self.follow_up,
        }


def _shuffled_shares(shares: tuple[tuple[str, float], ...], n: int, rng: random.Random) -> list[str]:
    """Exactly n values in the given shares (each value at least once when n allows), in seeded random order."""
    values = [v for v, share in shares for _ in range(max(1, round(share * n)) if n >= len(shares) else 0)]
    while len(values) < n:
        values.append(shares[0][0])
    values = values[:n] if len(values) == n else sorted(values, key=lambda v: -dict(shares)[v])[:n]
    rng.shuffle(values)
    return values


def split_for(index: int) -> str:
    return SPLIT_PATTERN[index % len(SPLIT_PATTERN)]


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, min(d.day, 28))


def _setting_of(interventions: set[str]) -> str:
    home = interventions - PLACEMENT_LINKED
    if "anbringelse" in interventions:
        return "begge" if home else "anbringelse"
    return "hjemmebaseret" if home else "ingen"


def _child_age(rng: random.Random, setting: str, primary: str, placement_type: str | None,
               consent: str | None, aftercare: bool) -> int:
    if aftercare:
        return 16
    if consent == "ung15":
        return rng.randint(15, 16)
    if placement_type in TEEN_TYPES:
        return rng.randint(*TEEN_TYPES[placement_type])
    if primary == "praktiksted":
        return rng.randint(15, 16)
    if primary == "doegnophold_familie":
        return rng.randint(0, 3)
    if primary == "dagtilbud":
        return rng.randint(6, 12)
    return rng.randint(2, 14)


def build_scenarios(n_cases: int, seed: int) -> list[Scenario]:
    scenarios = []
    settings = _shuffled_shares(SETTING_SHARES, n_cases, random.Random(f"{seed}-settings"))
    follows = _shuffled_shares(FOLLOW_SHARES, sum(s != "ingen" for s in settings), random.Random(f"{seed}-follow"))
    n_placements = 0
    n_home_primary = 0
    n_follow = 0
    for index in range(n_cases):
        crng = random.Random(f"{seed}-{index}")
        split = split_for(index)
        setting_plan = settings[index]
        placement_type = consent = None
        aftercare = parent_support = False
        if setting_plan in ("anbringelse", "begge"):
            placement_type = PLACEMENT_TYPES[n_placements % len(PLACEMENT_TYPES)]
            consent = CONSENT_CYCLE[n_placements % len(CONSENT_CYCLE)]
            aftercare = placement_type in ("eget_vaerelse", "opholdssted", "plejefamilie") and n_placements % 2 == 0
            parent_support = n_placements % 3 == 1
            n_placements += 1
        primary = ""
        if setting_plan in ("hjemmebaseret", "begge"):
            primary = HOME_INTERVENTIONS[n_home_primary % len(HOME_INTERVENTIONS)]
            n_home_primary += 1
        age = _child_age(crng, setting_plan, primary, placement_type, consent, aftercare)
        years = crng.choice([1, 1, 2, 2, 3, 4]) if not aftercare else 3
        start = date(2016, 1, 1) + timedelta(days=crng.randint(0, (date(2024, 6, 1) - date(2016, 1, 1)).days))
        if index % 4 == 2:  # cases that cross into barnets lov
            start = date(crng.choice([2022, 2023]), crng.randint(1, 12), crng.randint(1, 28))
        end = min(_add_months(start, 12 * years + crng.randint(-3, 3)), date(2025, 10, 31))
        if (end - start).days < 365:
            start = _add_months(end, -13)
        birth = start - timedelta(days=int(age * 365.25) + crng.randint(30, 300))
        if aftercare:
            end = max(end, _add_months(birth, 12 * 18 + 6))
        female = crng.random() < 0.5
        n_sib = crng.choice([0, 1, 1, 2])
        fosters = placement_type in ("netvaerksplejefamilie", "plejefamilie", "forstaerket_plejefamilie",
                                     "specialiseret_plejefamilie")
        family = make_family(crng, birth, female, n_sib, fosters, index + 1, start.year)
        total = (end - start).days
        episodes: list[Episode] = []
        first_start = start + timedelta(days=crng.randint(60, 120))
        if primary:
            p_end = end if setting_plan == "hjemmebaseret" else start + timedelta(days=int(total * 0.45))
            episodes.append(Episode(primary, first_start, p_end))
            if setting_plan == "hjemmebaseret" and crng.random() < 0.45:
                options = [k for k in SECONDARY_WEIGHTS if k != primary]
                second = crng.choices(options, [SECONDARY_WEIGHTS[k] for k in options])[0]
                episodes.append(Episode(second, first_start + timedelta(days=crng.randint(20, 150)), end))
        if placement_type:
            pl_start = first_start if setting_plan == "anbringelse" else start + timedelta(days=int(total * 0.5))
            pl_end = end
            if aftercare:
                eighteen = _add_months(birth, 12 * 18)
                pl_start = min(pl_start, _add_months(eighteen, -10))
                pl_end = eighteen - timedelta(days=1)
                episodes.append(Episode("efterv", eighteen, end))
            episodes.append(Episode("anbringelse", pl_start, pl_end, placement_type, consent))
            if parent_support:
                episodes.append(Episode("stoetteperson_foraeldre", pl_start + timedelta(days=30), end))
        granted = {e.intervention for e in episodes}
        setting = _setting_of(granted)
        if setting == "ingen":
            follow, variant = "mangler", ""
        else:
            follow = follows[n_follow]
            variant = ("goals_only", "status_only")[n_follow % 2] if follow == "delvis" else ""
            n_follow += 1
        n_traps = crng.randint(3, 5) if split == "heldout" else crng.randint(1, 3)
        applicable = [t for t in TRAPS if not (t in ("negated_placement", "historical", "at_risk") and placement_type)]
        traps = sorted(crng.sample(applicable, min(n_traps, len(applicable))))
        if setting == "ingen" and "refusal" not in traps:
            traps.append("refusal")
        # Refused or past measures must still suit the child's age (no praktiktilbud for a toddler).
        not_granted = [i for i in HOME_INTERVENTIONS if i not in granted and i != "doegnophold_familie"
                       and not (i == "praktiksted" and age < 14) and not (i == "dagtilbud" and age > 14)]
        refused = crng.sample(not_granted, 1) if "refusal" in traps else []
        historical = crng.sample([i for i in not_granted if i not in refused], 1) if "historical" in traps else []
        styles = ["ics_sos", "leverandoer"] if split == "heldout" else ["journal", "formel"]
        scenarios.append(Scenario(index, f"S-{index + 1:04d}", split, start, end, female, family, setting,
                                  sorted(episodes, key=lambda e: e.start), follow, variant, traps, refused,
                                  historical, old_numbering=start.year <= 2017 and crng.random() < 0.6,
                                  styles=styles))
    return scenarios

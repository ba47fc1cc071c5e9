"""Domain facts shared by all phrase books: legal references per regime and the label ids of SPEC §2."""
from __future__ import annotations

from datetime import date

INTERVENTIONS = ("konsulentbistand", "dagtilbud", "praktisk_paedagogisk_stoette", "familiebehandling",
                 "doegnophold_familie", "aflastning", "kontaktperson", "praktiksted", "oekonomisk_stoette",
                 "stoetteperson_foraeldre", "anbringelse", "efterv", "anden_stoette")
PLACEMENT_TYPES = ("netvaerksplejefamilie", "plejefamilie", "forstaerket_plejefamilie",
                   "specialiseret_plejefamilie", "opholdssted", "doegninstitution", "sikret_doegninstitution",
                   "eget_vaerelse", "kost_efterskole")
SETTINGS = ("hjemmebaseret", "anbringelse", "begge", "ingen")
CONSENTS = ("med_samtykke", "uden_samtykke")
FOLLOW_UP = ("dokumenteret", "delvis", "mangler")
# Interventions tied to a placement; they do not make a placement case "begge".
PLACEMENT_LINKED = frozenset({"anbringelse", "efterv", "stoetteperson_foraeldre"})

BL_START = date(2024, 1, 1)

# (SEL <= 2023, barnets lov >= 2024)
LEGAL_BASIS: dict[str, tuple[str, str]] = {
    "konsulentbistand": ("servicelovens § 11, stk. 3", "barnets lov § 30"),
    "dagtilbud": ("servicelovens § 52, stk. 3, nr. 1", "barnets lov § 32, stk. 1, nr. 1"),
    "praktisk_paedagogisk_stoette": ("servicelovens § 52, stk. 3, nr. 2", "barnets lov § 32, stk. 1, nr. 2"),
    "familiebehandling": ("servicelovens § 52, stk. 3, nr. 3", "barnets lov § 32, stk. 1, nr. 5"),
    "doegnophold_familie": ("servicelovens § 52, stk. 3, nr. 4", "barnets lov § 32, stk. 1, nr. 6"),
    "aflastning": ("servicelovens § 52, stk. 3, nr. 5", "barnets lov § 32, stk. 1, nr. 7"),
    "kontaktperson": ("servicelovens § 52, stk. 3, nr. 6", "barnets lov § 32, stk. 1, nr. 3"),
    "praktiksted": ("servicelovens § 52, stk. 3, nr. 8", "barnets lov § 32, stk. 1, nr. 4"),
    "anden_stoette": ("servicelovens § 52, stk. 3, nr. 9", "barnets lov § 32, stk. 1, nr. 8"),
    "oekonomisk_stoette": ("servicelovens § 52 a", "barnets lov § 35"),
    "stoetteperson_foraeldre": ("servicelovens § 54", "barnets lov § 75"),
    "efterv": ("servicelovens § 76", "barnets lov § 114"),
}
# The pre-2015 numbering ran to nr. 10 (personlig rådgiver and fast kontaktperson had separate numbers).
OLD_NUMBERING = {
    "kontaktperson": "servicelovens § 52, stk. 3, nr. 7",
    "praktiksted": "servicelovens § 52, stk. 3, nr. 9",
    "anden_stoette": "servicelovens § 52, stk. 3, nr. 10",
}
PLACEMENT_BASIS = {
    "med": ("servicelovens § 52, stk. 3, nr. 7", "barnets lov § 46"),
    "uden": ("servicelovens § 58", "barnets lov § 47"),
}
OLD_PLACEMENT_MED = "servicelovens § 52, stk. 3, nr. 8"
ACUTE_BASIS = ("servicelovens § 75", "barnets lov § 143")

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]


def is_bl(when: date) -> bool:
    return when >= BL_START


def legal(intervention: str, when: date, old_numbering: bool = False) -> str:
    if old_numbering and not is_bl(when) and intervention in OLD_NUMBERING:
        return OLD_NUMBERING[intervention]
    sel, bl = LEGAL_BASIS[intervention]
    return bl if is_bl(when) else sel


def placement_legal(consent: str, when: date, old_numbering: bool = False) -> str:
    if consent == "med" and old_numbering and not is_bl(when):
        return OLD_PLACEMENT_MED
    sel, bl = PLACEMENT_BASIS["med" if consent == "med" else "uden"]
    return bl if is_bl(when) else sel


def committee(when: date) -> str:
    return "børne- og ungeudvalget" if is_bl(when) else "børn og unge-udvalget"


def plan_name(when: date, young: bool = False) -> str:
    if is_bl(when):
        return "ungeplan" if young else "barnets plan"
    return "handleplan"


def measure_word(when: date) -> str:
    return "støttende indsats" if is_bl(when) else "foranstaltning"


def format_date(when: date, style: str) -> str:
    """The date spellings real files mix: 12.03.2021, 12/3-21, d. 12. marts 2021, 2021-03-12."""
    if style == "dot":
        return f"{when:%d.%m.%Y}"
    if style == "slash":
        return f"{when.day}/{when.month}-{when:%y}"
    if style == "long":
        return f"d. {when.day}. {MONTHS[when.month - 1]} {when.year}"
    if style == "iso":
        return when.isoformat()
    if style == "short_dot":
        return f"{when.day}.{when.month}.{when:%y}"
    raise ValueError(f"ukendt datoformat: {style}")

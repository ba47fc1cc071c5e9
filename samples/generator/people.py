"""Synthetic persons for one case, and the register of every identifier planted in its documents."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

# First names chosen so none is also an ordinary Danish word (no "Per", "Bo", "Mark"), which keeps
# leftover scans of pseudonymised output free of false alarms.
GIRLS = ["Emma", "Sofie", "Freja", "Clara", "Alberte", "Karla", "Nora", "Agnes", "Josefine", "Ellen",
         "Vigga", "Liva", "Esther", "Olivia", "Asta", "Frida", "Johanne", "Malou", "Silje", "Cecilie"]
BOYS = ["Emil", "Noah", "Oscar", "Magnus", "Valdemar", "Lucas", "Villads", "Aksel", "Carl", "Frederik",
        "Elias", "Malthe", "Anton", "Viktor", "Storm", "Alfred", "Theodor", "Johan", "Mikkel", "Sebastian"]
WOMEN = ["Anne", "Mette", "Louise", "Camilla", "Pernille", "Trine", "Helle", "Susanne", "Maria", "Tina",
         "Charlotte", "Rikke", "Stine", "Janni", "Dorthe", "Katrine", "Marianne", "Lene", "Gitte", "Jeanette"]
MEN = ["Jesper", "Thomas", "Martin", "Henrik", "Kasper", "Brian", "Jacob", "Rasmus", "Anders", "Morten",
       "Søren", "Kenneth", "Michael", "Jens", "Niels", "Torben", "Allan", "Claus", "Dennis", "Kim"]
SURNAMES = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
            "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen",
            "Poulsen", "Johansen", "Møller", "Mortensen", "Østergaard", "Kjærgaard", "Bæk", "Dalsgaard"]
STREETS = ["Stationsvej", "Skovvej", "Vestergade", "Østergade", "Kirkevej", "Bøgevænget", "Møllebakken",
           "Rosenvænget", "Fasanvej", "Søndergade", "Kløvermarken", "Æblehaven", "Lærkevej", "Nørrebrogade"]
TOWNS = [("4300", "Holbæk"), ("4700", "Næstved"), ("6100", "Haderslev"), ("3300", "Frederiksværk"),
         ("7100", "Vejle"), ("8600", "Silkeborg"), ("9800", "Hjørring"), ("6200", "Aabenraa"),
         ("5700", "Svendborg"), ("4640", "Faxe")]
MAIL_DOMAIN = "eksempel.dk"


@dataclass
class Person:
    role: str                        # barn | mor | far | soeskende | plejemor | plejefar | sagsbehandler
    first: str
    last: str
    birth: date | None = None
    cpr: str = ""                    # DDMMYY-SSSS
    phone: str = ""
    email: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def cpr_compact(self) -> str:
        return self.cpr.replace("-", "")

    @property
    def cpr_birth(self) -> str:
        return self.cpr[:6]


@dataclass
class PiiRegister:
    """Every identifier exactly as it is written into a document, so tests can scan outputs for leftovers."""
    entries: list[dict[str, str]] = field(default_factory=list)

    def add(self, kind: str, value: str, role: str) -> str:
        item = {"kind": kind, "value": value, "role": role}
        if item not in self.entries:
            self.entries.append(item)
        return value


def _cpr(rng: random.Random, birth: date, female: bool) -> str:
    serial = rng.randint(100, 999) * 10 + rng.choice([0, 2, 4, 6, 8] if female else [1, 3, 5, 7, 9])
    # Digit 7 encodes the century; 4-9 with a 2000s birth year is the valid range for children born after 2000.
    if birth.year >= 2000:
        serial = 4000 + serial % 1000
    else:
        serial = 1000 + serial % 3000
    return f"{birth:%d%m%y}-{serial:04d}"


def _phone(rng: random.Random) -> str:
    digits = f"{rng.choice([2, 3, 4, 5, 6, 7, 9])}{rng.randint(0, 9999999):07d}"
    return " ".join(digits[i:i + 2] for i in range(0, 8, 2))


def _birth(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


@dataclass
class Family:
    child: Person
    mother: Person
    father: Person
    siblings: list[Person]
    caseworker: Person
    address: str
    foster_address: str
    journal: str
    fosters: list[Person]


def make_family(rng: random.Random, child_birth: date, female: bool, n_siblings: int,
                with_fosters: bool, case_no: int, start_year: int) -> Family:
    last = rng.choice(SURNAMES)
    child = Person("barn", rng.choice(GIRLS if female else BOYS), last, child_birth)
    child.cpr = _cpr(rng, child_birth, female)
    mother = Person("mor", rng.choice(WOMEN), last,
                    _birth(rng, date(child_birth.year - 38, 1, 1), date(child_birth.year - 20, 12, 31)))
    mother.cpr = _cpr(rng, mother.birth, True)  # type: ignore[arg-type]
    mother.phone = _phone(rng)
    mother.email = f"{mother.first.lower()}{rng.randint(10, 99)}@{MAIL_DOMAIN}".replace("ø", "oe").replace("æ", "ae")
    father = Person("far", rng.choice(MEN), rng.choice(SURNAMES), _birth(
        rng, date(child_birth.year - 45, 1, 1), date(child_birth.year - 21, 12, 31)))
    father.cpr = _cpr(rng, father.birth, False)  # type: ignore[arg-type]
    father.phone = _phone(rng)
    taken = {child.first}
    siblings = []
    for _ in range(n_siblings):
        sis = rng.random() < 0.5
        first = rng.choice([n for n in (GIRLS if sis else BOYS) if n not in taken])
        taken.add(first)
        sib = Person("soeskende", first, last, _birth(rng, date(child_birth.year - 6, 1, 1),
                                                        date(child_birth.year + 4, 12, 31)))
        sib.cpr = _cpr(rng, sib.birth, sis)  # type: ignore[arg-type]
        siblings.append(sib)
    cw = Person("sagsbehandler", rng.choice(WOMEN + MEN), rng.choice(SURNAMES))
    cw.phone = _phone(rng)
    cw.email = f"{cw.first[0].lower()}{cw.last[:3].lower()}@kommune.{MAIL_DOMAIN}".replace("ø", "oe").replace(
        "æ", "ae").replace("å", "aa")
    postal, town = rng.choice(TOWNS)
    address = f"{rng.choice(STREETS)} {rng.randint(1, 140)}, {postal} {town}"
    f_postal, f_town = rng.choice(TOWNS)
    foster_address = f"{rng.choice(STREETS)} {rng.randint(1, 140)}, {f_postal} {f_town}"
    fosters = []
    if with_fosters:
        flast = rng.choice(SURNAMES)
        fosters = [Person("plejemor", rng.choice(WOMEN), flast), Person("plejefar", rng.choice(MEN), flast)]
    journal = f"27.24.{rng.choice(['00', '04', '12', '16'])}-G01-{case_no:03d}{rng.randint(1, 9)}-{start_year % 100:02d}"
    return Family(child, mother, father, siblings, cw, address, foster_address, journal, fosters)

"""Generate the labelled status sentences (`status_sentences.csv`) from templates.

Each row: the template id (the unit of the held-out split), the sentence with the intervention
mention written as {X}, the phrase inserted, and the status of that mention. Deterministic:
`python -m models.data.make_status_sentences` rewrites the same file.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).parent / "status_sentences.csv"
SEED = 20261123

PHRASES = [
    "aflastning", "weekendaflastning", "aflastning i en aflastningsfamilie", "støtteophold",
    "fast kontaktperson", "kontaktperson", "familiebehandling", "MST", "familieterapi", "PMTO",
    "praktisk pædagogisk støtte i hjemmet", "dagbehandling", "anbringelse i plejefamilie",
    "anbringelse på opholdssted", "anbringelse på døgninstitution", "netværksplejefamilie",
    "efterværn", "økonomisk støtte til fritidsaktiviteter", "psykologforløb", "mentorordning",
    "konsulentbistand", "forældrekursus", "familieanbringelse", "praktiktilbud", "støtteperson",
]
NAMES = ["Emil", "Sofie", "Jonas", "Freja", "Noah", "Ida", "barnet", "den unge", "drengen", "pigen"]
DATES = ["1. marts 2024", "15.04.2023", "d. 3. januar 2025", "1/9-22", "1. august 2021"]

TEMPLATES: dict[str, list[str]] = {
    "granted": [
        "{X} er nu i gang.",
        "Kommunen har besluttet {X} til {N}.",
        "{N} modtager fortsat {X} hver anden weekend.",
        "Vi har godkendt, at der iværksættes {X}.",
        "Familien modtager {X} to gange om ugen.",
        "{X} er opstartet {D}.",
        "Der er truffet afgørelse om {X} til {N} fra {D}.",
        "Forvaltningen har bevilget {X} til {N} pr. {D}.",
        "{N} modtager {X} jf. § 52, stk. 3.",
        "Vi har besluttet at iværksætte {X} fra {D}.",
        "{X} er iværksat pr. {D} med 4 timer ugentligt.",
        "{N} har siden {D} haft {X}, og indsatsen fortsætter.",
        "Bevilling: {X} fra {D} til 31.12.",
        "Formålet med {X} er, at {N} får en stabil hverdag.",
        "{X} forlænges med 6 måneder.",
        "Status på {X}: {N} er glad for forløbet.",
        "{N} startede i {X} den {D}.",
        "Afgørelse om {X} efter barnets lov.",
        "Du har fået bevilget {X}, og den første aftale er {D}.",
        "{X} fortsætter uændret frem til næste opfølgning.",
        "Kommunen har godkendt {X} for {N}.",
        "I perioden har {N} deltaget i {X} hver uge.",
    ],
    "refused": [
        "Familien har frabedt sig {X}.",
        "Mor afslog tilbuddet om {X}.",
        "Der vurderes ikke at være behov for {X}.",
        "Forvaltningen finder ikke, at betingelserne for {X} er opfyldt.",
        "Forældrene har frasagt sig {X}.",
        "{X} er ikke aktuelt.",
        "Der er ikke grundlag for {X}.",
        "Forældrene har takket nej til {X}.",
        "Mor ønsker ikke {X}.",
        "Ansøgningen om {X} afslås.",
        "Du har fået afslag på {X}.",
        "Der er ikke behov for {X} på nuværende tidspunkt.",
        "Far modsætter sig {X}.",
        "{X} er ikke relevant for {N}.",
        "Forvaltningen vurderer ikke, at {X} er nødvendig.",
        "Familien har afvist tilbuddet om {X}.",
        "{X} blev aldrig iværksat, da forældrene trak samtykket tilbage.",
        "Anmodningen om {X} er frafaldet.",
        "Vi kan ikke bevilge {X}.",
        "{N} vil ikke have {X}.",
        "Forældrene sagde nej til {X} på mødet {D}.",
        "Der iværksættes ingen {X}.",
    ],
    "considered": [
        "Forvaltningen vil undersøge muligheden for {X}.",
        "Det kan blive nødvendigt med {X}.",
        "{X} kan blive aktuelt, hvis mor ikke samarbejder.",
        "Der påtænkes iværksat {X}.",
        "Mor har anmodet om {X}.",
        "{X} kan ikke udelukkes.",
        "Såfremt det ikke lykkes, vil {X} blive overvejet.",
        "Forvaltningen overvejer {X}.",
        "Det vurderes, at {N} har behov for {X}.",
        "Sagen indstilles til {X} på næste visitationsmøde.",
        "Hvis situationen forværres, kan {X} komme på tale.",
        "Forvaltningen anbefaler {X}.",
        "Mor ønsker {X} til {N}.",
        "Der er sendt ansøgning om {X}.",
        "{N} er på venteliste til {X}.",
        "{X} drøftes på visitationsmødet {D}.",
        "Der arbejdes hen imod {X}.",
        "Det forventes, at {X} kan iværksættes efter sommerferien.",
        "Der bør iværksættes {X}.",
        "Vi afventer svar på {X}.",
        "Et forslag kunne være {X}.",
        "På sigt kan {X} være relevant.",
    ],
    "historical": [
        "Forud for sagen havde familien {X} i en anden kommune.",
        "{N} var tidligere tilknyttet {X}.",
        "Der har tidligere været bevilget {X}.",
        "{N} har tidligere modtaget {X}.",
        "Familien havde {X} i sin tidligere kommune.",
        "Tidligere har der været {X} i familien.",
        "Som spæd var {N} tilknyttet {X}.",
        "{X} blev afsluttet i 2016.",
        "I 2015 modtog familien {X}, som blev afsluttet året efter.",
        "{N} havde været i {X} i to år, før sagen blev lukket.",
        "Efter hjemgivelsen i 2017 ophørte {X}.",
        "Sagen blev lukket i 2018 efter {X}.",
        "Der var tidligere bevilget {X} fra 2014 til 2016.",
        "I en periode fra 2012 havde {N} {X}.",
        "Forhenværende {X} blev afsluttet.",
    ],
    "other_person": [
        "{N}s storebror modtager {X}.",
        "Far var i {X} som dreng.",
        "Lillesøster går i {X}.",
        "Mor var selv i {X} som barn.",
        "Far har selv været i {X} i sin opvækst.",
        "Storesøster modtager {X}.",
        "Halvbroren er i {X}.",
        "{N}s lillebror har {X}.",
        "Søskende har {X} i en anden kommune.",
        "Mors egen {X} foregår på voksenområdet.",
        "I fars sag er der bevilget {X} efter § 85.",
        "Moderen var selv anbragt og havde {X} som barn.",
        "Storebroren fik {X} sidste år.",
        "Halvsøsteren er bevilget {X}.",
        "Søsteren har haft {X} siden sommer.",
    ],
}


def generate(seed: int = SEED) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for status, templates in TEMPLATES.items():
        for t_index, template in enumerate(templates):
            for phrase in rng.sample(PHRASES, 8):
                sentence = template.replace("{N}", rng.choice(NAMES)).replace("{D}", rng.choice(DATES))
                rows.append({"template": f"{status}_{t_index:02d}", "sentence": sentence, "phrase": phrase, "status": status})
    return rows


def main() -> None:
    rows = generate()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["template", "sentence", "phrase", "status"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} sætninger skrevet til {OUT}")


if __name__ == "__main__":
    main()

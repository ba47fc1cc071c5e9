"""Phrasings and author styles for the train and dev cases.

Held-out cases use `heldout_phrases.py` instead; the two books share no template, so rules tuned on
these phrasings are measured fairly on the held-out split.
Regime tags on nouns: "sel" (dated before 2024), "bl" (2024 and later), "*" (both).
"""
from __future__ import annotations

STYLES = {
    "journal": {
        "date_styles": ["dot", "slash", "short_dot"],
        "openers": ["Kort notat vedr. {barn}.", "Notat.", "Sagsbehandler noterer:"],
        "closings": ["Intet yderligere.", "Sagen følges.", "Næste skridt aftales efter møde."],
        "signature": "/{initialer}",
        "filler": (1, 3),
    },
    "formel": {
        "date_styles": ["long", "dot", "iso"],
        "openers": ["Forvaltningen har modtaget og behandlet sagen vedrørende {barn}.",
                    "Nedenfor følger forvaltningens samlede beskrivelse af sagens oplysninger.",
                    "Dette dokument er udarbejdet med henblik på at belyse {barns} situation."],
        "closings": ["Du er velkommen til at kontakte undertegnede, hvis du har spørgsmål.",
                     "Med venlig hilsen"],
        "signature": "{sagsbehandler}, socialrådgiver, tlf. {cw_tlf}, {cw_mail}",
        "filler": (3, 6),
    },
}

NOUNS: dict[str, list[tuple[str, str]]] = {
    "konsulentbistand": [("konsulentbistand", "*"), ("et forældrekursus (De Utrolige År)", "*"),
                         ("et forebyggende samtaleforløb i familierådgivningen", "*")],
    "dagtilbud": [("dagbehandling", "*"), ("et dagbehandlingstilbud", "*"),
                  ("plads i ungdomsklub som foranstaltning", "sel")],
    "praktisk_paedagogisk_stoette": [("praktisk pædagogisk støtte i hjemmet", "*"),
                                     ("en familiepædagog i hjemmet", "*"), ("hjemmevejleder", "*")],
    "familiebehandling": [("familiebehandling", "*"), ("et familiebehandlingsforløb", "*"),
                          ("psykologbehandling af {barn}", "*"), ("MST (multisystemisk terapi)", "*")],
    "doegnophold_familie": [("døgnophold for hele familien", "sel"), ("familieanbringelse", "bl"),
                            ("et mor-barn-ophold på familieinstitution", "*")],
    "aflastning": [("aflastning", "sel"), ("weekendaflastning i en aflastningsfamilie", "*"),
                   ("støtteophold", "bl"), ("aflastning hver anden weekend", "*")],
    "kontaktperson": [("fast kontaktperson", "*"), ("en kontaktperson til {barn}", "*"),
                      ("en kontaktpersonordning", "*")],
    "praktiksted": [("formidling af praktiktilbud", "*"), ("et praktikophold med godtgørelse", "*")],
    "anden_stoette": [("anden hjælp i form af et mentorforløb", "*"), ("mentor", "*")],
    "oekonomisk_stoette": [("økonomisk støtte til fritidsaktivitet", "*"),
                           ("dækning af udgifter til kontingent og udstyr", "*")],
    "stoetteperson_foraeldre": [("støtteperson til forældremyndighedsindehaveren", "*"),
                                ("en uvildig støtteperson til mor", "*")],
    "efterv": [("efterværn", "sel"), ("ungestøtte", "bl"), ("opretholdt døgnophold efter det fyldte 18. år", "*")],
}

PLACES = {
    "netvaerksplejefamilie": ["netværksplejefamilie hos mormor", "en netværksplejefamilie hos moster og onkel"],
    "plejefamilie": ["en almen plejefamilie", "plejefamilie"],
    "forstaerket_plejefamilie": ["en forstærket plejefamilie"],
    "specialiseret_plejefamilie": ["en specialiseret plejefamilie"],
    "opholdssted": ["det socialpædagogiske opholdssted {inst}", "opholdsstedet {inst}"],
    "doegninstitution": ["døgninstitutionen {inst}", "en døgninstitution ({inst})"],
    "sikret_doegninstitution": ["den sikrede døgninstitution {inst}", "sikret afdeling på {inst}"],
    "eget_vaerelse": ["eget værelse", "et kollegieværelse med støtte"],
    "kost_efterskole": ["efterskole", "kostskole"],
}
INSTITUTIONS = ["Solgården", "Bøgely", "Fjordhuset", "Skovbrynet", "Lindehøj", "Engtoften", "Kastanjehuset"]

GRANT = [
    "Vi har den {dato} truffet afgørelse om at bevilge {indsats} til {barn} efter {lov}.",
    "{barn} bevilges {indsats} jf. {lov} med virkning fra {dato}.",
    "Forvaltningen har bevilget {indsats} fra {dato}. Bevillingen er givet efter {lov}.",
    "Der iværksættes {indsats} pr. {dato}, jf. {lov}.",
]
GRANT_DETAIL = [
    "Bevilling: {timer} timer ugentligt fra {dato} til {slut}.",
    "Indsatsen er bevilget for perioden {dato} til {slut} med {timer} timer om ugen.",
]
EARLY_START = [
    "Familien er startet i {indsats} efter {lov} den {dato}.",
    "Der er opstartet {indsats} ({lov}) fra {dato}. Der er ikke truffet afgørelse, da indsatsen er et tidligt forebyggende tilbud.",
]
# Caseworker short forms for a granted measure (DOMAIN §9.8); only written where the measure is granted.
ABBREVIATED = {"kontaktperson": "KP-forløbet opstartes {dato}, jf. ovenstående.",
               "familiebehandling": "FB opstartes {dato}, bl.a. med fokus på rutiner."}
TABLE_INTRO = ["Der henvises til oversigten over bevilgede indsatser nedenfor.", "Bevillingsoversigt:"]

PLACEMENT = [
    "Vi har truffet afgørelse om, at {barn} anbringes uden for hjemmet i {sted} fra {dato}, jf. {lov}.",
    "{barn} anbringes pr. {dato} i {sted}. Anbringelsen sker efter {lov}.",
]
CONSENT = {
    "med": ["Anbringelsen sker med forældremyndighedsindehavernes samtykke, jf. {lov}.",
            "Forældrene har underskrevet samtykkeerklæring til anbringelsen."],
    "uden": ["{udvalg} har på mødet den {dato} truffet afgørelse om anbringelse uden samtykke, jf. {lov}.",
             "Anbringelsen er en tvangsanbringelse besluttet af {udvalg} efter {lov}."],
    "formand": ["Formanden for {udvalg} har den {dato} truffet foreløbig afgørelse (formandsbeslutning) om akut "
                "anbringelse uden samtykke, jf. {akutlov}, jf. {lov}.",
                "{barn} blev anbragt akut ved formandsbeslutning den {dato} efter {akutlov}."],
    "ung15": ["{barn}, der er fyldt 15 år, har givet samtykke til anbringelsen, men forældremyndighedsindehaverne "
              "giver ikke samtykke. {udvalg} har derfor truffet afgørelse efter {lov}."],
}
CONSENT_FOLLOWUP = {
    "formand": ["{udvalg} har efterfølgende godkendt formandsbeslutningen, og anbringelsen opretholdes uden samtykke."],
}

REFUSE = [
    "Forældrene har takket nej til {indsats}.",
    "Ansøgningen om {indsats} afslås, da betingelserne ikke er opfyldt.",
    "Mor ønsker ikke {indsats} på nuværende tidspunkt.",
]
HYPOTHETICAL = [
    "Det anbefales, at familien tilbydes {indsats}.",
    "{indsats} kan komme på tale, hvis ikke situationen bedres.",
]
HYPOTHETICAL_PLACEMENT = [
    "Såfremt det ikke lykkes at skabe forandring, vil en anbringelse uden for hjemmet blive overvejet.",
    "Forvaltningen indstiller til, at en anbringelse undersøges nærmere, hvis skolefraværet fortsætter.",
]
NEGATED_PLACEMENT = [
    "Der er ikke grundlag for at anbringe {barn} uden for hjemmet.",
    "En anbringelse vurderes ikke at være nødvendig.",
]
HISTORICAL_PLACEMENT = [
    "{barn} var anbragt i plejefamilie fra {fra} til {til} og blev derefter hjemgivet.",
    "Af sagens akter fremgår, at {barn} har været anbragt på et opholdssted i perioden {fra}-{til}.",
]
HISTORICAL_MEASURE = [
    "Familien har tidligere haft {indsats} i {fra}, som blev afsluttet.",
]
OTHER_PERSON = [
    "Mor var selv anbragt som barn og har dårlige erfaringer med kommunen.",
    "{soeskende_rel} {soeskende} er anbragt i plejefamilie.",
    "Far modtager støtte efter servicelovens § 85.",
    "{soeskende} har kontaktperson efter § 52, stk. 3, nr. 6.",
]
AT_RISK = [
    "{barn} vurderes at være anbringelsestruet.",
    "Formålet med indsatsen er at forebygge en anbringelse.",
]
ADULT = [
    "Mor har en støttekontaktperson fra socialpsykiatrien.",
    "Far er i virksomhedspraktik via jobcentret.",
]
CHECKBOX_NO = "Anbringelse: ☐ Ja ☒ Nej"
CHECKBOX_YES = "Anbringelse: ☒ Ja ☐ Nej"

PURPOSE = [
    "Formålet med indsatsen er, at {maal}.",
    "Formål: at {maal}. Forventet varighed: {varighed} måneder.",
]
GOALS = [
    "{barn} kommer i skole mindst 4 dage om ugen",
    "{barn} har faste rutiner ved sengetid",
    "mor kan sætte tydelige og forudsigelige grænser",
    "{barn} har mindst én fast fritidsaktivitet",
    "konflikterne i hjemmet mindskes",
    "{barn} kan regulere sine følelser i klassen",
    "forældrene samarbejder om samvær uden at inddrage {barn}",
]
PLAN_HEAD = ["Overordnet formål", "Mål", "Delmål"]
VERDICTS = ["er nået", "er delvist nået", "er ikke nået"]
EFFECT = [
    "Målet om, at {maal}, {verdikt}.",
    "Delmål: {maal} - vurdering: målet {verdikt}.",
]
SCORE = [
    "På en skala fra 0-10 vurderes situationen nu til {efter} (ved opstart {foer}).",
    "SDQ-totalscoren er faldet fra {sdq_foer} til {sdq_efter}.",
]
CONSEQUENCE = [
    "På baggrund af vurderingen fortsætter indsatsen uændret.",
    "Indsatsen justeres: timetallet nedsættes fra 6 til 4 timer ugentligt.",
    "Indsatsen ophører pr. {dato}, da formålet er nået.",
]
STATUS_ONLY = [
    "{udfoerer} ser {barn} hver uge, og de har en god relation. Indsatsen forlænges med 6 måneder.",
    "Der er afholdt 12 samtaler i perioden. Familien møder stabilt op.",
    "Det går generelt fint i familien. Sagen drøftes igen ved næste opfølgning.",
]
EXTENSION_ONLY = ["Bevillingen af {indsats} forlænges uændret til {slut}."]
CLOSING_NONE = [
    "Sagen lukkes, da der ikke er behov for støtte efter loven.",
    "Forvaltningen vurderer, at der ikke er behov for særlig støtte, og sagen afsluttes.",
]
TILSYN = [
    "Tilsynsbesøget blev gennemført den {dato} med en samtale med {barn} uden personale til stede.",
    "{barn} fortæller, at hun/han er glad for at bo på stedet og har fået en god ven.",
]
CHILD_TALK = [
    "{barn} fortæller, at det bedste ved hjemmet er aftensmaden, og det sværeste er, når mor og far skændes.",
    "Samtalen blev holdt uden forældrene til stede. {barn} siger, at hun/han gerne vil have en voksen at tale med.",
]
UNDERRETNING = [
    "Skolen underretter om bekymring for {barns} trivsel. {barn} virker træt og ked af det.",
    "Underretter er bekymret for, at {barn} ikke får den nødvendige omsorg i hjemmet.",
]

"""Phrasings and author styles used ONLY by held-out cases.

Do not read this file while writing or tuning rules, lexicons or models: the held-out split measures how
the screening copes with wording it has never seen. Same names and placeholders as `phrases.py`.
"""
from __future__ import annotations

STYLES = {
    "ics_sos": {
        "date_styles": ["long", "slash", "dot"],
        "openers": ["Hvad er vi bekymrede for? Hvad fungerer godt? Hvad skal der ske? Notatet følger de tre spørgsmål.",
                    "Beskrivelsen er struktureret efter ICS-trekantens tre sider: barnets udvikling, "
                    "forældrekompetencer samt familie og netværk."],
        "closings": ["Sikkerhedsskalaen drøftes igen på næste netværksmøde.", "De Tre Huse er gennemgået med {barn}."],
        "signature": "Udarbejdet af {sagsbehandler} (myndighedsrådgiver) - direkte tlf. {cw_tlf} - {cw_mail}",
        "filler": (6, 10),
    },
    "leverandoer": {
        "date_styles": ["iso", "long", "short_dot"],
        "openers": ["Denne udtalelse er skrevet på baggrund af vores løbende kontakt med familien og drøftelser "
                    "på teammøder, og den skal læses i sammenhæng med tidligere fremsendte udtalelser.",
                    "Vi har som udfører haft kontakt med familien i hele perioden og beskriver nedenfor vores "
                    "iagttagelser, så myndighedsrådgiver har et samlet billede."],
        "closings": ["Vi står naturligvis til rådighed for en uddybning ved næste møde.",
                     "Venlig hilsen fra teamet"],
        "signature": "På vegne af udførerteamet, i samarbejde med {sagsbehandler}, tlf. {cw_tlf}",
        "filler": (7, 12),
    },
}

NOUNS: dict[str, list[tuple[str, str]]] = {
    "konsulentbistand": [("et PMTO-forældreforløb i gruppe", "*"), ("Home-Start familiekontakt", "*"),
                         ("et skilsmissegruppeforløb for børn", "*")],
    "dagtilbud": [("et dagbehandlingsforløb på en dagbehandlingsskole", "*"), ("særligt dagtilbud", "*")],
    "praktisk_paedagogisk_stoette": [("pædagogisk støtte i hjemmet ved familiekonsulent", "*"),
                                     ("hjemmestøtte med fokus på morgen- og aftenrutiner", "*")],
    "familiebehandling": [("familieterapeutisk behandling (FFT)", "*"), ("et Marte Meo-forløb", "*"),
                          ("traumebehandling hos psykolog for {barn}", "*")],
    "doegnophold_familie": [("ophold for hele familien på familieinstitution", "*"),
                            ("observationsophold for familien på døgnafsnit", "*")],
    "aflastning": [("døgnaflastning i aflastningsplejefamilie", "*"), ("ferieaflastning og en weekend om måneden", "*")],
    "kontaktperson": [("familiekontaktperson for hele familien", "*"), ("ungekontaktperson", "*")],
    "praktiksted": [("praktikplads hos en lokal tømrer formidlet af kommunen med godtgørelse", "*")],
    "anden_stoette": [("anden støtte i form af rådgivningsforløb som foranstaltning", "sel"),
                      ("andre indsatser i form af mentorstøtte", "bl")],
    "oekonomisk_stoette": [("betaling af efterskoleophold som økonomisk støtte", "*"),
                           ("tilskud til transport og kørekort for at undgå anbringelse", "*")],
    "stoetteperson_foraeldre": [("forældrestøtte under anbringelsen", "*"), ("en støtteperson for far", "*")],
    "efterv": [("efterværn i form af kontaktperson efter det 18. år", "sel"), ("udslusning som ungestøtte", "bl")],
}

PLACES = {
    "netvaerksplejefamilie": ["slægtspleje hos farbror", "netværkspleje hos en nær familieven"],
    "plejefamilie": ["familiepleje i en kommunal plejefamilie", "en plejefamilie i nabokommunen"],
    "forstaerket_plejefamilie": ["forstærket plejefamilie med ekstra vederlag"],
    "specialiseret_plejefamilie": ["specialiseret plejefamilie med faglig uddannelse"],
    "opholdssted": ["privat opholdssted ({inst})", "skibsprojektet {inst}, et socialpædagogisk opholdssted"],
    "doegninstitution": ["behandlingshjemmet {inst} (døgninstitution)", "døgninstitutionens modtageafdeling på {inst}"],
    "sikret_doegninstitution": ["særligt sikret afdeling på {inst}", "sikret døgninstitution som varetægtssurrogat"],
    "eget_vaerelse": ["kollegium med tilknyttet kontaktpædagog", "eget værelse i bofællesskab"],
    "kost_efterskole": ["efterskole (anbringelse på efterskole)", "fri fagskole med kostafdeling"],
}
INSTITUTIONS = ["Havgården", "Egebakken", "Nordlys", "Kildevang", "Strandhuset", "Ravnsholt"]

GRANT = [
    "Efter en samlet vurdering er det besluttet, at {barn} fra den {dato} modtager {indsats} (hjemmel: {lov}).",
    "Du får hermed bevilget {indsats}. Indsatsen starter {dato} og har hjemmel i {lov}.",
    "Afgørelse: {indsats} ({lov}) - iværksat {dato}.",
    "Kommunen godkender {indsats} med start {dato}; lovgrundlaget er {lov}.",
]
GRANT_DETAIL = [
    "Omfang: op til {timer} t/uge, periode {dato} - {slut}.",
    "Bevillingen løber {dato}-{slut} ({timer} timer ugentligt, revurderes løbende).",
]
EARLY_START = [
    "{barn} og forældrene deltager fra {dato} i {indsats}, som et tidligt forebyggende tilbud efter {lov}.",
]
ABBREVIATED = {"kontaktperson": "Opstartsmøde med KP og familien aftalt {dato}.",
               "familiebehandling": "FB-forløbet starter {dato}; f.eks. med ugentlige sessioner i hjemmet."}
TABLE_INTRO = ["Indsatser i perioden (se skema):", "Oversigt over igangværende indsatser fremgår af skemaet."]

PLACEMENT = [
    "Kommunen har besluttet, at {barn} fra {dato} skal bo i {sted}; hjemmel: {lov}.",
    "Afgørelse om ophold uden for hjemmet: {barn} flytter {dato} til {sted} ({lov}).",
]
CONSENT = {
    "med": ["Begge forældre har givet informeret samtykke, og afgørelsen træffes derfor efter {lov}.",
            "Der foreligger samtykke fra forældremyndighedsindehaver ({lov})."],
    "uden": ["Forældrene modsætter sig. Sagen har været forelagt {udvalg}, som den {dato} besluttede at anbringe "
             "{barn} uden samtykke, jf. {lov}."],
    "formand": ["Politiet bistod ved akutanbringelsen {dato}. Foreløbig afgørelse er truffet af udvalgets formand "
                "efter {akutlov}; afgørelsen er senere forelagt {udvalg} efter {lov}."],
    "ung15": ["Den unge er over 15 år og samtykker selv, mens forældrene ikke samtykker, jf. {lov}. Sagen er "
              "afgjort af {udvalg}."],
}
CONSENT_FOLLOWUP = {
    "formand": ["Udvalget tiltrådte på sit næste møde den foreløbige afgørelse."],
}

REFUSE = [
    "Familien har ikke ønsket at tage imod {indsats}, og tilbuddet er trukket tilbage.",
    "Der gives afslag på ansøgningen om {indsats}.",
    "Far giver ikke samtykke til {indsats}, og indsatsen iværksættes derfor ikke.",
]
HYPOTHETICAL = [
    "På visitationsmødet drøftes, om {indsats} kan være relevant senere.",
    "Familien står på venteliste til {indsats}.",
    "Der arbejdes hen imod, at {indsats} kan iværksættes, hvis forældrene ønsker det.",
]
HYPOTHETICAL_PLACEMENT = [
    "Hvis ikke forholdene i hjemmet ændrer sig inden for de næste måneder, vil forvaltningen indstille til "
    "anbringelse uden for hjemmet.",
    "En anbringelse kan komme på tale, hvis forældrene ikke tager imod støtten.",
]
NEGATED_PLACEMENT = [
    "Det vurderes ikke aktuelt at anbringe {barn}, da forældrenes omsorgsevne er tilstrækkelig med støtte.",
    "Hverken anbringelse eller døgnophold er relevant på nuværende tidspunkt.",
]
HISTORICAL_PLACEMENT = [
    "Tidligere i sagen (mellemkommunal overdragelse) fremgår det, at {barn} har været anbragt i døgninstitution "
    "fra {fra} til {til}.",
    "Efter hjemgivelsen i {til} har familien boet samlet; {barn} havde da været i familiepleje siden {fra}.",
]
HISTORICAL_MEASURE = [
    "I {fra} modtog familien {indsats} i den tidligere kommune; forløbet er afsluttet.",
]
OTHER_PERSON = [
    "Moderen var selv anbragt på børnehjem i sin barndom.",
    "{soeskende_rel} {soeskende} bor i netværkspleje hos mormor.",
    "I mors sag på voksenområdet er der bevilget bostøtte efter servicelovens § 85.",
    "Plejemor til {soeskende} fortæller, at søskendesamværet går godt.",
]
AT_RISK = [
    "Indsatsen er et alternativ til anbringelse.",
    "Der er risiko for anbringelse, hvis skolefraværet fortsætter.",
]
ADULT = [
    "Far har en støtte-kontaktperson efter servicelovens § 99.",
    "Mor er i virksomhedspraktik fire timer dagligt.",
]
CHECKBOX_NO = "Er barnet anbragt uden for hjemmet? ☐ Ja ☒ Nej"
CHECKBOX_YES = "Er barnet anbragt? ☒ Ja ☐ Nej"

PURPOSE = [
    "Indsatsen skal bidrage til, at {maal}; forventet varighed {varighed} mdr.",
    "Succeskriterium: {maal}. Varighed: {varighed} mdr. med løbende revurdering.",
]
GOALS = [
    "{barn} deltager i undervisningen hele skoledagen",
    "der er ro og struktur ved aftensmaden",
    "far kan tage over ved konflikter uden at hæve stemmen",
    "{barn} fortæller en voksen, når noget er svært",
    "{barn} sover i egen seng hver nat",
    "familien bruger netværket, når de er pressede",
]
PLAN_HEAD = ["Hvad skal være anderledes om 3 måneder?", "Indikatorer", "Hvem gør hvad"]
VERDICTS = ["er opfyldt", "er kun delvist opfyldt", "er ikke opfyldt"]
EFFECT = [
    "Vurdering af målopfyldelse - {maal}: målet {verdikt}.",
    "Ser vi på målet om, at {maal}, så {verdikt} det efter vores samlede vurdering.",
]
SCORE = [
    "Mor placerer på sikkerhedsskalaen nu familien på {efter}; ved opstart var den {foer}.",
    "Trivselslinealen: {barn} scorer i dag {efter} mod {foer} ved sidste opfølgning.",
]
CONSEQUENCE = [
    "Konsekvens: indsatsen forlænges med 6 mdr. med samme fokus, da der ses progression.",
    "Konsekvens: timetallet øges, og metoden ændres, da målet ikke er nået.",
    "Konsekvens: indsatsen afsluttes {dato}, da målene er opfyldt.",
]
STATUS_ONLY = [
    "{barn} er glad for sin voksne og tryg ved samværet; vi anbefaler, at forløbet fortsætter.",
    "Vi har haft 9 hjemmebesøg og 3 netværksmøder i perioden, og familien har været stabil i fremmødet.",
    "Indtrykket er, at det går bedre hjemme. Vi fortsætter som hidtil.",
]
EXTENSION_ONLY = ["{indsats}: bevillingen er administrativt forlænget til {slut}."]
CLOSING_NONE = [
    "Der iværksættes ikke støtte, og sagen afsluttes med råd og vejledning.",
    "Undersøgelsen afsluttes uden indsatser; familien er henvist til åben anonym rådgivning.",
]
TILSYN = [
    "Personrettet tilsyn {dato}: samtalen med {barn} foregik på værelset uden personale.",
    "{barn} viser sit værelse frem og fortæller om skolen; hun/han savner sine søskende.",
]
CHILD_TALK = [
    "Barnets perspektiv: {barn} tegner De Tre Huse. I drømmehuset bor hele familien sammen uden råb.",
    "{barn} vil helst tale om sin hund, men siger til sidst, at aftenerne derhjemme er svære.",
]
UNDERRETNING = [
    "Underretning fra politiet efter uro på adressen. Der var børn til stede under episoden.",
    "Sundhedsplejen er bekymret for {barns} trivsel og udvikling efter flere aflyste besøg.",
]

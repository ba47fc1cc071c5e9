"""Neutral caseworker text that pads documents so key sentences sit inside realistic bulk."""
from __future__ import annotations

ICS_SECTIONS = {
    "Sundhedsforhold": [
        "{barn} er generelt sund og rask og følger de almindelige børneundersøgelser hos egen læge.",
        "Der er ikke oplysninger om kroniske sygdomme. {barn} sover dog uroligt og vågner flere gange om natten.",
        "Sundhedsplejersken har ved besøg noteret, at {barn} følger sin vækstkurve.",
        "{barn} har haft perioder med hovedpine og ondt i maven, som mor forbinder med uro i hjemmet.",
        "Tandplejen oplyser, at {barn} er udeblevet fra to indkaldelser.",
    ],
    "Udvikling og adfærd": [
        "{barn} beskrives som et barn med gode ressourcer, men med svingende humør.",
        "I perioder reagerer {barn} med vrede og har svært ved at falde til ro igen.",
        "{barn} trækker sig, når der er mange voksne til stede, og taler lavt.",
        "Skolen beskriver, at {barn} har brug for meget voksenstøtte i overgange.",
        "{barn} er sprogligt alderssvarende og kan fortælle sammenhængende om sin hverdag.",
    ],
    "Dagtilbud, skole og læring": [
        "{barn} går i {klasse} og har et fravær på ca. {fravaer} % i indeværende skoleår.",
        "Klasselæreren oplyser, at {barn} fagligt ligger lidt under middel, særligt i dansk.",
        "AKT-læreren har haft ugentlige samtaler med {barn} siden efterårsferien.",
        "PPR har lavet en pædagogisk-psykologisk vurdering, der peger på koncentrationsvanskeligheder.",
        "{barn} kommer ofte for sent og uden madpakke, jf. skolens oplysninger.",
    ],
    "Fritidsforhold og venskaber": [
        "{barn} har et par gode venner i klassen, men ses sjældent med dem efter skoletid.",
        "{barn} har tidligere gået til fodbold, men stoppede sidste år.",
        "{barn} bruger meget tid på skærm og spil om aftenen.",
        "{barn} går i klub to eftermiddage om ugen og er glad for det.",
    ],
    "Familieforhold": [
        "Forældrene er skilt, og {barn} bor primært hos mor.",
        "Der har været mange konflikter mellem forældrene om samvær.",
        "Mormor er en vigtig ressource for familien og henter ofte {barn}.",
        "Familien er flyttet tre gange inden for de sidste to år.",
        "Mor beskriver, at hun ofte føler sig alene med opgaven.",
    ],
    "Forældrekompetencer": [
        "Mor er kærlig og engageret, men har svært ved at fastholde struktur i hverdagen.",
        "Far deltager i møder, men har vanskeligt ved at sætte sig i {barns} sted.",
        "Forældrene kan i samtalen godt se, at {barn} har brug for mere forudsigelighed.",
        "Der er tegn på, at forældrene i perioder har overladt for meget ansvar til {barn}.",
    ],
    "Bolig, beskæftigelse og økonomi": [
        "Familien bor i en lejet treværelses lejlighed.",
        "Mor er sygemeldt, og familien har en stram økonomi.",
        "Far arbejder på skiftende vagter og er ofte væk om aftenen.",
    ],
    "Netværk": [
        "Familien har et begrænset netværk, men moster kommer på besøg hver anden uge.",
        "Der er afholdt netværksmøde med deltagelse af morfar og en nabo.",
        "Farmor bor i nærheden og kan træde til i weekender.",
    ],
}

PROCESS = [
    "Sagen er behandlet i overensstemmelse med forvaltningslovens regler om partshøring.",
    "Oplysningerne er indhentet med forældrenes samtykke, jf. bl.a. retssikkerhedslovens § 11 c.",
    "Forældrene har haft lejlighed til at kommentere udkastet, og deres bemærkninger er indarbejdet.",
    "Der er indhentet udtalelser fra skole, sundhedspleje og egen læge.",
    "Mødet blev afholdt på rådhuset. Referatet er sendt til deltagerne.",
    "Sagsbehandler har orienteret familien om, hvordan oplysningerne bliver brugt.",
    "Der henvises i øvrigt til tidligere journalnotater på sagen.",
    "Der henvises til oplysningerne i § 50-us., bl.a. skolens udtalelse om f.eks. fravær og trivsel.",
    "Mor og far er enige i beskrivelsen, jf. mødet, og har ikke yderligere bemærkninger.",
    "Næste møde aftales, når der foreligger nye oplysninger.",
]

KLAGEVEJLEDNING = (
    "Klagevejledning: Du kan klage over afgørelsen inden 4 uger efter, at du har modtaget den. "
    "Klagen sendes til kommunen, som genvurderer sagen. Fastholder kommunen afgørelsen, sendes klagen "
    "videre til Ankestyrelsen. Klageadgangen gælder bl.a. afgørelser efter §§ 32, 35, 46, 47 og 75 i barnets "
    "lov samt tidligere afgørelser efter servicelovens §§ 52, 52 a, 58 og 76. Afgørelser om anbringelse "
    "uden samtykke kan indbringes for Ankestyrelsen efter særlige regler.")

PARTSHOERING = (
    "Partshøring: Du har ret til at se sagens akter og til at komme med bemærkninger, før der træffes "
    "afgørelse, jf. forvaltningslovens §§ 9 og 19.")

SCHOOL_CLASSES = ["børnehaveklassen", "1. klasse", "2. klasse", "3. klasse", "4. klasse", "5. klasse", "6. klasse",
                  "7. klasse", "8. klasse", "9. klasse", "10. klasse"]

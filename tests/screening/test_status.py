"""Status of a mention in Danish case language: one table per context, every label in each.

The frames are written by hand; `{X}` is an intervention phrasing. Each sentence is screened as its
own document (an afgørelse dated 2024-03-01) and the finding for the phrase's label must carry
the expected status.
"""
from datetime import date

import pytest

from pipeline.types import DocumentText

PHRASES = [
    ("konsulentbistand", "konsulentbistand"),
    ("dagbehandling", "dagtilbud"),
    ("praktisk pædagogisk støtte i hjemmet", "praktisk_paedagogisk_stoette"),
    ("familiebehandling", "familiebehandling"),
    ("MST", "familiebehandling"),
    ("døgnophold for hele familien", "doegnophold_familie"),
    ("weekendaflastning", "aflastning"),
    ("fast kontaktperson", "kontaktperson"),
    ("praktiktilbud", "praktiksted"),
    ("økonomisk støtte", "oekonomisk_stoette"),
    ("støtteperson", "stoetteperson_foraeldre"),
    ("anbringelse i plejefamilie", "anbringelse"),
    ("plejefamilieanbringelse", "anbringelse"),
    ("efterværn", "efterv"),
    ("mentorordning", "anden_stoette"),
]

def _capitalised(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


FRAMES = {
    "granted": [
        "Vi har truffet afgørelse om {X} fra 1. marts 2024.",
        "Forvaltningen har bevilget {X}.",
        "Der er iværksat {X} pr. 1.3.2024.",
        "{X} fortsætter uændret.",
        "Bevilling: {X} fra 01.03.2024 til 31.12.2024.",
        "Indsats: {X}.",
    ],
    "refused": [
        "Der er ikke grundlag for {X}.",
        "Forældrene har takket nej til {X}.",
        "Mor ønsker ikke {X}.",
        "Du har fået afslag på {X}.",
        "Forvaltningen har afvist ansøgningen om {X}.",
        "Der er ikke behov for {X}.",
    ],
    "considered": [
        "Såfremt det ikke lykkes, vil {X} blive overvejet.",
        "Forvaltningen overvejer {X}.",
        "Hvis situationen forværres, kan {X} komme på tale.",
        "Forvaltningen anbefaler {X}.",
        "Sagen indstilles til {X}.",
        "Familien er på venteliste til {X}.",
    ],
    "historical": [
        "Familien har tidligere modtaget {X}.",
        "I 2016 modtog familien {X}.",
        "{X} blev afsluttet i 2018.",
        "Familien havde {X} i sin tidligere kommune.",
    ],
    "other_person": [
        "Mor var selv i {X} som barn.",
        "Storesøster modtager {X}.",
        "Halvbroren har {X}.",
        "I fars sag på voksenområdet er der {X}.",
    ],
    "boilerplate": [
        "Klagevejledning: Du kan klage over afgørelser om {X} til Ankestyrelsen.",
        "Klageadgangen gælder afgørelser efter §§ 32, 46, 47 og {X}.",
    ],
}

CASES = [
    (status, _capitalised(frame.replace("{X}", phrase)), value)
    for status, frames in FRAMES.items()
    for frame in frames
    for phrase, value in PHRASES
]


def _status(findings, value):
    statuses = [f.status for f in findings if f.criterion == "interventions" and f.rule_id.startswith("lexicon:")
                and f.value == value]
    assert statuses, "ingen fund"
    return statuses[0]


# More wordings per context (refusal, plan, history, experiencer, decision), first mention counts.
VARIANTS = [
    ("refused", "Familien har frabedt sig aflastning."),
    ("refused", "Forældrene ønskede ikke at tage imod familiebehandling."),
    ("refused", "Mor afslog tilbuddet om kontaktperson."),
    ("refused", "Ansøgningen om aflastning er afvist."),
    ("refused", "Der vurderes ikke at være behov for kontaktperson."),
    ("refused", "Kommunen giver afslag på anbringelse."),
    ("refused", "Forvaltningen finder ikke, at betingelserne for anbringelse er opfyldt."),
    ("refused", "Far har ikke ønsket familiebehandling."),
    ("refused", "Familiebehandling er ikke aktuelt."),
    ("refused", "Forældrene har frasagt sig tilbuddet om aflastning."),
    ("refused", "En anbringelse er ikke nødvendig."),
    ("refused", "Der er ikke truffet afgørelse om anbringelse."),
    ("considered", "Forvaltningen vil undersøge muligheden for aflastning."),
    ("considered", "Det kan blive nødvendigt med en anbringelse."),
    ("considered", "Anbringelse kan blive aktuelt, hvis mor ikke samarbejder."),
    ("considered", "Der påtænkes iværksat familiebehandling."),
    ("considered", "Det aftales at søge om kontaktperson."),
    ("considered", "Forvaltningen vil indstille til anbringelse."),
    ("considered", "Hvis ikke forholdene bedres, vil forvaltningen overveje anbringelse."),
    ("considered", "Forvaltningen vurderer, at der er behov for aflastning."),
    ("considered", "Der skal tages stilling til, om der skal iværksættes familiebehandling."),
    ("considered", "Mor har anmodet om aflastning."),
    ("considered", "En anbringelse kan ikke udelukkes."),
    ("considered", "Forvaltningen vil tage initiativ til en anbringelse, såfremt mor ikke samarbejder."),
    ("historical", "Familien modtog familiebehandling i 2015-2016."),
    ("historical", "Emil var tidligere anbragt i plejefamilie."),
    ("historical", "Der har tidligere været bevilget aflastning."),
    ("historical", "Forud for sagen havde familien kontaktperson i en anden kommune."),
    ("other_person", "Emils storebror er anbragt på opholdssted."),
    ("other_person", "Mor har selv været anbragt i sin barndom."),
    ("other_person", "Far var anbragt på børnehjem som dreng."),
    ("other_person", "Mor modtager selv støtte fra en kontaktperson på voksenområdet."),
    ("other_person", "Lillesøster går i dagbehandling."),
    ("granted", "Kommunen har den 3. marts 2024 besluttet at anbringe Emil i plejefamilie."),
    ("granted", "Emil anbringes på opholdssted fra 1. april."),
    ("granted", "Aflastningen er opstartet."),
    ("granted", "Familiebehandlingen er nu i gang."),
    ("granted", "Bevilget: kontaktperson 4 timer ugentligt."),
    ("granted", "Familien modtager aflastning hver anden weekend."),
    ("granted", "Forvaltningen har truffet afgørelse om anbringelse med samtykke."),
    ("granted", "Vi har godkendt, at der iværksættes aflastning."),
    ("granted", "Aflastning: ☒ Ja ☐ Nej"),
]


@pytest.fixture(scope="module")
def table_findings(screener):
    """All table sentences screened in one batch (one document each), keyed by sentence."""
    sentences = sorted({s for _, s, _ in CASES} | {s for s, _, _ in TRAPS} | {s for _, s in VARIANTS})
    docs = [DocumentText("T-1", f"doc-{i}", [s], "afgoerelse", date(2024, 3, 1)) for i, s in enumerate(sentences)]
    by_doc: dict[str, list] = {d.document_id: [] for d in docs}
    for finding in screener.screen(docs):
        by_doc[finding.document_id].append(finding)
    return {d.pages[0]: by_doc[d.document_id] for d in docs}


@pytest.mark.parametrize("expected,sentence,value", CASES)
def test_status_table(table_findings, expected, sentence, value):
    assert _status(table_findings[sentence], value) == expected


TRAPS = [
    ("Der er ikke grundlag for at anbringe Emil.", "anbringelse", "refused"),
    ("Forældrene har takket nej til aflastning.", "aflastning", "refused"),
    ("Såfremt det ikke lykkes, vil en anbringelse blive overvejet.", "anbringelse", "considered"),
    ("Mor var selv anbragt som barn.", "anbringelse", "other_person"),
    ("Moderen var selv anbragt på et børnehjem.", "anbringelse", "other_person"),
    ("Storesøster er anbragt i plejefamilie.", "anbringelse", "other_person"),
    ("Anbringelse: ☐ Ja ☒ Nej", "anbringelse", "refused"),
    ("Anbringelse: [ ] Ja [X] Nej", "anbringelse", "refused"),
    ("Vi har bevilget aflastning, men ikke kontaktperson.", "aflastning", "granted"),
    ("Vi har bevilget aflastning, men ikke kontaktperson.", "kontaktperson", "refused"),
    ("Anbringelsen sker uden samtykke, jf. § 47.", "anbringelse", "granted"),
    ("Anbringelsen er ikke kun et spørgsmål om skole; Noah er anbragt på opholdssted.", "anbringelse", "granted"),
    ("Der er opstartet konsulentbistand (barnets lov § 30).", "konsulentbistand", "granted"),
    ("Konklusion: Forvaltningen vurderer, at der er behov for familiebehandling.", "familiebehandling", "considered"),
    ("Forvaltningen indstiller, at Malou anbringes uden for hjemmet, jf. servicelovens § 58.", "anbringelse", "considered"),
    ("Sofie var anbragt fra 2015 til 2017.", "anbringelse", "historical"),
    ("Efter hjemgivelsen i 2019 har Jonas boet hos mor; anbringelsen er afsluttet.", "anbringelse", "historical"),
    # a refusal after "men", "; " or ", som" still answers the offer before it
    ("Et nyt forløb med familiebehandling er tilbudt i februar, men forældrene har takket nej.", "familiebehandling",
     "refused"),
    ("Vi har tilbudt en skilsmissegruppe efter § 11, stk. 3, som I har takket nej til.", "konsulentbistand", "refused"),
    ("Tilbud om praktisk pædagogisk støtte i hjemmet er givet; mor takker nej.", "praktisk_paedagogisk_stoette",
     "refused"),
    ("Vi har også vurderet, om der var grundlag for døgnophold for hele familien.", "doegnophold_familie",
     "considered"),
    ("Familiebehandling blev drøftet igen med mor.", "familiebehandling", "considered"),
    ("I er tilbudt en støtteperson efter § 75.", "stoetteperson_foraeldre", "considered"),
    ("Spørgsmålet om efterværn tages op inden 18-årsdagen.", "efterv", "considered"),
    ("Familien er tilbudt familiebehandling, som startede i marts.", "familiebehandling", "granted"),
    ("I deres egne sager er der iværksat aflastning hos familien Holm.", "aflastning", "other_person"),
    # a parent's own ungestøtte/efterværn, "kunne være"/"alternativt" offers, an offer accepted
    ("Mor modtager i dag ungestøtte efter § 114 med en kontaktperson fra Ungeenheden.", "kontaktperson",
     "other_person"),
    ("Hun oplyser, at hun nu modtager efterværn med en kontaktperson fra kommunen.", "kontaktperson", "other_person"),
    ("Forvaltningen vurderer, at en familiebehandling efter § 32 kunne være relevant.", "familiebehandling",
     "considered"),
    ("Alternativt kunne familien tilbydes et samtaleforløb i familierådgivningen.", "konsulentbistand", "considered"),
    ("Mor er tilbudt ICDP-forældregruppen i Familiehuset, og mor har sagt ja.", "konsulentbistand", "granted"),
    # a measure weighed and turned down, a minority vote, talked about, offered as information, assessed later
    ("Forvaltningen har vurderet familieanbringelse, men finder ikke at mor er motiveret.", "doegnophold_familie",
     "refused"),
    ("Et medlem stemte for at afprøve familieanbringelse først.", "doegnophold_familie", "considered"),
    ("Mindre indgribende støtte som kontaktperson har været drøftet med mor.", "kontaktperson", "considered"),
    ("Fortalt mor om Familiehusets COS-P forældrekursus, der starter hold i november.", "konsulentbistand",
     "considered"),
    ("Du kan selv ringe til Familiehuset om COS-P, hvis du får lyst.", "konsulentbistand", "considered"),
    ("Anbringelsen ophører 30. juni, hvorefter ungestøtte vurderes.", "efterv", "considered"),
    ("Mor vil acceptere ny støtte i hjemmet.", "praktisk_paedagogisk_stoette", "considered"),
    # weighed without a decision; a placement in early childhood; a § 30 course needs no decision; visitation
    ("Vi har vurderet familiebehandling, men det er ikke det, familien har brug for.", "familiebehandling",
     "considered"),
    ("Vi har vurderet, at familiebehandling er den rette indsats, og bevilger den.", "familiebehandling", "granted"),
    ("Barnet var anbragt hos en plejefamilie da han var lille og taler stadig om hestene.", "anbringelse",
     "historical"),
    ("Forældrekurset er et tilbud efter § 30 og kræver ikke en afgørelse.", "konsulentbistand", "granted"),
    ('Jonas visiteres til kommunens ordning "Fritidsjob med støtte".', "anden_stoette", "granted"),
    # expected but not yet started; a need told by a parent
    ("Familiebehandling forventes iværksat efter sommerferien.", "familiebehandling", "considered"),
    ("Mor oplyser, at Emil har brug for aflastning.", "aflastning", "considered"),
    # an open offer, an offer told about, a lawyer's "burde", a placement that ended with the hjemgivelse
    ("Tilbuddet om samtalegruppen står åbent, hvis hun senere får lyst.", "konsulentbistand", "considered"),
    ("Jeg har fortalt om samtalegruppen for børn af psykisk syge forældre.", "konsulentbistand", "considered"),
    ("Advokaten anførte, at der burde forsøges familiebehandling først.", "familiebehandling", "considered"),
    ("Hun skal sætte ord på det, hun oplevede i forbindelse med anbringelsen og hjemgivelsen.", "anbringelse",
     "historical"),
    # a § 30 offer needs no decision, but a decision not made about a measure still negates it
    ("Der er ikke truffet en afgørelse, det er et § 11-forløb.", "konsulentbistand", "granted"),
    ("Der er ikke truffet afgørelse om anbringelse.", "anbringelse", "refused"),
]

NOT_A_MEASURE = [
    ("Din kontaktperson i forvaltningen er rådgiver Anne Holm.", "kontaktperson"),
    ("Kontaktpersonen på centret er en del af asylcentrets drift.", "kontaktperson"),
    ("Aflastningsfamilien er godkendt plejefamilie og har selv et plejebarn anbragt.", "anbringelse"),
    ("Aflastningsfam.: familien Holck (godkendt plejefamilie, har selv 1 plejebarn anbragt).", "anbringelse"),
    ("Forvaltningens kontaktperson: rådgiver Anne Holm, tlf. 12 34 56 78.", "kontaktperson"),
    ("Kontaktperson i huset: familiepædagog Bo Lund.", "kontaktperson"),
    ("Barnets behov er dækket af det private psykologforløb.", "familiebehandling"),
    ("Barnet går hos en psykolog via egen læge.", "familiebehandling"),
    ("Psykologforløbet hos en privatpraktiserende psykolog (henvist af egen læge) startede i januar.",
     "familiebehandling"),
    ("Det regionale psykologforløb er relevant, men ikke tilstrækkeligt.", "familiebehandling"),
    ("Hun er i ressourceforløb på jobcentret og har en mentor derfra.", "anden_stoette"),
    ("Mor har selv en mentor via jobcentret.", "anden_stoette"),
    ("Mors mentor hjælper hende med breve.", "anden_stoette"),
    ("Mor er startet i dagbehandling i Misbrugscentret.", "dagtilbud"),
    ("Misbrugscentret vil tilbyde mor dagbehandling tre dage om ugen.", "dagtilbud"),
    ("Hun er startet i Ungdomsklubben om torsdagen.", "dagtilbud"),
]


@pytest.mark.parametrize("sentence,value", NOT_A_MEASURE)
def test_words_that_only_look_like_a_measure(screen_sentence, sentence, value):
    assert not [f for f in screen_sentence(sentence) if f.criterion == "interventions" and f.value == value]


@pytest.mark.parametrize("sentence,value,expected", TRAPS)
def test_danish_traps(table_findings, sentence, value, expected):
    assert _status(table_findings[sentence], value) == expected


def test_history_is_resolved_against_the_document_date(screen_sentence):
    sentence = "I 2016 blev Freja anbragt i plejefamilie."
    assert _status(screen_sentence(sentence, doc_date=date(2024, 5, 1)), "anbringelse") == "historical"
    assert _status(screen_sentence(sentence, doc_date=date(2016, 9, 1)), "anbringelse") == "granted"


@pytest.mark.parametrize("expected,sentence", VARIANTS)
def test_context_variants(table_findings, expected, sentence):
    first = next(f for f in table_findings[sentence] if f.criterion == "interventions" and f.rule_id.startswith("lexicon:"))
    assert first.status == expected

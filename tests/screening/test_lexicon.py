"""Every SPEC label by its Danish phrasings, compounds and abbreviations, plus the exclusions."""
import pytest
import yaml
from pydantic import ValidationError

from pipeline.lexicon import INTERVENTIONS, LEXICON_PATH, PLACEMENT_TYPES, load_lexicon, parse_lexicon

POSITIVE = [
    ("Familien er bevilget konsulentbistand.", "konsulentbistand"),
    ("Der er opstartet et § 11-forløb.", "konsulentbistand"),
    ("Mor deltager i forældrekursus De Utrolige År.", "konsulentbistand"),
    ("Jonas går i skilsmissegruppe.", "konsulentbistand"),
    ("Familien er tilknyttet Home-Start.", "konsulentbistand"),
    ("Rådgivningen fortsætter som et forløb i Familierådgivningen.", "konsulentbistand"),
    ("Familien tager imod familiesamtaler i det tidlige forebyggende team.", "konsulentbistand"),
    ("Mor har været i rådgivningsforløb hos mig siden oktober.", "konsulentbistand"),
    ("Mor startede på COS-P i september.", "konsulentbistand"),
    ("Forældrene går på kursus i Circle of Security.", "konsulentbistand"),
    ("Sofie er bevilget dagbehandling.", "dagtilbud"),
    ("Der er bevilget plads i ungdomsklub som foranstaltning.", "dagtilbud"),
    ("Der bevilges praktisk pædagogisk støtte i hjemmet.", "praktisk_paedagogisk_stoette"),
    ("Der bevilges praktisk, pædagogisk støtte 5 timer ugentligt.", "praktisk_paedagogisk_stoette"),
    ("En hjemmevejleder kommer to gange om ugen.", "praktisk_paedagogisk_stoette"),
    ("Familiepædagogen kommer i hjemmet.", "praktisk_paedagogisk_stoette"),
    ("Der er bevilget familiebehandling.", "familiebehandling"),
    ("Familiebehandlingsforløbet startede i marts.", "familiebehandling"),
    ("Familien modtager MST.", "familiebehandling"),
    ("Der er iværksat FFT.", "familiebehandling"),
    ("Mor deltager i Marte Meo-forløb.", "familiebehandling"),
    ("Emil er bevilget psykologbehandling.", "familiebehandling"),
    ("Der er bevilget et psykologforløb.", "familiebehandling"),
    ("Der iværksættes traumebehandling.", "familiebehandling"),
    ("Mor og barn er bevilget døgnophold for hele familien.", "doegnophold_familie"),
    ("Der er truffet afgørelse om familieanbringelse.", "doegnophold_familie"),
    ("Mor og Ida er på mor-barn-ophold.", "doegnophold_familie"),
    ("Der er bevilget aflastning hver anden weekend.", "aflastning"),
    ("Weekendaflastningen fortsætter.", "aflastning"),
    ("Aflastningsfamilien har Noah en weekend om måneden.", "aflastning"),
    ("Der bevilges støtteophold efter barnets lov.", "aflastning"),
    ("Der er bevilget døgnaflastning.", "aflastning"),
    ("Der er bevilget en fast kontaktperson.", "kontaktperson"),
    ("Kontaktpersonordningen fortsætter.", "kontaktperson"),
    ("Familien har en familiekontaktperson.", "kontaktperson"),
    ("Der er bevilget en personlig rådgiver.", "kontaktperson"),
    ("Der er formidlet et praktiktilbud med godtgørelse.", "praktiksted"),
    ("Den unge er i praktikophold hos en tømrer.", "praktiksted"),
    ("Vi har besluttet, at Mikkel får en praktikplads hos en tømrer.", "praktiksted"),
    ("Der bevilges fritidsjob med støtte hos en lokal cykelhandler.", "anden_stoette"),
    ("Jonas kommer i praktik hos Harboøre Maskinværksted.", "praktiksted"),
    ("Praktikken forlænges til 30.6.2025.", "praktiksted"),
    ("Vi har bevilget hjælp til betaling af kørekort.", "oekonomisk_stoette"),
    ("Vi dækker din egenbetaling til fodboldklubben.", "oekonomisk_stoette"),
    ("Støttekorpset kommer i hjemmet to gange om ugen.", "praktisk_paedagogisk_stoette"),
    ("Ophold i klub efter § 52, stk. 3, nr. 1.", "dagtilbud"),
    ("Der ydes økonomisk støtte til fritidsaktiviteter.", "oekonomisk_stoette"),
    ("Kommunen dækker betaling af efterskoleophold.", "oekonomisk_stoette"),
    ("Der ydes dækning af udgifter til transport.", "oekonomisk_stoette"),
    ("Mor er bevilget en støtteperson.", "stoetteperson_foraeldre"),
    ("Der udarbejdes en forældrehandleplan.", "stoetteperson_foraeldre"),
    ("Freja er anbragt uden for hjemmet.", "anbringelse"),
    ("Anbringelsen fortsætter.", "anbringelse"),
    ("Der er truffet afgørelse om plejefamilieanbringelse.", "anbringelse"),
    ("Noah blev tvangsanbragt i går.", "anbringelse"),
    ("Der er truffet afgørelse om netværksanbringelse.", "anbringelse"),
    ("Der bevilges efterværn til den unge.", "efterv"),
    ("Der er bevilget ungestøtte efter barnets lov.", "efterv"),
    ("Der er bevilget opretholdt døgnophold efter det 18. år.", "efterv"),
    ("Der er bevilget en mentorordning.", "anden_stoette"),
    ("Der ydes anden hjælp efter § 52, stk. 3, nr. 9.", "anden_stoette"),
    # DOMAIN §2 phrasings and everyday wordings of an expense the municipality pays
    ("Der bevilges hjælp til udgifter, der kan forhindre en anbringelse.", "oekonomisk_stoette"),
    ("Der bevilges tilskud til Emils fritidsaktiviteter.", "oekonomisk_stoette"),
    ("Forvaltningen har bevilget hjælp til betaling af daginstitutionsplads.", "oekonomisk_stoette"),
    ("Familien har fået bevilget et engangsbeløb på 3.000 kr. til vinterudstyr.", "oekonomisk_stoette"),
    ("Kommunen afholder udgiften til Emils fritidsaktivitet.", "oekonomisk_stoette"),
    ("Der bevilges dækning af transportudgifter til samvær med far.", "oekonomisk_stoette"),
    ("Emil får betalt sit kontingent i svømmeklubben af kommunen.", "oekonomisk_stoette"),
    ("Der bevilges et rådgivningsforløb som foranstaltning.", "anden_stoette"),
    ("Familien har fået et ambulant forløb i Familiehuset.", "familiebehandling"),
    ("Emil deltager i et gruppeforløb for skilsmissebørn.", "konsulentbistand"),
    ("Der er etableret et forebyggende forløb efter § 30.", "konsulentbistand"),
    ("Der bevilges udslusningsordning.", "efterv"),
]

# The same word under two labels: the paragraph or "anden hjælp" beside it decides.
NOT_THE_OTHER = [
    ("2) Anden hjælp, § 52, stk. 3, nr. 9 – rådgivningsforløb om rusmidler i U-Turn.", "anden_stoette",
     "konsulentbistand"),
    ("Rådgivningsforløb efter § 52, stk. 3, nr. 9: ophørt 05.12.2018.", "anden_stoette", "konsulentbistand"),
    ("Mor har været i rådgivningsforløb hos mig siden oktober.", "konsulentbistand", "anden_stoette"),
]

PLACEMENT = [
    ("Anbragt i netværksplejefamilie hos moster.", "netvaerksplejefamilie"),
    ("Ida er anbragt hos mormor.", "netvaerksplejefamilie"),
    ("Der er tale om slægtspleje.", "netvaerksplejefamilie"),
    ("Anbragt i plejefamilie hos farmor.", "netvaerksplejefamilie"),
    ("Plejefamilie i barnets netværk.", "netvaerksplejefamilie"),
    ("Anbragt i en almen plejefamilie.", "plejefamilie"),
    ("Plejeforældrene fortæller, at Emil trives.", "plejefamilie"),
    ("Anbragt i forstærket plejefamilie.", "forstaerket_plejefamilie"),
    ("Anbragt i specialiseret plejefamilie.", "specialiseret_plejefamilie"),
    ("Anbragt på et socialpædagogisk opholdssted.", "opholdssted"),
    ("Anbragt på døgninstitution.", "doegninstitution"),
    ("Anbragt på et børne- og ungehjem.", "doegninstitution"),
    ("Anbragt på behandlingshjem.", "doegninstitution"),
    ("Anbragt på sikret døgninstitution.", "sikret_doegninstitution"),
    ("Anbragt i den sikrede døgninstitution.", "sikret_doegninstitution"),
    ("Anbragt i særligt sikret afdeling.", "sikret_doegninstitution"),
    ("Anbragt på eget værelse.", "eget_vaerelse"),
    ("Anbragt i et kollegieværelse med støtte.", "eget_vaerelse"),
    ("Anbragt på kostskole.", "kost_efterskole"),
    ("Anbragt på efterskole.", "kost_efterskole"),
]

EXCLUDED = [
    ("Emma vurderes at være anbringelsestruet.", "anbringelse"),
    ("Formålet er at forebygge en anbringelse.", "anbringelse"),
    ("Indsatsen er et alternativ til anbringelse.", "anbringelse"),
    ("Mor har en støttekontaktperson fra socialpsykiatrien.", "kontaktperson"),
    ("Den unge er i virksomhedspraktik via jobcenteret.", "praktiksted"),
    ("Jonas var i erhvervspraktik i 9. klasse.", "praktiksted"),
    ("Han skal finde en praktikplads til hovedforløbet.", "praktiksted"),
    ("Jonas var glad for praktikken i 9. klasse.", "praktiksted"),
    ("Der er udarbejdet en psykologisk undersøgelse.", "familiebehandling"),
    ("Der er bestilt en forældrekompetenceundersøgelse.", "familiebehandling"),
    ("Der er truffet afgørelse om familieanbringelse.", "anbringelse"),
    ("Aflastningsplejefamilien har Noah hver anden weekend.", "plejefamilie"),
    ("Weekendaflastning i aflastningsfamilie.", "anbringelse"),
    ("Støtten gives til udgifter, der kan forhindre en anbringelse.", "anbringelse"),
    ("Kommunen afholder udgiften til anbringelsen.", "oekonomisk_stoette"),
]


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize("sentence,value", POSITIVE)
def test_intervention_phrasings(lexicon, sentence, value):
    assert value in {m.value for m in lexicon.find(sentence) if m.kind == "intervention"}


@pytest.mark.parametrize("sentence,value,other", NOT_THE_OTHER)
def test_a_shared_word_takes_the_label_its_context_names(lexicon, sentence, value, other):
    found = {m.value for m in lexicon.find(sentence) if m.kind == "intervention"}
    assert value in found and other not in found


@pytest.mark.parametrize("sentence,value", PLACEMENT)
def test_placement_type_phrasings(lexicon, sentence, value):
    found = [m.value for m in lexicon.find(sentence) if m.kind == "placement_type"]
    assert found and found[0] == value


@pytest.mark.parametrize("sentence,value", EXCLUDED)
def test_exclusions(lexicon, sentence, value):
    assert value not in {m.value for m in lexicon.find(sentence)}


def test_every_label_has_an_entry_and_a_test_sentence(lexicon):
    values = {e.value for e in lexicon.entries}
    assert set(INTERVENTIONS) <= values and set(PLACEMENT_TYPES) <= values
    assert {v for _, v in POSITIVE} == set(INTERVENTIONS)
    assert {v for _, v in PLACEMENT} == set(PLACEMENT_TYPES)


def _raw():
    with LEXICON_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.mark.parametrize("mutate", [
    lambda raw: raw["entries"][0].update(synonyms=["x"]),                    # unknown key
    lambda raw: raw.update(extra_top_level=1),                                # unknown top-level key
    lambda raw: raw["entries"][6].update(value="ukendt_indsats"),             # value not in SPEC
    lambda raw: raw["entries"][6].update(patterns=["(unclosed"]),             # broken regex
    lambda raw: raw["entries"].append(dict(raw["entries"][6])),               # duplicate id
])
def test_invalid_lexicon_is_rejected(mutate):
    raw = _raw()
    mutate(raw)
    with pytest.raises(ValidationError):
        parse_lexicon(raw)


@pytest.mark.parametrize("text,value", [
    ("forældremyndighedsindehaverne giver\nikke samtykke", "uden_samtykke"),
    ("praktisk pædagogisk\nstøtte i hjemmet", "praktisk_paedagogisk_stoette"),
    ("døgnophold for hele\nfamilien", "doegnophold_familie"),
    ("en forstærket  plejefamilie", "forstaerket_plejefamilie"),
])
def test_phrases_match_across_line_breaks(lexicon, text, value):
    assert value in {m.value for m in lexicon.find(text)}

import pytest

from pipeline.nlp import build_nlp, sentence_starts
from pipeline.sections import load_sections, section_at


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def _sentences(text):
    starts = sentence_starts(text) + [len(text)]
    return [text[a:b].strip() for a, b in zip(starts, starts[1:], strict=False) if text[a:b].strip()]


@pytest.mark.parametrize("text,expected", [
    ("Der bevilges jf. § 52 bl.a. aflastning. Mor er enig.", 2),
    ("Se f.eks. § 50-us. fra marts. Ny sætning.", 2),
    ("Mødet var d. 12. marts 2021 kl. 10. Mor deltog.", 2),
    ("Bevilling efter § 52, stk. 3, nr. 5. Formål er ro.", 2),
    ("Afgørelse\nVi har bevilget aflastning.", 2),
    ("Anbringelse: ☐ Ja ☒ Nej\nAflastning: ☒ Ja ☐ Nej", 2),
    ("Det er en lang linje som fortsætter på næste linje i en pdf-fil uden\nat sætningen slutter. Ny.", 2),
    ("Første afsnit\n\nAndet afsnit", 2),
    ("Mor ringede pga. sygdom, ca. kl. 9, mht. samvær.", 1),
    ("Praktisk pædagogisk støtte v. Støttekorpset fra aug. 2023 til jan. 2024. Ny.", 2),
    ("Rådgivningsforløb, § 30 | Familierådgivningen | 23.10.2024 | 27.11.2024 | Afsluttet\n"
     "Praktisk pædagogisk støtte, § 32, stk. 1, nr. 2 | Kommunen | 06.01.2025 | Bevilget", 2),
])
def test_sentence_boundaries_survive_abbreviations(text, expected):
    assert len(_sentences(text)) == expected


def test_doc_sents_follow_the_same_bounds(nlp):
    doc = nlp("Der bevilges jf. § 52 bl.a. aflastning. Mor er enig.")
    assert [s.text for s in doc.sents] == ["Der bevilges jf. § 52 bl.a. aflastning.", "Mor er enig."]


@pytest.mark.parametrize("word,lemma", [("anbragt", "anbringe"), ("plejefamilier", "plejefamilie"),
                                        ("Børnene", "barn"), ("Xyzzyq", "xyzzyq")])
def test_lookup_lemmas_with_lowercase_fallback(nlp, word, lemma):
    assert nlp(word)[0].lemma_ == lemma


def test_pipe_keeps_context(nlp):
    docs = list(nlp.pipe([("Der er bevilget aflastning.", "a"), ("Ingen indsats.", "b")], as_tuples=True))
    assert [ctx for _, ctx in docs] == ["a", "b"]
    assert [m.value for m in docs[0][0]._.mentions] == ["aflastning"]


@pytest.mark.parametrize("text,offset_of,section", [
    ("Baggrund\nMor var anbragt.\nAfgørelse\nVi bevilger aflastning.", "aflastning", "afgoerelse"),
    ("Baggrund\nMor var anbragt.\nAfgørelse\nVi bevilger aflastning.", "anbragt", "baggrund"),
    ("Afgørelse\nAflastning.\nKlagevejledning\nDu kan klage over anbringelse.", "anbringelse", "klagevejledning"),
    ("Mål og delmål:\nSofie kommer i skole.", "skole", "formaal"),
    ("Tekst uden overskrifter om aflastning.", "aflastning", ""),
])
def test_sections_from_headings(text, offset_of, section):
    sections = load_sections().find(text)
    assert section_at(sections, text.index(offset_of)) == section


@pytest.mark.parametrize("title,kind", [
    ("Side 1\nRevision af plan - 20.08.2021\nKort notat", "opfoelgning"),
    ("Afgørelse om aflastning\n", "afgoerelse"),
    ("Handleplan - 17. november 2023", "handleplan"),
    ("Statusudtalelse fra familiebehandler", "statusudtalelse"),
    ("Referat af netværksmøde", "journalnotat"),
    ("Noget helt andet", "andet"),
])
def test_document_kind_from_title(title, kind):
    assert load_sections().doc_kind(title) == kind

"""Words, matching keys and the en/fr/nl glossary."""
import pytest

from ingest.terms import Glossary, default_glossary, fold, keys, number_value, text_keys, words


def test_fold_removes_case_and_accents():
    assert fold("Genève Pékin") == "geneve pekin"


def test_words_keep_numbers_and_dotted_names_whole():
    found = [w for w, _, _ in words("hub.brussels a 162,000 jobs, +25,9 % et 7th summit")]
    assert found == ["hub.brussels", "a", "162,000", "jobs", "25,9", "et", "7th", "summit"]


def test_numbers_with_thousands_separators_are_one_number():
    assert number_value("162,000") == ("162000", False)
    assert number_value("162.000") == ("162000", False)
    assert number_value("25,9") == ("25.9", False)
    assert number_value("7th") == ("7", True)


def test_the_same_concept_matches_across_languages():
    assert keys("inaugurated") & keys("inaugurée", ("fr",))
    assert keys("opened") & keys("ingehuldigd", ("nl",))
    assert keys("companies") & keys("bedrijven", ("nl",))
    assert keys("agreement") & keys("akkoord", ("nl",))
    # giving money: "pledged" in a question, "will contribute" or "consacre" or "bijdrage" in a release
    assert keys("pledged") & keys("contribute") & keys("consacre", ("fr",)) & keys("bijdrage", ("nl",))
    # the parts a programme is made of: a list question's "themes" are a release's "areas of work" or "volets"
    assert keys("themes") & keys("areas") & keys("volets", ("fr",)) & keys("pijlers", ("nl",))
    # who leads an organisation is its director: "qui dirige" finds "la directrice", "who heads" the "director"
    assert keys("dirige", ("fr",)) & keys("directrice", ("fr",)) & keys("heads") & keys("director")
    # what a development project counts, in the three languages: a plan in one release, its outcome in another
    assert keys("households") & keys("ménages", ("fr",)) & keys("huishoudens", ("nl",))
    assert keys("boreholes") & keys("forages", ("fr",)) & keys("boorputten", ("nl",))
    assert keys("standpipes") & keys("bornes-fontaines", ("fr",)) & keys("waterpunten", ("nl",))
    assert keys("artisans") & keys("ambachtslieden", ("nl",))
    # "meer" is "more" in Dutch before it is a lake: no lake in every Dutch comparison
    assert not keys("meer", ("nl",)) & keys("lake")


def test_cognates_match_through_their_prefix():
    assert keys("internationaux", ("fr",)) & keys("International", ("en",))


def test_number_words_and_ordinals_match_digits():
    assert "n:5" in keys("cinq") and "n:5" in keys("5")
    assert keys("seventh") & keys("7th")
    assert keys("dixième") & keys("10e")


def test_stop_words_have_no_keys():
    assert keys("the") == frozenset() and keys("welke") == frozenset()


def test_unrelated_words_do_not_match():
    assert not keys("summit") & keys("chocolate")


def test_glossary_lines_and_forms():
    glossary = Glossary(["# comment", "en: harbour, port | fr: port | nl: haven"])
    (concept,) = glossary.concepts_of("haven")
    assert glossary.forms(concept, "en") == ("harbour", "port")
    assert glossary.concepts_of("harbour") == glossary.concepts_of("port")


def test_a_nationality_adjective_matches_its_country_in_three_languages():
    # "a Polish diplomat" is "the ambassador of the Republic of Poland"; "établissement mongol" is in Mongolia
    assert keys("Polish") & keys("Poland") and keys("polonaise", ("fr",)) & keys("Polen", ("nl",))
    assert keys("mongol", ("fr",)) & keys("Mongolia") and keys("Zambiaanse", ("nl",)) & keys("Zambie", ("fr",))
    concepts = {k for k in keys("française", ("fr",)) if k.startswith("g:")}
    assert concepts and not concepts & keys("francs", ("fr",))  # a country's forms match by spelling, not stem


def test_default_glossary_is_loaded_from_the_package():
    assert len(default_glossary().concepts) > 50
    assert text_keys("sommet") & text_keys("summit")


def test_numbers_written_in_words_are_read_whole_in_three_languages():
    from ingest.terms import spelled_numbers

    found = {text: [(v, o) for _, _, v, o in spelled_numbers(text)] for text in (
        "twenty-five years", "vingt-cinq ans", "vijfentwintig jaar", "une trentaine de", "quatre-vingt-dix",
        "vingt et un", "twenty-fifth anniversary", "tweeëntwintigste", "one hundred and twenty", "een bedrijf")}
    assert found == {"twenty-five years": [(25, False)], "vingt-cinq ans": [(25, False)],
                     "vijfentwintig jaar": [(25, False)], "une trentaine de": [(30, False)],
                     "quatre-vingt-dix": [(90, False)], "vingt et un": [(21, False)],
                     "twenty-fifth anniversary": [(25, True)], "tweeëntwintigste": [(22, True)],
                     "one hundred and twenty": [(120, False)], "een bedrijf": []}


@pytest.mark.parametrize("text, value", [
    ("Meer dan honderdtwintig deelnemers", 120), ("tweehonderdvijftig gezinnen", 250),
    ("drieduizendvijfhonderd inwoners", 3500), ("honderdduizend euro", 100000), ("tienduizend bomen", 10000),
    ("vijfentwintighonderd kinderen", 2500), ("tweehonderd miljoen euro", 200000000), ("honderdeneen dagen", 101),
])
def test_dutch_numbers_written_as_one_word_are_read_whole(text, value):
    """Dutch writes a number below a million as one word ("honderdtwintig"): too many to list, so read from its
    parts; "honderden" (hundreds) and "duizenden" are no number."""
    from ingest.terms import spelled_numbers

    assert [v for _, _, v, _ in spelled_numbers(text, "nl")] == [value]
    assert [v for _, _, v, _ in spelled_numbers(text)] == [value]  # a text of unknown language reads Dutch too
    assert spelled_numbers("honderden mensen en duizenden bomen", "nl") == []
    assert spelled_numbers("honderdtwintig", "fr") == []  # a French text reads no Dutch compounds


def test_the_glossary_joins_wells_and_standpipes_across_languages():
    """"Combien de puits ... ?" is answered by "11 of the 12 wells were dug"; Dutch writes standpipes "standpijpen"
    or "standkranen" as often as "tappunten"."""
    from ingest.terms import text_keys

    assert text_keys("puits") & text_keys("wells") & text_keys("waterputten")
    assert text_keys("standpijpen") & text_keys("standpipes") & text_keys("standkranen")
    concept = {k for k in text_keys("wells") if k.startswith("g:")}
    assert concept and not text_keys("as well") & concept  # the adverb is no well


def test_numbers_in_words_are_read_in_the_texts_language():
    from ingest.terms import spelled_numbers

    # Dutch "onze" is "our" (French 11), French "tien" is "yours" (Dutch 10)
    assert [v for _, _, v, _ in spelled_numbers("Onze bedrijven: vijfentwintig in totaal", "nl")] == [25]
    assert [v for _, _, v, _ in spelled_numbers("Le mien et le tien, onze ans", "fr")] == [11]
    assert [v for _, _, v, _ in spelled_numbers("Onze bedrijven", "xx")] == [11]  # an unknown language: all


def test_text_keys_hold_the_value_of_a_compound_number():
    assert "n:25" in text_keys("The agreement covers twenty-five years.")
    assert "n:25" in text_keys("vijfentwintig jaar samenwerking") and "o:25" in text_keys("le vingt-cinquième")


def test_a_dutch_compound_takes_the_concepts_of_its_parts():
    # "waterbedrijf" is a water company, "koophandel" the commerce of a chamber of commerce
    assert keys("waterbedrijf", ("nl",)) & keys("company") and keys("waterbedrijf", ("nl",)) & keys("water")
    assert keys("schoolgebouwen", ("nl",)) & keys("écoles", ("fr",))
    assert keys("koophandel", ("nl",)) & keys("commerce", ("fr",))
    glossary = default_glossary()
    assert not glossary.concepts_of("Waterbedrijf", ("nl",))  # a capitalised word may be a name: no parts read
    assert not glossary.concepts_of("waterbedrijf", ("en", "fr"))  # only Dutch builds nouns this way


def test_a_mayors_title_in_the_partners_language_is_a_mayor():
    # "Prefeito", "alcaldesa", "Oberbürgermeister": the releases keep the partner's word beside or instead of "mayor"
    for title in ("Prefeito", "alcaldesa", "Oberbürgermeister", "prezydent", "primar"):
        assert keys(title) & keys("mayor") and keys(title) & keys("burgemeester", ("nl",)), title
    assert not keys("president") & keys("mayor") and not keys("primary") & keys("mayor")


def test_everyday_words_a_question_and_its_answer_write_in_two_languages_meet():
    """The words cross-lingual questions lost most often against the sentence that answers them (schema 21)."""
    assert keys("civil") & keys("burgerlijke", ("nl",))
    assert not keys("burgerlijke", ("nl",)) & keys("equality")  # listed, no longer read as a compound ("gelijk")
    assert keys("telt", ("nl",)) & keys("compte", ("fr",))
    assert keys("formés", ("fr",)) & keys("trained") & keys("opgeleid", ("nl",))
    assert keys("agents", ("fr",)) & keys("officials") & keys("ambtenaren", ("nl",))


def test_a_form_written_with_an_equals_sign_is_matched_by_its_spelling_only():
    """French "formés" (trained) stems to "form", as English "former" does in French: the training concept keeps the
    French forms by spelling, so "the former mayor" does not ask about training."""
    training = keys("trained") & keys("formés", ("fr",))
    assert training and not keys("former") & training
    glossary = Glossary(["en: trained | fr: =formés"])
    assert glossary.concepts_of("formés", ("fr",)) and not glossary.concepts_of("former", ("fr",))
    assert Glossary(["en: trained | fr: formés"]).concepts_of("former", ("fr",))  # by its stem, without "="
    assert glossary.forms(0, "fr") == ("formés",)

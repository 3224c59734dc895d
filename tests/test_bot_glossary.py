"""Words, matching keys and the en/fr/nl glossary."""
from bot.glossary import Glossary, default_glossary, fold, keys, number_value, text_keys, words


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


def test_default_glossary_is_loaded_from_the_package():
    assert len(default_glossary().concepts) > 50
    assert text_keys("sommet") & text_keys("summit")

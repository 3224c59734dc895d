"""The extractive answerer on hand-made releases: answer types, dates, abstention with its scope, lists."""
import pytest

from bot.analysis import analyse
from bot.answer import Extractive
from bot.cite import assemble, problems
from bot.evidence import Evidence
from bot.query import understand
from bot.records import Passage
from ingest.records import Chunk, PartialDate, Release

MILAN = ("Milan, 3 February 2023 - On Thursday evening, 2 February 2023, the State Secretary and Giuseppe Sala, the "
         "Mayor of Milan, officially opened the first Brussels House.\n\nThe house is located at Via De Castillia 23. "
         "Until this week the tourism team worked in another office. Around sixty designers are represented.")
BARCELONA = ("Bruxelles, le 21 septembre 2023\n\nLa Région a ouvert ce jeudi 21 septembre 2023 sa deuxième Brussels "
             "House, à Barcelone. Sur une surface de 200 m², la maison présente 50 entreprises bruxelloises.")
PLAN = ("Brussels, 3 February 2022 - The first two Brussels Houses are planned in Milan and Berlin. The network of "
        "trade attachés counts some thirty posts.")
NETWORK = ("Bruxelles, le 15 avril 2024\n\nÀ l'étranger, hub.brussels s'appuie désormais sur 33 bureaux. "
           "Les Brussels Houses de Milan et de Barcelone ont ouvert en 2023.")


def _release(rid, text, published, lang, partners=()) -> Release:
    return Release(id=rid, source=f"{rid}.txt", title=f"Release {rid}", text=text, published=published, lang=lang,
                   partners=partners, content_hash=rid, format="txt")


RELEASES = [
    _release("milan", MILAN, PartialDate(2023, 2, 3), "en", ("Milan",)),
    _release("barcelona", BARCELONA, PartialDate(2023, 9, 21), "fr", ("Barcelona",)),
    _release("plan", PLAN, PartialDate(2022, 2, 3), "en", ("Milan", "Berlin")),
    _release("network", NETWORK, PartialDate(2024, 4, 15), "fr", ()),
]


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return Evidence(RELEASES)


def _ask(evidence, question, history=()):
    """Every release is one retrieved passage: what the answerer does with them is under test."""
    query = understand(question, history)
    analysis = analyse(query, evidence)
    passages = [Passage(Chunk(r.id, 0, r.text, 0, len(r.text), 10), r, 1.0) for r in RELEASES]
    draft = Extractive(evidence).draft(query, analysis, passages, RELEASES)
    if not draft.claims:
        return draft.abstain, None
    answer = assemble(draft.claims, passages, question=question, lang=query.lang, lead=draft.lead,
                      footer=draft.footer, as_list=draft.as_list)
    assert problems(answer, {r.id: r for r in RELEASES}) == []
    return answer.text, answer


def test_a_date_question_gets_the_event_date_not_the_publication_date(evidence):
    text, answer = _ask(evidence, "When was the first Brussels House opened?")
    assert text.startswith("**2 February 2023**")
    assert answer.citations[0].release_id == "milan"


def test_a_french_date_question_is_framed_in_french(evidence):
    text, _ = _ask(evidence, "Quand la Brussels House de Barcelone a-t-elle été inaugurée ?")
    assert text.startswith("**21 septembre 2023**")


def test_a_dutch_count_question_finds_the_number_in_a_french_release(evidence):
    text, answer = _ask(evidence, "Hoeveel bedrijven toont het Brussels House in Barcelona?")
    assert "50 entreprises" in text and answer.citations[0].release_id == "barcelona"


def test_a_person_question_gets_a_sentence_naming_a_new_person(evidence):
    text, _ = _ask(evidence, "Who opened the first Brussels House together with the State Secretary?")
    assert "Giuseppe Sala" in text


def test_an_address_question_gets_the_address(evidence):
    text, _ = _ask(evidence, "Op welk adres in Milaan bevindt zich het Brussels House?")
    assert "Via De Castillia 23" in text


def test_the_newest_release_answers_current_figures(evidence):
    text, answer = _ask(evidence, "How many offices does hub.brussels currently have abroad?")
    assert "33" in text and answer.citations[0].release_id == "network"


def test_unknown_names_lead_to_an_abstention_with_its_scope(evidence):
    text, answer = _ask(evidence, "When did the Brussels House in Vietnam open?")
    assert answer is None
    assert text == "None of the 4 releases, published between February 2022 and April 2024, mentions Vietnam."


def test_a_plan_is_not_an_opening_date(evidence):
    text, answer = _ask(evidence, "When did the Brussels House in Berlin open?")
    assert answer is None and "date" in text


def test_a_missing_cost_is_not_answered_with_another_number(evidence):
    text, answer = _ask(evidence, "Hoeveel heeft het Brussels House in Milaan gekost?")
    assert answer is None and text.startswith("Geen van de 4 persberichten")


def test_a_list_gathers_several_releases(evidence):
    text, answer = _ask(evidence, "In which cities did Brussels open Brussels Houses in 2023?")
    assert "Milan" in text and ("Barcelone" in text or "Barcelona" in text)
    assert answer.citations and len(answer.citations) <= 4


def test_a_count_leads_with_the_figure_beside_the_counted_noun(evidence):
    text, _ = _ask(evidence, "How many designers are represented in the Milan house?")
    assert text.startswith("**sixty**") or text.startswith("**Around sixty**") or "sixty" in text.split("\n")[0]


def test_a_year_elsewhere_in_the_release_does_not_date_the_event(evidence):
    text, answer = _ask(evidence, "When did Brussels open a Brussels House in Milan in 2021?")
    assert answer is None and "2021" in text


def test_a_list_across_releases_labels_each_item_with_its_partner(evidence):
    text, answer = _ask(evidence, "In which cities did Brussels open Brussels Houses in 2023?")
    assert "**Milan**" in text or "**Barcelona**" in text

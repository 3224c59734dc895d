"""Date expressions in English, French and Dutch; publication dates of the real releases."""
from __future__ import annotations


import pytest

from ingest.load import load_release
from ingest.metadata.dates import find_dates, find_published, parse_date
from ingest.records import PartialDate

from conftest import REPO, DEV_MANIFEST, EVAL_CORPUS as CORPUS, read_jsonl


@pytest.mark.parametrize("expr, iso", [
    ("26 October 2021", "2021-10-26"), ("9 février 2023", "2023-02-09"), ("3 oktober 2022", "2022-10-03"),
    ("1er mars 2024", "2024-03-01"), ("October 26, 2021", "2021-10-26"), ("20/09/2019", "2019-09-20"),
    ("2021-10-26T09:00:00+02:00", "2021-10-26"), ("2023-09-21", "2023-09-21"), ("oktober 2022", "2022-10"),
    ("In October 2021", "2021-10"), ("en mars 2024", "2024-03"), ("in december 2022", "2022-12"),
    ("in 2022", "2022"), ("2022", "2022"), ("mi-août 2023", "2023-08"), ("17 août 2023", "2023-08-17"),
    ("5 december 2022", "2022-12-05"), ("Sept. 2019", "2019-09"), ("le 2 mai 2019", "2019-05-02"),
])
def test_parse_date(expr, iso):
    assert parse_date(expr) == PartialDate.parse(iso)


@pytest.mark.parametrize("expr", ["", "may be", "tomorrow", "31 February 2023", "page 12", "3000 euros"])
def test_parse_date_refuses(expr):
    assert parse_date(expr) is None


def test_find_dates_offsets_and_year_context():
    text = "Le 2 mai 2019, Castelain signait. La mission dure jusqu'au samedi 5 février, puis en 2020 rien."
    found = find_dates(text)
    assert [(text[s:e], d.iso()) for s, e, d in found] == [
        ("2 mai 2019", "2019-05-02"), ("5 février", "2019-02-05"), ("2020", "2020")]


def test_find_dates_ignores_numbers_and_ranges_parts():
    assert find_dates("It cost 12.2019 euros and 1,2020 units") == []
    assert [d.iso() for _, _, d in find_dates("the 2014-2020 programme")] == ["2014", "2020"]


@pytest.mark.parametrize("text, first, lang", [
    ("A delegation is in Brussels from 3 to 9 October 2018 at the invitation of the minister.", "2018-10-03", "en"),
    ("La mission se déroule du 1er au 6 mars 2019 à Rosso, avec cinq experts.", "2019-03-01", "fr"),
    ("De delegatie verblijft van 3 tot 9 oktober 2018 in Brussel.", "2018-10-03", "nl"),
    ("The forum met on 12 and 13 June 2020 in Kampala.", "2020-06-12", "en"),
    ("Les 4 et 5 mai 2021, la ministre était à Dakar.", "2021-05-04", "fr"),
    ("The 3-9 October 2018 visit ended with a signature.", "2018-10-03", "en"),
])
def test_the_first_day_of_a_range_is_a_date_and_never_a_count(text, first, lang):
    from ingest.metadata.facts import sentence_facts
    from ingest.records import Release, content_hash, release_id_for

    assert first in [d.iso() for _, _, d in find_dates(text)]
    release = Release(release_id_for("x.txt"), "x.txt", "", text, PartialDate(2022, 1, 10), lang, (),
                      content_hash(text.encode()), "txt")
    (facts,) = sentence_facts(release)
    assert first in facts.dates
    day = first[-2:].lstrip("0")
    assert all(value != day for _, value, _ in facts.numbers), facts.numbers


def test_a_number_before_a_date_that_starts_no_range_stays_a_number():
    text = "They trained 25 and 4 May 2021 saw 12 to 30 June 2021 pass; 40 to 9 July 2021."
    assert [text[s:e] for s, e, _ in find_dates(text)] == ["4 May 2021", "12", "30 June 2021", "9 July 2021"]


@pytest.mark.parametrize("text, lang, iso", [
    ("Milan, 3 February 2023 - The Brussels-Capital Region opened a house. On 2 February 2023 ...", "en", "2023-02-03"),
    ("*Brussels, 3 February 2022 - Office of the State Secretary*\n\nThe Region ...", "en", "2022-02-03"),
    ("Bruxelles, le 9 février 2023\n\nCe mardi 7 février 2023, la Région ...", "fr", "2023-02-09"),
    ("Brussel, 3 oktober 2022 - Vandaag op 1 oktober 2022 ...", "nl", "2022-10-03"),
    ("Singapore, 20/09/2019\n\nBarely two months after 1 July 2019 ...", "en", "2019-09-20"),
    ("For the first time in two years.\n\nLondon, 9 May 2022 - Some fifty ...", "en", "2022-05-09"),
    ("In October 2021, the minister travelled to Ankara. " * 3 + "\n\n" + "The visit had a busy schedule. " * 4
     + "\n\nOn 26 October 2021 he signed.", "en", "2021-10"),
])
def test_find_published_datelines_and_lead(text, lang, iso):
    assert find_published(text, lang=lang) == PartialDate.parse(iso)


def test_hints_win_and_unknown_stays_none():
    assert find_published("Brussels, 3 May 2022 - text", lang="en", hints=("2022-05-04",)) == PartialDate(2022, 5, 4)
    assert find_published("Brussels, 3 May 2022 - text", lang="en", hints=("", "not a date")) == PartialDate(2022, 5, 3)
    assert find_published("No date anywhere in this text.", lang="en") is None


def test_all_dev_publication_dates():
    for gold in read_jsonl(DEV_MANIFEST):
        assert str(load_release(CORPUS / gold["file"], CORPUS).published) == gold["date"], gold["file"]


def test_seed_dates_are_sensible():
    seeds = REPO / "docs_corpus"
    istanbul = load_release(seeds / "000_d436b39325961c28.txt", seeds)
    assert istanbul.published == PartialDate(2021, 10)  # the trip's month; the MoU of 26 October is an event
    quito = load_release(seeds / "003_cfea4ba6f28da855.txt", seeds)
    assert quito.published is None  # only "In 2017" (an award), deep in the text: not a publication date

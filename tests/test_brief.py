"""Briefings over a real store (the seeds and the development releases): order, dates, signatories, verified
quotes, exports (Markdown, .docx with its timeline table), the scoped 'nothing published', the command line."""
from __future__ import annotations

import io
import json
import time

import pytest
from docx import Document

from bot import Bot, Briefing
from bot.brief.__main__ import main as cli
from bot.brief.chart import timeline_png
from bot.brief.markdown import to_markdown
from bot.brief.word import TIMELINE_HEADER, to_docx
from bot.errors import BadQuestionError
from bot_corpus import built_store, handmade_store
from ingest.records import PartialDate

TOPICS = ("Lille", "Turkey", "Quito", "Milan", "European Union", "chocolate", "refugees", "Japan")


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder):
    return built_store(tmp_path_factory, embedder)


@pytest.fixture(scope="module")
def the_bot(store, embedder) -> Bot:
    return Bot(store=store, embedder=embedder)


def _entry(briefing, kinds, date: PartialDate):
    return next((i, e) for i, e in enumerate(briefing.timeline) if e.kind in kinds and e.date == date)


def test_lille_lists_the_2019_agreement_before_the_2020_working_visit(the_bot):
    b = the_bot.brief("Lille")
    i, agreement = _entry(b, ("agreement", "renewal"), PartialDate(2019, 5, 2))
    j, visit = _entry(b, ("visit",), PartialDate(2020, 1, 20))
    assert i < j
    assert "2 mai 2019" in agreement.text and "werkbezoek" in visit.text
    signed = next(a for a in b.agreements if a.signed == PartialDate(2019, 5, 2))
    assert {"Damien Castelain", "Guy Vanhengel"} <= set(signed.signatories)
    assert len(signed.citations) >= 2  # the 2019 release, and the 2020 one that says it was renewed in May 2019
    text = to_markdown(b)
    assert text.index("2 May 2019") < text.index("20 January 2020")
    assert {s.source for s in b.sources} == {"dev-12-lille-accord-2019.html", "dev-13-lille-bezoek-2020.md"}


@pytest.mark.parametrize("topic", ["Turkey", "Türkiye", "Turquie", "Turkije"])
def test_turkey_brings_the_seed_releases_events(the_bot, topic):
    b = the_bot.brief(topic)
    assert isinstance(b, Briefing)
    _, istanbul = _entry(b, ("agreement",), PartialDate(2021, 2))  # "February 2021" stays a month
    assert "electronically signed" in istanbul.text and "İmamoğlu" in istanbul.text
    _, ankara = _entry(b, ("agreement",), PartialDate(2021, 10, 26))
    assert "Mansur Yavaş" in ankara.text
    assert [s.source for s in b.sources] == ["000_d436b39325961c28.txt"]
    dates = [e.date for e in b.timeline if e.date]
    assert dates == sorted(dates)


def test_a_city_keeps_to_its_own_events(the_bot):
    b = the_bot.brief("Ankara")
    assert any(e.date == PartialDate(2021, 10, 26) for e in b.timeline)
    assert not any(e.date == PartialDate(2021, 2) for e in b.timeline)  # the MoU with Istanbul is not Ankara's


@pytest.mark.parametrize("topic", TOPICS)
def test_every_quote_is_verbatim_at_its_offsets(the_bot, topic):
    b = the_bot.brief(topic)
    releases = {r.id: r for r in the_bot.releases()}
    assert [c.number for c in b.citations] == list(range(1, len(b.citations) + 1))
    for c in b.citations:
        assert c.quote and releases[c.release_id].text[c.start:c.end] == c.quote
    cited = [n for x in b.summary for n in x.citations] + [n for e in b.timeline for n in e.citations] \
        + [r.citation for p in b.people for r in p.roles] + [n for f in b.figures for n in f.citations] \
        + [n for a in b.agreements for n in a.citations + tuple(m for t in a.themes + a.later for m in t.citations)]
    assert set(cited) == {c.number for c in b.citations}
    for e in b.timeline:
        assert e.text == b.citations[e.citations[0] - 1].quote
    assert 2 <= len(b.summary) <= 4 or len(b.sources) == 1
    json.dumps(b.to_dict())


def test_the_docx_opens_and_holds_the_timeline_table(the_bot):
    b = the_bot.brief("Turkey")
    png = timeline_png(b)
    assert png.startswith(b"\x89PNG")
    doc = Document(io.BytesIO(to_docx(b, png)))
    table = doc.tables[0]
    assert tuple(c.text for c in table.rows[0].cells) == TIMELINE_HEADER
    assert len(table.rows) == len(b.timeline) + 1
    assert any(r.cells[0].text == "26 October 2021" for r in table.rows)
    assert len(doc.inline_shapes) == 1  # the chart
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert {"Summary", "Timeline", "Agreements", "People", "Sources", "Releases used"} <= set(headings)
    assert any(b.corpus_state in p.text for p in doc.paragraphs)


def test_an_unknown_topic_gives_a_scoped_nothing_published(the_bot):
    b = the_bot.brief("Atlantis")
    assert b.empty and not b.timeline and not b.citations
    assert b.scope.startswith("Nothing published on Atlantis between May 2019 and April 2024")
    b = the_bot.brief("Turkey", since="2022", until="2023-06")
    assert b.empty and b.scope == "Nothing published on Turkey between 2022 and June 2023 (6 releases searched)."
    Document(io.BytesIO(to_docx(b)))
    assert "Nothing published" in to_markdown(b)


def test_dates_bound_the_releases_used(the_bot):
    b = the_bot.brief("Lille", until="2019-12")
    assert [s.source for s in b.sources] == ["dev-12-lille-accord-2019.html"]
    with pytest.raises(BadQuestionError):
        the_bot.brief("Lille", since="2021-13")
    with pytest.raises(BadQuestionError):
        the_bot.brief("Lille", since="2022", until="2021")
    with pytest.raises(BadQuestionError):
        the_bot.brief("  ")


def test_a_theme_is_found_through_the_words_of_the_releases(the_bot):
    b = the_bot.brief("chocolate")
    assert "003_cfea4ba6f28da855.txt" in {s.source for s in b.sources if s.about}
    quito = next(a for a in b.agreements if "Quito" in a.partners)
    assert "chocolate" in {t.text for t in quito.themes}


def test_a_correction_prevails_over_the_figure_it_corrects(tmp_path_factory, embedder):
    bot = Bot(store=handmade_store(tmp_path_factory, embedder), embedder=embedder)
    b = bot.brief("Porto")
    money = [f for f in b.figures if f.kind == "money"]
    assert [f.value for f in money] == [450000]
    assert "400,000" in money[0].note and len(money[0].citations) == 2  # the correction, and what it corrects
    companies = sorted(f.value for f in b.figures if f.kind == "count")
    assert companies == [12, 15]  # figures that merely differ are both shown, each with its date


def test_a_briefing_takes_well_under_a_second(the_bot):
    the_bot.brief("Turkey")
    started = time.perf_counter()
    for topic in TOPICS:
        the_bot.brief(topic)
    print(f"briefing time: {(time.perf_counter() - started) / len(TOPICS) * 1000:.0f} ms per topic")


def test_the_command_line_writes_markdown_json_and_docx(store, tmp_path, capsys):
    assert cli(["Lille", "--store", str(store)]) == 0
    assert "## Timeline" in capsys.readouterr().out
    assert cli(["Lille", "--store", str(store), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "Lille"
    target = tmp_path / "lille.docx"
    assert cli(["Lille", "--store", str(store), "--format", "docx", "-o", str(target)]) == 0
    assert Document(str(target)).tables[0].rows[0].cells[0].text == "Date"
    assert cli(["Lille", "--store", str(store), "--since", "nope"]) == 2

"""Rendering of answers, source cards, releases and exports (web.render) on hand-made records."""
from __future__ import annotations

import re

from bot.records import Answer, Citation
from ingest.records import PartialDate, Release
from web import render

TEXT = (
    "Brussels and Ankara meet.\n\n"
    "On 26 October 2021, the Minister-President signed a Memorandum of Understanding with the Mayor of Ankara. "
    "It covers green space.\n\n"
    "<script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=1\">"
)
QUOTE = "On 26 October 2021, the Minister-President signed a Memorandum of Understanding with the Mayor of Ankara."


def release(text: str = TEXT, title: str = "Visit to <b>Ankara</b>") -> Release:
    return Release(id="ankara-1234", source="2021/ankara.txt", title=title, text=text,
                   published=PartialDate(2021, 10), lang="en", partners=("Ankara", "Turkey"),
                   content_hash="0" * 64, format="txt")


def citation(number: int = 1) -> Citation:
    start = TEXT.index(QUOTE)
    return Citation(number, "ankara-1234", "2021/ankara.txt", "Visit to <b>Ankara</b>", PartialDate(2021, 10),
                    QUOTE, start, start + len(QUOTE))


def answer(**kw) -> dict:
    values = dict(text="It was signed on 26 October 2021 [1].", citations=(citation(),), question="When?")
    values.update(kw)
    return Answer(**values).to_dict()


def test_markers_become_links_to_their_source_card():
    md = render.answer_markdown(answer())
    start = TEXT.index(QUOTE)
    assert f"(/view/source/ankara-1234?start={start}&end={start + len(QUOTE)}&n=1 " in md
    assert md.startswith("It was signed on 26 October 2021 [\\[1\\]](")


def test_unknown_marker_numbers_stay_plain_text():
    md = render.answer_markdown(answer(text="Signed [1], see also [7]."))
    assert "[7]" in md and md.count("/view/source/") == 2  # the marker [1] and its line under Sources


def test_grouped_markers_each_get_a_link():
    second = Citation(2, "ankara-1234", "2021/ankara.txt", "t", None, "green space", 0, 11)
    md = render.answer_markdown(answer(text="Signed [1, 2].", citations=(citation(), second)))
    assert "n=1" in md and "n=2" in md and "[1, 2]" not in md


def test_answer_text_cannot_inject_html_or_links():
    md = render.answer_markdown(answer(text="<img src=x onerror=alert(1)> [click](javascript:alert(1)) ![i](http://x/i.png) [1]"))
    assert "<img" not in md and "&lt;img" in md
    assert "](javascript:" not in md and "![" not in md
    assert "&lt;b&gt;Ankara&lt;/b&gt;" in md  # the cited title, escaped in the Sources list


def test_abstention_is_announced_and_notes_are_shown():
    md = render.answer_markdown(answer(text="Nothing found in 2 releases (2021).", citations=(), abstained=True,
                                       notes=("Searched releases published in 2021.",)))
    assert md.startswith("**No answer found in the press releases.**")
    assert "_Searched releases published in 2021._" in md and "Sources" not in md


def test_source_card_highlights_the_quote_inside_its_paragraph_and_escapes_everything():
    rel = release()
    c = citation()
    card = render.source_card(rel, c.start, c.end, number=1)
    assert f'<mark class="bxl-quote">{QUOTE}</mark> It covers green space.' in card
    assert "Brussels and Ankara meet." not in card  # another paragraph
    assert "Visit to &lt;b&gt;Ankara&lt;/b&gt;" in card and "2021-10" in card and "2021/ankara.txt" in card
    assert "/view/release/ankara-1234?start=" in card


def test_whole_release_view_escapes_script_and_img():
    page = render.release_view(release())
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_long_paragraph_is_trimmed_around_the_quote():
    text = "x" * 3000 + " The quote. " + "y" * 3000
    rel = release(text=text)
    start = text.index("The quote.")
    card = render.source_card(rel, start, start + len("The quote."))
    assert "<mark class=\"bxl-quote\">The quote.</mark>" in card and "…" in card and len(card) < 2000


def test_locate_quote_falls_back_to_searching_when_offsets_moved():
    assert render.locate_quote(TEXT, 0, 8, "Brussels") == (0, 8)
    start = TEXT.index(QUOTE)
    assert render.locate_quote(TEXT, 0, 5, QUOTE) == (start, start + len(QUOTE))
    assert render.locate_quote(TEXT, 0, 5, "not in the text") is None


def test_copy_and_export_carry_full_citations():
    a = answer()
    copied = render.answer_with_sources(a)
    assert copied.startswith("It was signed on 26 October 2021 [1].")
    assert f'[1] "{QUOTE}" — Visit to <b>Ankara</b>, published 2021-10 (2021/ankara.txt, characters' in copied
    exported = render.export_markdown([{"question": "When was it signed?", "answer": a}] * 2, exported_at="today")
    assert exported.count("## ") == 2 and "## 2. When was it signed?" in exported and exported.count(QUOTE) == 2


def test_releases_table_escapes_and_links_titles():
    table = render.releases_markdown([release()])
    assert "[Visit to &lt;b&gt;Ankara&lt;/b&gt;](/view/release/ankara-1234)" in table
    assert "Ankara, Turkey" in table and "2021\\-10" in table
    assert render.markdown_text("a | b](x) *c*") == "a \\| b\\]\\(x\\) \\*c\\*"
    assert "No release" in render.releases_markdown([])


def test_streaming_text_is_escaped():
    shown = render.streaming_markdown("partial <script>x</script>")
    assert "<script>" not in shown and re.search(r"▍$", shown)

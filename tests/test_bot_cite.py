"""The citation contract: quotes are the release text at their offsets, inside retrieved passages, and every
marker has exactly one citation."""
import json

from bot.cite import Claim, abstention, assemble, problems, verify
from bot.records import Passage
from ingest.records import Chunk, PartialDate, Release

TEXT = "First sentence about Ankara. Second sentence [2] about Quito.\n\nThird paragraph, not retrieved."


def _release(text=TEXT, rid="r1") -> Release:
    return Release(id=rid, source=f"sub/{rid}.txt", title="A title", text=text, published=PartialDate(2021, 10, 27),
                   lang="en", partners=(), content_hash="h", format="txt")


def _passage(release: Release, start: int, end: int) -> Passage:
    return Passage(Chunk(release.id, 0, release.text[start:end], start, end, tokens=10), release, 1.0)


def test_claims_outside_retrieved_passages_or_releases_are_dropped():
    release = _release()
    passages = [_passage(release, 0, TEXT.index("\n\n"))]
    inside = Claim(release, 0, TEXT.index(".") + 1)
    outside = Claim(release, TEXT.index("Third"), len(TEXT))
    other = Claim(_release(rid="r2"), 0, 5)
    beyond = Claim(release, 0, len(TEXT) + 10)
    assert verify([inside, outside, other, beyond], passages) == [inside]


def test_a_quote_may_run_across_two_retrieved_chunks_that_white_space_separates():
    """Chunking drops the blank line between two paragraphs: a list's introduction ends one chunk and its items
    open the next. With both retrieved, a quote over both is inside them; with only one, it is not."""
    text = "The agreement names three themes:\n\n- water;\n- waste;\n- heritage.\n\nA last paragraph."
    release = _release(text)
    cut = text.index("\n\n")
    both = [_passage(release, 0, cut), _passage(release, cut + 2, text.index("heritage.") + 9)]
    quote = Claim(release, 0, text.index("heritage.") + 9)
    assert verify([quote], both) == [quote]
    assert verify([quote], both[:1]) == []
    assert verify([Claim(release, 0, len(text))], both) == []  # the paragraph after them was not retrieved


def test_assembled_answer_numbers_markers_and_quotes_exactly():
    release = _release()
    passages = [_passage(release, 0, TEXT.index("\n\n"))]
    second = TEXT.index("Second")
    claims = [Claim(release, 0, TEXT.index(".") + 1, label="**2021**"),
              Claim(release, second, TEXT.index("Quito.") + 6)]
    answer = assemble(claims, passages, question="q", lang="en", lead="**Lead**")
    assert [c.number for c in answer.citations] == [1, 2]
    assert answer.text.count("[1]") == 1 and answer.text.count("[2]") == 1
    assert "(2)" in answer.text  # a bracketed number inside a quote cannot pass for a marker
    for c in answer.citations:
        assert release.text[c.start:c.end] == c.quote and c.source == "sub/r1.txt"
        assert c.published == PartialDate(2021, 10, 27)
    assert problems(answer, {release.id: release}) == []
    json.dumps(answer.to_dict())


def test_nothing_verified_gives_no_answer():
    release = _release()
    assert assemble([Claim(release, TEXT.index("Third"), len(TEXT))], [_passage(release, 0, 10)],
                    question="q", lang="en") is None


def test_abstentions_carry_no_citations_and_no_markers():
    answer = abstention("None of the 2 releases mentions Dakar [1].", question="q", lang="en")
    assert answer.abstained and not answer.citations
    assert problems(answer, {}) == []


def test_problems_are_reported():
    release = _release()
    answer = assemble([Claim(release, 0, 5)], [_passage(release, 0, 20)], question="q", lang="en")
    broken = type(answer)(text=answer.text + " [3]", citations=answer.citations)
    assert problems(broken, {release.id: release})
    tampered = _release(text="X" + TEXT)
    assert problems(answer, {release.id: tampered})

"""A person a later release names in place of another (ingest.metadata.renamed): a quote that names the rejected
person is superseded as a corrected figure is (bot.read.superseded), and the correcting sentence is shown before it,
so the name that stands comes first."""
from __future__ import annotations

from bot.corpus import published_no_earlier
from bot.question.analysis import Analysis, asks_a_person
from bot.read.candidates import Candidate
from bot.read.lists import overlap
from bot.read.superseded import put_before
from ingest.metadata.renamed import bare, gives_a_right_name, renamed_after, renaming


def renamed_first(chosen: list[Candidate], ranked: list[Candidate], analysis: Analysis | None) -> list[Candidate]:
    """For a question about a person or a name, each quote that names someone another quote (of the same release or
    a later one) says was wrongly named comes after that correction (a quote's sentence read with the sentence
    before it when another quote holds that one)."""
    if analysis is None or not asks_a_person(analysis):
        return chosen
    fixes = []
    for c in ranked:
        for s in c.sentences:
            if named := renaming(s) or (gives_a_right_name(s) and (before := _before(s, c, ranked)) is not None
                                        and renamed_after(s, before)):
                fixes.append((c, named))
    out = list(chosen)
    for c in chosen:
        names = {bare(p) for s in c.sentences for p in s.facts.persons}
        fix = next((f for f, (new, old) in fixes if old in names and new not in names and not overlap(f, c)
                    and (f.release.id == c.release.id or published_no_earlier(f.release, c.release))), None)
        if fix is not None:
            put_before(out, c, fix)
    return out


def _before(s, c: Candidate, ranked: list[Candidate]):
    """The sentence just before s in its release, when a quote holds it."""
    return next((t for other in ranked if other.release.id == c.release.id for t in other.sentences
                 if t.facts.index == s.facts.index - 1), None)

"""Corrections of the retrieved figures and people: a later release that corrects a figure a retrieved passage gives
("1,35 miljoen euro, en niet 1,2 miljoen euro zoals toen aangekondigd") or a person it names ("Zij heet dr. Grace
Mwaisela, en niet Grace Mwaipopo") seldom repeats the question's words, so the search misses it and the answer would
quote the superseded figure or name as if it stood. Its correcting passage is retrieved too, found through the
partner index and, for figures, the dossiers read at ingest time (never by scanning the corpus)."""
from __future__ import annotations

from typing import Sequence

from bot.corpus import Corpus, as_number, published_no_earlier
from bot.records import Passage
from ingest.metadata.renamed import bare, renamed_after, renaming

RELEASES = 8  # the best retrieved releases whose figures are looked up


def correcting_passages(corpus: Corpus, passages: Sequence[Passage], chunks_of) -> list[Passage]:
    """The chunks of other releases about the same partners, published no earlier, that correct a figure of the
    retrieved passages (`chunks_of(release_id)`: a release's chunks), scored as the weakest retrieved passage."""
    best = list(dict.fromkeys(p.release.id for p in passages))[:RELEASES]
    if not best:
        return []
    stated: dict[tuple[str, float], list] = {}  # (kind, value) -> the retrieved releases that state it
    for p in passages:
        if p.release.id in best:
            for s in corpus.overlapping(p.release.id, p.chunk.start, p.chunk.end):
                for _, value, kind in s.facts.numbers:
                    if (number := as_number(value)) is not None:
                        stated.setdefault((kind, number), []).append(p.release)
    partners = {name for rid in best for name in corpus.release(rid).partners}
    if not stated or not partners:
        return []
    about = set(corpus.store.catalog.naming(partners))
    weakest = min(p.score for p in passages)
    have = {p.chunk.id for p in passages}
    out = []
    for rid, fixes in corpus.corrections(sorted(about)).items():
        release = corpus.release(rid)
        for fix in fixes:
            if any(published_no_earlier(release, old) for old in stated.get((fix.kind, fix.old), ())):
                out += _chunks_over(chunks_of(rid), release, fix.start, fix.end, have, weakest)
    return out


def renaming_passages(corpus: Corpus, passages: Sequence[Passage], chunks_of) -> list[Passage]:
    """The chunks of releases about the same partners, published no earlier, with a sentence that names someone in
    place of a person the retrieved passages name (ingest.metadata.renamed), scored as the weakest retrieved passage.
    Only the sentences of the partners' releases published no earlier than one of the retrieved releases are read,
    and a sentence's facts only when its text rejects a name or gives a right one (ingest.metadata.renamed); a
    correction told over two sentences brings the chunks over both."""
    best = list(dict.fromkeys(p.release.id for p in passages))[:RELEASES]
    named: dict[str, list] = {}  # a bare person name -> the retrieved releases that name them
    for p in passages:
        if p.release.id in best:
            for s in corpus.overlapping(p.release.id, p.chunk.start, p.chunk.end):
                for person in s.facts.persons:
                    named.setdefault(bare(person), []).append(p.release)
    partners = {name for rid in best for name in corpus.release(rid).partners}
    if not named or not partners:
        return []
    weakest = min(p.score for p in passages)
    have = {p.chunk.id for p in passages}
    out = []
    naming = {r.id: r for releases in named.values() for r in releases}.values()
    for rid in sorted(set(corpus.store.catalog.naming(partners))):
        release = corpus.release(rid)
        if not any(published_no_earlier(release, r) for r in naming):
            continue  # an earlier release corrects none of them
        previous = None
        for s in corpus.sentences(rid):
            fixed, start = renaming(s), s.start
            if not fixed and previous is not None and (fixed := renamed_after(s, previous)):
                start = previous.start  # the correction is told over the two sentences
            previous = s
            if fixed and any(published_no_earlier(release, r) for r in named.get(fixed[1], ())):
                out += _chunks_over(chunks_of(rid), release, start, s.end, have, weakest)
    return out


def _chunks_over(chunks, release, start: int, end: int, have: set, score: float) -> list[Passage]:
    """The release's chunks (not boilerplate, not already retrieved) over text[start:end], as passages scored
    `score`; `have` records them."""
    out = []
    for chunk in chunks:
        if chunk.start < end and start < chunk.end and chunk.id not in have and not chunk.boilerplate:
            out.append(Passage(chunk, release, score))
            have.add(chunk.id)
    return out

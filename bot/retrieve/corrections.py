"""Corrections of the retrieved figures: a later release that corrects a figure a retrieved passage gives ("1,35
miljoen euro, en niet 1,2 miljoen euro zoals toen aangekondigd") seldom repeats the question's words, so the search
misses it and the answer would quote the superseded figure as if it stood. Its correcting passage is retrieved too,
found through the partner index and the figures the dossiers read at ingest time (never by scanning the corpus)."""
from __future__ import annotations

from typing import Sequence

from bot.corpus import Corpus, as_number, published_no_earlier
from bot.records import Passage

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
            if not any(published_no_earlier(release, old) for old in stated.get((fix.kind, fix.old), ())):
                continue
            for chunk in chunks_of(rid):
                if chunk.start < fix.end and fix.start < chunk.end and chunk.id not in have and not chunk.boilerplate:
                    out.append(Passage(chunk, release, weakest))
                    have.add(chunk.id)
    return out


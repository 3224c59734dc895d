"""The quote that gives a list: under its announcement ("The agreement covers four themes:" and the lines after) or
inline after a colon. A list question's answer must show the one that enumerates what was asked, however weak it
scores: the items picked one by one may be weaker still, or belong to another list of the same release."""
from __future__ import annotations

from typing import Callable, Sequence

from bot.question.analysis import Analysis
from bot.question.words import words_of
from bot.read.candidates import Candidate
from ingest.terms import fold

INLINE_COMMAS = 2  # commas (or semicolons) after a sentence's colon that make it a list of three items or more
MIN_ITEMS = 2  # lines under a sentence ending with a colon that make a list ("Title:" above one subtitle line does not)


def overlap(a: Candidate, b: Candidate) -> bool:
    """Two quotes of one release share text (one is never shown beside the other)."""
    return a.release.id == b.release.id and a.start < b.end and b.start < a.end


def within(line: Candidate, whole: Candidate) -> bool:
    """A quote lies inside another of its own release (a list's line inside the whole list)."""
    return line.release.id == whole.release.id and whole.start <= line.start and line.end <= whole.end


def more_of_the_releases_shown(shown: Sequence[Candidate], ranked: Sequence[Candidate], n: int,
                               wanted: Callable[[Candidate], object]) -> list[Candidate]:
    """Up to n more quotes, best first, of the releases already shown, that `wanted` accepts and that share no text
    with a quote shown: more of what the closest passages cite, adding no release to check."""
    releases = {c.release.id for c in shown}
    found: list[Candidate] = []
    for c in ranked:
        if len(found) == n:
            break
        if c.release.id in releases and not any(overlap(c, o) for o in [*shown, *found]) and wanted(c):
            found.append(c)
    return found


def enumerates(c: Candidate, analysis: Analysis) -> bool:
    """The quote introduces a list and gives its items: the lines after "The agreement covers four themes:", or
    three or more items after a colon in a sentence that names what was asked ("open to five disciplines:
    ceramics, photography, puppetry, street art and sound design" for "which disciplines"), separated by commas or,
    when the items have commas of their own, by semicolons ("four components: drainage in the A and B wards; ...")."""
    if c.sentence.facts.list_end is not None and c.end > c.sentence.end:
        return _lines(c.release.text[c.sentence.end:c.end]) >= MIN_ITEMS  # a title's subtitle is not a list
    _, colon, items = c.sentence.text.partition(": ")
    last = items.rfind(",")  # "A, B et C": the conjunction after the last comma separates too
    commas = items.count(",") + bool(last >= 0 and words_of()["list_and"].search(items[last:]))
    return bool(colon) and max(commas, items.count(";")) >= INLINE_COMMAS and _names_it(c, analysis)


def _lines(text: str) -> int:
    """The text's lines that hold something."""
    return sum(1 for line in text.splitlines() if line.strip())


def lists_what_was_asked(c: Candidate, analysis: Analysis) -> bool:
    """The quote enumerates, and names what the question lists ("four themes:" for "which themes")."""
    return enumerates(c, analysis) and _names_it(c, analysis)


def _names_it(c: Candidate, analysis: Analysis) -> bool:
    """The quote names what the question lists ("themes"): its sentence, or the one before that it refers back to
    ("The delegation was led by ... It included:")."""
    return bool(analysis.listed) and bool(analysis.listed & c.keys)  # the quote's keys are a union: read if needed


def lists_to_show(shown: Sequence[Candidate], ranked: Sequence[Candidate], analysis: Analysis) -> list[Candidate]:
    """For the closest passages of a list question: for each release shown whose shown quotes list nothing that was
    asked, its quote that enumerates, however weak, first one that names what was asked; only such a one when a
    quote shown already enumerates something else. A list spread over releases (the districts of a first phase and
    those an extension adds) is shown from each of them."""
    other_list = any(enumerates(c, analysis) for c in shown)
    releases = _without_the_list(shown, analysis)
    listers = [c for c in ranked if c.release.id in releases and enumerates(c, analysis)
               and (not other_list or lists_what_was_asked(c, analysis))]  # read once, then per release
    return _best_of_each(listers, releases, key=lambda c: (_names_it(c, analysis), c.p))


def lists_to_add(chosen: Sequence[Candidate], ranked: Sequence[Candidate], analysis: Analysis) -> list[Candidate]:
    """For a list answer whose items were picked one by one: for each of their releases whose items list nothing
    that was asked, its quote that enumerates what was asked (the items may belong to another list: "three parts:
    ..." for "which disciplines"; a list spread over a first release and its extension is in both). It may hold
    items already picked (its lines): it then replaces them (replaced_by)."""
    releases = _without_the_list(chosen, analysis)
    named = [c for c in ranked if c.release.id in releases and lists_what_was_asked(c, analysis)]
    return _best_of_each(named, releases, key=lambda c: c.p)


def replaced_by(quotes: Sequence[Candidate], lists: Sequence[Candidate]) -> list[Candidate]:
    """The quotes that share no text with any of the lists: a line picked alone ("- Daniel Kambou, Mayor;") is
    shown within its list, with the lines a weaker score left out."""
    return [c for c in quotes if not any(overlap(c, quote) for quote in lists)]


def _best_of_each(quotes: Sequence[Candidate], releases: list[str], key) -> list[Candidate]:
    """The best of the quotes (by `key`) of each release, in the order of `releases`; none for a release without."""
    best: dict[str, Candidate] = {}
    for c in quotes:
        if c.release.id not in best or key(c) > key(best[c.release.id]):
            best[c.release.id] = c
    return [best[release] for release in releases if release in best]


def _without_the_list(quotes: Sequence[Candidate], analysis: Analysis) -> list[str]:
    """The releases of the quotes, in their order, whose quotes list nothing that was asked."""
    return [release for release in dict.fromkeys(c.release.id for c in quotes)
            if not any(c.release.id == release and lists_what_was_asked(c, analysis) for c in quotes)]


def carried_list(chosen: Sequence[Candidate], ranked: Sequence[Candidate], analysis: Analysis) -> Candidate | None:
    """A list that an answer's release carries over from an earlier one ("De vier prioritaire sectoren uit het
    memorandum van 2009 blijven behouden", "keeps the five themes of the first", "aux trois municipalités d'origine
    s'ajoutent ..."): the earlier release of the same partner that enumerates them (the list that names what was
    asked, or that counts as many items: "five themes:"), so that the answer gives the whole list, not only what
    was added."""
    releases = {c.release.id: c.release for c in chosen}
    carrying = [c for c in ranked if c.release.id in releases and _carries_over(c)]
    if not carrying:
        return None
    counts = {v for c in carrying for s in c.sentences for _, v, unit in s.facts.numbers if unit == "count"}
    partners = {p for r in releases.values() for p in r.partners}
    dated = [c.release.published.earliest() for c in carrying if c.release.published]
    for c in sorted(ranked, key=lambda c: -c.p):
        if c.release.id in releases or not enumerates(c, analysis) or not partners & set(c.release.partners):
            continue
        if dated and c.release.published and c.release.published.earliest() >= max(dated):
            continue  # an earlier release's list
        said = {v for _, v, unit in c.sentence.facts.numbers if unit == "count"}
        if _names_it(c, analysis) or counts & said:
            return c
    return None


def added_list(chosen: Sequence[Candidate], ranked: Sequence[Candidate], analysis: Analysis) -> Candidate | None:
    """The converse of carried_list: a later release of the same partner that adds items to the answer's list ("Le
    programme s'étend désormais à trois nouveaux quartiers : ..."), a word of keeping or adding, a count and the
    items, however low it scores (it seldom repeats the question's words): the whole list is in both."""
    releases = {c.release.id: c.release for c in chosen}
    partners = {p for r in releases.values() for p in r.partners}
    dated = [r.published.latest() for r in releases.values() if r.published]
    if not dated:
        return None
    for c in sorted(ranked, key=lambda c: -c.p):
        if c.release.id in releases or not partners & set(c.release.partners) or not c.release.published \
                or c.release.published.earliest() <= max(dated):
            continue
        if _carries_over(c) and enumerates(c, analysis):
            return c
    return None


def _carries_over(c: Candidate) -> bool:
    """The quote's sentence keeps (or adds to) a counted set of items: a word of keeping and a count."""
    kept = words_of()["carried_over"]
    return any(unit == "count" for _, _, unit in c.sentence.facts.numbers) \
        and any(fold(w) in kept for w, _, _ in c.sentence.tokens)

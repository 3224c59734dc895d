"""People in a briefing, each with the role every release gives them at its date (roles change), and the key
figures, where a later release that says it corrects a figure prevails over it (the correction noted) and figures
that merely differ are both shown, as the reader does for answers (bot.read.compose)."""
from __future__ import annotations

from typing import Sequence

from bot.brief.citations import Citer
from bot.brief.records import KeyFigure, Person, RoleAt
from bot.brief.timeline import concerns
from bot.brief.topic import Match, Topic
from bot.corpus import Corpus
from bot.render import format_date
from ingest.metadata.dossier import Figure
from ingest.terms import fold

MAX_FIGURES = 20


def people(matches: Sequence[Match], topic: Topic, citer: Citer, corpus: Corpus) -> list[Person]:
    """Everyone named with a role in a sentence that concerns the topic; per release the fullest role given."""
    by_person: dict[str, dict[str, tuple]] = {}
    names: dict[str, str] = {}
    for m in sorted(matches, key=lambda m: (m.release.published is None, m.release.published or 0, m.release.id)):
        for r in m.dossier.roles:
            if not concerns(r.partners, _keys(corpus, m, r.sentence, topic), m, topic):
                continue
            key = fold(r.person)
            names.setdefault(key, r.person)
            kept = by_person.setdefault(key, {}).get(m.release.id)
            if kept is None or len(r.role) > len(kept[0].role):
                by_person[key][m.release.id] = (r, m)
    out = []
    for key, per_release in by_person.items():
        roles = []
        for r, m in per_release.values():
            number = citer.cite(m.release, r.start, r.end)
            if number is not None:
                roles.append(RoleAt(r.role, m.release.published, number))
        if roles:
            out.append(Person(names[key], tuple(roles)))
    out.sort(key=lambda p: (-len(p.roles), p.roles[0].citation))
    return out


def figures(matches: Sequence[Match], topic: Topic, citer: Citer, corpus: Corpus) -> list[KeyFigure]:
    """Key figures that concern the topic, oldest release first; corrected ones give way to their correction."""
    found = []
    for m in matches:
        for f in m.dossier.figures:
            if concerns(f.partners, _keys(corpus, m, f.sentence, topic), m, topic):
                found.append((f, m))
    superseded: dict[int, list[tuple[Figure, Match]]] = {}
    for i, (f, m) in enumerate(found):
        if f.correction:
            for j, (g, n) in enumerate(found):
                if j != i and j not in superseded and _corrected_by(g, n, f, m):
                    superseded.setdefault(i, []).append((g, n))
    gone = {id(g) for olds in superseded.values() for g, _ in olds}
    kept = [(i, f, m) for i, (f, m) in enumerate(found) if id(f) not in gone]
    kept.sort(key=lambda x: (not (x[1].prominent or x[1].correction), _date(x[2]), x[1].start))
    out = []
    for i, f, m in sorted(kept[:MAX_FIGURES], key=lambda x: (_date(x[2]), x[1].start)):
        olds = superseded.get(i, [])
        numbers = citer.cite_all([(m.release, f.start, f.end)] + [(n.release, g.start, g.end) for g, n in olds])
        if not numbers:
            continue
        out.append(KeyFigure(f.label, f.kind, f.value, m.release.published, m.release.text[f.start:f.end],
                             numbers, note=_note(f, olds)))
    return out


def _keys(corpus: Corpus, m: Match, sentence: int, topic: Topic):
    """A theme's briefing needs the words of the sentence (a partner's, the partners the dossier records)."""
    if topic.is_partner:
        return None
    sentences = corpus.sentences(m.release.id)
    return sentences[sentence].keys if sentence < len(sentences) else frozenset()


def _corrected_by(old: Figure, old_match: Match, new: Figure, new_match: Match) -> bool:
    """A figure an older release gave that `new` says it corrects: the value it names as corrected, or (when it
    names none) a figure of the same kind and unit; in the same release, the corrected value told elsewhere."""
    if old.kind != new.kind:
        return False
    if old_match.release.id == new_match.release.id:  # the old value restated beside its correction
        return new.corrects is not None and old.value == new.corrects and old.sentence != new.sentence
    older, newer = old_match.release.published, new_match.release.published
    if older is None or newer is None or older.latest() >= newer.earliest():
        return False
    if new.corrects is not None:
        return old.value == new.corrects
    return fold(old.unit) == fold(new.unit)


def _note(f: Figure, olds) -> str:
    if olds:
        told = "; ".join(f"{g.label} ({format_date(m.release.published, 'en')})" for g, m in olds)
        return f"corrects {told}"
    if f.correction and f.corrects is not None:
        value = f"{f.corrects:,.0f}" if float(f.corrects).is_integer() else f"{f.corrects:,}"
        return f"corrects {value} (an earlier version of the release)"
    if f.correction:
        return "given as a correction"
    return ""


def _date(m: Match) -> tuple:
    p = m.release.published
    return (p is None, (p.year, p.month or 0, p.day or 0) if p else ())

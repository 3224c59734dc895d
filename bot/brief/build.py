"""Builds a Briefing from the dossiers stored at ingest time: releases found through the partner index or the key
index (never by scanning the corpus), then summary, timeline, people, agreements, key figures and bibliography."""
from __future__ import annotations

import datetime as dt
import logging
import threading
from functools import cached_property
from pathlib import Path

from bot.brief.agreements import agreements
from bot.brief.citations import Citer
from bot.brief.people import figures, people
from bot.brief.records import Briefing, Source
from bot.brief.summary import summary
from bot.brief.timeline import entries, events
from bot.brief.topic import ABOUT, fold_words, Match, Topic, in_range, in_scope, resolve
from bot.corpus import Corpus
from bot.errors import BadQuestionError
from bot.render import format_date
from ingest.records import PartialDate
from ingest.errors import StoreMissingError
from ingest.metadata.partners import find_partners
from ingest.settings import Settings
from ingest.layout import read_manifest
from ingest.store import Store
from ingest.terms import fold

log = logging.getLogger(__name__)


def open_briefer(store_dir: str | Path | None = None) -> "Briefer":
    """A Briefer over an existing store without loading the embedding model (a briefing embeds nothing): the
    store is opened with the settings it records having been built with (for `python -m bot.brief`)."""
    settings = Settings.from_env()
    directory = Path(store_dir or settings.store_dir)
    built = read_manifest(directory)
    if built is None:
        raise StoreMissingError(f"No store in {directory}: build it with `python -m ingest --store {directory}`.")
    settings = settings.replace(store_dir=directory, chunk_tokens=built["chunk_tokens"],
                                chunk_overlap=built["chunk_overlap"], hnsw_search_ef=built["hnsw_search_ef"])
    store = Store.open(directory, embedder_name=built["embedding_model"], dimension=built["dimension"],
                       settings=settings)
    return Briefer(Corpus(store))


class Briefer:
    """Briefings over one version of the store; shared by threads.

    >>> Briefer(bot.corpus).brief("Lille", until="2019-12").sources[0].source
    'dev-12-lille-accord-2019.html'
    """

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.catalog = corpus.store.catalog  # the store's own: one cache, refreshed when another process writes
        self._lock = threading.Lock()
        self._prepared = False

    def prepare(self) -> int:
        """Reads the dossiers a store built before them lacks (once; later ingests write them): how many."""
        with self._lock:
            if self._prepared:
                return 0
            stale = self.catalog.stale_dossiers()
            for rid in stale:
                try:
                    self.catalog.dossier(self.corpus.release(rid))
                except KeyError:
                    continue  # removed meanwhile
            if stale:
                log.info("read the dossiers of %d releases", len(stale))
            self._prepared = True
            return len(stale)

    @cached_property
    def partners(self) -> list[str]:
        """Every partner a release names outside its boilerplate, by name."""
        self.prepare()
        return sorted(self.catalog.partner_names(), key=fold)

    def brief(self, topic: str, since=None, until=None) -> Briefing:
        since, until = _as_date(since, "since"), _as_date(until, "until")
        if since and until and since.earliest() > until.latest():
            raise BadQuestionError(f"The date range is empty: {since} is after {until}.")
        self.prepare()
        subject = resolve(topic, self.partners)
        matches = self.matches(subject, since, until)
        state, n = self.catalog.state()
        base = dict(topic=topic, name=subject.name, partners=subject.partners, since=since, until=until,
                    corpus_state=state, corpus_releases=n,
                    built_at=dt.datetime.now().astimezone().isoformat(timespec="seconds"))
        if not matches:
            return Briefing(scope=_nothing(subject, self.catalog.published(), since, until), **base)
        citer = Citer({m.release.id: m.dossier for m in matches})
        groups = events(matches, subject, self.corpus)
        lines = summary(groups, matches, subject, citer, self.corpus)
        timeline = entries(groups, citer)
        found = people(matches, subject, citer, self.corpus)
        known = {fold(p.name) for p in found}
        signed = agreements(groups, matches, subject, known, citer, self.corpus)
        figures_ = figures(matches, subject, citer, self.corpus)
        ordered = sorted(matches, key=lambda m: (m.release.published is None, m.release.published or 0,
                                                 m.release.id))
        sources = tuple(Source(m.release.id, m.release.title, m.release.published, m.release.source,
                               m.release.lang, m.about) for m in ordered)
        return Briefing(scope=_scope(matches, subject), summary=tuple(lines), timeline=tuple(timeline),
                        people=tuple(found), agreements=tuple(signed), figures=tuple(figures_), sources=sources,
                        citations=citer.citations, **base)

    def matches(self, topic: Topic, since: PartialDate | None, until: PartialDate | None) -> list[Match]:
        """The releases in the date range that name the topic, with how often they do."""
        named = self.catalog.naming(topic.partners) if topic.is_partner else {}
        mentions = {rid: max(n.values()) for rid, n in named.items()} if topic.is_partner \
            else self._theme_mentions(topic)
        releases = []
        for rid, n in sorted(mentions.items()):
            try:
                release = self.corpus.release(rid)
            except KeyError:
                continue  # removed meanwhile
            if n > 0 and in_scope(release, since, until):
                releases.append(release)
        dossiers = self.catalog.dossiers(releases)
        return [Match(r, dossiers[r.id], mentions[r.id]) for r in releases
                if not topic.is_partner or _named_or_about(dossiers[r.id], named[r.id])]

    def _theme_mentions(self, topic: Topic) -> dict[str, int]:
        """Through the key index: releases holding every word of the theme, and how many sentences do."""
        candidates = None
        for word in topic.word_keys:
            holding = self.corpus.store.releases_with(word)
            candidates = holding if candidates is None else candidates & holding
        out = {}
        for rid in sorted(candidates or ()):
            sentences = [s for s in self.corpus.sentences(rid) if not s.facts.has("boilerplate")]
            if topic.phrase:  # a name ("UN-Habitat"): written as such, not just its words
                n = sum(1 for s in sentences if topic.phrase in f" {fold_words(s.text)} ")
                title = topic.phrase in f" {fold_words(self.corpus.release(rid).title)} "
            else:
                n = sum(1 for s in sentences if topic.in_text(s.keys))
                title = topic.in_text(self.corpus.title_keys(rid))
            out[rid] = n + (2 if title else 0)
        return out



def _nothing(topic: Topic, published: list[PartialDate | None], since: PartialDate | None,
             until: PartialDate | None) -> str:
    """'Nothing published on X between <since or the first release> and <until or the last> (n releases searched).'"""
    dates = sorted(d for d in published if d)
    first, last = since or (dates[0] if dates else None), until or (dates[-1] if dates else None)
    n = sum(1 for d in published if in_range(d, since, until))
    if first is None or last is None:
        return f"Nothing published on {topic.name}: the {n} releases loaded give no date."
    return f"Nothing published on {topic.name} between {_month(first)} and {_month(last)} ({n} releases searched)."


def _named_or_about(dossier, partners: dict[str, int]) -> bool:
    """A release names the topic itself, or is about one of its places: "Rabat" named once in a list of offices
    does not make a release about Morocco."""
    if any(p not in dossier.implied for p in partners):
        return True
    return any(n >= ABOUT and set(partners) & set(find_partners(p)[1:]) for p, n in dossier.mentions)


def _scope(matches: list[Match], topic: Topic) -> str:
    dates = sorted(m.release.published for m in matches if m.release.published)
    about = sum(1 for m in matches if m.about)
    n = len(matches)
    what = f"{n} release{'s' if n != 1 else ''}"
    when = ""
    if dates:
        first, last = _month(dates[0]), _month(dates[-1])
        when = f" published in {first}" if first == last else f" published between {first} and {last}"
    split = f": {about} about {topic.name}, {n - about} mentioning it" if 0 < about < n else ""
    undated = n - len(dates)
    return f"{what}{when}{f' ({undated} undated)' if dates and undated else ''}{split}."


def _month(date: PartialDate) -> str:
    return format_date(PartialDate(date.year, date.month) if date.month else date, "en")


def _as_date(value, name: str) -> PartialDate | None:
    try:
        return PartialDate.coerce(value or None)  # an empty form field is no bound
    except ValueError:
        raise BadQuestionError(f"{name}: {value!r} is not a date; write 2021, 2021-10 or 2021-10-26.") from None

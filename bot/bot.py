"""The Bot: one object per store, shared by threads; build_bot is the composition root (embedder, store, LLM)."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from bot.analysis import analyse
from bot.answer import Draft, Extractive
from bot.cite import abstention, assemble
from bot.errors import BadQuestionError
from bot.evidence import Evidence
from bot.glossary import LANGS, keys, words
from bot.records import Answer, Query
from bot.retrieve import Filters, Retriever
from ingest.metadata.partners import find_partners
from ingest.records import IngestReport, Release
from ingest.settings import Settings

log = logging.getLogger(__name__)
STREAM_STEP = 3  # words per streamed update


@dataclass(frozen=True)
class _State:
    """Everything read from one version of the store; swapped whole by refresh()."""

    store: object
    evidence: Evidence
    retriever: Retriever
    answerer: Extractive

    def known(self, form: str) -> bool:
        return any(self.evidence.df.get(k) for w, _, _ in words(form) for k in keys(w) if k.startswith("s:"))


def build_bot(settings: Settings | None = None, *, create: bool = False) -> "Bot":
    """The composition root: the Bot with the embedder, store and (optional) LLM that `settings` name
    (create=True starts an empty store when there is none yet; refresh() then fills it)."""
    return Bot(settings=settings, create=create)


def _embedder_for(settings: Settings):
    from ingest.embed import Embedder

    return Embedder(settings.embedding_model, settings.embed_batch_size)


def _open_store(settings: Settings, embedder, create: bool = False):
    from ingest.store import Store

    return Store.open(Path(settings.store_dir), embedder_name=embedder.name, dimension=embedder.dimension,
                      settings=settings, create=create)


class Bot:
    """Answers questions over an existing store; thread-safe, models loaded once.

    >>> bot = Bot(store=".bxlbot/store")
    >>> bot.ask("When was the MoU with Ankara signed?").text
    """

    def __init__(self, store: str | Path | None = None, *, settings: Settings | None = None, embedder=None,
                 llm=None, create: bool = False):
        settings = settings or Settings.from_env()
        if store is not None:
            settings = settings.replace(store_dir=Path(store))
        self.settings = settings
        self._embedder = embedder or _embedder_for(settings)
        if llm is None and settings.llm != "none":
            from bot.llm import build_chat_model

            llm = build_chat_model(settings.llm)
        self._llm = llm
        self._refresh_lock = threading.Lock()
        self._state = self._load(create)

    def _load(self, create: bool = False) -> _State:
        store = _open_store(self.settings, self._embedder, create)
        releases = store.releases()
        boilerplate: dict[str, list[tuple[int, int]]] = {}
        for chunk in store.chunks():
            if chunk.boilerplate:
                boilerplate.setdefault(chunk.release_id, []).append((chunk.start, chunk.end))
        find_partners("")  # builds the gazetteer now rather than during the first question
        evidence = Evidence(releases, boilerplate)
        # Twice top_k passages: sentence selection is cheap, and lists and comparisons need several releases.
        retriever = Retriever(store, self._embedder, evidence, top_k=2 * self.settings.top_k)
        log.info("bot ready: %d releases, %d sentences", len(releases), evidence.n)
        return _State(store, evidence, retriever, Extractive(evidence))

    # ---- answering

    def ask(self, question: str, history: Sequence[dict] = (), *, since=None, until=None,
            partners: Sequence[str] | None = None, lang: str | None = None) -> Answer:
        """The answer to `question` (history: earlier {'role', 'content'} turns; the rest are hard filters)."""
        from bot.query import clean_history, clean_question, understand

        text = clean_question(question, self.settings.max_question_chars)
        turns = clean_history(history)
        if lang is not None and lang not in LANGS:
            raise BadQuestionError(f"Unknown language filter {lang!r}: use one of {', '.join(LANGS)}.")
        if isinstance(partners, str):
            partners = [partners]
        state = self._state
        query = understand(text, turns, since=since, until=until, partners=partners, lang=lang, known=state.known)
        filters = Filters(query.since, query.until, tuple(p for p in (partners or ()) if p), lang)
        scope = [r for r in state.evidence.releases.values() if filters.admits(r)]
        analysis = analyse(query, state.evidence)
        passages = state.retriever.search(query, analysis, filters) if scope else []
        draft = self._draft(state, query, analysis, passages, scope, filters.active)
        answer = None
        if draft.claims:
            answer = assemble(draft.claims, passages, question=text, lang=query.lang, lead=draft.lead,
                              footer=draft.footer, as_list=draft.as_list, notes=(draft.footer,) if draft.footer else ())
        if answer is None:
            from bot.render import abstain_text

            message = draft.abstain or abstain_text(scope, query.lang, "other", filtered=filters.active)
            answer = abstention(message, question=text, lang=query.lang, notes=(message,))
        return answer

    def _draft(self, state: _State, query: Query, analysis, passages, scope, filtered: bool) -> Draft:
        draft = state.answerer.draft(query, analysis, passages, scope, filtered)
        if self._llm is None or not draft.claims:
            return draft  # the LLM only rephrases what the extractive evidence supports
        from bot.llm import llm_draft

        return llm_draft(self._llm, query, passages, draft, state.evidence)

    def stream(self, question: str, history: Sequence[dict] = (), **filters) -> Iterator[str | Answer]:
        """Growing answer text (str), then the final Answer; the text is verified before any of it is shown."""
        answer = self.ask(question, history, **filters)
        parts = answer.text.split(" ")
        for end in range(STREAM_STEP, len(parts), STREAM_STEP):
            yield " ".join(parts[:end])
        yield answer.text
        yield answer

    # ---- the corpus

    def releases(self) -> list[Release]:
        """All releases, newest first."""
        found = list(self._state.evidence.releases.values())
        return sorted(found, key=lambda r: (r.published.earliest().isoformat() if r.published else "", r.id),
                      reverse=True)

    def release(self, release_id: str) -> Release:
        return self._state.evidence.releases[release_id]  # KeyError when unknown

    def partners(self) -> list[str]:
        return sorted({p for r in self._state.evidence.releases.values() for p in r.partners}, key=str.casefold)

    def refresh(self, paths: Sequence[str | Path] | None = None) -> IngestReport:
        """Ingests the corpus (default: settings.corpus_dir) into this bot's store, then answers from it."""
        from ingest.pipeline import ingest

        with self._refresh_lock:
            report = ingest(paths or [self.settings.corpus_dir], store_dir=self.settings.store_dir,
                            settings=self.settings, embedder=self._embedder)
            if report.changed or report.extra.get("rechunked"):
                self._state = self._load()
        return report

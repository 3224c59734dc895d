"""The Bot: one object per store, shared by threads; build_bot is the composition root (embedder, store, LLM)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from bot.cite import abstention, assemble
from bot.corpus import Corpus
from bot.errors import BadQuestionError, UnavailableError
from bot.opened import OpenedStore, State
from bot.question.analysis import Analysis, analyse
from bot.question.understand import clean_history, clean_question, understand
from bot.read import Draft
from bot.read.abstain import absent_name, abstention_text
from bot.records import Answer, Query
from bot.retrieve import Filters
from bot.retrieve.plan import passages_for
from ingest.errors import StoreChangedError, StoreUnavailableError
from ingest.records import IngestReport, Release
from ingest.settings import Settings
from ingest.terms import LANGS

log = logging.getLogger(__name__)
STREAM_STEP = 3  # words per streamed update


@dataclass(frozen=True)
class _Asked:
    """One question prepared for reading: what it means, where to look, what was found, the offline draft."""

    state: State
    text: str
    query: Query
    analysis: Analysis
    filters: Filters
    scope: list
    scope_ids: set | None
    passages: list
    draft: Draft
    cands: list


def build_bot(settings: Settings | None = None, *, create: bool = False) -> "Bot":
    """The composition root: the Bot with the embedder, store and (optional) LLM that `settings` name
    (create=True starts an empty store when there is none yet; refresh() then fills it)."""
    return Bot(settings=settings, create=create)


def _embedder_for(settings: Settings):
    from ingest.embed import Embedder

    return Embedder(settings.embedding_model, settings.embed_batch_size, settings.embedding_backend)


def _llm_reader_for(settings: Settings, llm=None):
    """The LLM reader of BXLBOT_LLM, or of `llm` (a Backend or a LangChain chat model); None for none."""
    if llm is None and settings.llm.partition(":")[0].strip().lower() == "none":
        return None
    from bot.llm import Backend, LlmReader, build_backend

    if llm is None:
        llm = build_backend(settings)
    elif not isinstance(llm, Backend):
        llm = Backend(llm, name=getattr(llm, "model_name", None) or type(llm).__name__,
                      context=settings.llm_context, max_tokens=settings.llm_max_tokens, timeout=settings.llm_timeout)
    log.info("answers written by the language model %s%s, checked against the passages", llm.name,
             f" at {llm.where}" if llm.where else "")
    return LlmReader(llm, limit=settings.top_k)


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
        self._llm = _llm_reader_for(settings, llm)
        self._opened = OpenedStore(settings, self._embedder, create)

    @property
    def _state(self) -> State:
        """The store's state as last opened or synced (OpenedStore.current brings it up to date)."""
        return self._opened.state

    # ---- answering

    def ask(self, question: str, history: Sequence[dict] = (), *, since=None, until=None,
            partners: Sequence[str] | None = None, lang: str | None = None) -> Answer:
        """The answer to `question` (history: earlier {'role', 'content'} turns; the rest are hard filters).
        Raises BadQuestionError for an unusable question, UnavailableError while the Chroma server is down (or
        while another process is rebuilding the store)."""
        for item in self._answer(question, history, since=since, until=until, partners=partners, lang=lang):
            if isinstance(item, Answer):
                return item
        raise AssertionError("the answer steps end with an Answer")

    def _answer(self, question: str, history: Sequence[dict], **filters) -> Iterator[str | Answer]:
        """The model's growing reply (unverified text) when an LLM reads, then the final, verified Answer."""
        try:
            try:
                asked = self._prepare(question, history, **filters)
            except StoreChangedError:
                self._opened.reopen(self._state)
                asked = self._prepare(question, history, **filters)
            draft = asked.draft
            if self._llm is not None and asked.passages:
                reading = yield from self._llm.read(asked.state.corpus, asked.query, asked.analysis, asked.passages)
                draft = self._llm.draft(reading, draft, asked.query.lang)
            yield self._finish(asked, draft)
        except (StoreUnavailableError, StoreChangedError) as error:
            raise UnavailableError(str(error)) from None

    def _prepare(self, question: str, history: Sequence[dict], *, since=None, until=None,
                 partners: Sequence[str] | None = None, lang: str | None = None) -> _Asked:
        """The question understood, its scope, passages and the offline reader's draft."""
        text = clean_question(question, self.settings.max_question_chars)
        turns = clean_history(history)
        if lang is not None and lang not in LANGS:
            raise BadQuestionError(f"Unknown language filter {lang!r}: use one of {', '.join(LANGS)}.")
        if isinstance(partners, str):
            partners = [partners]
        state = self._opened.current()
        query = understand(text, turns, since=since, until=until, partners=partners, lang=lang,
                           known=state.corpus.known)
        filters = Filters(query.since, query.until, tuple(p for p in (partners or ()) if p), lang)
        # the releases the filters leave, from the catalog's indexed columns: how many, first and last dates, ids
        scope = state.store.catalog.scope(**filters.bounds(), ids=filters.active)
        scope_ids = set(scope.ids) if filters.active else None
        analysis = analyse(query, state.corpus)
        # a name of the question that no release of the scope holds: nothing can answer (checked in the key index)
        missing = absent_name(state.corpus, analysis, scope_ids) if scope.n else None
        passages = self._passages(state, query, analysis, filters, scope_ids) if scope.n and not missing else []
        draft, cands = state.reader.read(query, analysis, passages)
        return _Asked(state, text, query, analysis, filters, scope, scope_ids, passages, draft, cands)

    def _finish(self, asked: _Asked, draft: Draft) -> Answer:
        """The Answer from verified claims, or an abstention that says what was searched."""
        query, answer = asked.query, None
        if draft.claims:
            answer = assemble(draft.claims, asked.passages, question=asked.text, lang=query.lang, lead=draft.lead,
                              footer=draft.footer, as_list=draft.as_list, notes=draft.notes,
                              confidence=draft.confidence)
        if answer is None:
            message = abstention_text(asked.state.corpus, asked.analysis, query.lang, asked.scope, asked.scope_ids,
                                      asked.cands, asked.filters.active)
            notes = (message,) + (draft.notes if self._llm is not None else ())
            answer = abstention(message, question=asked.text, lang=query.lang, notes=notes)
        return answer

    def candidates(self, question: str, history: Sequence[dict] = (), passages=None
                   ) -> tuple[Query, Analysis, list, list]:
        """(query, analysis, passages, scored candidate quotes) for a question: what the reader saw, for
        training its weights (bot.read.train) and for explaining an answer (`passages`: reuse these)."""
        state = self._state
        query = understand(clean_question(question, self.settings.max_question_chars), clean_history(history),
                           known=state.corpus.known)
        analysis = analyse(query, state.corpus)
        if passages is None:
            passages = self._passages(state, query, analysis, Filters(), None)
        return query, analysis, passages, state.reader.candidates(query, analysis, passages)

    def _passages(self, state: State, query: Query, analysis: Analysis, filters: Filters, scope_ids):
        """The retrieved passages for a question (bot.retrieve.plan)."""
        return passages_for(state.retriever, state.store.catalog, query, analysis, filters, scope_ids,
                            self.settings.top_k)

    def stream(self, question: str, history: Sequence[dict] = (), **filters) -> Iterator[str | Answer]:
        """Growing answer text (str), then the final Answer. Offline, the text is verified before any of it is
        shown; with an LLM, the model's reply is shown as it is written (bot.llm.Unverified), then the verified
        answer's text replaces it."""
        if self._llm is not None:
            answer = None
            for item in self._answer(question, history, **filters):
                if isinstance(item, Answer):
                    answer = item
                else:
                    yield item
            yield answer.text
            yield answer
            return
        answer = self.ask(question, history, **filters)
        parts = answer.text.split(" ")
        for end in range(STREAM_STEP, len(parts), STREAM_STEP):
            yield " ".join(parts[:end])
        yield answer.text
        yield answer

    # ---- the corpus

    @property
    def corpus(self) -> Corpus:
        """The reader's view of the store (releases, sentences and their facts)."""
        return self._state.corpus

    def releases(self) -> list[Release]:
        """All releases, newest first (reads every record: for listings)."""
        found = self._opened.current().corpus.releases()
        return sorted(found, key=lambda r: (r.published.earliest().isoformat() if r.published else "", r.id),
                      reverse=True)

    def release(self, release_id: str) -> Release:
        return self._opened.current().corpus.release(release_id)  # KeyError when unknown

    def count(self) -> int:
        """How many releases the store holds (without reading them)."""
        return self._opened.current().store.catalog.count()

    def partners(self) -> list[str]:
        return self._opened.current().store.catalog.partners()

    # ---- briefings

    def brief(self, topic: str, since=None, until=None):
        """A dated briefing on a partner or a theme, every line cited (bot.brief.Briefing); read from what ingestion
        stored, so it takes well under a second. A topic nothing matches gives a scoped 'nothing published'."""
        from bot.brief import briefer_for

        return briefer_for(self._state.corpus).brief(topic, since=since, until=until)

    def refresh(self, paths: Sequence[str | Path] | None = None) -> IngestReport:
        """Ingests the corpus (default: settings.corpus_dir) into this bot's store, then answers from it."""
        from ingest.pipeline import ingest

        with self._opened.lock:
            report = ingest(paths or [self.settings.corpus_dir], store_dir=self.settings.store_dir,
                            settings=self.settings, embedder=self._embedder)
            if report.changed or report.extra.get("rechunked"):
                self._opened.state = self._opened.load()
        return report

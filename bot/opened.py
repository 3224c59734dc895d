"""The store as the Bot has it open: everything read from one version of it (a State), opened again when another
process rebuilt it, and brought up to date with writes made elsewhere at most every settings.sync_seconds."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bot.corpus import Corpus
from bot.read import Reader
from bot.retrieve import Retriever
from ingest.errors import IngestError, StoreChangedError
from ingest.metadata.partners import find_partners
from ingest.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class State:
    """Everything read from one version of the store (its catalog generation); swapped whole when it changes."""

    store: object
    generation: int
    corpus: Corpus
    retriever: Retriever
    reader: Reader


def _open_store(settings: Settings, embedder, create: bool = False):
    from ingest.store import Store

    return Store.open(Path(settings.store_dir), embedder_name=embedder.name, dimension=embedder.dimension,
                      settings=settings, create=create)


class OpenedStore:
    """The State of the Bot's store, shared by its threads; `lock` is held while the store is opened again or
    rebuilt (Bot.refresh)."""

    def __init__(self, settings: Settings, embedder, create: bool = False):
        self.settings = settings
        self._embedder = embedder
        self.lock = threading.Lock()
        self._synced = time.monotonic()
        self.state = self.load(create)

    def load(self, create: bool = False) -> State:
        store = _open_store(self.settings, self._embedder, create)
        if store.catalog.encoding != "packed" or not store.catalog.totals:
            log.warning("the catalog in %s was written before its packed sentences and key totals, which answers "
                        "read more slowly: `python -m ingest` converts it once", self.settings.store_dir)
        find_partners("")  # builds the gazetteer now rather than during the first question
        return self._state_of(store, store.sync())

    def _state_of(self, store, generation: int) -> State:
        corpus = Corpus(store)
        # Twice top_k passages: sentence selection is cheap, and lists and comparisons need several releases.
        retriever = Retriever(store, self._embedder, corpus, top_k=2 * self.settings.top_k)
        log.info("bot ready: %d sentences", corpus.n)
        return State(store, generation, corpus, retriever, Reader(corpus))

    def current(self) -> State:
        """The state for the store as it is now: a store rebuilt by another process is opened again at once; at most
        every settings.sync_seconds, writes made elsewhere (another process, or on the Chroma server) are looked for,
        and the caches start afresh when there were any."""
        state = self.state
        if state.store.replaced():  # a rebuild elsewhere: nothing this state holds is true of the store any more
            return self.reopen(state)
        if time.monotonic() - self._synced < self.settings.sync_seconds:
            return state
        self._synced = time.monotonic()
        generation = state.store.sync()
        if generation != state.generation:
            state = self.state = self._state_of(state.store, generation)
        return state

    def reopen(self, seen: State) -> State:
        """The store opened again after another process rebuilt it (once, however many threads noticed)."""
        with self.lock:
            if self.state is seen:
                log.warning("the store in %s was rebuilt by another process: opening it again", self.settings.store_dir)
                try:
                    self.state = self.load()
                except IngestError as error:  # still being rebuilt: a clear error now, the next question tries again
                    raise StoreChangedError(f"The store was rebuilt and cannot be opened yet ({error})") from None
                self._synced = time.monotonic()
            return self.state

"""A Bot opened in a background thread, so that a web page can come up while the models load and the corpus is
brought up to date: every call waits until the bot is ready (a question asked early waits, it does not fail), and
raises what opening it raised.

Example:
    >>> bot = Starting(lambda: build_bot(settings))
    >>> bot.ask("When was the MoU with Ankara signed?")   # waits for the bot, then answers
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import Callable

log = logging.getLogger(__name__)


class Starting:
    """Stands for the Bot that `open_bot` returns; `on_failure` is called (in the opening thread) if it raises."""

    def __init__(self, open_bot: Callable[[], object], on_failure: Callable[[BaseException], None] | None = None):
        self._future: Future = Future()
        self._on_failure = on_failure
        threading.Thread(target=self._open, args=(open_bot,), name="bot-start", daemon=True).start()

    def _open(self, open_bot) -> None:
        try:
            self._future.set_result(open_bot())
        except BaseException as error:  # noqa: BLE001 - handed to on_failure, then to every caller
            if self._on_failure:
                self._on_failure(error)
            self._future.set_exception(error)

    @property
    def ready(self) -> bool:
        """Whether the bot is open (or opening it failed)."""
        return self._future.done()

    def wait(self, timeout: float | None = None):
        """The bot, once open; raises what opening it raised."""
        return self._future.result(timeout)

    def __getattr__(self, name: str):
        return getattr(self.wait(), name)

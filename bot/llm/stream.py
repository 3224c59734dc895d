"""The model's reply as it is written, under a deadline: a worker thread drives the chat model's stream, so that
a server that stalls (or a local model that is slow) cannot hold the answer beyond BXLBOT_LLM_TIMEOUT."""
from __future__ import annotations

import queue
import threading
import time
from typing import Iterator, Sequence

from bot.llm.backends import LlmTimeout

_TEXT, _END, _ERROR = "text", "end", "error"


class Unverified(str):
    """Answer text shown while the model writes: not yet checked against the passages it cites."""


def timed_stream(chat, messages: Sequence, timeout: float) -> Iterator[str]:
    """The pieces of the model's reply as they arrive; LlmTimeout when the whole reply takes longer than `timeout`
    seconds, the model's own error when it fails. Closing the iterator stops the model at its next piece."""
    pieces: queue.Queue = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        chunks = 0
        try:
            for chunk in chat.stream(list(messages)):
                chunks += 1
                if stop.is_set():
                    break
                text = chunk.content if isinstance(chunk.content, str) else chunk.text
                if text:
                    pieces.put((_TEXT, text))
            pieces.put((_END, None))
        except ValueError as error:
            # LangChain raises ValueError after a stream of no chunks at all: an empty reply, not an outage
            pieces.put((_END, None) if chunks == 0 and not stop.is_set() else (_ERROR, error))
        except BaseException as error:  # handed to the caller, who decides
            pieces.put((_ERROR, error))

    threading.Thread(target=work, name="bxlbot-llm", daemon=True).start()
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                kind, value = pieces.get(timeout=max(deadline - time.monotonic(), 0.0))
            except queue.Empty:
                raise LlmTimeout(timeout) from None
            if kind == _END:
                return
            if kind == _ERROR:
                raise value
            yield value
    finally:
        stop.set()

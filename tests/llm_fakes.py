"""Test helper: a fake chat model that cites by content. It writes a fixed reply in which each {phrase} becomes the
number of the first passage of the prompt that holds the phrase (99 when none does), streamed word by word, so that
tests need not know in which order retrieval ranked the passages. Fakes stand in for a model only: no real one
can run in every test here (tests/test_llm_server.py runs a real one)."""
from __future__ import annotations

import re
import time
from typing import Any, Iterator

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

_BLOCK = re.compile(r'<passage n="(\d+)"[^>]*>\n(.*?)\n</passage>', re.DOTALL)


class CitingFake(BaseChatModel):
    reply: str
    calls: int = 0
    first_sent: float | None = None  # time.monotonic() when the first piece was written

    @property
    def _llm_type(self) -> str:
        return "citing-fake"

    def written(self, prompt: str) -> str:
        blocks = _BLOCK.findall(prompt)
        return re.sub(r"\{([^}]*)\}", lambda m: next((n for n, t in blocks if m.group(1) in t), "99"), self.reply)

    def _stream(self, messages, stop=None, run_manager=None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        self.calls += 1
        for piece in re.findall(r"\S+\s*|\s+", self.written(messages[-1].content)):
            if self.first_sent is None:
                self.first_sent = time.monotonic()
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
            time.sleep(0.05)  # a model writes a few words a second

    def _generate(self, messages, stop=None, run_manager=None, **kwargs: Any) -> ChatResult:
        text = "".join(c.text for c in self._stream(messages, stop, run_manager))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

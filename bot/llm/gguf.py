"""A local GGUF model as a LangChain chat model, through llama-cpp-python (the optional `llm` extra); the only module
importing llama_cpp. One model per process, one generation at a time (llama.cpp contexts are not thread-safe)."""
from __future__ import annotations

import threading
from typing import Any, Iterator

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class ChatGGUF(BaseChatModel):
    """Chat completions from a GGUF file with the chat template it carries.

    >>> ChatGGUF(model_path="model.gguf", n_ctx=2048).invoke("Hello").content
    """

    model_path: str
    n_ctx: int = 2048
    max_tokens: int = 256
    temperature: float = 0.0
    n_threads: int | None = None
    _llama: Any = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    def model_post_init(self, context: Any) -> None:
        from llama_cpp import Llama

        self._llama = Llama(model_path=self.model_path, n_ctx=self.n_ctx, n_threads=self.n_threads, verbose=False)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-gguf"

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager=None,
                **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        request = [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages]
        with self._lock:
            parts = self._llama.create_chat_completion(messages=request, stream=True, max_tokens=self.max_tokens,
                                                       temperature=self.temperature, stop=stop or [])
            for part in parts:
                delta = part["choices"][0]["delta"].get("content")
                if delta:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                    if run_manager is not None:
                        run_manager.on_llm_new_token(delta, chunk=chunk)
                    yield chunk

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager=None,
                  **kwargs: Any) -> ChatResult:
        text = "".join(chunk.text for chunk in self._stream(messages, stop, run_manager))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

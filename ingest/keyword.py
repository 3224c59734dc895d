"""BM25 keyword search over chunk texts (the only module importing bm25s)."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Iterable, Sequence

import bm25s
import numpy as np

log = logging.getLogger(__name__)
# bm25s sets its own logger to DEBUG; its messages are noise for our users.
logging.getLogger("bm25s").setLevel(logging.WARNING)

# Light stopwords: only words so frequent that they carry no meaning in press releases (en, fr, nl).
STOPWORDS = frozenset(
    """a an and are as at be by for from has have in is it its of on or that the this to was were will with
    au aux avec ce ces dans de des du elle en est et il la le les leur lui ne ont ou par pas pour qu que qui sa se
    ses son sur un une d l s j n c m qu
    aan als bij dat de die dit een en er het hij in is met naar niet of om ook op te tot van voor was werd worden zijn
    ze zich""".split()
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
_META = "meta.json"
_BM25 = "bm25"


def fold(text: str) -> str:
    """Lowercase without accents: 'Genève' and 'geneve' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    """Folded words and numbers; '25,9' and '162,000' stay whole, plus their digits alone ('162000') to match '162.000'."""
    tokens = []
    for token in _TOKEN.findall(fold(text)):
        if token in STOPWORDS:
            continue
        tokens.append(token)
        if token[0].isdigit() and not token.isalnum():
            tokens.append(re.sub(r"\D", "", token))
    return tokens


def fingerprint(entries: Iterable[tuple[str, str]]) -> str:
    """Hash of (chunk id, version) pairs: tells whether an index was built from exactly these chunks."""
    digest = hashlib.sha256()
    for chunk_id, version in sorted(entries):
        digest.update(f"{chunk_id}\x00{version}\n".encode())
    return digest.hexdigest()


class KeywordIndex:
    """BM25 over documents given as (chunk id, text); `.search` returns (chunk id, score) best first."""

    def __init__(self, ids: Sequence[str], retriever: bm25s.BM25 | None, source_fingerprint: str):
        self.ids = list(ids)
        self._retriever = retriever
        self.fingerprint = source_fingerprint

    @classmethod
    def build(cls, documents: Sequence[tuple[str, str]], source_fingerprint: str) -> "KeywordIndex":
        ids = [chunk_id for chunk_id, _ in documents]
        corpus = [tokenize(text) or [""] for _, text in documents]
        retriever = None
        if documents:
            retriever = bm25s.BM25()
            retriever.index(corpus, show_progress=False)
        return cls(ids, retriever, source_fingerprint)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        if self._retriever is None or k <= 0:
            return []
        token_ids = self._retriever.get_tokens_ids([t for t in tokenize(query) if t])
        if not token_ids:
            return []
        scores = self._retriever.get_scores_from_ids(token_ids)
        best = np.argsort(-scores, kind="stable")[:k]
        return [(self.ids[i], float(scores[i])) for i in best if scores[i] > 0]

    def save(self, directory: Path) -> None:
        """Written beside the final folder then swapped in, so a reader never sees half an index."""
        directory = Path(directory)
        staging = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if self._retriever is not None:
            self._retriever.save(staging / _BM25, show_progress=False)
        meta = {"ids": self.ids, "fingerprint": self.fingerprint}
        (staging / _META).write_text(json.dumps(meta), encoding="utf-8")
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            os.replace(directory, old)
        os.replace(staging, directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> "KeywordIndex | None":
        """The saved index, or None when there is none (or it is unreadable: the caller rebuilds it)."""
        directory = Path(directory)
        try:
            meta = json.loads((directory / _META).read_text(encoding="utf-8"))
            retriever = bm25s.BM25.load(directory / _BM25) if meta["ids"] else None
        except (OSError, ValueError, KeyError) as error:
            log.info("keyword index in %s not loadable (%s); it will be rebuilt", directory, error)
            return None
        return cls(meta["ids"], retriever, meta["fingerprint"])

"""The cost of reading Chroma's files afresh: `python bench/bench_reopen.py [--rows 1000,10000,40000]`; prints figures,
asserts nothing.

A store opens its Chroma collection with a System of its own, and opens it again when another process wrote (Chroma
keeps in memory the vector index it loaded, blind to other processes' writes). The first search after that loads
the index from disk. At each size, in one process: a warm search (the baseline), then the opening and the first
search of a fresh view, and their ratio to the warm search.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.chroma import collection_of, local_client  # noqa: E402 - the one module that imports chromadb

DIMENSION, BATCH = 384, 5000
HNSW = {"space": "cosine", "ef_search": 64}


def _fill(path: Path, rows: int, rng: np.random.Generator) -> None:
    collection = collection_of(local_client(path), "chunks", HNSW, "bench", str(path))
    for at in range(0, rows, BATCH):
        n = min(BATCH, rows - at)
        collection.add(ids=[f"r{i}" for i in range(at, at + n)],
                       embeddings=rng.standard_normal((n, DIMENSION)).astype(np.float32))


def _search(collection, rng: np.random.Generator) -> float:
    started = time.perf_counter()
    collection.query(query_embeddings=[rng.standard_normal(DIMENSION).astype(np.float32)], n_results=10)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000,10000,40000")
    parser.add_argument("--fresh", type=int, default=3, help="fresh views opened at each size")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as work:
        for rows in (int(n) for n in args.rows.split(",")):
            path = Path(work) / f"chroma-{rows}"
            started = time.perf_counter()
            _fill(path, rows, rng)
            filled = time.perf_counter() - started
            warm_view = collection_of(local_client(path), "chunks", HNSW, "bench", str(path))
            _search(warm_view, rng)
            warm = statistics.median(_search(warm_view, rng) for _ in range(30))
            opened, first = [], []
            for _ in range(args.fresh):
                started = time.perf_counter()
                view = collection_of(local_client(path), "chunks", HNSW, "bench", str(path))
                opened.append((time.perf_counter() - started) * 1000)
                first.append(_search(view, rng))
            print(f"{rows:>7} rows (written in {filled:.1f} s): warm search p50 {warm:.1f} ms; fresh view: opening "
                  f"{statistics.median(opened):.1f} ms, first search {statistics.median(first):.1f} ms "
                  f"({statistics.median(first) / warm:.0f}x a warm search)", flush=True)


if __name__ == "__main__":
    main()

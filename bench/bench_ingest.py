"""Ingest throughput against the raw embedding model on the development corpus (prints figures, no pass/fail).

    .venv/bin/python bench/bench_ingest.py [--batch-size 32]
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.chunk import embedding_text  # noqa: E402
from ingest.embed import Embedder  # noqa: E402
from ingest.load import load_release  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from ingest.settings import Settings  # noqa: E402
from ingest.store import Store  # noqa: E402

CORPORA = [REPO / "docs_corpus", REPO / "tests" / "data" / "dev" / "corpus"]


def run_pipeline(settings: Settings, embedder: Embedder, tmp: Path) -> tuple[float, object, list[str]]:
    started = time.perf_counter()
    report = ingest([p for p in CORPORA if p.exists()], store_dir=tmp, settings=settings, embedder=embedder)
    seconds = time.perf_counter() - started
    store = Store.open(tmp, embedder_name=embedder.name, dimension=embedder.dimension, settings=settings)
    releases = {r.id: r for r in store.releases()}
    return seconds, report, [embedding_text(releases[c.release_id], c) for c in store.chunks()]


def warm_up(embedder: Embedder) -> float:
    """First calls are slow (model kernels, the loaders' gazetteer): one-time per process, not throughput."""
    started = time.perf_counter()
    embedder.embed(["warm-up text about the Brussels-Capital Region"] * embedder.batch_size)
    first = next(f for p in CORPORA if p.exists() for f in sorted(p.iterdir()) if f.suffix == ".txt")
    load_release(first, first.parent)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch-size", type=int, default=Settings().embed_batch_size)
    parser.add_argument("--rounds", type=int, default=2, help="best of N rounds (the machine is shared)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    settings = Settings(embed_batch_size=args.batch_size)
    embedder = Embedder(settings.embedding_model, settings.embed_batch_size)
    print(f"one-time warm-up (model, loaders): {warm_up(embedder):.2f} s, not counted below")
    pipeline_seconds = raw_seconds = float("inf")
    for round_ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            seconds, report, texts = run_pipeline(settings, embedder, Path(tmp) / "store")
        pipeline_seconds = min(pipeline_seconds, seconds)
        started = time.perf_counter()
        embedder.embed(texts)
        raw_seconds = min(raw_seconds, time.perf_counter() - started)
    chunks, tokens = report.chunks_embedded, report.tokens_embedded
    pieces = sum(embedder.count_model_tokens(t) for t in texts)  # what the model reads: prefix and specials too
    print(f"releases {report.extra['releases']}, failed {len(report.failed)}, chunks {chunks}, tokens {tokens} "
          f"(cl100k, chunk text), model word pieces {pieces}, "
          f"batch size {args.batch_size}, best of {args.rounds}")
    print(f"pipeline: {pipeline_seconds:.2f} s, {chunks / pipeline_seconds:.1f} chunks/s, "
          f"{tokens / pipeline_seconds:.0f} tokens/s, {pieces / pipeline_seconds:.0f} model word pieces/s "
          "(loading, chunking, embedding, Chroma, BM25)")
    print(f"raw model: {raw_seconds:.2f} s, {len(texts) / raw_seconds:.1f} chunks/s, {tokens / raw_seconds:.0f} tokens/s, "
          f"{pieces / raw_seconds:.0f} model word pieces/s")
    print(f"pipeline / raw throughput: {raw_seconds / pipeline_seconds:.0%}")


if __name__ == "__main__":
    main()

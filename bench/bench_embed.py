"""The embedding backends side by side: torch fp32 (the baseline), ONNX Runtime fp32 and int8 (prints figures).

    .venv/bin/python bench/bench_embed.py [--rounds 2]

On the development corpus's chunk texts, in one process: chunks/s for ingest (batches of 32), one question's
latency, agreement with torch (cosine of the same text's vectors), and how many of torch's ten nearest chunks each
backend finds for the development questions. Answer quality per backend: run bot.evaluate with
BXLBOT_EMBEDDING_BACKEND set.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.chunk import chunk_release, embedding_text  # noqa: E402
from ingest.embed import Embedder  # noqa: E402
from ingest.load import load_file  # noqa: E402

CORPUS = REPO / "tests" / "data" / "dev" / "corpus"
QUESTIONS = REPO / "tests" / "data" / "dev" / "questions.jsonl"


def texts() -> list[str]:
    out = []
    for path in sorted(CORPUS.iterdir()):
        release = load_file(path, CORPUS).release
        out += [embedding_text(release, c) for c in chunk_release(release, max_tokens=160, overlap=24)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="best of N (the machine is shared)")
    args = parser.parse_args()
    import numpy as np

    chunks = texts()
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    base = None
    print(f"{len(chunks)} chunks of the development corpus, {len(questions)} questions; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for backend in ("torch", "onnx", "onnx-int8"):
        started = time.perf_counter()
        embedder = Embedder(backend=backend)
        loaded = time.perf_counter() - started
        embedder.embed(chunks[:32])  # warm-up
        best = float("inf")
        for _ in range(args.rounds):
            started = time.perf_counter()
            vectors = embedder.embed(chunks)
            best = min(best, time.perf_counter() - started)
        latencies = []
        for q in questions:
            started = time.perf_counter()
            embedder.embed([q])
            latencies.append((time.perf_counter() - started) * 1000)
        asked = embedder.embed(questions)
        nearest = np.argsort(-(asked @ vectors.T), axis=1)[:, :10]
        if base is None:
            base = (len(chunks) / best, statistics.median(latencies), vectors, nearest)
        agreement = (vectors * base[2]).sum(axis=1)
        overlap = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(nearest, base[3])])
        print(f"{backend:>9}: load {loaded:.1f} s; ingest {len(chunks) / best:.1f} chunks/s "
              f"(x{len(chunks) / best / base[0]:.2f} torch); question p50 {statistics.median(latencies):.1f} ms "
              f"(x{statistics.median(latencies) / base[1]:.2f}); cosine to torch min {agreement.min():.4f} "
              f"mean {agreement.mean():.4f}; torch's top 10 chunks found {overlap:.0%}")


if __name__ == "__main__":
    main()

"""Answer latency after start-up: `python bench/bench_answer.py [--store DIR] [--rounds N]`; prints, asserts nothing.

Without --store it ingests docs_corpus/ and tests/data/dev/corpus into a temporary store first.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
QUESTIONS = REPO / "tests" / "data" / "dev" / "questions.jsonl"
CORPUS = [REPO / "docs_corpus", REPO / "tests" / "data" / "dev" / "corpus"]


def _questions() -> list[dict]:
    if QUESTIONS.exists():
        return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{"question": "When was the memorandum of understanding with Ankara signed?", "history": []}]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="an existing store (default: build a temporary one)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from bot.bot import Bot, _embedder_for
    from ingest.pipeline import ingest
    from ingest.settings import Settings

    with tempfile.TemporaryDirectory(prefix="bxlbot-bench-") as tmp:
        settings = Settings.from_env()
        store = Path(args.store) if args.store else Path(tmp) / "store"
        settings = settings.replace(store_dir=store)
        started = time.perf_counter()
        embedder = _embedder_for(settings)
        if not args.store:
            ingest([c for c in CORPUS if c.exists()], store_dir=store, settings=settings, embedder=embedder)
        loaded = time.perf_counter()
        bot = Bot(settings=settings, embedder=embedder)
        print(f"start-up: model{'' if args.store else ' and ingest'} {loaded - started:.1f} s, "
              f"bot {time.perf_counter() - loaded:.2f} s")
        questions = _questions()
        bot.ask("warm-up question about the Brussels Houses")
        # The first round asks each question for the first time; later rounds repeat them, and the embedder then
        # serves the question's vector from its cache (as for the page's example questions): reported apart.
        for label, rounds in (("new questions", 1), ("repeated questions", max(0, args.rounds - 1))):
            timings = []
            for _ in range(rounds):
                for item in questions:
                    t = time.perf_counter()
                    bot.ask(item["question"], item.get("history") or [])
                    timings.append((time.perf_counter() - t) * 1000)
            if timings:
                _report(label, sorted(timings))


def _report(label: str, timings: list[float]) -> None:
    print(f"{label}: {len(timings)} answers  p50 {statistics.median(timings):.1f} ms  "
          f"p95 {timings[max(0, int(len(timings) * 0.95) - 1)]:.1f} ms  max {timings[-1]:.1f} ms  "
          f"mean {statistics.mean(timings):.1f} ms")


if __name__ == "__main__":
    main()

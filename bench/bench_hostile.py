"""Ingests a folder of hostile files beside good releases, then asks the good ones; prints counts, never fails.

Run: .venv/bin/python bench/bench_hostile.py. The folder is tests/hostile.py's: HTML nested 3,000 levels deep (six
kinds), a text that yields more chunks than Chroma takes in one write, binary junk, empty files, broken PDFs,
invalid UTF-8, UTF-16 without a byte-order mark.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from bot import Bot  # noqa: E402
from hostile import GOOD, make_hostile_folder  # noqa: E402
from ingest.embed import Embedder  # noqa: E402
from ingest.pipeline import ingest  # noqa: E402
from ingest.settings import Settings  # noqa: E402
from ingest.store import Store  # noqa: E402


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    try:
        settings = Settings().replace(store_dir=workdir / "store")
        embedder = Embedder(settings.embedding_model, settings.embed_batch_size)
        max_batch = Store.open(settings.store_dir, embedder_name=embedder.name, dimension=embedder.dimension,
                               settings=settings, create=True).max_batch
        folder = make_hostile_folder(workdir / "hostile", max_batch)
        started = time.perf_counter()
        try:
            report = ingest([folder], settings=settings, embedder=embedder)
        except Exception as error:  # noqa: BLE001 - a bench reports, it does not stop
            print(f"ingest crashed: {type(error).__name__}: {error}")
            return
        print(f"files: {sum(1 for _ in folder.iterdir())}, ingest {time.perf_counter() - started:.1f} s, "
              f"Chroma max batch {max_batch}")
        print(f"added {len(report.added)}, failed {len(report.failed)}, warnings {len(report.warnings)}, "
              f"duplicates {len(report.duplicates)}, chunks stored {report.extra['chunks']}")
        reasons = Counter(f.reason.split(";")[0].split("(")[0].strip() for f in report.failed)
        for reason, n in reasons.most_common():
            print(f"  failed x{n}: {reason}")
        for w in report.warnings:
            print(f"  warning: {w.source}: {w.message[:90]}")
        bot = Bot(settings=settings, embedder=embedder)
        answered = 0
        for name, (question, expected) in GOOD.items():
            answer = bot.ask(question)
            ok = expected in answer.text and any(c.source == name for c in answer.citations)
            answered += ok
            print(f"  {name}: {'answered' if ok else 'NOT answered'} ({answer.text[:80]!r})")
        print(f"good releases answered: {answered}/{len(GOOD)}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

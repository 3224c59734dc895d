"""Load on /api/ask: 1, 4 and 16 concurrent clients against `python app.py` on loopback (prints figures; bounded).

    .venv/bin/python bench/bench_load.py [--clients 1,4,16] [--seconds 60] [--store DIR]

Each client asks questions one after another for --seconds; printed per level: answers/s, p50/p95 latency and
errors (any status other than 200, or a transport error). The goal is zero errors: requests queue, not fail.
Without --store it serves docs_corpus/ in a temporary store.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench_app import QUESTIONS, REPO, start, stop, time_to_answer


def client(url: str, until: float, offset: int, timings: list, errors: list) -> None:
    with httpx.Client(base_url=url, timeout=600) as http:
        i = offset
        while time.monotonic() < until:
            started = time.perf_counter()
            try:
                response = http.post("/api/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]})
                (timings if response.status_code == 200 else errors).append(
                    time.perf_counter() - started if response.status_code == 200 else response.status_code)
            except httpx.TransportError as error:
                errors.append(type(error).__name__)
            i += 1


def level(url: str, clients: int, seconds: float) -> tuple[int, float, list[float], list]:
    timings, errors = [], []
    until = time.monotonic() + seconds
    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(url, until, k, timings, errors)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return clients, time.perf_counter() - started, sorted(timings), errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="1,4,16")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--store", type=Path, help="an existing store (served with --no-refresh semantics kept off)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    corpus = workdir / "corpus"
    shutil.copytree(REPO / "docs_corpus", corpus)
    proc, url, log = start(args.store or workdir / "store", corpus, workdir)
    try:
        page, answer = time_to_answer(proc, url, log)
        print(f"app.py: page after {page:.1f} s, first answer after {answer:.1f} s (loopback {url})")
        for n in [int(c) for c in args.clients.split(",")]:
            clients, seconds, timings, errors = level(url, n, args.seconds)
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)] if timings else float("nan")
            print(f"{clients:>2} clients: {len(timings) / seconds:.1f} answers/s, p50 "
                  f"{statistics.median(timings) * 1000 if timings else float('nan'):.0f} ms, p95 {p95 * 1000:.0f} ms, "
                  f"{len(timings)} answers, errors {len(errors)}{' ' + str(errors[:5]) if errors else ''}")
    finally:
        stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

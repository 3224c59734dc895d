"""Times `python app.py`: start to a page that answers (empty store, then again), and answer latency over HTTP.

Run: .venv/bin/python bench/bench_app.py [--questions N]. Prints figures; never fails on time.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "When was the memorandum of understanding with Ankara signed?",
    "Who signed the memorandum of understanding with Quito?",
    "Which themes will Brussels and Quito work on together?",
    "Whom did the Brussels delegation meet in Istanbul?",
    "Quand la Région bruxelloise a-t-elle signé un protocole d'accord avec Quito ?",
    "Wat heeft Brussel in Ankara ondertekend?",
    "What did Brussels agree with Tokyo?",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(store: Path, corpus: Path, workdir: Path) -> tuple[subprocess.Popen, str, Path]:
    port = free_port()
    log = workdir / f"app-{port}.log"
    env = {**os.environ, "BXLBOT_CORPUS_DIR": str(corpus), "BXLBOT_FEEDBACK_PATH": str(workdir / "feedback.sqlite3"),
           "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port), "--store", str(store)], cwd=REPO, env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    return proc, f"http://127.0.0.1:{port}", log


def time_to_answer(proc: subprocess.Popen, url: str, log: Path, timeout: float = 900) -> tuple[float, float]:
    """(seconds until the page is served, seconds until the first answer arrives), from the process start."""
    started = time.monotonic()
    page_at = None
    while time.monotonic() - started < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"app.py exited:\n{log.read_text()[-3000:]}")
        try:
            if page_at is None and httpx.get(url + "/", timeout=2).status_code == 200:
                page_at = time.monotonic() - started
            if page_at is not None:
                httpx.post(url + "/api/ask", json={"question": QUESTIONS[0]}, timeout=300).raise_for_status()
                return page_at, time.monotonic() - started
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("app.py did not answer in time")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def latencies(url: str, n: int) -> list[float]:
    out = []
    with httpx.Client(base_url=url, timeout=300) as client:
        for i in range(n):
            t = time.perf_counter()
            client.post("/api/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]}).raise_for_status()
            out.append(time.perf_counter() - t)
    return out


def burst(url: str, users: int) -> float:
    def one(i: int) -> None:
        httpx.post(url + "/api/ask", json={"question": QUESTIONS[i % len(QUESTIONS)]}, timeout=600).raise_for_status()

    t = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        list(pool.map(one, range(users)))
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=14, help="sequential questions timed over HTTP")
    parser.add_argument("--burst", type=int, default=8, help="simultaneous questions")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-app-"))
    corpus, store = workdir / "corpus", workdir / "store"
    shutil.copytree(REPO / "docs_corpus", corpus)
    try:
        for label in ("first start (empty store)", "second start (store up to date)"):
            proc, url, log = start(store, corpus, workdir)
            page, answer = time_to_answer(proc, url, log)
            print(f"{label}: page served after {page:.1f} s, first answer after {answer:.1f} s")
            if label.startswith("second"):
                times = latencies(url, args.questions)
                print(f"answer latency over HTTP ({len(times)} questions): median {statistics.median(times) * 1000:.0f} ms,"
                      f" max {max(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms")
                print(f"{args.burst} simultaneous questions: all answered in {burst(url, args.burst):.1f} s")
            stop(proc)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

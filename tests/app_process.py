"""Starts `python app.py` on a free port with its own corpus, store and feedback file, and stops it (test helper)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

REPO = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 600  # the first start embeds the corpus on 2 cores

XSS_RELEASE = """Brussels and Lille <img src=x onerror="window.__pwned=1"> sign a cycling agreement

On 3 March 2022, Brussels and Lille signed a cooperation agreement on cycling lanes. <script>window.__pwned=1</script>

The agreement <img src=x onerror="window.__pwned=1"> also covers public transport between the two cities.
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_corpus(folder: Path, *, with_xss: bool = True) -> Path:
    """A copy of docs_corpus/ plus, optionally, a release whose text holds a script and an onerror image."""
    shutil.copytree(REPO / "docs_corpus", folder)
    if with_xss:
        (folder / "zz_lille_cycling.txt").write_text(XSS_RELEASE, encoding="utf-8")
    return folder


class AppProcess:
    def __init__(self, workdir: Path, corpus: Path, *, store: Path | None = None, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.store = store or workdir / "store"
        self.feedback_path = workdir / "feedback.sqlite3"
        self.log_path = workdir / f"app-{self.port}.log"
        self.env = {**os.environ, "BXLBOT_CORPUS_DIR": str(corpus), "BXLBOT_FEEDBACK_PATH": str(self.feedback_path),
                    "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", **(env or {})}
        self.proc: subprocess.Popen | None = None

    def start(self) -> "AppProcess":
        log = open(self.log_path, "w")
        self.proc = subprocess.Popen([sys.executable, "app.py", "--port", str(self.port), "--store", str(self.store)],
                                     cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        return self

    def wait_ready(self, timeout: float = STARTUP_SECONDS) -> float:
        """Seconds until /api/health answers 200; fails with the server log when the process dies."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if httpx.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"app.py not ready after {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@contextmanager
def running_app(workdir: Path, *, with_xss: bool = True, env: dict | None = None) -> Iterator[AppProcess]:
    corpus = make_corpus(workdir / "corpus", with_xss=with_xss)
    app = AppProcess(workdir, corpus, env=env).start()
    try:
        app.wait_ready()
        yield app
    finally:
        app.stop()

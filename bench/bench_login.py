"""Login sweep: every method on every path of a running `python app.py` with a login, without credentials.

Run: .venv/bin/python bench/bench_login.py. Paths are the app's OpenAPI paths (read with credentials) plus the
page, source pages, docs assets and Gradio's own routes; every one must answer 401 without credentials, except
/api/health. Prints the counts and any other answer; never fails.
"""
from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from app_process import running_app  # noqa: E402

USER, PASSWORD = "press", "Brx-2021"
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")
OTHER_PATHS = ("/", "/?view=api", "/view/source/x?start=0&end=1", "/view/release/x", "/docs", "/docs/start.js",
               "/docs/assets/swagger-ui.css", "/docs/assets/swagger-ui-bundle.js", "/bxl/app.js", "/openapi.json",
               "/config", "/gradio_api/info", "/gradio_api/config", "/gradio_api/queue/join", "/gradio_api/queue/data",
               "/gradio_api/upload", "/gradio_api/file=app.py", "/gradio_api/heartbeat/x", "/gradio_api/startup-events",
               "/gradio_api/run/predict", "/gradio_api/api/predict", "/gradio_api/call/x", "/theme.css", "/manifest.json",
               "/favicon.ico", "/assets/index.js", "/static/img/logo.svg", "/login", "/logout", "/nothing-here")


def main() -> None:
    outcomes: Counter[str] = Counter()
    open_answers = []
    with tempfile.TemporaryDirectory(prefix="bench-login-") as tmp, \
            running_app(Path(tmp), with_xss=False, env={"BXLBOT_AUTH": f"{USER}:{PASSWORD}"}) as app:
        schema = httpx.get(app.url + "/openapi.json", auth=(USER, PASSWORD), timeout=60).json()
        api_paths = [re.sub(r"\{[^}]+\}", "x", path) for path in schema["paths"]]
        paths = list(dict.fromkeys(api_paths + list(OTHER_PATHS)))
        with httpx.Client(base_url=app.url, timeout=60) as anonymous:
            for path in paths:
                for method in METHODS:
                    response = anonymous.request(method, path)
                    if response.status_code == 401:
                        outcomes["401"] += 1
                        if "Basic" not in response.headers.get("www-authenticate", ""):
                            outcomes["401 without a Basic challenge"] += 1
                    else:
                        outcomes[str(response.status_code)] += 1
                        open_answers.append(f"{method} {path} -> {response.status_code}")
        with httpx.Client(base_url=app.url, timeout=60, auth=(USER, "wrong")) as wrong:
            wrong_ok = sum(wrong.get(path).status_code != 401 for path in paths if path != "/api/health")
    print(f"paths {len(paths)} x methods {len(METHODS)} = {len(paths) * len(METHODS)} requests without credentials")
    print("answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))
    print(f"not 401 (only /api/health should be): {len(open_answers)}")
    for line in open_answers:
        print("  " + line)
    print(f"GET with a wrong password that was not refused: {wrong_ok}")


if __name__ == "__main__":
    main()

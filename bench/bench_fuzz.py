"""Sends malformed requests to a running `python app.py` and counts server errors and stack traces; never fails.

Run: .venv/bin/python bench/bench_fuzz.py [--random N]. Starts the app on a free local port with its own store,
sends a fixed list of malformed requests (bad JSON, wrong types, oversized and NUL-laden questions, long histories,
impossible or far-future dates, path traversal, odd methods and content types) plus N seeded random JSON bodies, and
prints the count of each status class, of 5xx answers and of responses that show a traceback.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from app_process import running_app  # noqa: E402

Q = "When was the memorandum of understanding with Ankara signed?"
TRACE_MARKS = ("Traceback (most recent call last)", 'File "/', "site-packages", "Error:")


def fixed_cases() -> list[tuple[str, str, dict]]:
    """(method, path, httpx keyword arguments)."""
    ask = "/api/ask"
    bodies = [
        {}, {"question": None}, {"question": 42}, {"question": ["a"]}, {"question": {"x": 1}}, {"question": ""},
        {"question": " \t\n"}, {"question": "x" * 2001}, {"question": "x" * 1_000_000}, {"question": "\x00" * 50},
        {"question": f"{Q}\x00\x00"}, {"question": "?" * 10}, {"question": "<script>x</script>"},
        {"question": Q, "history": "no"}, {"question": Q, "history": [{}]}, {"question": Q, "history": [1, 2]},
        {"question": Q, "history": [{"role": "user", "content": "q"}] * 10_000},
        {"question": Q, "history": [{"role": "system", "content": "x"}]},
        {"question": Q, "history": [{"role": "user", "content": "x" * 30_000}]},
        {"question": Q, "filters": None}, {"question": Q, "filters": []}, {"question": Q, "filters": {"lang": "xx"}},
        {"question": Q, "filters": {"partners": "Ankara"}}, {"question": Q, "filters": {"partners": ["x" * 500]}},
        {"question": Q, "filters": {"partners": ["a"] * 100}}, {"question": Q, "filters": {"unknown": 1}},
        {"question": Q, "extra": True},
    ]
    dates = ["9999", "9999-12", "9999-12-31", "0000", "0001", "2021-00", "2021-10-00", "2021-13", "2021-02-30",
             "2021-2-3", "20211", "2021-10-26T00:00", "-2021", "２０２１", "2021-1-32", "1e4", "", " ", "last year"]
    for since in dates:
        bodies.append({"question": Q, "filters": {"since": since}})
        bodies.append({"question": Q, "filters": {"since": "2020", "until": since}})
    cases = [("POST", ask, {"json": body}) for body in bodies]
    raw = [b"", b"{", b"[]", b"null", b"1", b'"q"', b'{"question": "q"', b"\xff\xfe", b'{"question": "\\ud800"}',
           b'{"question": 1e999}', b"[" * 10_000 + b"]" * 10_000, json.dumps({"question": Q}).encode() * 2]
    cases += [("POST", ask, {"content": body, "headers": {"content-type": "application/json"}}) for body in raw]
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/xml"):
        cases.append(("POST", ask, {"content": json.dumps({"question": Q}).encode(),
                                    "headers": {"content-type": content_type}}))
    paths = ["/api/releases/..%2F..%2Fetc%2Fpasswd", "/api/releases/%00", "/api/releases/" + "x" * 5000,
             "/view/source/x?start=-1&end=2", "/view/source/x?start=a&end=b", "/view/release/x?start=5",
             "/view/source/..%2F..%2Fapi%2Fhealth?start=0&end=1", "/view/release/%2e%2e", "/api/releases?q=" + "x" * 300,
             "/api/releases?q=%00", "/docs/assets/..%2F..%2F..%2Fsetup.py", "/docs/assets/../../web/server.py",
             "/bxl/app.js/..", "/gradio_api/file=/etc/passwd", "/file=/etc/passwd", "/static/../../app.py",
             "/assets/..%2F..%2Fapp.py", "/" + "a/" * 500]
    cases += [("GET", path, {}) for path in paths]
    cases += [(method, ask, {}) for method in ("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")]
    cases.append(("POST", ask, {"content": b"x" * 200_000, "headers": {"content-type": "application/json"}}))
    return cases


def random_cases(n: int, seed: int = 9) -> list[tuple[str, str, dict]]:
    rng = random.Random(seed)
    atoms = [None, True, 0, -1, 1.5, "", "x", Q, "\x00", "9999", "2021-00", [], {}, ["Ankara"], "user", "assistant"]

    def value(depth: int = 0):
        kind = rng.random()
        if depth > 2 or kind < 0.6:
            return rng.choice(atoms)
        if kind < 0.8:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        keys = ["question", "history", "filters", "since", "until", "partners", "lang", "role", "content", "zz"]
        return {rng.choice(keys): value(depth + 1) for _ in range(rng.randrange(4))}

    cases = []
    for _ in range(n):
        body = value()
        if rng.random() < 0.7:
            body = {"question": rng.choice([Q, "", 5, "\x00"]), "history": value(1), "filters": value(1)}
        cases.append(("POST", "/api/ask", {"json": body}))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=150, help="seeded random JSON bodies sent to /api/ask")
    args = parser.parse_args()
    cases = fixed_cases() + random_cases(args.random)
    statuses: Counter[str] = Counter()
    server_errors, traces, transport = [], [], 0
    with tempfile.TemporaryDirectory(prefix="bench-fuzz-") as tmp, running_app(Path(tmp)) as app:
        with httpx.Client(base_url=app.url, timeout=120) as client:
            for method, path, kwargs in cases:
                try:
                    response = client.request(method, path, **kwargs)
                except httpx.HTTPError as error:
                    transport += 1
                    print(f"  no answer: {method} {path[:60]}: {type(error).__name__}")
                    continue
                statuses[f"{response.status_code // 100}xx"] += 1
                if response.status_code >= 500:
                    server_errors.append(f"{method} {path[:60]} {response.status_code} {str(kwargs)[:80]}")
                if any(mark in response.text for mark in TRACE_MARKS):
                    traces.append(f"{method} {path[:60]} {response.status_code}: {response.text[:120]!r}")
        alive = httpx.get(app.url + "/api/health", timeout=10).status_code
    print(f"requests: {len(cases)} ({len(cases) - args.random} fixed, {args.random} random)")
    print("status classes: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print(f"5xx: {len(server_errors)}; responses with a stack trace: {len(traces)}; no answer: {transport}; "
          f"health afterwards: {alive}")
    for line in server_errors + traces:
        print("  " + line)


if __name__ == "__main__":
    main()

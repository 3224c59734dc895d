"""Scale: a synthetic archive of 1k, 10k and 100k chunks, measured in one run (prints figures, asserts nothing).

    .venv/bin/python bench/bench_scale.py [--chunks 1000,10000,100000] [--work DIR] [--code DIR] [--clone N]
        [--reuse]

At each size, in fresh processes: ingest chunks/s and its ratio to the raw embedding model on the same chunks, peak
RSS, disk per chunk; bot open time, retrieval and full-answer p50/p95, peak RSS, and HNSW recall@10 against exact
search. The smallest size is embedded with the real model; larger ones reuse vectors (each chunk takes the real
vector of one of a pool of archive paragraphs, chosen by its text's hash, plus noise), because embedding 100k chunks
takes hours on two cores: their ingest rate is measured without the model and projected with the model's rate.
--code runs the workers on another checkout (e.g. the session-start commit) for a side-by-side figure; its stores
are kept apart (base-SIZE). --clone N also measures N times the largest size's releases, cloned from it (10,000
releases from --chunks 10000 --clone 10). --reuse serves the stores an earlier run left in the work folder;
without it, those stores are removed and built again.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parent.parent
CHUNKS_PER_RELEASE = 10  # about what bench/archive.py releases give at the default chunk size
POOL, NOISE = 800, 0.03


class PooledEmbedder:
    """The real model for questions; for chunk texts, a pooled real vector chosen by the text's hash, plus noise."""

    def __init__(self, real, pool):
        self.real, self.pool = real, pool
        self.name, self.dimension, self.max_tokens, self.batch_size = real.name, real.dimension, real.max_tokens, 32

    def count_model_tokens(self, text: str) -> int:
        return self.real.count_model_tokens(text)

    def embed_query(self, text: str):
        return self.real.embed_query(text)

    def embed(self, texts, progress=None):
        import numpy as np

        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
            noise = np.random.default_rng(seed).normal(0, NOISE, self.dimension)
            vector = self.pool[seed % len(self.pool)] + noise
            out[i] = vector / np.linalg.norm(vector)
        if progress:
            progress(len(texts), len(texts))
        return out


def _pool(real, work: Path):
    import numpy as np

    from archive import release

    path = work / f"pool-{POOL}.npy"
    if not path.exists():
        paragraphs = [p for i in range(200) for p in release(i)[1].split("\n\n")[1:-2]][:POOL]
        np.save(path, real.embed(paragraphs))
    return np.load(path)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_ingest(args) -> dict:
    from archive import write
    from ingest.embed import Embedder
    from ingest.pipeline import ingest
    from ingest.settings import Settings

    releases = max(1, int(args.chunks) // CHUNKS_PER_RELEASE)
    corpus, store = args.dir / "corpus", args.dir / "store"
    shutil.rmtree(store, ignore_errors=True)  # a fresh build: an earlier run's store (maybe of an older schema)
    write(corpus, releases)
    real = Embedder()
    embedder = real if args.real else PooledEmbedder(real, _pool(real, args.work))
    settings = Settings(store_dir=store)
    started = time.perf_counter()
    report = ingest([corpus], store_dir=store, settings=settings, embedder=embedder)
    seconds = time.perf_counter() - started
    from ingest.chunk import embedding_text
    from ingest.store import Store

    opened = Store.open(store, embedder_name=real.name, dimension=real.dimension, settings=settings)
    chunks = opened.chunks()
    texts = [embedding_text(opened.release(c.release_id), c) for c in chunks[:None if args.real else 500]]
    raw_started = time.perf_counter()
    real.embed(texts)
    raw_rate = len(texts) / (time.perf_counter() - raw_started)
    disk = sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    return {"releases": releases, "chunks": len(chunks), "seconds": seconds, "rate": len(chunks) / seconds,
            "raw_rate": raw_rate, "real": args.real, "rss": _rss_mb(), "disk_per_chunk": disk / max(1, len(chunks)),
            "failed": len(report.failed)}


def worker_clone(args) -> dict:
    """A larger store from a smaller one built by the pipeline: each release written again `copies` times under new
    ids, paths and publication years (same text, chunks, sentence facts and keys; vectors with fresh noise), through
    Store.write_releases. The per-sentence detectors, the slowest part of ingest, do not run again."""
    import dataclasses

    import numpy as np

    from ingest.embed import Embedder
    from ingest.records import Chunk
    from ingest.settings import Settings
    from ingest.store import Store

    real = Embedder()
    settings = Settings(store_dir=args.dir / "store")
    source = Store.open(args.source / "store", embedder_name=real.name, dimension=real.dimension, settings=settings)
    shutil.rmtree(args.dir / "store", ignore_errors=True)  # a fresh build, as in worker_ingest
    target = Store.open(args.dir / "store", embedder_name=real.name, dimension=real.dimension, settings=settings,
                        create=True)
    rng, started, written = np.random.default_rng(1), time.perf_counter(), 0
    ids = sorted(source.catalog.versions())
    originals = {rid: (_with_keys(source.catalog.entry(rid)), source.chunks_of(rid)) for rid in ids}
    stored = {rid: source.chunk_vectors([c.id for c in chunks]) for rid, (_, chunks) in originals.items()}
    for copy in range(args.copies):
        for at in range(0, len(ids), 50):
            batch = []
            for rid in ids[at:at + 50]:
                entry, originals_chunks = originals[rid]
                release = entry.release
                published = release.published and dataclasses.replace(
                    release.published, year=2005 + (release.published.year - 2005 + 7 * copy) % 20, day=None)
                new = dataclasses.replace(release, id=f"{rid}-c{copy}", source=f"copy{copy}/{release.source}",
                                          published=published)
                chunks = [Chunk(new.id, c.index, c.text, c.start, c.end, c.tokens, c.boilerplate)
                          for c in originals_chunks]
                vectors = stored[rid] + rng.normal(0, NOISE / 3, stored[rid].shape).astype(np.float32)
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
                batch.append((new, chunks, vectors, [f"{new.id}#{c.index}" for c in chunks], entry.boilerplate,
                              entry.facts, dict(entry.key_counts), entry.sentence_keys))
            target.write_releases(batch)
            written += len(batch)
    target.refresh_keyword_index(force=True)
    seconds = time.perf_counter() - started
    disk = sum(p.stat().st_size for p in (args.dir / "store").rglob("*") if p.is_file())
    chunks = target.catalog.n_chunks()
    return {"releases": written, "chunks": chunks, "seconds": seconds, "rate": chunks / seconds, "raw_rate": 0.0,
            "real": False, "cloned": True, "rss": _rss_mb(), "disk_per_chunk": disk / max(1, chunks), "failed": 0}


def _with_keys(entry):
    """An entry with each sentence's keys (a store written before the catalog kept them lacks them)."""
    import dataclasses

    from ingest.terms import langs_for, text_keys

    if entry.sentence_keys:
        return entry
    text, langs = entry.release.text, langs_for(entry.release.lang)
    return dataclasses.replace(entry, sentence_keys=tuple(text_keys(text[f.start:f.end], langs) for f in entry.facts))


def worker_serve(args) -> dict:
    import numpy as np

    from archive import questions
    from bot import Bot
    from bot.question.analysis import analyse
    from bot.question.understand import understand
    from ingest.embed import Embedder
    from ingest.settings import Settings

    imported = time.perf_counter()
    settings = Settings.from_env()  # the backend the checkout uses by default (BXLBOT_EMBEDDING_BACKEND)
    real = Embedder(backend=settings.embedding_backend)
    loaded, cpu = time.perf_counter(), time.process_time()
    bot = Bot(settings=settings.replace(store_dir=args.dir / "store"), embedder=real)
    opened, open_cpu = time.perf_counter(), time.process_time() - cpu
    asked = questions(args.questions)
    first = time.perf_counter()
    bot.ask(asked[0]["question"])
    first = time.perf_counter() - first
    retrieval, answers, embedding, cpu_answers = [], [], [], []
    for item in asked[1:]:
        started, cpu = time.perf_counter(), time.process_time()  # a new question: its vector is computed
        bot.ask(item["question"], **item["filters"])
        answers.append(time.perf_counter() - started)
        cpu_answers.append(time.process_time() - cpu)
        state = bot._state  # the bench looks inside: retrieval alone (the question's vector now cached)
        query = understand(item["question"], [], known=state.corpus.known)
        started = time.perf_counter()
        state.retriever.search(query, analyse(query, state.corpus))
        retrieval.append(time.perf_counter() - started)
        started = time.perf_counter()
        real.embed([item["question"] + " ?"])
        embedding.append(time.perf_counter() - started)
    # More new questions, their vectors computed beforehand: the answer without the model, which a loaded machine
    # slows most (its threads compete with other processes' for the cores)
    ready, cpu_ready = [], []
    for item in questions(2 * args.questions)[args.questions:]:
        query = understand(item["question"], [], known=bot._state.corpus.known, **item["filters"])
        real.embed_query(bot._state.retriever._dense_text(query))
        started, cpu = time.perf_counter(), time.process_time()
        bot.ask(item["question"], **item["filters"])
        ready.append(time.perf_counter() - started)
        cpu_ready.append(time.process_time() - cpu)
    rss_answering = _rss_mb()  # before the recall check below loads every vector
    store = bot._state.store
    ids = [c.id for c in store.chunks()]
    vectors = np.concatenate([store.chunk_vectors(ids[at:at + 5000]) for at in range(0, len(ids), 5000)])
    recalls, texts = [], []
    for item in asked[:50]:
        q = real.embed_query(item["question"])
        exact = {ids[i] for i in np.argsort(-(vectors @ q))[:10]}
        found = {c.id for c, _ in store.dense_search(q, 10, include_boilerplate=True)}
        recalls.append(len(exact & found) / 10)
        exact_texts = {_original(i) for i in exact}
        texts.append(len(exact_texts & {_original(i) for i in found}) / len(exact_texts))
    return {"start_to_imports": imported - STARTED, "model": loaded - imported, "open": opened - loaded,
            "first_answer": first, "retrieval": _quantiles(retrieval), "answer": _quantiles(answers),
            "embedding": _quantiles(embedding), "load": os.getloadavg()[0], "open_cpu": open_cpu,
            "answer_cpu": _quantiles(cpu_answers), "answer_ready": _quantiles(ready),
            "answer_ready_cpu": _quantiles(cpu_ready), "backend": real.backend,
            "recall": statistics.mean(recalls), "recall_texts": statistics.mean(texts),
            "rss": rss_answering, "rss_with_recall": _rss_mb()}


def _original(chunk_id: str) -> str:
    """The chunk a cloned chunk copies ("r1-c3#2" -> "r1#2"): in a cloned store the ten copies of one text have
    nearly the same vector, so which copies the exact top 10 holds is a matter of noise, not of recall."""
    release, _, index = chunk_id.rpartition("#")
    return f"{re.sub(r'-c[0-9]+$', '', release)}#{index}"


def _quantiles(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(s * 1000 for s in seconds)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def _run(args, mode: str, chunks: int, directory: Path, real: bool, extra: list | None = None) -> dict:
    code = args.code or REPO
    env = {**os.environ, "PYTHONPATH": f"{code}{os.pathsep}{REPO / 'bench'}", "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, "--chunks", str(chunks),
               "--dir", str(directory), "--work", str(args.work), "--questions", str(args.questions)]
    command += (["--real"] if real else []) + (extra or [])
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=code)
    if done.returncode:
        raise SystemExit(f"{mode} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", default="1000,10000,100000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bxlbot-bench-scale"))
    parser.add_argument("--code", type=Path, help="run the workers on this checkout instead of this one")
    parser.add_argument("--questions", type=int, default=41)
    parser.add_argument("--worker", choices=["ingest", "serve", "clone"])
    parser.add_argument("--source", type=Path, help="clone: the smaller store's work folder")
    parser.add_argument("--copies", type=int, default=10, help="clone: copies of each release")
    parser.add_argument("--clone", type=int, help="also measure a store of this many times the largest size's "
                                                  "releases, cloned from it (see worker_clone)")
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--real", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="serve the stores an earlier run left in the work folder "
                                                             "(no ingest or clone; their figures are not printed)")
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(REPO / "bench"))
        workers = {"ingest": worker_ingest, "serve": worker_serve, "clone": worker_clone}
        print(json.dumps(workers[args.worker](args)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.chunks.split(",")]
    print(f"code: {args.code or REPO}; work folder {args.work}; {args.questions} questions per size")
    rows = []
    for size in sizes:
        directory = args.work / f"{'base-' if args.code else ''}{size}"
        started = time.perf_counter()
        ingested = _reused(directory) if args.reuse else _run(args, "ingest", size, directory, real=size <= 2000)
        served = _run(args, "serve", size, directory, real=False)
        rows.append((size, ingested, served))
        _print(size, ingested, served, rows[0], time.perf_counter() - started)
    if args.clone:
        size, source = sizes[-1] * args.clone, args.work / f"{'base-' if args.code else ''}{sizes[-1]}"
        directory, started = args.work / f"{'base-' if args.code else ''}clone-{size}", time.perf_counter()
        ingested = _reused(directory) if args.reuse else _run(args, "clone", size, directory, real=False, extra=[
            "--source", str(source), "--copies", str(args.clone)])
        served = _run(args, "serve", size, directory, real=False)
        _print(size, ingested, served, rows[0], time.perf_counter() - started)


def _reused(directory: Path) -> dict:
    """What _print needs of a store built by an earlier run (read from its catalog, without opening it)."""
    import sqlite3

    with sqlite3.connect(f"file:{directory / 'store' / 'releases.sqlite3'}?mode=ro", uri=True) as db:
        releases, chunks = db.execute("SELECT COUNT(*), SUM(n_chunks) FROM releases").fetchone()
    return {"reused": True, "releases": releases, "chunks": chunks}


def _print(size: int, ing: dict, srv: dict, base, seconds: float) -> None:
    if ing.get("reused"):
        print(f"\n== {ing['chunks']} chunks ({ing['releases']} releases), a store of an earlier run, measured in "
              f"{seconds:.0f} s")
        _print_bot(srv, base, size)
        return
    if ing.get("cloned"):
        print(f"\n== {ing['chunks']} chunks ({ing['releases']} releases, cloned from the largest size), measured in "
              f"{seconds:.0f} s")
        print(f"written through Store.write_releases at {ing['rate']:.0f} chunks/s (no detectors, no model); peak "
              f"RSS {ing['rss']:.0f} MB; disk {ing['disk_per_chunk'] / 1024:.1f} KB per chunk")
        _print_bot(srv, base)
        return
    if ing["real"]:
        rate, note = ing["rate"], "real model"
    else:  # measured without the model; the model's time per chunk added back
        rate, note = 1 / (1 / ing["rate"] + 1 / ing["raw_rate"]), (f"pooled vectors: {ing['rate']:.0f} chunks/s "
                                                                   "without the model, projected with it")
    print(f"\n== {ing['chunks']} chunks ({ing['releases']} releases), measured in {seconds:.0f} s")
    print(f"ingest: {rate:.1f} chunks/s = {rate / ing['raw_rate']:.0%} of the raw model ({ing['raw_rate']:.1f} "
          f"chunks/s on the same chunks) [{note}]; peak RSS {ing['rss']:.0f} MB; disk {ing['disk_per_chunk'] / 1024:.1f} "
          f"KB per chunk; failed files {ing['failed']}")
    _print_bot(srv, base, size)


def _print_bot(srv: dict, base, size: int = 0) -> None:
    print(f"bot: imports {srv['start_to_imports']:.2f} s, model {srv['model']:.2f} s ({srv.get('backend', 'torch')}), "
          f"open {srv['open']:.2f} s, "
          f"first answer {srv['first_answer'] * 1000:.0f} ms; peak RSS {srv['rss']:.0f} MB after answering "
          f"({srv.get('rss_with_recall', srv['rss']):.0f} MB with the recall check's vectors); CPU time: open "
          f"{srv.get('open_cpu', 0):.2f} s, answer p50 {srv.get('answer_cpu', (0, 0))[0]:.1f} ms "
          f"p95 {srv.get('answer_cpu', (0, 0))[1]:.1f} ms (the embedder uses {os.cpu_count()} threads)")
    print(f"retrieval (question vector cached) p50 {srv['retrieval'][0]:.1f} ms p95 {srv['retrieval'][1]:.1f} ms; "
          f"full answer p50 {srv['answer'][0]:.1f} ms p95 {srv['answer'][1]:.1f} ms; "
          f"HNSW recall@10 vs exact {srv['recall']:.3f} (of distinct texts, a clone's copies counted once: "
          f"{srv.get('recall_texts', srv['recall']):.3f}); embedding one question p50 {srv['embedding'][0]:.1f} ms; "
          f"machine load average {srv['load']:.1f} on {os.cpu_count()} cores")
    if "answer_ready" in srv:
        print(f"answer with the question's vector computed beforehand: p50 {srv['answer_ready'][0]:.1f} ms p95 "
              f"{srv['answer_ready'][1]:.1f} ms (CPU p50 {srv['answer_ready_cpu'][0]:.1f} ms p95 "
              f"{srv['answer_ready_cpu'][1]:.1f} ms)")
    if base[0] != size:  # growth against the smallest size
        b = base[2]
        print(f"against {base[1]['chunks']} chunks: open x{srv['open'] / b['open']:.2f}, answer p50 "
              f"x{srv['answer'][0] / b['answer'][0]:.2f}, retrieval p50 x{srv['retrieval'][0] / b['retrieval'][0]:.2f}")


if __name__ == "__main__":
    main()

"""Briefings measured on the held-out and tuning corpora (with the seeds and the development releases beside them):

- completeness per partner: the share of the releases about the partner (its manifests list it) that the briefing
  lists, and the share of the releases it lists that are about the partner;
- the share of timeline dates that are right, against hand labels (tests/data/brief/timeline_labels.jsonl);
- the time to build a briefing (and to export it) once the store is open.

    .venv/bin/python bench/bench_brief.py [--store DIR] [--dump-unlabelled FILE] [--json]

Prints figures; never fails. Without --store, a temporary store is built first (a few minutes on two cores).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DATA = REPO / "tests" / "data"
HELD_OUT = sorted((DATA / "heldout").glob("*/manifest.jsonl")) + sorted((DATA / "tuning").glob("*/manifest.jsonl"))
MANIFESTS = [DATA / "dev" / "manifest.jsonl"] + HELD_OUT
CORPORA = [REPO / "docs_corpus"] + [m.parent / "corpus" for m in MANIFESTS]
LABELS = DATA / "brief" / "timeline_labels.jsonl"
# The two seed releases have no manifest: their partners as a reader of them would list them.
SEEDS = {"000_d436b39325961c28.txt": ["Istanbul", "Ankara", "Turkey", "UNHCR"],
         "003_cfea4ba6f28da855.txt": ["Quito", "Ecuador", "UNESCO"]}
MIN_RELEASES = 2  # partners with at least this many held-out releases are measured


def truth() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """partner -> files about it (all corpora), and partner -> held-out files about it."""
    from ingest.metadata.partners import canonical_partner

    about, held_out = defaultdict(set), defaultdict(set)
    rows = [(m, json.loads(line)) for m in MANIFESTS for line in m.read_text(encoding="utf-8").splitlines() if line]
    rows += [(None, {"file": f, "partners": p}) for f, p in SEEDS.items()]
    for manifest, row in rows:
        for partner in row["partners"]:
            name = canonical_partner(partner) or partner
            about[name].add(row["file"])
            if manifest in HELD_OUT:
                held_out[name].add(row["file"])
    return about, held_out


def open_store(path: str | None) -> Path:
    if path and Path(path, "manifest.json").exists():
        return Path(path)
    from ingest.pipeline import ingest

    folder = Path(path or tempfile.mkdtemp(prefix="bench-brief-")) / ("" if path else "store")
    print(f"building a store of {len(CORPORA)} folders in {folder} ...", file=sys.stderr)
    ingest(CORPORA, store_dir=folder)
    return folder


def label_key(briefing, entry) -> tuple[str, str, str]:
    c = briefing.citations[entry.citations[0] - 1]
    return Path(c.source).name, hashlib.sha1(c.quote.encode()).hexdigest()[:12], entry.date.iso() if entry.date else ""


def synthetic(store: Path, n: int, topic: str) -> None:
    """Briefing time over a catalog of `n` releases: the releases naming `topic` once each, the rest copies (under
    other file names) of releases that do not name it. Only the catalog is filled (a briefing reads no vector)."""
    from dataclasses import replace

    from bot.brief.build import open_briefer
    from ingest.catalog import Catalog
    from ingest.records import release_id_for
    from ingest.settings import Settings
    from ingest.store import RELEASES, Store

    source = open_briefer(store)
    named = set(source.catalog.naming([topic]))
    folder = Path(tempfile.mkdtemp(prefix="bench-brief-scale-")) / "store"
    built = source.corpus.store.manifest
    settings = Settings.from_env().replace(chunk_tokens=built["chunk_tokens"], chunk_overlap=built["chunk_overlap"],
                                           hnsw_search_ef=built["hnsw_search_ef"])
    Store.open(folder, embedder_name=built["embedding_model"], dimension=built["dimension"], settings=settings,
               create=True)
    catalog = Catalog(folder / RELEASES)
    originals = sorted(source.corpus.releases(), key=lambda r: r.id)
    others = [r for r in originals if r.id not in named]
    started = time.perf_counter()
    plan = [r for r in originals if r.id in named] + [others[i % len(others)] for i in range(n - len(named))]
    for i, release in enumerate(plan):
        copy = release if i < len(named) else replace(
            release, id=release_id_for(f"copies/{i:05d}/{release.source}"), source=f"copies/{i:05d}/{release.source}")
        catalog.put(replace(source.catalog.entry(release.id), release=copy))  # its chunks' spans and postings too
    print(f"synthetic catalog of {len(plan)} releases written in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    started = time.perf_counter()
    briefer = open_briefer(folder)
    opened = time.perf_counter() - started
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        b = briefer.brief(topic)
        runs.append(time.perf_counter() - started)
    started = time.perf_counter()
    empty = briefer.brief("Atlantis")
    nothing = time.perf_counter() - started
    print(f"{len(plan)} releases: store opened in {opened:.1f} s; briefing on {topic} ({len(b.sources)} releases) "
          f"first {runs[0] * 1000:.0f} ms, then {min(runs[1:]) * 1000:.0f} ms; 'nothing published' "
          f"{nothing * 1000:.0f} ms ({empty.scope})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="a store of docs_corpus, the dev, held-out and tuning corpora (else built)")
    parser.add_argument("--dump-unlabelled", type=Path, help="write timeline entries without a label here")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--synthetic", type=int, metavar="N",
                        help="also time a briefing over a catalog of N releases (copies of the corpus's others)")
    parser.add_argument("--synthetic-topic", default="Dakar", help="the partner timed with --synthetic")
    args = parser.parse_args(argv)
    from bot.brief.build import open_briefer
    from bot.brief.chart import timeline_png
    from bot.brief.word import to_docx

    briefer = open_briefer(open_store(args.store))
    started = time.perf_counter()
    prepared = briefer.prepare()
    prepare_s = time.perf_counter() - started
    about, held_out = truth()
    labels = {(x["file"], x["quote_sha"], x["date"]): x["right"] for x in
              (json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line)} \
        if LABELS.exists() else {}
    rows, unlabelled, dated, seen = [], [], {"right": 0, "wrong": 0}, {}
    for partner in sorted(p for p, files in held_out.items() if len(files) >= MIN_RELEASES):
        b = briefer.brief(partner)
        listed = {Path(s.source).name for s in b.sources}
        hits = listed & about[partner]
        rows.append({"partner": partner, "about": len(about[partner]), "listed": len(listed),
                     "recall": len(hits) / len(about[partner]), "precision": len(hits) / len(listed) if listed else 0.0,
                     "missed": sorted(about[partner] - listed), "extra": sorted(listed - about[partner]),
                     "events": len(b.timeline)})
        for e in b.timeline:
            if e.date is None:
                continue
            key = label_key(b, e)
            if key in labels:
                dated["right" if labels[key] else "wrong"] += 1
                seen[key] = labels[key]
            elif key not in {tuple(u[k] for k in ("file", "quote_sha", "date")) for u in unlabelled}:
                unlabelled.append({"file": key[0], "quote_sha": key[1], "date": key[2], "partner": partner,
                                   "kind": e.kind, "quote": " ".join(e.text.split())})
    timing = _timing(briefer, timeline_png, to_docx)
    dated["unique_right"], dated["unique"] = sum(seen.values()), len(seen)
    report = {"partners": rows, "prepare_seconds": prepare_s, "dossiers_read": prepared, "dates": dated,
              "unlabelled": len(unlabelled), **timing}
    if args.dump_unlabelled:
        args.dump_unlabelled.write_text("".join(json.dumps(u, ensure_ascii=False) + "\n" for u in unlabelled),
                                        encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else _text(report))
    if args.synthetic:
        synthetic(Path(briefer.corpus.store.directory), args.synthetic, args.synthetic_topic)
    return 0


def _timing(briefer, timeline_png, to_docx) -> dict:
    counts = defaultdict(int)
    for named in briefer.catalog.naming(briefer.partners).values():
        for partner in named:
            counts[partner] += 1
    biggest = max(counts, key=lambda p: (counts[p], p))
    seconds = []
    for partner in sorted(counts, key=lambda p: -counts[p])[:20]:
        started = time.perf_counter()
        briefer.brief(partner)
        seconds.append(time.perf_counter() - started)
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        b = briefer.brief(biggest)
        runs.append(time.perf_counter() - started)
    started = time.perf_counter()
    png = timeline_png(b)
    chart_s = time.perf_counter() - started
    started = time.perf_counter()
    to_docx(b, png)
    docx_s = time.perf_counter() - started
    return {"biggest": biggest, "biggest_releases": len(b.sources), "biggest_seconds": min(runs),
            "median_seconds_20_partners": statistics.median(seconds), "max_seconds_20_partners": max(seconds),
            "chart_seconds": chart_s, "docx_seconds": docx_s}


def _text(r: dict) -> str:
    rows = r["partners"]
    lines = [f"{'partner':34} about listed recall precision events"]
    for x in rows:
        lines.append(f"{x['partner'][:34]:34} {x['about']:5} {x['listed']:6} {x['recall']:6.2f} {x['precision']:9.2f}"
                     f" {x['events']:6}" + (f"  missed {x['missed']}" if x["missed"] else "")
                     + (f"  extra {x['extra']}" if x["extra"] else ""))
    n = len(rows)
    macro_r = sum(x["recall"] for x in rows) / n
    macro_p = sum(x["precision"] for x in rows) / n
    labelled = r["dates"]["right"] + r["dates"]["wrong"]
    lines += [
        "",
        f"{n} partners with {MIN_RELEASES}+ held-out releases: mean recall {macro_r:.3f} (goal >= 0.95), "
        f"mean precision {macro_p:.3f} (goal >= 0.90); recall 1.0 for {sum(x['recall'] == 1 for x in rows)}, "
        f"precision 1.0 for {sum(x['precision'] == 1 for x in rows)}",
        f"timeline dates right: {r['dates']['right']}/{labelled} = "
        f"{r['dates']['right'] / labelled if labelled else float('nan'):.3f} (goal >= 0.95) over the partners' "
        f"timelines; {r['dates']['unique_right']}/{r['dates']['unique']} distinct (sentence, date) entries; "
        f"{r['unlabelled']} dated entries without a label",
        f"dossiers read on opening: {r['dossiers_read']} in {r['prepare_seconds']:.2f} s",
        f"briefing on {r['biggest']} ({r['biggest_releases']} releases): {r['biggest_seconds'] * 1000:.0f} ms "
        f"(goal <= 1 s); 20 most named partners: median {r['median_seconds_20_partners'] * 1000:.0f} ms, "
        f"max {r['max_seconds_20_partners'] * 1000:.0f} ms; its chart {r['chart_seconds'] * 1000:.0f} ms, "
        f"its .docx {r['docx_seconds'] * 1000:.0f} ms",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())

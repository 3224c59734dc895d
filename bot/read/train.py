"""Learns the reader's weights: `python -m bot.read.train [--store DIR] [--out bot/data/reader.json]`.

Over the tuning question sets (tests/data: dev, heldout A-C, tuning D-F; never tests/data/untouched), every
candidate quote the reader sees is labelled by whether it holds the expected facts of its question (and comes from
a gold release); a logistic regression (scikit-learn) learns the signal weights, and the tier thresholds are the
ones that do best on the same questions. Prints leave-one-set-out figures, the honest estimate.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.cite import assemble
from bot.evaluate import contains, is_correct, load_questions
from bot.read.compose import compose
from bot.read.model import Model
from bot.read.signals import FEATURES

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SETS = {"dev": DATA / "dev", **{n: DATA / "heldout" / n for n in "ABC"}, **{n: DATA / "tuning" / n for n in "DEF"}}
QUANTILES = {"confident": (0.15, 0.25, 0.35, 0.45, 0.55), "closest": (0.03, 0.06, 0.1, 0.15, 0.2),
             "item": (0.2, 0.35, 0.5, 0.65), "side": (0.01, 0.03, 0.06)}  # of the best quote's probability
FOLDS = {"the earlier sets (dev, A-C)": ("dev", "A", "B", "C"), "this session's sets (D-F)": ("D", "E", "F")}


@dataclass
class Seen:
    """One question as the reader saw it."""

    set: str
    item: dict
    query: object
    analysis: object
    passages: list
    cands: list


def label(item: dict, c) -> int:
    """1 when the quote holds the expected facts (one of several for lists and comparisons) of a gold release."""
    groups = item["must_include_any"]
    if not groups or (item["gold_docs"] and Path(c.release.source).name not in item["gold_docs"]):
        return 0
    matched = sum(any(contains(c.quote, alt) for alt in group) for group in groups)
    need = 1 if item["type"] in ("list", "comparison") else max(1, math.ceil(len(groups) / 2))
    return int(matched >= need)


def collect(bot, sets: dict[str, Path], cache: Path | None = None) -> list[Seen]:
    """Every tuning question as the reader sees it; `cache` keeps the retrieved passages between runs (delete it
    when retrieval changes)."""
    kept = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    seen = []
    for name, folder in sets.items():
        for item in load_questions(folder / "questions.jsonl"):
            query, analysis, passages, cands = bot.candidates(item["question"], item.get("history") or [],
                                                              passages=kept.get(item["id"]))
            kept[item["id"]] = passages
            seen.append(Seen(name, item, query, analysis, passages, cands))
    if cache:
        cache.write_bytes(pickle.dumps(kept))
    return seen


def fit(seen: list[Seen]) -> tuple[dict, float]:
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for s in seen:
        for c in s.cands:
            rows.append([c.features[f] for f in FEATURES])
            labels.append(label(s.item, c))
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(rows, labels)
    return {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0])}, round(float(model.intercept_[0]), 4)


def outcome(s: Seen, model: Model) -> tuple[bool, bool, int, int, bool]:
    """(correct, abstained, gold citations, citations, direct) of the answer the reader would give."""
    model.score(s.cands)
    draft = compose(s.query, s.analysis, s.cands, model)
    answer = assemble(draft.claims, s.passages, question=s.item["question"], lang=s.query.lang, lead=draft.lead,
                      as_list=draft.as_list) if draft.claims else None
    gold = set(s.item["gold_docs"])
    if answer is None:
        return not gold, True, 0, 0, False
    cited = [Path(c.source).name for c in answer.citations]
    correct = bool(gold) and is_correct(answer.text, s.item["must_include_any"])
    return correct, False, sum(c in gold for c in cited), len(cited), draft.confidence == "answer"


def score(seen: list[Seen], model: Model) -> dict:
    results = [(s, outcome(s, model)) for s in seen]
    answerable = [r for s, r in results if s.item["gold_docs"]]
    unanswerable = [r for s, r in results if not s.item["gold_docs"]]
    cited = sum(r[3] for _, r in results)
    out = {"correct": sum(r[0] for r in answerable) / max(1, len(answerable)),
           "correct_direct": sum(r[0] and r[4] for r in answerable) / max(1, len(answerable)),
           "abstention": sum(r[1] for r in unanswerable) / max(1, len(unanswerable)),
           "declined_unanswerable": sum(not r[4] for r in unanswerable) / max(1, len(unanswerable)),
           "false_abstentions": sum(r[1] for r in answerable) / max(1, len(answerable)),
           "precision": sum(r[2] for _, r in results) / cited if cited else 0.0}
    out["objective"] = (0.45 * out["correct"] + 0.1 * out["correct_direct"] + 0.25 * out["declined_unanswerable"]
                        + 0.2 * out["precision"] - max(0.0, out["false_abstentions"] - 0.05))
    return out


def thresholds(seen: list[Seen], weights: dict, bias: float) -> tuple[Model, dict]:
    """The tier thresholds that do best on `seen`, tried at quantiles of the best quote's probability."""
    probe = Model(weights, bias, 1.0, 1.0, 1.0)
    tops = []
    for s in seen:
        probe.score(s.cands)
        tops.append(max((c.p for c in s.cands), default=0.0))
    tops.sort()
    grid = {k: sorted({round(tops[int(q * (len(tops) - 1))], 4) for q in qs}) for k, qs in QUANTILES.items()}
    best = None
    for confident in grid["confident"]:
        for closest in grid["closest"]:
            if closest >= confident:
                continue
            for item in grid["item"]:
                model = Model(weights, bias, confident, closest, item)
                found = score(seen, model)
                if best is None or found["objective"] > best[1]["objective"]:
                    best = (model, found)
    compared = [s for s in seen if s.analysis.compare]  # the side threshold only changes comparisons
    for side in grid["side"]:
        model = dataclasses.replace(best[0], side=side)
        if score(compared, model)["objective"] > score(compared, best[0])["objective"]:
            best = (model, score(seen, model))
    return best


def _rounded(found: dict) -> dict:
    return {k: round(v, 3) for k, v in found.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.read.train", description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a store over the tuning corpora to reuse (built when missing)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "data" / "reader.json"))
    parser.add_argument("--no-cv", action="store_true", help="skip the estimate on sets left out of training")
    parser.add_argument("--cache", help="a file that keeps the retrieved passages between runs")
    args = parser.parse_args(argv)
    from bot.bot import Bot
    from ingest.pipeline import ingest
    from ingest.settings import Settings

    settings = Settings.from_env()
    if args.store:
        settings = settings.replace(store_dir=Path(args.store))
    corpora = [REPO / "docs_corpus"] + [folder / "corpus" for folder in SETS.values()]
    ingest(corpora, store_dir=settings.store_dir, settings=settings)
    seen = collect(Bot(settings=settings), SETS, Path(args.cache) if args.cache else None)
    print(f"{len(seen)} questions, {sum(len(s.cands) for s in seen)} candidate quotes, "
          f"{sum(label(s.item, c) for s in seen for c in s.cands)} positive", file=sys.stderr)
    if not args.no_cv:
        for name, held in FOLDS.items():
            train = [s for s in seen if s.set not in held]
            weights, bias = fit(train)
            model, _ = thresholds(train, weights, bias)
            found = score([s for s in seen if s.set in held], model)
            print(f"  trained without {name}, measured on it: {_rounded(found)}", file=sys.stderr)
    weights, bias = fit(seen)
    model, found = thresholds(seen, weights, bias)
    model = Model(weights, bias, model.confident, model.closest, model.item, model.side,
                  version=f"lr-1 trained on {len(seen)} questions ({', '.join(SETS)})")
    print(f"all sets, tuned on them: {_rounded(found)}; thresholds {model.confident}, {model.closest}, "
          f"{model.item}", file=sys.stderr)
    Path(args.out).write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

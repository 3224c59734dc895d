"""Learns the reader's weights: `python -m bot.read.train [--store DIR] [--out bot/data/reader.json]`.

Over the tuning question sets (tests/data: dev, heldout A-C, tuning D-F, and untouched G-AP, untouched until they
were evaluated once; never a set that is still untouched), every candidate quote the reader sees is labelled by
whether it holds the expected facts of its question (and comes from a gold release); gradient-boosted trees (or,
with --learner lr, a logistic regression; scikit-learn) learn to score them, and the tier thresholds are the ones
that do best on the same questions. Prints figures on each group of sets left out of training: the honest estimate.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import pickle
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.cite import assemble
from bot.evaluate import contains, is_correct, load_questions
from bot.read.compose import compose
from bot.read.model import Model, Trees
from bot.read.signals import FEATURES

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SETS = {"dev": DATA / "dev", **{n: DATA / "heldout" / n for n in "ABC"}, **{n: DATA / "tuning" / n for n in "DEF"},
        **{n: DATA / "untouched" / n for n in [*"GHIJKLMNOPQRSTUVWXYZ", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH",
                                                "AI", "AJ", "AK", "AL", "AM", "AN", "AO", "AP"]}}
QUANTILES = {"confident": (0.15, 0.25, 0.35, 0.45, 0.55), "closest": (0.03, 0.06, 0.1, 0.15, 0.2),
             "item": (0.2, 0.35, 0.5, 0.65), "side": (0.01, 0.03, 0.06)}  # of the best quote's probability
TREES = {"max_iter": 300, "max_depth": 3, "learning_rate": 0.05, "l2_regularization": 1.0, "min_samples_leaf": 40}
FOLDS = {"the first sets (dev, A-C)": ("dev", "A", "B", "C"), "sets D-F": ("D", "E", "F"),
         "sets G-J": ("G", "H", "I", "J"), "sets K-L": ("K", "L"), "sets M-N": ("M", "N"), "sets O-P": ("O", "P"),
         "sets Q-R": ("Q", "R"), "sets S-T": ("S", "T"),
         "sets U-V": ("U", "V"), "sets W-X": ("W", "X"), "sets Y-Z": ("Y", "Z"), "sets AA-AB": ("AA", "AB"),
         "sets AC-AD": ("AC", "AD"), "sets AE-AF": ("AE", "AF"), "sets AG-AH": ("AG", "AH"),
         "sets AI-AJ": ("AI", "AJ"), "sets AK-AL": ("AK", "AL"), "sets AM-AN": ("AM", "AN"),
         "sets AO-AP": ("AO", "AP")}


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


def fit(seen: list[Seen], learner: str = "gbdt") -> Model:
    """The scorer learned from the labelled candidates (thresholds still to be chosen): a logistic regression
    ("lr") or gradient-boosted trees ("gbdt", over the same signals and the question's kind)."""
    rows = np.array([[c.features[f] for f in FEATURES] for s in seen for c in s.cands], dtype=np.float64)
    labels = np.array([label(s.item, c) for s in seen for c in s.cands])
    if learner == "lr":
        from sklearn.linear_model import LogisticRegression

        found = LogisticRegression(C=1.0, max_iter=3000).fit(rows, labels)
        weights = {f: round(float(w), 4) for f, w in zip(FEATURES, found.coef_[0])}
        return Model(weights, round(float(found.intercept_[0]), 4), 1.0, 1.0, 1.0)
    from sklearn.ensemble import HistGradientBoostingClassifier

    found = HistGradientBoostingClassifier(random_state=0, **TREES).fit(rows, labels)
    return Model({}, float(np.ravel(found._baseline_prediction)[0]), 1.0, 1.0, 1.0,
                 trees=_trees(found, TREES["max_depth"]))


def _trees(found, depth: int) -> Trees:
    """The fitted ensemble's trees in bot.read.model's arrays (leaf values already scaled by the learning rate)."""
    parts, offset = [], 0
    for (predictor,) in found._predictors:
        nodes = predictor.nodes
        parts.append((offset, nodes))
        offset += len(nodes)
    cat = lambda field: np.concatenate([nodes[field] for _, nodes in parts])  # noqa: E731
    shift = np.concatenate([np.full(len(nodes), start) for start, nodes in parts])
    leaf = cat("is_leaf").astype(bool)
    return Trees(roots=np.array([start for start, _ in parts]), feature=cat("feature_idx").astype(np.int64),
                 threshold=cat("num_threshold").astype(np.float64),
                 left=np.where(leaf, 0, cat("left") + shift).astype(np.int64),
                 right=np.where(leaf, 0, cat("right") + shift).astype(np.int64), leaf=leaf,
                 value=np.where(leaf, cat("value"), 0.0).astype(np.float64), depth=depth + 1)


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


def thresholds(seen: list[Seen], probe: Model) -> tuple[Model, dict]:
    """The tier thresholds that do best on `seen`, tried at quantiles of the best quote's probability."""
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
                model = dataclasses.replace(probe, confident=confident, closest=closest, item=item)
                found = score(seen, model)
                if best is None or found["objective"] > best[1]["objective"]:
                    best = (model, found)
    compared = [s for s in seen if s.analysis.compare]  # the side threshold only changes comparisons
    for side in grid["side"]:
        model = dataclasses.replace(best[0], side=side)
        if score(compared, model)["objective"] > score(compared, best[0])["objective"]:
            best = (model, score(seen, model))
    return best


def model_text(model: Model) -> str:
    """The model file's text: a line per setting and one per array of numbers (the trees' arrays hold thousands)."""
    text = json.dumps(model.to_json(), indent=1)
    return re.sub(r"\[\s+([-0-9.,\seE+]+?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text) + "\n"


def _rounded(found: dict) -> dict:
    return {k: round(v, 3) for k, v in found.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.read.train", description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a store over the tuning corpora to reuse (built when missing)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "data" / "reader.json"))
    parser.add_argument("--no-cv", action="store_true", help="skip the estimate on sets left out of training")
    parser.add_argument("--learner", choices=("gbdt", "lr"), default="gbdt",
                        help="gradient-boosted trees (default) or a logistic regression")
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
            model, _ = thresholds(train, fit(train, args.learner))
            found = score([s for s in seen if s.set in held], model)
            print(f"  trained without {name}, measured on it: {_rounded(found)}", file=sys.stderr)
    model, found = thresholds(seen, fit(seen, args.learner))
    model = dataclasses.replace(model, version=f"{args.learner}-2 trained on {len(seen)} questions "
                                               f"({', '.join(SETS)})")
    print(f"all sets, tuned on them: {_rounded(found)}; thresholds {model.confident}, {model.closest}, "
          f"{model.item}", file=sys.stderr)
    Path(args.out).write_text(model_text(model), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

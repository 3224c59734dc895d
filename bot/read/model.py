"""The reader's learned model (bot/data/reader.json, written by `python -m bot.read.train`): a scorer over the
signals of bot.read.signals, either a logistic regression (weights and a bias) or an ensemble of small regression
trees (gradient boosting, which lets a signal count differently for each kind of question), and the confidence
thresholds of the answer tiers. Scoring needs numpy only, never the library that trained it.

Some signals are also read against the best value among the question's quotes (`relative`): what makes a quote
the answer is often that it covers the question better than its rivals, whatever the absolute figure."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from bot.read.candidates import Candidate
from bot.read.signals import FEATURES

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "reader.json"


@dataclass(frozen=True)
class Trees:
    """Regression trees stored side by side: node i of the ensemble tests `feature[i] <= threshold[i]` and goes to
    `left[i]` or `right[i]` (indices into the same arrays), or is a leaf worth `value[i]`; `roots` start each tree."""

    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    depth: int

    def raw(self, rows: np.ndarray) -> np.ndarray:
        """Sum of the trees' leaf values for each row of signals (all trees walked at once, a level per step)."""
        feature, left, right = self._walk
        flat, width = rows.ravel(), rows.shape[1]
        node = np.repeat(self.roots[:, None], len(rows), axis=1)
        base = (np.arange(len(rows)) * width)[None, :]
        for _ in range(self.depth):
            node = np.where(flat[base + feature[node]] <= self.threshold[node], left[node], right[node])
        return self.value[node].sum(axis=0)

    @cached_property
    def _walk(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """feature, left and right with each leaf leading to itself (testing signal 0): a step needs no test of
        whether a row has reached its leaf."""
        itself = np.arange(len(self.leaf))
        return (np.where(self.leaf, 0, self.feature), np.where(self.leaf, itself, self.left),
                np.where(self.leaf, itself, self.right))

    def to_json(self) -> dict:
        return {"roots": self.roots.tolist(), "feature": self.feature.tolist(),
                "threshold": [round(float(t), 6) for t in self.threshold], "left": self.left.tolist(),
                "right": self.right.tolist(), "leaf": self.leaf.astype(int).tolist(),
                "value": [round(float(v), 6) for v in self.value], "depth": self.depth}

    @staticmethod
    def from_json(data: dict) -> Trees:
        return Trees(np.array(data["roots"], dtype=np.int64), np.array(data["feature"], dtype=np.int64),
                     np.array(data["threshold"], dtype=np.float64), np.array(data["left"], dtype=np.int64),
                     np.array(data["right"], dtype=np.int64), np.array(data["leaf"], dtype=bool),
                     np.array(data["value"], dtype=np.float64), int(data["depth"]))


@dataclass(frozen=True)
class Model:
    """p(quote answers the question) = sigmoid(bias + sum of weight * signal [+ the trees' values]); thresholds
    for the answer tiers."""

    weights: dict
    bias: float
    confident: float  # at or above: a direct answer
    closest: float  # at or above (and below `confident`): the closest passages, labelled as such
    item: float  # a list item needs at least this
    sure: float  # every part of a composed answer (a plan and its outcome, a later state) at or above this makes
    # that answer direct; a comparison's sides need `confident`
    side: float = 0.05  # a side of a comparison, read for its item alone, needs at least this
    version: str = ""
    trees: Trees | None = None
    relative: tuple[str, ...] = ()  # signals also given as their distance below the question's best quote
    features: tuple[str, ...] = FEATURES  # the signals it was learned from, in its order: a signal added since is
    # not read by it (a model stays usable until retrained)

    @cached_property
    def _vector(self) -> np.ndarray:
        return np.array([self.weights.get(name, 0.0) for name in self.inputs])

    @property
    def inputs(self) -> tuple[str, ...]:
        """The names of the model's inputs: every signal, then each relative one ("cov-best")."""
        return self.features + tuple(f"{name}-best" for name in self.relative)

    @cached_property
    def _relative_columns(self) -> list[int]:
        return [self.features.index(name) for name in self.relative]

    def score(self, cands: Sequence[Candidate]) -> None:
        if not cands:
            return
        for c, p in zip(cands, self.probabilities(signal_rows(cands, self.features))):
            c.p = float(p)

    def probabilities(self, signals: np.ndarray) -> np.ndarray:
        """p for each row of one question's signals (in the order of `features`)."""
        rows = with_relative(signals, self._relative_columns)
        z = self.bias + rows @ self._vector
        if self.trees is not None:
            z = z + self.trees.raw(rows)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def to_json(self) -> dict:
        data = {"version": self.version, "features": list(self.features), "relative": list(self.relative),
                "weights": self.weights, "bias": self.bias,
                "thresholds": {"confident": self.confident, "closest": self.closest, "item": self.item,
                               "sure": self.sure, "side": self.side}}
        if self.trees is not None:
            data["trees"] = self.trees.to_json()
        return data


def blended(kept: Model, added: Model, weight: float) -> Model:
    """A model whose log-odds are (1 - weight) times `kept`'s plus weight times `added`'s (their trees side by side,
    leaf values scaled), with `kept`'s thresholds: a model learned on more questions joins the one the composer's
    bars and ratios were set on, which keeps the meaning of its scores (a direct answer at 0.7 is right 9 times in
    10). `added` reads every input `kept` reads, and may read more (signals added since): `kept`'s trees are
    pointed at the same inputs in `added`'s order."""
    where = {name: i for i, name in enumerate(added.inputs)}
    if missing := [name for name in kept.inputs if name not in where]:
        raise ValueError(f"the added model does not read {missing}: models that read different signals cannot "
                         "be blended")
    if (kept.trees is None) != (added.trees is None):
        raise ValueError("a model with trees blends only with another with trees")
    trees = None
    if kept.trees is not None:
        a, b, n = kept.trees, added.trees, len(kept.trees.feature)
        to_added = np.array([where[name] for name in kept.inputs], dtype=np.int64)
        moved = np.where(a.leaf, 0, to_added[np.where(a.leaf, 0, a.feature)])  # a leaf's feature is never read
        trees = Trees(np.concatenate([a.roots, b.roots + n]), np.concatenate([moved, b.feature]),
                      np.concatenate([a.threshold, b.threshold]), np.concatenate([a.left, b.left + n]),
                      np.concatenate([a.right, b.right + n]), np.concatenate([a.leaf, b.leaf]),
                      np.concatenate([a.value * (1 - weight), b.value * weight]), max(a.depth, b.depth))
    weights = {name: (1 - weight) * kept.weights.get(name, 0.0) + weight * added.weights.get(name, 0.0)
               for name in set(kept.weights) | set(added.weights)}
    return dataclasses.replace(kept, weights=weights, bias=(1 - weight) * kept.bias + weight * added.bias,
                               trees=trees, relative=added.relative, features=added.features)


def signal_rows(cands: Sequence[Candidate], names: Sequence[str] = FEATURES) -> np.ndarray:
    """One question's quotes as rows of the signals named (what the model scores and learns from)."""
    return np.array([[c.features.get(name, 0.0) for name in names] for c in cands],
                    dtype=np.float64).reshape(len(cands), len(names))


def with_relative(rows: np.ndarray, columns: Sequence[int]) -> np.ndarray:
    """`rows` (one question's quotes) with, for each column named, its value minus the best value in that column."""
    if not len(columns) or not len(rows):
        return rows
    chosen = rows[:, list(columns)]
    return np.hstack([rows, chosen - chosen.max(axis=0)])


def from_json(data: dict) -> Model:
    relative = tuple(data.get("relative", ()))
    features = tuple(data.get("features", FEATURES))
    unknown = (set(features) - set(FEATURES)) | (set(relative) - set(features)) \
        | (set(data["weights"]) - set(features) - {f"{name}-best" for name in relative})
    if unknown:
        raise ValueError(f"reader weights name signals the reader no longer computes {sorted(unknown)}: retrain "
                         "with python -m bot.read.train")
    t = data["thresholds"]
    trees = Trees.from_json(data["trees"]) if data.get("trees") else None
    return Model(dict(data["weights"]), float(data["bias"]), t["confident"], t["closest"], t["item"],
                 t.get("sure", t["item"]), t.get("side", t["closest"]), data.get("version", ""), trees, relative,
                 features)


@lru_cache(maxsize=4)
def load(path: Path = WEIGHTS) -> Model:
    return from_json(json.loads(Path(path).read_text(encoding="utf-8")))

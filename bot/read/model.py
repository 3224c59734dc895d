"""The reader's learned weights (bot/data/reader.json, written by `python -m bot.read.train`): a logistic
regression over the signals of bot.read.signals, and the confidence thresholds of the answer tiers."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from bot.read.candidates import Candidate
from bot.read.signals import FEATURES

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "reader.json"


@dataclass(frozen=True)
class Model:
    """p(quote answers the question) = sigmoid(bias + sum of weight * signal); thresholds for the answer tiers."""

    weights: dict
    bias: float
    confident: float  # at or above: a direct answer
    closest: float  # at or above (and below `confident`): the closest passages, labelled as such
    item: float  # a list item needs at least this
    side: float = 0.05  # a side of a comparison, read for its item alone, needs at least this
    version: str = ""

    def score(self, cands: Sequence[Candidate]) -> None:
        for c in cands:
            z = self.bias + sum(self.weights.get(name, 0.0) * c.features.get(name, 0.0) for name in FEATURES)
            c.p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"version": self.version, "features": list(FEATURES), "weights": self.weights, "bias": self.bias,
                "thresholds": {"confident": self.confident, "closest": self.closest, "item": self.item,
                               "side": self.side}}


def from_json(data: dict) -> Model:
    unknown = set(data["weights"]) - set(FEATURES)
    if unknown:
        raise ValueError(f"reader weights name unknown signals {sorted(unknown)}: retrain with python -m bot.read.train")
    t = data["thresholds"]
    return Model(dict(data["weights"]), float(data["bias"]), t["confident"], t["closest"], t["item"],
                 t.get("side", t["closest"]), data.get("version", ""))


@lru_cache(maxsize=4)
def load(path: Path = WEIGHTS) -> Model:
    return from_json(json.loads(Path(path).read_text(encoding="utf-8")))

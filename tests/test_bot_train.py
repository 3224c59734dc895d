"""The reader's training: labels follow the expected facts, the learned model scores and round-trips, and the
shipped weights name only signals the reader computes."""
import json

import pytest

from bot.read.model import WEIGHTS, Model, from_json
from bot.read.signals import FEATURES
from bot.read.train import fit, label


class _Release:
    def __init__(self, source):
        self.source = source


class _Cand:
    def __init__(self, quote, source="a.txt", **features):
        self.quote, self.release = quote, _Release(source)
        self.features = {f: features.get(f, 0.0) for f in FEATURES}


def test_a_quote_is_positive_when_it_holds_the_expected_facts_of_a_gold_release():
    item = {"type": "factoid", "gold_docs": ["a.txt"], "must_include_any": [["Giuseppe Sala", "Sala"]]}
    assert label(item, _Cand("opened by Giuseppe Sala.")) == 1
    assert label(item, _Cand("opened by the mayor.")) == 0
    assert label(item, _Cand("opened by Giuseppe Sala.", source="b.txt")) == 0  # not a gold release
    assert label({**item, "gold_docs": [], "must_include_any": []}, _Cand("anything")) == 0


def test_a_list_item_counts_when_it_holds_one_of_the_items():
    item = {"type": "list", "gold_docs": ["a.txt"], "must_include_any": [["Milan"], ["Barcelona"]]}
    assert label(item, _Cand("the house in Milan")) == 1


def test_the_fitted_weights_favour_the_signal_that_tells_answers_apart():
    class Seen:
        def __init__(self, cands, item):
            self.cands, self.item = cands, item

    item = {"type": "factoid", "gold_docs": ["a.txt"], "must_include_any": [["yes"]]}
    seen = [Seen([_Cand("yes", kind=1.0, cov=0.5), _Cand("no", kind=0.0, cov=0.5)], item) for _ in range(30)]
    weights, bias = fit(seen)
    assert weights["kind"] > 1.0 and abs(weights["cov"]) < weights["kind"]
    model = Model(weights, bias, 0.5, 0.2, 0.3)
    cands = [_Cand("yes", kind=1.0), _Cand("no")]
    model.score(cands)
    assert cands[0].p > 0.5 > cands[1].p
    assert from_json(json.loads(json.dumps(model.to_json()))).weights == weights


def test_the_shipped_weights_match_the_signals():
    data = json.loads(WEIGHTS.read_text())
    assert set(data["weights"]) <= set(FEATURES) and data["version"]
    with pytest.raises(ValueError, match="retrain"):
        from_json({**data, "weights": {**data["weights"], "no_such_signal": 1.0}})

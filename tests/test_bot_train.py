"""The reader's training: labels follow the expected facts, the learned model scores and round-trips, and the
shipped weights name only signals the reader computes."""
import dataclasses
import json

import pytest

from bot.read.model import WEIGHTS, from_json
from bot.read.signals import FEATURES
from bot.read.train import fit, label, model_text


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


class _Seen:
    def __init__(self, cands, item):
        self.cands, self.item = cands, item


def test_the_fitted_weights_favour_the_signal_that_tells_answers_apart():
    item = {"type": "factoid", "gold_docs": ["a.txt"], "must_include_any": [["yes"]]}
    seen = [_Seen([_Cand("yes", kind=1.0, cov=0.5), _Cand("no", kind=0.0, cov=0.5)], item) for _ in range(30)]
    model = dataclasses.replace(fit(seen, "lr"), confident=0.5, closest=0.2, item=0.3)
    assert model.weights["kind"] > 1.0 and abs(model.weights["cov"]) < model.weights["kind"]
    cands = [_Cand("yes", kind=1.0), _Cand("no")]
    model.score(cands)
    assert cands[0].p > 0.5 > cands[1].p
    assert from_json(json.loads(json.dumps(model.to_json()))).weights == model.weights


def test_the_trees_learn_a_signal_that_counts_only_for_one_kind_of_question():
    """A signal that marks the answer for list questions and a wrong quote for the others: no single weight can
    say that, the trees do, and they score the same after a round trip through the model file's text."""
    items = {"list": {"type": "list", "gold_docs": ["a.txt"], "must_include_any": [["yes"]]},
             "date": {"type": "date", "gold_docs": ["a.txt"], "must_include_any": [["yes"]]}}
    seen = [_Seen([_Cand("yes", list_items=1.0, q_list=1.0), _Cand("no", q_list=1.0)], items["list"])
            for _ in range(90)]
    seen += [_Seen([_Cand("yes", q_date=1.0), _Cand("no", list_items=1.0, q_date=1.0)], items["date"])
             for _ in range(40)]
    model = dataclasses.replace(fit(seen, "gbdt"), confident=0.5, closest=0.2, item=0.3)
    again = from_json(json.loads(model_text(model)))  # the text `python -m bot.read.train` writes
    for scorer in (model, again):
        listed = [_Cand("yes", list_items=1.0, q_list=1.0), _Cand("no", q_list=1.0)]
        dated = [_Cand("yes", q_date=1.0), _Cand("no", list_items=1.0, q_date=1.0)]
        scorer.score(listed + dated)
        assert listed[0].p > 0.5 > listed[1].p and dated[0].p > 0.5 > dated[1].p


def test_the_shipped_weights_match_the_signals():
    data = json.loads(WEIGHTS.read_text())
    assert set(data["weights"]) <= set(FEATURES) and data["version"]
    with pytest.raises(ValueError, match="retrain"):
        from_json({**data, "weights": {**data["weights"], "no_such_signal": 1.0}})

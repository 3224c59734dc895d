"""The reader's training: labels follow the expected facts, the learned model scores and round-trips, signals read
against the question's best quote, thresholds placed at their shares, and the shipped weights name only signals
the reader computes."""
import dataclasses
import json
import random

import numpy as np
import pytest

from bot.read.model import WEIGHTS, from_json
from bot.read.signals import FEATURES
from bot.read.train import SHARES, fit, label, model_text, placed, tabulate


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


def _table(cands, item):
    return tabulate("t", item, cands)


def test_the_fitted_weights_favour_the_signal_that_tells_answers_apart():
    item = {"type": "factoid", "gold_docs": ["a.txt"], "must_include_any": [["yes"]]}
    seen = [_table([_Cand("yes", kind=1.0, cov=0.5), _Cand("no", kind=0.0, cov=0.5)], item) for _ in range(30)]
    model = dataclasses.replace(fit(seen, "lr", relative=()), confident=0.5, closest=0.2, item=0.3)
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
    seen = [_table([_Cand("yes", list_items=1.0, q_list=1.0), _Cand("no", q_list=1.0)], items["list"])
            for _ in range(300)]
    seen += [_table([_Cand("yes", q_date=1.0), _Cand("no", list_items=1.0, q_date=1.0)], items["date"])
             for _ in range(200)]
    model = dataclasses.replace(fit(seen, "gbdt"), confident=0.5, closest=0.2, item=0.3)
    again = from_json(json.loads(model_text(model)))  # the text `python -m bot.read.train` writes
    for scorer in (model, again):
        listed = [_Cand("yes", list_items=1.0, q_list=1.0), _Cand("no", q_list=1.0)]
        dated = [_Cand("yes", q_date=1.0), _Cand("no", list_items=1.0, q_date=1.0)]
        scorer.score(listed + dated)
        assert listed[0].p > 0.5 > listed[1].p and dated[0].p > 0.5 > dated[1].p


def _told_by_a_better_cover(draw: random.Random) -> list:
    """400 questions whose answer covers the question 0.2 better than its two rivals, at a level drawn anew each
    time (from 0.1 to 0.8): only the distance below the best quote tells the answer."""
    item = {"type": "factoid", "gold_docs": ["a.txt"], "must_include_any": [["yes"]]}
    tables = []
    for _ in range(400):
        level = draw.uniform(0.1, 0.8)
        tables.append(_table([_Cand("yes", cov=level + 0.2), _Cand("no", cov=level), _Cand("no", cov=level - 0.1)],
                             item))
    return tables


def test_a_signal_read_against_the_question_s_best_quote_tells_the_answer_whatever_its_level():
    """The answer covers the question a little better than its rivals, at a level that differs from question to
    question: only the distance below the question's best quote tells it, and the model reads it there."""
    model = fit(_told_by_a_better_cover(random.Random(7)), "gbdt", relative=("cov",))
    for level in (0.25, 0.45, 0.65):  # a rival here covers as much as the answer elsewhere
        cands = [_Cand("no", cov=level), _Cand("yes", cov=level + 0.2), _Cand("no", cov=level - 0.1)]
        again = from_json(json.loads(model_text(model)))
        for scorer in (model, again):
            scorer.score(cands)
            assert cands[1].p > 0.5 > max(cands[0].p, cands[2].p), (level, [c.p for c in cands])


def test_the_thresholds_keep_their_shares_of_questions_and_quotes():
    draw = np.random.default_rng(3)
    p = [draw.uniform(0, 1, size=20) ** 3 for _ in range(500)]
    model = placed(fit([_table([_Cand("yes", kind=1.0), _Cand("no")], {"type": "factoid", "gold_docs": ["a.txt"],
                                                                        "must_include_any": [["yes"]]})] * 5,
                       "lr", relative=()), p)
    tops, every = np.array([q.max() for q in p]), np.concatenate(p)
    assert abs((tops >= model.confident).mean() - SHARES["confident"]) < 0.01
    for name in ("closest", "item", "sure", "side"):
        assert abs((every >= getattr(model, name)).mean() - SHARES[name]) < 0.01, name


def test_the_shipped_weights_match_the_signals():
    data = json.loads(WEIGHTS.read_text())
    assert set(data["weights"]) <= set(FEATURES) and data["version"]
    assert set(data.get("relative", ())) <= set(FEATURES)
    with pytest.raises(ValueError, match="retrain"):
        from_json({**data, "weights": {**data["weights"], "no_such_signal": 1.0}})


def test_a_model_learned_before_a_signal_was_added_reads_only_the_signals_it_learned():
    """The model file names its signals; a signal the reader computes since (here: one the model never saw, set
    on every quote) changes nothing in its scores, though the trees read their relative signals by position, after
    the signals they learned; and a model that names a signal the reader no longer computes is refused."""
    learned = FEATURES[:-1]
    seen = [dataclasses.replace(t, signals=t.signals[:, :len(learned)])
            for t in _told_by_a_better_cover(random.Random(5))]
    model = dataclasses.replace(fit(seen, "gbdt", relative=("cov",)), confident=0.5, closest=0.2, item=0.3,
                                features=learned)
    again = from_json(json.loads(model_text(model)))
    quiet = [_Cand("no", cov=0.45), _Cand("yes", cov=0.65), _Cand("no", cov=0.35)]
    loud = [_Cand("no", cov=0.45), _Cand("yes", cov=0.65), _Cand("no", cov=0.35)]
    for c in loud:
        c.features[FEATURES[-1]] = 1.0
    again.score(quiet)
    again.score(loud)
    assert [c.p for c in quiet] == [c.p for c in loud] and quiet[1].p > 0.5 > max(quiet[0].p, quiet[2].p)
    with pytest.raises(ValueError, match="retrain"):
        from_json({**json.loads(model_text(model)), "features": list(learned) + ["no_such_signal"]})


def test_a_blend_averages_two_models_log_odds_and_keeps_the_first_one_s_thresholds():
    """The shipped reader is a model learned on few sets blended with one learned on all (bot.read.model.blended):
    its log-odds are the weighted mean of theirs, after a round trip through the model file, though the first reads
    no relative signal, its signals in another order and one fewer (added since): its trees are pointed at the same
    signals in the second's order. The first model's thresholds stay, and a second model that lacks a signal of the
    first's is refused."""
    from bot.read.model import blended

    fewer = tuple(name for name in FEATURES if name != "cov_context")[::-1]  # another order, one signal fewer
    columns = [FEATURES.index(name) for name in fewer]
    seen = [dataclasses.replace(t, signals=t.signals[:, columns]) for t in _told_by_a_better_cover(random.Random(3))]
    kept = dataclasses.replace(fit(seen, "gbdt", relative=()), confident=0.7, closest=0.04, item=0.15, features=fewer)
    added = dataclasses.replace(fit(_told_by_a_better_cover(random.Random(4)), "gbdt", relative=("cov",)),
                                confident=0.8, closest=0.03, item=0.14)
    blend = from_json(json.loads(model_text(blended(kept, added, 0.3))))
    rows = np.random.default_rng(1).uniform(0, 1, size=(50, len(FEATURES)))
    logit = lambda p: np.log(p / (1 - p))  # noqa: E731
    expected = 0.7 * logit(kept.probabilities(rows[:, columns])) + 0.3 * logit(added.probabilities(rows))
    assert np.allclose(logit(blend.probabilities(rows)), expected, atol=1e-4)
    assert not np.allclose(expected, logit(kept.probabilities(rows[:, columns])), atol=1e-2)  # both count
    assert (blend.confident, blend.closest, blend.item) == (0.7, 0.04, 0.15) and blend.features == FEATURES
    with pytest.raises(ValueError, match="different signals"):
        blended(added, dataclasses.replace(kept, relative=()), 0.5)

"""Filters, the release catalogue, feedback storage and login parsing of the web package."""
from __future__ import annotations

import base64
import sqlite3

import pytest

from ingest.records import PartialDate, Release
from web import catalog
from web.auth import AuthConfigError, check_header, load_credentials
from web.feedback import FeedbackError, FeedbackStore
from web.filters import FilterError, Filters


def _release(rid, title, published, lang="en", partners=(), text="") -> Release:
    return Release(id=rid, source=f"{rid}.txt", title=title, text=text, published=published, lang=lang,
                   partners=partners, content_hash="0" * 64, format="txt")


def test_filters_normalise_dates_and_keep_only_set_values():
    f = Filters.parse(" 2021-1 ", "2021-10-26", ["Ankara", "Ankara", " "], "FR")
    assert f.kwargs() == {"since": "2021-01", "until": "2021-10-26", "partners": ["Ankara"], "lang": "fr"}
    assert Filters.parse("", None, None, "any").kwargs() == {}
    assert Filters.parse("2021-10", "2021").since == "2021-10"  # October to the end of 2021 is a real range


@pytest.mark.parametrize("since,until,lang", [("21", None, None), ("2021-13", None, None), ("2021-02-30", None, None),
                                              ("2022", "2021", None), (None, None, "de")])
def test_filters_refuse_unusable_values_with_a_message(since, until, lang):
    with pytest.raises(FilterError, match=r"\w"):
        Filters.parse(since, until, None, lang)


def test_catalog_search_folds_accents_and_sorts_newest_first():
    old = _release("a", "Bruxelles et Quito", PartialDate(2021, 5), "fr", ("Quito", "Ecuador"), "Équateur, chocolat")
    new = _release("b", "Brussels visits Ankara", PartialDate(2021, 10), "en", ("Ankara",), "MoU signed")
    undated = _release("c", "Undated note", None)
    assert [r.id for r in catalog.search([old, new, undated])] == ["b", "a", "c"]
    assert [r.id for r in catalog.search([old, new], "equateur")] == ["a"]
    assert [r.id for r in catalog.search([old, new], "ANKARA 2021-10")] == ["b"]
    assert catalog.summary(new)["published"] == "2021-10" and "text" not in catalog.summary(new)


def test_feedback_is_stored_with_question_answer_and_citations(tmp_path):
    store = FeedbackStore(tmp_path / "sub" / "feedback.sqlite3")
    answer = {"text": "Signed on 26 October 2021 [1].", "abstained": False,
              "citations": [{"number": 1, "release_id": "r", "quote": "On 26 October 2021 ...", "start": 0, "end": 5}]}
    fid = store.add("useful", answer, question="When?", filters={"since": "2021"})
    store.update(fid, comment="  precise  ")
    store.update(fid, rating="wrong")
    with sqlite3.connect(tmp_path / "sub" / "feedback.sqlite3") as db:  # what staff read, with any SQLite tool
        row = db.execute("SELECT rating, comment, question, answer, citations, filters FROM feedback").fetchone()
    assert row[:4] == ("wrong", "precise", "When?", "Signed on 26 October 2021 [1].")
    assert '"quote": "On 26 October 2021 ..."' in row[4] and '"since": "2021"' in row[5]
    assert store.recent()[0]["citations"][0]["number"] == 1


def test_feedback_refuses_unknown_ratings_long_comments_and_ids(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    with pytest.raises(FeedbackError):
        store.add("great", {"text": "x"})
    fid = store.add("wrong", {"text": "x"})
    with pytest.raises(FeedbackError):
        store.update(fid, comment="x" * 5000)
    with pytest.raises(FeedbackError):
        store.update(fid + 1, comment="hello")


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_login_from_a_pair_or_a_file(tmp_path):
    assert load_credentials("") == {}
    assert load_credentials("ann:s3cret:with:colons") == {"ann": "s3cret:with:colons"}
    logins = tmp_path / "logins.txt"
    logins.write_text("# staff\nann:one\n\nbob:two\n", encoding="utf-8")
    creds = load_credentials(str(logins))
    assert creds == {"ann": "one", "bob": "two"}
    assert check_header(_basic("bob", "two"), creds)
    assert not check_header(_basic("bob", "one"), creds)
    assert not check_header(_basic("eve", ""), creds)
    assert not check_header("Basic !!!", creds) and not check_header(None, creds)


def test_broken_login_settings_are_refused(tmp_path):
    with pytest.raises(AuthConfigError):
        load_credentials("no-colon-and-no-file")
    bad = tmp_path / "bad.txt"
    bad.write_text("ann\n", encoding="utf-8")
    with pytest.raises(AuthConfigError):
        load_credentials(str(bad))

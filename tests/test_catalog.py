"""The release catalog: entries written whole, records read on demand, a filter's scope from indexed columns (the
same releases as Filters.admits), generations that tell other readers of a write, and a damaged file named."""
from __future__ import annotations

import random

import pytest

from bot.retrieve.filters import Filters
from ingest.catalog import Catalog
from ingest.entry import Entry
from ingest.errors import StoreCorruptError
from ingest.keyword import postings
from ingest.records import Chunk, PartialDate, Release, SentenceFacts

PARTNERS = ["Quito", "Turkey", "Japan", "Milan", "Morocco", "Ankara"]


def release(i: int, rng: random.Random) -> Release:
    published = None if rng.random() < 0.1 else PartialDate(
        rng.randint(2004, 2024), *([None, None] if rng.random() < 0.2 else
                                   [rng.randint(1, 12), rng.choice([None, rng.randint(1, 28)])]))
    text = f"Release {i} about {' and '.join(rng.sample(PARTNERS, 2))}. A second sentence."
    return Release(f"r-{i:03d}", f"r{i}.txt", f"Title {i}", text, published, rng.choice(["en", "fr", "nl", "und"]),
                   tuple(rng.sample(PARTNERS, rng.randint(0, 2))), f"hash{i}", "txt")


def entry(r: Release, version: str = "v1") -> Entry:
    chunks = [Chunk(r.id, 0, r.text[:20], 0, 20, 5), Chunk(r.id, 1, r.text[20:], 20, len(r.text), 6, True)]
    facts = (SentenceFacts(0, 0, 20, persons=("Someone",), flags=frozenset({"heading"})),)
    return Entry.of(r, version, chunks, boilerplate="fp", facts=facts, key_counts={"s:releas": 1, "s:quito": 1},
                    postings=postings([(0, f"{r.title}\n{r.text[:20]}")]))


@pytest.fixture
def catalog(tmp_path) -> tuple[Catalog, list[Release]]:
    rng = random.Random(5)
    catalog = Catalog(tmp_path / "releases.sqlite3", "store-1")
    releases = [release(i, rng) for i in range(120)]
    for r in releases:
        catalog.put(entry(r))
    return catalog, releases


def test_records_and_chunks_read_back(catalog):
    catalog, releases = catalog
    record = catalog.record("r-007")
    assert record.release == releases[7] and record.version == "v1" and record.n_chunks == 2
    assert [c.text for c in record.chunks()] == [releases[7].text[:20], releases[7].text[20:]]
    assert record.chunk(1).boilerplate and catalog.record("nope") is None
    assert catalog.facts("r-007")[0].persons == ("Someone",)
    assert catalog.count() == 120 and catalog.n_chunks() == 240
    assert catalog.key_stats(["s:quito", "s:absent"]) == {"s:quito": (120, 120)}
    assert catalog.partners() == sorted({p for r in releases for p in r.partners}, key=str.casefold)


def counting_reader(tmp_path) -> tuple[Catalog, list[str]]:
    """Another reader of the catalog, with an empty cache, and the list of the queries it makes."""
    other, queries = Catalog(tmp_path / "releases.sqlite3", "store-1"), []
    rows = other._rows
    other._rows = lambda sql, args=(): queries.append(sql) or rows(sql, args)
    return other, queries


def test_records_read_ahead_in_one_query_are_the_records_read_one_by_one(catalog, tmp_path):
    catalog, releases = catalog
    other, queries = counting_reader(tmp_path)
    wanted = ["r-003", "r-050", "r-119", "nope"]
    other.read_ahead(wanted)
    assert len(queries) == 1
    for release_id in wanted:
        found, one_by_one = other.record(release_id), catalog.record(release_id)
        assert (found and (found.release, found.version, found.spans)) == (
            one_by_one and (one_by_one.release, one_by_one.version, one_by_one.spans))
    assert len(queries) == 1  # read from memory
    other.read_ahead(wanted)
    assert len(queries) == 1  # nothing left to read


def test_sentences_read_ahead_in_one_query_are_those_read_one_by_one_and_follow_writes(catalog, tmp_path):
    catalog, releases = catalog
    other, queries = counting_reader(tmp_path)
    wanted = ["r-004", "r-061", "r-118", "nope"]
    other.read_sentences_ahead(wanted)
    assert len(queries) == 1
    for release_id in wanted:
        assert (other.facts(release_id), other.sentence_keys(release_id)) == (
            catalog.facts(release_id), catalog.sentence_keys(release_id))
    assert len(queries) == 1 and other.facts("r-061")[0].persons == ("Someone",) and other.facts("nope") == ()
    other.read_sentences_ahead(wanted)
    assert len(queries) == 1  # nothing left to read
    changed = Entry.of(releases[61], "v2", [Chunk("r-061", 0, "x", 0, 1, 1)], boilerplate="fp",
                       facts=(SentenceFacts(0, 0, 20, persons=("Another",)),), key_counts={}, postings=postings([]))
    catalog.put(changed)
    other.refresh()
    assert other.facts("r-061")[0].persons == ("Another",)  # a write elsewhere empties this reader's sentences


def test_entry_survives_its_text_encoding(catalog):
    catalog, _ = catalog
    stored = catalog.entry("r-011")
    again = Entry.from_json(stored.to_json())
    assert (again.release, again.version, again.spans, again.facts, dict(again.key_counts), again.postings) == (
        stored.release, stored.version, stored.spans, stored.facts, dict(stored.key_counts), stored.postings)


def test_scope_holds_the_releases_the_filters_admit(catalog):
    catalog, releases = catalog
    rng = random.Random(11)
    for _ in range(400):
        since = rng.choice([None, PartialDate(rng.randint(2003, 2025), rng.choice([None, rng.randint(1, 12)]))])
        until = rng.choice([None, PartialDate(rng.randint(2003, 2025))])
        filters = Filters(since, until, tuple(rng.sample(PARTNERS + ["quito", "Nowhere"], rng.randint(0, 2))),
                          rng.choice([None, "en", "fr", "nl"]))
        admitted = [r for r in releases if filters.admits(r)]
        scope = catalog.scope(**filters.bounds(), ids=True)
        dates = sorted(r.published for r in admitted if r.published)
        assert (scope.n, scope.ids) == (len(admitted), frozenset(r.id for r in admitted)), filters
        assert (scope.first, scope.last) == ((dates[0], dates[-1]) if dates else (None, None)), filters
    everything = catalog.scope()
    assert everything.n == 120 and everything.ids is None


def test_writes_move_the_generation_and_empty_other_readers_caches(catalog, tmp_path):
    catalog, releases = catalog
    other = Catalog(tmp_path / "releases.sqlite3")
    seen = other.refresh()
    assert other.record("r-001").version == "v1"
    catalog.put(entry(releases[1], "v2"))
    assert other.refresh() > seen and other.record("r-001").version == "v2"
    catalog.delete("r-001")
    other.refresh()
    assert other.record("r-001") is None and other.count() == 119 and "r-001" not in other.versions()


def test_damaged_or_foreign_catalog_is_named(tmp_path, catalog):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreCorruptError, match="not readable.*--rebuild"):
        Catalog(path)
    with pytest.raises(StoreCorruptError, match="belongs to another store"):
        Catalog(tmp_path / "releases.sqlite3", "store-2")


def random_sentences(rng: random.Random, text_length: int = 2000):
    """Sentence facts in text order (as ingest.chunk cuts them) with each sentence's keys."""
    cuts = sorted(rng.sample(range(1, text_length), rng.randint(0, 40)))
    bounds = list(zip([0] + cuts, cuts + [text_length]))
    facts = tuple(SentenceFacts(i, start, end, numbers=tuple((rng.randint(0, 9), str(rng.random()), "money")
                                                             for _ in range(rng.randint(0, 2))),
                                dates=("2021-03",) * rng.randint(0, 1), persons=("Aïcha Ben",) * rng.randint(0, 1),
                                partners=("Quito",), list_end=rng.choice([None, end + 5]),
                                flags=frozenset(rng.sample(["heading", "boilerplate", "anaphora"], rng.randint(0, 2))))
                  for i, (start, end) in enumerate(bounds))
    keys = tuple(frozenset(f"s:w{rng.randint(0, 60)}" for _ in range(rng.randint(0, 12))) for _ in facts)
    return facts, keys


def test_packed_sentences_read_back_one_by_one():
    from bot.corpus import Sentences
    from ingest.entry import SentenceRows, pack_sentences

    rng = random.Random(3)
    for _ in range(50):
        facts, keys = random_sentences(rng)
        for stored_keys in (keys, ()):
            rows = SentenceRows.unpack(pack_sentences(facts, stored_keys))
            assert len(rows) == len(facts) and [rows.facts(i) for i in range(len(rows))] == list(facts)
            assert [rows.keys(i) for i in range(len(rows))] == (list(keys) if stored_keys else [None] * len(facts))
            assert rows.facts(-1) == facts[-1] if facts else True
            text = "x" * 2000
            sentences = Sentences(Release("r", "r.txt", "T", text, None, "en", (), "h", "txt"), rows)
            for _ in range(20):  # bisection finds what a scan of every sentence finds
                start = rng.randint(0, 2000)
                end = rng.randint(start, 2001)
                scan = [s for s in sentences if s.start < end and start < s.end]
                assert sentences.overlapping(start, end) == scan
                assert sentences.keys_between(start, end) == frozenset().union(*(s.keys for s in scan))


def test_catalog_written_before_packing_is_read_then_converted(tmp_path):
    import json
    import sqlite3

    from ingest.entry import facts_row, keys_json

    rng, path = random.Random(8), tmp_path / "releases.sqlite3"
    catalog = Catalog(path, "store-1")
    written = {}
    for i in range(30):
        r = release(i, rng)
        facts, keys = random_sentences(rng, len(r.text))
        catalog.put(Entry.of(r, "v1", [Chunk(r.id, 0, r.text, 0, len(r.text), 9)], facts=facts, sentence_keys=keys))
        written[r.id] = (facts, keys)
    with sqlite3.connect(path) as db:  # as an earlier version wrote it: JSON columns, no packed column
        db.execute("DROP TABLE sentences")
        db.execute("CREATE TABLE sentences (release_id TEXT PRIMARY KEY, n INTEGER, facts TEXT, keys TEXT)")
        db.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?)", [
            (rid, len(f), json.dumps([facts_row(x) for x in f]), json.dumps(keys_json(k)) if k else None)
            for rid, (f, k) in written.items()])
        db.execute("DELETE FROM meta WHERE key = 'sentences'")
    old = Catalog(path, "store-1")
    assert old.encoding == "json"
    read = {rid: (old.facts(rid), old.sentence_keys(rid)) for rid in written}
    assert read == {rid: (f, k or None) for rid, (f, k) in written.items()}
    assert old.convert() == 30 and old.encoding == "packed" and old.convert() == 0
    again = Catalog(path, "store-1")
    assert again.encoding == "packed"
    assert {rid: (again.facts(rid), again.sentence_keys(rid)) for rid in written} == read
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM sentences WHERE packed IS NULL OR facts IS NOT NULL").fetchone() == (0,)


def test_key_totals_follow_every_write(catalog, tmp_path):
    """The per-key totals kept by each write equal the sums over the key index, after adds, replacements and
    removals; a catalog written before them is answered from the index until convert() builds them."""
    import sqlite3

    catalog, releases = catalog
    rng = random.Random(4)
    for r in rng.sample(releases, 30):  # replaced with other keys, or removed
        if rng.random() < 0.5:
            catalog.delete(r.id)
        else:
            keys = {f"s:w{rng.randint(0, 9)}": rng.randint(1, 3) for _ in range(rng.randint(0, 6))}
            catalog.put(Entry.of(r, "v2", [Chunk(r.id, 0, r.text, 0, len(r.text), 9)], key_counts=keys))
    wanted = ["s:quito", "s:releas", "s:absent"] + [f"s:w{i}" for i in range(10)]
    with sqlite3.connect(catalog.path) as db:
        summed = {k: (n, c) for k, n, c in db.execute(
            "SELECT key, SUM(n), COUNT(*) FROM key_index GROUP BY key")}
        totals = {k: (n, c) for k, n, c in db.execute("SELECT key, n, releases FROM key_totals")}
        assert totals == summed
        db.execute("DELETE FROM key_totals")
        db.execute("DELETE FROM meta WHERE key = 'key_totals'")
    old = Catalog(catalog.path)
    assert not old.totals and old.key_stats(wanted) == {k: v for k, v in summed.items() if k in wanted}
    old.convert()
    assert old.totals and Catalog(catalog.path).totals
    assert old.key_stats(wanted) == {k: v for k, v in summed.items() if k in wanted}

"""End-to-end ingestion with the real loaders, model and Chroma: incremental, crash-safe, boilerplate-aware."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from conftest import EVAL_CORPUS, REPO, SEEDS
from ingest import ingest
from ingest.errors import StoreMismatchError
from ingest.settings import Settings
from ingest.store import Store

FILES = ["dev-03-singapore-mission.txt", "dev-05-japan-missie.txt", "dev-06-trade-attache-network.md",
         "dev-12-lille-accord-2019.html", "dev-16-uk-economic-mission.txt"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for name in FILES[:3]:
        shutil.copy(EVAL_CORPUS / name, folder / name)
    for name in FILES[3:]:
        shutil.copy(EVAL_CORPUS / name, folder / "sub" / name)
    shutil.copy(SEEDS / "003_cfea4ba6f28da855.txt", folder / "003_cfea4ba6f28da855.txt")
    (folder / ".hidden.txt").write_text("never ingested", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"unsupported suffix, skipped while walking")
    return folder


def run(corpus, store_dir, embedder, **kwargs):
    return ingest([corpus], store_dir=store_dir, settings=kwargs.pop("settings", Settings()), embedder=embedder, **kwargs)


def open_store(store_dir, embedder, settings=None):
    return Store.open(store_dir, embedder_name=embedder.name, dimension=embedder.dimension, settings=settings or Settings())


def test_ingest_is_complete_and_idempotent(corpus, tmp_store_dir, embedder):
    stages = set()
    first = run(corpus, tmp_store_dir, embedder, progress=lambda stage, done, total: stages.add(stage))
    assert sorted(first.added) == sorted(["003_cfea4ba6f28da855.txt"] + FILES[:3] + [f"sub/{n}" for n in FILES[3:]])
    assert first.failed == () and first.chunks_embedded > 20 and first.tokens_embedded > 2000
    assert stages == {"load", "embed", "write"}
    second = run(corpus, tmp_store_dir, embedder)
    assert (second.chunks_embedded, second.added, second.updated, second.removed) == (0, (), (), ())
    assert len(second.unchanged) == 6 and not second.changed
    store = open_store(tmp_store_dir, embedder)
    assert len(store.releases()) == 6
    for chunk in store.chunks():
        assert store.release(chunk.release_id).text[chunk.start:chunk.end] == chunk.text
        assert embedder.count_model_tokens(f"{store.release(chunk.release_id).title}\n\n{chunk.text}") <= 256


def test_searches_after_ingest(corpus, tmp_store_dir, embedder):
    run(corpus, tmp_store_dir, embedder)
    store = open_store(tmp_store_dir, embedder)
    japan = next(r.id for r in store.releases() if r.source == "dev-05-japan-missie.txt")
    assert store.keyword_search("prinses Astrid", 3)[0][0].release_id == japan
    singapore = next(r.id for r in store.releases() if r.source == "dev-03-singapore-mission.txt")
    hits = store.dense_search(embedder.embed_query("Why did the Brussels minister travel to South-East Asia?"), k=3)
    assert hits[0][0].release_id == singapore


def test_update_and_removal(corpus, tmp_store_dir, embedder):
    run(corpus, tmp_store_dir, embedder)
    path = corpus / "dev-03-singapore-mission.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n\nA new closing paragraph about Zanzibar.\n", encoding="utf-8")
    (corpus / "sub" / "dev-16-uk-economic-mission.txt").unlink()
    report = run(corpus, tmp_store_dir, embedder)
    assert report.updated == ("dev-03-singapore-mission.txt",)
    assert report.removed == ("sub/dev-16-uk-economic-mission.txt",)
    store = open_store(tmp_store_dir, embedder)
    singapore = next(r for r in store.releases() if r.source == "dev-03-singapore-mission.txt")
    assert "Zanzibar" in singapore.text
    chunks = store.chunks_of(singapore.id)
    assert any("Zanzibar" in c.text for c in chunks) and [c.index for c in chunks] == list(range(len(chunks)))
    assert 0 < report.chunks_embedded < len(chunks)  # unchanged chunk texts keep their vectors
    assert store.keyword_search("Zanzibar", 1)[0][0].release_id == singapore.id
    assert {r.source for r in store.releases()} == {
        "003_cfea4ba6f28da855.txt", *FILES[:3], "sub/dev-12-lille-accord-2019.html"}
    assert {c.release_id for c in store.chunks()} == {r.id for r in store.releases()}


def test_bad_files_are_reported_and_old_versions_kept(corpus, tmp_store_dir, embedder):
    run(corpus, tmp_store_dir, embedder)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.pdf").write_bytes(b"%PDF-1.4 broken \x00\x01\x02")
    (corpus / "dev-05-japan-missie.txt").write_bytes(b"\x00\x01\x02\x03" * 100)  # was good, now broken
    report = run(corpus, tmp_store_dir, embedder)
    failed = {f.source: f.reason for f in report.failed}
    assert set(failed) == {"empty.txt", "binary.pdf", "dev-05-japan-missie.txt"}
    assert all(reason for reason in failed.values())
    assert "kept" in failed["dev-05-japan-missie.txt"]
    assert len(report.unchanged) == 6 and report.removed == ()
    store = open_store(tmp_store_dir, embedder)
    assert "dev-05-japan-missie.txt" in {r.source for r in store.releases()}


def test_missing_path_reported_nothing_removed(corpus, tmp_store_dir, embedder):
    run(corpus, tmp_store_dir, embedder)
    report = ingest([corpus, corpus / "nope"], store_dir=tmp_store_dir, settings=Settings(), embedder=embedder)
    assert [f.source for f in report.failed] == [str(corpus / "nope")] and report.removed == ()


def test_settings_mismatch_then_rebuild(corpus, tmp_store_dir, embedder):
    run(corpus, tmp_store_dir, embedder)
    other = Settings(chunk_tokens=100, chunk_overlap=10)
    with pytest.raises(StoreMismatchError, match="--rebuild"):
        run(corpus, tmp_store_dir, embedder, settings=other)
    report = run(corpus, tmp_store_dir, embedder, settings=other, rebuild=True)
    assert len(report.added) == 6
    assert max(c.tokens for c in open_store(tmp_store_dir, embedder, other).chunks()) <= 100


def test_boilerplate_follows_the_corpus(tmp_path, tmp_store_dir, embedder):
    about = "Photos of the visit are free of rights and available for the press on the agency business support site."
    folder = tmp_path / "c"
    folder.mkdir()
    for i, city in enumerate(["Quito", "Lille", "Milan"]):
        body = f"Brussels signs an agreement with {city}.\n\nThe partnership with {city} covers trade and culture."
        (folder / f"{i}.txt").write_text(f"Brussels and {city}\n\n{body}\n\n{about}\n", encoding="utf-8")
    first = run(folder, tmp_store_dir, embedder)
    store = open_store(tmp_store_dir, embedder)
    assert sum(c.boilerplate for c in store.chunks()) == 3
    assert all(not c.boilerplate for c, _ in store.keyword_search("agency business support", 10))
    assert first.extra["rechunked"] == ()
    (folder / "2.txt").unlink()  # the shared paragraph now recurs in 2 releases only: no longer boilerplate
    report = run(folder, tmp_store_dir, embedder)
    assert report.removed == ("2.txt",) and sorted(report.extra["rechunked"]) == ["0.txt", "1.txt"]
    store = open_store(tmp_store_dir, embedder)
    assert not any(c.boilerplate for c in store.chunks())
    assert store.keyword_search("agency business support", 1)


CRASH = """
import os, sys
from ingest import ingest
from ingest.settings import Settings

def progress(stage, done, total):
    if stage == "write" and done == 3:
        os._exit(17)  # a kill: no cleanup, no flush

ingest([sys.argv[1]], store_dir=sys.argv[2], settings=Settings(), progress=progress)
"""


def test_interrupted_ingest_is_completed_by_the_next_run(corpus, tmp_store_dir, embedder):
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    crashed = subprocess.run([sys.executable, "-c", textwrap.dedent(CRASH), str(corpus), str(tmp_store_dir)],
                             env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert crashed.returncode == 17, crashed.stderr
    store = open_store(tmp_store_dir, embedder)
    assert len(store.releases()) == 3  # what was committed answers, consistently
    for chunk in store.chunks():
        assert store.release(chunk.release_id).text[chunk.start:chunk.end] == chunk.text
    assert {c.release_id for c in store.chunks()} == {r.id for r in store.releases()}
    report = run(corpus, tmp_store_dir, embedder)
    assert len(report.unchanged) == 3 and len(report.added) == 3 and report.failed == ()
    store = open_store(tmp_store_dir, embedder)
    assert len(store.releases()) == 6
    assert {c.release_id for c in store.chunks()} == {r.id for r in store.releases()}
    assert run(corpus, tmp_store_dir, embedder).chunks_embedded == 0


def test_hostile_files_fail_one_by_one_and_good_releases_answer(tmp_path, tmp_store_dir, embedder):
    from bot import Bot
    from hostile import GOOD, make_hostile_folder

    max_batch = Store.open(tmp_store_dir, embedder_name=embedder.name, dimension=embedder.dimension,
                           settings=Settings(), create=True).max_batch
    folder = make_hostile_folder(tmp_path / "hostile", max_batch)
    report = run(folder, tmp_store_dir, embedder)
    failed = {f.source: f.reason for f in report.failed}
    assert all(failed.values()), failed
    assert {"empty.txt", "blank.md", "binary.txt", "nul-bytes.md", "junk.pdf", "bad.pdf", "truncated.pdf",
            "empty.html", "script-only.html", "utf16-no-bom.txt"} <= set(failed)
    assert set(GOOD) | {"huge.txt"} <= set(report.added)
    assert not any("Traceback" in reason for reason in failed.values())
    assert {w.source for w in report.warnings} == {"utf8-with-junk.txt", "latin1-with-junk.txt"}  # kept, with U+FFFD
    store = open_store(tmp_store_dir, embedder)
    for source in ("utf8-with-junk.txt", "latin1-with-junk.txt"):
        text = next(r.text for r in store.releases() if r.source == source)
        assert "café" in text and "\ufffd" in text, text
    huge = next(r for r in store.releases() if r.source == "huge.txt")
    assert len(store.chunks_of(huge.id)) > max_batch  # written in several batches
    reported = set(failed) | set(report.added) | {d.source for d in report.duplicates}  # same text: stored once
    assert {n.name for n in folder.iterdir() if n.name.startswith("deep-")} <= reported  # never a crash
    bot = Bot(settings=Settings().replace(store_dir=tmp_store_dir), embedder=embedder)
    for name, (question, expected) in GOOD.items():
        answer = bot.ask(question)
        assert expected in answer.text and any(c.source == name for c in answer.citations), answer.text


KILLABLE = """
import sys
from ingest import ingest
from ingest.settings import Settings

def progress(stage, done, total):
    if (stage, done) == (sys.argv[3], int(sys.argv[4])):
        print("at", stage, done, flush=True)
        sys.stdin.readline()  # held here until the parent's SIGKILL

ingest([sys.argv[1]], store_dir=sys.argv[2], settings=Settings(), progress=progress)
"""
# A paragraph of the Quito release: appended to two updated files, it recurs in three releases and becomes
# boilerplate, so the unchanged Quito release is re-chunked by the update too.
QUITO_PARAGRAPH = ("During these two years, Brussels and Quito will examine which information can be exchanged, which "
                   "joint initiatives can be set up and how cooperation can be developed on various specific themes.")
QUITO_QUESTION = "Who signed the memorandum of understanding with Quito?"


def _kill_at(stage: str, done: int, corpus: Path, store_dir: Path) -> int:
    """Runs an ingest in a subprocess and SIGKILLs it when it reaches (stage, done); its exit status."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(KILLABLE), str(corpus), str(store_dir), stage,
                             str(done)], env=env, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    watchdog = threading.Timer(300, proc.kill)  # bounded: never waits for a run that does not get there
    watchdog.start()
    try:
        for line in proc.stdout:
            if line.startswith("at "):
                break
        proc.kill()  # SIGKILL, in the middle of the update
        return proc.wait()
    finally:
        watchdog.cancel()


def _counts(store: Store) -> dict[str, tuple[int, int]]:
    return {r.source: (len(store.chunks_of(r.id)), sum(c.boilerplate for c in store.chunks_of(r.id)))
            for r in store.releases()}


def test_sigkill_during_an_update_hides_no_release(tmp_path, embedder):
    from bot import Bot

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in FILES:
        shutil.copy(EVAL_CORPUS / name, corpus / name)
    shutil.copy(SEEDS / "003_cfea4ba6f28da855.txt", corpus / "zz-quito.txt")  # last in the write order
    before = tmp_path / "before"
    run(corpus, before, embedder)
    for i, name in enumerate(FILES):  # the update: every dev file changes, two of them share a Quito paragraph
        extra = f"\n\nA closing paragraph number {i} added by the update.\n" + (f"\n{QUITO_PARAGRAPH}\n" if i < 2 else "")
        (corpus / name).write_text((corpus / name).read_text(encoding="utf-8") + extra, encoding="utf-8")
    run(corpus, tmp_path / "clean", embedder)
    clean = _counts(open_store(tmp_path / "clean", embedder))
    assert clean["zz-quito.txt"][1] > 0  # the shared paragraph is boilerplate now
    for done in (1, 3, 5):
        store_dir = tmp_path / f"killed-{done}"
        shutil.copytree(before, store_dir)
        assert _kill_at("write", done, corpus, store_dir) == -signal.SIGKILL
        store = open_store(store_dir, embedder)
        assert {r.source for r in store.releases()} == set(FILES) | {"zz-quito.txt"}
        assert all(complete for _, _, complete in store.states().values()), done  # old or new, never partial
        bot = Bot(settings=Settings().replace(store_dir=store_dir), embedder=embedder)
        answer = bot.ask(QUITO_QUESTION)
        assert not answer.abstained and any(c.source == "zz-quito.txt" for c in answer.citations), answer.text
        report = run(corpus, store_dir, embedder)
        assert report.added == () and report.failed == () and "zz-quito.txt" in report.unchanged
        assert set(report.updated) <= set(FILES) and len(report.updated) == len(FILES) - done, report.updated
        assert _counts(open_store(store_dir, embedder)) == clean


def test_copies_under_other_names_are_duplicates_not_boilerplate(tmp_path, embedder):
    from bot import Bot

    copies = tmp_path / "copies"
    copies.mkdir()
    for path in sorted(EVAL_CORPUS.iterdir()):
        shutil.copy(path, copies / f"copy-of-{path.name}")
    plain = ingest([EVAL_CORPUS], store_dir=tmp_path / "plain", settings=Settings(), embedder=embedder)
    both = ingest([EVAL_CORPUS, copies], store_dir=tmp_path / "both", settings=Settings(), embedder=embedder)
    names = sorted(p.name for p in EVAL_CORPUS.iterdir())
    assert sorted(both.added) == sorted(plain.added) == names and both.failed == ()
    assert sorted((d.source, d.kept) for d in both.duplicates) == [(f"copy-of-{n}", n) for n in names]
    store = open_store(tmp_path / "both", embedder)
    assert _counts(store) == _counts(open_store(tmp_path / "plain", embedder))  # same chunks, same boilerplate
    assert all(r.copies == (f"copy-of-{r.source}",) for r in store.releases())
    answer = Bot(settings=Settings().replace(store_dir=tmp_path / "both"), embedder=embedder).ask(
        "Hoeveel Brusselse bedrijven namen deel aan de economische missie naar Japan in december 2022?")
    assert "61" in answer.text and [c.source for c in answer.citations][:1] == ["dev-05-japan-missie.txt"]
    again = ingest([EVAL_CORPUS, copies], store_dir=tmp_path / "both", settings=Settings(), embedder=embedder)
    assert (again.added, again.updated, again.removed, again.chunks_embedded) == ((), (), (), 0)
    (copies / "copy-of-dev-05-japan-missie.txt").unlink()
    fewer = ingest([EVAL_CORPUS, copies], store_dir=tmp_path / "both", settings=Settings(), embedder=embedder)
    assert fewer.removed == () and len(fewer.duplicates) == len(names) - 1 and fewer.chunks_embedded == 0
    japan = next(r for r in open_store(tmp_path / "both", embedder).releases() if r.source.startswith("dev-05"))
    assert japan.copies == ()


def test_near_copies_do_not_make_their_paragraphs_boilerplate(tmp_path, tmp_store_dir, embedder):
    body = (EVAL_CORPUS / "dev-03-singapore-mission.txt").read_text(encoding="utf-8")
    folder = tmp_path / "near"
    folder.mkdir()
    for i in range(3):  # the same release three times, each with its own closing line
        (folder / f"{i}.txt").write_text(f"{body}\n\nUpdated version {i}: a typo was corrected.\n", encoding="utf-8")
    run(folder, tmp_store_dir, embedder)
    store = open_store(tmp_store_dir, embedder)
    assert len(store.releases()) == 3
    assert not any(c.boilerplate and "Singapore" in c.text for c in store.chunks())

"""Incremental, crash-safe ingestion: files -> releases -> chunks -> vectors -> store."""
from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ingest.chunk import chunk_release, embedding_prefix
from ingest.clean import boilerplate_spans, find_boilerplate
from ingest.embed import Embedder
from ingest.errors import BadFileError
from ingest.catalog import key_counts
from ingest.load import SUPPORTED_SUFFIXES, load_file
from ingest.metadata.dossier import read_dossier
from ingest.metadata.facts import sentence_facts
from ingest.records import (Chunk, Duplicate, FileFailure, FileWarning, IngestReport, Release, SentenceFacts,
                            content_hash, release_id_for)
from ingest.terms import langs_for, text_keys
from ingest.settings import Settings
from ingest.store import Store, release_version

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
# Chunks embedded before their releases are written: large enough for full batches, small enough to keep
# the work lost to an interruption small.
_WRITE_GROUP = 256


@dataclass
class _Planned:
    release: Release
    status: str  # "added" | "updated" | "rechunked"
    fingerprint: str
    chunks: list[Chunk] = field(default_factory=list)
    facts: tuple[SentenceFacts, ...] = ()
    key_counts: dict[str, int] = field(default_factory=dict)
    sentence_keys: tuple[frozenset[str], ...] = ()
    texts: list[str] = field(default_factory=list)
    shas: list[str] = field(default_factory=list)


def ingest(paths: Sequence[str | Path] | None = None, *, store_dir: str | Path | None = None,
           settings: Settings | None = None, rebuild: bool = False, embedder: Embedder | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Makes the store mirror the files under `paths` (default: settings.corpus_dir); see IngestReport.

    Any error while loading, cleaning or chunking one file is that file's failure, reported with its reason; the
    run goes on, and if an earlier version of the file was stored, that version is kept.
    """
    started = time.perf_counter()
    settings = settings or Settings.from_env()
    roots = [Path(p) for p in paths] if paths else [settings.corpus_dir]
    embedder = embedder or Embedder(settings.embedding_model, settings.embed_batch_size, settings.embedding_backend)
    store = Store.open(Path(store_dir or settings.store_dir), embedder_name=embedder.name,
                       dimension=embedder.dimension, settings=settings, create=True, rebuild=rebuild)
    if converted := store.catalog.convert():
        log.info("sentences of %d releases converted to the packed encoding", converted)
    run = _Run(store, embedder, settings, progress or (lambda stage, done, total: None))
    return run.execute(roots, started)


class _Run:
    def __init__(self, store: Store, embedder: Embedder, settings: Settings, progress: Progress):
        self.store, self.embedder, self.settings, self.progress = store, embedder, settings, progress
        self.failed: list[FileFailure] = []
        self.warnings: list[FileWarning] = []
        self.embedded_chunks = self.embedded_tokens = self.written = 0

    def execute(self, roots: list[Path], started: float) -> IngestReport:
        files = self.walk(roots)
        current = self.load(files)  # release id -> (release, came from the store unchanged)
        current, duplicates = _deduplicate(current)
        complete_walk = all(root.exists() for root in roots)
        removed = [rid for rid in self.store.states() if rid not in current] if complete_walk else []
        copies = {d.source for d in duplicates}  # a copy stored by an earlier run leaves the store, listed as a copy
        removed_sources = [s for s in (self.store.release(rid).source for rid in removed) if s not in copies]
        for rid in removed:
            self.store.remove_release(rid)
            log.info("removed %s", rid)
        plan, unchanged = self.plan(current)
        self.write(plan)
        self.store.collect_garbage()
        self.store.refresh_keyword_index()
        by_status = {s: tuple(p.release.source for p in plan if p.status == s) for s in ("added", "updated", "rechunked")}
        return IngestReport(
            added=by_status["added"], updated=by_status["updated"],
            unchanged=tuple(sorted(unchanged + list(by_status["rechunked"]))), removed=tuple(sorted(removed_sources)),
            failed=tuple(self.failed), warnings=tuple(self.warnings), duplicates=tuple(duplicates),
            chunks_embedded=self.embedded_chunks,
            tokens_embedded=self.embedded_tokens, seconds=time.perf_counter() - started,
            extra={"rechunked": by_status["rechunked"], "store": str(self.store.directory),
                   "chunks": self.store.catalog.n_chunks(), "releases": self.store.catalog.count()},
        )

    def walk(self, roots: list[Path]) -> list[tuple[Path, Path]]:
        """(file, root it is relative to); folders recursively, hidden files and folders skipped."""
        files = []
        for root in roots:
            if root.is_file():
                files.append((root, root.parent))
            elif root.is_dir():
                found = (p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
                files += [(p, root) for p in found if not any(part.startswith(".") for part in p.relative_to(root).parts)]
            else:
                self.failed.append(FileFailure(str(root), "no such file or folder (nothing was removed from the store)"))
        return files

    def load(self, files: list[tuple[Path, Path]]) -> dict[str, tuple[Release, bool]]:
        states, current, max_bytes = self.store.states(), {}, int(self.settings.max_file_mb * 1_000_000)
        for done, (path, root) in enumerate(files, 1):
            source = _source(path, root)
            rid = release_id_for(source)
            if rid in current:
                self.failed.append(FileFailure(source, "another ingested folder has a file with this same relative path"))
                continue
            stored = self.store.release(rid) if rid in states else None
            try:
                if stored and states[rid][2] and path.stat().st_size <= max_bytes \
                        and content_hash(path.read_bytes()) == stored.content_hash:
                    current[rid] = (stored, True)  # same bytes: no need to parse the file again
                else:
                    loaded = load_file(path, root, max_bytes=max_bytes)
                    current[rid] = (loaded.release, False)
                    self.warnings += [FileWarning(source, message) for message in loaded.warnings]
            except Exception as error:  # noqa: BLE001 - whatever one file does, it fails alone
                self.fail(source, _reason(error), stored)
                if stored:
                    current[rid] = (stored, True)
            self.progress("load", done, len(files))
        return current

    def fail(self, source: str, reason: str, stored: Release | None) -> None:
        self.failed.append(FileFailure(source, reason + ("; the stored version is kept" if stored else "")))
        log.warning("cannot ingest %s: %s", source, reason)

    def plan(self, current: dict[str, tuple[Release, bool]]) -> tuple[list[_Planned], list[str]]:
        """What must be (re)chunked: new or changed files, and releases whose boilerplate changed."""
        boilerplate = find_boilerplate(release.text for release, _ in current.values())
        states, plan, unchanged = self.store.states(), [], []
        for rid, (release, from_store) in current.items():
            state = states.get(rid)
            try:
                spans = boilerplate_spans(release.text, boilerplate)
                made_from = [spans, list(release.copies)] if release.copies else spans  # copies: the record changes
                fingerprint = hashlib.sha256(json.dumps(made_from).encode()).hexdigest()[:16]
                if state and state[2] and state[1] == release_version(release.content_hash, fingerprint):
                    unchanged.append(release.source)
                    continue
                # Same bytes as stored: re-chunked (boilerplate moved, or an interrupted run), not "updated".
                same = from_store or (state is not None and self.store.release(rid).content_hash == release.content_hash)
                status = "added" if not state else ("rechunked" if same else "updated")
                item = _Planned(release, status, fingerprint)
                self.chunk(item, spans)
            except Exception as error:  # noqa: BLE001 - the file fails, its stored version (if any) stays
                self.fail(release.source, _reason(error), self.store.release(rid) if state else None)
                continue
            plan.append(item)
        return plan, unchanged

    def chunk(self, item: _Planned, spans: list[tuple[int, int]]) -> None:
        prefix = embedding_prefix(item.release)
        limit = self.embedder.max_tokens

        def fits(text: str) -> bool:
            # A word piece covers at least one character, so short texts fit without asking the tokenizer.
            return len(prefix) + len(text) + 2 <= limit or self.embedder.count_model_tokens(prefix + text) <= limit

        item.chunks = chunk_release(item.release, max_tokens=self.settings.chunk_tokens,
                                    overlap=self.settings.chunk_overlap, boilerplate_spans=spans, fits=fits)
        item.texts = [prefix + c.text for c in item.chunks]
        # What the reader needs of every sentence, computed once here rather than at every start of the bot.
        item.facts = sentence_facts(item.release, spans)
        # What it reports (events, roles, figures), read here so that a failure is this file's; the catalog reuses it.
        read_dossier(item.release, item.facts)
        langs = langs_for(item.release.lang)
        item.sentence_keys = tuple(text_keys(item.release.text[f.start:f.end], langs) for f in item.facts)
        item.key_counts = dict(key_counts(k for f, k in zip(item.facts, item.sentence_keys)
                                          if not f.has("boilerplate")))
        item.shas = [hashlib.sha256(t.encode()).hexdigest() for t in item.texts]

    def write(self, plan: list[_Planned]) -> None:
        """Embeds what no stored chunk already has a vector for, in groups, then writes release after release."""
        cache = self.store.cached_vectors({p.release.id for p in plan} & set(self.store.states()))
        total = len({s for p in plan for s in p.shas} - set(cache))
        group: list[_Planned] = []
        for index, item in enumerate(plan):
            group.append(item)
            pending = sum(1 for p in group for s in p.shas if s not in cache)
            if pending >= _WRITE_GROUP or index == len(plan) - 1:
                self.embed(group, cache, total)
                self.store.write_releases(
                    [(p.release, p.chunks, _stack([cache[s] for s in p.shas], self.embedder), p.shas, p.fingerprint,
                      p.facts, p.key_counts, p.sentence_keys) for p in group],
                    committed=lambda release: self.committed(release, len(plan)))
                group = []

    def committed(self, release: Release, total: int) -> None:
        self.written += 1
        log.info("stored %s", release.source)
        self.progress("write", self.written, total)

    def embed(self, group: list[_Planned], cache: dict, total: int) -> None:
        todo: dict[str, tuple[str, int]] = {}
        for p in group:
            for sha, text, chunk in zip(p.shas, p.texts, p.chunks):
                if sha not in cache:
                    todo.setdefault(sha, (text, chunk.tokens))
        if not todo:
            return
        base = self.embedded_chunks
        vectors = self.embedder.embed([text for text, _ in todo.values()],
                                      progress=lambda done, _: self.progress("embed", base + done, total))
        cache.update(zip(todo, vectors))
        self.embedded_chunks += len(todo)
        self.embedded_tokens += sum(tokens for _, tokens in todo.values())


def _source(path: Path, root: Path) -> str:
    # Same rule as ingest.load.load_release, so the release id computed here matches the loaded one.
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _deduplicate(current: dict[str, tuple[Release, bool]]) -> tuple[dict[str, tuple[Release, bool]], list[Duplicate]]:
    """Word-for-word copies (same title and text) are stored once: the first in walk order is kept and lists the
    others in Release.copies; the others are reported as duplicates."""
    first: dict[str, str] = {}
    copies: dict[str, list[str]] = {}
    duplicates: list[Duplicate] = []
    for rid, (release, _) in current.items():
        key = hashlib.sha256(" ".join(f"{release.title}\n{release.text}".casefold().split()).encode()).hexdigest()
        if key in first:
            kept = first[key]
            copies[kept].append(release.source)
            duplicates.append(Duplicate(release.source, current[kept][0].source))
        else:
            first[key], copies[rid] = rid, []
    kept = {}
    for rid in copies:
        release, from_store = current[rid]
        kept[rid] = (replace(release, copies=tuple(copies[rid])) if release.copies != tuple(copies[rid]) else release,
                     from_store)
    return kept, duplicates


def _reason(error: Exception) -> str:
    """A failure's reason in words: ours say what to do; anything else is named (the log has the traceback)."""
    if isinstance(error, BadFileError):
        return str(error)
    if isinstance(error, OSError):
        return f"cannot read the file ({error.strerror or error})"
    if isinstance(error, RecursionError):
        return "the file is nested too deeply to be read"
    log.error("unexpected error on one file", exc_info=error)
    return f"unexpected error while reading the file ({type(error).__name__}: {str(error)[:200]})"


def _stack(vectors: list, embedder: Embedder) -> np.ndarray:
    return np.stack(vectors) if vectors else np.zeros((0, embedder.dimension), dtype=np.float32)

"""Keyword snapshots: one segment over many releases, saved as memory-mapped arrays beside the catalog, and the
index a process searches: the snapshot without the releases that changed since it was written, plus those."""
from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from pathlib import Path

import numpy as np

from ingest.catalog import Catalog
from ingest.keyword import KeywordIndex, Segment

log = logging.getLogger(__name__)
_ARRAYS = ("terms", "offsets", "post_doc", "post_tf", "doc_release", "doc_chunk", "doc_len")
_CURRENT = "CURRENT"
COMPACT_MIN, COMPACT_SHARE = 64, 0.05  # the snapshot is rewritten once this many releases changed since


def current_index(directory: Path, catalog: Catalog) -> KeywordIndex:
    """The saved snapshot (memory-mapped), without the releases that changed since, plus those releases."""
    versions = catalog.versions()
    snapshot = load_snapshot(directory)
    parts, covered = [], {}
    if snapshot:
        segment, covered = snapshot
        parts.append((segment, [versions.get(r) == covered[r] for r in segment.releases]))
    newer = sorted(r for r, v in versions.items() if covered.get(r) != v)
    if newer:
        parts.append((Segment.build(catalog.postings(newer)), [True] * len(newer)))
    return KeywordIndex(parts)


def compact(directory: Path, catalog: Catalog, force: bool = False) -> bool:
    """Rewrites the snapshot when many releases changed since it was written (or when forced); True if it did."""
    versions = catalog.versions()
    snapshot = load_snapshot(directory)
    covered = snapshot[1] if snapshot else {}
    changed = {r for r, v in versions.items() if covered.get(r) != v} | (covered.keys() - versions.keys())
    if not force and len(changed) <= max(COMPACT_MIN, COMPACT_SHARE * len(versions)):
        return False
    ids = sorted(versions)
    log.info("writing the keyword snapshot of %d releases", len(ids))
    save_snapshot(directory, Segment.build(catalog.postings(ids)), versions)
    return True


def save_snapshot(directory: Path, segment: Segment, versions: dict[str, str]) -> None:
    """Written in a folder of its own, then named in CURRENT (atomically): a reader never sees half a snapshot."""
    directory = Path(directory)
    name = uuid.uuid4().hex[:12]
    folder = directory / name
    folder.mkdir(parents=True)
    for array in _ARRAYS:
        np.save(folder / f"{array}.npy", getattr(segment, array))
    (folder / "releases.json").write_text(json.dumps([[r, versions[r]] for r in segment.releases]), encoding="utf-8")
    staging = directory / (_CURRENT + ".tmp")
    staging.write_text(name, encoding="utf-8")
    os.replace(staging, directory / _CURRENT)
    for old in directory.iterdir():
        if old.is_dir() and old.name != name:
            shutil.rmtree(old, ignore_errors=True)  # readers that mapped its files keep them until they let go


def load_snapshot(directory: Path) -> tuple[Segment, dict[str, str]] | None:
    """The saved snapshot and the release versions it holds, or None when there is none or it is unreadable."""
    directory = Path(directory)
    for _ in range(3):  # a writer may replace it between reading CURRENT and opening its folder
        try:
            folder = directory / (directory / _CURRENT).read_text(encoding="utf-8").strip()
            pairs = json.loads((folder / "releases.json").read_text(encoding="utf-8"))
            arrays = {a: np.load(folder / f"{a}.npy", mmap_mode="r", allow_pickle=False) for a in _ARRAYS}
        except FileNotFoundError:
            if not (directory / _CURRENT).exists():
                return None
            continue
        except (OSError, ValueError) as error:
            log.warning("keyword snapshot in %s unreadable (%s); the index is rebuilt from the catalog", directory, error)
            return None
        return Segment(tuple(r for r, _ in pairs), **arrays), {r: v for r, v in pairs}
    return None

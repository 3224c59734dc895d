"""The catalog kept on a Chroma server, so that processes on several machines share one corpus: per release a small
row (its version: the commit marker) and its whole entry, plus a head token that every write changes. Each process
keeps a copy in its own catalog and pulls what changed when the head moves."""
from __future__ import annotations

import logging
import uuid

from ingest.catalog import Catalog
from ingest.entry import Entry

log = logging.getLogger(__name__)
PULL_PAGE = 200  # entries fetched per request


class Remote:
    """The catalog kept on a Chroma server: per release a small row (its version) and its whole entry, plus a head
    token that every write changes, so that other processes know when to look."""

    def __init__(self, url: str, releases, entries, heads):
        self.url, self._releases, self._entries, self._heads = url, releases, entries, heads
        self._seen: str | None = None

    def put(self, entry: Entry) -> None:
        rid = entry.release.id
        self._entries.upsert(ids=[rid], embeddings=[[1.0]], metadatas=[{"entry": entry.to_json()}])
        self._releases.upsert(ids=[rid], embeddings=[[1.0]], metadatas=[{"version": entry.version}])  # commit

    def delete(self, release_id: str) -> None:
        self._releases.delete(ids=[release_id])
        self._entries.delete(ids=[release_id])

    def bump(self) -> None:
        self._heads.upsert(ids=["head"], embeddings=[[1.0]], metadatas=[{"token": uuid.uuid4().hex}])

    def pull(self, catalog: Catalog) -> bool:
        """Copies into `catalog` what changed on the server since the last pull; True when anything did."""
        got = self._heads.get(ids=["head"], include=["metadatas"])
        head = got["metadatas"][0]["token"] if got["ids"] else ""
        if head == self._seen:
            return False
        listed = self._releases.get(include=["metadatas"])  # read after the head: a later write changes it again
        remote = {i: m["version"] for i, m in zip(listed["ids"], listed["metadatas"])}
        local = catalog.versions()
        for gone in local.keys() - remote.keys():
            catalog.delete(gone)
        wanted = sorted(r for r, v in remote.items() if local.get(r) != v)
        for at in range(0, len(wanted), PULL_PAGE):
            got = self._entries.get(ids=wanted[at:at + PULL_PAGE], include=["metadatas"])
            for metadata in got["metadatas"]:
                catalog.put(Entry.from_json(metadata["entry"]))
        if wanted:
            log.info("pulled %d release entries from %s", len(wanted), self.url)
        self._seen = head
        return bool(wanted) or bool(local.keys() - remote.keys())

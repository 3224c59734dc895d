"""Chroma, behind one module (the only one importing chromadb): clients of a store's files or of a Chroma server,
its collections checked against the store's settings, and its errors turned into the store's own."""
from __future__ import annotations

from pathlib import Path

import chromadb
import chromadb.errors
import httpx
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings

from ingest.errors import StoreChangedError, StoreUnavailableError
from ingest.layout import check_part


def server_client(url: str):
    """A client of the Chroma server at `url`, after a heartbeat (unreachable: a TransportError, which `call`
    names)."""
    parsed = httpx.URL(url)
    httpx.get(f"{url.rstrip('/')}/api/v2/heartbeat", timeout=10)
    return chromadb.HttpClient(host=parsed.host, port=parsed.port or (443 if parsed.scheme == "https" else 80),
                               ssl=parsed.scheme == "https", settings=ChromaSettings(anonymized_telemetry=False))


def local_client(path: Path):
    """A client of the Chroma files in `path` as they are now. Chroma shares one System per folder within a process,
    and that System keeps the vector index it loaded in memory, blind to rows another process wrote or deleted since
    (missed chunks, or an InternalError on rows that are gone); so every opening starts a System of its own (the
    clients opened earlier keep theirs until they are dropped)."""
    SharedSystemClient._identifier_to_system.pop(str(path), None)
    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def collection_of(client, name: str, hnsw: dict, store_id: str | None, where: str):
    # embedding_function=None: we always pass our own vectors; Chroma's default would download a model.
    collection = client.get_or_create_collection(name, configuration={"hnsw": hnsw}, embedding_function=None,
                                                 metadata={"store_id": store_id} if store_id else None)
    # configuration_json: the parsed .configuration warns about the (deliberately absent) embedding function.
    found = {key: (collection.configuration_json.get("hnsw") or {}).get(key) for key in hnsw}
    if store_id:
        found["store_id"] = (collection.metadata or {}).get("store_id")
    check_part(found, {**hnsw, **({"store_id": store_id} if store_id else {})}, where)
    return collection


def collection_names(client) -> set[str]:
    return {c.name if hasattr(c, "name") else c for c in client.list_collections()}


def call(fn, what: str):
    """Runs a Chroma call; a server that cannot be reached, or a collection that another process deleted or rewrote
    under this one (a rebuild: Chroma's NotFoundError, or its InternalError on segment files that are gone), is our
    own error, naming it."""
    try:
        return fn()
    except (httpx.TransportError, ConnectionError) as error:
        raise StoreUnavailableError(f"Cannot reach {what} ({type(error).__name__}); answers resume when it is "
                                    "back (start it with `chroma run --path DIR --port PORT`).") from None
    except (chromadb.errors.NotFoundError, chromadb.errors.InternalError) as error:
        raise StoreChangedError(f"The Chroma collection of {what} changed under this process "
                                f"({type(error).__name__}: another process rebuilt or rewrote it); open the store "
                                "again.") from error

"""Turns a folder of press releases into a searchable store (Chroma vectors + BM25 keywords).

Example:
    >>> from ingest import ingest
    >>> report = ingest(["docs_corpus"], store_dir=".bxlbot/store")
    >>> print(report.summary())
"""
from ingest.records import Chunk, Duplicate, FileFailure, FileWarning, IngestReport, PartialDate, Release
from ingest.settings import Settings

__all__ = ["Chunk", "Duplicate", "FileFailure", "FileWarning", "IngestReport", "PartialDate", "Release", "Settings", "ingest"]


def __getattr__(name):
    # Imported lazily: the pipeline pulls in torch and chromadb, which the records do not need.
    if name == "ingest":
        from ingest.pipeline import ingest

        return ingest
    raise AttributeError(name)

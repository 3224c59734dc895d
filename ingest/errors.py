"""Our own exception types, so callers never match a third-party error's text."""


class IngestError(Exception):
    """Base class for errors raised by the ingest package."""


class SettingsError(IngestError):
    """A setting has a value that cannot work; the message names the variable and the fix."""


class BadFileError(IngestError):
    """One file cannot become a Release (empty, binary, undecodable, too large, broken PDF)."""


class StoreMismatchError(IngestError):
    """The store was built with other settings (model, chunk size, schema); the message says how to rebuild."""


class StoreMissingError(IngestError):
    """No store where one was expected; the message says how to build it."""


class StoreCorruptError(IngestError):
    """The store folder holds something that is not a readable store of ours; the message names it and the fix."""


class StoreUnavailableError(IngestError):
    """The Chroma server cannot be reached; the message names it (the store works again once it is back)."""


class StoreChangedError(IngestError):
    """The store was rebuilt (or replaced) by another process while this one had it open: reopen it to read the
    new one."""

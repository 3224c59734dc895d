"""Errors of the answering side, with messages a user can act on."""


class BotError(Exception):
    """Base class for errors raised by the bot package."""


class BadQuestionError(BotError, ValueError):
    """The question (or its history) cannot be answered as given: empty, too long, malformed."""


class BackendError(BotError):
    """The configured answer backend (an LLM) cannot be built or used; the message names the setting to change."""


class UnavailableError(BotError):
    """The store cannot be reached (a Chroma server that is down), or changed again while it was being opened anew
    after a rebuild; answers resume when it is back."""

"""The web product: Gradio chat page, HTTP API and source pages for one Bot.

Example:
    >>> from bot import build_bot
    >>> from web import create_app
    >>> app = create_app(build_bot(settings), settings)   # an ASGI app for uvicorn
"""
__all__ = ["create_app"]


def __getattr__(name):
    # Imported lazily: gradio is slow to import and the render helpers do not need it.
    if name == "create_app":
        from web.server import create_app

        return create_app
    raise AttributeError(name)

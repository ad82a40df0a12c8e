"""The web UI and JSON API (``newsbrief serve``); needs the ``web`` extra."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(db_path: str, **options: Any) -> Any:
    """The ASGI app over the store at ``db_path`` (see :func:`newsbrief.web.app.create_app`)."""
    from newsbrief._imports import require

    require("fastapi", "web", "the web server")
    require("jinja2", "web", "the web server")
    from newsbrief.web.app import create_app as build

    return build(db_path, **options)

"""``newsbrief serve``: the web UI and JSON API over the story store."""

from __future__ import annotations

import argparse
import logging

from newsbrief.commands._store import add_db_flag, store_settings

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` command."""
    p = sub.add_parser(
        "serve",
        help="serve the stories as web pages and a JSON API (OpenAPI at /openapi.json)",
        description="Serve the story store read-only: story list, story pages with cited "
        "briefings, report pages, and the JSON API under /api.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    add_db_flag(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the app and run it under uvicorn until interrupted."""
    from newsbrief._imports import require
    from newsbrief.web import create_app

    uvicorn = require("uvicorn", "web", "newsbrief serve")
    settings, path = store_settings(args)
    app = create_app(path, settings=settings)
    log.info("serving %s on http://%s:%d/", path, args.host, args.port)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
        timeout_keep_alive=5,
    )
    return 0

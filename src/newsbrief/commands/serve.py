"""``newsbrief serve``: the web UI and JSON API over the story store."""

from __future__ import annotations

import argparse
import logging
import threading
from typing import TYPE_CHECKING, Any

from newsbrief.commands._store import add_db_flag, store_settings

if TYPE_CHECKING:
    from newsbrief.config import Settings

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
    p.add_argument(
        "--write-token",
        metavar="TOKEN",
        help="token that changes (following feeds) need; required beyond loopback, where one "
        "is made up and logged when not given",
    )
    p.add_argument(
        "--watch",
        action="store_true",
        help="also poll the followed feeds in the background (as 'newsbrief watch')",
    )
    add_db_flag(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the app and run it under uvicorn until interrupted."""
    from newsbrief._imports import require
    from newsbrief.web import create_app

    uvicorn = require("uvicorn", "web", "newsbrief serve")
    settings, path = store_settings(args)
    token = args.write_token or None
    if token is None and not _loopback(args.host):
        from newsbrief.web.writes import new_secret

        token = new_secret()
        log.warning("listening beyond loopback: changes need the write token %s", token)
    app = create_app(path, settings=settings, write_token=token)
    log.info("serving %s on http://%s:%d/", path, args.host, args.port)
    stop = _start_watch(path, settings) if args.watch else None
    try:
        _serve(uvicorn, app, args)
    finally:
        if stop is not None:
            stop.set()
    return 0


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _start_watch(path: str, settings: Settings) -> threading.Event:
    """Poll the feeds on a background thread until the returned event is set."""
    from newsbrief.store import Store
    from newsbrief.watch import watch

    Store.open(path).close()  # create and migrate the store before the server reads it
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(path, settings), kwargs={"stop": stop}, daemon=True, name="watch"
    )
    thread.start()
    return stop


def _serve(uvicorn: Any, app: Any, args: argparse.Namespace) -> None:
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=3,  # open event streams must not hold Ctrl-C
    )

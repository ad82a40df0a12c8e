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

HEADER_TIMEOUT_S = 10.0  # a client must send its request line and headers within this
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0-65535, got {port}")
    return port


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` command."""
    p = sub.add_parser(
        "serve",
        help="serve the stories as web pages and a JSON API (OpenAPI at /openapi.json)",
        description="Serve the story store read-only: story list, story pages with cited "
        "briefings, report pages, and the JSON API under /api. Requests must name this "
        "server in their Host header (localhost, the --host address, or an --allow-host).",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8080, help="port (default 8080)")
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests for this Host name (repeatable); on a wildcard --host "
        "such as 0.0.0.0 without any, every Host is answered",
    )
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


def allowed_hosts(host: str, extra: list[str]) -> set[str] | None:
    """The Host names to answer: loopback names, the bound address and ``extra``; None
    (any) on a wildcard address with no ``extra`` given."""
    from newsbrief.web.security import LOOPBACK_HOSTS

    if host in WILDCARD_HOSTS and not extra:
        log.warning("listening on %s: any Host header is answered (use --allow-host)", host)
        return None
    return {*LOOPBACK_HOSTS, host.strip("[]").lower(), *(h.lower() for h in extra)}


def run(args: argparse.Namespace) -> int:
    """Build the app and run it under uvicorn until interrupted."""
    from newsbrief._imports import require
    from newsbrief.errors import ConfigError
    from newsbrief.web import create_app

    uvicorn = require("uvicorn", "web", "newsbrief serve")
    settings, path = store_settings(args)
    check_address(args.host, args.port)
    token = args.write_token or None
    if token is None and not _loopback(args.host):
        from newsbrief.web.writes import new_secret

        token = new_secret()
        log.warning("listening beyond loopback: changes need the write token %s", token)
    app = create_app(
        path,
        settings=settings,
        allowed_hosts=allowed_hosts(args.host, args.allow_host),
        write_token=token,
    )
    log.info("serving %s on http://%s:%d/", path, args.host, args.port)
    stop = _start_watch(path, settings) if args.watch else None
    try:
        _serve(uvicorn, app, args)
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}"
        ) from exc
    finally:
        if stop is not None:
            stop.set()
    return 0


def check_address(host: str, port: int) -> None:
    """Fail with one clear line, before the server starts, when it could not listen."""
    import socket

    from newsbrief.errors import ConfigError

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM
        )[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(f"--host {host}: not an address to listen on ({exc})") from exc
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def header_timeout_protocol(timeout: float = HEADER_TIMEOUT_S) -> Any:
    """uvicorn's h11 protocol, closing connections that do not send a complete request head
    within ``timeout`` seconds (a slow client must not hold a socket forever)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm_header_timer()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm_header_timer()  # the next request on this connection, too

        def connection_lost(self, exc: Exception | None) -> None:
            timer = getattr(self, "_header_timer", None)
            if timer is not None:
                timer.cancel()
            super().connection_lost(exc)

        def _arm_header_timer(self) -> None:
            waiting_for = self.cycle
            timer = getattr(self, "_header_timer", None)
            if timer is not None:
                timer.cancel()

            def expire() -> None:
                # No new request head parsed since the timer started: drop the connection.
                if self.cycle is waiting_for and not self.transport.is_closing():
                    self.transport.close()

            self._header_timer = self.loop.call_later(timeout, expire)

    return HeaderTimeoutProtocol


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
        http=header_timeout_protocol(),
    )

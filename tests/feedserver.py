"""A local feed site for tests and benchmarks: a threaded HTTP server on loopback.

Each path answers as its :class:`Route` says (body, status, validators, delays,
redirects), and routes can be changed between polls. The server counts requests per
path and the most requests it ever served at once per path, so tests can check
conditional GETs and politeness without timing anything.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

MAX_DELAY = 5.0  # no route may hold a request longer than this
MAX_REQUESTS = 20_000  # a runaway poller gets 503s past this


@dataclass(slots=True)
class Route:
    """How one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before answering
    redirect: str | None = None  # Location of a redirect
    redirect_status: int = 301
    declared_length: int | None = None  # a Content-Length to announce instead of the real one
    stream: bool = False  # no Content-Length: the body ends when the connection closes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Item:
    """One RSS item."""

    guid: str | None
    title: str
    text: str
    link: str | None = None
    date: str | None = "Tue, 10 Aug 2021 09:00:00 GMT"
    content: bool = True  # full text in content:encoded (else only a description)


def rss(title: str, items: list[Item]) -> bytes:
    """An RSS 2.0 document."""
    parts = []
    for it in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(it.title)}</title>")
        if it.guid:
            parts.append(f"<guid isPermaLink='false'>{escape(it.guid)}</guid>")
        if it.link:
            parts.append(f"<link>{escape(it.link)}</link>")
        if it.date:
            parts.append(f"<pubDate>{it.date}</pubDate>")
        if it.content:
            body = "".join(f"<p>{escape(p)}</p>" for p in it.text.split("\n\n"))
            parts.append(f"<content:encoded><![CDATA[{body}]]></content:encoded>")
        else:
            parts.append(f"<description>{escape(it.text)}</description>")
        parts.append("</item>")
    return (
        "<?xml version='1.0' encoding='utf-8'?>"
        "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
        f"<channel><title>{escape(title)}</title><link>http://example.org/</link>"
        f"<description>test feed</description>{''.join(parts)}</channel></rss>"
    ).encode()


def article_page(title: str, text: str) -> bytes:
    """An HTML article page the page reader can extract."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Copyright</footer></body></html>"
    ).encode()


def http_date(epoch: float) -> str:
    """An RFC 1123 date, as Last-Modified carries it."""
    import datetime as dt

    return format_datetime(dt.datetime.fromtimestamp(epoch, dt.UTC), usegmt=True)


class FeedSite:
    """Routes by path, and what the server saw."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()  # requests that carried a validator
        self.most_at_once: Counter[str] = Counter()
        self._active: Counter[str] = Counter()
        self.busy = 0  # requests being served now, all paths
        self.most_busy = 0  # the most ever served at once, all paths
        self._lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def enter(self, path: str, conditional: bool) -> None:
        with self._lock:
            self.requests[path] += 1
            self.conditional[path] += int(conditional)
            self._active[path] += 1
            self.most_at_once[path] = max(self.most_at_once[path], self._active[path])
            self.busy += 1
            self.most_busy = max(self.most_busy, self.busy)

    def leave(self, path: str) -> None:
        with self._lock:
            self._active[path] -= 1
            self.busy -= 1

    @property
    def total(self) -> int:
        return sum(self.requests.values())


def _handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            none_match = self.headers.get("If-None-Match")
            since = self.headers.get("If-Modified-Since")
            site.enter(path, bool(none_match or since))
            try:
                self._answer(path, none_match, since)
            finally:
                site.leave(path)

        def _answer(self, path: str, none_match: str | None, since: str | None) -> None:
            route = site.routes.get(path)
            if site.total > MAX_REQUESTS or route is None:
                self._send(503 if route else 404, b"no", "text/plain", {})
                return
            if route.delay:
                time.sleep(min(route.delay, MAX_DELAY))
            if route.redirect:
                self._send(route.redirect_status, b"", "text/plain", {"Location": route.redirect})
                return
            validators = {}
            if route.etag:
                validators["ETag"] = route.etag
            if route.last_modified:
                validators["Last-Modified"] = route.last_modified
            fresh = (route.etag and none_match == route.etag) or (
                route.last_modified and since == route.last_modified and not route.etag
            )
            if fresh and route.status == 200:
                self._send(304, b"", None, validators)
                return
            self._send(
                route.status, route.body, route.content_type, {**validators, **route.headers}, route
            )

        def _send(
            self,
            status: int,
            body: bytes,
            content_type: str | None,
            headers: dict[str, str],
            route: Route | None = None,
        ) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            if route is not None and route.stream:
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                for start in range(0, len(body), 65536):
                    self.wfile.write(body[start : start + 65536])
                return
            length = route.declared_length if route and route.declared_length else len(body)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            if status != 304:
                self.wfile.write(body[:length])

    return Handler


@contextmanager
def serve(site: FeedSite, host: str = "127.0.0.1") -> Iterator[FeedSite]:
    """Serve ``site`` on a free port of a loopback address until the block ends."""
    server = ThreadingHTTPServer((host, 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def event_item(
    event: str, k: int, *, guid: str | None = "", link: str | None = "", **kw: object
) -> Item:
    """Article ``k`` of a made-up event (``storydata``) as an RSS item."""
    import storydata

    a = storydata.article(event, k)
    return Item(
        guid=f"{event}-{k}" if guid == "" else guid,
        title=str(a["title"]),
        text=str(a["text"]),
        link=f"https://news.example/{event}/{k}" if link == "" else link,
        **kw,  # type: ignore[arg-type]
    )

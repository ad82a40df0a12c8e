"""Polite HTTP for feeds and article pages, through httpx.

- One request at a time per host, and at least ``feed_host_interval`` seconds
  between the end of one and the start of the next (:class:`HostGate`).
- Conditional GET: the stored ETag / Last-Modified go out as ``If-None-Match`` /
  ``If-Modified-Since``; a 304 comes back as a :class:`Response` with no body.
- A total time limit per request (``feed_timeout``), so a server that dribbles
  bytes cannot hold a poll forever, and a size limit (``feed_max_bytes``) on the
  decoded body, so neither a huge feed nor a compression bomb is ever held whole.
- Retries with doubling waits on timeouts, connection errors, 429 and 5xx
  (``Retry-After`` honoured up to a cap); at most ``feed_max_redirects`` redirects.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsbrief import __version__
from newsbrief._imports import require
from newsbrief.config import Settings
from newsbrief.errors import InputError, NewsbriefError

log = logging.getLogger(__name__)

USER_AGENT = f"newsbrief/{__version__} (feed reader; +https://pypi.org/project/newsbrief/)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds; a longer Retry-After fails this poll and waits for the next
PERMANENT = frozenset({301, 308})


class FetchError(NewsbriefError):
    """A feed or page could not be fetched; ``http_status`` is the status when one came."""

    status = 502  # as a web error: the upstream server failed

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem
        self.http_status = status


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body (empty for 304 Not Modified) and the validators that came with it."""

    url: str  # the address finally answered, after redirects
    status: int
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    moved_to: str | None = None  # the new address when every redirect was permanent

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional GET."""
        return self.status == 304

    def text(self) -> str:
        """The body decoded with the charset the server named (UTF-8 otherwise)."""
        charset = "utf-8"
        for part in (self.content_type or "").split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                charset = value.strip("\"' ")
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def check_url(url: str) -> str:
    """The URL stripped, or an :class:`InputError` when it is not http(s) with a host."""
    clean = url.strip()
    parts = urlsplit(clean)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(clean or repr(url), "not an http(s) URL with a host")
    return clean


class HostGate:
    """One request at a time per host, with a minimum pause between two requests."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Wait for this host's turn; the block is the only request to it meanwhile."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            last = self._last.get(host)
            if last is not None:
                wait = last + self.interval - self.clock()
                if wait > 0:
                    self.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = self.clock()


class Fetcher:
    """GETs feeds and pages politely; one per poll round, shared by its threads."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        backoff: float = 1.0,
        transport: Any = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        httpx = require("httpx", "web", "polling feeds")
        self.settings = settings or Settings()
        self.backoff = backoff
        self.sleep = sleep
        self.gate = HostGate(self.settings.feed_host_interval, sleep=sleep)
        timeout = self.settings.feed_timeout
        self.client = httpx.Client(
            follow_redirects=True,
            max_redirects=self.settings.feed_max_redirects,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers={"User-Agent": USER_AGENT},
            transport=transport,
        )
        self._httpx = httpx

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
        "text/xml;q=0.9, */*;q=0.5",
    ) -> Response:
        """GET ``url`` (conditionally when validators are given), retrying transient failures."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).hostname or ""
        attempts = 1 + max(0, self.settings.feed_retries)
        for attempt in range(attempts):
            retry_after: float | None = None
            try:
                with self.gate.turn(host):
                    return self._once(url, headers)
            except _Retryable as exc:
                if attempt + 1 == attempts:
                    raise exc.error from None
                retry_after = exc.retry_after
                wait = self.backoff * 2**attempt if retry_after is None else retry_after
                log.info("%s; retrying in %.1f s", exc.error, wait)
                self.sleep(wait)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        httpx = self._httpx
        limit = self.settings.feed_max_bytes
        deadline = time.monotonic() + self.settings.feed_timeout
        try:
            with self.client.stream("GET", url, headers=headers) as answer:
                status = answer.status_code
                if status in RETRY_STATUSES:
                    raise _Retryable(
                        FetchError(url, f"HTTP {status} {answer.reason_phrase}", status),
                        _retry_after(answer.headers.get("retry-after")),
                    )
                if status == 304:
                    return _response(url, answer, b"")
                if status >= 400:
                    raise FetchError(url, f"HTTP {status} {answer.reason_phrase}", status)
                declared = answer.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchError(url, f"body of {int(declared):,} bytes is over {limit:,}")
                chunks, size = [], 0
                for chunk in answer.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(url, f"body is over {limit:,} bytes; stopped reading")
                    if time.monotonic() > deadline:
                        raise _Retryable(FetchError(url, "too slow: timed out reading the body"))
                    chunks.append(chunk)
                return _response(url, answer, b"".join(chunks))
        except httpx.TooManyRedirects as exc:
            most = self.settings.feed_max_redirects
            raise FetchError(url, f"more than {most} redirects") from exc
        except httpx.TimeoutException as exc:
            raise _Retryable(FetchError(url, f"timed out ({exc.__class__.__name__})")) from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise FetchError(url, f"cannot follow this address ({exc})") from exc
        except httpx.TransportError as exc:
            raise _Retryable(FetchError(url, f"connection failed ({exc})")) from exc
        except httpx.DecodingError as exc:
            raise FetchError(url, f"body could not be decoded ({exc})") from exc


class _Retryable(Exception):
    def __init__(self, error: FetchError, retry_after: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (seconds or an HTTP date), capped; None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _response(url: str, answer: Any, body: bytes) -> Response:
    history = list(answer.history)
    moved = None
    if history and all(h.status_code in PERMANENT for h in history):
        moved = str(answer.url)
    return Response(
        url=str(answer.url),
        status=answer.status_code,
        body=body,
        etag=answer.headers.get("etag"),
        last_modified=answer.headers.get("last-modified"),
        content_type=answer.headers.get("content-type"),
        moved_to=moved,
    )

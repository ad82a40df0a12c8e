"""Request limits and security headers, as plain ASGI middleware (outermost layer).

- Bodies over ``max_body`` bytes are refused with 413, whether announced by
  ``Content-Length`` or streamed; request targets over ``max_target`` with 414.
- A request whose ``Host`` is not on the allow-list is refused with 400, so a page on
  another site cannot read the local API through DNS rebinding.
- Every response carries a strict Content-Security-Policy (scripts and styles
  only from this origin's ``/static``: no inline script, no inline style, no
  third party), ``nosniff``, no framing and no referrer.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class BodyTooLarge(Exception):
    """Raised inside ``receive`` when a streamed body passes the limit."""


def error_body(status: int, message: str) -> bytes:
    """The one error shape of the API: ``{"error": {"status", "message"}}``."""
    return json.dumps({"error": {"status": status, "message": message}}).encode("utf-8")


class GuardMiddleware:
    """Size limits on the way in, security headers on the way out."""

    def __init__(
        self,
        app: ASGIApp,
        max_body: int = 64 * 1024,
        max_target: int = 4096,
        allowed_hosts: Collection[str] | None = None,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_target = max_target
        # None: any Host (the app is reached through a proxy or a wildcard address).
        self.allowed_hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = host_name(scope)
        # No Host at all (HTTP/1.0, a health probe) is no browser, so no rebinding risk.
        if self.allowed_hosts is not None and host is not None and host not in self.allowed_hosts:
            await _reject(send, 400, "this server does not answer for that Host header")
            return
        target = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if target > self.max_target:
            await _reject(send, 414, f"request target over {self.max_target} bytes")
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _reject(send, 413, f"request body over {self.max_body} bytes")
            return
        if declared is None and _has_header(scope, b"transfer-encoding"):
            # A streamed body of unknown size: read it here (at most max_body bytes are
            # ever held) so that it is refused even where the app would never read it.
            buffered = await _read_limited(receive, self.max_body)
            if buffered is None:
                await _reject(send, 413, f"request body over {self.max_body} bytes")
                return
            receive = _replay(buffered, receive)
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if h[0] not in _OURS]
                message["headers"] = [*headers, *HEADERS]
            await send(message)

        received = 0

        async def guarded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except BodyTooLarge:
            if not started:
                await _reject(send, 413, f"request body over {self.max_body} bytes")


_OURS = {name for name, _ in HEADERS}
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def host_name(scope: Scope) -> str | None:
    """The ``Host`` header without its port, lower-cased (``[::1]:8080`` -> ``::1``);
    None when the request has none."""
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):
                return host[1:].partition("]")[0]
            return host.rpartition(":")[0] if host.count(":") == 1 else host
    return None


def _has_header(scope: Scope, name: bytes) -> bool:
    return any(key == name for key, _ in scope.get("headers", []))


async def _read_limited(receive: Receive, limit: int) -> list[Message] | None:
    """Every body message of the request, or None once they pass ``limit`` bytes."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages
        size += len(message.get("body", b""))
        if size > limit:
            return None
        if not message.get("more_body", False):
            return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that gives the buffered messages first, then the real ones."""
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _reject(send: Send, status: int, message: str) -> None:
    body = error_body(status, message)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})

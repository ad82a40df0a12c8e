"""Guards for the few routes that change data (following and dropping feeds).

- **Cross-site requests**: a change must come from this site. A browser's
  ``Sec-Fetch-Site: cross-site`` or an ``Origin`` naming another host is refused, and
  an HTML form must carry the app's CSRF token (random per server start, only ever
  written into pages of this origin, which no other site can read). JSON API calls
  need ``Content-Type: application/json``, which no cross-site form can send
  without a CORS preflight this app never grants.
- **Token**: when ``serve`` listens beyond loopback, every change also needs the
  write token (``Authorization: Bearer …`` or the form's token field).

Failures raise :class:`Forbidden` (403), shown in the app's one error shape.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

from newsbrief.errors import NewsbriefError

MAX_FORM_FIELDS = 20


class Forbidden(NewsbriefError):
    """A change refused: cross-site, no CSRF token, or no write token."""

    status = 403


class BadForm(NewsbriefError):
    """A form or JSON body that cannot be read."""

    status = 400


def new_secret() -> str:
    """A fresh random token (CSRF or write token)."""
    return secrets.token_urlsafe(24)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


def check_origin(headers: Any) -> None:
    """Refuse a request a browser marks as cross-site, or whose Origin is another host."""
    if headers.get("sec-fetch-site") == "cross-site":
        raise Forbidden("cross-site requests may not change data")
    origin = headers.get("origin")
    if origin and origin != "null":
        if urlsplit(origin).netloc != headers.get("host"):
            raise Forbidden(f"requests from {origin} may not change data")
    elif origin == "null":
        raise Forbidden("requests from an opaque origin may not change data")


def check_write(
    headers: Any,
    state: Any,
    *,
    form: dict[str, str] | None = None,
    api: bool = False,
    body: bool = True,
) -> None:
    """All the checks for one change: origin, CSRF (forms) or JSON (API), and the token.

    ``body=False`` for an API call without a body (DELETE: browsers preflight it anyway).
    """
    check_origin(headers)
    if api:
        if body and not (headers.get("content-type") or "").startswith("application/json"):
            raise Forbidden("API changes need Content-Type: application/json")
    elif not _same((form or {}).get("csrf"), state.csrf_token):
        raise Forbidden("the form is stale or not from this site; reload the page and retry")
    token = getattr(state, "write_token", None)
    if token:
        bearer = (headers.get("authorization") or "").removeprefix("Bearer ").strip()
        given = bearer or (form or {}).get("token", "")
        if not _same(given, token):
            raise Forbidden("this server needs its write token for changes (see 'serve' output)")


def read_form(body: bytes) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body as single values."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadForm("the form is not UTF-8") from exc
    try:
        fields = parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except ValueError as exc:
        raise BadForm(f"the form has more than {MAX_FORM_FIELDS} fields") from exc
    return {name: values[0] for name, values in fields.items() if values}

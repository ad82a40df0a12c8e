"""Small formatting helpers shared by the pages: relative times, safe links."""

from __future__ import annotations

import datetime as dt


def ago(when: dt.datetime | None, now: dt.datetime) -> str:
    """``just now``, ``5 min ago``, ``3 h ago``, ``2 days ago``; ``never`` for None."""
    if when is None:
        return "never"
    seconds = max(0, int((now - when).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 48 * 3600:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s); never a ``javascript:`` or ``data:`` link from a feed."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None

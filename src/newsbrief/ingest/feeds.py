"""RSS and Atom feeds: one :class:`Document` per entry, through feedparser.

Entry bodies are HTML fragments. A long body goes through the page reader
(:func:`newsbrief.ingest.html.parse_html`, trafilatura); a short one, which
trafilatura often judges too thin to be an article, is flattened to text with
lxml. Dates come from the entry's published (else updated) time.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from typing import Any

from newsbrief._imports import require
from newsbrief.errors import InputError
from newsbrief.ingest.html import parse_html
from newsbrief.ingest.kind import detect_kind
from newsbrief.ingest.text import require_readable
from newsbrief.models import Document

log = logging.getLogger(__name__)

FEED_SUFFIXES = {".xml", ".rss", ".atom", ".feed"}
PAGE_READER_CHARS = 2000  # bodies at least this long are read as article pages
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def parse_feed(data: bytes, origin: str, stem: str) -> Iterator[Document | InputError]:
    """Entries of an RSS/Atom feed as documents; a bad entry yields an :class:`InputError`."""
    feedparser = require("feedparser", "stream", "reading RSS/Atom feeds")
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else None
        problem = f"not a readable RSS/Atom feed ({reason})" if reason else "feed has no entries"
        yield InputError(origin, problem)
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        where = f"{origin} entry {number}"
        try:
            yield entry_document(entry, where, f"{stem}-{number}", outlet)
        except InputError as exc:
            yield exc


def entry_document(entry: Any, where: str, default_id: str, outlet: str | None) -> Document:
    """One feed entry as a :class:`Document`."""
    body = _entry_body(entry)
    if not body.strip():
        raise InputError(where, "entry has no text (no content or summary)")
    text = _body_text(body, where)
    if not text.strip():
        raise InputError(where, "entry has no text after removing markup")
    require_readable(text, where)
    title = (entry.get("title") or "").strip() or None
    return Document(
        id=str(entry.get("id") or entry.get("link") or default_id),
        text=text,
        date=_entry_date(entry),
        title=title,
        kind=detect_kind(text),
        origin=where,
        outlet=outlet,
        url=entry.get("link") or None,
    )


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value") or "" for c in contents if isinstance(c, dict)]
    longest = max(values, key=len, default="")
    summary = entry.get("summary") or ""
    return longest if len(longest) >= len(summary) else summary


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue  # an impossible date: try the next one, else undated
    return None


def _body_text(body: str, where: str) -> str:
    if "<" not in body:
        return body.strip()
    if len(body) >= PAGE_READER_CHARS:
        try:
            return parse_html(body, "entry", where).text
        except InputError:
            log.debug("%s: page reader found no article; flattening the markup", where)
    return html_fragment_text(body)


def html_fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment, blocks separated by blank lines."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several parser errors on broken markup
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    lines = (" ".join(part.split()) for part in root.text_content().split("\n\n"))
    return "\n\n".join(line for line in lines if line)

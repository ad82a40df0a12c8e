"""A fetched feed as entries: each with the keys that identify it and its document.

Pure functions: bytes in, records out. An entry is known by its guid and its link
(``id:…``, ``url:…``), or by a hash of its text when it has neither, so a feed that
re-lists an entry, or changes its guid but not its link, never stores it twice.
Reports with the same text under other keys are caught later by the store's content
hash.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urldefrag

from newsbrief._imports import require
from newsbrief.errors import InputError
from newsbrief.ingest.feeds import PAGE_READER_CHARS, entry_document
from newsbrief.models import Document
from newsbrief.store.dedup import content_hash

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed: its keys, and its document or the reason it has none."""

    keys: tuple[str, ...]
    document: Document | None
    problem: InputError | None = None
    link: str | None = None
    summary_only: bool = False  # no full content: the article page is worth fetching


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title and entries, in feed order."""

    title: str | None
    entries: tuple[FeedEntry, ...]


def read_feed(data: bytes, url: str, today: dt.date) -> ParsedFeed:
    """Parse RSS/Atom bytes; a body that is no feed raises :class:`InputError`.

    An entry without a date is dated ``today`` (the day it was first seen).
    """
    feedparser = require("feedparser", "stream", "reading RSS/Atom feeds")
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if not entries and (parsed.get("bozo") or not version):
        reason = parsed.get("bozo_exception") or "no RSS or Atom document"
        raise InputError(url, f"not a readable RSS/Atom feed ({reason})")
    if parsed.get("bozo") and entries:
        log.info("%s: feed is not well-formed (%s); read leniently", url, parsed["bozo_exception"])
    title = ((parsed.get("feed") or {}).get("title") or "").strip() or None
    out = tuple(
        _entry(entry, url, number, title, today) for number, entry in enumerate(entries, start=1)
    )
    return ParsedFeed(title=title, entries=out)


def _entry(entry: Any, url: str, number: int, outlet: str | None, today: dt.date) -> FeedEntry:
    link = _clean_link(entry.get("link"))
    guid = (entry.get("id") or "").strip()
    keys = [f"id:{guid}"] if guid else []
    if link:
        keys.append(f"url:{link}")
    where = f"{url} entry {number}"
    try:
        doc = entry_document(entry, where, f"{url}#{number}", outlet)
    except InputError as exc:
        if link:  # an entry with only a title and a link: its page is the report
            return FeedEntry(tuple(keys), None, exc, link, summary_only=True)
        return FeedEntry(tuple(keys), None, exc, link)
    if doc.date is None:
        doc = replace(doc, date=today)
    if link:
        doc = replace(doc, url=link)
    if not keys:
        keys.append(f"hash:{content_hash(doc.text)}")
    return FeedEntry(tuple(keys), doc, None, link, summary_only=_summary_only(entry, link))


def _summary_only(entry: Any, link: str | None) -> bool:
    if not link or entry.get("content"):
        return False
    return len(entry.get("summary") or "") < PAGE_READER_CHARS


def _clean_link(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    link, _ = urldefrag(value.strip())
    return link if link.startswith(("http://", "https://")) else None


def article_document(entry: FeedEntry, page: Document) -> Document:
    """The entry's document with the text of its article page (entry metadata kept)."""
    base = entry.document
    if base is None:
        return replace(page, url=entry.link or page.url)
    if len(page.text) <= len(base.text):
        return base  # the page reader found less than the feed gave: keep the feed's text
    return replace(base, text=page.text, kind=page.kind)

"""Followed feeds in the story store: their poll state and the entries already taken.

A feed row keeps what the next poll needs (validators for a conditional GET, when it
is due) and what an analyst needs to see (last success, last error, failures, items
stored). ``feed_entries`` holds the keys (guid, link) of every entry taken from a
feed, so an entry is stored once however many polls still list it. Removing a feed
forgets its poll state and keys, never the reports it brought.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from newsbrief.errors import StoreError
from newsbrief.store.repository import Store

FeedStatus = Literal["new", "ok", "failing"]


def utc_now() -> dt.datetime:
    """The current time, UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One followed feed and its poll state."""

    id: int
    url: str
    title: str | None
    interval_s: int | None  # None: the feed_interval setting
    etag: str | None
    last_modified: str | None
    added_at: dt.datetime
    next_poll_at: dt.datetime
    last_poll_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_status: int | None
    last_error: str | None
    last_error_at: dt.datetime | None
    failures: int
    items: int

    @property
    def status(self) -> FeedStatus:
        """``new`` (never polled), ``ok`` (last poll worked) or ``failing``."""
        if self.failures:
            return "failing"
        return "ok" if self.last_success_at else "new"

    def as_dict(self) -> dict[str, Any]:
        """The feed as JSON-ready values (times as ISO 8601 UTC)."""
        out: dict[str, Any] = {"status": self.status}
        for name in self.__slots__:
            value = getattr(self, name)
            out[name] = _iso(value) if isinstance(value, dt.datetime) else value
        return out


@dataclass(frozen=True, slots=True)
class PollRecord:
    """What one poll of a feed found, as the store keeps it."""

    feed_id: int
    polled_at: dt.datetime
    next_poll_at: dt.datetime
    status: int | None = None  # HTTP status; None when no answer came
    error: str | None = None  # None: the poll worked (200 or 304)
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    url: str | None = None  # a new address after a permanent redirect
    keys: tuple[str, ...] = ()  # entry keys taken by this poll
    added: int = 0  # reports stored from this poll


def _feed(row: sqlite3.Row) -> FeedRow:
    return FeedRow(
        id=int(row["id"]),
        url=row["url"],
        title=row["title"],
        interval_s=row["interval_s"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        added_at=dt.datetime.fromisoformat(row["added_at"]),
        next_poll_at=dt.datetime.fromisoformat(row["next_poll_at"]),
        last_poll_at=_when(row["last_poll_at"]),
        last_success_at=_when(row["last_success_at"]),
        last_status=row["last_status"],
        last_error=row["last_error"],
        last_error_at=_when(row["last_error_at"]),
        failures=int(row["failures"]),
        items=int(row["items"]),
    )


class FeedStore:
    """Feed rows of one open :class:`Store` (its connection, its transactions)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"{self.store.path}: {what} failed ({exc})") from exc

    def add(
        self, url: str, *, title: str | None = None, interval_s: int | None = None
    ) -> tuple[FeedRow, bool]:
        """Follow a feed (due at once); returns it and whether it was new."""
        existing = self.get(url)
        if existing is not None:
            return existing, False
        now = _iso(utc_now())
        with self._errors(f"adding feed {url}"), self.store.transaction():
            # OR IGNORE: another process may have added the same feed a moment ago
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO feeds (url, title, interval_s, added_at, next_poll_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (url, title, interval_s, now, now),
            )
        feed = self.get(url)
        if feed is None:
            raise StoreError(f"{self.store.path}: feed {url} was removed while being added")
        return feed, cur.rowcount == 1

    def remove(self, feed: int | str) -> FeedRow | None:
        """Stop following a feed (by id or URL); its reports stay. None when unknown."""
        row = self.get(feed)
        if row is None:
            return None
        with self._errors(f"removing feed {row.url}"), self.store.transaction():
            self.conn.execute("DELETE FROM feed_entries WHERE feed_id = ?", (row.id,))
            self.conn.execute("DELETE FROM feeds WHERE id = ?", (row.id,))
        return row

    def get(self, feed: int | str) -> FeedRow | None:
        """One feed by id or URL."""
        column = "id" if isinstance(feed, int) else "url"
        row = self.conn.execute(f"SELECT * FROM feeds WHERE {column} = ?", (feed,)).fetchone()
        return None if row is None else _feed(row)

    def all(self) -> list[FeedRow]:
        """Every followed feed, in the order they were added."""
        return [_feed(r) for r in self.conn.execute("SELECT * FROM feeds ORDER BY id")]

    def due(self, now: dt.datetime) -> list[FeedRow]:
        """Feeds whose next poll is at or before ``now``, longest waiting first."""
        rows = self.conn.execute(
            "SELECT * FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at, id",
            (_iso(now),),
        )
        return [_feed(r) for r in rows]

    def next_due(self) -> dt.datetime | None:
        """When the next feed falls due (None when no feed is followed)."""
        row = self.conn.execute("SELECT min(next_poll_at) FROM feeds").fetchone()
        return _when(row[0]) if row else None

    def seen(self, feed_id: int) -> frozenset[str]:
        """Keys of the entries already taken from a feed."""
        rows = self.conn.execute("SELECT key FROM feed_entries WHERE feed_id = ?", (feed_id,))
        return frozenset(r[0] for r in rows)

    def record(self, polls: Iterable[PollRecord]) -> None:
        """Save the outcome of polls in one transaction; a failed poll keeps every validator."""
        with self._errors("saving feed poll state"), self.store.transaction():
            for poll in polls:
                self._record(poll)

    def _record(self, poll: PollRecord) -> None:
        if self.get(poll.feed_id) is None:
            return  # removed while it was being polled: nothing to keep
        polled, due = _iso(poll.polled_at), _iso(poll.next_poll_at)
        if poll.error is not None:
            self.conn.execute(
                "UPDATE feeds SET last_poll_at = ?, next_poll_at = ?, last_status = ?, "
                "last_error = ?, last_error_at = ?, failures = failures + 1 WHERE id = ?",
                (polled, due, poll.status, poll.error, polled, poll.feed_id),
            )
            return
        self.conn.execute(
            "UPDATE feeds SET last_poll_at = ?, next_poll_at = ?, last_success_at = ?, "
            "last_status = ?, failures = 0, etag = coalesce(?, etag), "
            "last_modified = coalesce(?, last_modified), title = coalesce(?, title), "
            "items = items + ? WHERE id = ?",
            (
                polled,
                due,
                polled,
                poll.status,
                poll.etag,
                poll.last_modified,
                poll.title,
                poll.added,
                poll.feed_id,
            ),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO feed_entries (feed_id, key, seen_at) VALUES (?, ?, ?)",
            [(poll.feed_id, key, polled) for key in poll.keys],
        )
        if poll.url and self.get(poll.url) is None:
            self.conn.execute("UPDATE feeds SET url = ? WHERE id = ?", (poll.url, poll.feed_id))

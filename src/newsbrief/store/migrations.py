"""Named schema migrations, applied in order and recorded in the ``migrations`` table.

A migration is never edited once released: a schema change is a new entry at
the end of :data:`MIGRATIONS`. Each one runs in its own transaction together
with the row that records it, so a store is always at a known migration.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from newsbrief.errors import StoreError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: a unique name and the SQL script that performs it."""

    name: str
    sql: str


_INITIAL = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB
);
CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    headline    TEXT,
    first_date  TEXT,
    last_date   TEXT,
    n_reports   INTEGER NOT NULL DEFAULT 0,
    n_sources   INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 0,
    merged_into INTEGER REFERENCES stories(id),
    centroid    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX stories_last_date ON stories(last_date);
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    ext_id       TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    date         TEXT,
    title        TEXT,
    outlet       TEXT,
    url          TEXT,
    kind         TEXT NOT NULL,
    origin       TEXT NOT NULL,
    text         TEXT NOT NULL,
    story_id     INTEGER REFERENCES stories(id),
    duplicate_of INTEGER REFERENCES documents(id),
    minhash      BLOB,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_story ON documents(story_id);
CREATE INDEX documents_date ON documents(date);
CREATE TABLE sentences (
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    paragraph  INTEGER NOT NULL DEFAULT 0,
    is_chatter INTEGER NOT NULL DEFAULT 0,
    is_quote   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE TABLE near_duplicates (
    doc_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    duplicate_of INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity   REAL NOT NULL,
    PRIMARY KEY (doc_id, duplicate_of)
) WITHOUT ROWID;
CREATE TABLE minhash_bands (
    key    INTEGER NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;
CREATE TABLE briefings (
    story_id      INTEGER NOT NULL REFERENCES stories(id),
    version       INTEGER NOT NULL,
    story_version INTEGER NOT NULL,
    documents     TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (story_id, version)
);
"""

_SEARCH = """
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='id', tokenize='porter unicode61'
);
INSERT INTO documents_fts(rowid, title, text) SELECT id, coalesce(title, ''), text FROM documents;
"""

# Followed feeds (``newsbrief feeds``/``watch``): poll state per feed and the entry keys
# (guid, link) already taken from each, so an entry is stored once however often it is seen.
_FEEDS = """
CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,
    title           TEXT,
    interval_s      INTEGER,
    etag            TEXT,
    last_modified   TEXT,
    added_at        TEXT NOT NULL,
    next_poll_at    TEXT NOT NULL,
    last_poll_at    TEXT,
    last_success_at TEXT,
    last_status     INTEGER,
    last_error      TEXT,
    last_error_at   TEXT,
    failures        INTEGER NOT NULL DEFAULT 0,
    items           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feeds_next_poll ON feeds(next_poll_at);
CREATE TABLE feed_entries (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key     TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0002_full_text_search", _SEARCH),
    Migration("feeds", _FEEDS),
)


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this store has, in the order they were applied."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(
    conn: sqlite3.Connection,
    migrations: tuple[Migration, ...] = MIGRATIONS,
    now: Callable[[], str] | None = None,
) -> list[str]:
    """Apply every migration not yet recorded; returns the names applied now."""
    clock = now or (lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = set(applied(conn))
    known = {m.name for m in migrations}
    unknown = sorted(done - known)
    if unknown:
        raise StoreError(
            f"the store was written by a newer newsbrief (migrations {', '.join(unknown)}); "
            "upgrade newsbrief"
        )
    ran = []
    for migration in migrations:
        if migration.name in done:
            continue
        _apply(conn, migration, clock())
        ran.append(migration.name)
    return ran


def _apply(conn: sqlite3.Connection, migration: Migration, when: str) -> None:
    # executescript() commits first, so run statements one by one inside our own
    # transaction: the schema change and its record land together or not at all.
    try:
        conn.execute("BEGIN IMMEDIATE")
        for statement in _statements(migration.sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (migration.name, when)
        )
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back itself
                conn.execute("ROLLBACK")
        raise StoreError(f"migration {migration.name} failed: {exc}") from exc
    log.info("store migrated: %s", migration.name)


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (``sqlite3.complete_statement``)."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out

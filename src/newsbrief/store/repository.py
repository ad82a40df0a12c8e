"""The story store: documents, sentences, stories, briefings and near-duplicate links.

:class:`Store` wraps one SQLite connection. Writers call the write methods
inside :meth:`Store.transaction` (one ``BEGIN IMMEDIATE`` per ingest batch), so
a batch lands whole or not at all. Readers open the file read-only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import Any

import numpy as np

from newsbrief.errors import StoreError
from newsbrief.models import Document, Sentence
from newsbrief.store import dedup
from newsbrief.store.db import MEMORY, check_ours, connect, describe, transaction
from newsbrief.store.migrations import MIGRATIONS, applied, migrate
from newsbrief.store.records import (
    BriefingRow,
    StoredDocument,
    StoryMember,
    StoryRow,
    briefing_from_row,
    document_from_row,
    story_from_row,
)

KEEP_BRIEFINGS = 2  # the current briefing and the one before it ("what changed")
_SEARCH_TERM = re.compile(r"\w+")


_MAX_INT = 2**63 - 1  # SQLite's integers: ids beyond them match nothing


def _fits(value: int) -> bool:
    return -_MAX_INT <= value <= _MAX_INT


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


class Store(AbstractContextManager["Store"]):
    """One open store. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, conn: sqlite3.Connection, path: str, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    @classmethod
    def open(cls, path: str = MEMORY, *, readonly: bool = False, any_thread: bool = False) -> Store:
        """Open (and for writers, create and migrate) the store at ``path``."""
        conn = connect(path, readonly=readonly, any_thread=any_thread)
        try:
            if readonly:
                _check_reader(conn, path)
            else:
                migrate(conn)
            _check_tables(conn, path)
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{path}: cannot open the store ({describe(exc)})") from exc
            raise
        return cls(conn, path, readonly)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``), rolled back on error."""
        return transaction(self.conn, self.path)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested step of the current transaction: on an exception only its own
        writes are undone, and the transaction goes on."""
        self.conn.execute("SAVEPOINT step")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO step")
            self.conn.execute("RELEASE step")
            raise
        self.conn.execute("RELEASE step")

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {what} failed ({describe(exc)})") from exc

    # -- meta -----------------------------------------------------------------

    def get_meta(self, key: str) -> Any:
        """A value of the ``meta`` table, or None."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: Any) -> None:
        """Set a ``meta`` value (bytes, text or number)."""
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- documents --------------------------------------------------------------

    def find_hash(self, content_hash: str) -> int | None:
        """Row id of the document with this content hash, if stored."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return None if row is None else int(row[0])

    def insert_document(
        self,
        doc: Document,
        content_hash: str,
        signature: np.ndarray | None,
        sentences: Sequence[Sentence],
    ) -> int:
        """Store a report with its sentences and search entry; returns its row id."""
        with self._errors(f"storing {doc.origin or doc.id}"):
            cur = self.conn.execute(
                "INSERT INTO documents (ext_id, content_hash, date, title, outlet, url, kind, "
                "origin, text, minhash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    content_hash,
                    _iso(doc.date),
                    doc.title,
                    doc.outlet,
                    doc.url,
                    doc.kind,
                    doc.origin,
                    doc.text,
                    None if signature is None else dedup.to_blob(signature),
                    _now(),
                ),
            )
            rowid = int(cur.lastrowid or 0)
            self.conn.executemany(
                "INSERT INTO sentences (doc_id, idx, start, end, paragraph, is_chatter, "
                "is_quote) VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        rowid,
                        s.index,
                        s.start,
                        s.end,
                        s.paragraph,
                        int(s.is_chatter),
                        int(s.is_quote),
                    )
                    for s in sentences
                ],
            )
            self.conn.execute(
                "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                (rowid, doc.title or "", doc.text),
            )
            if signature is not None:
                self.conn.executemany(
                    "INSERT OR IGNORE INTO minhash_bands (key, doc_id) VALUES (?, ?)",
                    [(key, rowid) for key in dedup.band_keys(signature)],
                )
        return rowid

    def near_duplicate_candidates(self, signature: np.ndarray) -> list[tuple[int, np.ndarray]]:
        """Stored documents sharing an LSH band with ``signature``, with their signatures:
        at most :data:`~newsbrief.store.dedup.MAX_CANDIDATES`, those sharing most bands first."""
        keys = dedup.band_keys(signature)
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            f"SELECT d.id, d.minhash FROM (SELECT doc_id, count(*) AS shared FROM minhash_bands "
            f"WHERE key IN ({marks}) GROUP BY doc_id ORDER BY shared DESC, doc_id LIMIT ?) b "
            "JOIN documents d ON d.id = b.doc_id ORDER BY b.shared DESC, d.id",
            [*keys, dedup.MAX_CANDIDATES],
        ).fetchall()
        return [(int(r[0]), dedup.from_blob(r[1])) for r in rows if r[1] is not None]

    def link_duplicate(self, doc_id: int, original: int, similarity: float) -> None:
        """Record that ``doc_id`` is a near-duplicate of ``original``.

        The duplicate leaves the LSH index: later copies of the same story find the
        original alone, so N syndicated copies cost N comparisons, not N².
        """
        self.conn.execute(
            "INSERT OR REPLACE INTO near_duplicates (doc_id, duplicate_of, similarity) "
            "VALUES (?, ?, ?)",
            (doc_id, original, round(similarity, 4)),
        )
        self.conn.execute("UPDATE documents SET duplicate_of = ? WHERE id = ?", (original, doc_id))
        row = self.conn.execute("SELECT minhash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is not None and row[0] is not None:
            self.conn.executemany(
                "DELETE FROM minhash_bands WHERE key = ? AND doc_id = ?",
                [(key, doc_id) for key in dedup.band_keys(dedup.from_blob(row[0]))],
            )

    def story_of(self, rowid: int) -> int | None:
        """The story a stored report belongs to."""
        row = self.conn.execute("SELECT story_id FROM documents WHERE id = ?", (rowid,)).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def document(self, rowid: int) -> StoredDocument | None:
        """One stored report by row id."""
        if not _fits(rowid):
            return None
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (rowid,)).fetchone()
        return None if row is None else document_from_row(row)

    def story_documents(self, story_id: int) -> list[StoredDocument]:
        """The reports of a story, oldest first (undated last), then in ingest order."""
        rows = self.conn.execute(
            "SELECT * FROM documents WHERE story_id = ? ORDER BY date IS NULL, date, id",
            (story_id,),
        ).fetchall()
        return [document_from_row(r) for r in rows]

    def duplicates_of(self, rowid: int) -> list[tuple[int, float]]:
        """Near-duplicates linked to a report: (row id, similarity), both directions."""
        rows = self.conn.execute(
            "SELECT doc_id, similarity FROM near_duplicates WHERE duplicate_of = ? "
            "UNION SELECT duplicate_of, similarity FROM near_duplicates WHERE doc_id = ?",
            (rowid, rowid),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def sentences(self, stored: StoredDocument, doc_index: int = 0) -> list[Sentence]:
        """The stored sentences of a report, text cut from the report by their offsets."""
        text = stored.document.text
        rows = self.conn.execute(
            "SELECT idx, start, end, paragraph, is_chatter, is_quote FROM sentences "
            "WHERE doc_id = ? ORDER BY idx",
            (stored.rowid,),
        ).fetchall()
        return [
            Sentence(
                doc_index=doc_index,
                doc_id=stored.document.id,
                index=r[0],
                start=r[1],
                end=r[2],
                text=text[r[1] : r[2]],
                paragraph=r[3],
                is_chatter=bool(r[4]),
                is_quote=bool(r[5]),
            )
            for r in rows
        ]

    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        if table not in {"documents", "sentences", "stories", "briefings", "near_duplicates"}:
            raise StoreError(f"unknown table {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- stories ----------------------------------------------------------------

    def create_story(self, centroid: str | None = None) -> int:
        """A new, empty story; returns its id."""
        now = _now()
        cur = self.conn.execute(
            "INSERT INTO stories (centroid, created_at, updated_at) VALUES (?, ?, ?)",
            (centroid, now, now),
        )
        return int(cur.lastrowid or 0)

    def assign(self, doc_ids: Iterable[int], story_id: int) -> None:
        """Put reports into a story."""
        self.conn.executemany(
            "UPDATE documents SET story_id = ? WHERE id = ?", [(story_id, d) for d in doc_ids]
        )

    def merge_story(self, source: int, target: int) -> None:
        """Move every report of ``source`` into ``target``; ``source`` points at it."""
        self.conn.execute("UPDATE documents SET story_id = ? WHERE story_id = ?", (target, source))
        self.conn.execute(
            "UPDATE stories SET merged_into = ?, n_reports = 0, n_sources = 0, centroid = NULL, "
            "version = version + 1, updated_at = ? WHERE id = ?",
            (target, _now(), source),
        )
        # Earlier merges into the source now lead to the target directly.
        self.conn.execute(
            "UPDATE stories SET merged_into = ? WHERE merged_into = ?", (target, source)
        )

    def touch_story(self, story_id: int, centroid: str | None) -> None:
        """Recount a changed story, bump its version and save its grouping state."""
        stats = self.conn.execute(
            "SELECT count(*), count(DISTINCT coalesce(outlet, 'report:' || id)), min(date), "
            "max(date) FROM documents WHERE story_id = ? AND duplicate_of IS NULL",
            (story_id,),
        ).fetchone()
        headline = self.conn.execute(
            "SELECT title FROM documents WHERE story_id = ? AND title IS NOT NULL "
            "ORDER BY date IS NULL, date, id LIMIT 1",
            (story_id,),
        ).fetchone()
        self.conn.execute(
            "UPDATE stories SET n_reports = ?, n_sources = ?, first_date = ?, last_date = ?, "
            "headline = coalesce(headline, ?), centroid = ?, version = version + 1, "
            "updated_at = ? WHERE id = ?",
            (
                stats[0],
                stats[1],
                stats[2],
                stats[3],
                headline[0] if headline else None,
                centroid,
                _now(),
                story_id,
            ),
        )

    def set_headline(self, story_id: int, headline: str) -> None:
        """The story's headline (taken from its latest briefing)."""
        self.conn.execute("UPDATE stories SET headline = ? WHERE id = ?", (headline, story_id))

    def story(self, story_id: int, *, follow: bool = True) -> StoryRow | None:
        """One story; a merged story leads to the one it was merged into."""
        if not _fits(story_id):
            return None
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        story = story_from_row(row)
        if follow and story.merged_into is not None:
            return self.story(story.merged_into, follow=False)
        return story

    def stories(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoryRow]:
        """Live stories, latest first, filtered by date range and full-text search."""
        where, params = self._story_filter(since, until, search)
        rows = self.conn.execute(
            f"SELECT * FROM stories WHERE {where} "
            "ORDER BY last_date IS NULL, last_date DESC, id DESC LIMIT ? OFFSET ?",
            [*params, min(limit, _MAX_INT), min(offset, _MAX_INT)],
        ).fetchall()
        return [story_from_row(r) for r in rows]

    def count_stories(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        search: str | None = None,
    ) -> int:
        """How many live stories match the same filters as :meth:`stories`."""
        where, params = self._story_filter(since, until, search)
        return int(
            self.conn.execute(f"SELECT count(*) FROM stories WHERE {where}", params).fetchone()[0]
        )

    def _story_filter(
        self, since: dt.date | None, until: dt.date | None, search: str | None
    ) -> tuple[str, list[Any]]:
        clauses = ["merged_into IS NULL", "n_reports > 0"]
        params: list[Any] = []
        if since:
            clauses.append("last_date >= ?")
            params.append(since.isoformat())
        if until:
            clauses.append("first_date <= ?")
            params.append(until.isoformat())
        query = fts_query(search or "")
        if query:
            clauses.append(
                "id IN (SELECT d.story_id FROM documents_fts JOIN documents d "
                "ON d.id = documents_fts.rowid WHERE documents_fts MATCH ?)"
            )
            params.append(query)
        return " AND ".join(clauses), params

    def latest_story_date(self) -> dt.date | None:
        """The newest report date of any live story (None for an empty or undated store)."""
        row = self.conn.execute(
            "SELECT max(last_date) FROM stories WHERE merged_into IS NULL"
        ).fetchone()
        return dt.date.fromisoformat(row[0]) if row and row[0] else None

    def active_stories(self, since: dt.date | None) -> Iterator[tuple[int, str | None, str]]:
        """(id, last date, grouping state) of live stories seen on or after ``since``."""
        sql = (
            "SELECT id, last_date, centroid FROM stories WHERE merged_into IS NULL "
            "AND centroid IS NOT NULL"
        )
        params: list[Any] = []
        if since is not None:
            sql += " AND (last_date IS NULL OR last_date >= ?)"
            params.append(since.isoformat())
        for row in self.conn.execute(sql, params):
            yield int(row[0]), row[1], row[2]

    def story_state(self, story_id: int) -> str | None:
        """The saved grouping state of one story (None once merged away)."""
        row = self.conn.execute("SELECT centroid FROM stories WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else row[0]

    # -- briefings --------------------------------------------------------------

    def save_briefing(
        self, story_id: int, story_version: int, documents: Sequence[int], body: dict[str, Any]
    ) -> int:
        """Store a new briefing version; older ones beyond the previous are dropped."""
        row = self.conn.execute(
            "SELECT coalesce(max(version), 0) FROM briefings WHERE story_id = ?", (story_id,)
        ).fetchone()
        version = int(row[0]) + 1
        self.conn.execute(
            "INSERT INTO briefings (story_id, version, story_version, documents, body, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                story_id,
                version,
                story_version,
                json.dumps(list(documents)),
                json.dumps(body, ensure_ascii=False),
                _now(),
            ),
        )
        self.conn.execute(
            "DELETE FROM briefings WHERE story_id = ? AND version <= ?",
            (story_id, version - KEEP_BRIEFINGS),
        )
        return version

    def briefings(self, story_id: int, limit: int = KEEP_BRIEFINGS) -> list[BriefingRow]:
        """The latest briefings of a story, newest first."""
        rows = self.conn.execute(
            "SELECT * FROM briefings WHERE story_id = ? ORDER BY version DESC LIMIT ?",
            (story_id, limit),
        ).fetchall()
        return [briefing_from_row(r) for r in rows]

    def briefed(self, story_id: int) -> tuple[int, tuple[int, ...]] | None:
        """The story version the latest briefing was made from and the reports it read
        (None: never briefed), without reading its body."""
        row = self.conn.execute(
            "SELECT story_version, documents FROM briefings WHERE story_id = ? "
            "ORDER BY version DESC LIMIT 1",
            (story_id,),
        ).fetchone()
        return None if row is None else (int(row[0]), tuple(json.loads(row[1])))

    def confirm_briefing(self, story_id: int, story_version: int) -> None:
        """Mark the latest briefing current for ``story_version`` (its inputs are unchanged)."""
        self.conn.execute(
            "UPDATE briefings SET story_version = ? WHERE story_id = ? AND version = "
            "(SELECT max(version) FROM briefings WHERE story_id = ?)",
            (story_version, story_id, story_id),
        )

    def story_members(self, story_id: int) -> list[StoryMember]:
        """The reports of a story as :meth:`story_documents` orders them, without their text."""
        rows = self.conn.execute(
            "SELECT id, duplicate_of FROM documents WHERE story_id = ? "
            "ORDER BY date IS NULL, date, id",
            (story_id,),
        ).fetchall()
        return [StoryMember(int(r[0]), None if r[1] is None else int(r[1])) for r in rows]

    def stale_stories(self) -> list[int]:
        """Live stories whose latest briefing is older than the story (or missing)."""
        rows = self.conn.execute(
            "SELECT s.id FROM stories s LEFT JOIN (SELECT story_id, max(story_version) AS v "
            "FROM briefings GROUP BY story_id) b ON b.story_id = s.id "
            "WHERE s.merged_into IS NULL AND s.n_reports > 0 AND (b.v IS NULL OR b.v < s.version) "
            "ORDER BY s.id"
        ).fetchall()
        return [int(r[0]) for r in rows]


# Tables every store must have; one missing means the file was damaged or edited by hand.
REQUIRED_TABLES = frozenset(
    {"meta", "stories", "documents", "sentences", "near_duplicates", "minhash_bands", "briefings"}
)


def _check_reader(conn: sqlite3.Connection, path: str) -> None:
    if (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ).fetchone()
        is None
    ):
        check_ours(conn, path)  # another application's file, or an empty one
    done = applied(conn)
    known = {m.name for m in MIGRATIONS}
    newer = [name for name in done if name not in known]
    if newer:
        raise StoreError(
            f"{path}: the store was written by a newer newsbrief (migrations "
            f"{', '.join(newer)}); upgrade newsbrief to read it"
        )
    missing = [name for name in known if name not in done]
    if missing:
        raise StoreError(
            f"{path}: store not migrated ({', '.join(sorted(missing))} missing); "
            "run 'newsbrief ingest' once to upgrade it"
        )


def _check_tables(conn: sqlite3.Connection, path: str) -> None:
    if path == MEMORY:
        return
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = sorted(REQUIRED_TABLES - tables)
    if missing:
        raise StoreError(
            f"{path}: the store is damaged (table(s) {', '.join(missing)} missing); "
            "restore it from a backup or ingest into a new store"
        )


def fts_query(text: str) -> str:
    """User text as a safe FTS5 query: every word quoted, all required."""
    return " ".join(f'"{term}"' for term in _SEARCH_TERM.findall(text)[:20])

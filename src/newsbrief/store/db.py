"""SQLite connections: where the store lives, pragmas, read-only readers, one writer.

The store is one SQLite file in WAL mode, so readers (the web server, ``newsbrief
stories``) never block the writer and never see a half-written batch. Only one
process writes at a time: :func:`writer_lock` takes an exclusive lock on a
``<db>.lock`` file beside the database, and a second writer fails at once with a
clear message instead of interleaving its own story state with the first's.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from newsbrief.errors import StoreError

log = logging.getLogger(__name__)

MEMORY = ":memory:"
BUSY_TIMEOUT_MS = 10_000


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/newsbrief/newsbrief.sqlite`` (``~/.local/share`` by default)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsbrief" / "newsbrief.sqlite"


def resolve_db_path(explicit: str | os.PathLike[str] | None) -> str:
    """The path to use: an explicit value (``--db``/``NEWSBRIEF_DB`` setting) or the default."""
    if explicit and str(explicit).strip():
        return str(explicit)
    return str(default_db_path())


def connect(path: str, *, readonly: bool = False, any_thread: bool = False) -> sqlite3.Connection:
    """Open the store with the pragmas every connection needs.

    Readers open the file read-only (``mode=ro``), so a bug in a read path can
    never write. ``any_thread`` lets one request hand its own connection from
    the thread that opened it to the one that uses it (never two at once).
    """
    try:
        if path == MEMORY:
            conn = sqlite3.connect(MEMORY, isolation_level=None)
        elif readonly:
            if not Path(path).is_file():
                raise StoreError(f"{path}: no story store here (run 'newsbrief ingest' first)")
            uri = Path(path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(
                uri, uri=True, isolation_level=None, check_same_thread=not any_thread
            )
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None)
        _configure(conn, readonly)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the store ({exc})") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store folder ({exc.strerror})") from exc
    return conn


def _configure(conn: sqlite3.Connection, readonly: bool) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if readonly:
        conn.execute("PRAGMA query_only = ON")
        return
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode not in ("wal", "memory"):
        log.warning("store journal mode is %s, not WAL", mode)
    # NORMAL is durable across application crashes in WAL mode; only an OS crash
    # or power loss may drop the last transactions, never corrupt the file.
    conn.execute("PRAGMA synchronous = NORMAL")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"the store is busy ({exc}); is another writer running?") from exc
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


@contextmanager
def writer_lock(path: str) -> Iterator[None]:
    """Hold the store's single-writer lock for the duration of the block."""
    if path == MEMORY:
        yield
        return
    import fcntl

    lock_path = Path(path + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle: IO[str] = lock_path.open("a")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(
                f"{path}: another newsbrief process is writing to this store; wait for it to finish"
            ) from exc
        yield
    finally:
        handle.close()  # closing the file releases the lock

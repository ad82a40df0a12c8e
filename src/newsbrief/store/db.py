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
    base = os.environ.get("XDG_DATA_HOME")
    if not base:
        try:
            base = str(Path.home() / ".local" / "share")
        except (RuntimeError, KeyError, OSError) as exc:
            raise StoreError(
                "no home folder to keep the story store in; give one with --db PATH"
            ) from exc
    return Path(base) / "newsbrief" / "newsbrief.sqlite"


def resolve_db_path(explicit: str | os.PathLike[str] | None) -> str:
    """The path to use: an explicit value (``--db``/``NEWSBRIEF_DB`` setting) or the default."""
    if explicit and str(explicit).strip():
        return str(explicit)
    return str(default_db_path())


def connect(path: str, *, readonly: bool = False, any_thread: bool = False) -> sqlite3.Connection:
    """Open the store with the pragmas every connection needs.

    Readers open the file read-only (``mode=ro``), so a bug in a read path can
    never write; on read-only media, where SQLite cannot create the WAL's shared
    memory file, they fall back to ``immutable=1``. ``any_thread`` lets one
    request hand its own connection from the thread that opened it to the one
    that uses it (never two at once). A writer refuses a file that is not a
    newsbrief store before changing anything in it.
    """
    try:
        if path == MEMORY:
            conn = sqlite3.connect(MEMORY, isolation_level=None)
        elif readonly:
            conn = _open_reader(path, any_thread)
        else:
            _check_writable_location(path)
            conn = sqlite3.connect(path, isolation_level=None)
            try:
                check_ours(conn, path)
            except BaseException:
                conn.close()
                raise
        _configure(conn, readonly)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the store ({describe(exc)})") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc.strerror or exc})") from exc
    except ValueError as exc:  # a NUL byte in the path
        raise StoreError(f"{path!r}: not a usable store path ({exc})") from exc
    return conn


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_writable_location(path: str) -> None:
    """The folder exists (created if needed) and the path is a regular file or absent."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise StoreError(f"{path}: a parent of the store is a file, not a folder") from exc
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the store folder ({exc.strerror})") from exc
    if target.exists() and not target.is_file():
        raise StoreError(f"{path}: is not a file (a folder or a device?)")
    if target.is_file():
        _check_header(path)


def _check_header(path: str) -> None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the store ({exc.strerror})") from exc
    if head and head != SQLITE_HEADER:
        raise StoreError(
            f"{path}: not a SQLite database (damaged, or another kind of file); "
            "move it aside or point --db elsewhere"
        )


def check_ours(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a SQLite file that holds another application's tables (read-only check)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return
    first = None
    if "migrations" in tables:
        row = conn.execute("SELECT name FROM migrations ORDER BY rowid LIMIT 1").fetchone()
        first = row[0] if row else None
    if first != FIRST_MIGRATION:
        raise StoreError(
            f"{path}: a SQLite database of another application, not a newsbrief store; "
            "point --db at a new file"
        )


FIRST_MIGRATION = "0001_initial"


def _open_reader(path: str, any_thread: bool) -> sqlite3.Connection:
    target = Path(path)
    if not target.is_file():
        if target.exists():
            raise StoreError(f"{path}: is not a file (a folder or a device?)")
        raise StoreError(f"{path}: no story store here (run 'newsbrief ingest' first)")
    _check_header(path)
    base = target.resolve().as_uri()
    conn = sqlite3.connect(
        base + "?mode=ro", uri=True, isolation_level=None, check_same_thread=not any_thread
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "unable to open" not in str(exc) and "readonly" not in str(exc):
            raise
    # Read-only media: the WAL index (-shm) cannot be created. Nothing can change the
    # file there, so SQLite may read it as immutable, without any locking.
    log.info("%s: read-only location, reading the store as immutable", path)
    return sqlite3.connect(
        base + "?immutable=1", uri=True, isolation_level=None, check_same_thread=not any_thread
    )


def describe(exc: sqlite3.Error) -> str:
    """What a SQLite error means for the user, with SQLite's own words."""
    text = str(exc)
    code = getattr(exc, "sqlite_errorname", "") or ""
    if code.startswith("SQLITE_FULL") or "database or disk is full" in text:
        return f"the disk is full: {text}"
    if code.startswith(("SQLITE_READONLY", "SQLITE_PERM")) or "readonly" in text:
        return f"no permission to write here: {text}"
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return f"the store is damaged: {text}"
    if code.startswith("SQLITE_CANTOPEN"):
        return f"the file cannot be opened (permissions, or a missing folder?): {text}"
    return text


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
def transaction(conn: sqlite3.Connection, path: str = "") -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception.

    SQLite errors become :class:`StoreError` with their cause (disk full, read-only,
    damaged) kept: after a disk-full error SQLite may have rolled back already, and a
    second ``ROLLBACK`` must not replace the real cause with "no transaction".
    """
    where = f"{path}: " if path else ""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(
                f"{where}the store is busy ({exc}); is another writer running?"
            ) from exc
        raise StoreError(f"{where}cannot write to the store ({describe(exc)})") from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        _rollback(conn)
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"{where}writing to the store failed ({describe(exc)})") from exc
        raise


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error as exc:  # already rolled back by SQLite itself
            log.debug("rollback: %s", exc)


@contextmanager
def writer_lock(path: str) -> Iterator[None]:
    """Hold the store's single-writer lock for the duration of the block."""
    if path == MEMORY:
        yield
        return
    import fcntl

    _check_writable_location(path)
    lock_path = Path(path + ".lock")
    try:
        handle: IO[str] = lock_path.open("a")
    except IsADirectoryError as exc:
        raise StoreError(f"{lock_path}: the store's lock file is a folder; remove it") from exc
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot create the lock file beside the store ({exc.strerror}); "
            "is the folder read-only?"
        ) from exc
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(
                f"{path}: another newsbrief process is writing to this store; wait for it to finish"
            ) from exc
        except OSError as exc:
            raise StoreError(f"{lock_path}: cannot lock ({exc.strerror})") from exc
        yield
    finally:
        handle.close()  # closing the file releases the lock

"""Migrations: from an empty file, recorded by name, idempotent, refusing unknown ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsbrief.errors import StoreError
from newsbrief.store import MIGRATIONS, Store, default_db_path, migrate, resolve_db_path
from newsbrief.store.migrations import Migration, applied


def test_empty_file_is_migrated_to_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    path.touch()  # an empty file is a valid, empty SQLite database
    with Store.open(str(path)) as store:
        assert applied(store.conn) == [m.name for m in MIGRATIONS]
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"documents", "sentences", "stories", "briefings", "near_duplicates"} <= tables
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "store.sqlite"
    Store.open(str(path)).close()
    assert path.is_file()


def test_reopening_applies_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    Store.open(path).close()
    with Store.open(path) as store:
        assert migrate(store.conn) == []
        assert len(applied(store.conn)) == len(MIGRATIONS)


def test_a_new_migration_is_applied_once_and_recorded(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    Store.open(path).close()
    extra = (*MIGRATIONS, Migration("9999_test_column", "ALTER TABLE stories ADD COLUMN x INT;"))
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, extra) == ["9999_test_column"]
    assert migrate(conn, extra) == []
    conn.close()


def test_a_failing_migration_leaves_no_trace(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    Store.open(path).close()
    broken = (*MIGRATIONS, Migration("9999_broken", "CREATE TABLE t (a INT); SELECT nope FROM t;"))
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(StoreError, match="9999_broken"):
        migrate(conn, broken)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "t" not in names  # the CREATE was rolled back with the failure
    assert "9999_broken" not in applied(conn)


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES ('9999_future', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer newsbrief"):
        Store.open(path)


def test_reader_needs_an_existing_migrated_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no story store"):
        Store.open(str(tmp_path / "absent.sqlite"), readonly=True)
    bare = tmp_path / "bare.sqlite"
    sqlite3.connect(bare).close()
    bare.write_bytes(b"")
    with pytest.raises(StoreError, match="not migrated"):
        Store.open(str(bare), readonly=True)


def test_reader_cannot_write(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    Store.open(path).close()
    with Store.open(path, readonly=True) as store, pytest.raises(sqlite3.Error):
        store.conn.execute("DELETE FROM documents")


def test_default_path_is_in_the_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/data/home")
    assert default_db_path() == Path("/data/home/newsbrief/newsbrief.sqlite")
    assert resolve_db_path("") == "/data/home/newsbrief/newsbrief.sqlite"
    assert resolve_db_path("x.sqlite") == "x.sqlite"

"""Store location and state faults: each is one clear ``StoreError`` line (exit 2), never a
traceback, and nothing already stored is lost."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief.errors import StoreError
from newsbrief.store import Store, writer_lock
from newsbrief.store.db import transaction
from robustness.badinput import GOOD, cli, good_copy, stored_origins

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def store_with_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "store" / "s.sqlite"
    run = cli(capsys, "ingest", "--set", "analysis=false", "--db", str(db), str(GOOD))
    assert run.code == 0
    return db


def _fails_cleanly(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    run = cli(capsys, *args)
    assert run.code == 2, run.err
    return run.err


def test_a_lock_path_that_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.sqlite"
    (tmp_path / "s.sqlite.lock").mkdir()
    err = _fails_cleanly(capsys, "ingest", "--db", str(db), str(GOOD))
    assert "lock" in err


def test_a_parent_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    err = _fails_cleanly(capsys, "ingest", "--db", str(tmp_path / "file" / "s.sqlite"), str(GOOD))
    assert "file" in err
    _fails_cleanly(capsys, "stories", "--db", str(tmp_path / "file" / "s.sqlite"))


def test_a_store_path_that_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "s.sqlite").mkdir()
    for args in (["ingest", str(GOOD)], ["stories"], ["story", "1"]):
        err = _fails_cleanly(capsys, *args, "--db", str(tmp_path / "s.sqlite"))
        assert "not a file" in err


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database\n" * 10, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text file", "damaged header"],
)
def test_damaged_or_non_sqlite_files(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s.sqlite"
    db.write_bytes(content)
    for args in (["ingest", str(GOOD)], ["stories"], ["story", "1"]):
        err = _fails_cleanly(capsys, *args, "--db", str(db))
        assert str(db) in err
    assert db.read_bytes() == content  # never touched


def test_a_foreign_sqlite_file_is_refused_before_it_is_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
    conn.close()
    before = db.read_bytes()
    err = _fails_cleanly(capsys, "ingest", "--db", str(db), str(GOOD))
    assert "another application" in err
    _fails_cleanly(capsys, "stories", "--db", str(db))
    assert db.read_bytes() == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert tables == {"customers"}


def test_a_store_from_a_newer_version_is_refused_by_readers(
    store_with_one: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(store_with_one) as conn:
        conn.execute("INSERT INTO migrations VALUES ('9999_future', '2030-01-01')")
    conn.close()
    for args in (["stories"], ["story", "1"], ["ingest", str(GOOD)]):
        err = _fails_cleanly(capsys, *args, "--db", str(store_with_one))
        assert "newer newsbrief" in err


def test_dropped_tables(store_with_one: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(store_with_one) as conn:
        conn.execute("DROP TABLE briefings")
    conn.close()
    for args in (["stories"], ["story", "1"], ["ingest", str(GOOD)]):
        err = _fails_cleanly(capsys, *args, "--db", str(store_with_one))
        assert "briefings" in err


def test_a_dated_edge_of_the_calendar_never_poisons_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s.sqlite"
    text = "The council met on Monday. It voted to close the old bridge for repairs this summer."
    for i, date in enumerate(["0001-01-01T00:00:00Z", "9999-12-31", "0001-01-01"]):
        path = tmp_path / f"edge{i}.jsonl"
        path.write_text(f'{{"id": "e{i}", "date": "{date}", "text": "{text} {i}"}}\n')
        assert cli(capsys, "ingest", "--no-brief", "--db", str(db), str(path)).code == 0
    good = good_copy(tmp_path / "good")
    run = cli(capsys, "ingest", "--set", "analysis=false", "--db", str(db), str(good))
    assert run.code == 0 and str(good) in stored_origins(db)


def test_deferred_briefings_are_made_by_the_next_ingest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s.sqlite"
    seeds = GOOD.parent
    assert cli(capsys, "ingest", "--no-brief", "--db", str(db), str(seeds)).code == 0
    with Store.open(str(db), readonly=True) as store:
        assert store.stale_stories()
    other = tmp_path / "other.txt"
    other.write_text("The harbour ferry resumed on Wednesday after the storm. All routes reopened.")
    run = cli(capsys, "ingest", "--set", "analysis=false", "--db", str(db), str(other))
    assert run.code == 0
    with Store.open(str(db), readonly=True) as store:
        assert store.stale_stories() == []


def test_a_failed_commit_keeps_its_cause() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE t (x INTEGER CHECK (x > 0))")
    with pytest.raises(StoreError, match="CHECK constraint"), transaction(conn, "mem"):
        conn.execute("INSERT INTO t VALUES (1)")
        conn.execute("ROLLBACK")  # as SQLite does by itself on a full disk
        conn.execute("INSERT INTO t VALUES (-1)")
    assert not conn.in_transaction


def _nobody_can_run_python() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = [*NOBODY, sys.executable, "-c", "import sqlite3"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
needs_nobody = pytest.mark.skipif(
    not _nobody_can_run_python(), reason="needs root, setpriv and a Python 'nobody' can run"
)


def _as_nobody(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    code = "import sys; from newsbrief.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(SRC),
        "HOME": str(home or "/nonexistent"),
    }
    return subprocess.run(
        [*NOBODY, sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder every user may enter (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="newsbrief-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@needs_nobody
def test_read_only_folder(open_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = open_folder / GOOD.name
    good.write_bytes(GOOD.read_bytes())
    db = open_folder / "store" / "s.sqlite"
    assert cli(capsys, "ingest", "--set", "analysis=false", "--db", str(db), str(good)).code == 0
    for path in (db.parent, *db.parent.iterdir()):
        path.chmod(0o755 if path.is_dir() else 0o644)  # root's: others may read, not write
    assert not (db.parent / "s.sqlite-shm").exists()  # so a reader cannot create the WAL index
    listing = _as_nobody("stories", "--db", str(db))
    assert listing.returncode == 0 and "Traceback" not in listing.stderr, listing.stderr
    assert "1 " in listing.stdout
    story = _as_nobody("story", "1", "--db", str(db))
    assert story.returncode == 0 and story.stdout.startswith("# "), story.stderr
    written = _as_nobody("ingest", "--db", str(db), str(good))
    assert written.returncode == 2 and "Traceback" not in written.stderr
    assert written.stderr.startswith("newsbrief: error:")


@needs_nobody
def test_a_home_that_cannot_be_searched(open_folder: Path) -> None:
    home = open_folder / "home"
    home.mkdir(mode=0o700)  # what `sudo -u` leaves: HOME is root's, private
    report = open_folder / GOOD.name
    report.write_bytes(GOOD.read_bytes())
    briefed = _as_nobody("brief", "--no-analysis", str(report), home=home)
    assert briefed.returncode == 0 and briefed.stdout.startswith("# "), briefed.stderr
    listing = _as_nobody("stories", home=home)
    assert listing.returncode == 2 and "Traceback" not in listing.stderr


def test_a_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    mnt = tmp_path / "small"
    mnt.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mnt)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot mount a tmpfs in CI: {mounted.stderr!r}")
        pytest.skip("this container may not mount a tmpfs")
    try:
        db = mnt / "s.sqlite"
        assert cli(capsys, "ingest", "--no-brief", "--db", str(db), str(GOOD)).code == 0
        big = tmp_path / "big.txt"
        big.write_text(" ".join(f"Sentence number {i} of a long report." for i in range(60_000)))
        run = cli(capsys, "ingest", "--no-brief", "--db", str(db), str(big))
        assert run.code == 2 and "full" in run.err
        assert str(GOOD) in stored_origins(db)  # what was stored is still there
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_writer_lock_on_a_read_only_path_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError), writer_lock(str(tmp_path / "f" / "s.sqlite")):
        pass


def test_a_briefing_that_fails_is_reported_and_made_by_the_next_ingest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsbrief.stories import briefings

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a stage failed")

    db = tmp_path / "s.sqlite"
    monkeypatch.setattr(briefings, "story_briefing", broken)
    run = cli(capsys, "ingest", "--set", "analysis=false", "--db", str(db), str(GOOD))
    assert run.code == 1 and "briefing failed" in run.err and str(GOOD) in stored_origins(db)
    monkeypatch.undo()
    other = tmp_path / "other.txt"
    other.write_text("The harbour ferry resumed on Wednesday after the storm. All routes reopened.")
    run = cli(capsys, "ingest", "--set", "analysis=false", "--db", str(db), str(other))
    assert run.code == 0
    with Store.open(str(db), readonly=True) as store:
        assert store.stale_stories() == []

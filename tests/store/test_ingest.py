"""Transactional, idempotent ingest: re-ingest adds nothing, a kill loses nothing committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

import storydata
from newsbrief.errors import InputError, StoreError
from newsbrief.store import Store, writer_lock
from newsbrief.stories import ingest_reports
from newsbrief.stories import intake as ingest_module

TESTS = Path(__file__).resolve().parent.parent


def assert_consistent(store: Store) -> None:
    """Every invariant a whole batch leaves behind."""
    conn = store.conn
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    assert conn.execute("SELECT count(*) FROM documents WHERE story_id IS NULL").fetchone()[0] == 0
    no_sentences = conn.execute(
        "SELECT count(*) FROM documents d WHERE NOT EXISTS "
        "(SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
    ).fetchone()[0]
    assert no_sentences == 0
    counted = conn.execute(
        "SELECT coalesce(sum(n_reports), 0) FROM stories WHERE merged_into IS NULL"
    ).fetchone()[0]
    primary = conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NULL").fetchone()
    assert counted == primary[0]


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    docs = storydata.documents()
    with Store.open(path) as store:
        first = ingest_reports(store, docs, brief=False)
        counts = {t: store.count(t) for t in ("documents", "sentences", "stories")}
        again = ingest_reports(store, docs, brief=False)
        assert (first.added, again.added, again.existing) == (len(docs), 0, len(docs))
        assert {t: store.count(t) for t in counts} == counts
        assert again.changed == set()
        assert_consistent(store)


def test_same_text_under_another_id_is_the_same_report() -> None:
    doc = storydata.documents()[0]
    with Store.open(":memory:") as store:
        report = ingest_reports(
            store, [doc, replace(doc, id="other", title="New title")], brief=False
        )
        assert (report.added, report.existing) == (1, 1)


def test_near_duplicates_are_linked_into_the_same_story() -> None:
    docs = storydata.documents()
    copy = replace(
        docs[0],
        id="copy",
        text=docs[0].text + "\n\nCopyright Wire Service.",
        outlet="Another Paper",
    )
    with Store.open(":memory:") as store:
        report = ingest_reports(store, [*docs, copy], brief=False)
        assert report.near_duplicates == 1
        original = store.conn.execute(
            "SELECT id, story_id FROM documents WHERE ext_id = ?", (docs[0].id,)
        ).fetchone()
        dup = store.conn.execute(
            "SELECT duplicate_of, story_id FROM documents WHERE ext_id = 'copy'"
        ).fetchone()
        assert tuple(dup) == (original[0], original[1])
        story = store.story(original[1])
        assert story is not None and story.n_reports == 4  # the copy is not counted again
        assert_consistent(store)


def test_bad_items_are_reported_and_skipped() -> None:
    docs = storydata.documents()
    items = [docs[0], InputError("feed.xml entry 2", "entry has no text"), *docs[1:]]
    with Store.open(":memory:") as store:
        report = ingest_reports(store, items, brief=False)
        assert report.added == len(docs)
        assert [p.origin for p in report.problems] == ["feed.xml entry 2"]


def test_a_failing_batch_rolls_back_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = storydata.documents()
    monkeypatch.setattr(ingest_module, "BATCH_SIZE", 4)
    with Store.open(":memory:") as store:
        calls = {"n": 0}
        real = store.insert_document

        def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 6:  # the second document of the second batch
                raise StoreError("disk full")
            return real(*args, **kwargs)

        monkeypatch.setattr(store, "insert_document", flaky)
        with pytest.raises(StoreError, match="disk full"):
            ingest_reports(store, docs, brief=False)
        assert store.count("documents") == 4  # the first batch only
        assert_consistent(store)
        monkeypatch.setattr(store, "insert_document", real)
        report = ingest_reports(store, docs, brief=False)
        assert (report.added, report.existing) == (len(docs) - 4, 4)
        assert_consistent(store)


def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    held = writer_lock(path)
    held.__enter__()
    try:
        with pytest.raises(StoreError, match="another newsbrief process"), writer_lock(path):
            pass
    finally:
        held.__exit__(None, None, None)
    with writer_lock(path):  # released: free again
        pass


_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    import storydata
    from newsbrief.store import Store
    from newsbrief.stories import intake as ingest_module
    from newsbrief.stories import ingest_reports

    ingest_module.BATCH_SIZE = 50
    docs = (storydata.documents_numbered(k) for k in range(100000))
    with Store.open({path!r}) as store:
        ingest_reports(store, docs, brief=False)
    """
)


@pytest.mark.slow
def test_kill_during_ingest_leaves_whole_batches(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    code = _CHILD.format(tests=str(TESTS), path=path)
    child = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        seen = 0
        while seen < 120 and time.monotonic() < deadline:  # wait for a few committed batches
            time.sleep(0.1)
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            seen = _count(path)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    with Store.open(path) as store:
        stored = store.count("documents")
        assert stored >= 100 and stored % 50 == 0  # whole batches only, none lost
        assert_consistent(store)
        ids = [storydata.documents_numbered(k) for k in range(stored + 50)]
        report = ingest_reports(store, ids, brief=False)
        assert (report.existing, report.added) == (stored, 50)
        assert_consistent(store)


def _count(path: str) -> int:
    if not Path(path).exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0

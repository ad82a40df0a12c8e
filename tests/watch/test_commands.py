"""The ``feeds`` and ``watch`` commands against a local feed site."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from feedserver import FeedSite, Route, event_item, rss
from newsbrief.cli import main
from newsbrief.config import Settings
from newsbrief.store import Store
from newsbrief.watch import watch

FAST = ["--set", "feed_host_interval=0", "--set", "feed_retries=0", "--set", "feed_timeout=2"]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_watch_once_remove(
    tmp_path: Path, site: FeedSite, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.sqlite")
    site.routes["/good.xml"] = Route(rss("Good", [event_item("flood", k) for k in range(2)]))
    site.routes["/bad.xml"] = Route(b"", status=404)
    code, out, _ = _run(
        ["feeds", "add", site.url("/good.xml"), site.url("/bad.xml"), "--db", db], capsys
    )
    assert code == 0 and out.count("added: ") == 2
    code, out, _ = _run(["feeds", "add", site.url("/good.xml"), "--db", db], capsys)
    assert "already followed" in out
    code, out, _ = _run(["watch", "--once", "--db", db, *FAST], capsys)
    assert code == 1  # one feed failed
    assert "2 feed(s) polled" in out and "1 failed" in out and "2 report(s) added" in out
    code, out, _ = _run(["watch", "--once", "--db", db, *FAST], capsys)
    assert "0 feed(s) polled" in out  # nothing is due again yet
    code, out, _ = _run(["feeds", "list", "--db", db], capsys)
    assert "ok" in out and "failing" in out and "HTTP 404" in out
    code, out, _ = _run(["feeds", "list", "--db", db, "--format", "json"], capsys)
    rows = json.loads(out)
    assert [r["items"] for r in rows] == [2, 0]
    assert rows[1]["last_error"].startswith("HTTP 404")
    code, out, _ = _run(["feeds", "remove", "2", site.url("/nowhere"), "--db", db], capsys)
    assert code == 1 and "removed: [2]" in out
    with Store.open(db) as store:
        assert store.count("documents") == 2


def test_watch_once_all_polls_feeds_not_due(
    tmp_path: Path, site: FeedSite, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.sqlite")
    route = Route(rss("Good", [event_item("fire", 0)]))
    site.routes["/f.xml"] = route
    _run(["feeds", "add", site.url("/f.xml"), "--db", db], capsys)
    _run(["watch", "--once", "--db", db, "--no-brief", *FAST], capsys)
    route.body = rss("Good", [event_item("fire", k) for k in range(2)])
    code, out, _ = _run(["watch", "--once", "--all", "--db", db, *FAST], capsys)
    assert code == 0 and "1 report(s) added" in out and "briefing(s) updated" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["feeds", "add", "ftp://x.example/f"], "not an http(s) URL"),
        (["feeds", "add"], "at least one feed URL"),
        (["feeds", "add", "https://x.example/f", "--interval", "0"], "--interval"),
        (["feeds", "add", "--opml", "/nonexistent/subs.opml"], "/nonexistent/subs.opml"),
    ],
)
def test_bad_arguments_are_one_clean_line(
    tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run([*args, "--db", str(tmp_path / "s.sqlite")], capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_add_from_opml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        "<opml version='2.0'><body><outline text='A' xmlUrl='https://a.example/rss'/>"
        "<outline text='B' xmlUrl='https://b.example/rss'/></body></opml>"
    )
    code, out, _ = _run(["feeds", "add", "--opml", str(opml), "--db", str(tmp_path / "s")], capsys)
    assert code == 0 and out.count("added: ") == 2


def test_watch_stores_entries_until_stopped(tmp_path: Path, site: FeedSite) -> None:
    from dataclasses import replace

    from newsbrief.store.feeds import FeedStore

    db = str(tmp_path / "s.sqlite")
    site.routes["/live.xml"] = Route(rss("Live", [event_item("election", 0)]))
    with Store.open(db) as store:
        FeedStore(store).add(site.url("/live.xml"), interval_s=1)
    settings = replace(Settings(), feed_host_interval=0.0, feed_retries=0)
    stop = threading.Event()
    rounds: list[int] = []

    def on_round(report: object) -> None:
        rounds.append(report.added)  # type: ignore[attr-defined]
        if len(rounds) == 1:  # a new entry appears after the first round
            site.routes["/live.xml"].body = rss(
                "Live", [event_item("election", k) for k in range(2)]
            )
        if len(rounds) >= 2:
            stop.set()

    thread = threading.Thread(
        target=watch, args=(db, settings), kwargs={"stop": stop, "idle": 0.2, "on_round": on_round}
    )
    thread.start()
    thread.join(30)
    stop.set()
    assert not thread.is_alive()
    assert rounds[:2] == [1, 1]
    with Store.open(db, readonly=True) as store:
        assert store.count("documents") == 2


def test_serve_watch_polls_in_the_background(tmp_path: Path, site: FeedSite) -> None:
    import time
    from dataclasses import replace

    from newsbrief.commands.serve import _loopback, _start_watch
    from newsbrief.store.feeds import FeedStore

    db = str(tmp_path / "s.sqlite")
    site.routes["/bg.xml"] = Route(rss("Bg", [event_item("fire", 0)]))
    with Store.open(db) as store:
        FeedStore(store).add(site.url("/bg.xml"))
    stop = _start_watch(db, replace(Settings(), feed_host_interval=0.0, feed_retries=0))
    try:
        deadline = time.monotonic() + 30
        stored = 0
        while time.monotonic() < deadline and not stored:
            time.sleep(0.2)
            with Store.open(db, readonly=True) as store:
                stored = store.count("documents")
    finally:
        stop.set()
    assert stored == 1
    assert _loopback("127.0.0.1") and _loopback("::1") and _loopback("localhost")
    assert not _loopback("0.0.0.0") and not _loopback("192.168.1.4")

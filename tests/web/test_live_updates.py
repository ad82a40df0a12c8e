"""Live updates and narrow screens in headless Chromium, over a store of their own.

``watch`` (one round against a local feed site) stores a report while a story page is
open: the page shows it within 5 s. Every page is checked at 1400 px and 390 px for
horizontal overflow; screenshots go to ``artifacts/``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import storydata
from feedserver import FeedSite, Route, event_item, rss, serve
from newsbrief.store import Store
from newsbrief.store.feeds import FeedStore
from newsbrief.stories import ingest_reports

WIDTHS = (1400, 390)
UPDATE_WITHIN_MS = 5000


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("live") / "live.sqlite")
    with Store.open(path) as store:
        ingest_reports(store, storydata.documents(per_event=2))
    return path


@pytest.fixture(scope="module")
def server(db: str) -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    from newsbrief.web import create_app

    guarded = create_app(db)
    guarded.app.state.live_check_s = 0.25  # type: ignore[attr-defined]
    guarded.app.state.live_max_s = 30  # type: ignore[attr-defined]
    config = uvicorn.Config(guarded, host="127.0.0.1", port=0, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def _watch_once(db: str, site: FeedSite, path: str, items: list[Any]) -> int:
    """Serve a feed, follow it and run one round of watch; returns reports added."""
    from dataclasses import replace

    from newsbrief.config import Settings
    from newsbrief.store import writer_lock
    from newsbrief.watch import poll_due

    site.routes[path] = Route(rss("Wire", items))
    settings = replace(Settings(), feed_host_interval=0.0, feed_retries=0)
    with writer_lock(db), Store.open(db) as store:
        FeedStore(store).add(site.url(path))
        return poll_due(store, settings).added


def test_event_stream_reports_a_change(db: str, server: str) -> None:
    import httpx

    sid = storydata.story_id_of(db, "fire-0")
    with httpx.stream("GET", f"{server}/api/events", params={"story": sid}, timeout=20) as answer:
        assert answer.headers["content-type"].startswith("text/event-stream")
        lines = answer.iter_lines()
        events: list[tuple[str, dict[str, Any]]] = []
        name = ""
        for line in lines:
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
                if name == "ready":
                    with serve(FeedSite()) as site:
                        assert _watch_once(db, site, "/fire.xml", [event_item("fire", 9)]) == 1
                if name == "change":
                    break
    (ready, first), (change, second) = events[:2]
    assert (ready, change) == ("ready", "change")
    assert second["story"]["version"] > first["story"]["version"]


@pytest.mark.browser
def test_open_story_updates_when_watch_stores_a_report(
    browser: Any, db: str, server: str, artifacts: Path
) -> None:
    sid = storydata.story_id_of(db, "flood-0")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{server}/stories/{sid}")
    page.wait_for_selector("body[data-live=on]")
    new = event_item("flood", 9)  # "Floods force 325 from homes in Riverton"
    assert new.title not in page.locator("main").inner_text()
    with serve(FeedSite()) as site:
        assert _watch_once(db, site, "/flood.xml", [new]) == 1
    assert storydata.story_id_of(db, "flood-9") == sid
    page.wait_for_function(
        "title => document.querySelector('main').innerText.includes(title)",
        arg=new.title,
        timeout=UPDATE_WITHIN_MS,
    )
    assert "updated" in page.locator("#live-status").inner_text()
    page.screenshot(path=str(artifacts / "story-live-update.png"), full_page=False)


def _no_overflow(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_overflow(
    browser: Any, db: str, server: str, artifacts: Path, width: int
) -> None:
    sid = storydata.story_id_of(db, "election-0")
    rid = storydata.report_id_of(db, "election-0")
    pages = {
        "list": "/",
        "search": "/search?q=Riverton",
        "story": f"/stories/{sid}",
        "report": f"/reports/{rid}",
        "feeds": "/feeds",
    }
    page = browser.new_page(viewport={"width": width, "height": 900})
    wide = []
    for name, path in pages.items():
        page.goto(f"{server}{path}")
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
        if not _no_overflow(page):
            wide.append(name)
    assert wide == []


@pytest.mark.browser
def test_search_puts_the_title_match_first(browser: Any, db: str, server: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{server}/")
    page.fill("form.search input[name=q]", "Saarinen")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_selector("ol.hits")
    first = page.locator("ol.hits a.story-link").first.get_attribute("href")
    assert first == f"/stories/{storydata.story_id_of(db, 'election-0')}"
    assert page.locator("ol.hits mark").first.inner_text() == "Saarinen"


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_citation_popover_on_hover_and_keyboard_focus_with_a_way_back(
    browser: Any, db: str, server: str, artifacts: Path, width: int
) -> None:
    sid = storydata.story_id_of(db, "election-0")
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/stories/{sid}")
    cite = page.locator("ol.summary-list a.cite").first
    evidence = page.locator(f"#{cite.get_attribute('data-target')}").inner_text().strip()
    popover = page.locator("#cite-popover")

    cite.hover()
    assert popover.is_visible() and evidence in popover.inner_text()
    assert cite.get_attribute("aria-describedby") == "cite-popover"
    page.screenshot(path=str(artifacts / f"story-popover-{width}.png"))
    page.keyboard.press("Escape")
    assert not popover.is_visible()

    page.mouse.move(0, 0)
    page.locator("h1").click()
    for _ in range(60):  # keyboard only: tab to the first citation mark
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cite')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('cite')")
    assert popover.is_visible()
    assert _no_overflow(page)

    page.keyboard.press("Enter")  # follow the citation to the report ...
    back = page.locator("button.cite-back")
    back.wait_for(state="visible")
    back.click()  # ... and come back to the mark
    page.wait_for_function("document.activeElement.classList.contains('cite')")


@pytest.mark.browser
def test_feeds_page_shows_a_poll_and_keeps_the_form(browser: Any, db: str, server: str) -> None:
    from dataclasses import replace

    from newsbrief.config import Settings
    from newsbrief.store import writer_lock
    from newsbrief.watch import poll_due

    with serve(FeedSite()) as site:
        site.routes["/down.xml"] = Route(b"", status=404)
        with Store.open(db) as store:
            FeedStore(store).add(site.url("/down.xml"))
        page = browser.new_page(viewport={"width": 390, "height": 900})
        page.goto(f"{server}/feeds")
        page.wait_for_selector("body[data-live=on]")
        page.fill("#feed-url", "https://typing.example/rss")
        settings = replace(Settings(), feed_host_interval=0.0, feed_retries=0)
        with writer_lock(db), Store.open(db) as store:
            assert poll_due(store, settings, every=True, brief=False).failed >= 1
        page.wait_for_function(
            "() => document.querySelector('#feed-list').innerText.includes('HTTP 404')",
            timeout=UPDATE_WITHIN_MS,
        )
    assert page.input_value("#feed-url") == "https://typing.example/rss"


@pytest.mark.browser
def test_returning_reader_sees_what_arrived_since_the_last_visit(
    browser: Any, db: str, server: str, artifacts: Path
) -> None:
    sid = storydata.story_id_of(db, "fire-0")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{server}/stories/{sid}")
    page.goto(f"{server}/")  # leaving the story records the visit
    time.sleep(1.1)  # stored times have whole seconds: the report must arrive after the visit
    new = event_item("fire", 15)  # "Fire destroys Castor chemical plant", 475 workers
    with serve(FeedSite()) as site:
        assert _watch_once(db, site, "/fire15.xml", [new]) == 1
    page.goto(f"{server}/stories/{sid}")
    page.wait_for_function(
        "() => document.querySelector('.changes-slot').innerText.includes('New since your last')",
        timeout=UPDATE_WITHIN_MS,
    )
    slot = page.locator(".changes-slot").inner_text()
    assert "1 new report" in slot and new.title in slot
    page.screenshot(path=str(artifacts / "story-since-last-visit.png"))

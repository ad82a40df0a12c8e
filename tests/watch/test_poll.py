"""Polling against a local feed site whose feeds change between polls and misbehave.

Every test checks the two promises of ``watch``: new entries are stored once, and a
feed that fails records its error without losing anything already stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from feedserver import FeedSite, Route, article_page, http_date, rss
from feedserver import event_item as item
from newsbrief.config import Settings
from newsbrief.store import Store
from newsbrief.store.feeds import FeedStore, utc_now
from newsbrief.watch import Fetcher, poll_due


def _poll(store: Store, settings: Settings, **kw: object) -> object:
    """One round over every feed, with near-instant retry waits."""
    with Fetcher(settings, backoff=0.01) as fetcher:
        return poll_due(store, settings, fetcher=fetcher, every=True, brief=False, **kw)  # type: ignore[arg-type]


def _follow(store: Store, site: FeedSite, path: str, route: Route) -> int:
    site.routes[path] = route
    feed, _ = FeedStore(store).add(site.url(path))
    return feed.id


def test_new_items_arrive_once_as_the_feed_changes(site: FeedSite, settings: Settings) -> None:
    with Store.open(":memory:") as store:
        route = Route(rss("Ledger", [item("flood", k) for k in range(3)]))
        feed_id = _follow(store, site, "/ledger.xml", route)
        first = _poll(store, settings)
        assert (first.polled, first.entries, first.added) == (1, 3, 3)
        again = _poll(store, settings)  # same feed, no validators: every entry already taken
        assert (again.entries, again.added) == (0, 0)
        route.body = rss("Ledger", [item("flood", k) for k in range(4)])  # one new item on top
        third = _poll(store, settings)
        assert (third.entries, third.added) == (1, 1)
        feed = FeedStore(store).get(feed_id)
        assert feed is not None and feed.items == 4 and feed.status == "ok"
        assert feed.title == "Ledger"
        assert store.count("documents") == 4
        assert store.count_stories() >= 1


def test_etag_is_sent_back_and_304_keeps_everything(site: FeedSite, settings: Settings) -> None:
    with Store.open(":memory:") as store:
        route = Route(rss("Post", [item("fire", 0)]), etag='"v1"')
        feed_id = _follow(store, site, "/post.xml", route)
        _poll(store, settings)
        second = _poll(store, settings)
        assert second.not_modified == 1 and second.added == 0
        assert site.conditional["/post.xml"] == 1  # the second request carried If-None-Match
        feed = FeedStore(store).get(feed_id)
        assert feed is not None
        assert feed.etag == '"v1"' and feed.last_status == 304 and feed.items == 1


def test_last_modified_is_sent_back(site: FeedSite, settings: Settings) -> None:
    with Store.open(":memory:") as store:
        stamp = http_date(1_628_586_000)
        route = Route(rss("Post", [item("fire", 0)]), last_modified=stamp)
        _follow(store, site, "/lm.xml", route)
        _poll(store, settings)
        assert _poll(store, settings).not_modified == 1
        assert site.conditional["/lm.xml"] == 1


@pytest.mark.parametrize(
    ("route", "problem", "requests"),
    [
        # gone: recorded at once, no retry
        (Route(b"", status=404), "HTTP 404", 1),
        # server error: retried once (feed_retries=1), then recorded
        (Route(b"", status=500), "HTTP 500", 2),
        # malformed XML with no entry to salvage
        (
            Route(b"<rss version='2.0'><channel><title>Broken &amp</titl></rss>"),
            "not a readable",
            1,
        ),
        # a web page, not a feed
        (Route(b"<html><body>Maintenance</body></html>", content_type="text/html"), "not a", 1),
        # a Content-Length over feed_max_bytes: refused before reading
        (Route(b"x" * 10, declared_length=50_000_000), "over", 1),
        # too slow: the time limit passes (and the retry too)
        (Route(rss("Slow", []), delay=1.6), "timed out", 2),
    ],
    ids=["404", "500", "malformed", "html", "oversized-declared", "slow"],
)
def test_a_failing_feed_records_its_error_and_loses_nothing(
    site: FeedSite, settings: Settings, route: Route, problem: str, requests: int
) -> None:
    with Store.open(":memory:") as store:
        good = Route(rss("Herald", [item("election", k) for k in range(2)]), etag='"e"')
        feed_id = _follow(store, site, "/herald.xml", good)
        assert _poll(store, settings).added == 2
        site.routes["/herald.xml"] = route
        site.requests.clear()
        report = _poll(store, settings)
        assert report.failed == 1 and report.added == 0
        assert site.requests["/herald.xml"] == requests
        feed = FeedStore(store).get(feed_id)
        assert feed is not None
        assert feed.status == "failing" and feed.failures == 1
        assert feed.last_error is not None and problem in feed.last_error
        assert feed.etag == '"e"' and feed.items == 2  # validators and counts kept
        assert feed.next_poll_at > feed.last_poll_at  # type: ignore[operator]
        assert store.count("documents") == 2  # nothing stored is lost
        assert len(FeedStore(store).seen(feed_id)) == 4  # guid and link of both entries
        site.routes["/herald.xml"] = Route(rss("Herald", [item("election", k) for k in range(3)]))
        recovered = _poll(store, settings)
        assert recovered.added == 1
        feed = FeedStore(store).get(feed_id)
        assert feed is not None and feed.status == "ok" and feed.failures == 0
        assert feed.last_error is not None  # the last error stays visible after recovery


def test_a_body_without_length_is_cut_at_the_limit(site: FeedSite, settings: Settings) -> None:
    small = replace(settings, feed_max_bytes=20_000)
    with Store.open(":memory:") as store:
        big = rss("Big", [item("flood", k % 6, guid=f"g{k}") for k in range(40)])
        assert len(big) > 20_000
        feed_id = _follow(store, site, "/big.xml", Route(big, stream=True))
        assert _poll(store, small).failed == 1
        feed = FeedStore(store).get(feed_id)
        assert feed is not None and "over 20,000 bytes" in (feed.last_error or "")


def test_failures_back_off_and_the_feed_is_not_due_meanwhile(
    site: FeedSite, settings: Settings
) -> None:
    with Store.open(":memory:") as store:
        feed_id = _follow(store, site, "/down.xml", Route(b"", status=404))
        now = utc_now()
        with Fetcher(settings, backoff=0.01) as fetcher:
            poll_due(store, settings, fetcher=fetcher, now=now, brief=False)
            first = FeedStore(store).get(feed_id)
            assert first is not None
            poll_due(store, settings, fetcher=fetcher, now=first.next_poll_at, brief=False)
            second = FeedStore(store).get(feed_id)
            assert second is not None and second.failures == 2
            # the pause doubles: two intervals after the second failure
            gap = (second.next_poll_at - first.next_poll_at).total_seconds()
            assert gap == 2 * settings.feed_interval
            assert FeedStore(store).due(first.next_poll_at) == []
            report = poll_due(store, settings, fetcher=fetcher, now=first.next_poll_at)
            assert report.polled == 0


def test_permanent_redirect_moves_the_feed_temporary_does_not(
    site: FeedSite, settings: Settings
) -> None:
    with Store.open(":memory:") as store:
        site.routes["/new.xml"] = Route(rss("Moved", [item("fire", 1)]))
        moved = _follow(store, site, "/old.xml", Route(redirect=site.url("/new.xml")))
        site.routes["/tmp.xml"] = Route(rss("Tmp", [item("fire", 2)]))
        temp = _follow(
            store, site, "/away.xml", Route(redirect=site.url("/tmp.xml"), redirect_status=302)
        )
        assert _poll(store, settings).added == 2
        feeds = FeedStore(store)
        assert feeds.get(moved).url == site.url("/new.xml")  # type: ignore[union-attr]
        assert feeds.get(temp).url == site.url("/away.xml")  # type: ignore[union-attr]


def test_a_redirect_loop_is_an_error(site: FeedSite, settings: Settings) -> None:
    with Store.open(":memory:") as store:
        site.routes["/b.xml"] = Route(redirect=site.url("/a.xml"))
        feed_id = _follow(store, site, "/a.xml", Route(redirect=site.url("/b.xml")))
        assert _poll(store, settings).failed == 1
        feed = FeedStore(store).get(feed_id)
        assert feed is not None and "redirects" in (feed.last_error or "")


def test_summary_only_entries_read_the_article_page(site: FeedSite, settings: Settings) -> None:
    with Store.open(":memory:") as store:
        full = item("fire", 3)
        site.routes["/fire/3"] = Route(
            article_page(full.title, full.text), content_type="text/html; charset=utf-8"
        )
        teaser = replace(
            full, text="A fire hit a plant near Lindale.", link=site.url("/fire/3"), content=False
        )
        _follow(store, site, "/teasers.xml", Route(rss("Teasers", [teaser])))
        assert _poll(store, settings).added == 1
        assert site.requests["/fire/3"] == 1
        (stored,) = store.story_documents(store.stories()[0].id)
        assert "Firefighters" in stored.document.text or "Castor" in stored.document.text
        assert len(stored.document.text) > len(teaser.text)
        assert stored.document.title == full.title  # the feed's metadata is kept


def test_summary_kept_when_the_article_page_fails(site: FeedSite, settings: Settings) -> None:
    with Store.open(":memory:") as store:
        teaser = replace(
            item("flood", 2),
            text="Floods in Riverton forced residents from their homes on Tuesday.",
            link=site.url("/gone"),
            content=False,
        )
        _follow(store, site, "/t.xml", Route(rss("T", [teaser])))
        assert _poll(store, settings).added == 1


def test_duplicates_by_guid_link_and_text(site: FeedSite, settings: Settings) -> None:
    with Store.open(":memory:") as store:
        a = item("election", 0)
        route = Route(rss("A", [a]))
        _follow(store, site, "/a.xml", route)
        _poll(store, settings)
        route.body = rss(
            "A",
            [
                replace(a, link="https://news.example/other"),  # same guid, new link
                replace(a, guid="renamed"),  # new guid, same link
            ],
        )
        assert _poll(store, settings).entries == 0
        # another feed carrying the very same text under its own keys
        _follow(store, site, "/b.xml", Route(rss("B", [replace(a, guid="b-1", link=None)])))
        report = _poll(store, settings)
        assert (report.entries, report.added, report.existing) == (1, 0, 1)
        assert store.count("documents") == 1


def test_one_request_at_a_time_per_host(site: FeedSite, settings: Settings) -> None:
    with Store.open(":memory:") as store:
        for k in range(4):
            _follow(store, site, f"/f{k}.xml", Route(rss(f"F{k}", [item("fire", k)]), delay=0.1))
        report = _poll(store, replace(settings, feed_workers=4))
        assert report.polled == 4 and report.failed == 0
        assert site.most_busy == 1


def test_no_feeds_is_an_empty_round() -> None:
    with Store.open(":memory:") as store:
        report = poll_due(store, Settings(), now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
        assert report.polled == 0

"""Feed rows: add once, remove keeps reports, due order, poll records saved as given."""

from __future__ import annotations

import datetime as dt

from newsbrief.store import Store
from newsbrief.store.feeds import FeedStore, PollRecord

T0 = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)


def test_add_is_idempotent_and_due_at_once() -> None:
    with Store.open(":memory:") as store:
        feeds = FeedStore(store)
        first, new = feeds.add("https://a.example/rss", title="A", interval_s=60)
        again, new_again = feeds.add("https://a.example/rss")
        assert new and not new_again and again == first
        assert first.status == "new" and first.interval_s == 60
        assert feeds.due(first.added_at) == [first]


def test_records_round_trip_and_failures_count() -> None:
    with Store.open(":memory:") as store:
        feeds = FeedStore(store)
        feed, _ = feeds.add("https://a.example/rss")
        ok = PollRecord(
            feed.id,
            T0,
            T0 + dt.timedelta(minutes=15),
            status=200,
            etag='"x"',
            last_modified="Tue, 10 Aug 2021 09:00:00 GMT",
            title="The A",
            keys=("id:1", "url:https://a.example/1"),
            added=1,
        )
        bad = PollRecord(
            feed.id,
            T0 + dt.timedelta(minutes=15),
            T0 + dt.timedelta(hours=1),
            status=503,
            error="HTTP 503 Service Unavailable",
        )
        feeds.record([ok])
        feeds.record([bad])
        feeds.record([bad])
        row = feeds.get(feed.id)
        assert row is not None
        assert (row.status, row.failures, row.items) == ("failing", 2, 1)
        assert (row.etag, row.title, row.last_status) == ('"x"', "The A", 503)
        assert row.last_success_at == T0 and row.last_error_at == bad.polled_at
        assert row.next_poll_at == bad.next_poll_at
        assert feeds.seen(feed.id) == {"id:1", "url:https://a.example/1"}
        assert feeds.due(T0 + dt.timedelta(minutes=30)) == []
        assert feeds.next_due() == bad.next_poll_at
        as_dict = row.as_dict()
        assert as_dict["status"] == "failing" and as_dict["last_success_at"] == T0.isoformat()


def test_remove_by_url_or_id_forgets_keys_keeps_reports() -> None:
    import storydata
    from newsbrief.stories import ingest_reports

    with Store.open(":memory:") as store:
        feeds = FeedStore(store)
        a, _ = feeds.add("https://a.example/rss")
        b, _ = feeds.add("https://b.example/rss")
        feeds.record([PollRecord(a.id, T0, T0, status=200, keys=("id:1",))])
        ingest_reports(store, storydata.documents(per_event=1), brief=False)
        removed = feeds.remove("https://a.example/rss")
        assert removed is not None and removed.id == a.id
        assert feeds.get(a.id) is None and feeds.seen(a.id) == frozenset()
        assert feeds.remove(b.id) is not None and feeds.all() == []
        assert feeds.remove("https://nowhere.example/") is None
        assert store.count("documents") == 3


def test_a_feed_removed_during_a_poll_is_not_recorded() -> None:
    with Store.open(":memory:") as store:
        feeds = FeedStore(store)
        gone, _ = feeds.add("https://gone.example/rss")
        kept, _ = feeds.add("https://kept.example/rss")
        feeds.remove(gone.id)
        feeds.record(
            [
                PollRecord(gone.id, T0, T0, status=200, keys=("id:1",), added=1),
                PollRecord(kept.id, T0, T0, status=200, keys=("id:2",), added=1),
            ]
        )
        assert feeds.get(gone.id) is None and feeds.seen(gone.id) == frozenset()
        row = feeds.get(kept.id)
        assert row is not None and row.items == 1 and feeds.seen(kept.id) == {"id:2"}

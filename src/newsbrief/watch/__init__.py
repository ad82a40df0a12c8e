"""Following live feeds: polite fetching, new entries stored once, polling until stopped.

>>> from newsbrief.store import Store
>>> from newsbrief.watch import poll_due
>>> with Store.open(":memory:") as store:
...     poll_due(store).polled
0
"""

from __future__ import annotations

from newsbrief.watch.entries import FeedEntry, ParsedFeed, read_feed
from newsbrief.watch.http import Fetcher, FetchError, HostGate, Response, check_url
from newsbrief.watch.opml import Subscription, read_opml
from newsbrief.watch.poll import FeedPoll, RoundReport, poll_due, poll_feed, watch

__all__ = [
    "FeedEntry",
    "FeedPoll",
    "FetchError",
    "Fetcher",
    "HostGate",
    "ParsedFeed",
    "Response",
    "RoundReport",
    "Subscription",
    "check_url",
    "poll_due",
    "poll_feed",
    "read_feed",
    "read_opml",
    "watch",
]

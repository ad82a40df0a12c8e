"""A local feed site per test, fast poll settings, and feed items about made-up events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from feedserver import FeedSite, serve
from newsbrief.config import Settings

pytest.importorskip("httpx")
pytest.importorskip("feedparser")


@pytest.fixture
def site() -> Iterator[FeedSite]:
    """A feed site on a free loopback port, empty until a test adds routes."""
    with serve(FeedSite()) as running:
        yield running


@pytest.fixture
def settings() -> Settings:
    """No pause between requests to one host, one retry, a short time limit."""
    return replace(Settings(), feed_host_interval=0.0, feed_retries=1, feed_timeout=1.0)

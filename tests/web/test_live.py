"""The app under a real uvicorn server: concurrent readers all get whole answers."""

from __future__ import annotations

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from storydata import story_id_of

REQUESTS = 120
WORKERS = 12


def _fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:  # loopback only
        return response.status, response.read()


def test_concurrent_readers(live_server: str, story_db: str) -> None:
    sid = story_id_of(story_db, "flood-0")
    urls = [
        f"{live_server}/api/stories",
        f"{live_server}/stories/{sid}",
        f"{live_server}/api/stories/{sid}",
        f"{live_server}/?q=Riverton",
    ]
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(_fetch, [urls[i % len(urls)] for i in range(REQUESTS)]))
    assert all(status == 200 for status, _ in results)
    lists = {
        body
        for (status, body), i in zip(results, range(REQUESTS), strict=True)
        if i % len(urls) == 0
    }
    assert len(lists) == 1  # every reader saw the same committed state
    assert json.loads(next(iter(lists)))["total"] == 4

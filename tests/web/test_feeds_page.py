"""The feeds page and API: follow, list, remove; every change guarded against other sites.

Each test gets its own store (the shared story store stays untouched).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsbrief.store import Store
from newsbrief.store.feeds import FeedStore, PollRecord, utc_now

JSON = {"content-type": "application/json"}


def _client(db: str, **options: Any) -> Any:
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    return TestClient(create_app(db, **options))


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "feeds.sqlite")
    Store.open(path).close()
    return path


@pytest.fixture
def client(db: str) -> Iterator[Any]:
    yield _client(db)


def _csrf(client: Any) -> str:
    page = client.get("/feeds")
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, "the feeds page carries a CSRF token"
    return match.group(1)


def test_add_list_and_remove_through_the_page(client: Any, db: str) -> None:
    token = _csrf(client)
    added = client.post(
        "/feeds",
        data={"url": "https://ledger.example/rss", "interval": "600", "csrf": token},
        follow_redirects=False,
    )
    assert added.status_code == 303 and added.headers["location"].startswith("/feeds?added=")
    page = client.get(added.headers["location"])
    assert "Following feed" in page.text and "https://ledger.example/rss" in page.text
    with Store.open(db) as store:
        (feed,) = FeedStore(store).all()
        assert feed.interval_s == 600
    removed = client.post(f"/feeds/{feed.id}/remove", data={"csrf": token}, follow_redirects=False)
    assert removed.status_code == 303
    assert "Stopped following" in client.get(removed.headers["location"]).text
    assert client.get("/api/feeds").json() == []


def test_page_shows_status_and_errors_escaped(client: Any, db: str) -> None:
    with Store.open(db) as store:
        feeds = FeedStore(store)
        feed, _ = feeds.add("https://bad.example/rss")
        now = utc_now()
        feeds.record([PollRecord(feed.id, now, now, status=500, error="<b>HTTP 500</b>")])
    page = client.get("/feeds").text
    assert "failing" in page and "1 failure in a row" in page
    assert "&lt;b&gt;HTTP 500&lt;/b&gt;" in page and "<b>HTTP 500" not in page
    (row,) = client.get("/api/feeds").json()
    assert row["status"] == "failing" and row["last_error"] == "<b>HTTP 500</b>"


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        ({"url": "javascript:alert(1)"}, "not an http(s) URL"),  # only http(s)
        ({"url": "file:///etc/passwd"}, "not an http(s) URL"),
        ({"url": "https://x.example/rss", "interval": "5"}, "interval"),  # too often
        ({"url": "https://x.example/rss", "interval": "soon"}, "interval"),
    ],
)
def test_bad_feed_is_refused_with_a_message(
    client: Any, db: str, form: dict[str, str], problem: str
) -> None:
    answer = client.post("/feeds", data={**form, "csrf": _csrf(client)})
    assert answer.status_code == 400 and problem in answer.text
    assert client.get("/api/feeds").json() == []


@pytest.mark.parametrize(
    ("headers", "with_csrf"),
    [
        ({}, False),  # no CSRF token in the form
        ({"origin": "https://evil.example"}, True),  # another site's page
        ({"sec-fetch-site": "cross-site"}, True),  # the browser says cross-site
        ({"origin": "null"}, True),  # a sandboxed or file: page
    ],
)
def test_cross_site_form_posts_are_refused(
    client: Any, headers: dict[str, str], with_csrf: bool
) -> None:
    form = {"url": "https://x.example/rss"}
    if with_csrf:
        form["csrf"] = _csrf(client)
    answer = client.post("/feeds", data=form, headers=headers)
    assert answer.status_code == 403
    assert client.get("/api/feeds").json() == []


def test_api_needs_json_and_adds_once(client: Any) -> None:
    plain = client.post("/api/feeds", content=b'{"url": "https://x.example/rss"}')
    assert plain.status_code == 403  # a cross-site form could send text/plain
    assert plain.json()["error"]["status"] == 403
    first = client.post("/api/feeds", json={"url": "https://x.example/rss"})
    again = client.post("/api/feeds", json={"url": "https://x.example/rss"})
    assert (first.status_code, again.status_code) == (201, 200)
    feed_id = first.json()["id"]
    assert client.delete(f"/api/feeds/{feed_id}").status_code == 200
    missing = client.delete(f"/api/feeds/{feed_id}")
    assert missing.status_code == 404 and "no followed feed" in missing.json()["error"]["message"]
    assert client.post("/api/feeds", content=b"{", headers=JSON).status_code == 400
    assert client.post("/api/feeds", json={"href": "x"}).status_code == 400


def test_write_token_required_when_set(db: str) -> None:
    client = _client(db, write_token="s3cret")
    assert client.post("/api/feeds", json={"url": "https://x.example/rss"}).status_code == 403
    wrong = {"authorization": "Bearer nope"}
    assert (
        client.post("/api/feeds", json={"url": "https://x.example/rss"}, headers=wrong).status_code
        == 403
    )
    good = {"authorization": "Bearer s3cret"}
    assert (
        client.post("/api/feeds", json={"url": "https://x.example/rss"}, headers=good).status_code
        == 201
    )
    page = client.get("/feeds").text
    assert 'name="token"' in page  # the forms ask for it
    csrf = _csrf(client)
    form = {"url": "https://y.example/rss", "csrf": csrf}
    assert client.post("/feeds", data=form).status_code == 403
    ok = client.post("/feeds", data={**form, "token": "s3cret"}, follow_redirects=False)
    assert ok.status_code == 303


def test_feeds_page_keeps_the_csp(client: Any) -> None:
    answer = client.get("/feeds")
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert "<script>" not in answer.text and "style=" not in answer.text

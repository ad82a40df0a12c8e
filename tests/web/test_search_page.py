"""The search page and API over the shared story store: ranking, snippets, odd queries."""

from __future__ import annotations

from typing import Any

import pytest

from storydata import story_id_of


def test_flood_story_first_with_snippet(client: Any, story_db: str) -> None:
    body = client.get("/api/search", params={"q": "Riverton"}).json()
    assert body["mode"] == "all" and body["total"] >= 1
    first = body["hits"][0]
    assert first["id"] == story_id_of(story_db, "flood-0")
    assert any(p["mark"] and p["text"] == "Riverton" for p in first["snippet_parts"])
    page = client.get("/search", params={"q": "Riverton"}).text
    assert "<mark>Riverton</mark>" in page


@pytest.mark.parametrize(
    ("q", "note"),
    [
        ("C++", "Nothing to search for"),
        ('"', "Nothing to search for"),
        ("Saarinen Lindale", "No story has every word"),
    ],
)
def test_odd_queries_say_what_happened(client: Any, q: str, note: str) -> None:
    body = client.get("/api/search", params={"q": q}).json()
    assert any(note in n for n in body["notes"])
    if note.startswith("Nothing"):
        assert body["hits"] == [] and body["total"] == 0
    assert note in client.get("/search", params={"q": q}).text


def test_page_past_the_last(client: Any) -> None:
    body = client.get("/api/search", params={"q": "Riverton", "page": 40}).json()
    assert body["past_last_page"] and body["hits"] == []
    assert "Page 40 is past the last page (1)." in body["notes"]
    page = client.get("/search", params={"q": "Riverton", "page": 40}).text
    assert "Go to page 1" in page and "No story matches" not in page
    assert client.get("/api/search", params={"q": "x", "page": 10_000}).status_code == 400


def test_hostile_report_text_is_escaped_in_snippets(client: Any) -> None:
    page = client.get("/search", params={"q": "Eastvale bridge"}).text
    assert "<script>" not in page and "<img" not in page and "<svg" not in page
    assert "&lt;script&gt;" in page or "&lt;img" in page  # shown as text

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


@pytest.mark.parametrize(
    ("fmt", "media", "marker"),
    [
        ("md", "text/markdown", "# "),  # Markdown headline
        ("json", "application/json", '"schema": "newsbrief.briefing/1"'),
        ("html", "text/html", "<h1>"),
    ],
)
def test_briefing_downloads(client: Any, story_db: str, fmt: str, media: str, marker: str) -> None:
    sid = story_id_of(story_db, "flood-0")
    answer = client.get(f"/stories/{sid}/briefing.{fmt}")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
    assert f'filename="story-{sid}.{fmt}"' in answer.headers["content-disposition"]
    assert marker in answer.text and "Riverton" in answer.text
    assert f"/stories/{sid}/briefing.{fmt}" in client.get(f"/stories/{sid}").text


def test_download_of_a_missing_story_or_format(client: Any) -> None:
    assert client.get("/stories/999999/briefing.md").status_code == 404
    assert client.get("/stories/1/briefing.pdf").status_code in (400, 404)


def test_downloaded_json_is_the_stored_briefing(client: Any, story_db: str) -> None:
    sid = story_id_of(story_db, "election-0")
    stored = client.get(f"/api/stories/{sid}").json()["briefing"]
    assert client.get(f"/stories/{sid}/briefing.json").json() == stored

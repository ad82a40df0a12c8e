"""The JSON API and pages through an in-process client: data, one error shape, limits."""

from __future__ import annotations

import re
from typing import Any

import pytest

from storydata import report_id_of, story_id_of

ERROR_KEYS = {"status", "message"}


def _error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status
    return str(body["error"]["message"])


def test_story_list(client: Any) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 4 and len(body["stories"]) == 4
    first = body["stories"][0]
    assert {"id", "headline", "first_date", "last_date", "n_reports", "n_sources"} <= set(first)
    dates = [s["last_date"] for s in body["stories"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=Riverton", {"flood-0"}),  # full-text search over the reports
        ("search=Saarinen%20coalition", {"election-0"}),  # every word required
        ("search=%22%3B%20DROP%20TABLE", set()),  # FTS syntax is quoted away
        ("since=2021-08-12", {"election-0", "fire-0"}),  # seen on or after
        ("until=2021-08-09", {"xss-1"}),  # begun on or before
    ],
)
def test_story_filters(client: Any, story_db: str, query: str, expected: set[str]) -> None:
    body = client.get(f"/api/stories?{query}").json()
    assert {s["id"] for s in body["stories"]} == {story_id_of(story_db, e) for e in expected}
    assert body["total"] == len(expected)


def test_story_detail_has_the_briefing_and_numbered_reports(client: Any, story_db: str) -> None:
    sid = story_id_of(story_db, "fire-0")
    body = client.get(f"/api/stories/{sid}").json()
    assert body["story"]["id"] == sid and body["briefing_current"] is True
    briefing = body["briefing"]
    assert briefing["schema"].startswith("newsbrief.briefing/") and briefing["summary"]
    numbered = [r for r in body["reports"] if r["number"]]
    assert [r["number"] for r in numbered] == list(range(1, len(briefing["sources"]) + 1))
    assert body["changes"]["first"] is True


def test_report_detail(client: Any, story_db: str) -> None:
    rid = report_id_of(story_db, "flood-1")
    body = client.get(f"/api/reports/{rid}").json()
    pieces = body["pieces"]
    assert "".join(p["text"] for p in pieces) == body["text"]
    assert all(
        body["text"][p["start"] : p["end"]] == p["text"]
        for p in pieces
        if p["sentence"] is not None
    )


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/stories/999999", 404),  # no such story
        ("get", "/api/reports/999999", 404),  # no such report
        ("get", "/api/nothing-here", 404),  # no such route
        ("get", "/api/stories/abc", 400),  # id is not a number
        ("get", "/api/stories?since=yesterday", 400),  # not an ISO date
        ("get", "/api/stories?limit=0", 400),  # out of range
        ("get", "/api/stories?limit=100000", 400),  # out of range
        ("delete", "/api/stories/1", 405),  # read-only API
    ],
)
def test_errors_have_one_shape(client: Any, method: str, url: str, status: int) -> None:
    _error(getattr(client, method)(url), status)


def test_oversized_bodies_are_refused(client: Any) -> None:
    assert "over 4096 bytes" in _error(client.post("/api/stories", content=b"x" * 5000), 413)
    chunks = (b"y" * 1024 for _ in range(8))  # streamed, no Content-Length
    _error(client.post("/api/stories", content=chunks), 413)
    _error(client.get("/api/stories?search=" + "a" * 5000), 414)


def test_pages_carry_a_strict_policy_and_no_inline_script(client: Any, story_db: str) -> None:
    sid = story_id_of(story_db, "flood-0")
    for url in ("/", f"/stories/{sid}", "/api", "/nope"):
        response = client.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        scripts = re.findall(r"<script[^>]*>", response.text)
        assert all('src="/static/' in s for s in scripts)
        assert " style=" not in response.text  # inline styles would break the policy


def test_html_errors_are_pages(client: Any) -> None:
    response = client.get("/stories/999999")
    assert response.status_code == 404 and "no story 999999" in response.text
    assert client.get("/?since=bad").status_code == 400


def test_story_page_links_citations_to_evidence(client: Any, story_db: str) -> None:
    sid = story_id_of(story_db, "election-0")
    html = client.get(f"/stories/{sid}").text
    targets = re.findall(r'class="cite" href="#(s-\d+-\d+)"', html)
    assert targets
    for target in set(targets):
        assert f'id="{target}"' in html


def test_hostile_markup_is_inert(client: Any, story_db: str) -> None:
    sid = story_id_of(story_db, "xss-1")
    rid = report_id_of(story_db, "xss-1")
    for url in (f"/stories/{sid}", f"/reports/{rid}", "/", "/?q=Eastvale"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<script>document" not in html
        assert "<img src=x" not in html and "<svg onload" not in html
        assert "<b onmouseover" not in html
        assert 'href="javascript:' not in html
    html = client.get(f"/reports/{rid}").text
    assert "&lt;script&gt;document.title" in html


def test_openapi_documents_the_api_and_its_error_shape(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/reports/{report_id}"} <= set(
        schema["paths"]
    )
    assert "ErrorResponse" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # the CDN-based page is off


def test_health(client: Any) -> None:
    assert client.get("/api/health").json() == {"status": "ok", "reports": 10, "stories": 4}


def test_missing_store_is_a_clean_503(tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    client = TestClient(create_app(str(tmp_path / "absent.sqlite")))
    assert "newsbrief ingest" in _error(client.get("/api/stories"), 503)

"""The search page and API: stories ranked by relevance, each with a snippet of its best report.

Odd queries get a plain answer instead of a surprising list: nothing searchable
(``"``, ``C++``, ``?``) says so and lists nothing; a page past the last says so
and links to the last; when no story has every word, stories with any word are
listed under a line that says so.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse

from newsbrief.store import Store
from newsbrief.store.search import (
    MARK_END,
    MARK_START,
    MAX_CANDIDATES,
    SearchResult,
    StoryHit,
    parse_query,
    search_stories,
)
from newsbrief.web.views import story_summary

PAGE_SIZE = 20
MAX_PAGE = MAX_CANDIDATES // PAGE_SIZE


def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """A snippet as text pieces, each marked or not (the template escapes each)."""
    parts: list[dict[str, Any]] = []
    for chunk in snippet.split(MARK_START):
        marked, sep, rest = chunk.partition(MARK_END)
        if sep:
            parts.append({"text": marked, "mark": True})
            chunk = rest
        if chunk:
            parts.append({"text": chunk.replace(MARK_END, ""), "mark": False})
    return [p for p in parts if p["text"]]


def hit_view(hit: StoryHit) -> dict[str, Any]:
    """One search hit as the page and the API show it."""
    out = story_summary(hit.story)
    out.update(
        {
            "score": round(-hit.score, 4),
            "headline_match": hit.headline_match,
            "matching_reports": hit.matching_reports,
            "report_id": hit.report_id,
            "report_title": hit.report_title,
            "snippet": hit.snippet.replace(MARK_START, "").replace(MARK_END, ""),
            "snippet_parts": snippet_parts(hit.snippet),
        }
    )
    return out


def run_search(db_path: str, q: str, page: int) -> dict[str, Any]:
    """One page of results for ``q``, with the notes the page shows."""
    query = parse_query(q)
    with Store.open(db_path, readonly=True) as store:
        result: SearchResult = search_stories(
            store, query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
    pages = max(1, -(-result.total // PAGE_SIZE))
    notes = []
    if result.mode == "none" and q.strip():
        notes.append(
            f"Nothing to search for in “{q[:100]}”: search looks for words of two or more "
            "letters or digits."
        )
    if result.mode == "any":
        notes.append("No story has every word; these have some of them.")
    if query.dropped and query.words:
        notes.append("Ignored (too short): " + ", ".join(query.dropped[:10]) + ".")
    past = result.total > 0 and page > pages
    if past:
        notes.append(f"Page {page} is past the last page ({pages}).")
    return {
        "q": q,
        "words": list(query.words),
        "mode": result.mode,
        "total": result.total,
        "page": page,
        "pages": pages,
        "past_last_page": past,
        "notes": notes,
        "hits": [hit_view(h) for h in result.hits],
    }


def register(app: FastAPI) -> None:
    """Add ``/search`` and ``/api/search``."""

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: Annotated[str, Query(max_length=200)] = "",
        page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    ) -> HTMLResponse:
        results = run_search(request.app.state.db_path, q, page)
        html = request.app.state.templates.get_template("search.html").render(
            request=request, results=results, q=q
        )
        return HTMLResponse(html)

    @app.get("/api/search", tags=["api"])
    def api_search(
        request: Request,
        q: Annotated[str, Query(max_length=200)] = "",
        page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    ) -> dict[str, Any]:
        """Stories ranked by relevance (bm25; headline matches first), with snippets."""
        return run_search(request.app.state.db_path, q, page)

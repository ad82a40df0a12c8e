"""The feeds page and API: follow a feed, stop following one, see how each is doing.

These are the app's only routes that write, and they write only the feed tables
(each change one small transaction beside ``watch``, which stores the reports). Every
change goes through :func:`newsbrief.web.writes.check_write`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsbrief.errors import NewsbriefError
from newsbrief.store import Store
from newsbrief.store.feeds import FeedRow, FeedStore, utc_now
from newsbrief.web.text import ago
from newsbrief.web.writes import BadForm, check_write, read_form

MAX_INTERVAL_S = 7 * 24 * 3600


class UnknownFeed(NewsbriefError):
    """A feed id that is not followed."""

    status = 404


def feed_view(feed: FeedRow, now: dt.datetime) -> dict[str, Any]:
    """A feed as the page and the API show it."""
    out = feed.as_dict()
    out["last_success_ago"] = ago(feed.last_success_at, now)
    out["last_error_ago"] = ago(feed.last_error_at, now) if feed.last_error_at else None
    out["next_poll_in_s"] = max(0, int((feed.next_poll_at - now).total_seconds()))
    return out


def _feeds(request: Request) -> list[dict[str, Any]]:
    now = utc_now()
    with Store.open(request.app.state.db_path, readonly=True) as store:
        return [feed_view(f, now) for f in FeedStore(store).all()]


def _add(request: Request, url: str, interval: str | None) -> tuple[FeedRow, bool]:
    from newsbrief.watch import check_url

    seconds = None
    if interval:
        if not interval.strip().isdigit() or not 60 <= int(interval) <= MAX_INTERVAL_S:
            raise BadForm(f"interval: a whole number of seconds, 60 to {MAX_INTERVAL_S}")
        seconds = int(interval)
    clean = check_url(url)
    if len(clean) > 2000:
        raise BadForm("the URL is over 2,000 characters")
    with Store.open(request.app.state.db_path) as store:
        return FeedStore(store).add(clean, interval_s=seconds)


def _remove(request: Request, feed_id: int) -> FeedRow:
    with Store.open(request.app.state.db_path) as store:
        row = FeedStore(store).remove(feed_id)
    if row is None:
        raise UnknownFeed(f"no followed feed {feed_id}")
    return row


def _page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    state = request.app.state
    html = state.templates.get_template("feeds.html").render(
        request=request,
        feeds=_feeds(request),
        csrf=state.csrf_token,
        needs_token=bool(getattr(state, "write_token", None)),
        **context,
    )
    return HTMLResponse(html, status)


def register(app: FastAPI) -> None:
    """Add the feeds page, its form handlers and the feeds API."""

    @app.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
    def feeds_page(
        request: Request, added: int | None = None, removed: str | None = None
    ) -> Response:
        notice = None
        if added is not None:
            notice = f"Following feed {added}; 'watch' polls it next."
        elif removed:
            notice = f"Stopped following {removed[:300]}; its reports stay."
        return _page(request, notice=notice)

    @app.post("/feeds", response_class=HTMLResponse, include_in_schema=False)
    async def feeds_add(request: Request) -> Response:
        form = read_form(await request.body())
        check_write(request.headers, request.app.state, form=form)
        try:
            feed, _ = await _threaded(_add, request, form.get("url", ""), form.get("interval"))
        except NewsbriefError as exc:
            if exc.status >= 500:
                raise
            return _page(request, 400, problem=exc.message, url=form.get("url", ""))
        return RedirectResponse(f"/feeds?added={feed.id}", status_code=303)

    @app.post("/feeds/{feed_id}/remove", response_class=HTMLResponse, include_in_schema=False)
    async def feeds_remove(request: Request, feed_id: int) -> Response:
        form = read_form(await request.body())
        check_write(request.headers, request.app.state, form=form)
        row = await _threaded(_remove, request, feed_id)
        from urllib.parse import quote

        return RedirectResponse(f"/feeds?removed={quote(row.url, safe='')}", status_code=303)

    @app.get("/api/feeds", tags=["api"])
    def api_feeds(request: Request) -> list[dict[str, Any]]:
        """The followed feeds: status (new, ok, failing), last success, last error, items."""
        return _feeds(request)

    @app.post("/api/feeds", tags=["api"], status_code=201)
    async def api_feeds_add(request: Request) -> Response:
        """Follow a feed: body ``{"url": …, "interval": seconds?}``; 200 when already followed."""
        check_write(request.headers, request.app.state, api=True)
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadForm(f"the body is not JSON ({exc})") from exc
        if not isinstance(body, dict) or not isinstance(body.get("url"), str):
            raise BadForm('expected {"url": "https://…"}')
        interval = body.get("interval")
        feed, new = await _threaded(_add, request, body["url"], str(interval or ""))
        payload = json.dumps(feed_view(feed, utc_now()))
        return Response(payload, 201 if new else 200, media_type="application/json")

    @app.delete("/api/feeds/{feed_id}", tags=["api"])
    def api_feeds_remove(request: Request, feed_id: int) -> dict[str, Any]:
        """Stop following a feed (its reports stay)."""
        check_write(request.headers, request.app.state, api=True, body=False)
        return {"removed": _remove(request, feed_id).as_dict()}


async def _threaded(func: Any, *args: Any) -> Any:
    """Run a store call off the event loop."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(func, *args)

"""Live updates over server-sent events: ``/api/events`` tells open pages that the store changed.

Each connection checks the store once a second (:func:`change_stamp`, a few index
lookups; a story page checks its story's version, the feeds page the feeds' poll
state) and sends ``change`` when the value moves, so the story list, an open story
and the feeds page refresh within seconds of ``watch`` storing a report. A
connection ends after :data:`MAX_STREAM_S` (the browser reconnects by itself, after
the ``retry`` it was given), or when the client goes away.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from newsbrief.errors import StoreError
from newsbrief.store import Store
from newsbrief.store.listing import change_stamp, feeds_stamp

CHECK_EVERY_S = 1.0
MAX_STREAM_S = 120.0
PING_EVERY_S = 15.0
RETRY_MS = 2000


def current(db_path: str, story_id: int | None) -> dict[str, Any]:
    """What a page watches: the stories' stamp, the feeds' stamp, or one story's version."""
    with Store.open(db_path, readonly=True) as store:
        out: dict[str, Any] = {"stamp": change_stamp(store), "feeds": feeds_stamp(store)}
        if story_id is not None:
            story = store.story(story_id)
            if story is None:
                out["story"] = None
            else:
                latest = store.briefings(story.id, limit=1)
                out["story"] = {
                    "id": story.id,
                    "version": story.version,
                    "briefing": latest[0].version if latest else 0,
                }
    return out


def _event(name: str, data: dict[str, Any]) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()


async def events(
    request: Request, story_id: int | None, topic: str = "stories"
) -> AsyncIterator[bytes]:
    """The event stream of one open page: the story list, one story, or the feeds."""
    state = request.app.state
    every = getattr(state, "live_check_s", CHECK_EVERY_S)
    until = time.monotonic() + getattr(state, "live_max_s", MAX_STREAM_S)
    last = await run_in_threadpool(current, state.db_path, story_id)
    yield f"retry: {RETRY_MS}\n".encode() + _event("ready", last)
    pinged = time.monotonic()
    while time.monotonic() < until:
        await asyncio.sleep(every)
        if await request.is_disconnected():
            return
        try:
            now = await run_in_threadpool(current, state.db_path, story_id)
        except StoreError:
            continue  # the store is being migrated or moved: try again next tick
        watched = "story" if story_id is not None else ("feeds" if topic == "feeds" else "stamp")
        if now[watched] != last[watched]:
            yield _event("change", now)
            last = now
        elif time.monotonic() - pinged > PING_EVERY_S:
            yield b": ping\n\n"
            pinged = time.monotonic()


def register(app: FastAPI) -> None:
    """Add ``/api/events``."""

    @app.get("/api/events", tags=["api"], response_class=StreamingResponse)
    async def api_events(
        request: Request,
        story: Annotated[int | None, Query(ge=1, le=2**62)] = None,
        topic: Annotated[str, Query(pattern="^(stories|feeds)$")] = "stories",
    ) -> StreamingResponse:
        """Server-sent events: ``ready``, then ``change`` when the stories, one ``story``
        or (``topic=feeds``) the feeds change."""
        return StreamingResponse(
            events(request, story, topic),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

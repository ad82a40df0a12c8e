"""Page fragments live.js loads: what changed in a story since the reader's last visit."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse

from newsbrief.store import Store
from newsbrief.web.changes import describe, parse_time
from newsbrief.web.views import NotFound


def story_changes(store: Store, story_id: int, since: dt.datetime | None) -> dict[str, Any]:
    """The changes of one story since ``since`` (else since its previous briefing)."""
    story = store.story(story_id)
    if story is None:
        raise NotFound(f"no story {story_id}")
    stored = store.briefings(story.id)
    new = stored[0].body if stored else {}
    old = stored[1].body if len(stored) > 1 else None
    if since is None and len(stored) > 1:
        since = parse_time(stored[1].created_at)
    return describe(old, new, store.story_documents(story.id), since)


def register(app: FastAPI) -> None:
    """Add the ``/stories/{id}/changes`` fragment (what changed since ``since``)."""

    @app.get("/stories/{story_id}/changes", response_class=HTMLResponse, include_in_schema=False)
    def changes_fragment(
        request: Request,
        story_id: int,
        since: Annotated[dt.datetime | None, Query()] = None,
    ) -> HTMLResponse:
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        with Store.open(request.app.state.db_path, readonly=True) as store:
            changes = story_changes(store, story_id, since)
        html = request.app.state.templates.get_template("changes.html").render(
            ch=changes, since_visit=since is not None
        )
        return HTMLResponse(html)

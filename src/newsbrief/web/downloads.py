"""Download a story's briefing as Markdown, JSON or HTML, rendered from the typed briefing.

The stored JSON is turned back into a :class:`~newsbrief.models.Briefing`
(:func:`~newsbrief.render.json_read.briefing_from_dict`) with the reports it read, and
the same renderers as ``newsbrief story --format`` write it; a story with no stored
briefing yet is briefed now.
"""

from __future__ import annotations

from typing import Literal

from fastapi import FastAPI, Request
from fastapi.responses import Response

from newsbrief.config import Settings
from newsbrief.errors import NewsbriefError
from newsbrief.models import Briefing
from newsbrief.store import Store

Format = Literal["md", "json", "html"]
MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}


class NoBriefing(NewsbriefError):
    """A story that is missing or has no reports to brief."""

    status = 404


def story_briefing_record(store: Store, story_id: int, settings: Settings) -> Briefing:
    """The story's latest briefing, typed, with the reports it cites attached."""
    from newsbrief.render.json_read import briefing_from_dict
    from newsbrief.stories import story_briefing
    from newsbrief.stories.briefings import unique_documents

    story = store.story(story_id)
    if story is None:
        raise NoBriefing(f"no story {story_id}")
    latest = store.briefings(story.id, limit=1)
    if not latest:
        fresh = story_briefing(store, story.id, settings)
        if fresh is None:
            raise NoBriefing(f"story {story_id} has no reports to brief")
        return fresh[0]
    stored = [store.document(rowid) for rowid in latest[0].documents]
    documents = unique_documents([d for d in stored if d is not None])
    return briefing_from_dict(latest[0].body, documents, origin=f"story {story.id} briefing")


def render(briefing: Briefing, fmt: Format, settings: Settings | None = None) -> str:
    """The briefing in one of the download formats."""
    if fmt == "md":
        from newsbrief.render.markdown import render_markdown

        return render_markdown(briefing, settings)
    if fmt == "json":
        from newsbrief.render.json import render_json

        return render_json(briefing)
    from newsbrief.render.html import render_html

    return render_html(briefing, settings)


def register(app: FastAPI) -> None:
    """Add ``/stories/{id}/briefing.{md,json,html}``."""

    @app.get("/stories/{story_id}/briefing.{fmt}", tags=["api"])
    def download(request: Request, story_id: int, fmt: Format) -> Response:
        """The story's briefing as a file: Markdown, JSON (schema newsbrief.briefing/1) or HTML."""
        state = request.app.state
        with Store.open(state.db_path, readonly=True) as store:
            briefing = story_briefing_record(store, story_id, state.settings)
        headers = {"Content-Disposition": f'attachment; filename="story-{story_id}.{fmt}"'}
        return Response(
            render(briefing, fmt, state.settings), media_type=MEDIA[fmt], headers=headers
        )

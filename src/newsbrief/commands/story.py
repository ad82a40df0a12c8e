"""``newsbrief story ID``: the briefing of one story."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from newsbrief.commands._common import open_output, writing
from newsbrief.commands._store import add_db_flag, open_reader
from newsbrief.errors import StoreError

if TYPE_CHECKING:
    from newsbrief.config import Settings
    from newsbrief.models import Briefing


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``story`` command."""
    p = sub.add_parser(
        "story",
        help="the briefing of one story (md, json or html)",
        description="Print a story's briefing. json gives the stored briefing with what "
        "changed since the previous one; md and html are rendered from the story's stored "
        "reports with the briefing engine.",
    )
    p.add_argument("id", type=int, help="story id (see 'newsbrief stories')")
    p.add_argument("-f", "--format", choices=("md", "json", "html"), default="md")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    add_db_flag(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Look the story up and render it."""
    from newsbrief.stories import briefing_changes, story_briefing
    from newsbrief.web.views import story_summary

    settings, store = open_reader(args)
    with store:
        story = store.story(args.id)
        if story is None:
            raise StoreError(f"no story {args.id} in {store.path}")
        if args.format == "json":
            stored = store.briefings(story.id)
            if stored:
                body = stored[0].body
                changes = briefing_changes(stored[1].body if len(stored) > 1 else None, body)
            else:
                from newsbrief.render.json import briefing_to_dict

                fresh = story_briefing(store, story.id, settings)
                body = briefing_to_dict(fresh[0]) if fresh else {}
                changes = briefing_changes(None, body)
            text = (
                json.dumps(
                    {"story": story_summary(story), "briefing": body, "changes": changes},
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
        else:
            result = story_briefing(store, story.id, settings)
            if result is None:
                raise StoreError(f"story {story.id} has no reports")
            text = _render(result[0], args.format, settings)
    out = open_output(args.output)
    with writing(out, args.output):
        out.write(text)
    return 0


def _render(briefing: Briefing, fmt: str, settings: Settings) -> str:
    if fmt == "html":
        from newsbrief.render.html import render_html

        return render_html(briefing, settings)
    from newsbrief.render import render_markdown

    return render_markdown(briefing, settings)

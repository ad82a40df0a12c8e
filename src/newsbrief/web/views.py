"""What the web pages and the JSON API show, built from the store as plain JSON-ready dicts.

Pages and API share these functions, so the HTML and the JSON of a story
always say the same thing. Nothing here escapes text: the templates do
(autoescape), and JSON needs none.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from newsbrief.config import Settings
from newsbrief.errors import InputError, NewsbriefError
from newsbrief.models import Briefing
from newsbrief.store import Store, StoredDocument, StoryRow
from newsbrief.web.text import ago, safe_url

log = logging.getLogger(__name__)

FRESH_CACHE_SIZE = 64
_FRESH: OrderedDict[tuple[str, int, int], tuple[dict[str, Any], list[int]]] = OrderedDict()
_FRESH_LOCK = threading.Lock()


class NotFound(NewsbriefError):
    """A story or report that is not in the store."""

    status = 404


def _parse_time(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def story_summary(row: StoryRow) -> dict[str, Any]:
    """One line of the story list."""
    return {
        "id": row.id,
        "headline": row.headline or f"Story {row.id}",
        "first_date": _iso(row.first_date),
        "last_date": _iso(row.last_date),
        "n_reports": row.n_reports,
        "n_sources": row.n_sources,
        "version": row.version,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def report_summary(stored: StoredDocument, number: int | None = None) -> dict[str, Any]:
    """What a list of reports shows about one."""
    doc = stored.document
    return {
        "number": number,
        "report_id": stored.rowid,
        "id": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "date": _iso(doc.date),
        "url": safe_url(doc.url),
        "kind": doc.kind,
        "story_id": stored.story_id,
        "duplicate_of": stored.duplicate_of,
    }


def sentence_pieces(store: Store, stored: StoredDocument) -> list[dict[str, Any]]:
    """The report's text cut into sentences and the gaps between them, in order."""
    text = stored.document.text
    pieces: list[dict[str, Any]] = []
    pos = 0
    for s in store.sentences(stored):
        if s.start > pos:
            pieces.append({"sentence": None, "text": text[pos : s.start]})
        pieces.append({"sentence": s.index, "text": s.text, "start": s.start, "end": s.end})
        pos = s.end
    if pos < len(text):
        pieces.append({"sentence": None, "text": text[pos:]})
    return pieces


def story_list(
    store: Store, *, search: str | None, since: Any, until: Any, limit: int, offset: int
) -> dict[str, Any]:
    """A page of the story list and the total matching."""
    from newsbrief.store.listing import story_outlets, story_summaries

    rows = store.stories(since=since, until=until, search=search, limit=limit, offset=offset)
    ids = [r.id for r in rows]
    outlets, summaries = story_outlets(store, ids), story_summaries(store, ids)
    stories = []
    now = dt.datetime.now(dt.UTC)
    for row in rows:
        item = story_summary(row)
        item["outlets"] = outlets.get(row.id, [])
        item["summary"] = summaries.get(row.id)
        item["updated_ago"] = ago(_parse_time(row.updated_at), now)
        stories.append(item)
    return {
        "stories": stories,
        "total": store.count_stories(since=since, until=until, search=search),
        "limit": limit,
        "offset": offset,
    }


def typed_briefing(body: dict[str, Any]) -> Briefing | None:
    """A stored briefing as a record (None for an empty or unreadable one, logged)."""
    from newsbrief.render.json_read import briefing_from_dict

    if not body:
        return None
    try:
        return briefing_from_dict(body)
    except InputError as exc:
        log.warning("story page: %s", exc)
        return None


def story_detail(
    store: Store, story_id: int, settings: Settings, *, with_text: bool = False
) -> dict[str, Any]:
    """A story, its latest briefing (computed now if none is stored), what changed, its reports."""
    from newsbrief.web.changes import describe, parse_time

    story = store.story(story_id)
    if story is None:
        raise NotFound(f"no story {story_id}")
    stored = store.briefings(story.id)
    if stored:
        body, rowids = stored[0].body, list(stored[0].documents)
        previous = stored[1] if len(stored) > 1 else None
        changes = describe(
            previous.body if previous else None,
            body,
            store.story_documents(story.id),
            parse_time(previous.created_at) if previous else None,
        )
        current = stored[0].story_version >= story.version
    else:
        body, rowids = _fresh_briefing(store, story, settings)
        changes = describe(None, body, [], None)
        current = True
    reports = _numbered_reports(store, store.story_documents(story.id), rowids)
    if with_text:  # the texts of the reports the briefing read (at most 40), not all
        for report in reports:
            if not report["number"]:
                continue
            stored_doc = store.document(report["report_id"])
            report["pieces"] = sentence_pieces(store, stored_doc) if stored_doc else []
    return {
        "story": story_summary(story),
        "requested_id": story_id,
        "briefing": body,
        "briefing_current": current,
        "changes": changes,
        "reports": reports,
    }


def _fresh_briefing(
    store: Store, story: StoryRow, settings: Settings
) -> tuple[dict[str, Any], list[int]]:
    """A briefing for a story that has none stored (left by ``ingest --no-brief``), computed
    once per story version and kept: requests must not each pay for the pipeline."""
    from newsbrief.render.json import briefing_to_dict
    from newsbrief.stories import story_briefing

    key = (store.path, story.id, story.version)
    with _FRESH_LOCK:
        if key in _FRESH:
            _FRESH.move_to_end(key)
            return _FRESH[key]
    result = story_briefing(store, story.id, settings)
    value: tuple[dict[str, Any], list[int]] = (
        ({}, []) if result is None else (briefing_to_dict(result[0]), result[1])
    )
    with _FRESH_LOCK:
        _FRESH[key] = value
        while len(_FRESH) > FRESH_CACHE_SIZE:
            _FRESH.popitem(last=False)
    return value


def _numbered_reports(
    store: Store, docs: Sequence[StoredDocument], briefed: Sequence[int]
) -> list[dict[str, Any]]:
    """Reports the briefing read first, numbered as it cites them; the others after."""
    by_id = {d.rowid: d for d in docs}
    out = [report_summary(by_id[r], i + 1) for i, r in enumerate(briefed) if r in by_id]
    out += [report_summary(d) for d in docs if d.rowid not in set(briefed)]
    return out


def report_detail(store: Store, rowid: int) -> dict[str, Any]:
    """One report: metadata, text in sentences, its story and near-duplicates."""
    stored = store.document(rowid)
    if stored is None:
        raise NotFound(f"no report {rowid}")
    detail = report_summary(stored)
    detail["text"] = stored.document.text
    detail["pieces"] = sentence_pieces(store, stored)
    detail["near_duplicates"] = [
        {"report_id": other, "similarity": sim} for other, sim in store.duplicates_of(rowid)
    ]
    return detail

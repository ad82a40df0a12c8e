"""Keep each story's briefing current, and tell what changed since the previous one."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from newsbrief.config import Settings
from newsbrief.models import Briefing, Document
from newsbrief.store import Store, StoredDocument

log = logging.getLogger(__name__)

# A briefing reads at most this many reports: the first ones (how the story
# broke) and the latest (where it stands). Near-duplicates are never read twice.
MAX_BRIEFING_REPORTS = 40
FIRST_REPORTS = 10


def briefing_inputs(stored: Sequence[StoredDocument]) -> list[StoredDocument]:
    """The reports a story's briefing reads: no near-duplicates, at most the cap."""
    primary = [d for d in stored if d.duplicate_of is None] or list(stored)
    if len(primary) <= MAX_BRIEFING_REPORTS:
        return primary
    return primary[:FIRST_REPORTS] + primary[-(MAX_BRIEFING_REPORTS - FIRST_REPORTS) :]


def unique_documents(stored: Sequence[StoredDocument]) -> list[Document]:
    """The documents with ids made unique inside the story (feeds reuse ids)."""
    from dataclasses import replace

    seen: set[str] = set()
    out = []
    for item in stored:
        doc = item.document
        if doc.id in seen:
            doc = replace(doc, id=f"{doc.id}~{item.rowid}")
        seen.add(doc.id)
        out.append(doc)
    return out


def story_briefing(
    store: Store, story_id: int, settings: Settings | None = None
) -> tuple[Briefing, list[int]] | None:
    """Brief a story from its stored reports: the briefing and the report row ids it read."""
    from newsbrief.pipeline import brief

    chosen = briefing_inputs(store.story_documents(story_id))
    if not chosen:
        return None
    briefing = brief(
        unique_documents(chosen),
        settings=settings or Settings(),
        cluster_id=f"story-{story_id}",
    )
    return briefing, [d.rowid for d in chosen]


def refresh_briefings(
    store: Store, story_ids: Iterable[int], settings: Settings | None = None
) -> int:
    """Recompute and store the briefing of every story given that changed; returns how many."""
    from newsbrief.render.json import briefing_to_dict

    settings = settings or Settings()
    done = 0
    for story_id in story_ids:
        story = store.story(story_id, follow=False)
        if story is None or story.merged_into is not None or story.n_reports == 0:
            continue
        latest = store.briefings(story_id, limit=1)
        if latest and latest[0].story_version >= story.version:
            continue
        try:
            result = story_briefing(store, story_id, settings)
        except Exception as exc:  # one story's briefing must not cost the others theirs
            log.error(
                "story %d: briefing failed (%s: %s); the next ingest tries again",
                story_id,
                type(exc).__name__,
                str(exc)[:200],
            )
            continue
        if result is None:
            continue
        briefing, rowids = result
        with store.transaction():
            store.save_briefing(story_id, story.version, rowids, briefing_to_dict(briefing))
            if briefing.headline:
                store.set_headline(story_id, briefing.headline)
        done += 1
    return done


def briefing_changes(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """What changed between two stored briefings (JSON bodies): headline, sources, summary."""
    if old is None:
        return {
            "first": True,
            "headline": None,
            "added_sources": [],
            "removed_sources": [],
            "added_sentences": [],
            "removed_sentences": [],
        }
    old_sources = {s["id"] for s in old.get("sources", [])}
    new_sources = {s["id"] for s in new.get("sources", [])}
    old_text = [s["text"] for s in old.get("summary", [])]
    new_text = [s["text"] for s in new.get("summary", [])]
    return {
        "first": False,
        "headline": (
            {"old": old.get("headline"), "new": new.get("headline")}
            if old.get("headline") != new.get("headline")
            else None
        ),
        "added_sources": sorted(new_sources - old_sources),
        "removed_sources": sorted(old_sources - new_sources),
        "added_sentences": [t for t in new_text if t not in old_text],
        "removed_sentences": [t for t in old_text if t not in new_text],
    }

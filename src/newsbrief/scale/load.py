"""Load a batch job's stories, assignments and briefings into a story store.

After the load the store looks as if the reports had been ingested one by one
(``newsbrief ingest``): reports with their sentences, MinHash bands and
near-duplicate links, stories with their grouping state and counts, one
briefing per story, and the idf statistics, so a later ``newsbrief ingest``
goes on from there. Each story is one transaction; a report already in the
store (same content hash) is left where it is.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsbrief.models import Document
from newsbrief.scale.stages import Story
from newsbrief.segment import segment_document
from newsbrief.store import Store, dedup
from newsbrief.stories.briefings import FIRST_REPORTS, MAX_BRIEFING_REPORTS
from newsbrief.stories.features import TermStats
from newsbrief.stories.intake import STATS_KEY

log = logging.getLogger(__name__)


@dataclass(slots=True)
class LoadReport:
    """What a load added."""

    stories: int = 0
    reports: int = 0
    existing: int = 0  # already in the store: left in their story
    briefings: int = 0


def load_into_store(
    store: Store,
    stories: Sequence[Story],
    documents: Mapping[tuple[int, int], Document],
    briefings: Mapping[str, str],
    stats: TermStats,
) -> LoadReport:
    """Write every story (reports, duplicate links, state, briefing) into ``store``."""
    report = LoadReport()
    for story in stories:
        with store.transaction():
            _story(store, story, documents, briefings.get(f"story-{story.id}"), report)
    with store.transaction():
        store.set_meta(STATS_KEY, stats.to_blob())
    return report


def _story(
    store: Store,
    story: Story,
    documents: Mapping[tuple[int, int], Document],
    briefing: str | None,
    report: LoadReport,
) -> None:
    rowids: dict[tuple[int, int], int] = {}
    signatures = {}
    for order in story.members:
        doc = documents[order]
        digest = dedup.content_hash(doc.text)
        if store.find_hash(digest) is not None:
            report.existing += 1
            continue
        signatures[order] = dedup.signature(doc.text)
        sentences = tuple(segment_document(doc))
        rowids[order] = store.insert_document(doc, digest, signatures[order], sentences)
    if not rowids:
        return
    story_id = store.create_story()
    store.assign(rowids.values(), story_id)
    for duplicate, original in story.originals:
        if duplicate in rowids and original in rowids:
            similarity = dedup.similarity(signatures[duplicate], signatures[original])
            store.link_duplicate(rowids[duplicate], rowids[original], similarity)
    store.touch_story(story_id, story.state or None)
    report.stories += 1
    report.reports += len(rowids)
    if briefing is None:
        return
    body = json.loads(briefing)
    read = [rowids[o] for o in story.members if o in rowids and o not in story.duplicates]
    if len(read) > MAX_BRIEFING_REPORTS:  # the reports the briefing read (see story_tasks)
        read = read[:FIRST_REPORTS] + read[-(MAX_BRIEFING_REPORTS - FIRST_REPORTS) :]
    version = store.story(story_id, follow=False)
    store.save_briefing(story_id, version.version if version else 1, read, body)
    if body.get("headline"):
        store.set_headline(story_id, body["headline"])
    report.briefings += 1

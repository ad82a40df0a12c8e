"""Keep each story's briefing current, and tell what changed since the previous one.

A briefing reads its reports' *stored* sentences (split once, at ingest), so the
sentence numbers its citations and page anchors use are the ones the store
holds, whatever the segmenter does later. The story's headline is the cleaned
title of its most significant recent report (:mod:`newsbrief.stories.headline`).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from newsbrief.config import Settings
from newsbrief.errors import StoreError
from newsbrief.models import Briefing, Document, Sentence
from newsbrief.segment import segment_document
from newsbrief.store import Store, StoredDocument
from newsbrief.store.db import MEMORY
from newsbrief.stories.headline import HeadlineCandidate, story_headline

log = logging.getLogger(__name__)

# A briefing reads at most this many reports: the first ones (how the story
# broke) and the latest (where it stands). Near-duplicates are never read twice.
MAX_BRIEFING_REPORTS = 40
FIRST_REPORTS = 10


class _Member(Protocol):
    @property
    def duplicate_of(self) -> int | None: ...


M = TypeVar("M", bound=_Member)


def briefing_inputs(stored: Sequence[M]) -> list[M]:
    """The reports a story's briefing reads: no near-duplicates, at most the cap."""
    primary = [d for d in stored if d.duplicate_of is None] or list(stored)
    if len(primary) <= MAX_BRIEFING_REPORTS:
        return primary
    return primary[:FIRST_REPORTS] + primary[-(MAX_BRIEFING_REPORTS - FIRST_REPORTS) :]


def unique_documents(stored: Sequence[StoredDocument]) -> list[Document]:
    """The documents with ids made unique inside the story (feeds reuse ids)."""
    seen: set[str] = set()
    out = []
    for item in stored:
        doc = item.document
        if doc.id in seen:
            doc = replace(doc, id=f"{doc.id}~{item.rowid}")
        seen.add(doc.id)
        out.append(doc)
    return out


def stored_sentences(
    store: Store, stored: Sequence[StoredDocument], documents: Sequence[Document]
) -> tuple[Sentence, ...]:
    """The stored sentences of each report, numbered by its position in ``documents``
    (and carrying its id there); a report stored without sentences is split now."""
    out: list[Sentence] = []
    for doc_index, (item, doc) in enumerate(zip(stored, documents, strict=True)):
        found = store.sentences(item, doc_index)
        if not found:  # split now, as ingest does: the cleaned text, packaging blanked
            found = list(segment_document(_cleaned(doc), doc_index))
        out.extend(s if s.doc_id == doc.id else replace(s, doc_id=doc.id) for s in found)
    return tuple(out)


def story_briefing(
    store: Store, story_id: int, settings: Settings | None = None
) -> tuple[Briefing, list[int]] | None:
    """Brief a story from its stored reports: the briefing and the report row ids it read.

    The briefing's headline is the story headline (:func:`headline_of`).
    """
    from newsbrief.pipeline import brief, canonical_order
    from newsbrief.select import GreedySelector

    every = store.story_documents(story_id)
    chosen = briefing_inputs(every)
    if not chosen:
        return None
    settings = settings or Settings()
    selector = None
    if len(chosen) < 2:
        # One report: nothing to compare across reports, and its lead sentences are the
        # briefing, so the fast greedy selection serves as well as the exact one.
        settings = replace(settings, analysis=False)
        selector = GreedySelector()
    documents = unique_documents(chosen)
    position = {id(doc): i for i, doc in enumerate(documents)}
    ordered = canonical_order(documents)
    stored = [chosen[position[id(doc)]] for doc in ordered]
    briefing = brief(
        ordered,
        settings=settings,
        cluster_id=f"story-{story_id}",
        selector=selector,
        sentences=stored_sentences(store, stored, ordered),
    )
    headline = headline_of(store, every)
    if headline:
        briefing = replace(briefing, headline=headline)
    return briefing, [d.rowid for d in stored]


def headline_of(store: Store, stored: Sequence[StoredDocument]) -> str | None:
    """The story headline from its reports' titles and first stored sentences."""
    candidates = []
    for item in stored:
        if item.duplicate_of is not None:
            continue
        sentences = store.sentences(item)
        # the first stored sentence (cleaned text, dateline off); a report stored without
        # sentences gives its cleaned opening, never its packaging
        lead = sentences[0].text if sentences else _opening(item.document)
        candidates.append(HeadlineCandidate(item.document.title, lead, item.document.date))
    return story_headline(candidates)


def _opening(doc: Document) -> str:
    return " ".join(_cleaned(doc).text[:300].split())


def _cleaned(doc: Document) -> Document:
    from newsbrief.clean import clean_document

    return clean_document(doc).document


@dataclass(frozen=True, slots=True)
class Briefed:
    """A story's new briefing, ready to store: its JSON body and the reports it read
    (no body when the story has nothing to brief, ``error`` when briefing it failed)."""

    story_id: int
    version: int
    body: dict[str, Any] | None
    rowids: tuple[int, ...] = ()
    headline: str | None = None
    error: str | None = None


def brief_for_store(store: Store, story_id: int, version: int, settings: Settings) -> Briefed:
    """Brief one story as of ``version``; a failure is returned, never raised, so one
    story's briefing cannot cost the others theirs."""
    from newsbrief.render.json import briefing_to_dict

    try:
        result = story_briefing(store, story_id, settings)
    except Exception as exc:
        return Briefed(story_id, version, None, error=f"{type(exc).__name__}: {str(exc)[:200]}")
    if result is None:
        return Briefed(story_id, version, None)
    briefing, rowids = result
    return Briefed(story_id, version, briefing_to_dict(briefing), tuple(rowids), briefing.headline)


def refresh_briefings(
    store: Store,
    story_ids: Iterable[int],
    settings: Settings | None = None,
    on_story: Callable[[], None] | None = None,
) -> int:
    """Recompute and store the briefing of every story given that changed; returns how many.

    Each story is briefed once, however many of its reports arrived; ``on_story``
    is called after each story looked at (for a progress display). Many stories are
    briefed by a pool of threads (``brief_workers``); they are stored in the order
    given either way.
    """
    settings = settings or Settings()
    due: list[tuple[int, int]] = []
    several = 0  # stories of more than one report: the ones whose analysis costs time
    for story_id in story_ids:
        story = store.story(story_id, follow=False)
        if story is None or story.merged_into is not None or story.n_reports == 0:
            _tick(on_story)
            continue
        latest = store.briefed(story_id)
        if latest is not None and latest[0] >= story.version:
            _tick(on_story)
            continue
        if latest is not None and _same_inputs(store, story_id, latest[1]):
            # only near-duplicates came: the briefing would come out the same
            with store.transaction():
                store.confirm_briefing(story_id, story.version)
            _tick(on_story)
            continue
        due.append((story_id, story.version))
        several += story.n_reports > 1
    done = 0
    for item in brief_all(store, due, settings, workers_for(settings.brief_workers, several)):
        _tick(on_story)
        if item.error is not None:
            log.error(
                "story %d: briefing failed (%s); the next ingest tries again",
                item.story_id,
                item.error,
            )
            continue
        if item.body is None:
            continue
        with store.transaction():
            store.save_briefing(item.story_id, item.version, item.rowids, item.body)
            if item.headline:
                store.set_headline(item.story_id, item.headline)
        done += 1
    return done


def _same_inputs(store: Store, story_id: int, before: Sequence[int]) -> bool:
    """True when a new briefing would read the very reports the latest one read, and
    they are all the story's originals (the headline is chosen among all of them)."""
    members = store.story_members(story_id)
    chosen = briefing_inputs(members)
    everyone = [m for m in members if m.duplicate_of is None] or members
    return len(chosen) == len(everyone) and sorted(m.rowid for m in chosen) == sorted(before)


def _tick(on_story: Callable[[], None] | None) -> None:
    if on_story:
        on_story()


# Each briefing thread loads its own entity model (about half a second) before its first
# story; a story of several reports takes about a fifth of a second to brief. Below this
# many such stories the ingesting thread briefs them all itself.
MIN_POOL_STORIES = 8


def workers_for(setting: int, several: int) -> int:
    """How many threads brief ``several`` stories of more than one report: the
    ``brief_workers`` setting (0: one per usable CPU core), 1 when a pool would not pay."""
    if several < MIN_POOL_STORIES:
        return 1
    if setting > 0:
        return setting
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no CPU affinity on this platform
        return max(1, os.cpu_count() or 1)


def brief_all(
    store: Store, due: Sequence[tuple[int, int]], settings: Settings, workers: int = 1
) -> Iterator[Briefed]:
    """Brief each ``(story id, version)``, yielded in the order given: here, or by
    ``workers`` threads that each read the store on their own read-only connection.

    The entity model, most of a briefing's time, runs without the GIL, so the threads
    brief at the same time; everything else they share is read-only."""
    workers = min(workers, len(due))
    if workers <= 1 or store.path == MEMORY:
        for story_id, version in due:
            yield brief_for_store(store, story_id, version, settings)
        return
    try:
        readers = [Store.open(store.path, readonly=True, any_thread=True) for _ in range(workers)]
    except StoreError as exc:
        log.warning("briefing in one thread: cannot open the store to read (%s)", exc)
        yield from brief_all(store, due, settings)
        return
    spare, local = list(readers), threading.local()

    def brief(item: tuple[int, int]) -> Briefed:
        if not hasattr(local, "store"):
            local.store = spare.pop()  # each thread its own connection
        return brief_for_store(local.store, item[0], item[1], settings)

    pool = ThreadPoolExecutor(workers, thread_name_prefix="newsbrief-brief")
    try:
        yield from pool.map(brief, due)
    finally:
        pool.shutdown(cancel_futures=True)
        for reader in readers:
            reader.close()


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

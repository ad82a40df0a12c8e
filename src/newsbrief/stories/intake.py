"""Story intake (what the ``ingest`` command runs): reports stored, de-duplicated and grouped
into stories, batch by batch.

Each batch is one transaction: its reports, sentences, near-duplicate links,
story assignments and the grouping state land together or not at all, so a
process killed mid-ingest leaves every earlier batch intact and no half rows.
Re-ingesting the same reports adds nothing (content hash).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from newsbrief.clean import clean_document
from newsbrief.config import Settings
from newsbrief.errors import InputError, StoreError
from newsbrief.models import Document
from newsbrief.segment import segment_document
from newsbrief.store import Store, dedup
from newsbrief.stories.embed import load_embedder, report_text
from newsbrief.stories.features import ReportFeatures, TermStats, report_features
from newsbrief.stories.grouper import Grouper, StoryState, shift

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# A progress display: called once when a phase ("reading", "grouping", "briefing")
# starts, with its expected total (0: unknown); returns the function to call per item.
PhaseProgress = Callable[[str, int], Callable[[], None]]
STATS_KEY = "term_stats"
STATS_EVERY = 20  # batches between saves of the idf statistics (they are only weights)


@dataclass(slots=True)
class IngestReport:
    """What one ingest did."""

    added: int = 0
    existing: int = 0  # same content hash already stored: nothing added
    advisories: int = 0  # editors' advisories and news budgets: not reports, not stored
    near_duplicates: int = 0
    new_stories: int = 0
    merged: int = 0
    changed: set[int] = field(default_factory=set)
    problems: list[InputError] = field(default_factory=list)
    briefed: int = 0


class StoryIngester:
    """Holds the live grouping state while a stream is ingested into one store."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.embedder = load_embedder(self.settings.story_model)
        self.stats = TermStats.from_blob(store.get_meta(STATS_KEY))
        self.grouper = self._resume()
        self.batches = 0
        self._last: ReportFeatures | None = None
        self._on_grouped: Callable[[], None] | None = None

    def _resume(self) -> Grouper:
        s = self.settings
        grouper = Grouper(
            threshold=s.story_threshold,
            merge_threshold=s.story_threshold + s.story_merge_margin,
            window_days=s.story_window_days,
        )
        latest = self.store.latest_story_date()
        since = None
        if latest and s.story_window_days:
            since = shift(latest, -s.story_window_days)
        for story_id, _, state in self.store.active_stories(since):
            grouper.load(StoryState.from_json(story_id, state))
        log.debug("resumed %d live stories", len(grouper.stories))
        return grouper

    def ingest(
        self,
        items: Iterable[Document | InputError],
        report: IngestReport | None = None,
        on_item: Callable[[], None] | None = None,
        on_grouped: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Store and group every report; problems are recorded and skipped.

        ``on_item`` is called for each item read, ``on_grouped`` for each report
        stored and grouped (for progress displays).
        """
        report = report or IngestReport()
        iterator = iter(items)
        self._on_grouped = on_grouped
        while batch := list(islice(iterator, BATCH_SIZE)):
            docs = []
            for item in batch:
                if on_item:
                    on_item()
                if isinstance(item, InputError):
                    log.error("%s (skipped)", item)
                    report.problems.append(item)
                else:
                    docs.append(item)
            self._batch(docs, report)
        self.save_stats()
        return report

    def _batch(self, docs: list[Document], report: IngestReport) -> None:
        try:
            with self.store.transaction():
                changed: set[int] = set()
                vectors = self._vectors(docs)
                for doc, vector in zip(docs, vectors, strict=True):
                    story = self._guarded(doc, report, vector)
                    if self._on_grouped:
                        self._on_grouped()
                    if story is not None:  # merged at once: batches do not change the result
                        changed.add(story)
                        self._merge(story, changed, report, self._last)
                for story_id in changed:
                    state = self.grouper.stories.get(story_id)
                    self.store.touch_story(story_id, state.to_json() if state else None)
                self.batches += 1
                if self.batches % STATS_EVERY == 0:
                    self.store.set_meta(STATS_KEY, self.stats.to_blob())
        except BaseException:
            # The store rolled back: resume grouping (and idf weights) from what it holds.
            self.stats = TermStats.from_blob(self.store.get_meta(STATS_KEY))
            self.grouper = self._resume()
            raise
        report.changed |= changed
        for story_id in self.grouper.evict():
            log.debug("story %d left the window", story_id)

    def _guarded(
        self, doc: Document, report: IngestReport, vector: np.ndarray | None
    ) -> int | None:
        """:meth:`_one` inside a savepoint: a report that breaks a stage is rolled back
        alone, recorded as a problem, and the rest of the batch goes on."""
        try:
            with self.store.savepoint():
                return self._one(doc, report, vector)
        except (StoreError, sqlite3.Error):
            raise
        except Exception as exc:
            problem = InputError(doc.origin or doc.id, f"cannot be ingested ({_describe(exc)})")
            log.error("%s (skipped)", problem)
            report.problems.append(problem)
            return None

    def _vectors(self, docs: list[Document]) -> list[np.ndarray | None]:
        if self.embedder is None or not docs:
            return [None] * len(docs)
        # Text no encoder can take (a lone surrogate from a JSON escape) is written escaped:
        # one odd report must not cost the batch its vectors.
        texts = [
            report_text(d.title, d.text).encode("utf-8", "backslashreplace").decode("utf-8")
            for d in docs
        ]
        try:
            return list(self.embedder.embed(texts))
        except Exception as exc:  # the model failed on this batch: group it without vectors
            log.warning("story vectors unavailable for %d report(s): %s", len(docs), exc)
            return [None] * len(docs)

    def _one(self, doc: Document, report: IngestReport, vector: np.ndarray | None) -> int | None:
        """Store one report and put it in a story; None when it was already stored, or is
        an editors' advisory or news budget: that contributes nothing to any story, and
        stored it would open a story of its own with nothing to show (the cleaning stage
        names it in a warning)."""
        digest = dedup.content_hash(doc.text)
        if self.store.find_hash(digest) is not None:
            report.existing += 1
            return None
        result = clean_document(doc)  # same offsets; packaging blanked
        if result.is_advisory:
            report.advisories += 1
            return None
        signature = dedup.signature(doc.text)
        cleaned = result.document
        sentences = tuple(segment_document(cleaned))
        rowid = self.store.insert_document(doc, digest, signature, sentences)
        report.added += 1
        features = report_features(cleaned, self.stats, vector=vector)
        self._last = features
        original = self._near_duplicate(rowid, signature)
        if original is not None:
            report.near_duplicates += 1
            story_id = self._story_for_duplicate(original, features)
        else:
            story_id = self._place(features, report)
        self.store.assign([rowid], story_id)
        return story_id

    def _near_duplicate(self, rowid: int, signature: object) -> int | None:
        best, best_sim = None, 0.0
        for other, other_sig in self.store.near_duplicate_candidates(signature):  # type: ignore[arg-type]
            if other == rowid:
                continue
            sim = dedup.similarity(signature, other_sig)  # type: ignore[arg-type]
            if sim >= self.settings.duplicate_threshold and sim > best_sim:
                best, best_sim = other, sim
        if best is not None:
            self.store.link_duplicate(rowid, best, best_sim)
        return best

    def _story_for_duplicate(self, original: int, features: ReportFeatures) -> int:
        """A near-duplicate joins its original's story without weighing on its centroid."""
        story_id = self.store.story_of(original)
        if story_id is None:  # the original is in this very batch, not yet placed
            raise RuntimeError(f"report {original} has no story")
        story = self.grouper.stories.get(story_id)
        if story is None:
            state = self.store.story_state(story_id)
            if state:
                story = StoryState.from_json(story_id, state)
                self.grouper.load(story)
        if story is not None:
            story.widen(features.date)
        return story_id

    def _place(self, features: ReportFeatures, report: IngestReport) -> int:
        story_id, score = self.grouper.best(features)
        if story_id is None:
            story_id = self.store.create_story()
            report.new_stories += 1
            self.grouper.add(story_id, features)
        else:
            self.grouper.add(story_id, features, score)
        return story_id

    def _merge(
        self,
        story_id: int,
        changed: set[int],
        report: IngestReport,
        features: ReportFeatures | None,
    ) -> None:
        """Merge a changed story with live ones that now look like the same story: first on
        the evidence of the report just added, then (after a merge) of all recent reports."""
        current = story_id
        probe = features
        while current in self.grouper.stories:  # a merged story may now match another
            other = self.grouper.merge_candidate(current, probe)
            if other is None:
                break
            current = self._merge_pair(current, other, changed)
            report.merged += 1
            probe = None

    def _merge_pair(self, a: int, b: int, changed: set[int]) -> int:
        """Fold the smaller of two stories into the larger; returns the survivor."""
        stories = self.grouper.stories
        big, small = sorted((a, b), key=lambda s: (-stories[s].n, s))
        self.grouper.merge(small, big)
        self.store.merge_story(small, big)
        changed.discard(small)
        changed.add(big)
        log.info("merged story %d into %d", small, big)
        return big

    def save_stats(self) -> None:
        """Save the idf statistics (one small transaction)."""
        with self.store.transaction():
            self.store.set_meta(STATS_KEY, self.stats.to_blob())


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}{': ' + detail if detail else ''}"


def ingest_reports(
    store: Store,
    items: Iterable[Document | InputError],
    *,
    settings: Settings | None = None,
    brief: bool = True,
    on_item: Callable[[], None] | None = None,
    progress: PhaseProgress | None = None,
    expected: int = 0,
) -> IngestReport:
    """Ingest a stream into ``store``; then refresh the briefings of changed stories, each
    once for the whole stream, however many of its reports came in.

    ``progress`` shows the phases: reading and grouping (``expected`` items, 0 if
    unknown) and briefing (the stories changed).
    """
    ingester = StoryIngester(store, settings)
    on_read, on_grouped = on_item, None
    if progress is not None:
        ticks = [progress("reading", expected)] + ([on_item] if on_item else [])
        on_grouped = progress("grouping", expected)

        def on_read() -> None:
            for tick in ticks:
                tick()

    report = ingester.ingest(items, on_item=on_read, on_grouped=on_grouped)
    if brief:
        from newsbrief.stories.briefings import refresh_briefings

        # Stories left without a current briefing by an earlier --no-brief or an
        # interrupted run are briefed now too.
        todo = sorted(report.changed | set(store.stale_stories()))
        on_story = progress("briefing", len(todo)) if progress is not None else None
        report.briefed = refresh_briefings(store, todo, ingester.settings, on_story=on_story)
    return report

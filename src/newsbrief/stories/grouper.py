"""Incremental story grouping: each new report joins the closest live story or starts one.

A story is a running centroid of its reports' term and entity vectors. Finding
the stories a report may join never scans them all: an inverted index maps the
heaviest terms of every *live* story (one seen within the time window) to its
id, and only stories that share one of the report's heaviest terms are scored.
Stories that fall out of the window leave the index, so the cost of one report
is bounded by the candidates, not by the size of the stream: ingest grows
linearly. When a report makes two live stories look alike, they merge.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import logging
import math
from dataclasses import dataclass, field

from newsbrief.stories.features import ReportFeatures, Vector, dot

log = logging.getLogger(__name__)

CENTROID_TERMS = 200  # centroid terms kept (pruned to the heaviest)
INDEX_TERMS = 40  # heaviest centroid terms posted in the inverted index
INDEX_ENTITIES = 10
QUERY_TERMS = 15  # heaviest report terms looked up
MAX_POSTING = 5000  # a term in more live stories than this tells nothing; skip it
MAX_CANDIDATES = 40


@dataclass(slots=True)
class StoryState:
    """What grouping keeps about one live story."""

    id: int
    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    n: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    touched: int = 0
    indexed: tuple[str, ...] = ()
    t_norm: float = 0.0
    e_norm: float = 0.0

    def add(self, features: ReportFeatures) -> None:
        """Fold one report into the centroid and the date range."""
        _accumulate(self.terms, features.terms, CENTROID_TERMS)
        _accumulate(self.entities, features.entities, CENTROID_TERMS // 4)
        self.n += 1
        if features.date:
            self.first = min(self.first or features.date, features.date)
            self.last = max(self.last or features.date, features.date)
        self.refresh_norms()

    def refresh_norms(self) -> None:
        """Recompute the centroid norms after a change."""
        self.t_norm = math.sqrt(sum(v * v for v in self.terms.values()))
        self.e_norm = math.sqrt(sum(v * v for v in self.entities.values()))

    def keys(self, n_terms: int, n_entities: int) -> tuple[str, ...]:
        """The heaviest terms and entities (entities prefixed ``@``)."""
        terms = heapq.nlargest(n_terms, self.terms, key=self.terms.__getitem__)
        ents = heapq.nlargest(n_entities, self.entities, key=self.entities.__getitem__)
        return (*terms, *("@" + e for e in ents))

    def to_json(self) -> str:
        """The state saved with the story, to resume grouping in a later run."""
        return json.dumps(
            {
                "t": {k: round(v, 5) for k, v in self.terms.items()},
                "e": {k: round(v, 5) for k, v in self.entities.items()},
                "n": self.n,
                "f": self.first.isoformat() if self.first else None,
                "l": self.last.isoformat() if self.last else None,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, story_id: int, text: str) -> StoryState:
        """The inverse of :meth:`to_json`."""
        data = json.loads(text)
        state = cls(
            story_id,
            terms=dict(data["t"]),
            entities=dict(data["e"]),
            n=int(data["n"]),
            first=dt.date.fromisoformat(data["f"]) if data.get("f") else None,
            last=dt.date.fromisoformat(data["l"]) if data.get("l") else None,
        )
        state.refresh_norms()
        return state


def _accumulate(target: dict[str, float], vector: Vector, keep: int) -> None:
    for key, value in vector.items():
        target[key] = target.get(key, 0.0) + value
    if len(target) > keep * 3 // 2:  # prune in bulk, not on every report
        top = heapq.nlargest(keep, target.items(), key=lambda kv: kv[1])
        target.clear()
        target.update(top)


@dataclass(slots=True)
class Grouper:
    """Live stories, their inverted index, and the rules to join, start and merge."""

    threshold: float = 0.3
    merge_threshold: float = 0.55
    window_days: int = 7
    entity_weight: float = 0.25
    max_active: int = 50_000
    stories: dict[int, StoryState] = field(default_factory=dict)
    postings: dict[str, set[int]] = field(default_factory=dict)
    horizon: dt.date | None = None
    clock: int = 0

    # -- scoring ------------------------------------------------------------------

    def score(self, features: ReportFeatures, story: StoryState) -> float:
        """Cosine of a report to a story centroid, terms and entities mixed."""
        if not story.t_norm:
            return 0.0
        cos_t = dot(features.terms, story.terms) / story.t_norm
        if not features.entities or not story.e_norm:
            return cos_t
        cos_e = dot(features.entities, story.entities) / story.e_norm
        return (1 - self.entity_weight) * cos_t + self.entity_weight * cos_e

    def in_window(self, date: dt.date | None, story: StoryState) -> bool:
        """Whether a report of ``date`` may join ``story`` (undated reports always may)."""
        if not self.window_days or date is None or story.first is None or story.last is None:
            return True
        window = dt.timedelta(days=self.window_days)
        return story.first - window <= date <= story.last + window

    def candidates(self, keys: Vector, exclude: int | None = None) -> list[int]:
        """Live stories sharing the heaviest keys, best-overlapping first."""
        heaviest = heapq.nlargest(QUERY_TERMS, keys.items(), key=lambda kv: kv[1])
        votes: dict[int, float] = {}
        for key, weight in heaviest:
            posting = self.postings.get(key)
            if not posting or len(posting) > MAX_POSTING:
                continue
            for story_id in posting:
                votes[story_id] = votes.get(story_id, 0.0) + weight
        if exclude is not None:
            votes.pop(exclude, None)
        return heapq.nlargest(MAX_CANDIDATES, votes, key=votes.__getitem__)

    def best(self, features: ReportFeatures) -> tuple[int | None, float]:
        """The live story the report should join, or None when it starts its own."""
        query = dict(features.terms)
        query.update({"@" + k: v for k, v in features.entities.items()})
        best_id, best_score = None, 0.0
        for story_id in self.candidates(query):
            story = self.stories[story_id]
            if not self.in_window(features.date, story):
                continue
            score = self.score(features, story)
            if score > best_score:
                best_id, best_score = story_id, score
        if best_score < self.threshold:
            return None, best_score
        return best_id, best_score

    # -- changes ------------------------------------------------------------------

    def add(self, story_id: int, features: ReportFeatures) -> None:
        """Fold a report into a story (created if new) and re-index it."""
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryState(story_id)
        story.add(features)
        if features.date and (self.horizon is None or features.date > self.horizon):
            self.horizon = features.date
        self.clock += 1
        story.touched = self.clock
        self._index(story)

    def load(self, state: StoryState) -> None:
        """Make a stored story live again (resuming a stream, or a late duplicate)."""
        self.clock += 1
        state.touched = self.clock
        self.stories[state.id] = state
        if state.last and (self.horizon is None or state.last > self.horizon):
            self.horizon = state.last
        self._index(state)

    def merge_candidate(self, story_id: int) -> int | None:
        """Another live story that now looks like the same event, if any."""
        story = self.stories[story_id]
        query = {k: v / story.t_norm for k, v in story.terms.items()} if story.t_norm else {}
        query.update({"@" + k: v for k, v in story.entities.items()})
        for other_id in self.candidates(query, exclude=story_id):
            other = self.stories[other_id]
            if not self._overlapping(story, other):
                continue
            if self._similarity(story, other) >= self.merge_threshold:
                return other_id
        return None

    def merge(self, source: int, target: int) -> None:
        """Fold story ``source`` into ``target``."""
        src = self.stories.pop(source)
        self._unindex(src)
        dst = self.stories[target]
        _accumulate(dst.terms, src.terms, CENTROID_TERMS)
        _accumulate(dst.entities, src.entities, CENTROID_TERMS // 4)
        dst.n += src.n
        dates = [d for d in (dst.first, dst.last, src.first, src.last) if d]
        dst.first, dst.last = (min(dates), max(dates)) if dates else (None, None)
        dst.refresh_norms()
        self.clock += 1
        dst.touched = self.clock
        self._index(dst)

    def evict(self) -> list[int]:
        """Drop stories older than the window (and the least recent beyond ``max_active``)."""
        gone = []
        if self.window_days and self.horizon:
            cutoff = self.horizon - dt.timedelta(days=2 * self.window_days)
            gone = [s.id for s in self.stories.values() if s.last and s.last < cutoff]
        extra = len(self.stories) - len(gone) - self.max_active
        if extra > 0:
            keep = set(gone)
            oldest = sorted((s.touched, s.id) for s in self.stories.values() if s.id not in keep)
            gone += [story_id for _, story_id in oldest[:extra]]
        for story_id in gone:
            self._unindex(self.stories.pop(story_id))
        return gone

    # -- internals ----------------------------------------------------------------

    def _similarity(self, a: StoryState, b: StoryState) -> float:
        if not a.t_norm or not b.t_norm:
            return 0.0
        cos_t = dot(a.terms, b.terms) / (a.t_norm * b.t_norm)
        if not a.e_norm or not b.e_norm:
            return cos_t
        cos_e = dot(a.entities, b.entities) / (a.e_norm * b.e_norm)
        return (1 - self.entity_weight) * cos_t + self.entity_weight * cos_e

    def _overlapping(self, a: StoryState, b: StoryState) -> bool:
        if not self.window_days or None in (a.first, a.last, b.first, b.last):
            return True
        window = dt.timedelta(days=self.window_days)
        return a.first - window <= b.last and b.first - window <= a.last  # type: ignore[operator]

    def _index(self, story: StoryState) -> None:
        keys = story.keys(INDEX_TERMS, INDEX_ENTITIES)
        if keys == story.indexed:
            return
        self._unindex(story)
        for key in keys:
            self.postings.setdefault(key, set()).add(story.id)
        story.indexed = keys

    def _unindex(self, story: StoryState) -> None:
        for key in story.indexed:
            posting = self.postings.get(key)
            if posting is not None:
                posting.discard(story.id)
                if not posting:
                    del self.postings[key]
        story.indexed = ()

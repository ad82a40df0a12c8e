"""Incremental story grouping: each new report joins the closest live story or starts one.

A story is a running centroid of its reports' term and entity vectors. Finding
the stories a report may join never scans them all: an inverted index maps the
heaviest terms of every *live* story (one seen within the time window) to its
id, and only stories that share one of the report's heaviest terms are scored.
Stories that fall out of the window leave the index, so the cost of one report
is bounded by the candidates, not by the size of the stream: ingest grows
linearly. When a report makes two live stories look alike, they merge.

Besides its centroid a story keeps its *cohesion*: the mean similarity of its
reports to one another. A tight event and a loose, long-running topic need
different bars, and an absolute threshold alone cannot serve both: a report
joins its best story only if it is about as close to the story's reports as they
are to each other (``join_cohesion``), and two stories merge when their reports
are about as close across as within (``merge_threshold``). Both are ratios, so
the same rule holds at the event and at the topic level; ``threshold`` sets the
level.
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
INDEX_TERMS = 60  # heaviest centroid terms posted in the inverted index
INDEX_ENTITIES = 10
# Heaviest report keys looked up. With 15, one report in eleven of a DUC topic
# missed its own story among the candidates; a topic's reports share fewer top
# terms than an event's.
QUERY_TERMS = 60
MAX_POSTING = 5000  # a term in more live stories than this tells nothing; skip it
MAX_CANDIDATES = 40
MIN_COHESION = 1e-3  # floor: a story of unrelated reports still has a bar
JOIN_COHESION = 0.4  # a joining report's mean similarity to the story / the story's cohesion
MERGE_COHESION = 0.5  # cross similarity of two stories / their cohesion (geometric mean)


@dataclass(slots=True)
class StoryState:
    """What grouping keeps about one live story."""

    id: int
    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    n: int = 0
    pairs: float = 0.0  # sum of the reports' pairwise term similarities
    first: dt.date | None = None
    last: dt.date | None = None
    touched: int = 0
    indexed: tuple[str, ...] = ()
    t_norm: float = 0.0
    e_norm: float = 0.0

    def add(self, features: ReportFeatures) -> None:
        """Fold one report into the centroid and the date range."""
        self.pairs += dot(features.terms, self.terms)
        _accumulate(self.terms, features.terms, CENTROID_TERMS)
        _accumulate(self.entities, features.entities, CENTROID_TERMS // 4)
        self.n += 1
        if features.date:
            self.first = min(self.first or features.date, features.date)
            self.last = max(self.last or features.date, features.date)
        self.refresh_norms()

    @property
    def cohesion(self) -> float | None:
        """Mean term similarity between two of the story's reports (None below two)."""
        if self.n < 2:
            return None
        return max(self.pairs / (self.n * (self.n - 1) / 2), MIN_COHESION)

    def mean_similarity(self, terms: Vector) -> float:
        """Mean term similarity of a vector to the story's reports."""
        return dot(terms, self.terms) / self.n if self.n else 0.0

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
                "p": round(self.pairs, 5),
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
        # States saved before cohesion was kept: |sum|^2 = n + 2 * pairs, up to pruning.
        state.pairs = float(data.get("p", max(0.0, (state.t_norm**2 - state.n) / 2)))
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
    merge_threshold: float = MERGE_COHESION
    join_cohesion: float = JOIN_COHESION
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
        days = self.window_days
        return shift(story.first, -days) <= date <= shift(story.last, days)

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
        if best_id is None or best_score < self.threshold:
            return None, best_score
        return (best_id if self.fits(features, self.stories[best_id]) else None), best_score

    def fits(self, features: ReportFeatures, story: StoryState) -> bool:
        """Whether the report is about as close to the story's reports as they are to each other."""
        cohesion = story.cohesion
        if cohesion is None:
            return True
        return story.mean_similarity(features.terms) >= self.join_cohesion * cohesion

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
        """The live story that now looks most like the same one, if any."""
        story = self.stories[story_id]
        query = {k: v / story.t_norm for k, v in story.terms.items()} if story.t_norm else {}
        query.update({"@" + k: v for k, v in story.entities.items()})
        best_id, best_score = None, 0.0
        for other_id in self.candidates(query, exclude=story_id):
            other = self.stories[other_id]
            if not self._overlapping(story, other):
                continue
            score = self.merge_score(story, other)
            if score >= self.merge_threshold and score > best_score:
                best_id, best_score = other_id, score
        return best_id

    def merge_score(self, a: StoryState, b: StoryState) -> float:
        """How alike two stories are, relative to how alike each one's reports are.

        Zero unless the smaller story's reports would, on average, join the
        larger one (the ``threshold`` floor keeps the level of the stories).
        Otherwise the mean cross similarity over the cohesion (geometric mean of
        both; a single report borrows the other story's; two single reports
        give their cosine).
        """
        small, big = (a, b) if (a.n, a.id) <= (b.n, b.id) else (b, a)
        cross = dot(a.terms, b.terms)
        if not small.n or not big.t_norm or cross / (small.n * big.t_norm) < self.threshold:
            return 0.0
        ca, cb = a.cohesion, b.cohesion
        if ca is None and cb is None:
            return cross / (a.n * b.n)
        cohesion = math.sqrt((ca or cb) * (cb or ca))  # type: ignore[operator]
        return cross / (a.n * b.n) / cohesion

    def merge(self, source: int, target: int) -> None:
        """Fold story ``source`` into ``target``."""
        src = self.stories.pop(source)
        self._unindex(src)
        dst = self.stories[target]
        dst.pairs += src.pairs + dot(src.terms, dst.terms)
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
            cutoff = shift(self.horizon, -2 * self.window_days)
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

    def _overlapping(self, a: StoryState, b: StoryState) -> bool:
        if not self.window_days or None in (a.first, a.last, b.first, b.last):
            return True
        days = self.window_days
        return shift(a.first, -days) <= b.last and shift(b.first, -days) <= a.last  # type: ignore[arg-type,operator]

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


def shift(date: dt.date, days: int) -> dt.date:
    """``date`` moved by ``days``, held at the ends of the calendar (a report dated
    0001-01-01, the zero time of many feeds, must not overflow the window arithmetic)."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min

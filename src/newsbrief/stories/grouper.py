"""Incremental story grouping: each new report joins the live story it is most likely to
belong to, or starts one.

Whether two reports tell one event is a log-odds score of how alike they are
(:class:`PairWeights`): the cosine of their dense vectors (when an embedding
model is in use), of their tf-idf terms, of their named entities and of their
title words, less a penalty that grows with the log of the days between them.
The weights are a logistic regression fitted on the development sets of the
hand-labelled DUC event stream (see ``docs/story-mode.md``). A report's score
for a story is its best score against the story's *recent* reports (the last
:data:`RECENT` kept): a long-running event drifts, and a story follows it.

Finding the stories a report may join never scans them all: an inverted index
maps the heaviest terms of every *live* story (one with a report within the
live window) to its id; only stories sharing one of the report's heaviest terms
are candidates, and only the few closest by centroid are scored report by
report. Stories that fall out of the window leave the index, so the cost of one
report is bounded and ingest grows linearly. After every report the story it
joined is checked against its neighbours, and two stories merge when a report
of one scores at least ``merge_threshold`` against a report of the other. Both
steps run per report, so cutting a stream into batches changes nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import heapq
import json
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from newsbrief.stories.features import ReportFeatures, Vector, dot

log = logging.getLogger(__name__)

CENTROID_TERMS = 200  # centroid terms kept (pruned to the heaviest)
INDEX_TERMS = 60  # heaviest centroid terms posted in the inverted index
INDEX_ENTITIES = 10
QUERY_TERMS = 60  # heaviest report keys looked up
MAX_POSTING = 5000  # a term in more live stories than this tells nothing; skip it
MAX_CANDIDATES = 20  # stories sharing keys, by vote
SCORED = 4  # of those, the closest by centroid are scored report by report
RECENT = 6  # reports a story keeps to be compared with (its most recent ones)
MEMBER_TERMS = 60  # terms of a kept report (all a report has: MAX_DOC_TERMS)
JOIN_LOG_ODDS = 1.75
MERGE_MARGIN = 1.0  # merging needs this much more evidence than joining
# A report also needs a score within COHESION_SLACK of the scores its story's reports
# joined with: in a tight story whose reports tell one event in near the same words, a
# report that only shares its theme falls far short, though it clears the bar.
COHESION_SLACK = 3.5
MAX_LINK = 10.0  # a near-copy's score counts no more than this toward cohesion


@dataclass(frozen=True, slots=True)
class PairWeights:
    """Log-odds that two reports tell one event, as a weighted sum of their similarities."""

    bias: float
    vector: float
    terms: float
    entities: float
    title: float
    log_gap: float  # per log(1 + days apart)

    def log_odds(self, a: ReportFeatures, b: ReportFeatures) -> float:
        """The score of one pair of reports (undated reports count as the same day)."""
        score = self.bias + self.terms * dot(a.terms, b.terms)
        if self.title:
            score += self.title * dot(a.title, b.title)
        if self.entities:
            score += self.entities * dot(a.entities, b.entities)
        if self.vector and a.vector is not None and b.vector is not None:
            score += self.vector * float(np.dot(a.vector, b.vector))
        if a.date and b.date:
            score += self.log_gap * math.log1p(abs((a.date - b.date).days))
        return score


# Fitted on the DUC event stream's development sets (all report pairs). With
# the embedding, entity overlap adds nothing the terms do not already carry
# (fitted weight ~0), so it is left out; without one it is slightly negative
# (names are already terms) and left out too.
WITH_VECTORS = PairWeights(
    bias=-19.39, vector=20.96, terms=14.61, entities=0.0, title=4.46, log_gap=-0.70
)
WITHOUT_VECTORS = PairWeights(
    bias=-2.15, vector=0.0, terms=23.14, entities=0.0, title=5.35, log_gap=-0.71
)


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
    recent: list[ReportFeatures] = field(default_factory=list)
    link_sum: float = 0.0  # scores with which reports joined (see ``cohesion``)
    links: int = 0

    @property
    def cohesion(self) -> float | None:
        """Mean log-odds with which the story's reports joined it (None before the first)."""
        return self.link_sum / self.links if self.links else None

    def add(self, features: ReportFeatures, score: float | None = None) -> None:
        """Fold one report (that joined with log-odds ``score``) into the centroid, the
        recent reports and the date range."""
        if score is not None and math.isfinite(score):
            self.link_sum += min(score, MAX_LINK)
            self.links += 1
        _accumulate(self.terms, features.terms, CENTROID_TERMS)
        _accumulate(self.entities, features.entities, CENTROID_TERMS // 4)
        self.n += 1
        self._extend([_kept(features)])
        self.widen(features.date)
        self.refresh_norms()

    def widen(self, date: dt.date | None) -> None:
        """Stretch the date range to ``date``."""
        if date:
            self.first = min(self.first or date, date)
            self.last = max(self.last or date, date)

    def _extend(self, reports: Iterable[ReportFeatures]) -> None:
        """Keep the most recent reports (by date, undated last-seen first)."""
        merged = [*self.recent, *reports]
        order = sorted(
            range(len(merged)), key=lambda i: (merged[i].date or dt.date.max, i), reverse=True
        )
        self.recent = [merged[i] for i in sorted(order[:RECENT])]

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
                "r": [_report_json(r) for r in self.recent],
                "k": [round(self.link_sum, 4), self.links],
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, story_id: int, text: str) -> StoryState:
        """The inverse of :meth:`to_json` (states saved before recent reports were kept
        stand for their reports by the centroid)."""
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
        state.link_sum, state.links = float(data.get("k", (0, 0))[0]), int(data.get("k", (0, 0))[1])
        if "r" in data:
            state.recent = [_report_from_json(r) for r in data["r"]]
        else:
            state.recent = [_centroid_report(state)]
        return state


def _kept(features: ReportFeatures) -> ReportFeatures:
    """What a story keeps of a report: its heaviest terms."""
    if len(features.terms) <= MEMBER_TERMS:
        return features
    top = dict(heapq.nlargest(MEMBER_TERMS, features.terms.items(), key=lambda kv: kv[1]))
    return ReportFeatures(
        terms=top,
        entities=features.entities,
        date=features.date,
        title=features.title,
        vector=features.vector,
    )


def _report_json(r: ReportFeatures) -> dict[str, object]:
    out: dict[str, object] = {"t": r.terms, "e": r.entities, "h": r.title}
    if r.date:
        out["d"] = r.date.isoformat()
    if r.vector is not None:
        out["v"] = base64.b64encode(r.vector.astype("<f2").tobytes()).decode("ascii")
    return out


def _report_from_json(data: dict[str, object]) -> ReportFeatures:
    vector = data.get("v")
    return ReportFeatures(
        terms=dict(data["t"]),  # type: ignore[call-overload]
        entities=dict(data["e"]),  # type: ignore[call-overload]
        date=dt.date.fromisoformat(str(data["d"])) if data.get("d") else None,
        title=dict(data.get("h") or {}),  # type: ignore[call-overload]
        vector=(
            np.frombuffer(base64.b64decode(str(vector)), dtype="<f2").astype(np.float16)
            if vector
            else None
        ),
    )


def _centroid_report(state: StoryState) -> ReportFeatures:
    def unit(v: dict[str, float], norm: float) -> Vector:
        return {k: x / norm for k, x in v.items()} if norm else {}

    return ReportFeatures(
        terms=unit(state.terms, state.t_norm),
        entities=unit(state.entities, state.e_norm),
        date=state.last,
    )


def _accumulate(target: dict[str, float], vector: Vector, keep: int) -> None:
    for key, value in vector.items():
        target[key] = target.get(key, 0.0) + value
    if len(target) > keep * 3 // 2:  # prune in bulk, not on every report
        top = heapq.nlargest(keep, target.items(), key=lambda kv: kv[1])
        target.clear()
        target.update(top)


@dataclass(slots=True)
class Grouper:
    """Live stories, their inverted index, and the rules to join, start and merge.

    ``threshold`` is the log-odds a report needs against a story to join it;
    ``merge_threshold`` (default: ``threshold`` + :data:`MERGE_MARGIN`) the
    log-odds between a report of each for two stories to merge.
    ``window_days`` is how long a story stays live after its latest report
    (0: forever); ``weights`` defaults by whether reports carry vectors.
    """

    threshold: float = JOIN_LOG_ODDS
    merge_threshold: float | None = None
    window_days: int = 365
    weights: PairWeights | None = None
    max_active: int = 50_000
    stories: dict[int, StoryState] = field(default_factory=dict)
    postings: dict[str, set[int]] = field(default_factory=dict)
    horizon: dt.date | None = None
    clock: int = 0
    # The last report ranked and its ranking: merge checks of the report just added
    # reuse it rather than score the same candidates again.
    _ranked: tuple[ReportFeatures | None, list[int]] = (None, [])

    # -- scoring ------------------------------------------------------------------

    def weights_for(self, features: ReportFeatures) -> PairWeights:
        """The pair weights in use: given, or chosen by whether the report has a vector."""
        if self.weights is not None:
            return self.weights
        return WITH_VECTORS if features.vector is not None else WITHOUT_VECTORS

    def score(self, features: ReportFeatures, story: StoryState) -> float:
        """Log-odds that the report belongs to the story: its best against a recent report."""
        weights = self.weights_for(features)
        return max((weights.log_odds(features, r) for r in story.recent), default=-math.inf)

    def centroid_cosine(self, features: ReportFeatures, story: StoryState) -> float:
        """Cosine of the report's terms to the story centroid (a cheap first filter)."""
        return dot(features.terms, story.terms) / story.t_norm if story.t_norm else 0.0

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
        return heapq.nlargest(MAX_CANDIDATES, votes, key=lambda s: (votes[s], -s))

    def ranked(self, features: ReportFeatures, exclude: int | None = None) -> list[int]:
        """The few live stories in the window closest to the report by centroid."""
        last, ranking = self._ranked
        if last is features:
            return [s for s in ranking if s != exclude and s in self.stories][:SCORED]
        query = dict(features.terms)
        query.update({"@" + k: v for k, v in features.entities.items()})
        found = [
            s
            for s in self.candidates(query, exclude)
            if self.in_window(features.date, self.stories[s])
        ]
        ranking = heapq.nlargest(
            SCORED + 1,  # one more, for when the story the report joined is left out
            found,
            key=lambda s: (self.centroid_cosine(features, self.stories[s]), -s),
        )
        self._ranked = (features, ranking)
        return [s for s in ranking if s != exclude][:SCORED]

    def best(self, features: ReportFeatures) -> tuple[int | None, float]:
        """The live story the report should join (None: it starts its own), and its score."""
        best_id, best_score = None, -math.inf
        for story_id in self.ranked(features):
            score = self.score(features, self.stories[story_id])
            if score > best_score or (score == best_score and best_id and story_id < best_id):
                best_id, best_score = story_id, score
        if best_id is None or best_score < self.bar(self.stories[best_id]):
            return None, best_score
        return best_id, best_score

    def bar(self, story: StoryState) -> float:
        """The log-odds a report needs to join ``story``: the threshold, raised for a tight
        story to within :data:`COHESION_SLACK` of how its reports joined."""
        cohesion = story.cohesion
        if cohesion is None:
            return self.threshold
        return max(self.threshold, cohesion - COHESION_SLACK)

    # -- changes ------------------------------------------------------------------

    def add(self, story_id: int, features: ReportFeatures, score: float | None = None) -> None:
        """Fold a report into a story (created if new; ``score``: the log-odds it joined
        with) and re-index it."""
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryState(story_id)
        story.add(features, score)
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

    def merge_candidate(self, story_id: int, report: ReportFeatures | None = None) -> int | None:
        """The live story that now looks like the same one, if any (the best scoring).

        With ``report`` (the one just added) only its pairs are new evidence, so
        only they are scored; without, every recent report of the story is.
        """
        story = self.stories[story_id]
        bar = self.merge_threshold
        if bar is None:
            bar = self.threshold + MERGE_MARGIN
        probes = [report] if report is not None else story.recent
        scores: dict[int, float] = {}
        for probe in probes:
            weights = self.weights_for(probe)
            for other_id in self.ranked(probe, exclude=story_id):
                other = self.stories[other_id]
                best = max((weights.log_odds(probe, y) for y in other.recent), default=-math.inf)
                scores[other_id] = max(scores.get(other_id, -math.inf), best)
        passing = [
            (score, -other)
            for other, score in scores.items()
            if score >= max(bar, self.bar(story), self.bar(self.stories[other]))
        ]
        return -max(passing)[1] if passing else None

    def merge_score(self, a: StoryState, b: StoryState) -> float:
        """Log-odds that two stories are one: the best pair of their recent reports."""
        return max(
            (self.weights_for(x).log_odds(x, y) for x in a.recent for y in b.recent),
            default=-math.inf,
        )

    def merge(self, source: int, target: int) -> None:
        """Fold story ``source`` into ``target``."""
        src = self.stories.pop(source)
        self._unindex(src)
        dst = self.stories[target]
        _accumulate(dst.terms, src.terms, CENTROID_TERMS)
        _accumulate(dst.entities, src.entities, CENTROID_TERMS // 4)
        dst.n += src.n
        dst.link_sum += src.link_sum
        dst.links += src.links
        dst._extend(src.recent)
        for date in (src.first, src.last):
            dst.widen(date)
        dst.refresh_norms()
        self.clock += 1
        dst.touched = self.clock
        self._index(dst)

    def evict(self) -> list[int]:
        """Drop stories older than the window (and the least recent beyond ``max_active``)."""
        gone = []
        if self.window_days and self.horizon:
            cutoff = shift(self.horizon, -self.window_days)
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

"""The stage functions of a batch job, the same whichever executor runs them.

Each map stage takes one partition and the shared, read-only context and
returns plain records; none reads files, the environment or global state, so
the local and the Ray executor give the same results. A failing item becomes
a :class:`Problem` with its place and the rest of the partition goes on.

Clusters: :func:`brief_clusters`. Articles, in order:

1. :func:`parse_articles` (map over input partitions): decode, validate, and
   count the terms and entities each report contributes to the idf statistics;
2. :func:`plan_blocks` (driver): reports sorted by date and cut into time
   blocks of ``block_days`` (long blocks cut again at ``max_block``);
3. :func:`group_block` (map over blocks): exact and near-duplicates (content
   hash, MinHash LSH), features under the *global* idf statistics, and story
   grouping with :class:`~newsbrief.stories.Grouper` (candidate retrieval from
   its inverted index: no all-pairs step);
4. :func:`merge_blocks` (driver, one deterministic pass in block order): the
   stories of each block are loaded into one grouper and merged with the live
   stories of earlier blocks that now look like the same story;
5. :func:`brief_stories` (map over story partitions): one briefing per story.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsbrief.clean import clean_document
from newsbrief.config import Settings
from newsbrief.errors import InputError, NewsbriefError
from newsbrief.ingest.decode import decode_bytes
from newsbrief.ingest.jsonl import cluster_from_obj, load_json
from newsbrief.models import Document
from newsbrief.scale.sources import RawItem
from newsbrief.store import dedup
from newsbrief.stories import Grouper, StoryState
from newsbrief.stories.features import TermStats, raw_counts, report_features
from newsbrief.stories.intake import BATCH_SIZE

log = logging.getLogger(__name__)

MAX_BLOCK = 5000  # reports in one grouping block at most (a busy day is cut into several)


@dataclass(frozen=True, slots=True)
class Problem:
    """An item that failed: its input position, its place and why. It is skipped."""

    position: int
    where: str
    message: str


@dataclass(frozen=True, slots=True)
class BriefedItem:
    """One briefing, as its JSONL line (the schema of ``brief --format jsonl``)."""

    position: int
    line: str


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed report and its place: ``order`` is (input position, document within it)."""

    order: tuple[int, int]
    where: str
    document: Document


@dataclass(frozen=True, slots=True)
class ParsedPart:
    """What :func:`parse_articles` returns for one partition."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    df: dict[str, int]  # document frequencies of terms and ``@entities``
    n_docs: int


@dataclass(frozen=True, slots=True)
class Block:
    """Reports grouped together, in date order; ``index`` orders the blocks in time."""

    index: int
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class LocalStory:
    """A story found inside one block: its reports, near-duplicates and grouping state."""

    members: tuple[tuple[int, int], ...]  # orders of the reports that shape the centroid
    duplicates: tuple[tuple[tuple[int, int], tuple[int, int]], ...]  # (duplicate, original)
    state: str  # StoryState.to_json()


@dataclass(frozen=True, slots=True)
class GroupingContext:
    """Shared by every block: the settings and the idf statistics of the whole input."""

    settings: Settings
    stats: TermStats


@dataclass(frozen=True, slots=True)
class Story:
    """A final story: its number and its reports in input order (duplicates flagged)."""

    id: int
    members: tuple[tuple[int, int], ...]
    duplicates: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    originals: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()  # (duplicate, original)
    state: str = ""  # the grouping state (StoryState.to_json()), kept in a store


@dataclass(frozen=True, slots=True)
class StoryTask:
    """What :func:`brief_stories` needs for one story."""

    story_id: int
    documents: tuple[Document, ...]  # briefing inputs, duplicates and overflow left out


# -- clusters ------------------------------------------------------------------


def decode_item(item: RawItem, fallback_encoding: str) -> Any:
    """The JSON value of a line (a Parquet row is already one)."""
    if isinstance(item.payload, dict):
        return item.payload
    return load_json(decode_bytes(item.payload, item.where, fallback_encoding), item.where)


def brief_clusters(items: Sequence[RawItem], settings: Settings) -> list[BriefedItem | Problem]:
    """One briefing per cluster line or row; a bad cluster is a problem, the rest go on."""
    from newsbrief.pipeline import brief_cluster
    from newsbrief.render import render_jsonl_line

    out: list[BriefedItem | Problem] = []
    for item in items:
        try:
            obj = decode_item(item, settings.fallback_encoding)
            cluster = cluster_from_obj(obj, item.where, item.default_id)
            line = render_jsonl_line(brief_cluster(cluster, settings=settings))
            out.append(BriefedItem(item.position, line))
        except Exception as exc:  # any failure of one cluster must not stop the others
            out.append(_problem(item.position, item.where, exc))
    return out


def _problem(position: int, where: str, exc: Exception) -> Problem:
    if isinstance(exc, InputError):
        return Problem(position, exc.origin, exc.problem)
    if isinstance(exc, NewsbriefError):
        return Problem(position, where, exc.message)
    return Problem(position, where, f"{type(exc).__name__}: {exc}")


# -- articles ------------------------------------------------------------------


def parse_articles(items: Sequence[RawItem], settings: Settings) -> ParsedPart:
    """Reports from article lines or rows (a cluster line gives all its documents)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    df: Counter[str] = Counter()
    for item in items:
        try:
            cluster = _article_cluster(decode_item(item, settings.fallback_encoding), item)
            # grouping and duplicate checks see the cleaned text, as story intake does
            parsed = [
                Article((item.position, k), item.where, clean_document(doc).document)
                for k, doc in enumerate(cluster.documents)
            ]
            for article in parsed:
                terms, entities = raw_counts(article.document)
                df.update({*terms, *("@" + e for e in entities)})
        except Exception as exc:  # one bad line is skipped, never the partition
            problems.append(_problem(item.position, item.where, exc))
            continue
        articles.extend(parsed)
    return ParsedPart(tuple(articles), tuple(problems), dict(df), len(articles))


def _article_cluster(obj: Any, item: RawItem) -> Any:
    """A report line as a cluster of one (a cluster line as it is); errors name the line."""
    if not (isinstance(obj, dict) and "documents" not in obj):
        return cluster_from_obj(obj, item.where, item.default_id)
    try:
        return cluster_from_obj(
            {"id": item.default_id, "documents": [obj]}, item.where, item.default_id
        )
    except InputError as exc:  # "file:3 document 1" would name a cluster the line never had
        raise InputError(item.where, exc.problem) from exc


def term_stats(parts: Sequence[ParsedPart]) -> TermStats:
    """The idf statistics of the whole input (sums do not depend on the order)."""
    stats = TermStats()
    for part in parts:
        stats.n_docs += part.n_docs
        stats.df.update(part.df)
    return stats


def plan_blocks(
    articles: Sequence[Article], block_days: int, max_block: int = MAX_BLOCK
) -> list[Block]:
    """Reports in date order (undated last), cut into blocks of ``block_days`` days."""
    ordered = sorted(
        articles, key=lambda a: (a.document.date is None, a.document.date or dt.date.min, a.order)
    )
    blocks: list[list[Article]] = []
    current_key: object = object()
    for article in ordered:
        date = article.document.date
        key = None if date is None else (date.toordinal() // block_days if block_days > 0 else 0)
        if key != current_key or len(blocks[-1]) >= max_block:
            blocks.append([])
            current_key = key
        blocks[-1].append(article)
    return [Block(i, tuple(b)) for i, b in enumerate(blocks)]


def group_block(block: Block, context: GroupingContext) -> list[LocalStory]:
    """Stories of one block: duplicates found, the rest grouped as story mode groups them."""
    return _BlockGrouper(context).run(block.articles)


class _BlockGrouper:
    """Story grouping over one block, the steps of :class:`~newsbrief.stories.StoryIngester`
    without a store: a near-duplicate joins its original's story and leaves the centroid alone;
    changed stories are checked for merges after every ``BATCH_SIZE`` reports."""

    def __init__(self, context: GroupingContext) -> None:
        s = context.settings
        self.settings = s
        self.stats = context.stats
        self.grouper = Grouper(threshold=s.story_threshold, window_days=s.story_window_days)
        self.states: dict[int, StoryState] = {}  # live and evicted stories alike
        self.members: dict[int, list[tuple[int, int]]] = {}
        self.duplicates: dict[int, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
        self.story_of: dict[tuple[int, int], int] = {}
        self.hashes: dict[str, tuple[int, int]] = {}
        self.bands: dict[int, list[tuple[int, int]]] = {}
        self.signatures: dict[tuple[int, int], Any] = {}

    def run(self, articles: Sequence[Article]) -> list[LocalStory]:
        for start in range(0, len(articles), BATCH_SIZE):
            changed = {self._one(a) for a in articles[start : start + BATCH_SIZE]}
            self._merge(changed)
            self.grouper.evict()  # evicted stories keep their state in self.states
        return self._stories()

    def _one(self, article: Article) -> int:
        original = self._original(article)
        if original is not None:
            story_id = self.story_of[original]
            self.duplicates[story_id].append((article.order, original))
            self.story_of[article.order] = story_id
            _widen(self.states[story_id], article.document.date)
            return story_id
        features = report_features(article.document, self.stats, learn=False)
        best, _ = self.grouper.best(features)
        if best is None:
            best = len(self.story_of) + 1  # unused: at most one story per report so far
            self.members[best], self.duplicates[best] = [], []
        story_id = best
        self.grouper.add(story_id, features)
        self.states[story_id] = self.grouper.stories[story_id]
        self.members[story_id].append(article.order)
        self.story_of[article.order] = story_id
        return story_id

    def _original(self, article: Article) -> tuple[int, int] | None:
        """An earlier report of the block with the same text, or nearly the same (MinHash)."""
        text = article.document.text
        digest = dedup.content_hash(text)
        if digest in self.hashes:
            return self.hashes[digest]
        self.hashes[digest] = article.order
        signature = dedup.signature(text)
        keys = dedup.band_keys(signature)
        best, best_sim = None, 0.0
        for other in sorted({o for key in keys for o in self.bands.get(key, ())}):
            sim = dedup.similarity(signature, self.signatures[other])
            if sim >= self.settings.duplicate_threshold and sim > best_sim:
                best, best_sim = other, sim
        if best is not None:
            return best
        self.signatures[article.order] = signature
        for key in keys:
            self.bands.setdefault(key, []).append(article.order)
        return None

    def _merge(self, changed: set[int]) -> None:
        for story_id in sorted(changed):
            current: int | None = story_id
            while current in self.grouper.stories:  # a merged story may now match another
                other = self.grouper.merge_candidate(current)
                if other is None:
                    break
                current = self._merge_pair(current, other)

    def _merge_pair(self, a: int, b: int) -> int:
        stories = self.grouper.stories
        big, small = sorted((a, b), key=lambda s: (-stories[s].n, s))
        self.grouper.merge(small, big)
        del self.states[small]
        moved = self.members.pop(small)
        moved_duplicates = self.duplicates.pop(small)
        self.members[big].extend(moved)
        self.duplicates[big].extend(moved_duplicates)
        for order in [*moved, *(d for d, _ in moved_duplicates)]:
            self.story_of[order] = big
        return big

    def _stories(self) -> list[LocalStory]:
        out = [
            LocalStory(
                tuple(members), tuple(self.duplicates[story_id]), self.states[story_id].to_json()
            )
            for story_id, members in self.members.items()
        ]
        return sorted(out, key=lambda s: min(s.members))


def _widen(story: StoryState, date: dt.date | None) -> None:
    """A near-duplicate's date widens its story's range (as in story mode)."""
    if date:
        story.first = min(story.first or date, date)
        story.last = max(story.last or date, date)


def merge_blocks(blocks: Sequence[Sequence[LocalStory]], settings: Settings) -> list[Story]:
    """The final stories: blocks in time order, each block's stories merged into earlier ones.

    One pass in a fixed order over fixed inputs: whichever executor grouped the
    blocks, the stories are the same. Stories are numbered by their first report.
    """
    grouper = Grouper(threshold=settings.story_threshold, window_days=settings.story_window_days)
    states: dict[int, StoryState] = {}  # live and evicted stories alike
    members: dict[int, list[tuple[int, int]]] = {}
    duplicates: dict[int, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    next_id = 1
    for block in blocks:
        loaded = []
        for local in block:
            story_id, next_id = next_id, next_id + 1
            states[story_id] = StoryState.from_json(story_id, local.state)
            grouper.load(states[story_id])
            members[story_id] = list(local.members)
            duplicates[story_id] = list(local.duplicates)
            loaded.append(story_id)
        for story_id in loaded:
            current: int | None = story_id
            while current in grouper.stories:
                other = grouper.merge_candidate(current)
                if other is None:
                    break
                big, small = sorted((current, other), key=lambda s: (-grouper.stories[s].n, s))
                grouper.merge(small, big)
                del states[small]
                members[big].extend(members.pop(small))
                duplicates[big].extend(duplicates.pop(small))
                current = big
        grouper.evict()
    ordered = sorted(members, key=lambda s: min(members[s]))
    return [
        Story(
            number,
            tuple(sorted(members[s] + [d for d, _ in duplicates[s]])),
            frozenset(d for d, _ in duplicates[s]),
            tuple(sorted(duplicates[s])),
            states[s].to_json(),
        )
        for number, s in enumerate(ordered, start=1)
    ]


def story_tasks(
    stories: Sequence[Story], documents: dict[tuple[int, int], Document]
) -> list[StoryTask]:
    """The documents each story's briefing reads: the same choice as story mode's briefings."""
    from newsbrief.store import StoredDocument
    from newsbrief.stories.briefings import briefing_inputs, unique_documents

    tasks = []
    for story in stories:
        stored = [
            StoredDocument(
                rowid=i,
                document=documents[order],
                content_hash="",
                story_id=story.id,
                duplicate_of=0 if order in story.duplicates else None,
            )
            for i, order in enumerate(story.members)
        ]
        tasks.append(StoryTask(story.id, tuple(unique_documents(briefing_inputs(stored)))))
    return tasks


def brief_stories(tasks: Sequence[StoryTask], settings: Settings) -> list[BriefedItem | Problem]:
    """One briefing per story (``id`` ``story-N``); a story that fails is a problem."""
    from newsbrief.pipeline import brief
    from newsbrief.render import render_jsonl_line

    out: list[BriefedItem | Problem] = []
    for task in tasks:
        where = f"story {task.story_id}"
        try:
            briefing = brief(task.documents, settings=settings, cluster_id=f"story-{task.story_id}")
            out.append(BriefedItem(task.story_id, render_jsonl_line(briefing)))
        except Exception as exc:  # one story's failure must not stop the others
            out.append(_problem(task.story_id, where, exc))
    return out

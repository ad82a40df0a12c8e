"""The batch driver: which stage runs on which partitions, and what is written where.

:func:`run_batch` reads the inputs, cuts them into partitions, hands each map
stage to the executor, keeps every finished partition in the output folder
(see :mod:`newsbrief.scale.job`) and writes the final tables. The executor is
the only thing that differs between ``--engine local`` and ``--engine ray``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsbrief.config import Settings
from newsbrief.errors import ConfigError, InputError
from newsbrief.scale import stages
from newsbrief.scale.executor import Executor
from newsbrief.scale.job import FORMATS, JobDir, briefing_rows, job_key, write_lines, write_rows
from newsbrief.scale.sources import RawItem, detect_kind, read_items, scan
from newsbrief.scale.stages import BriefedItem, Problem

if TYPE_CHECKING:
    from newsbrief.store import Store

log = logging.getLogger(__name__)

CLUSTERS_PER_PART = 16
ARTICLES_PER_PART = 2000
STORIES_PER_PART = 32

Progress = Callable[[str, int, int], None]  # (stage, partitions done, partitions in all)


@dataclass(slots=True)
class BatchResult:
    """What a batch job did."""

    kind: str
    out: Path
    items: int = 0  # clusters, or reports
    briefings: int = 0
    stories: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    loaded: int = 0  # reports loaded into a store
    parts_run: int = 0
    parts_resumed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> bytes
    cpu_s: dict[str, float] = field(default_factory=dict)  # worker -> CPU seconds


def run_batch(
    inputs: Sequence[str],
    out: str | Path,
    executor: Executor,
    *,
    settings: Settings | None = None,
    kind: str = "auto",
    fmt: str = "jsonl",
    partition_size: int | None = None,
    restart: bool = False,
    progress: Progress | None = None,
    store: Store | None = None,
) -> BatchResult:
    """Brief every cluster, or group every report into stories and brief each story.

    With a ``store``, the stories, their reports and briefings are loaded into it too.
    """
    settings = settings or Settings()
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if partition_size is not None and partition_size < 1:
        raise ConfigError(f"partition size must be at least 1, got {partition_size}")
    files = scan(inputs)
    kind = detect_kind(files, kind)
    if store is not None and kind != "articles":
        raise ConfigError("a story store is loaded from articles, but the inputs hold clusters")
    size = partition_size or (CLUSTERS_PER_PART if kind == "clusters" else ARTICLES_PER_PART)
    description = {
        "kind": kind,
        "inputs": [asdict(f) for f in files],
        "settings": asdict(settings),
        "partition_size": size,
    }
    job = JobDir.open(out, {"key": job_key(description), **description}, restart=restart)
    driver = _Driver(
        job, executor, settings, progress or _log_progress, BatchResult(kind, job.root)
    )
    started = time.perf_counter()
    items, read_problems = _read(files)
    driver.result.problems.extend(read_problems)
    driver.result.seconds["read"] = time.perf_counter() - started
    partitions = [items[i : i + size] for i in range(0, len(items), size)]
    del items  # the partitions hold the lines now; the driver lets go of them after parsing
    if kind == "clusters":
        driver.clusters(partitions, fmt)
    else:
        driver.articles(partitions, fmt, store)
    driver.finish()
    driver.result.seconds["total"] = time.perf_counter() - started
    return driver.result


def _read(files: Sequence[Any]) -> tuple[list[RawItem], list[Problem]]:
    items: list[RawItem] = []
    problems = []
    for item in read_items(files):
        if isinstance(item, InputError):
            problems.append(Problem(-1, item.origin, item.problem))
        else:
            items.append(item)
    return items, problems


def _log_progress(stage: str, done: int, total: int) -> None:
    if total and (done == total or done % max(1, total // 10) == 0):
        log.info("%s: %d/%d partitions", stage, done, total)


class _Driver:
    """Runs the stages of one job through an executor, resuming from finished parts."""

    def __init__(
        self,
        job: JobDir,
        executor: Executor,
        settings: Settings,
        progress: Progress,
        result: BatchResult,
    ) -> None:
        self.job = job
        self.executor = executor
        self.settings = settings
        self.progress = progress
        self.result = result

    def stage(
        self,
        name: str,
        fn: Callable[[Any, Any], Any],
        partitions: Sequence[Any],
        shared: Any,
        where: Callable[[Any], str],
    ) -> list[Any]:
        """Results of ``fn`` over every partition (None for one that failed)."""
        started = time.perf_counter()
        results: list[Any] = [self.job.load(name, i) for i in range(len(partitions))]
        todo = [i for i, r in enumerate(results) if r is None]
        self.result.parts_resumed += len(partitions) - len(todo)
        if len(todo) < len(partitions):
            log.info(
                "%s: %d of %d partitions already done",
                name,
                len(partitions) - len(todo),
                len(partitions),
            )
        done = len(partitions) - len(todo)
        self.progress(name, done, len(partitions))
        for position, value in self.executor.map(fn, [partitions[i] for i in todo], shared):
            index = todo[position]
            if isinstance(value, BaseException):
                self._failed_partition(name, partitions[index], where, value)
            else:
                self.job.save(name, index, value)
                results[index] = value
                self.result.parts_run += 1
            done += 1
            self.progress(name, done, len(partitions))
        self.result.seconds[name] = time.perf_counter() - started
        return results

    def _failed_partition(
        self, name: str, partition: Any, where: Callable[[Any], str], exc: BaseException
    ) -> None:
        place = where(partition)
        message = f"{name} failed for the whole partition ({type(exc).__name__}: {exc})"
        log.error("%s: %s (skipped; a re-run tries it again)", place, message)
        self.result.problems.append(Problem(-1, place, message))

    def clusters(self, partitions: list[list[RawItem]], fmt: str) -> None:
        """One briefing per cluster, in input order."""
        self.result.items = sum(len(p) for p in partitions)
        results = self.stage(
            "brief", stages.brief_clusters, partitions, self.settings, _items_place
        )
        lines = self._briefed(results)
        self._write_briefings(lines, fmt)

    def articles(self, partitions: list[list[RawItem]], fmt: str, store: Store | None) -> None:
        """Parse, de-duplicate, group into stories, brief every story."""
        parsed = [
            p
            for p in self.stage(
                "parse", stages.parse_articles, partitions, self.settings, _items_place
            )
            if p is not None
        ]
        partitions.clear()  # the raw lines: parsed now, no longer needed in the driver
        for part in parsed:
            self.result.problems.extend(part.problems)
        articles = [a for part in parsed for a in part.articles]
        self.result.items = len(articles)
        context = stages.GroupingContext(self.settings, stages.term_stats(parsed))
        del parsed  # the per-partition term counts: summed into the context
        blocks = stages.plan_blocks(articles, self.settings.story_window_days)
        grouped = self.stage("group", stages.group_block, blocks, context, _block_place)
        local = [b if b is not None else _singletons(blocks[i]) for i, b in enumerate(grouped)]
        stories = stages.merge_blocks(local, self.settings)
        self.result.stories = len(stories)
        self.result.duplicates = sum(len(s.duplicates) for s in stories)
        documents = {a.order: a.document for a in articles}
        tasks = stages.story_tasks(stories, documents)
        story_parts = [
            tasks[i : i + STORIES_PER_PART] for i in range(0, len(tasks), STORIES_PER_PART)
        ]
        results = self.stage(
            "brief", stages.brief_stories, story_parts, self.settings, _story_place
        )
        lines = self._briefed(results)
        self._write_briefings(lines, fmt)
        self._write_stories(stories, documents, lines, fmt)
        if store is not None:
            self._load(store, stories, documents, lines, context.stats)

    def _load(
        self,
        store: Store,
        stories: Sequence[stages.Story],
        documents: dict[tuple[int, int], Any],
        lines: Sequence[str],
        stats: Any,
    ) -> None:
        import json

        from newsbrief.scale.load import load_into_store

        started = time.perf_counter()
        briefings = {json.loads(line)["id"]: line for line in lines}
        loaded = load_into_store(store, stories, documents, briefings, stats)
        self.result.loaded = loaded.reports
        log.info(
            "store: %d stories, %d reports, %d briefings loaded; %d reports already there",
            loaded.stories,
            loaded.reports,
            loaded.briefings,
            loaded.existing,
        )
        self.result.seconds["load"] = time.perf_counter() - started

    def _briefed(self, results: Sequence[list[BriefedItem | Problem] | None]) -> list[str]:
        items = [item for r in results if r is not None for item in r]
        self.result.problems.extend(i for i in items if isinstance(i, Problem))
        briefed = sorted((i for i in items if isinstance(i, BriefedItem)), key=lambda i: i.position)
        return [i.line for i in briefed]

    def _write_briefings(self, lines: list[str], fmt: str) -> None:
        self.result.briefings = len(lines)
        if fmt == "jsonl":
            write_lines(self.job.root, "briefings", lines)
        else:
            write_rows(self.job.root, "briefings", briefing_rows(lines), fmt)

    def _write_stories(
        self,
        stories: Sequence[stages.Story],
        documents: dict[tuple[int, int], Any],
        lines: Sequence[str],
        fmt: str,
    ) -> None:
        import json

        headlines = {}
        for line in lines:
            obj = json.loads(line)
            headlines[obj["id"]] = obj.get("headline")
        rows: list[dict[str, Any]] = []
        assignments: list[tuple[tuple[int, int], str, int]] = []
        for story in stories:
            docs = [documents[o] for o in story.members]
            primary = [documents[o] for o in story.members if o not in story.duplicates]
            dates = sorted(d.date for d in docs if d.date)
            rows.append(
                {
                    "story_id": story.id,
                    "headline": headlines.get(f"story-{story.id}") or primary[0].title,
                    "n_reports": len(primary),
                    "n_duplicates": len(story.duplicates),
                    "n_sources": len({d.outlet or f"report:{d.id}" for d in primary}),
                    "first_date": _iso(dates[0] if dates else None),
                    "last_date": _iso(dates[-1] if dates else None),
                    "report_ids": [d.id for d in docs],
                }
            )
            assignments.extend((o, documents[o].id, story.id) for o in story.members)
        assignments.sort()
        write_rows(self.job.root, "stories", rows, fmt)
        write_rows(
            self.job.root,
            "assignments",
            [{"report_id": rid, "story_id": sid} for _, rid, sid in assignments],
            fmt,
        )

    def finish(self) -> None:
        """Write the problems, log a summary, record the workers' memory."""
        import json

        problems = sorted(self.result.problems, key=lambda p: (p.position, p.where))
        self.result.problems = problems
        for problem in problems:
            log.warning("%s: %s (skipped)", problem.where, problem.message)
        write_lines(
            self.job.root,
            "problems",
            (json.dumps({"where": p.where, "message": p.message}) + "\n" for p in problems),
        )
        self.result.peak_rss = dict(self.executor.stats.peak_rss)
        self.result.cpu_s = dict(self.executor.stats.cpu_s)


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _items_place(items: Sequence[RawItem]) -> str:
    return items[0].where if len(items) == 1 else f"{items[0].where} to {items[-1].where}"


def _block_place(block: stages.Block) -> str:
    first, last = block.articles[0], block.articles[-1]
    return f"grouping block {block.index} ({first.where} to {last.where})"


def _story_place(tasks: Sequence[stages.StoryTask]) -> str:
    return f"stories {tasks[0].story_id} to {tasks[-1].story_id}"


def _singletons(block: stages.Block) -> list[stages.LocalStory]:
    """A block whose grouping failed: each report a story of its own, so none is lost."""
    from newsbrief.stories import StoryState

    return [stages.LocalStory((a.order,), (), StoryState(0).to_json()) for a in block.articles]

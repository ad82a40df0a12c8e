"""Batch jobs on the local executor: outputs, bad items, resume, the command."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from newsbrief.cli import main
from newsbrief.config import Settings
from newsbrief.errors import ConfigError
from newsbrief.scale import LocalExecutor, run_batch
from newsbrief.scale.executor import ExecutorStats

from .batchdata import bcubed_f1, gold_events, write_articles, write_clusters

TABLES = ("briefings", "stories", "assignments")


def _read(out: Path, name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / f"{name}.jsonl").read_text().splitlines()]


class Interrupted(Exception):
    """Stands for a job killed part-way."""


class StopAfter:
    """An executor that runs ``limit`` partitions of the job, then dies."""

    name = "stop-after"
    workers = 1

    def __init__(self, limit: int) -> None:
        self.inner = LocalExecutor()
        self.stats = self.inner.stats
        self.limit = limit

    def map(
        self, fn: Callable[[Any, Any], Any], partitions: Sequence[Any], shared: Any = None
    ) -> Iterator[tuple[int, Any]]:
        for result in self.inner.map(fn, partitions, shared):
            if self.limit == 0:
                raise Interrupted
            self.limit -= 1
            yield result

    def close(self) -> None:
        pass


class Counting(LocalExecutor):
    """The local executor, counting the partitions it runs."""

    def __init__(self) -> None:
        super().__init__()
        self.ran = 0

    def map(
        self, fn: Callable[[Any, Any], Any], partitions: Sequence[Any], shared: Any = None
    ) -> Iterator[tuple[int, Any]]:
        self.ran += len(partitions)
        yield from super().map(fn, partitions, shared)


def test_clusters_give_the_briefings_of_brief_jsonl(tmp_path: Path, capsys) -> None:
    clusters = write_clusters(tmp_path / "clusters.jsonl")
    assert main(["brief", str(clusters), "--no-analysis", "-f", "jsonl"]) == 0
    expected = capsys.readouterr().out
    result = run_batch(
        [str(clusters)],
        tmp_path / "out",
        LocalExecutor(),
        settings=Settings(analysis=False),
        partition_size=2,
    )
    assert (tmp_path / "out" / "briefings.jsonl").read_text() == expected
    assert (result.items, result.briefings, result.problems) == (5, 5, [])
    assert not (tmp_path / "out" / "stories.jsonl").exists()


def test_articles_become_stories_assignments_and_briefings(
    tmp_path: Path, fast_settings: Settings
) -> None:
    articles = write_articles(tmp_path / "articles.jsonl")
    result = run_batch(
        [str(articles)], tmp_path / "out", LocalExecutor(), settings=fast_settings, partition_size=7
    )
    out = tmp_path / "out"
    gold, predicted = gold_events(out / "assignments.jsonl")
    assert len(predicted) == result.items == 31  # every report assigned once
    assert bcubed_f1(predicted, gold) == 1.0  # three events, three stories
    stories = _read(out, "stories")
    assert [s["story_id"] for s in stories] == [1, 2, 3]
    flood = stories[0]
    assert "wire-copy" in flood["report_ids"]
    assert flood["n_duplicates"] >= 1
    briefings = _read(out, "briefings")
    assert [b["id"] for b in briefings] == ["story-1", "story-2", "story-3"]
    assert all(b["summary"] for b in briefings)
    assert [b["headline"] for b in briefings] == [s["headline"] for s in stories]


def test_bad_items_are_reported_with_their_place_and_skipped(
    tmp_path: Path, fast_settings: Settings
) -> None:
    articles = write_articles(tmp_path / "articles.jsonl", bad_lines=True)
    result = run_batch([str(articles)], tmp_path / "out", LocalExecutor(), settings=fast_settings)
    assert result.items == 31
    problems = _read(tmp_path / "out", "problems")
    assert [p["where"] for p in problems] == [f"{articles}:4", f"{articles}:10"]
    assert "malformed JSON" in problems[0]["message"]
    assert "'text' must be a non-empty string" in problems[1]["message"]


def test_a_failed_partition_is_reported_and_the_job_goes_on(tmp_path: Path) -> None:
    clusters = write_clusters(tmp_path / "clusters.jsonl", n=4)

    class FailsSecond(LocalExecutor):
        def map(self, fn, partitions, shared=None):  # type: ignore[no-untyped-def]
            for position, value in super().map(fn, partitions, shared):
                yield position, (RuntimeError("worker lost") if position == 1 else value)

    result = run_batch(
        [str(clusters)],
        tmp_path / "out",
        FailsSecond(),
        settings=Settings(analysis=False),
        partition_size=2,
    )
    assert result.briefings == 2
    (problem,) = result.problems
    assert problem.where == f"{clusters}:3 to {clusters}:4"
    assert "worker lost" in problem.message


@pytest.mark.parametrize("limit", [1, 5])  # killed while parsing / while grouping blocks
def test_a_rerun_resumes_an_interrupted_job(
    tmp_path: Path, fast_settings: Settings, limit: int
) -> None:
    articles = write_articles(tmp_path / "articles.jsonl")
    fresh = tmp_path / "fresh"
    run_batch([str(articles)], fresh, LocalExecutor(), settings=fast_settings, partition_size=7)
    out = tmp_path / "out"
    with pytest.raises(Interrupted):
        run_batch([str(articles)], out, StopAfter(limit), settings=fast_settings, partition_size=7)
    assert not (out / "briefings.jsonl").exists()
    counting = Counting()
    result = run_batch([str(articles)], out, counting, settings=fast_settings, partition_size=7)
    assert result.parts_resumed == limit
    total = result.parts_run + result.parts_resumed
    assert counting.ran == total - limit  # only what was missing ran again
    for name in TABLES:
        assert (out / f"{name}.jsonl").read_text() == (fresh / f"{name}.jsonl").read_text()


def test_a_finished_job_runs_nothing_again(tmp_path: Path, fast_settings: Settings) -> None:
    clusters = write_clusters(tmp_path / "clusters.jsonl")
    run_batch([str(clusters)], tmp_path / "out", LocalExecutor(), settings=fast_settings)
    counting = Counting()
    result = run_batch([str(clusters)], tmp_path / "out", counting, settings=fast_settings)
    assert counting.ran == 0
    assert result.briefings == 5


def test_another_job_in_the_folder_is_refused_unless_restarted(
    tmp_path: Path, fast_settings: Settings
) -> None:
    clusters = write_clusters(tmp_path / "clusters.jsonl")
    out = tmp_path / "out"
    run_batch([str(clusters)], out, LocalExecutor(), settings=fast_settings)
    other = Settings(analysis=False, max_words=50)
    with pytest.raises(ConfigError, match="--restart"):
        run_batch([str(clusters)], out, LocalExecutor(), settings=other)
    result = run_batch([str(clusters)], out, LocalExecutor(), settings=other, restart=True)
    assert all(b["max_words"] == 50 for b in _read(out, "briefings"))
    assert result.parts_resumed == 0


def test_parquet_in_and_out(tmp_path: Path, fast_settings: Settings) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [
        json.loads(line) for line in write_articles(tmp_path / "a.jsonl").read_text().splitlines()
    ]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "a.parquet")
    run_batch([str(tmp_path / "a.jsonl")], tmp_path / "j", LocalExecutor(), settings=fast_settings)
    run_batch(
        [str(tmp_path / "a.parquet")],
        tmp_path / "p",
        LocalExecutor(),
        settings=fast_settings,
        fmt="parquet",
    )
    stories = pq.read_table(tmp_path / "p" / "stories.parquet").to_pylist()
    assert stories == _read(tmp_path / "j", "stories")
    assignments = pq.read_table(tmp_path / "p" / "assignments.parquet").to_pylist()
    assert assignments == _read(tmp_path / "j", "assignments")
    briefings = pq.read_table(tmp_path / "p" / "briefings.parquet").to_pylist()
    from_parquet = [_without_origin(json.loads(b["briefing"])) for b in briefings]
    assert from_parquet == [_without_origin(b) for b in _read(tmp_path / "j", "briefings")]
    assert briefings[0]["briefing"].count("a.parquet row ") > 0  # places name the Parquet rows


def _without_origin(briefing: dict[str, Any]) -> dict[str, Any]:
    for source in briefing["sources"]:
        source.pop("origin")
    return briefing


def test_command_writes_the_folder_and_exits_1_on_skipped_items(tmp_path: Path, capsys) -> None:
    clusters = write_clusters(tmp_path / "clusters.jsonl", bad_line=True)
    code = main(["batch", str(clusters), "--out", str(tmp_path / "out"), "--no-analysis"])
    assert code == 1
    captured = capsys.readouterr()
    assert "5 briefing(s), 1 problem(s)" in captured.out
    assert f"{clusters}:3: 'documents' must be a non-empty list (skipped)" in captured.err


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["missing.jsonl"], "missing.jsonl: no such file or folder"),  # no input
        (["{tmp}/notes.txt"], "unknown file type"),  # neither JSONL nor Parquet
        (["{tmp}/clusters.jsonl", "--partition-size", "0"], "at least 1"),  # bad size
    ],
)
def test_command_errors_are_one_clean_line(tmp_path: Path, capsys, args, problem) -> None:
    write_clusters(tmp_path / "clusters.jsonl")
    (tmp_path / "notes.txt").write_text("hello")
    argv = ["batch", *(a.format(tmp=tmp_path) for a in args), "--out", str(tmp_path / "out")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert problem in err
    assert "Traceback" not in err


def test_executor_stats_record_each_worker() -> None:
    stats = ExecutorStats()
    executor = LocalExecutor()
    executor.stats = stats
    assert [v for _, v in executor.map(lambda p, s: p * s, [1, 2, 3], 2)] == [2, 4, 6]
    assert stats.tasks == 3
    assert len(stats.peak_rss) == 1
    assert next(iter(stats.peak_rss.values())) > 0


def test_stories_load_into_a_store_that_ingest_goes_on_with(
    tmp_path: Path, fast_settings: Settings
) -> None:
    import storydata
    from newsbrief.store import Store
    from newsbrief.stories import ingest_reports

    articles = write_articles(tmp_path / "articles.jsonl")
    with Store.open(":memory:") as store:
        result = run_batch(
            [str(articles)], tmp_path / "out", LocalExecutor(), settings=fast_settings, store=store
        )
        stored = store.stories(limit=10)
        assert len(stored) == result.stories == 3
        assert result.loaded == store.count("documents")
        assert store.count("near_duplicates") >= 1  # the wire copy is linked
        assert all(store.briefings(s.id) for s in stored)  # each story has its briefing
        late = storydata.documents_numbered(300)  # a new flood report, from the live stream
        report = ingest_reports(store, [late], settings=fast_settings, brief=False)
        assert report.new_stories == 0  # it joins a loaded story
        assert store.count_stories() == 3


def test_progress_is_reported_for_every_step(tmp_path: Path, fast_settings: Settings) -> None:
    articles = write_articles(tmp_path / "articles.jsonl")
    calls: list[tuple[str, int, int]] = []
    run_batch(
        [str(articles)],
        tmp_path / "out",
        LocalExecutor(),
        settings=fast_settings,
        partition_size=10,
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    last = {stage: (done, total) for stage, done, total in calls}
    assert list(last) == ["parse", "group", "brief"]
    assert last["parse"] == (4, 4)  # 31 reports in partitions of 10
    assert all(done == total for done, total in last.values())


def test_a_store_needs_article_inputs(tmp_path: Path, fast_settings: Settings) -> None:
    from newsbrief.store import Store

    clusters = write_clusters(tmp_path / "clusters.jsonl")
    with Store.open(":memory:") as store, pytest.raises(ConfigError, match="articles"):
        run_batch(
            [str(clusters)], tmp_path / "out", LocalExecutor(), settings=fast_settings, store=store
        )


def test_clusters_in_parquet_give_the_same_briefings(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    clusters = write_clusters(tmp_path / "c.jsonl")
    rows = [json.loads(line) for line in clusters.read_text().splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "c.parquet")
    settings = Settings(analysis=False)
    for name in ("c.jsonl", "c.parquet"):
        run_batch([str(tmp_path / name)], tmp_path / name[2:], LocalExecutor(), settings=settings)
    from_parquet = [_without_origin(b) for b in _read(tmp_path / "parquet", "briefings")]
    assert from_parquet == [_without_origin(b) for b in _read(tmp_path / "jsonl", "briefings")]


def test_an_empty_input_gives_empty_tables(tmp_path: Path, fast_settings: Settings) -> None:
    (tmp_path / "empty.jsonl").write_text("\n")
    result = run_batch(
        [str(tmp_path / "empty.jsonl")], tmp_path / "out", LocalExecutor(), settings=fast_settings
    )
    assert (result.items, result.stories, result.briefings) == (0, 0, 0)
    for name in TABLES:
        assert (tmp_path / "out" / f"{name}.jsonl").read_text() == ""

"""The Ray executor: the same results as the local one, retries, and Ray imported only on use."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from newsbrief.config import Settings
from newsbrief.scale import LocalExecutor, make_executor, run_batch
from newsbrief.scale import stages as stage_functions

from .batchdata import bcubed_f1, gold_events, write_articles, write_clusters

TABLES = ("briefings", "stories", "assignments")


@pytest.fixture(scope="module")
def ray_executor(ray_local: Any) -> Iterator[Any]:
    # Functions of this test module travel to the workers by value: they cannot import it.
    ray_local.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    executor = make_executor("ray")
    yield executor
    executor.close()


def test_clusters_on_ray_equal_local(tmp_path: Path, ray_executor: Any) -> None:
    clusters = write_clusters(tmp_path / "clusters.jsonl", n=6, bad_line=True)
    runs = {}
    for name, executor in (("local", LocalExecutor()), ("ray", ray_executor)):
        runs[name] = run_batch(
            [str(clusters)],
            tmp_path / name,
            executor,
            settings=Settings(analysis=False),
            partition_size=2,
        )
    assert runs["ray"].briefings == runs["local"].briefings == 6
    assert runs["ray"].problems == runs["local"].problems
    assert len(runs["ray"].problems) == 1
    local = (tmp_path / "local" / "briefings.jsonl").read_text()
    assert (tmp_path / "ray" / "briefings.jsonl").read_text() == local


def test_articles_on_ray_give_the_same_stories(
    tmp_path: Path, ray_executor: Any, fast_settings: Settings
) -> None:
    articles = write_articles(tmp_path / "articles.jsonl", per_event=14, bad_lines=True)
    for name, executor in (("local", LocalExecutor()), ("ray", ray_executor)):
        run_batch(
            [str(articles)], tmp_path / name, executor, settings=fast_settings, partition_size=6
        )
    _, local = gold_events(tmp_path / "local" / "assignments.jsonl")
    _, on_ray = gold_events(tmp_path / "ray" / "assignments.jsonl")
    assert bcubed_f1(on_ray, local) >= 0.99
    for name in TABLES:  # grouping is deterministic: the very same tables
        assert (tmp_path / "ray" / f"{name}.jsonl").read_text() == (
            tmp_path / "local" / f"{name}.jsonl"
        ).read_text()
    assert ray_executor.stats.peak_rss  # memory of each worker was recorded


class KillOnce:
    """Wraps a stage function: the first worker to run the target partition dies at once."""

    def __init__(self, fn: Callable[[Any, Any], Any], target: int, marker: Path) -> None:
        self.fn, self.target, self.marker = fn, target, marker

    def __call__(self, partition: Any, shared: Any) -> Any:
        if _first_position(partition) == self.target and not self.marker.exists():
            self.marker.write_text(str(os.getpid()))
            os._exit(1)  # the worker process dies mid-task, as on a lost node
        return self.fn(partition, shared)


def _first_position(partition: Any) -> int:
    first = partition[0] if isinstance(partition, list) else partition.articles[0]
    return int(getattr(first, "position", getattr(first, "story_id", -1)))


class KillingExecutor:
    """The Ray executor with one worker killed during the given stage."""

    name = "ray"

    def __init__(self, inner: Any, stage: Callable[..., Any], target: int, marker: Path) -> None:
        self.inner, self.stage, self.target, self.marker = inner, stage, target, marker
        self.workers, self.stats = inner.workers, inner.stats

    def map(
        self, fn: Callable[[Any, Any], Any], partitions: Sequence[Any], shared: Any = None
    ) -> Iterator[tuple[int, Any]]:
        if fn is self.stage:
            fn = KillOnce(fn, self.target, self.marker)
        yield from self.inner.map(fn, partitions, shared)

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("stage", "target"),
    [
        (stage_functions.parse_articles, 6),  # the second input partition
        (stage_functions.brief_stories, 1),  # the first story partition
    ],
)
def test_a_killed_worker_is_retried_and_the_output_is_whole(
    tmp_path: Path, ray_executor: Any, fast_settings: Settings, stage: Any, target: int
) -> None:
    articles = write_articles(tmp_path / "articles.jsonl")
    run_batch([str(articles)], tmp_path / "local", LocalExecutor(), settings=fast_settings)
    marker = tmp_path / "killed"
    killing = KillingExecutor(ray_executor, stage, target, marker)
    result = run_batch(
        [str(articles)], tmp_path / "ray", killing, settings=fast_settings, partition_size=6
    )
    assert marker.exists()  # a worker did die
    assert result.problems == []
    for name in TABLES:
        assert (tmp_path / "ray" / f"{name}.jsonl").read_text() == (
            tmp_path / "local" / f"{name}.jsonl"
        ).read_text()


def test_an_executor_leaves_a_running_ray_running(ray_local: Any) -> None:
    executor = make_executor("ray")
    executor.close()
    assert ray_local.is_initialized()


def test_ray_is_imported_only_when_a_job_runs_on_it() -> None:
    code = (
        "import sys; from newsbrief.cli import build_parser; build_parser(); "
        "import newsbrief.scale, newsbrief.commands.batch; "
        "print('ray' in sys.modules, 'pyarrow' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_command_on_ray(tmp_path: Path, ray_local: Any, capsys) -> None:
    from newsbrief.cli import main

    clusters = write_clusters(tmp_path / "clusters.jsonl", n=3)
    argv = ["batch", str(clusters), "--out", str(tmp_path / "out"), "--no-analysis"]
    assert main([*argv, "--engine", "ray"]) == 0
    assert "3 cluster(s), 3 briefing(s), 0 problem(s)" in capsys.readouterr().out
    assert ray_local.is_initialized()  # the command leaves a Ray it did not start

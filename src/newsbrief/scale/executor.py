"""Executors: where the stage functions run. One protocol, a local one and a Ray one.

A job is a sequence of *maps*: a stage function applied to a list of
partitions, with one shared, read-only argument (settings, idf statistics).
The driver decides what to run and writes what comes back; an executor only
runs ``fn(partition, shared)`` for each partition and hands the results back,
tagged with the partition's position, as they finish. A partition whose task
failed comes back as the exception, so the driver can report it and go on.

:class:`LocalExecutor` runs them one after another in this process;
:class:`~newsbrief.scale.ray_executor.RayExecutor` runs them as Ray tasks.
Both run the very same functions, so they give the same results.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

log = logging.getLogger(__name__)

P = TypeVar("P")
R = TypeVar("R")

ENGINES = ("local", "ray")


@dataclass(frozen=True, slots=True)
class Measured:
    """A stage result with the worker that produced it and that worker's peak memory."""

    value: Any
    worker: str
    peak_rss: int  # bytes
    cpu_s: float  # CPU time of the worker process so far (user + system)


def measured(fn: Callable[[Any, Any], Any], partition: Any, shared: Any) -> Measured:
    """Run ``fn`` and tag the result with this process's id, peak memory and CPU time."""
    value = fn(partition, shared)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    worker = f"{os.uname().nodename}:{os.getpid()}"
    return Measured(value, worker, peak_rss(), usage.ru_utime + usage.ru_stime)


def peak_rss() -> int:
    """Peak resident memory of this process in bytes."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss if sys.platform == "darwin" else rss * 1024)


@dataclass(slots=True)
class ExecutorStats:
    """What the executor saw: tasks run, and each worker's peak memory and CPU time."""

    tasks: int = 0
    failed: int = 0
    peak_rss: dict[str, int] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)

    def record(self, result: Measured) -> None:
        """Count one finished task."""
        self.tasks += 1
        self.peak_rss[result.worker] = max(self.peak_rss.get(result.worker, 0), result.peak_rss)
        self.cpu_s[result.worker] = max(self.cpu_s.get(result.worker, 0.0), result.cpu_s)


class Executor(Protocol):
    """Runs a stage function over partitions."""

    name: str
    workers: int
    stats: ExecutorStats

    def map(
        self, fn: Callable[[P, Any], R], partitions: Sequence[P], shared: Any = None
    ) -> Iterator[tuple[int, R | BaseException]]:
        """``(position, fn(partition, shared))`` for each partition, in any order."""
        ...

    def close(self) -> None:
        """Release what the executor started."""
        ...


class LocalExecutor:
    """Every partition in this process, in order: the reference the Ray executor must match."""

    name = "local"

    def __init__(self) -> None:
        self.workers = 1
        self.stats = ExecutorStats()

    def map(
        self, fn: Callable[[P, Any], R], partitions: Sequence[P], shared: Any = None
    ) -> Iterator[tuple[int, R | BaseException]]:
        """Run each partition in turn; an exception is handed back, not raised."""
        for position, partition in enumerate(partitions):
            try:
                result = measured(fn, partition, shared)
            except Exception as exc:
                self.stats.failed += 1
                yield position, exc
                continue
            self.stats.record(result)
            yield position, result.value

    def close(self) -> None:
        """Nothing to release."""

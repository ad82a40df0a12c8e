"""The Ray executor: each partition is a Ray task, retried when its worker dies.

Ray is imported here only, when a job asks for ``--engine ray``. Without an
address Ray starts on this machine (bound to 127.0.0.1); with one (or with
``RAY_ADDRESS`` set, which Ray reads itself) the tasks run on that cluster,
whose workers must have newsbrief installed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from newsbrief._imports import require
from newsbrief.errors import ConfigError
from newsbrief.scale.executor import ExecutorStats, Measured, measured

log = logging.getLogger(__name__)

P = TypeVar("P")
R = TypeVar("R")

MAX_RETRIES = 3  # a task whose worker process dies is run again, up to this many times
IN_FLIGHT_PER_WORKER = 2  # tasks submitted ahead per CPU: keeps workers busy, bounds memory


class RayExecutor:
    """Runs partitions as Ray tasks; starts local Ray unless one is running or an address given."""

    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        self.ray = require("ray", "scale", "--engine ray")
        self.stats = ExecutorStats()
        self._owned = False
        if not self.ray.is_initialized():
            self._start(address, workers)
        self.workers = max(1, int(self.ray.cluster_resources().get("CPU", 1)))
        self._remote = self.ray.remote(measured).options(
            max_retries=MAX_RETRIES, retry_exceptions=False
        )

    def _start(self, address: str | None, workers: int | None) -> None:
        options: dict[str, Any] = {"logging_level": logging.WARNING}
        if address:
            options["address"] = address
        else:  # a Ray of our own: this machine only, no dashboard
            options.update(num_cpus=workers, include_dashboard=False, _node_ip_address="127.0.0.1")
        log.info("starting Ray%s", f" at {address}" if address else " on this machine")
        try:
            self.ray.init(**options)
        except Exception as exc:  # ConnectionError, RuntimeError, ValueError: all mean no Ray
            where = f"join the Ray cluster at {address}" if address else "start a local Ray"
            raise ConfigError(f"cannot {where}: {exc}") from exc
        self._owned = True

    def map(
        self, fn: Callable[[P, Any], R], partitions: Sequence[P], shared: Any = None
    ) -> Iterator[tuple[int, R | BaseException]]:
        """Submit the partitions as tasks (a bounded number ahead); yield them as they finish."""
        ray = self.ray
        shared_ref = ray.put(shared)  # sent once to each node, not once per task
        limit = self.workers * IN_FLIGHT_PER_WORKER
        pending: dict[Any, int] = {}
        todo = iter(enumerate(partitions))
        while True:
            while len(pending) < limit and (item := next(todo, None)) is not None:
                pending[self._remote.remote(fn, item[1], shared_ref)] = item[0]
            if not pending:
                return
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                position = pending.pop(ref)
                try:
                    result: Measured = ray.get(ref)
                except Exception as exc:  # retries exhausted, or the stage itself failed
                    self.stats.failed += 1
                    yield position, exc
                    continue
                self.stats.record(result)
                yield position, result.value

    def close(self) -> None:
        """Stop Ray if this executor started it."""
        if self._owned:
            self.ray.shutdown()
            self._owned = False

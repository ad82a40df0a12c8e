"""Batch jobs over many clusters or reports, on one process or on Ray.

The same stage functions (:mod:`newsbrief.scale.stages`) run under either
executor; only :class:`~newsbrief.scale.executor.LocalExecutor` or
:class:`~newsbrief.scale.ray_executor.RayExecutor` changes. Ray is an extra
(``pip install 'newsbrief[scale]'``), imported only by the Ray executor.

>>> from newsbrief.scale import LocalExecutor
>>> LocalExecutor().name
'local'
"""

from __future__ import annotations

from newsbrief.scale.batch import BatchResult, run_batch
from newsbrief.scale.engines import make_executor
from newsbrief.scale.executor import ENGINES, Executor, LocalExecutor

__all__ = ["ENGINES", "BatchResult", "Executor", "LocalExecutor", "make_executor", "run_batch"]

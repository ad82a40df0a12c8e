"""Fixtures of the batch tests: settings, and one Ray started once per module that needs it."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

import pytest

from newsbrief.config import Settings


@pytest.fixture(autouse=True)
def _restore_log_handlers() -> Iterator[None]:
    """The CLI points the root logger at the captured stderr of its test: put it back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def fast_settings() -> Settings:
    """Summaries only (no spaCy), and a one-day window so reports fall in several blocks."""
    return Settings(analysis=False, story_window_days=1)


@pytest.fixture(scope="module")
def ray_local() -> Iterator[Any]:
    """A local Ray on 127.0.0.1 with two CPUs; skipped where Ray cannot start, except in CI."""
    in_ci = os.environ.get("CI") == "true"
    try:
        import ray
    except ImportError:
        if in_ci:
            raise
        pytest.skip("ray is not installed (pip install 'newsbrief[scale]')")
    try:
        ray.init(
            num_cpus=2,
            include_dashboard=False,
            _node_ip_address="127.0.0.1",
            logging_level="WARNING",
        )
    except Exception as exc:  # Ray raises many kinds when it cannot start
        if in_ci:
            raise
        pytest.skip(f"Ray did not start: {exc}")
    yield ray
    ray.shutdown()

"""Choosing an executor by name: the one module that knows both engines."""

from __future__ import annotations

from typing import Any

from newsbrief.errors import ConfigError
from newsbrief.scale.executor import ENGINES, LocalExecutor


def make_executor(engine: str, *, address: str | None = None, workers: int | None = None) -> Any:
    """The executor for ``engine`` (``local`` or ``ray``)."""
    if engine == "local":
        return LocalExecutor()
    if engine == "ray":
        from newsbrief.scale.ray_executor import RayExecutor

        return RayExecutor(address=address, workers=workers)
    raise ConfigError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")

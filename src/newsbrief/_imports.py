"""Lazy imports of optional dependencies, failing with the install command."""

from __future__ import annotations

import importlib
from types import ModuleType

from newsbrief.errors import MissingDependency


def require(module: str, extra: str, purpose: str, package: str | None = None) -> ModuleType:
    """Import ``module`` or raise :class:`MissingDependency` naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependency(package or module.split(".")[0], extra, purpose) from exc

"""Exceptions raised by newsbrief. All derive from :class:`NewsbriefError`.

::

    NewsbriefError            anything newsbrief raises on purpose
    ├── InputError            a file or stream could not be read as a report
    │   └── DatasetError      a benchmark dataset is malformed or incomplete
    ├── ConfigError           a setting has a bad value
    ├── MissingDependency     an optional extra is needed; says how to install it
    └── StoreError            the story store could not be read or written

Each message says what failed and, where it can, how to fix it. Web errors
carry an HTTP ``status``.
"""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base class of every error newsbrief raises on purpose."""

    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(NewsbriefError):
    """An input could not be read; ``origin`` names the file (and line)."""

    status = 400

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class DatasetError(InputError):
    """A benchmark dataset is malformed, partial or missing files."""


class ConfigError(NewsbriefError):
    """A setting has a value newsbrief cannot use."""

    status = 400


class MissingDependency(NewsbriefError):
    """An optional dependency is not installed."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the '{package}' package: pip install 'newsbrief[{extra}]'"
        )
        self.package = package
        self.extra = extra


class StoreError(NewsbriefError):
    """The store could not be opened, migrated, read or written."""

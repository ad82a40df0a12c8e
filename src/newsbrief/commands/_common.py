"""Pieces shared by CLI commands: output files, settings flags, progress."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar

from newsbrief.config import SETTINGS, Settings, load_settings
from newsbrief.errors import ConfigError

T = TypeVar("T")


def add_settings_flag(parser: argparse.ArgumentParser) -> None:
    """``--set NAME=VALUE``, repeatable, for any setting of :data:`SETTINGS`."""
    names = ", ".join(s.name for s in SETTINGS)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"override a setting (repeatable); settings: {names}",
    )


def settings_from(args: argparse.Namespace, **explicit: Any) -> Settings:
    """Settings layered with ``--set`` pairs and explicit flags."""
    pairs: dict[str, Any] = {}
    for item in getattr(args, "set", []) or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(f"--set expects NAME=VALUE, got {item!r}")
        pairs[name.strip()] = value
    pairs.update({k: v for k, v in explicit.items() if v is not None})
    return load_settings(pairs)


def open_output(path: str | None) -> TextIO:
    """stdout, or a file opened for writing."""
    if not path or path == "-":
        return sys.stdout
    try:
        return Path(path).open("w", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror}") from exc


def progress(items: Iterable[T], total: int, label: str, unit: str = "cluster") -> Iterator[T]:
    """A progress bar on stderr when it is a terminal and there is more than one item."""
    if total > 1 and sys.stderr.isatty():
        from tqdm import tqdm

        yield from tqdm(items, total=total, desc=label, unit=unit, file=sys.stderr)
    else:
        yield from items

"""Pieces shared by CLI commands: output files, settings flags, progress."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO, TypeVar

from newsbrief.config import SETTINGS, Settings, load_settings
from newsbrief.errors import ConfigError, InputError, NewsbriefError

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
        if sys.stdout is None:  # started with stdout closed (``>&-``)
            raise NewsbriefError("cannot write the output: stdout is closed (use -o FILE)")
        return sys.stdout
    try:
        return Path(path).open("w", encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        raise NewsbriefError(f"cannot write {path}: {exc.strerror}") from exc
    except ValueError as exc:  # a NUL byte in the name
        raise NewsbriefError(f"cannot write {path!r}: {exc}") from exc


@contextmanager
def writing(out: TextIO, path: str | None) -> Iterator[TextIO]:
    """Write to ``out`` and close it (never stdout); a failed write (disk full, a device
    that refuses data) becomes one clear error naming the output."""
    name = path if path and path != "-" else "stdout"
    try:
        try:
            yield out
            out.flush()
        finally:
            if out is not sys.stdout:
                out.close()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise NewsbriefError(f"cannot write {name}: {exc.strerror or exc}") from exc


def progress(items: Iterable[T], total: int, label: str, unit: str = "cluster") -> Iterator[T]:
    """A progress bar on stderr when it is a terminal and there is more than one item."""
    if total > 1 and sys.stderr.isatty():
        from tqdm import tqdm

        yield from tqdm(items, total=total, desc=label, unit=unit, file=sys.stderr)
    else:
        yield from items


def item_failure(exc: BaseException) -> str:
    """What went wrong with one item, for a one-line error (no traceback)."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "too large to process in the memory available"
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"cannot be processed ({type(exc).__name__}{': ' + detail if detail else ''})"


class CappedStdin:
    """stdin read at most ``limit`` bytes deep: a larger stream is refused, not held whole."""

    def __init__(self, limit: int, stream: BinaryIO | None = None) -> None:
        self.limit = limit
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        """Everything on stdin, or an :class:`InputError` past the limit (0: no limit)."""
        stream = self.stream or sys.stdin.buffer
        if not self.limit:
            return stream.read(size)
        data = stream.read(self.limit + 1)
        if len(data) > self.limit:
            raise InputError(
                "<stdin>", f"more than {self.limit:,} bytes (max_input_bytes); refused"
            )
        return data


def check_size(path: str | Path, limit: int) -> None:
    """Refuse a file over ``limit`` bytes (0: no limit) before anything reads it whole."""
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):
        return  # the reader names the problem
    if limit and size > limit:
        raise InputError(str(path), f"file is {size:,} bytes, over max_input_bytes ({limit:,})")

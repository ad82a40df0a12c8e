"""Command-line entry point: ``newsbrief <command>``.

Each command lives in :mod:`newsbrief.commands` as a module with ``register``
(adds its sub-parser) and ``run`` (parses, calls one library function,
formats). Library errors become one clean line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from newsbrief import __version__
from newsbrief.errors import NewsbriefError

COMMANDS = ("brief", "eval", "ingest", "stories", "story", "serve", "feeds", "watch")

log = logging.getLogger("newsbrief")


class _CliFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"newsbrief: {record.levelname.lower()}: {record.getMessage()}"


def build_parser() -> argparse.ArgumentParser:
    """The full parser, every command registered."""
    parser = argparse.ArgumentParser(
        prog="newsbrief",
        description="Cited, faithful briefings from several news reports of the same event.",
    )
    parser.add_argument("--version", action="version", version=f"newsbrief {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"newsbrief.commands.{name}").register(sub)
    return parser


def _setup_logging(verbose: int, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_CliFormatter())
    level = (
        logging.ERROR
        if quiet
        else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose, args.quiet)
    try:
        return int(args.run(args) or 0)
    except NewsbriefError as exc:
        log.error("%s", exc)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    except BrokenPipeError:
        return 0


# Commands that hold no open store or server when they return: their process can end
# without the interpreter's teardown, which costs ~0.2 s once spaCy is loaded.
_FAST_EXIT = frozenset({"brief"})


def entry() -> None:
    """Console-script entry point: :func:`main`, then a quick exit where it is safe."""
    argv = sys.argv[1:]
    code = main(argv)
    if argv and argv[0] in _FAST_EXIT:
        with contextlib.suppress(BrokenPipeError):
            sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    entry()

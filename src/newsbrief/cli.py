"""Command-line entry point: ``newsbrief <command>``.

Each command lives in :mod:`newsbrief.commands` as a module with ``register``
(adds its sub-parser) and ``run`` (parses, calls one library function,
formats). Library errors become one clean line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import logging
import os
import sys
from collections.abc import Sequence

from newsbrief import __version__
from newsbrief.errors import NewsbriefError

COMMANDS = ("brief", "batch", "eval", "ingest", "stories", "story", "serve", "feeds", "watch")

log = logging.getLogger("newsbrief")


class _CliFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        from newsbrief.render.markdown import terminal_safe

        # Messages name files and reports: never let their bytes drive the terminal.
        message = terminal_safe(record.getMessage())
        if not record.name.startswith("newsbrief"):
            # A library's own log line (trafilatura, spaCy …) is not newsbrief's error.
            return f"newsbrief: {record.name}: {record.levelname.lower()}: {message}"
        return f"newsbrief: {record.levelname.lower()}: {message}"


class _OwnRecords(logging.Filter):
    """Only newsbrief's records, unless ``-v``: other libraries log their own internals
    (trafilatura logs every page it cannot parse at ERROR) that the user cannot act on."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.startswith("newsbrief")


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
    if not verbose:
        handler.addFilter(_OwnRecords())
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
    for stream in (sys.stdout, sys.stderr):
        # Text no encoder can write (a lone surrogate from a JSON escape) comes out escaped.
        with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        code = int(args.run(args) or 0)
    except NewsbriefError as exc:
        log.error("%s", exc)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted")
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        log.error("%s%s", where, exc.strerror or exc)
        return 2
    except Exception as exc:
        sqlite3 = sys.modules.get("sqlite3")  # not imported for commands without a store
        if sqlite3 is not None and isinstance(exc, sqlite3.Error):
            log.error("the story store cannot be used: %s", exc)
            return 2
        # A bug, or a resource limit hit: one line, the traceback only with -vv.
        log.debug("traceback", exc_info=True)
        log.error("unexpected %s: %s (run with -vv for details)", type(exc).__name__, exc)
        return 70
    return _flush_stdout(code)


def _flush_stdout(code: int) -> int:
    """Flush stdout now, so that a full disk or a closed pipe is reported, not met at exit."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except (OSError, ValueError) as exc:
        _quiet_stdout()
        log.error("cannot write the output: %s", getattr(exc, "strerror", None) or exc)
        return 2
    return code


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


# Commands that hold no open store or server when they return: their process can end
# without the interpreter's teardown, which costs ~0.2 s once spaCy is loaded.
_FAST_EXIT = frozenset({"brief"})


def entry() -> None:
    """Console-script entry point: :func:`main`, then a quick exit where it is safe."""
    argv = sys.argv[1:]
    code = main(argv)
    if argv and argv[0] in _FAST_EXIT:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stdout.flush()
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.flush()
        logging.shutdown()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    entry()

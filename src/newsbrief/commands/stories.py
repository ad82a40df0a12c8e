"""``newsbrief stories``: list the stories in the store."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from newsbrief.commands._common import open_output
from newsbrief.commands._store import add_db_flag, open_reader
from newsbrief.errors import ConfigError


def iso_date(value: str) -> dt.date:
    """An argparse type: ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"bad date {value!r}: expected YYYY-MM-DD") from exc


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stories`` command."""
    p = sub.add_parser(
        "stories",
        help="list stories: headline, reports, sources, dates",
        description="List the stories in the store, latest first.",
    )
    p.add_argument("--since", type=iso_date, metavar="DATE", help="stories seen on or after DATE")
    p.add_argument("--until", type=iso_date, metavar="DATE", help="stories begun on or before DATE")
    p.add_argument("--search", metavar="TEXT", help="only stories whose reports contain TEXT")
    p.add_argument("-n", "--limit", type=int, default=50, help="at most this many (default 50)")
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")
    add_db_flag(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Query the store, print a table or JSON."""
    if args.limit < 1:
        raise ConfigError(f"--limit must be at least 1, got {args.limit}")
    open_output(None)  # fails at once, with a clear message, when stdout is closed
    _, store = open_reader(args)
    with store:
        rows = store.stories(
            since=args.since, until=args.until, search=args.search, limit=args.limit
        )
    from newsbrief.render.markdown import terminal_safe

    if args.format == "json":
        from newsbrief.web.views import story_summary

        print(json.dumps([story_summary(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    print(f"{'id':>6}  {'dates':<23}  {'reports':>7}  {'sources':>7}  headline")
    for r in rows:
        first = r.first_date.isoformat() if r.first_date else "undated"
        last = r.last_date.isoformat() if r.last_date else ""
        dates = first if not last or last == first else f"{first} – {last}"
        headline = terminal_safe(r.headline or "")  # report text: no escape sequences
        print(f"{r.id:>6}  {dates:<23}  {r.n_reports:>7}  {r.n_sources:>7}  {headline}")
    return 0

"""``newsbrief feeds``: follow, list and drop RSS/Atom feeds (``newsbrief watch`` polls them)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
from pathlib import Path

from newsbrief.commands._store import add_db_flag, store_settings
from newsbrief.errors import ConfigError, InputError

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``feeds`` command and its ``add``, ``list`` and ``remove`` sub-commands."""
    p = sub.add_parser(
        "feeds",
        help="follow, list and drop RSS/Atom feeds that 'newsbrief watch' polls",
        description="Manage the feeds the store follows. 'newsbrief watch' polls them; "
        "removing a feed keeps the reports it brought.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="follow feeds by URL or from an OPML file",
        description="Follow one or more feeds. Each is due at once: the next "
        "'newsbrief watch' polls it.",
    )
    add.add_argument("urls", nargs="*", metavar="URL", help="feed addresses (http or https)")
    add.add_argument("--opml", metavar="FILE", help="also follow every feed an OPML file names")
    add.add_argument(
        "--interval",
        type=int,
        metavar="SECONDS",
        help="seconds between polls of these feeds (default: the feed_interval setting)",
    )
    add_db_flag(add)
    add.set_defaults(run=run_add)

    ls = actions.add_parser(
        "list",
        help="the followed feeds: status, last success, last error, items stored",
        description="List the followed feeds with their poll state.",
    )
    ls.add_argument("-f", "--format", choices=("table", "json"), default="table")
    add_db_flag(ls)
    ls.set_defaults(run=run_list)

    rm = actions.add_parser(
        "remove",
        help="stop following feeds (their reports stay)",
        description="Stop following feeds, named by URL or by the id 'feeds list' shows.",
    )
    rm.add_argument("feeds", nargs="+", metavar="URL_OR_ID")
    add_db_flag(rm)
    rm.set_defaults(run=run_remove)


def run_add(args: argparse.Namespace) -> int:
    """Follow the URLs (and the OPML file's feeds); print one line per feed."""
    from newsbrief.store import Store
    from newsbrief.store.feeds import FeedStore
    from newsbrief.watch import Subscription, check_url, read_opml

    if args.interval is not None and args.interval < 1:
        raise ConfigError(f"--interval must be at least 1 second, got {args.interval}")
    wanted = [Subscription(check_url(url)) for url in args.urls]
    if args.opml:
        wanted += read_opml(_read(args.opml), args.opml)
    if not wanted:
        raise ConfigError("name at least one feed URL or an --opml file")
    _, path = store_settings(args)
    with Store.open(path) as store:
        feeds = FeedStore(store)
        for item in wanted:
            feed, new = feeds.add(check_url(item.url), title=item.title, interval_s=args.interval)
            print(f"{'added' if new else 'already followed'}: [{feed.id}] {feed.url}")
    return 0


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the OPML file ({exc.strerror})") from exc


def run_list(args: argparse.Namespace) -> int:
    """Print the feeds as a table or JSON."""
    from newsbrief.store import Store
    from newsbrief.store.feeds import FeedStore

    _, path = store_settings(args)
    with Store.open(path) as store:
        rows = FeedStore(store).all()
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no feeds followed; add one with 'newsbrief feeds add URL'")
        return 0
    print(f"{'id':>4}  {'status':<8}  {'last success':<16}  {'items':>6}  url / last error")
    for r in rows:
        print(f"{r.id:>4}  {r.status:<8}  {_short(r.last_success_at):<16}  {r.items:>6}  {r.url}")
        if r.last_error:
            failing = f"{r.failures} failure(s) in a row; " if r.failures else "earlier "
            print(f"{'':>42}  {failing}{_short(r.last_error_at)}: {r.last_error}")
    return 0


def _short(when: dt.datetime | None) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if when else "never"


def run_remove(args: argparse.Namespace) -> int:
    """Stop following each named feed; exit 1 when one was not followed."""
    from newsbrief.store import Store
    from newsbrief.store.feeds import FeedStore

    _, path = store_settings(args)
    missing = 0
    with Store.open(path) as store:
        feeds = FeedStore(store)
        for name in args.feeds:
            key: int | str = int(name) if name.isdigit() else name.strip()
            row = feeds.remove(key)
            if row is None:
                log.error("not a followed feed: %s", name)
                missing += 1
            else:
                print(f"removed: [{row.id}] {row.url} ({row.items} report(s) kept)")
    return 1 if missing else 0

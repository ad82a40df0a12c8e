"""``newsbrief watch``: poll the followed feeds and store their new entries as reports."""

from __future__ import annotations

import argparse
import logging

from newsbrief.commands._store import add_db_flag, store_settings

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``watch`` command."""
    p = sub.add_parser(
        "watch",
        help="poll the followed feeds until stopped (--once: one round, for cron)",
        description="Poll each followed feed when it is due (its own interval), store new "
        "entries as reports grouped into stories, and refresh the briefings of the stories "
        "that changed. Runs until interrupted; --once polls every due feed once and exits.",
    )
    p.add_argument("--once", action="store_true", help="one round of the due feeds, then exit")
    p.add_argument("--all", action="store_true", help="with --once: poll every feed, due or not")
    p.add_argument(
        "--no-brief",
        action="store_true",
        help="group only; leave briefings to a later round or 'newsbrief story'",
    )
    add_db_flag(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """One round (``--once``) with a summary line, or rounds until interrupted."""
    from newsbrief.store import Store, writer_lock
    from newsbrief.watch import RoundReport, poll_due, watch

    settings, path = store_settings(args)
    if args.all and not args.once:
        log.warning("--all only applies with --once; ignored")
    if not args.once:
        log.info("watching the feeds of %s (Ctrl-C to stop)", path)
        watch(path, settings, brief=not args.no_brief, on_round=_log_round)
        return 0
    with writer_lock(path), Store.open(path) as store:
        report: RoundReport = poll_due(store, settings, every=args.all, brief=not args.no_brief)
    print(_summary(path, report))
    return 1 if report.failed else 0


def _summary(path: str, r: object) -> str:
    from newsbrief.watch import RoundReport

    assert isinstance(r, RoundReport)
    return (
        f"{path}: {r.polled} feed(s) polled, {r.not_modified} not modified, {r.failed} "
        f"failed; {r.entries} new entr{'y' if r.entries == 1 else 'ies'}, {r.added} "
        f"report(s) added, {r.existing} already stored, {r.skipped} skipped; "
        f"{len(r.changed)} stor{'y' if len(r.changed) == 1 else 'ies'} changed, "
        f"{r.briefed} briefing(s) updated"
    )


def _log_round(report: object) -> None:
    log.info("%s", _summary("round", report))

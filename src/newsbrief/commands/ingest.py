"""``newsbrief ingest``: reports into the story store, grouped into stories."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from newsbrief.commands._store import add_db_flag, store_settings

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``ingest`` command."""
    p = sub.add_parser(
        "ingest",
        help="add reports to the story store and group them into stories",
        description="Store reports (article JSONL, RSS/Atom feeds, HTML pages, text files, "
        "folders of them), skip those already stored, link near-duplicates, group the rest "
        "into stories and refresh the briefings of the stories that changed. Bad items are "
        "reported and skipped.",
    )
    p.add_argument(
        "inputs", nargs="+", help=".jsonl, .xml/.rss/.atom, .html, .txt files or folders"
    )
    p.add_argument(
        "--no-brief",
        action="store_true",
        help="group only; leave briefings to a later ingest or 'newsbrief story'",
    )
    add_db_flag(p)
    p.set_defaults(run=run)


def _phase_bars(bars: list[object]) -> Callable[[str, int], Callable[[], None]]:
    """One progress bar on stderr per ingest phase (reading, grouping, briefing)."""
    from tqdm import tqdm

    def start(phase: str, total: int) -> Callable[[], None]:
        unit = "story" if phase == "briefing" else "report"
        bar = tqdm(total=total or None, desc=phase, unit=unit, file=sys.stderr, position=len(bars))
        bars.append(bar)
        return lambda: bar.update(1)

    return start


def run(args: argparse.Namespace) -> int:
    """Ingest, then print one line of counts."""
    from newsbrief.ingest.stream import estimate_items, expand, iter_reports
    from newsbrief.store import Store, writer_lock
    from newsbrief.stories import ingest_reports

    settings, path = store_settings(args)
    files = list(expand(args.inputs))
    total = estimate_items(files) if sys.stderr.isatty() else 0
    items = iter_reports(
        files, fallback_encoding=settings.fallback_encoding, max_bytes=settings.max_input_bytes
    )
    bars: list[object] = []
    with writer_lock(path), Store.open(path) as store:
        report = ingest_reports(
            store,
            items,
            settings=settings,
            brief=not args.no_brief,
            progress=_phase_bars(bars) if sys.stderr.isatty() else None,
            expected=total,
        )
    for bar in bars:
        bar.close()  # type: ignore[attr-defined]
    print(
        f"{path}: {report.added} report(s) added, {report.existing} already stored, "
        f"{report.near_duplicates} near-duplicate(s) linked; {report.new_stories} new "
        f"stor{'y' if report.new_stories == 1 else 'ies'}, {len(report.changed)} changed, "
        f"{report.merged} merged; {report.briefed} briefing(s) updated"
    )
    if report.problems:
        log.warning("%d item(s) skipped", len(report.problems))
        return 1
    return 0

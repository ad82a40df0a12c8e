"""``newsbrief ingest``: reports into the story store, grouped into stories."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsbrief.commands._common import check_size, item_failure
from newsbrief.commands._store import add_db_flag, store_settings
from newsbrief.errors import InputError

if TYPE_CHECKING:
    from newsbrief.config import Settings
    from newsbrief.models import Document

    Item = Document | InputError

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
    from newsbrief.ingest.stream import estimate_items
    from newsbrief.store import Store, writer_lock
    from newsbrief.stories import ingest_reports

    settings, path = store_settings(args)
    files = expand_each(args.inputs)
    total = 0
    if sys.stderr.isatty():
        with contextlib.suppress(OSError):
            total = estimate_items(files)
    bars: list[object] = []
    with writer_lock(path), Store.open(path) as store:
        report = ingest_reports(
            store,
            read_each(files, settings),
            settings=settings,
            brief=not args.no_brief,
            progress=_phase_bars(bars) if sys.stderr.isatty() else None,
            expected=total,
        )
        unbriefed = [] if args.no_brief else store.stale_stories()
    for bar in bars:
        bar.close()  # type: ignore[attr-defined]
    print(
        f"{path}: {report.added} report(s) added, {report.existing} already stored, "
        f"{report.near_duplicates} near-duplicate(s) linked; {report.new_stories} new "
        f"stor{'y' if report.new_stories == 1 else 'ies'}, {len(report.changed)} changed, "
        f"{report.merged} merged; {report.briefed} briefing(s) updated"
        + (f"; {report.advisories} advisory/budget item(s) left out" if report.advisories else "")
    )
    if report.problems:
        log.warning("%d item(s) skipped", len(report.problems))
        return 1
    if unbriefed:
        log.warning("%d stories left without a current briefing", len(unbriefed))
        return 1
    if not report.added and not report.existing and not report.advisories:
        log.warning("no reports found in %s", ", ".join(args.inputs))
        return 1
    return 0


def expand_each(inputs: list[str]) -> list[Path | InputError]:
    """The files to read, input by input; a name that cannot be looked at, or a folder
    without a supported file, is a problem of its own."""
    from newsbrief.ingest.stream import STREAM_SUFFIXES, expand

    out: list[Path | InputError] = []
    for raw in inputs:
        try:
            found = list(expand([raw]))
        except (OSError, ValueError) as exc:
            found = [InputError(raw, f"cannot be read ({getattr(exc, 'strerror', None) or exc})")]
        if not found:
            kinds = ", ".join(sorted(STREAM_SUFFIXES))
            found = [InputError(raw, f"no supported reports in this folder ({kinds})")]
        out.extend(found)
    return out


def read_each(files: list[Path | InputError], settings: Settings) -> Iterator[Item]:
    """The reports of every file; a file that breaks its reader becomes one problem and the
    files after it are still read."""
    from newsbrief.ingest.stream import iter_reports

    for path in files:
        if isinstance(path, InputError):
            yield path
            continue
        try:
            if path.suffix.lower() not in (".jsonl", ".ndjson"):  # JSONL is read line by line
                check_size(path, settings.max_input_bytes)
            yield from iter_reports(
                [path],
                fallback_encoding=settings.fallback_encoding,
                max_bytes=settings.max_input_bytes,
            )
        except InputError as exc:
            yield exc
        except Exception as exc:  # a reader bug must cost this file, not the batch
            yield InputError(str(path), item_failure(exc))

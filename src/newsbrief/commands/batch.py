"""``newsbrief batch``: briefings of many clusters, or stories of many reports, local or on Ray."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from typing import Any

from newsbrief.commands._common import add_settings_flag, settings_from

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``batch`` command."""
    p = sub.add_parser(
        "batch",
        help="brief many clusters, or group many reports into stories, locally or on Ray",
        description="Cluster files in (JSONL or Parquet): one briefing per cluster, in input "
        "order. Article files in: de-duplicate, group into stories and brief each story; "
        "stories and assignments are written too. Bad items are reported and skipped; "
        "running again over the same --out folder resumes.",
    )
    p.add_argument(
        "inputs", nargs="+", help=".jsonl/.parquet files or folders (local, s3://, gs://, ...)"
    )
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created)")
    p.add_argument("--engine", choices=("local", "ray"), default="local", help="where to run")
    p.add_argument(
        "--address",
        metavar="ADDR",
        help="Ray cluster to join (default: RAY_ADDRESS, else a local Ray)",
    )
    p.add_argument("--workers", type=int, metavar="N", help="CPUs of a local Ray (default: all)")
    p.add_argument(
        "-f", "--format", choices=("jsonl", "parquet"), default="jsonl", help="output tables"
    )
    p.add_argument(
        "--kind",
        choices=("auto", "clusters", "articles"),
        default="auto",
        help="what the inputs hold (default: clusters if the first record has 'documents')",
    )
    p.add_argument("-w", "--max-words", type=int, help="summary word budget (default 100)")
    p.add_argument("--no-analysis", action="store_true", help="summaries only, skip analysis")
    p.add_argument(
        "--partition-size", type=int, metavar="N", help="items per task (default 16 / 2000)"
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        help="articles only: also load stories, reports and briefings into this story store",
    )
    p.add_argument(
        "--restart", action="store_true", help="discard finished work in --out and start over"
    )
    add_settings_flag(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the job, print one line of counts."""
    from newsbrief.scale import make_executor

    settings = settings_from(
        args, max_words=args.max_words, analysis=False if args.no_analysis else None
    )
    address = args.address or os.environ.get("RAY_ADDRESS") or None
    executor = make_executor(args.engine, address=address, workers=args.workers)
    try:
        result = _run(args, executor, settings)
    finally:
        executor.close()
    what = "cluster" if result.kind == "clusters" else "report"
    stories = "" if result.kind == "clusters" else f", {result.stories} stories"
    loaded = f"; {result.loaded} report(s) loaded into {args.db}" if args.db else ""
    print(
        f"{result.out}: {result.items} {what}(s){stories}, {result.briefings} briefing(s), "
        f"{len(result.problems)} problem(s); {result.parts_run} partition(s) run, "
        f"{result.parts_resumed} resumed ({executor.name}, {result.seconds['total']:.1f} s)"
        f"{loaded}"
    )
    if result.problems:
        log.warning("%d item(s) skipped: see %s/problems.jsonl", len(result.problems), result.out)
        return 1
    return 0


def _run(args: argparse.Namespace, executor: Any, settings: Any) -> Any:
    from newsbrief.scale import run_batch

    bars: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        stack.callback(lambda: [bar.close() for bar in bars.values()])
        store = _open_store(args.db, stack) if args.db else None
        return run_batch(
            args.inputs,
            args.out,
            executor,
            settings=settings,
            kind=args.kind,
            fmt=args.format,
            partition_size=args.partition_size,
            restart=args.restart,
            progress=_bars(bars) if sys.stderr.isatty() else None,
            store=store,
        )


def _open_store(path: str, stack: contextlib.ExitStack) -> Any:
    """The story store, opened for writing under its single-writer lock."""
    from newsbrief.store import Store, writer_lock

    stack.enter_context(writer_lock(path))
    return stack.enter_context(Store.open(path))


def _bars(bars: dict[str, Any]) -> Any:
    from tqdm import tqdm

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="part", file=sys.stderr)
        bar.n = done
        bar.refresh()

    return update

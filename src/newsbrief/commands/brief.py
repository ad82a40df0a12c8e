"""``newsbrief brief``: reports in, cited briefing out."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from newsbrief.commands._common import add_settings_flag, open_output, progress, settings_from

if TYPE_CHECKING:
    from newsbrief.config import Settings
    from newsbrief.models import Briefing

from newsbrief.render import FORMATS

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """Add the ``brief`` command."""
    p = sub.add_parser(
        "brief",
        help="brief a set of reports (files, folders, JSONL clusters, '-' for stdin)",
        description="Brief reports about one event. Plain files named together form one "
        "cluster; each line of a .jsonl file is a cluster of its own.",
    )
    p.add_argument("inputs", nargs="+", help="files, folders, .jsonl clusters, or '-'")
    p.add_argument("-w", "--max-words", type=int, help="summary word budget (default 100)")
    p.add_argument("-f", "--format", choices=FORMATS, default="md", help="output format")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.add_argument("--query", help="steer the summary toward a question or topic")
    p.add_argument("--no-analysis", action="store_true", help="summary only, skip analysis")
    p.add_argument(
        "--keep-going",
        action="store_true",
        help="skip unreadable inputs (reported on stderr) instead of stopping",
    )
    add_settings_flag(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read, brief every cluster, write in the chosen format."""
    # Imported here so that `newsbrief --help` stays free of numpy and scipy.
    from newsbrief.ingest import read_inputs
    from newsbrief.pipeline import brief_cluster

    settings = settings_from(
        args, max_words=args.max_words, analysis=False if args.no_analysis else None
    )
    result = read_inputs(
        args.inputs,
        keep_going=args.keep_going,
        fallback_encoding=settings.fallback_encoding,
        max_bytes=settings.max_input_bytes,
    )
    clusters = result.clusters
    briefings = (
        brief_cluster(c, settings=settings, query=args.query)
        for c in progress(clusters, len(clusters), "briefing")
    )
    out = open_output(args.output)
    try:
        _write(briefings, args.format, len(clusters), out, settings)
    finally:
        if out is not sys.stdout:
            out.close()
    if result.problems:
        log.warning("%d input(s) skipped", len(result.problems))
        return 1
    return 0


def _write(briefings, fmt: str, n: int, out, settings=None) -> None:  # type: ignore[no-untyped-def]
    from newsbrief import render

    if fmt == "jsonl":
        for b in briefings:
            out.write(render.render_jsonl_line(b))
            out.flush()
        return
    if fmt == "json":
        import json

        items = [render.briefing_to_dict(b) for b in briefings]
        out.write(json.dumps(items[0] if n == 1 else items, ensure_ascii=False, indent=2) + "\n")
        return
    for i, b in enumerate(briefings):
        if i:
            out.write("\n---\n\n")
        out.write(_single(b, fmt, settings))


def _single(briefing: Briefing, fmt: str, settings: Settings | None = None) -> str:
    if fmt == "html":
        from newsbrief.render.html import render_html

        return render_html(briefing, settings)
    from newsbrief.render import render_markdown

    return render_markdown(briefing, settings)

"""``newsbrief brief``: reports in, cited briefing out."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsbrief.commands._common import (
    CappedStdin,
    add_settings_flag,
    check_size,
    item_failure,
    open_output,
    progress,
    settings_from,
    writing,
)
from newsbrief.errors import ConfigError, InputError, NewsbriefError
from newsbrief.models import Cluster, Document

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
    from newsbrief.pipeline import brief_cluster

    settings = settings_from(
        args, max_words=args.max_words, analysis=False if args.no_analysis else None
    )
    clusters, problems = read_each(args.inputs, settings, keep_going=args.keep_going)
    failed: list[str] = []

    def briefings() -> Iterator[Briefing]:
        for cluster in progress(clusters, len(clusters), "briefing"):
            try:
                yield brief_cluster(cluster, settings=settings, query=args.query)
            except (InputError, ConfigError):
                raise
            except Exception as exc:  # one cluster's failure must not cost the others
                if not args.keep_going:
                    raise NewsbriefError(f"{cluster.id}: {item_failure(exc)}") from exc
                log.error("%s: %s (skipped)", cluster.id, item_failure(exc))
                failed.append(cluster.id)

    out = open_output(args.output)
    with writing(out, args.output):
        _write(briefings(), args.format, len(clusters), out, settings)
    if failed and len(failed) == len(clusters):
        log.error("no cluster could be briefed")
        return 2
    skipped = len(problems) + len(failed)
    if skipped:
        log.warning("%d input(s) skipped", skipped)
        return 1
    return 0


def read_each(
    inputs: Sequence[str], settings: Settings, *, keep_going: bool
) -> tuple[list[Cluster], list[str]]:
    """Read every input file on its own, so that one that breaks a reader is one problem:
    the loose reports of all files form one cluster, each JSONL line a cluster of its own."""
    from newsbrief.ingest import read_inputs

    loose: list[Document] = []
    clusters: list[Cluster] = []
    problems: list[str] = []
    stdin = CappedStdin(settings.max_input_bytes)
    for name, path in _expand(inputs):
        try:
            if path is None:
                raise InputError(
                    name, "no supported reports in this folder (.txt, .html, .json, .jsonl)"
                )
            if path != "-":
                check_size(path, settings.max_input_bytes)
            result = read_inputs(
                [path],
                fallback_encoding=settings.fallback_encoding,
                max_bytes=settings.max_input_bytes,
                stdin=stdin,  # type: ignore[arg-type]
            )
        except Exception as exc:  # an InputError, or a reader bug on this file alone
            if isinstance(exc, InputError):
                message = str(exc)
                if not keep_going:
                    raise
            else:
                message = f"{name}: {item_failure(exc)}"
                if not keep_going:
                    raise InputError(name, item_failure(exc)) from exc
            log.error("%s (skipped)", message)
            problems.append(message)
            continue
        for cluster in result.clusters:
            if cluster.id == "inputs" and not str(path).lower().endswith((".jsonl", ".ndjson")):
                loose.extend(cluster.documents)
            else:
                clusters.append(cluster)
    if loose:
        clusters.insert(0, Cluster("inputs", tuple(_unique_ids(loose))))
    if not clusters:
        raise InputError("inputs", "no readable reports were given")
    return clusters, problems


def _expand(inputs: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """(name, file) for every input: ``-``, a file, each supported file of a folder, or
    ``(folder, None)`` for a folder without any."""
    from newsbrief.ingest import SUPPORTED_SUFFIXES

    for raw in inputs:
        path = Path(raw)
        if raw == "-" or not _is_dir(path):
            yield raw, raw
            continue
        files = [
            str(child)
            for child in sorted(path.rglob("*"))
            if not child.name.startswith(".")
            and child.suffix.lower() in SUPPORTED_SUFFIXES
            and _is_file(child)
        ]
        if not files:
            yield raw, None
        for name in files:
            yield name, name


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a name too long, or with a NUL: the reader says so
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return True  # let the reader name the problem


def _unique_ids(documents: list[Document]) -> Iterator[Document]:
    """Keep document ids unique inside the cluster (the same stem in two folders)."""
    seen: dict[str, int] = {}
    for doc in documents:
        count = seen.get(doc.id, 0)
        seen[doc.id] = count + 1
        yield doc if count == 0 else replace(doc, id=f"{doc.id}~{count + 1}")


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
        single = n == 1 and len(items) == 1
        out.write(json.dumps(items[0] if single else items, ensure_ascii=False, indent=2) + "\n")
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

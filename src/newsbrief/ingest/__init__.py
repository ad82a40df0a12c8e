"""Readers for report inputs: text, HTML, JSON/JSONL clusters, folders and stdin.

:func:`read_inputs` turns what the user named into clusters. Plain reports
(``.txt``, ``.html``, ``.json`` documents) named together form one cluster;
each ``.jsonl`` line is a cluster of its own.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import BinaryIO

from newsbrief.errors import InputError
from newsbrief.ingest.decode import decode_bytes
from newsbrief.ingest.html import parse_html
from newsbrief.ingest.jsonl import parse_json, parse_jsonl
from newsbrief.ingest.text import parse_text
from newsbrief.models import Cluster, Document

__all__ = ["SUPPORTED_SUFFIXES", "IngestResult", "read_inputs"]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".json", ".jsonl", ".ndjson"}
STDIN = "-"


@dataclass(slots=True)
class IngestResult:
    """Clusters read, and the problems skipped under ``keep_going``."""

    clusters: list[Cluster] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)


def read_inputs(
    paths: Iterable[str | Path],
    *,
    keep_going: bool = False,
    fallback_encoding: str = "cp1252",
    max_bytes: int = 50_000_000,
    stdin: BinaryIO | None = None,
) -> IngestResult:
    """Read every named input; raise the first :class:`InputError` unless ``keep_going``."""
    result = IngestResult()
    loose: list[Document] = []

    def attempt(action: Callable[[], None]) -> None:
        try:
            action()
        except InputError as exc:
            if not keep_going:
                raise
            log.error("%s", exc)
            result.problems.append(exc)

    for raw in paths:
        if str(raw) == STDIN:
            source = stdin or sys.stdin.buffer
            attempt(partial(_read_stream, source, result, loose, fallback_encoding))
            continue
        for path in _expand(Path(raw), result, keep_going):
            attempt(partial(_read_file, path, result, loose, fallback_encoding, max_bytes))
    if loose:
        result.clusters.insert(0, Cluster("inputs", tuple(_unique_ids(loose))))
    if not result.clusters:
        raise InputError("inputs", "no readable reports were given")
    return result


def _expand(path: Path, result: IngestResult, keep_going: bool) -> Iterator[Path]:
    """A file, or a folder's supported files recursively in sorted order."""
    if not path.exists():
        problem = InputError(str(path), "no such file or folder")
        if not keep_going:
            raise problem
        log.error("%s", problem)
        result.problems.append(problem)
        return
    if path.is_file():
        yield path
        return
    for child in sorted(p for p in path.rglob("*") if p.is_file()):
        if child.name.startswith(".") or child.suffix.lower() not in SUPPORTED_SUFFIXES:
            log.info("%s: skipped (not a supported report type)", child)
            continue
        yield child


def _read_file(
    path: Path, result: IngestResult, loose: list[Document], fallback: str, max_bytes: int
) -> None:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            str(path),
            f"unknown file type {suffix!r} (expected one of .txt, .html, .json, .jsonl)",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror})") from exc
    text = decode_bytes(data, str(path), fallback, max_bytes)
    _dispatch(text, suffix, str(path), path.stem, result, loose)


def _read_stream(
    stream: BinaryIO, result: IngestResult, loose: list[Document], fallback: str
) -> None:
    text = decode_bytes(stream.read(), "<stdin>", fallback)
    stripped = text.lstrip()
    suffix = ".jsonl" if stripped.startswith("{") and '"documents"' in stripped else ".txt"
    _dispatch(text, suffix, "<stdin>", "stdin", result, loose)


def _dispatch(
    text: str, suffix: str, origin: str, stem: str, result: IngestResult, loose: list[Document]
) -> None:
    if suffix in (".jsonl", ".ndjson"):
        # Every good line is kept; the bad ones are reported (the first raised for --keep-going).
        problems: list[InputError] = []
        result.clusters.extend(parse_jsonl(text, origin, problems))
        for problem in problems[1:]:
            log.error("%s", problem)
        result.problems.extend(problems[1:])
        if problems:
            raise problems[0]
    elif suffix == ".json":
        loose.extend(parse_json(text, origin, stem).documents)
    elif suffix in HTML_SUFFIXES:
        loose.append(parse_html(text, stem, origin))
    else:
        loose.append(parse_text(text, stem, origin))


def _unique_ids(documents: list[Document]) -> Iterator[Document]:
    """Keep document ids unique inside a cluster (same stem in two folders)."""
    seen: dict[str, int] = {}
    for doc in documents:
        count = seen.get(doc.id, 0)
        seen[doc.id] = count + 1
        yield doc if count == 0 else replace(doc, id=f"{doc.id}~{count + 1}")

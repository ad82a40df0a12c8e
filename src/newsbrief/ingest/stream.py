"""Reports for story mode, one at a time: article JSONL, RSS/Atom feeds, pages, text files.

:func:`iter_reports` yields a :class:`Document` per report, or an
:class:`InputError` for an item it could not read, so one bad line or entry
is reported and skipped and never stops the batch. JSONL is read line by
line, so a large stream never sits in memory whole.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsbrief.errors import InputError
from newsbrief.ingest.decode import decode_bytes
from newsbrief.ingest.feeds import FEED_SUFFIXES, parse_feed
from newsbrief.ingest.html import parse_html
from newsbrief.ingest.jsonl import cluster_from_obj, load_json, parse_json
from newsbrief.ingest.text import parse_text
from newsbrief.models import Document

log = logging.getLogger(__name__)

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
STREAM_SUFFIXES = JSONL_SUFFIXES | FEED_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES | {".json"}

Item = Document | InputError


def expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files named, and the supported files inside folders (recursively, sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            yield path
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not child.name.startswith(".") and child.suffix.lower() in STREAM_SUFFIXES:
                    yield child
        else:
            yield InputError(str(path), "no such file or folder")


def estimate_items(paths: Iterable[Path | InputError]) -> int:
    """A quick count of reports for a progress bar: JSONL lines, one per other file."""
    total = 0
    for path in paths:
        if isinstance(path, Path) and path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def iter_reports(
    paths: Iterable[Path | InputError],
    *,
    fallback_encoding: str = "cp1252",
    max_bytes: int = 50_000_000,
) -> Iterator[Item]:
    """Every report in the expanded ``paths``, in order; problems inline."""
    for path in paths:
        if isinstance(path, InputError):
            yield path
            continue
        suffix = path.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                yield from read_article_jsonl(path, fallback_encoding, max_bytes)
            else:
                yield from _read_whole(path, suffix, fallback_encoding, max_bytes)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(str(path), f"cannot read file ({exc.strerror})")


def read_article_jsonl(
    path: Path, fallback_encoding: str = "cp1252", max_bytes: int = 50_000_000
) -> Iterator[Item]:
    """Article JSONL: one document per line (``id, date, title, text, url, outlet``).

    A line in the cluster format (with ``documents``) gives all of its documents. A line
    over ``max_bytes`` is refused by name and skipped without being held in memory.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(_bounded_lines(handle, max_bytes), start=1):
            where = f"{path}:{number}"
            if raw is None:
                yield InputError(where, f"line is over the {max_bytes:,} byte limit; skipped")
                continue
            if not raw.strip():
                continue
            try:
                yield from _jsonl_line(raw, where, f"{path.stem}-{number}", fallback_encoding)
            except InputError as exc:
                yield exc
            except (ValueError, TypeError, RecursionError) as exc:  # one line, not the file
                yield InputError(where, f"cannot read this line ({type(exc).__name__}: {exc})")


def _bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The file's lines, or None for a line longer than ``max_bytes`` (read past in chunks)."""
    limit = max_bytes if max_bytes > 0 else -1
    while True:
        line = handle.readline(limit + 1 if limit > 0 else -1)
        if not line:
            return
        if limit > 0 and len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield None
            continue
        yield line


def _jsonl_line(raw: bytes, where: str, default_id: str, fallback: str) -> Iterator[Document]:
    obj = load_json(decode_bytes(raw, where, fallback), where)
    if isinstance(obj, dict) and "documents" not in obj:
        obj = {"id": default_id, "documents": [obj]}
    cluster = cluster_from_obj(obj, where, default_id)
    yield from cluster.documents


def _read_whole(path: Path, suffix: str, fallback: str, max_bytes: int) -> Iterator[Item]:
    data = path.read_bytes()
    origin = str(path)
    if suffix in FEED_SUFFIXES:
        if max_bytes and len(data) > max_bytes:
            raise InputError(origin, f"file is {len(data):,} bytes, over the limit")
        yield from parse_feed(data, origin, path.stem)
        return
    text = decode_bytes(data, origin, fallback, max_bytes)
    if suffix in HTML_SUFFIXES:
        yield parse_html(text, path.stem, origin)
    elif suffix == ".json":
        yield from parse_json(text, origin, path.stem).documents
    elif suffix in TEXT_SUFFIXES or not suffix:
        yield parse_text(text, path.stem, origin)
    else:
        raise InputError(
            origin,
            f"unknown file type {suffix!r} (expected .jsonl, .xml/.rss/.atom, .html, .txt, .json)",
        )

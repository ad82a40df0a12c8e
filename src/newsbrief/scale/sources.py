"""Batch inputs: JSONL or Parquet files, local or on any filesystem pyarrow can open.

Every line or row becomes a :class:`RawItem` that keeps its place (``file:line``
or ``file row N``) and its position in the input order. JSON is parsed later,
by the stage that uses the item, so parsing runs on the workers and one bad
line is one problem, not a failed job. Paths with a scheme (``s3://``,
``gs://``, ``hdfs://``, ``file://``) are opened through ``pyarrow.fs``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief._imports import require
from newsbrief.errors import ConfigError, InputError

log = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
KINDS = ("auto", "clusters", "articles")


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file: where it is, its format, and what identifies this version of it."""

    uri: str
    format: str  # "jsonl" or "parquet"
    size: int
    modified: int  # ns since the epoch; with the size, tells a changed input on resume


@dataclass(frozen=True, slots=True)
class RawItem:
    """One line or row, unparsed: its input position, its place and the default id it gets."""

    position: int
    where: str
    default_id: str
    payload: bytes | dict[str, Any]


def _has_scheme(uri: str) -> bool:
    return "://" in uri


def _format_of(uri: str) -> str:
    lower = uri.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    raise InputError(uri, "unknown file type (expected .jsonl, .ndjson or .parquet)")


def _filesystem(uri: str) -> tuple[Any, str]:
    fs_module = require("pyarrow.fs", "scale", "reading Parquet or remote inputs", "pyarrow")
    try:
        return fs_module.FileSystem.from_uri(uri)
    except Exception as exc:  # pyarrow raises several types for bad or unreachable URIs
        raise InputError(uri, f"cannot open ({exc})") from exc


def scan(inputs: Sequence[str]) -> list[InputFile]:
    """The input files: each named file, and the JSONL/Parquet files inside named folders."""
    files: list[InputFile] = []
    for raw in inputs:
        if _has_scheme(raw):
            files.extend(_scan_remote(raw))
            continue
        path = Path(raw)
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file())
            named = [
                p for p in children if p.name.lower().endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES)
            ]
            files.extend(_local(p) for p in named if not p.name.startswith("."))
        elif path.is_file():
            files.append(_local(path))
        else:
            raise InputError(raw, "no such file or folder")
    if not files:
        raise InputError(", ".join(inputs), "no .jsonl or .parquet files found")
    return files


def _local(path: Path) -> InputFile:
    stat = path.stat()
    return InputFile(str(path), _format_of(path.name), stat.st_size, stat.st_mtime_ns)


def _scan_remote(uri: str) -> list[InputFile]:
    fs_module = require("pyarrow.fs", "scale", "reading remote inputs", "pyarrow")
    fs, path = _filesystem(uri)
    info = fs.get_file_info(path)
    if info.type == fs_module.FileType.NotFound:
        raise InputError(uri, "no such file or folder")
    if info.type == fs_module.FileType.Directory:
        infos = fs.get_file_info(fs_module.FileSelector(path, recursive=True))
        scheme = uri.split("://", 1)[0]
        infos = sorted(
            (
                i
                for i in infos
                if i.is_file and i.path.lower().endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES)
            ),
            key=lambda i: i.path,
        )
        return [_remote(f"{scheme}://{i.path}", i) for i in infos]
    return [_remote(uri, info)]


def _remote(uri: str, info: Any) -> InputFile:
    modified = info.mtime_ns if info.mtime_ns is not None else 0
    return InputFile(uri, _format_of(uri), int(info.size or 0), int(modified))


def read_items(files: Sequence[InputFile]) -> Iterator[RawItem | InputError]:
    """Every line or row of every file, in order; an unreadable file is one problem."""
    position = 0
    for file in files:
        try:
            reader = _jsonl_items if file.format == "jsonl" else _parquet_items
            for where, default_id, payload in reader(file):
                yield RawItem(position, where, default_id, payload)
                position += 1
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(file.uri, f"cannot read file ({exc.strerror or exc})")


def _open_binary(file: InputFile) -> Any:
    if not _has_scheme(file.uri) and not file.uri.endswith(".gz"):
        return open(file.uri, "rb")
    fs, path = _filesystem(file.uri)
    compression = "gzip" if file.uri.endswith(".gz") else None
    return fs.open_input_stream(path, compression=compression)


def _stem(uri: str) -> str:
    name = uri.rstrip("/").rsplit("/", 1)[-1]
    for suffix in (".gz", ".jsonl", ".ndjson", ".parquet", ".pq"):
        name = name.removesuffix(suffix)
    return name


def _jsonl_items(file: InputFile) -> Iterator[tuple[str, str, bytes]]:
    stem = _stem(file.uri)
    with _open_binary(file) as handle:
        for number, raw in enumerate(_lines(handle), start=1):
            if raw.strip():
                yield f"{file.uri}:{number}", f"{stem}-{number}", raw


def _lines(handle: Any) -> Iterator[bytes]:
    """Lines of a binary stream (pyarrow's input streams do not iterate by line)."""
    if hasattr(handle, "__iter__") and not hasattr(handle, "read_buffer"):
        yield from handle
        return
    rest = b""
    while chunk := handle.read(1 << 20):
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        yield from lines
    if rest:
        yield rest


def _parquet_items(file: InputFile) -> Iterator[tuple[str, str, dict[str, Any]]]:
    pq = require("pyarrow.parquet", "scale", "reading Parquet inputs", "pyarrow")
    stem = _stem(file.uri)
    fs, path = (None, file.uri) if not _has_scheme(file.uri) else _filesystem(file.uri)
    try:
        parquet = pq.ParquetFile(path, filesystem=fs)
    except Exception as exc:  # pyarrow.ArrowInvalid and friends: not a Parquet file
        raise InputError(file.uri, f"cannot read Parquet ({exc})") from exc
    number = 0
    for batch in parquet.iter_batches(batch_size=4096):
        for row in batch.to_pylist():
            number += 1
            yield f"{file.uri} row {number}", f"{stem}-{number}", _plain(row)


def _plain(value: Any) -> Any:
    """Parquet values as JSON would give them: dates as ISO strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def detect_kind(files: Sequence[InputFile], kind: str) -> str:
    """``clusters`` or ``articles``: as asked, else from the first record (clusters: documents)."""
    if kind not in KINDS:
        raise ConfigError(f"unknown input kind {kind!r}: expected one of {', '.join(KINDS)}")
    if kind != "auto":
        return kind
    for item in read_items(files):
        if isinstance(item, InputError):
            continue
        payload = item.payload
        if isinstance(payload, bytes):
            try:
                payload = json.loads(payload)
            except ValueError:
                continue
        return "clusters" if isinstance(payload, dict) and "documents" in payload else "articles"
    return "articles"

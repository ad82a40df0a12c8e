"""Benchmark datasets as :class:`~newsbrief.models.Cluster` records with references.

Formats read here (DUC/TAC lives in :mod:`newsbrief.evaluate.duc`; :mod:`newsbrief.evaluate.load`
chooses the reader by name):

* **cluster JSONL** (DESIGN.md): one cluster a line with ``references`` (and an
  optional ``query``), read by :mod:`newsbrief.ingest.jsonl`;
* **Multi-News**: ``test.src`` holds one cluster a line, documents separated by
  ``|||||`` (newlines written as ``NEWLINE_CHAR``); ``test.tgt`` holds the one
  reference summary of the same line;
* **WCEP** JSONL: one event a line, ``{"summary": str, "articles": [{"title",
  "text", "time"}]}`` (the WCEP-10/100 release) or ``{"summary", "document": [str]}``.

Malformed or partial data raises :class:`~newsbrief.errors.DatasetError` naming
the file, the line and the cluster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.errors import DatasetError, InputError
from newsbrief.ingest.jsonl import json_lines
from newsbrief.ingest.kind import detect_kind
from newsbrief.models import Cluster, Document

MULTINEWS_SEPARATOR = "|||||"


@dataclass(frozen=True, slots=True)
class Dataset:
    """Clusters with references, plus official peer summaries where the data has them.

    ``peers`` maps a system id to {cluster id: summary text}.
    """

    name: str
    clusters: tuple[Cluster, ...]
    peers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def load_cluster_jsonl(path: str | Path) -> Dataset:
    """Clusters in the DESIGN.md JSONL format; each must carry ``references``."""
    from newsbrief.ingest.jsonl import parse_jsonl

    text = _read(Path(path))
    try:
        clusters = tuple(parse_jsonl(text, str(path)))
    except InputError as exc:
        raise DatasetError(exc.origin, exc.problem) from exc
    for cluster in clusters:
        if not cluster.references:
            raise DatasetError(f"{path} cluster {cluster.id}", "no 'references' to score against")
    return _non_empty(Dataset(Path(path).stem, clusters), path)


def load_multinews(source: str | Path, target: str | Path) -> Dataset:
    """Multi-News ``.src``/``.tgt`` pair: line i of each is cluster i."""
    src_lines = _read(Path(source)).splitlines()
    tgt_lines = _read(Path(target)).splitlines()
    if len(src_lines) != len(tgt_lines):
        raise DatasetError(
            f"{source}, {target}",
            f"{len(src_lines)} source lines but {len(tgt_lines)} reference lines",
        )
    clusters = []
    for number, (src, tgt) in enumerate(zip(src_lines, tgt_lines, strict=True), 1):
        cid = f"multinews-{number}"
        where = f"{source}:{number} (cluster {cid})"
        texts = [_multinews_text(t) for t in src.split(MULTINEWS_SEPARATOR)]
        documents = tuple(
            Document(id=f"{cid}-{i}", text=t, kind=detect_kind(t), origin=where)
            for i, t in enumerate((t for t in texts if t), 1)
        )
        if not documents:
            raise DatasetError(where, "no source documents on this line")
        reference = _multinews_text(tgt).lstrip("–- ").strip()
        if not reference:
            raise DatasetError(f"{target}:{number} (cluster {cid})", "empty reference summary")
        clusters.append(Cluster(cid, documents, (reference,)))
    return _non_empty(Dataset(Path(source).stem, tuple(clusters)), source)


def load_wcep(path: str | Path) -> Dataset:
    """WCEP JSONL: one event a line with its human summary and source articles."""
    clusters = []
    for number, where, obj in json_lines(_read(Path(path)), str(path), DatasetError):
        clusters.append(_wcep_cluster(obj, where, number))
    return _non_empty(Dataset(Path(path).stem, tuple(clusters)), path)


def _wcep_cluster(obj: Any, where: str, number: int) -> Cluster:
    if not isinstance(obj, dict):
        raise DatasetError(where, f"expected a JSON object, got {type(obj).__name__}")
    cid = str(obj.get("id") or f"wcep-{number}")
    where = f"{where} (cluster {cid})"
    summary = obj.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise DatasetError(where, "'summary' must be a non-empty string")
    raw = obj.get("articles", obj.get("document", obj.get("documents")))
    if not isinstance(raw, list) or not raw:
        raise DatasetError(where, "'articles' must be a non-empty list")
    documents = tuple(
        doc for i, item in enumerate(raw, 1) if (doc := _wcep_document(item, cid, i, where))
    )
    if not documents:
        raise DatasetError(where, "every article is empty")
    return Cluster(cid, documents, (summary.strip(),))


def _wcep_document(item: Any, cid: str, i: int, where: str) -> Document | None:
    if isinstance(item, str):
        item = {"text": item}
    if not isinstance(item, dict) or not isinstance(item.get("text", ""), str):
        raise DatasetError(f"{where} article {i}", "expected an object with a 'text' string")
    text = item.get("text", "").strip()
    if not text:
        return None
    title = item.get("title")
    return Document(
        id=str(item.get("id") or f"{cid}-{i}"),
        text=text,
        date=_iso_date(item.get("time") or item.get("date")),
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        kind=detect_kind(text),
        origin=f"{where} article {i}",
        url=item.get("url") if isinstance(item.get("url"), str) else None,
    )


def _iso_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _multinews_text(text: str) -> str:
    paragraphs = (p.strip() for p in text.replace("NEWLINE_CHAR", "\n").split("\n"))
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p)


def _non_empty(dataset: Dataset, path: str | Path) -> Dataset:
    if not dataset.clusters:
        raise DatasetError(str(path), "no clusters in this file")
    return dataset


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DatasetError(str(path), "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(str(path), f"cannot read as UTF-8 text ({exc})") from exc

"""JSON and JSONL in the cluster format of DESIGN.md.

One cluster per line::

    {"id": str, "documents": [{"id": str, "date": "YYYY-MM-DD"|null,
     "title": str|null, "text": str}], "references": [str]}

A ``.json`` file may hold one cluster, a list of documents, or one document.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsbrief.errors import InputError
from newsbrief.ingest.kind import detect_kind
from newsbrief.ingest.text import report_date
from newsbrief.models import Cluster, Document


def load_json(text: str | bytes, where: str, error: type[InputError] = InputError) -> Any:
    """``json.loads``, failing with ``error`` naming the place, message and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from exc


def json_lines(
    text: str, origin: str, error: type[InputError] = InputError
) -> Iterator[tuple[int, str, Any]]:
    """``(line number, "origin:line", value)`` for each non-blank JSONL line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            where = f"{origin}:{number}"
            yield number, where, load_json(line, where, error)


def parse_jsonl(
    text: str, origin: str, problems: list[InputError] | None = None
) -> Iterator[Cluster]:
    """Clusters from JSONL text, one per non-blank line, in order.

    With a ``problems`` list, a bad line is recorded there and the lines after it are
    still read; without, the first bad line raises.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            obj = load_json(line, where)
            yield cluster_from_obj(obj, where, default_id=f"cluster-{number}")
        except InputError as exc:
            if problems is None:
                raise
            problems.append(exc)


def parse_json(text: str, origin: str, default_id: str) -> Cluster:
    """One cluster from a ``.json`` file (cluster, list of documents, or one document)."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{origin}:{exc.lineno}", f"malformed JSON ({exc.msg} at column {exc.colno})"
        ) from exc
    if isinstance(obj, list):
        obj = {"id": default_id, "documents": obj}
    elif isinstance(obj, dict) and "documents" not in obj and "text" in obj:
        obj = {"id": default_id, "documents": [obj]}
    return cluster_from_obj(obj, origin, default_id)


def cluster_from_obj(obj: Any, where: str, default_id: str) -> Cluster:
    """Validate one cluster object; errors name the place and the field."""
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object, got {type(obj).__name__}")
    docs = obj.get("documents")
    if not isinstance(docs, list) or not docs:
        raise InputError(where, "'documents' must be a non-empty list")
    cluster_id = str(obj.get("id") or default_id)
    documents = tuple(
        _document(d, f"{where} document {i + 1}", f"{cluster_id}-{i + 1}")
        for i, d in enumerate(docs)
    )
    refs = obj.get("references") or []
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise InputError(where, "'references' must be a list of strings")
    query = obj.get("query")
    return Cluster(cluster_id, documents, tuple(refs), query if isinstance(query, str) else None)


def _document(obj: Any, where: str, default_id: str) -> Document:
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "'text' must be a non-empty string")
    doc_id = str(obj.get("id") or default_id)
    date = report_date(obj.get("date"), f"{where} ({doc_id})")
    title = obj.get("title")
    return Document(
        id=doc_id,
        text=text,
        date=date,
        title=title if isinstance(title, str) and title.strip() else None,
        kind="transcript"
        if obj.get("kind") == "transcript"
        else "article"
        if obj.get("kind") == "article"
        else detect_kind(text),
        origin=where,
        outlet=obj.get("outlet") if isinstance(obj.get("outlet"), str) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
    )

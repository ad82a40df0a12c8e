"""JSON and JSONL in the cluster format of DESIGN.md.

One cluster per line::

    {"id": str, "documents": [{"id": str, "date": "YYYY-MM-DD"|null,
     "title": str|null, "text": str}], "references": [str]}

A ``.json`` file may hold one cluster, a list of documents, or one document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from newsbrief.errors import InputError
from newsbrief.ingest.kind import detect_kind
from newsbrief.ingest.text import report_date, require_readable
from newsbrief.models import Cluster, Document

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def load_json(text: str | bytes, where: str, error: type[InputError] = InputError) -> Any:
    """``json.loads``, failing with ``error`` naming the place, message and column.

    Valid JSON that Python will not hold is refused the same way: nesting deeper than the
    parser's recursion limit, and integers longer than Python's digit limit.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from exc
    except (RecursionError, ValueError) as exc:
        raise error(where, _unholdable(exc)) from exc


def _unholdable(exc: RecursionError | ValueError) -> str:
    """Why valid JSON could not be read: too deep, or a value Python will not hold (e.g.
    "Exceeds the limit (4300 digits) for integer string ...")."""
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply to read"
    return f"JSON value out of range ({str(exc).split(';')[0]})"


def split_lines(text: str) -> list[str]:
    """JSONL lines: split on newlines only. ``str.splitlines`` also splits on U+2028, U+2029,
    U+0085 and other separators that JSON allows raw inside a string."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def text_value(value: object) -> str | None:
    """A JSON string field as report text: lone surrogate escapes (``"\\ud800"``, which
    ``json`` accepts but UTF-8 cannot encode) become U+FFFD; anything else not a string is
    None."""
    if not isinstance(value, str):
        return None
    return _LONE_SURROGATE.sub("\ufffd", value)


def json_lines(
    text: str, origin: str, error: type[InputError] = InputError
) -> Iterator[tuple[int, str, Any]]:
    """``(line number, "origin:line", value)`` for each non-blank JSONL line."""
    for number, line in enumerate(split_lines(text), start=1):
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
    for number, line in enumerate(split_lines(text), start=1):
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
    except (RecursionError, ValueError) as exc:
        raise InputError(origin, _unholdable(exc)) from exc
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
    text = text_value(obj.get("text"))
    if text is None or not text.strip():
        raise InputError(where, "'text' must be a non-empty string")
    require_readable(text, where)
    raw_id = obj.get("id")
    doc_id = (text_value(raw_id) if isinstance(raw_id, str) else str(raw_id or "")) or default_id
    date = report_date(obj.get("date"), f"{where} ({doc_id})")
    title = text_value(obj.get("title"))
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
        outlet=text_value(obj.get("outlet")),
        url=text_value(obj.get("url")),
    )

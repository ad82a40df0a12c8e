"""Stored briefing JSON (schema ``newsbrief.briefing/1``) back into a typed :class:`Briefing`.

The inverse of :func:`newsbrief.render.json.briefing_to_dict`: every record is rebuilt
from the field types of :mod:`newsbrief.models`, so pages and downloads render the
same typed briefing the pipeline made, not dicts read "defensively". The report
texts are not in the JSON; pass ``documents`` to attach them (the HTML renderer
quotes evidence from them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from newsbrief import models
from newsbrief.errors import InputError
from newsbrief.models import Briefing, Document, Evidence, SummarySentence
from newsbrief.render.json import SCHEMA


def briefing_from_dict(
    data: Mapping[str, Any], documents: Sequence[Document] = (), origin: str = "briefing"
) -> Briefing:
    """A :class:`Briefing` from its JSON dict; a wrong schema or shape is an :class:`InputError`."""
    if data.get("schema") != SCHEMA:
        raise InputError(origin, f"not a {SCHEMA} briefing (schema {data.get('schema')!r})")
    try:
        return Briefing(
            headline=str(data["headline"]),
            summary=tuple(_summary_item(item) for item in data.get("summary") or ()),
            sources=tuple(_build(models.SourceInfo, s) for s in data.get("sources") or ()),
            max_words=int(data["max_words"]),
            query=data.get("query"),
            cluster_id=data.get("id"),
            analysis=_build(models.Analysis, data["analysis"]) if data.get("analysis") else None,
            notes=tuple(data.get("notes") or ()),
            documents=tuple(documents),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            origin, f"malformed briefing JSON ({exc.__class__.__name__}: {exc})"
        ) from exc


def _summary_item(item: Mapping[str, Any]) -> SummarySentence:
    evidence = tuple(
        Evidence(
            doc_index=int(e["source"]) - 1,
            doc_id=str(e["doc_id"]),
            sentence=int(e["sentence"]),
            start=int(e["start"]),
            end=int(e["end"]),
            relation=e.get("relation", "selected"),
            similarity=float(e.get("similarity", 1.0)),
        )
        for e in item.get("evidence") or ()
    )
    spans = tuple((int(a), int(b)) for a, b in item.get("spans") or ())
    return SummarySentence(
        text=str(item["text"]),
        evidence=evidence,
        compressed=bool(item.get("compressed", False)),
        spans=spans,
    )


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


def _build(cls: type, value: Any) -> Any:
    if not isinstance(value, Mapping):
        raise TypeError(f"{cls.__name__}: expected an object, got {type(value).__name__}")
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    args = {name: _convert(hints[name], value[name]) for name in names if name in value}
    return cls(**args)


def _convert(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _convert(options[0], value)
    if origin is tuple:
        (item, *_) = typing.get_args(kind)
        return tuple(_convert(item, v) for v in value)
    if origin is typing.Literal:
        if value not in typing.get_args(kind):
            raise ValueError(f"{value!r} is not one of {typing.get_args(kind)}")
        return value
    if kind is dt.date:
        return None if value is None else dt.date.fromisoformat(value)
    if dataclasses.is_dataclass(kind):
        return _build(kind, value)  # type: ignore[arg-type]
    if kind is float:
        return float(value)
    if kind in (int, str, bool):
        return kind(value)
    return value

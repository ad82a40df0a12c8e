"""JSON rendering with a versioned schema (documented in ``docs/json-schema.md``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from newsbrief.models import Briefing, SummarySentence

SCHEMA = "newsbrief.briefing/1"


def to_jsonable(value: Any) -> Any:
    """Records, tuples and dates as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _summary_item(item: SummarySentence) -> dict[str, Any]:
    return {
        "text": item.text,
        "sources": list(item.doc_numbers),
        "evidence": [
            {
                "source": e.doc_index + 1,
                "doc_id": e.doc_id,
                "sentence": e.sentence,
                "start": e.start,
                "end": e.end,
                "relation": e.relation,
                "similarity": e.similarity,
            }
            for e in item.evidence
        ],
        "compressed": item.compressed,
        "spans": [list(span) for span in item.spans],
    }


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    """The briefing as a JSON-ready dict (schema :data:`SCHEMA`)."""
    return {
        "schema": SCHEMA,
        "id": briefing.cluster_id,
        "headline": briefing.headline,
        "query": briefing.query,
        "max_words": briefing.max_words,
        "word_count": briefing.word_count,
        "summary": [_summary_item(s) for s in briefing.summary],
        "sources": to_jsonable(briefing.sources),
        "analysis": to_jsonable(briefing.analysis),
        "notes": list(briefing.notes),
    }


def render_json(briefing: Briefing) -> str:
    """Pretty JSON of one briefing."""
    return json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2) + "\n"


def render_jsonl_line(briefing: Briefing) -> str:
    """One compact JSON line (JSONL output keeps the input cluster's ``id``)."""
    return json.dumps(briefing_to_dict(briefing), ensure_ascii=False) + "\n"

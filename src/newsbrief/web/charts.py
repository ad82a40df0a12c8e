"""The story page's analysis sections, built from the typed :class:`~newsbrief.models.Briefing`.

The stored JSON is read back with :func:`~newsbrief.render.json_read.briefing_from_dict`
(one tested round trip) instead of dict look-ups with defaults. Each section is capped:
the first items are shown, the rest sit behind an expander.

- summary: citation marks pointing at the evidence sentences;
- timeline: dated events grouped by day (coarser dates, "May 2021", "1996", in
  their own groups with readable labels, never ``1999-W44``);
- divergences (with the tables): what each report says, in words, and whether a later report revises
  an earlier one or reports of the same day disagree;
- claims: which reports carry which claim, single-source and disputed ones named.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from newsbrief.errors import InputError
from newsbrief.models import Briefing, Evidence, Mention, TimelineEntry

log = logging.getLogger(__name__)

SHOW_DAYS = 6
SHOW_CLAIMS = 10
SHOW_QUOTES = 5
SHOW_FIGURES = 8
SHOW_ENTITIES = 20
MAX_TIMELINE = 60
MAX_CLAIMS = 60
KIND_WORDS = {
    "update": "a later report revises an earlier one",
    "contradiction": "reports of the same day disagree",
    "undetermined": "an undated report disagrees, so which came first is unknown",
}


def typed(briefing: dict[str, Any]) -> Briefing | None:
    """The stored briefing as a record (None for an empty or unreadable one, logged)."""
    from newsbrief.render.json_read import briefing_from_dict

    if not briefing:
        return None
    try:
        return briefing_from_dict(briefing)
    except InputError as exc:
        log.warning("story page: %s", exc)
        return None


def anchor(source: int, sentence: int, rowids: Sequence[int]) -> str | None:
    """The page id of a cited sentence (``s-<report>-<sentence>``), if it can be placed."""
    if sentence < 0 or not 1 <= source <= len(rowids):
        return None
    return f"s-{rowids[source - 1]}-{sentence}"


def _marks(items: Sequence[Evidence | Mention], rowids: Sequence[int]) -> list[dict[str, Any]]:
    out, seen = [], set()
    for item in items:
        source = item.doc_index + 1
        target = anchor(source, item.sentence, rowids)
        if target and target not in seen:
            seen.add(target)
            relation = item.relation if isinstance(item, Evidence) else "mention"
            out.append({"source": source, "anchor": target, "relation": relation})
    return out


def summary_marks(briefing: dict[str, Any], rowids: Sequence[int]) -> list[dict[str, Any]]:
    """Summary sentences with one citation mark per source, each pointing at its evidence."""
    record = typed(briefing)
    if record is None:
        return []
    return [{"text": s.text, "marks": _marks(s.evidence, rowids)} for s in record.summary]


def _day_label(entry: TimelineEntry) -> tuple[str, str]:
    """A sort key and a readable label for the period an entry is dated to."""
    from newsbrief.analyse.timeline import period_start

    try:
        start = period_start(entry.date, entry.granularity)
    except ValueError:
        return entry.date, entry.date
    if entry.granularity in ("day", "time"):
        label = start.strftime("%a %-d %b %Y")
    elif entry.granularity == "week":
        label = "week of " + start.strftime("%-d %b %Y")
    elif entry.granularity == "month":
        label = start.strftime("%B %Y")
    else:
        label = start.strftime("%Y")
    if entry.approximate:
        label = "about " + label
    return start.isoformat() + entry.granularity, label


def timeline_chart(briefing: dict[str, Any], rowids: Sequence[int]) -> dict[str, Any] | None:
    """Dated events grouped by day, oldest first, each with its citations; None without any."""
    record = typed(briefing)
    if record is None or record.analysis is None or not record.analysis.timeline:
        return None
    groups: dict[str, dict[str, Any]] = {}
    for entry in record.analysis.timeline[:MAX_TIMELINE]:
        key, label = _day_label(entry)
        group = groups.setdefault(key, {"label": label, "date": entry.date, "events": []})
        group["events"].append(
            {
                "text": entry.event,
                "sources": list(entry.sources),
                "marks": _marks(entry.evidence, rowids),
            }
        )
    days = [groups[k] for k in sorted(groups)]
    return {
        "days": days[:SHOW_DAYS],
        "more": days[SHOW_DAYS:],
        "n_events": sum(len(d["events"]) for d in days),
    }


def _when(date: dt.date | None) -> str:
    return date.strftime("%-d %b %Y") if date else "undated"


def divergences(record: Briefing) -> list[dict[str, Any]]:
    """Each disagreement in words: what every report says, and what kind of disagreement."""
    if record.analysis is None:
        return []
    out = []
    for div in record.analysis.divergences:
        values = [
            {
                "source": v.source,
                "when": _when(v.date),
                "text": v.text,
            }
            for v in div.values
        ]
        out.append(
            {
                "label": div.label,
                "kind": div.kind,
                "kind_words": KIND_WORDS.get(div.kind, div.kind),
                "values": values,
            }
        )
    return out


def coverage_matrix(briefing: dict[str, Any], n_sources: int) -> dict[str, Any] | None:
    """Which reports carry which claim (from the analysis), else which summary sentence."""
    record = typed(briefing)
    if record is None or n_sources < 1:
        return None
    rows = []
    if record.analysis is not None and record.analysis.claims:
        for claim in record.analysis.claims[:MAX_CLAIMS]:
            rows.append(_row(claim.text, claim.sources, n_sources, claim.status))
        kind = "claims"
    else:
        for item in record.summary:
            rows.append(_row(item.text, item.doc_numbers, n_sources, "summary"))
        kind = "summary"
    if not rows:
        return None
    # disputed and single-source claims first: they are what a reader checks
    order = {"divergent": 0, "single": 1, "agreed": 2, "summary": 2}
    rows.sort(key=lambda r: order.get(r["status"], 3))
    return {
        "kind": kind,
        "columns": list(range(1, n_sources + 1)),
        "rows": rows[:SHOW_CLAIMS],
        "more": rows[SHOW_CLAIMS:],
    }


STATUS_WORDS = {
    "divergent": "reports disagree",
    "single": "one report only",
    "agreed": "",
    "summary": "",
}


def _row(text: str, sources: Sequence[int], n_sources: int, status: str) -> dict[str, Any]:
    have = set(sources)
    return {
        "text": text,
        "status": status,
        "status_words": STATUS_WORDS.get(status, status),
        "cells": [n in have for n in range(1, n_sources + 1)],
        "reports": ", ".join(str(n) for n in sorted(have)),
    }


def analysis_tables(briefing: dict[str, Any]) -> dict[str, Any]:
    """Quotes, figures and entities as rows of plain values, each list capped with the rest."""
    record = typed(briefing)
    empty: dict[str, Any] = {k: [] for k in ("quotes", "figures", "entities")}
    if record is None or record.analysis is None:
        return {**empty, "divergences": [], "more": dict(empty)}
    a = record.analysis
    quotes = [
        {
            "text": q.text,
            "speaker": q.speaker or "unknown",
            "role": q.role or "",
            "sources": list(q.sources),
            "identical": q.identical,
        }
        for q in a.quotes
    ]
    figures = [
        {
            "label": m.label,
            "values": sorted({" ".join(p for p in (f.qualifier, f.text) if p) for f in m.figures}),
            "sources": list(m.sources),
            "disputed": m.divergence is not None,
        }
        for m in a.figures
    ]
    entities = [{"name": e.name, "type": e.type, "total": e.total} for e in a.entities]
    return {
        "divergences": divergences(record),
        "quotes": quotes[:SHOW_QUOTES],
        "figures": figures[:SHOW_FIGURES],
        "entities": entities[:SHOW_ENTITIES],
        "more": {
            "quotes": quotes[SHOW_QUOTES:],
            "figures": figures[SHOW_FIGURES:],
            "entities": entities[SHOW_ENTITIES:],
        },
    }

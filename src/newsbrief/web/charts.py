"""Chart data for the story page, drawn server-side (SVG and tables, no script).

The analysis part of a briefing is read defensively: any section may be
missing or empty, and items are JSON dicts whose keys are looked up with
defaults, so the page still renders while the analysis evolves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

TIMELINE_WIDTH = 720
TIMELINE_ROW = 22
MAX_TIMELINE = 40
MAX_CLAIMS = 40


def anchor(source: Any, sentence: Any, rowids: Sequence[int]) -> str | None:
    """The page id of a cited sentence (``s-<report>-<sentence>``), if it can be placed."""
    if not isinstance(source, int) or not isinstance(sentence, int) or sentence < 0:
        return None
    if not 1 <= source <= len(rowids):
        return None
    return f"s-{rowids[source - 1]}-{sentence}"


def _evidence_anchors(items: Any, rowids: Sequence[int]) -> list[dict[str, Any]]:
    out = []
    for ev in items if isinstance(items, list) else []:
        if not isinstance(ev, dict):
            continue
        source = ev.get("source")
        if source is None and isinstance(ev.get("doc_index"), int):
            source = ev["doc_index"] + 1
        target = anchor(source, ev.get("sentence"), rowids)
        if target:
            out.append({"source": source, "anchor": target, "relation": ev.get("relation")})
    return out


def summary_marks(briefing: dict[str, Any], rowids: Sequence[int]) -> list[dict[str, Any]]:
    """Summary sentences with one citation mark per source, each pointing at its evidence."""
    out = []
    for item in briefing.get("summary") or []:
        marks = _evidence_anchors(item.get("evidence"), rowids)
        out.append({"text": item.get("text", ""), "marks": marks})
    return out


def _parse_day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 4:
        return None
    padded = {4: f"{value}-01-01", 7: f"{value}-01"}.get(len(value), value[:10])
    try:
        return dt.date.fromisoformat(padded)
    except ValueError:
        return None


def timeline_chart(briefing: dict[str, Any], rowids: Sequence[int]) -> dict[str, Any] | None:
    """Dated events placed on a time axis, each linked to its evidence; None without any."""
    analysis = briefing.get("analysis") or {}
    entries = analysis.get("timeline") if isinstance(analysis, dict) else None
    dated: list[tuple[dt.date, dict[str, Any]]] = []
    for entry in (entries or [])[:MAX_TIMELINE]:
        if not isinstance(entry, dict):
            continue
        day = _parse_day(entry.get("date"))
        if day is None:
            continue
        dated.append(
            (
                day,
                {
                    "date": str(entry.get("date")),
                    "label": str(entry.get("event") or ""),
                    "sources": entry.get("sources") or [],
                    "approximate": bool(entry.get("approximate")),
                    "evidence": _evidence_anchors(entry.get("evidence"), rowids),
                },
            )
        )
    if not dated:
        return None
    dated.sort(key=lambda item: item[0])
    first, last = dated[0][0], dated[-1][0]
    span = max(1, (last - first).days)
    left, right = 110, TIMELINE_WIDTH - 20
    points = []
    for i, (day, point) in enumerate(dated):
        point["x"] = round(left + (right - left) * (day - first).days / span, 1)
        point["y"] = 30 + i * TIMELINE_ROW
        points.append(point)
    return {
        "width": TIMELINE_WIDTH,
        "height": 50 + len(points) * TIMELINE_ROW,
        "axis_y": 18,
        "left": left,
        "right": right,
        "first": first.isoformat(),
        "last": last.isoformat(),
        "points": points,
    }


def coverage_matrix(briefing: dict[str, Any], n_sources: int) -> dict[str, Any] | None:
    """Which reports carry which claim (from the analysis), else which summary sentence."""
    analysis = briefing.get("analysis") or {}
    claims = analysis.get("claims") if isinstance(analysis, dict) else None
    rows = []
    if claims:
        for claim in claims[:MAX_CLAIMS]:
            if isinstance(claim, dict):
                rows.append(
                    _row(
                        claim.get("text"),
                        claim.get("sources"),
                        n_sources,
                        str(claim.get("status") or ""),
                    )
                )
        kind = "claims"
    else:
        for item in briefing.get("summary") or []:
            rows.append(_row(item.get("text"), item.get("sources"), n_sources, "summary"))
        kind = "summary"
    if not rows or n_sources < 1:
        return None
    return {
        "kind": kind,
        "columns": list(range(1, n_sources + 1)),
        "rows": rows,
        "truncated": bool(claims and len(claims) > MAX_CLAIMS),
    }


def _row(text: Any, sources: Any, n_sources: int, status: str) -> dict[str, Any]:
    have = {s for s in sources or [] if isinstance(s, int)}
    return {
        "text": str(text or ""),
        "status": status,
        "cells": [n in have for n in range(1, n_sources + 1)],
    }


def analysis_tables(briefing: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Quotes, figures and entities as rows of plain values (missing sections are empty)."""
    analysis = briefing.get("analysis") or {}
    if not isinstance(analysis, dict):
        return {"quotes": [], "figures": [], "entities": []}
    quotes = [
        {
            "text": q.get("text", ""),
            "speaker": q.get("speaker") or "unknown",
            "role": q.get("role") or "",
            "sources": q.get("sources") or [],
            "identical": q.get("identical"),
        }
        for q in analysis.get("quotes") or []
        if isinstance(q, dict)
    ]
    figures = []
    for measure in analysis.get("figures") or []:
        if not isinstance(measure, dict):
            continue
        values = [
            " ".join(str(part) for part in (f.get("qualifier"), f.get("text")) if part)
            for f in measure.get("figures") or []
            if isinstance(f, dict)
        ]
        figures.append(
            {
                "label": measure.get("label", ""),
                "values": sorted(set(values)),
                "sources": measure.get("sources") or [],
            }
        )
    entities = [
        {"name": e.get("name", ""), "type": e.get("type", ""), "total": sum(e.get("counts") or [])}
        for e in analysis.get("entities") or []
        if isinstance(e, dict)
    ]
    return {"quotes": quotes, "figures": figures, "entities": entities[:30]}

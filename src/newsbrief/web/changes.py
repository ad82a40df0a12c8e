"""What changed in a story: since the reader's last visit, or since the previous briefing.

- **new reports** by title, outlet and when they arrived (not raw ids);
- **new facts**: summary sentences the previous briefing did not state; a sentence
  that only rewords an earlier one (most of its words shared) counts as reworded,
  never as both new and dropped;
- **changed figures**: measures whose values differ between the two briefings.

Pure functions over stored briefing bodies and reports, so the page, the API and the
``/stories/{id}/changes`` fragment (:mod:`newsbrief.web.fragments`, which live.js loads
for a returning reader) agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from newsbrief.store import StoredDocument
from newsbrief.stories import briefing_changes
from newsbrief.web.text import ago, safe_url

REWORDED = 0.5  # word overlap (Jaccard) from which a new sentence rewords an old one
MAX_NEW_REPORTS = 20
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def sentence_changes(old: Sequence[str], new: Sequence[str]) -> dict[str, list[Any]]:
    """New, reworded and dropped summary sentences (a rewording is neither new nor dropped)."""
    old_words = [_words(t) for t in old]
    kept_old: set[int] = set()
    added, reworded = [], []
    for text in new:
        if text in old:
            kept_old.add(old.index(text))
            continue
        words = _words(text)
        scores = [(_overlap(words, ow), i) for i, ow in enumerate(old_words) if i not in kept_old]
        best = max(scores, default=(0.0, -1))
        if best[0] >= REWORDED:
            kept_old.add(best[1])
            reworded.append({"old": old[best[1]], "new": text})
        else:
            added.append(text)
    dropped = [t for i, t in enumerate(old) if i not in kept_old and t not in new]
    return {"added": added, "reworded": reworded, "dropped": dropped}


def _figure_values(body: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for measure in ((body.get("analysis") or {}).get("figures")) or []:
        values = []
        for fig in measure.get("figures") or []:
            shown = fig.get("text") or fig.get("normalised") or ""
            if shown and shown not in values:
                values.append(shown)
        label = measure.get("label") or measure.get("id") or ""
        if label:
            out[label] = values
    return out


def figure_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Measures that are new or whose values differ between two briefings."""
    before, after = _figure_values(old), _figure_values(new)
    changed = []
    for label, values in after.items():
        if label not in before:
            changed.append({"label": label, "old": [], "new": values})
        elif set(values) != set(before[label]):
            changed.append({"label": label, "old": before[label], "new": values})
    return changed


def parse_time(value: str | None) -> dt.datetime | None:
    """An ISO 8601 time, or None when absent or unreadable."""
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def new_reports(
    reports: Sequence[StoredDocument], since: dt.datetime, now: dt.datetime
) -> list[dict[str, Any]]:
    """Reports stored after ``since``, newest first, by title, outlet and arrival."""
    fresh: list[dict[str, Any]] = []
    for stored in reports:
        arrived = parse_time(stored.ingested_at)
        if arrived is not None and arrived > since:
            doc = stored.document
            fresh.append(
                {
                    "report_id": stored.rowid,
                    "title": doc.title or doc.id,
                    "outlet": doc.outlet,
                    "date": doc.date.isoformat() if doc.date else None,
                    "url": safe_url(doc.url),
                    "arrived": stored.ingested_at,
                    "arrived_ago": ago(arrived, now),
                }
            )
    fresh.sort(key=lambda r: str(r["arrived"]), reverse=True)
    return fresh[:MAX_NEW_REPORTS]


def describe(
    old: dict[str, Any] | None,
    new: dict[str, Any],
    reports: Sequence[StoredDocument],
    since: dt.datetime | None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Everything the "what changed" section shows (the old keys kept for the API)."""
    now = now or dt.datetime.now(dt.UTC)
    out = briefing_changes(old, new)
    old_text = [s["text"] for s in (old or {}).get("summary", [])]
    new_text = [s["text"] for s in new.get("summary", [])]
    sentences = sentence_changes(old_text, new_text) if old else {}
    out["new_facts"] = sentences.get("added", [])
    out["reworded"] = sentences.get("reworded", [])
    out["dropped_facts"] = sentences.get("dropped", [])
    out["changed_figures"] = figure_changes(old, new) if old else []
    out["since"] = since.isoformat(timespec="seconds") if since else None
    out["new_reports"] = new_reports(reports, since, now) if since else []
    out["any"] = bool(
        out["new_reports"]
        or out["new_facts"]
        or out["dropped_facts"]
        or out["changed_figures"]
        or out["headline"]
    )
    return out

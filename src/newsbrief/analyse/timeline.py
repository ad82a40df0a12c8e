"""The timeline: dated events, each with the sentences (and reports) that date it.

An entry is one date and one event. Date mentions of different reports fall in
one entry when they resolve to the same date and their sentences belong to the
same claim group (the same fact, told by several reports); otherwise each
sentence is its own event. The event date is the resolved mention, never the
report's own date, which each mention keeps beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from newsbrief.analyse.spans import Locator
from newsbrief.models import ClaimGroup, DateMention, Evidence, Granularity, TimelineEntry


def build_timeline(
    dates: Sequence[DateMention], locator: Locator, groups: Sequence[ClaimGroup]
) -> tuple[TimelineEntry, ...]:
    """Entries in date order (coarser periods before the days inside them)."""
    group_of = {(c.mention.doc_index, c.mention.sentence): g.id for g in groups for c in g.claims}
    buckets: dict[tuple[str, str, str], list[DateMention]] = {}
    for d in dates:
        if d.value is None or d.mention.sentence < 0:
            continue
        where = (d.mention.doc_index, d.mention.sentence)
        event = group_of.get(where, f"s{where[0]}:{where[1]}")
        buckets.setdefault((d.value, d.granularity, event), []).append(d)
    entries = [_entry(ms, locator) for ms in buckets.values()]
    entries.sort(key=lambda e: (period_start(e.date, e.granularity), _rank(e.granularity)))
    return tuple(entries)


def _entry(mentions: list[DateMention], locator: Locator) -> TimelineEntry:
    mentions.sort(key=lambda d: (d.report_date or dt.date.max, d.mention.doc_index))
    evidence: list[Evidence] = []
    for d in mentions:
        s = locator.sentence_at(d.mention.doc_index, d.mention.start)
        if s is not None and all(
            (e.doc_index, e.sentence) != (s.doc_index, s.index) for e in evidence
        ):
            evidence.append(Evidence.of(s))
    first = mentions[0]
    event = locator.sentence_at(first.mention.doc_index, first.mention.start)
    return TimelineEntry(
        date=first.value or "",
        granularity=first.granularity,
        approximate=any(d.approximate for d in mentions),
        event=event.text if event else first.text,
        expressions=tuple(mentions),
        evidence=tuple(evidence),
        sources=tuple(sorted({d.mention.source for d in mentions})),
    )


def period_start(value: str, granularity: Granularity) -> dt.date:
    """First day of the period an ISO value at ``granularity`` names."""
    if granularity == "week":
        year, week = value.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    if granularity == "year":
        return dt.date(int(value), 1, 1)
    if granularity == "month":
        return dt.date.fromisoformat(value + "-01")
    return dt.date.fromisoformat(value[:10])


def _rank(granularity: Granularity) -> int:
    return ["year", "month", "week", "day", "time"].index(granularity)

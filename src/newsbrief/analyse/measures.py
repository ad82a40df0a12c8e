"""Grouping figures into measures, and telling updates from contradictions.

Figures that count the same head noun with the same value form a cluster. Two
clusters are merged into one measure when no report gives incompatible values
for both (a report does not contradict itself: 650 and 3,000 troops in one report
are two measures) and either their sentences are alike or both count an *added*
amount ("extra troops", "3,000 fresh troops"). A measure whose reports give
incompatible values is a divergence: an *update* when the values change only
between reports of different dates, a *contradiction* when reports of the same
date disagree, *undetermined* when an undated report disagrees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsbrief.analyse.figures import Found
from newsbrief.analyse.spans import Locator
from newsbrief.models import Divergence, DivergenceKind, DivergentValue, Measure, ReportDate

CONTEXT_THRESHOLD = 0.25


@dataclass(slots=True)
class _Group:
    items: list[Found]
    additive: bool
    context: float = 0.0

    @property
    def docs(self) -> set[int]:
        return {f.figure.mention.doc_index for f in self.items}


def compatible(a: Found, b: Found) -> bool:
    """Can two figures be the same measure's value? Vague amounts span a range."""
    if (a.figure.value is None and a.low is None) or (b.figure.value is None and b.low is None):
        return a.figure.normalised == b.figure.normalised  # unspecified vs a number: no
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _bounds(f: Found) -> tuple[float, float]:
    if f.low is not None:  # "thousands": from 1,000 up to (not including) a million
        return f.low / 2, f.low * 500
    value = f.figure.value or 0.0
    high = f.figure.high if f.figure.high is not None else value
    slack = 0.1 if f.figure.qualifier else 0.0  # "about 650" and "nearly 700" may agree
    return value * (1 - slack), high * (1 + slack)


def group_measures(
    found: Sequence[Found], locator: Locator, similarity: np.ndarray, reports: Sequence[ReportDate]
) -> tuple[Measure, ...]:
    """Measures, most widely reported first, each with its divergence if any."""
    groups: list[_Group] = []
    for f in found:
        for g in groups:
            same = g.items[0]
            if (f.head, f.figure.unit) == (same.head, same.figure.unit) and _same_value(f, same):
                g.items.append(f)
                g.additive |= f.additive
                break
        else:
            groups.append(_Group([f], f.additive))
    merged = _merge(groups, locator, similarity)
    merged.sort(key=lambda g: (-len(g.docs), _first(g)))
    return tuple(_measure(g, k + 1, reports) for k, g in enumerate(merged))


def _same_value(a: Found, b: Found) -> bool:
    if a.vague or b.vague:
        return a.figure.normalised == b.figure.normalised and a.figure.value is not None
    return a.figure.value == b.figure.value and a.figure.high == b.figure.high


def _merge(groups: list[_Group], locator: Locator, similarity: np.ndarray) -> list[_Group]:
    """Greedy merging of value clusters, best context first, never against a report."""
    while True:
        best: tuple[float, int, int] | None = None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                score = _link(groups[a], groups[b], locator, similarity)
                if score is not None and (best is None or score > best[0]):
                    best = (score, a, b)
        if best is None:
            return groups
        _, a, b = best
        groups[a] = _Group(groups[a].items + groups[b].items, groups[a].additive or
                           groups[b].additive)  # fmt: skip
        del groups[b]


def _link(a: _Group, b: _Group, locator: Locator, similarity: np.ndarray) -> float | None:
    """How well two clusters fit one measure; ``None`` when they must stay apart."""
    x, y = a.items[0], b.items[0]
    if (x.head, x.figure.unit) != (y.head, y.figure.unit) or x.figure.unit == "date":
        return None
    for doc in a.docs & b.docs:
        values = [f for f in a.items + b.items if f.figure.mention.doc_index == doc]
        if not all(compatible(p, q) for p in values for q in values):
            return None
    context = max(_sentence_similarity(p, q, locator, similarity) for p in a.items for q in b.items)
    if a.additive and b.additive:
        context += CONTEXT_THRESHOLD
    return context if context >= CONTEXT_THRESHOLD else None


def _sentence_similarity(p: Found, q: Found, locator: Locator, similarity: np.ndarray) -> float:
    mp, mq = p.figure.mention, q.figure.mention
    if mp.sentence < 0 or mq.sentence < 0:
        return 0.0
    i = locator.position(mp.doc_index, mp.sentence)
    j = locator.position(mq.doc_index, mq.sentence)
    return float(similarity[i, j])


def _first(g: _Group) -> tuple[int, int]:
    return min((f.figure.mention.doc_index, f.figure.mention.start) for f in g.items)


def _measure(g: _Group, number: int, reports: Sequence[ReportDate]) -> Measure:
    mid = f"m{number}"
    items = sorted(g.items, key=lambda f: (f.figure.mention.doc_index, f.figure.mention.start))
    figures = tuple(replace(f.figure, measure=mid) for f in items)
    counts = min((f.counts for f in figures if f.counts), key=len, default="")
    label = counts or (figures[0].text if figures[0].unit == "date" else figures[0].unit)
    if g.additive and counts:
        label = f"additional {counts}"
    sources = tuple(sorted({f.mention.source for f in figures}))
    measure = Measure(mid, label, figures[0].unit, figures, sources)
    return replace(measure, divergence=divergence(measure, items, reports))


def divergence(
    measure: Measure, items: Sequence[Found], reports: Sequence[ReportDate]
) -> Divergence | None:
    """How the reports disagree on ``measure``; ``None`` when they agree."""
    per_doc = _value_per_report(items)
    if len(per_doc) < 2:
        return None
    chosen = list(per_doc.values())
    if all(compatible(p, q) for p in chosen for q in chosen):
        return None
    values = sorted(
        (_divergent_value(f, reports) for f in chosen),
        key=lambda v: (v.date is None, v.date or dt.date.min, v.source),
    )
    kind = _kind(per_doc, reports)
    return Divergence(measure.id, measure.label, kind, tuple(values),
                      _explain(measure.label, kind, values))  # fmt: skip


def _value_per_report(items: Sequence[Found]) -> dict[int, Found]:
    """Each report's most specific value (a number beats "thousands")."""
    best: dict[int, Found] = {}
    for f in items:
        doc = f.figure.mention.doc_index
        if doc not in best or (best[doc].vague and not f.vague):
            best[doc] = f
    return best


def _divergent_value(f: Found, reports: Sequence[ReportDate]) -> DivergentValue:
    m = f.figure.mention
    return DivergentValue(
        m.source, reports[m.doc_index].date, f.figure.normalised, f.figure.text, m
    )


def _kind(per_doc: dict[int, Found], reports: Sequence[ReportDate]) -> DivergenceKind:
    dated = {d: f for d, f in per_doc.items() if reports[d].date is not None}
    for d, f in per_doc.items():
        if reports[d].date is None and not any(compatible(f, g) for g in dated.values()):
            return "undetermined"
    for a, fa in dated.items():
        for b, fb in dated.items():
            if reports[a].date == reports[b].date and not compatible(fa, fb):
                return "contradiction"
    return "update" if len({reports[d].date for d in dated}) > 1 else "undetermined"


def _explain(label: str, kind: DivergenceKind, values: Sequence[DivergentValue]) -> str:
    said = "; ".join(
        f"[{v.source}] {v.date.isoformat() if v.date else 'undated'}: {v.text}" for v in values
    )
    verdict = {
        "update": "a later report revises an earlier figure",
        "contradiction": "reports of the same date disagree",
        "undetermined": "an undated report disagrees, so the order is unknown",
    }[kind]
    return f"{label}: {said} ({verdict})"

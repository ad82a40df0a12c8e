"""Markdown sections for the cross-report analysis.

Sections, each omitted when empty: how the reports relate (agreed, divergent with
updates told from contradictions, single-source), a coverage line, key figures,
quotes, timeline and entities. Citations are ``[n]`` source numbers, as in the
summary; every item also carries offsets in the JSON output.

Each section is ranked by importance and capped (``max_agreed``, ``max_figures`` ...
settings, see :func:`ranked`); what is left out is counted ("… and 12 more"), and the
JSON output keeps every item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from newsbrief.config import Settings
from newsbrief.models import (
    Analysis,
    Briefing,
    ClaimGroup,
    Coverage,
    Divergence,
    Entity,
    EntityType,
    Measure,
    Quote,
    TimelineEntry,
)

MAX_TEXT = 160
# Date words the timeline cannot place: relative dates of undated reports, and weeks
# (no date at the timeline's grains). The HTML page says the same.
UNPLACED_LABEL = "not placed on the calendar (a week, or an undated report)"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Capped(Generic[T]):
    """A section's items as shown (ranked and capped) and the rest, left out or behind an
    expander."""

    shown: tuple[T, ...]
    rest: tuple[T, ...] = ()


@dataclass(frozen=True, slots=True)
class Ranked:
    """Every analysis section ranked by importance and capped (see :func:`ranked`)."""

    agreed: Capped[ClaimGroup]
    single: Capped[ClaimGroup]
    figures: Capped[Measure]
    quotes: Capped[Quote]
    timeline: Capped[TimelineEntry]  # both parts in date order
    entities: dict[EntityType, Capped[Entity]]  # per type: person, organization, place


ENTITY_TYPES: tuple[tuple[EntityType, str], ...] = (
    ("person", "People"),
    ("organization", "Organisations"),
    ("place", "Places"),
)


def ranked(a: Analysis, settings: Settings) -> Ranked:
    """Each section's items as shown, ranked by importance and capped, and the rest:
    agreed claims by reports stating them; measures divergent first, then by reports;
    quotes by reports, named speakers first; timeline entries by reports (shown in date
    order); entities by mentions."""
    figures = sorted(a.figures, key=lambda m: (m.divergence is None, -len(m.sources)))
    quotes = sorted(a.quotes, key=lambda q: (-len(q.sources), q.speaker is None))
    timeline = _cap(sorted(a.timeline, key=lambda e: -len(e.sources)), settings.max_timeline)
    order = {id(e): k for k, e in enumerate(a.timeline)}
    return Ranked(
        agreed=_cap([g for g in a.claims if g.status == "agreed"], settings.max_agreed),
        single=_cap([g for g in a.claims if g.status == "single"], settings.max_single),
        figures=_cap(figures, settings.max_figures),
        quotes=_cap(quotes, settings.max_quotes),
        timeline=Capped(
            tuple(sorted(timeline.shown, key=lambda e: order[id(e)])),
            tuple(sorted(timeline.rest, key=lambda e: order[id(e)])),
        ),
        entities={
            kind: _cap([e for e in a.entities if e.type == kind], settings.max_entities)
            for kind, _ in ENTITY_TYPES
        },
    )


def _cap(items: Sequence[T], limit: int) -> Capped[T]:
    if limit <= 0 or len(items) <= limit:
        return Capped(tuple(items))
    return Capped(tuple(items[:limit]), tuple(items[limit:]))


def _more(left: int) -> list[str]:
    return [f"- *… and {left} more (all in the JSON output)*"] if left else []


def render_analysis_markdown(briefing: Briefing, settings: Settings | None = None) -> list[str]:
    """Lines for the analysis sections (none when there is no analysis)."""
    a = briefing.analysis
    if a is None:
        return []
    shown = ranked(a, settings or Settings())
    lines: list[str] = []
    lines += _relations(a, shown)
    lines += _figures(shown.figures.shown, len(shown.figures.rest))
    lines += _quotes(shown.quotes.shown, len(shown.quotes.rest))
    lines += _timeline(a, shown.timeline.shown, len(shown.timeline.rest))
    lines += _entities(shown)
    lines += [f"> note: {n}" for n in a.notes]
    return lines


def _cite(sources: Sequence[int]) -> str:
    return "[" + ",".join(str(s) for s in sources) + "]"


def _clip(text: str, limit: int = MAX_TEXT) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _relations(a: Analysis, shown: Ranked) -> list[str]:
    agreed, agreed_left = shown.agreed.shown, len(shown.agreed.rest)
    single, single_left = shown.single.shown, len(shown.single.rest)
    divergent = [g for g in a.claims if g.status == "divergent"]
    lines = ["", "## How the reports relate", ""]
    if a.coverage is not None:
        lines += [coverage_line(a.coverage, a.claims), ""]
    if agreed:
        lines += ["**Agreed** (told by several reports)", ""]
        lines += [f"- {_clip(g.text)} {_cite(g.sources)}" for g in agreed]
        lines += [*_more(agreed_left), ""]
    divergences = list(a.divergences) or [g.divergence for g in divergent if g.divergence]
    if divergences:
        lines += ["**Divergent**", ""]
        lines += [_divergence_line(d) for d in divergences] + [""]
    if single:
        lines += ["**Single-source**", ""]
        lines += [f"- {_clip(g.text)} {_cite(g.sources)}" for g in single]
        lines += _more(single_left)
    return lines


def _divergence_line(d: Divergence) -> str:
    label = {"update": "update", "contradiction": "contradiction", "undetermined": "differs"}
    values = " → ".join(
        f"{_clip(v.text, 60)} [{v.source}, {v.date.isoformat() if v.date else 'undated'}]"
        for v in d.values
    )
    return f"- **{label[d.kind]}** — {d.label or 'figure'}: {values}. {_why(d)}"


def _why(d: Divergence) -> str:
    """The divergence explained in words."""
    if d.kind == "update":
        return "Later reports give a revised figure."
    if d.kind == "contradiction":
        return "The reports disagree, and the later figure is not a revision."
    return "An undated report differs, so the order is unknown."


def coverage_line(c: Coverage, claims: Sequence[ClaimGroup]) -> str:
    """ "The summary covers 5 of 38 claims (…); omitted single-source: c12, …"."""
    line = (
        f"*Coverage: the summary covers {c.n_covered} of {c.n_claims} distinct claims "
        f"({c.n_agreed_covered}/{c.n_agreed} agreed, {c.n_divergent_covered}/{c.n_divergent} "
        f"divergent, {c.n_single_covered}/{c.n_single} single-source)"
    )
    if c.omitted_single:
        by_id = {g.id: g for g in claims}
        shown = [f"“{_clip(by_id[i].text, 50)}”" for i in c.omitted_single[:3] if i in by_id]
        more = len(c.omitted_single) - len(shown)
        line += (
            "; omitted single-source: " + "; ".join(shown) + (f" and {more} more" if more else "")
        )
    return line + ".*"


def _figures(measures: Sequence[Measure], left: int = 0) -> list[str]:
    if not measures:
        return []
    lines = [
        "",
        "## Key figures",
        "",
        "| measure | value | as written | sources |",
        "|---|---|---|---|",
    ]
    for m in measures:
        values: dict[str, list[int]] = {}
        written: dict[str, str] = {}
        for f in m.figures:
            key = f.normalised + (f" {f.unit}" if f.unit not in {"", "date"} else "")
            values.setdefault(key, []).append(f.mention.source)
            written.setdefault(key, _clip(f.text, 50))
        flag = " ⚠" if m.divergence else ""
        for key, sources in values.items():
            lines.append(
                f"| {_clip(m.label, 40) or '—'}{flag} | {key} | {written[key]} "
                f"| {_cite(sorted(set(sources)))} |"
            )
    if left:
        lines += ["", f"*… and {left} more measures (all in the JSON output)*"]
    return lines


def _quotes(quotes: Sequence[Quote], left: int = 0) -> list[str]:
    if not quotes:
        return []
    lines = ["", "## Quotes", ""]
    for q in quotes:
        who = speaker_label(q)
        if q.role:
            who += f", {q.role}"
        same = (
            ""
            if len(q.sources) < 2
            else (" (same wording)" if q.identical else " (wording differs)")
        )
        lines.append(f"- “{_clip(q.text, 240)}” — {who} {_cite(q.sources)}{same}")
    return lines + _more(left)


def speaker_label(q: Quote) -> str:
    """The speaker's name; an unnamed speaker by the report's description ("one shopper",
    unnamed); "unattributed" when the report names nobody."""
    if q.speaker:
        return q.speaker
    if q.speaker_text and q.speaker_text.lower() not in {"he", "she", "they"}:
        return f"{q.speaker_text} (unnamed)"
    return "unattributed"


def _timeline(a: Analysis, entries: Sequence[TimelineEntry], left: int = 0) -> list[str]:
    if not entries and not a.unresolved_dates:
        return []
    lines = ["", "## Timeline", ""]
    lines += [_timeline_line(e) for e in entries]
    lines += _more(left)
    if a.unresolved_dates:
        shown = sorted({f"“{d.text}” [{d.mention.source}]" for d in a.unresolved_dates})
        lines.append(f"- *{UNPLACED_LABEL}:* {', '.join(shown)}")
    return lines


def _timeline_line(e: TimelineEntry) -> str:
    approx = "~" if e.approximate else ""
    said = ", ".join(sorted({d.text for d in e.expressions}))
    return f"- **{approx}{e.date}** ({said}): {_clip(e.event)} {_cite(e.sources)}"


def _entities(shown: Ranked) -> list[str]:
    if not any(capped.shown for capped in shown.entities.values()):
        return []
    lines = ["", "## Entities", ""]
    for kind, title in ENTITY_TYPES:
        items, left = shown.entities[kind].shown, len(shown.entities[kind].rest)
        if items:
            more = f"; … and {left} more" if left else ""
            lines.append(f"**{title}:** " + "; ".join(_entity(e) for e in items) + more)
            lines.append("")
    return lines[:-1]


def _entity(e: Entity) -> str:
    counts = "/".join(str(c) for c in e.counts)
    role = f", {e.role}" if e.role else ""
    return f"{e.name}{role} ({counts})"

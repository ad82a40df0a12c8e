"""Markdown sections for the cross-report analysis.

Sections, each omitted when empty: how the reports relate (agreed, divergent with
updates told from contradictions, single-source), a coverage line, key figures,
quotes, timeline and entities. Citations are ``[n]`` source numbers, as in the
summary; every item also carries offsets in the JSON output.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.models import (
    Analysis,
    Briefing,
    ClaimGroup,
    Coverage,
    Divergence,
    Entity,
    Measure,
    Quote,
    TimelineEntry,
)

MAX_SINGLE = 8  # single-source claims listed; the rest are counted
MAX_TEXT = 160


def render_analysis_markdown(briefing: Briefing) -> list[str]:
    """Lines for the analysis sections (none when there is no analysis)."""
    a = briefing.analysis
    if a is None:
        return []
    lines: list[str] = []
    lines += _relations(a)
    lines += _figures(a.figures)
    lines += _quotes(a.quotes)
    lines += _timeline(a)
    lines += _entities(a.entities, len(briefing.sources))
    lines += [f"> note: {n}" for n in a.notes]
    return lines


def _cite(sources: Sequence[int]) -> str:
    return "[" + ",".join(str(s) for s in sources) + "]"


def _clip(text: str, limit: int = MAX_TEXT) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _relations(a: Analysis) -> list[str]:
    agreed = [g for g in a.claims if g.status == "agreed"]
    divergent = [g for g in a.claims if g.status == "divergent"]
    single = [g for g in a.claims if g.status == "single"]
    lines = ["", "## How the reports relate", ""]
    if a.coverage is not None:
        lines += [coverage_line(a.coverage, a.claims), ""]
    if agreed:
        lines += ["**Agreed** (told by several reports)", ""]
        lines += [f"- {_clip(g.text)} {_cite(g.sources)}" for g in agreed] + [""]
    divergences = list(a.divergences) or [g.divergence for g in divergent if g.divergence]
    if divergences:
        lines += ["**Divergent**", ""]
        lines += [_divergence_line(d) for d in divergences] + [""]
    if single:
        lines += ["**Single-source**", ""]
        lines += [f"- {_clip(g.text)} {_cite(g.sources)}" for g in single[:MAX_SINGLE]]
        if len(single) > MAX_SINGLE:
            lines.append(f"- *… and {len(single) - MAX_SINGLE} more*")
    return lines


def _divergence_line(d: Divergence) -> str:
    label = {"update": "update", "contradiction": "contradiction", "undetermined": "differs"}
    values = " → ".join(
        f"{_clip(v.text, 60)} [{v.source}, {v.date.isoformat() if v.date else 'undated'}]"
        for v in d.values
    )
    return f"- **{label[d.kind]}** — {d.label or 'figure'}: {values}"


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


def _figures(measures: Sequence[Measure]) -> list[str]:
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
    return lines


def _quotes(quotes: Sequence[Quote]) -> list[str]:
    if not quotes:
        return []
    lines = ["", "## Quotes", ""]
    for q in quotes:
        who = q.speaker or "unattributed"
        if q.role:
            who += f", {q.role}"
        same = (
            ""
            if len(q.sources) < 2
            else (" (same wording)" if q.identical else " (wording differs)")
        )
        lines.append(f"- “{_clip(q.text, 240)}” — {who} {_cite(q.sources)}{same}")
    return lines


def _timeline(a: Analysis) -> list[str]:
    if not a.timeline and not a.unresolved_dates:
        return []
    lines = ["", "## Timeline", ""]
    lines += [_timeline_line(e) for e in a.timeline]
    if a.unresolved_dates:
        shown = sorted({f"“{d.text}” [{d.mention.source}]" for d in a.unresolved_dates})
        lines.append(f"- *not dated (undated report):* {', '.join(shown)}")
    return lines


def _timeline_line(e: TimelineEntry) -> str:
    approx = "~" if e.approximate else ""
    said = ", ".join(sorted({d.text for d in e.expressions}))
    return f"- **{approx}{e.date}** ({said}): {_clip(e.event)} {_cite(e.sources)}"


def _entities(entities: Sequence[Entity], n_sources: int) -> list[str]:
    if not entities:
        return []
    lines = ["", "## Entities", ""]
    for kind, title in (
        ("person", "People"),
        ("organization", "Organisations"),
        ("place", "Places"),
    ):
        items = [e for e in entities if e.type == kind]
        if items:
            lines.append(f"**{title}:** " + "; ".join(_entity(e) for e in items))
            lines.append("")
    return lines[:-1]


def _entity(e: Entity) -> str:
    counts = "/".join(str(c) for c in e.counts)
    role = f", {e.role}" if e.role else ""
    return f"{e.name}{role} ({counts})"

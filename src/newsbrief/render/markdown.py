"""Markdown for people: cited summary and a numbered source list."""

from __future__ import annotations

from newsbrief.config import Settings
from newsbrief.models import Briefing, SourceInfo


def cite_mark(numbers: tuple[int, ...]) -> str:
    """``[1]`` or ``[2,3]``."""
    return "[" + ",".join(str(n) for n in numbers) + "]"


def _source_line(src: SourceInfo) -> str:
    parts = [f"`{src.id}`", src.date.isoformat() if src.date else "undated", src.kind]
    if src.outlet:
        parts.append(src.outlet)
    if src.title:
        parts.append(f"“{src.title}”")
    return f"{src.number}. " + " · ".join(parts)


def _dates_line(briefing: Briefing) -> str:
    dates = sorted(s.date for s in briefing.sources if s.date)
    n = len(briefing.sources)
    span = ""
    if dates:
        span = dates[0].isoformat() if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        span = f", {span}"
    return (
        f"*{n} report{'s' if n != 1 else ''}{span} · "
        f"{briefing.word_count}/{briefing.max_words} words*"
    )


def render_markdown(briefing: Briefing, settings: Settings | None = None) -> str:
    """The briefing as Markdown."""
    lines = [f"# {briefing.headline}", "", _dates_line(briefing), ""]
    if briefing.query:
        lines += [f"**Query:** {briefing.query}", ""]
    lines += ["## Summary", ""]
    if briefing.summary:
        lines += [f"- {s.text} {cite_mark(s.doc_numbers)}" for s in briefing.summary]
    else:
        lines.append("*(no sentence fits the word budget)*")
    if briefing.analysis is not None:
        from newsbrief.render.analysis_md import render_analysis_markdown

        lines += render_analysis_markdown(briefing, settings)
    lines += ["", "## Sources", ""]
    lines += [_source_line(s) for s in briefing.sources]
    if briefing.notes:
        lines += ["", *[f"> note: {n}" for n in briefing.notes]]
    return "\n".join(lines) + "\n"

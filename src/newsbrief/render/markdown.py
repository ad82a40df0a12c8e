"""Markdown for people: cited summary and a numbered source list."""

from __future__ import annotations

import re

from newsbrief.config import Settings
from newsbrief.models import Briefing, SourceInfo

# ANSI/VT escape sequences (CSI, OSC, two-byte ESC forms) and the other C0/C1 controls
# except tab and newline: text from a report must never retitle, move or clear a terminal.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[@-Z\\-_]?"  # other ESC forms, or a lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# A raw HTML tag or comment start: Markdown viewers would run it as HTML.
_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?])")


def terminal_safe(text: str) -> str:
    """``text`` with control and escape sequences removed and lone surrogates written
    as ``\\udXXX``, so that it can be printed to a terminal or encoded as UTF-8."""
    clean = _ESCAPES.sub("", text.replace("\r\n", "\n").replace("\r", " "))
    return clean.encode("utf-8", "backslashreplace").decode("utf-8")


def markdown_safe(text: str) -> str:
    """:func:`terminal_safe`, with raw HTML tags escaped (``<script>`` shows as text)."""
    return _HTML_OPEN.sub("&lt;", terminal_safe(text))


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
    # Every piece of text above comes from the reports: clean it once, here.
    return markdown_safe("\n".join(lines)) + "\n"

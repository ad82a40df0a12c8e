"""Markdown sections for the cross-report analysis."""

from __future__ import annotations

from newsbrief.models import Briefing


def render_analysis_markdown(briefing: Briefing) -> list[str]:
    """Lines for the analysis sections (none while the analysis is empty)."""
    return []

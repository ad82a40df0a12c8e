"""Renderers: a :class:`~newsbrief.models.Briefing` to Markdown, JSON or JSONL, and HTML
(:mod:`newsbrief.render.html`, imported when used: it loads Jinja2)."""

from __future__ import annotations

from newsbrief.render.json import briefing_to_dict, render_json, render_jsonl_line
from newsbrief.render.markdown import render_markdown

FORMATS = ("md", "json", "jsonl", "html")

__all__ = ["FORMATS", "briefing_to_dict", "render_json", "render_jsonl_line", "render_markdown"]

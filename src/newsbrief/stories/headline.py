"""A story's headline: the cleaned title of its most significant recent report.

A story's headline must say where the story stands now, so it is chosen among
the reports of its last days (:data:`RECENT_DAYS` before its latest report),
and among those the most *significant*: the report whose title and lead share
the most with the other recent reports (the one the others agree with), ties
to the latest. Titles are cleaned of wire furniture (bylines, slugs, trailing
agency tags, all-capitals); a title that is empty, a placeholder ("Briefing",
"Untitled"), a byline or a bare label gives way to the report's lead sentence,
cut at a clause. Input is plain strings, so a text-cleaning stage that runs
before it only makes the titles better.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.represent import content_terms, tokenize

RECENT_DAYS = 2
MAX_WORDS = 16
MIN_WORDS = 3

_PLACEHOLDERS = {
    "briefing",
    "untitled",
    "no title",
    "no headline",
    "headline",
    "news",
    "news summary",
    "report",
    "update",
    "urgent",
    "advisory",
    "correction",
    "top news",
    "digest",
    "budget",
}
_SLUG = re.compile(r"^(?:[A-Z]{2,}-[A-Z0-9\-]+|BC-\S+|[a-z]+-[a-z]+-\S+)\s+")
_BYLINE = re.compile(r"^\s*(?:by|from)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s*$", re.I)
_LEADING_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}[,:]\s+")
_AGENCY_TAIL = re.compile(r"\s*[\(\[](?:AP|AFP|Reuters|UPI|Xinhua|NYT)[\)\]]\s*$", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'\-]{2,40}(?:\([A-Za-z ]+\))?\s*(?:_|--|—|-)\s+")
_CLAUSE = re.compile(r",\s|;\s|\s--\s|\s—\s")


@dataclass(frozen=True, slots=True)
class HeadlineCandidate:
    """One report as a headline source: its title, its lead sentence and its date."""

    title: str | None
    lead: str
    date: dt.date | None


def clean_title(title: str | None) -> str | None:
    """A title without wire furniture, or None when nothing usable is left."""
    if not title:
        return None
    text = " ".join(title.split())
    text = _SLUG.sub("", text)
    text = _LEADING_BYLINE.sub("", text)
    text = _AGENCY_TAIL.sub("", text).strip(" .;:-_")
    if not text or _BYLINE.match(text):
        return None
    if text.isupper():
        text = _sentence_case(text)
    words = text.split()
    if text.lower() in _PLACEHOLDERS or len(words) < MIN_WORDS:
        return None
    if len(words) > MAX_WORDS:
        return None
    return text


def lead_headline(lead: str) -> str | None:
    """A headline from a lead sentence: dateline dropped, cut at a clause, at most
    :data:`MAX_WORDS` words."""
    text = _DATELINE.sub("", " ".join(lead.split())).strip()
    if not text:
        return None
    words = text.split()
    if len(words) > MAX_WORDS:
        cut = _CLAUSE.search(text)
        if cut and MIN_WORDS <= len(text[: cut.start()].split()) <= MAX_WORDS:
            text = text[: cut.start()]
        else:
            text = " ".join(words[:MAX_WORDS]) + "…"
    text = text.rstrip(" .;:")
    return text if len(text.split()) >= MIN_WORDS else None


def story_headline(candidates: Sequence[HeadlineCandidate]) -> str | None:
    """The headline of a story from its reports (any order); None for no usable text."""
    if not candidates:
        return None
    dates = [c.date for c in candidates if c.date]
    latest = max(dates) if dates else None
    recent = [
        (i, c)
        for i, c in enumerate(candidates)
        if latest is None or c.date is None or (latest - c.date).days <= RECENT_DAYS
    ]
    bags = {i: set(content_terms(tokenize(f"{c.title or ''} {c.lead}"))) for i, c in recent}
    ranked = []
    for i, c in recent:
        shared = sum(len(bags[i] & bags[j]) / (1 + len(bags[j])) for j, _ in recent if j != i)
        ranked.append((shared, c.date or dt.date.min, i, c))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    for *_, c in ranked:
        title = clean_title(c.title)
        if title:
            return title
    for *_, c in ranked:
        lead = lead_headline(c.lead)
        if lead:
            return lead
    return None


def _sentence_case(text: str) -> str:
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]

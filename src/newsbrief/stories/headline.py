"""A story's headline: the cleaned title of its most significant recent report.

A story's headline must say where the story stands now, so it is chosen among
the reports of its last days (:data:`newsbrief.headline.RECENT_DAYS` before its latest report),
and among those the most *significant*: the report whose title and lead share
the most with the other recent reports (the one the others agree with), ties
to the latest. Titles are cleaned as briefing headlines are
(:func:`newsbrief.headline.usable_title`: release notes, part and version
markers, slugs, urgency tags and credits off; bylines, notes, fragments and
placeholders are no titles) and shown in normal case when written in capitals,
keeping the acronyms the report's lead writes in capitals; a title that is empty,
a placeholder ("Briefing", "Untitled") or a bare label gives way to the report's
lead sentence, its dateline dropped, cut at a clause. Input is plain strings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.headline import PLACEHOLDERS, normal_case, recent, usable_title, without_bullet
from newsbrief.represent import content_terms, tokenize
from newsbrief.segment import strip_dateline

MAX_WORDS = 16
MIN_WORDS = 3

# A story headline is never a desk label either (briefing placeholders are no titles).
_PLACEHOLDERS = PLACEHOLDERS | {
    "no headline",
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
_BYLINE = re.compile(r"^\s*(?:by|from)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s*$", re.I)
_LEADING_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}[,:]\s+")
_CLAUSE = re.compile(r",\s|;\s|\s--\s|\s—\s")


@dataclass(frozen=True, slots=True)
class HeadlineCandidate:
    """One report as a headline source: its title, its lead sentence and its date."""

    title: str | None
    lead: str
    date: dt.date | None


def clean_title(title: str | None, context: str = "") -> str | None:
    """A title without wire furniture, or None when nothing usable is left; one written in
    capitals in normal case, keeping the acronyms ``context`` (the lead) writes so."""
    text = usable_title(_LEADING_BYLINE.sub("", " ".join((title or "").split())))
    if not text or _BYLINE.match(text):
        return None
    text = normal_case(text, [context])
    words = text.split()
    if text.lower() in _PLACEHOLDERS or len(words) < MIN_WORDS:
        return None
    if len(words) > MAX_WORDS:
        return None
    return text


def lead_headline(lead: str) -> str | None:
    """A headline from a lead sentence: dateline and list mark dropped, in normal case when
    written in capitals, cut at a clause, at most :data:`MAX_WORDS` words."""
    text = without_bullet(strip_dateline(" ".join(lead.split())).strip())
    if not text:
        return None
    text = normal_case(text, [lead])
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
    fresh = recent([c.date for c in candidates])
    recent_ones = [(i, c) for i, c in enumerate(candidates) if fresh[i]]
    bags = {i: set(content_terms(tokenize(f"{c.title or ''} {c.lead}"))) for i, c in recent_ones}
    ranked = []
    for i, c in recent_ones:
        shared = sum(len(bags[i] & bags[j]) / (1 + len(bags[j])) for j, _ in recent_ones if j != i)
        ranked.append((shared, c.date or dt.date.min, i, c))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    for *_, c in ranked:
        title = clean_title(c.title, c.lead)
        if title:
            return title
    for *_, c in ranked:
        lead = lead_headline(c.lead)
        if lead:
            return lead
    return None

"""Headline text: which titles may headline a briefing, normal case, a lead cut short.

A supplied title wins over any body sentence, but only a real title: a byline,
slug, editor's note or placeholder ("Untitled", "Briefing") is not one, and the
packaging pieces of a title (release notes, part and version markers, slugs,
urgency tags, tagline credits; :func:`newsbrief.clean.clean_title`) come off it.
A title the wire cut short ("... Housing Units in") or a fragment of a sentence
("UNITED NATIONS: speedily lifted.") is not one either. Titles written in
capitals are shown in normal case, keeping the acronyms the reports themselves
write in capitals. Without a title the headline is a lead sentence, cut at a
clause boundary when it is long.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from newsbrief.clean import clean_title, find_cuts
from newsbrief.segment import dateline_end

MAX_HEADLINE_WORDS = 25
RECENT_DAYS = 2  # a headline says where the news stands: from the reports of the last days
MIN_CUT_WORDS = 6  # a clause cut keeps at least this many words
PLACEHOLDERS = frozenset(
    {
        "briefing",
        "untitled",
        "no title",
        "none",
        "null",
        "title",
        "headline",
        "news",
        "home",
        "article",
        "story",
        "index",
        "page not found",
        "404",
        "home page",
        "homepage",
    }
)
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "up",
        "upon",
        "via",
        "with",
        "vs",
    ]
)
# A title ending in one of these (in lower case) was cut short by the wire.
# (Not "in", "on", "up" and the like: "Search Goes on" ends in a particle, not a cut.)
_DANGLING = frozenset(
    ("a", "an", "the", "and", "or", "nor", "of", "to", "for", "from", "with", "into", "its", "our")
)
_SEVERAL_WORDS = re.compile(r"[A-Za-z][\w'’.\-]*(?: [\w'’\"“`$][^ ]*){2,}$")
# A sentence fragment: lower case at the start, or after a place and a colon.
_FRAGMENT = re.compile(r"[a-z]{2}|[A-Z][A-Z .,'\-]{1,40}:\s*[a-z]")
_CLAUSE_BREAK = re.compile(r",\s|;\s|:\s|\s(?:--|—|–|_)\s")
_WORD = re.compile(r"[A-Za-z][\w'’.\-]*")


def usable_title(title: str | None) -> str | None:
    """``title`` without its packaging pieces, or None when it is packaging, a placeholder
    or a fragment, not a title."""
    text = clean_title(title)
    if text is None or len(text) < 3 or text.lower() in PLACEHOLDERS:
        return None
    if _is_packaging(title or "") and not _SEVERAL_WORDS.match(text):
        return None  # a slug line ("BC-NJ--Bridge Tolls,540"), not a slug before a title
    if not re.search(r"[A-Za-z]{2}", text) or _FRAGMENT.match(text):
        return None
    if text.rsplit(" ", 1)[-1] in _DANGLING or _is_packaging(text):
        return None
    return text


def _is_packaging(title: str) -> bool:
    """Whether most of ``title`` is a packaging line (a byline, a slug, a note)."""
    text = " ".join(title.split())
    return any(
        cut.kind != "heading" and cut.end - cut.start >= 0.5 * len(text) for cut in find_cuts(text)
    )


def normal_case(text: str, context: Iterable[str] = ()) -> str:
    """A title written in capitals, in title case; the acronyms the ``context`` texts (the
    reports) write in capitals ("NATO", "U.S.") stay as they are. Other titles unchanged."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    known = acronyms(context)
    words = text.split(" ")
    out = []
    for k, word in enumerate(words):
        core = word.strip("\"'“”‘’`()[],.:;!?")
        if core.endswith(("'S", "’S")) and core[:-2] in known:
            out.append(
                word[: word.index(core) + len(core) - 1]
                + "s"
                + word[word.index(core) + len(core) :]
            )
        elif core in known or (len(core) > 1 and "." in core.rstrip(".")):
            out.append(word)  # NATO, U.S., F.B.I.
        elif k > 0 and core.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(_capitalise(word.lower()))
    return " ".join(out)


def _capitalise(word: str) -> str:
    """First letter of each hyphen part in capitals (``post-war`` -> ``Post-War``); marks
    before it are passed over."""
    return "-".join(_FIRST_LETTER.sub(lambda m: m.group(0).upper(), p, 1) for p in word.split("-"))


_FIRST_LETTER = re.compile(r"[a-z]")


def acronyms(texts: Iterable[str]) -> frozenset[str]:
    """Words written in capitals (two or more letters) inside running text: a word whose
    neighbours are in capitals too belongs to a heading, and a dateline ("LONDON (AP) _",
    or a word in capitals opening the text: "LONDON Stephen Lawrence was…") is no running
    text."""
    found: set[str] = set()
    for text in texts:
        for match in _CAPITALS.finditer(text, max(1, dateline_end(text[:200]))):
            word = match.group(0)
            if word.lower() in _COMMON or _capitals_neighbour(text, match.start(), match.end()):
                continue
            found.add(word)
    return frozenset(found)


_CAPITALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}|\b[A-Z][A-Z0-9&]{1,7}s?\b")
_COMMON = _SMALL_WORDS | frozenset(
    [
        "new",
        "old",
        "all",
        "not",
        "no",
        "yes",
        "is",
        "are",
        "was",
        "be",
        "it",
        "its",
        "this",
        "that",
        "he",
        "she",
        "we",
        "they",
        "you",
        "our",
        "his",
        "her",
        "who",
        "what",
        "when",
        "where",
        "why",
        "how",
        "will",
        "can",
        "may",
        "more",
        "most",
        "war",
        "wars",
        "man",
        "men",
        "one",
        "two",
    ]
)
_NEIGHBOUR_BEFORE = re.compile(r"([A-Za-z][\w.'&-]*)\W{1,3}$")
_NEIGHBOUR_AFTER = re.compile(r"^\W{1,3}([A-Za-z][\w.'&-]*)")


def _capitals_neighbour(text: str, start: int, end: int) -> bool:
    before = _NEIGHBOUR_BEFORE.search(text[max(0, start - 30) : start])
    after = _NEIGHBOUR_AFTER.match(text[end : end + 30])
    return any(
        m is not None and len(m.group(1)) > 1 and m.group(1).isupper() for m in (before, after)
    )


def recent(dates: Sequence[dt.date | None]) -> list[bool]:
    """Which reports are recent: dated within :data:`RECENT_DAYS` of the latest report, or
    undated (all are, when none is dated)."""
    known = [d for d in dates if d is not None]
    latest = max(known, default=None)
    return [latest is None or d is None or (latest - d).days <= RECENT_DAYS for d in dates]


def without_bullet(text: str) -> str:
    """``text`` on one line without a list mark before it (wire lists open items with
    "_ " or "-- ")."""
    return _BULLET.sub("", " ".join(text.split()))


_BULLET = re.compile(r"^(?:[_*•·]|--?|—|–)\s+(?=\S)")


def cut_lead(text: str, max_words: int = MAX_HEADLINE_WORDS) -> str:
    """A lead sentence as a headline: whole when short, else cut at the last clause
    boundary within ``max_words`` (at least :data:`MIN_CUT_WORDS` words kept)."""
    text = without_bullet(text).rstrip(".")
    if len(text.split()) <= max_words:
        return text
    best = -1
    for match in _CLAUSE_BREAK.finditer(text):
        words = len(text[: match.start()].split())
        if MIN_CUT_WORDS <= words <= max_words:
            best = match.start()
    if best > 0:
        return text[:best].rstrip(" ,;:")
    return " ".join(text.split()[:max_words]) + " …"

"""When a figure holds: on one day, over a period, as a running total, as a rate.

Reports give different numbers for one counted thing when they count over different
spans, and those are no divergence: five devices exploded "on Thursday" and six "last
month" (a day and the whole series), 122 countries signed "in Ottawa last year" and the
treaty "has been signed by 133 countries" (one occasion and a running total). A figure
per period ("20,000 people are killed each year") is a rate: a later, higher estimate of
it is not a toll revised. "With 93 percent of the vote counted" is how far a count has
got, not a fact reports disagree on.

Only the words right after a figure are read (a few, within its clause, up to a word
that starts another event: "laid off 18,600 workers for lack of parts from the
initial strike last Friday" is not dated by "last Friday").
"""

from __future__ import annotations

import re

DAY = "day"
PERIOD = "period"
RUNNING = "running"

_MONTH = (  # capitalised: "this may" is no month
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|April|May|June|July|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = re.compile(
    r"\b(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight)\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}\b"
)
_PERIOD = re.compile(
    r"\b(?i:last|this|past|previous)\s+"
    rf"(?:(?i:week|month|year|decade)\b|{_MONTH}(?![\w.]))"
    rf"|\b(?i:in)\s+(?:{_MONTH}|(?:19|20)\d\d)(?!\s*\d)(?![\w.])"
)
_PERFECT = r"(?:has|have)\s+(?:(?:so\s+far|now|already|since)\s+)?(?:been\s+)?[a-z]+(?:ed|en)"
_RUNNING_BEFORE = re.compile(rf"\b{_PERFECT}\s+(?:by\s+)?$")
_RUNNING_AFTER = re.compile(rf"\s*{_PERFECT}\b")
_SO_FAR = re.compile(r"\b(?:so far|to date|thus far|until now)\b", re.IGNORECASE)
_RATE = re.compile(
    r"^\W*(?:[a-z]+\W+){0,4}?(?:each|every|per)\s+(?:year|month|week|day)\b"
    r"|^\W*(?:a\s+(?:year|month|week|day)|annually|yearly)\b",
    re.IGNORECASE,
)
_PROGRESS_BEFORE = re.compile(r"\bwith\s+$", re.IGNORECASE)
_PROGRESS_AFTER = re.compile(
    r"^[^,;.]{0,40}?\b(?:counted|tallied|processed|reporting)\b", re.IGNORECASE
)
# Words that start another event or clause: a date after them is not the figure's.
_BREAK = {
    "from", "since", "after", "before", "following", "which", "that", "who", "when",
    "because", "for", "until", "while", "where", "and", "but", "said", "says",
}  # fmt: skip
_NEAR_AFTER = 8  # words read after a figure for its date
_WORD = re.compile(r"[\w.']+")


def occasion(before: str, after: str) -> str:
    """When the figure between ``before`` and ``after`` (its clause) holds: ``RUNNING``
    ("has been signed by 133", "so far 25 have ratified"), ``DAY`` ("on Thursday", "May
    28"), ``PERIOD`` ("last month", "in December"), or "" when its words say none."""
    if _RUNNING_BEFORE.search(before) or _RUNNING_AFTER.match(after):
        return RUNNING
    near = _near(after)
    if _SO_FAR.search(near):
        return RUNNING
    if _PERIOD.search(near):
        return PERIOD
    return DAY if _DAY.search(near) else ""


def _near(after: str) -> str:
    """The few words after a figure, up to a word that starts another event. (Words before
    it are not read: "struck early on Tuesday, killing at least 42" dates the quake, and a
    toll of that day is the toll a later report revises.)"""
    right: list[str] = []
    for word in _WORD.findall(after)[:_NEAR_AFTER]:
        if word.lower() in _BREAK:
            break
        right.append(word)
    return " ".join(right)


def apart(a: str, b: str) -> bool:
    """Are two occasions different spans? One day and a period ("five on Thursday", "six
    last month"), a period and a running total ("122 signed last December", "has been
    signed by 133"). A day and a running total are not: "killing 42 on Tuesday", then "has
    killed 67" is one toll revised."""
    return {a, b} in ({DAY, PERIOD}, {PERIOD, RUNNING})


def is_rate(after: str) -> bool:
    """A figure per period: "20,000 people are killed each year", "$5 a day"."""
    return bool(_RATE.match(after))


def is_progress(before: str, after: str) -> bool:
    """How far a count has got: "with 93 percent of the vote counted"."""
    return bool(_PROGRESS_BEFORE.search(before) and _PROGRESS_AFTER.match(after))

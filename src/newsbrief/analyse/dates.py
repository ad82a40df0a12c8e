"""Date and time expressions: find the spans, then resolve them against the report date.

Spans are found with explicit patterns first (``dateparser.search_dates`` on whole
sentences turns "two" or "3000" into dates); each span is then resolved either by a
small rule (weekdays, "the end of the month", "two days ago") or by
``dateparser.parse(span, RELATIVE_BASE=report date)``. Granularity is kept: a bare
"1996" is a year, "August 2021" a month. ``PREFER_DATES_FROM`` is never set: it
moves "Thursday" back a week. Reports without a date resolve only absolute dates;
their date is inferred only when the text names its own day ("today, August 12,
2021").
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsbrief.analyse.spans import Locator
from newsbrief.language.calendar import MONTH_PATTERN, WEEKDAY_PATTERN
from newsbrief.models import DateMention, Document, Granularity, Mention, ReportDate

log = logging.getLogger(__name__)

_MONTHS = MONTH_PATTERN
_WEEKDAYS = WEEKDAY_PATTERN
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a few": 3, "a couple of": 2, "several": 3, "a number of": 3,
}  # fmt: skip
_VAGUE = {"a few", "several", "a couple of", "a number of"}
_COUNT = r"\d{1,2}|a few|a couple of|several|a number of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"  # noqa: E501
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

_HOLIDAY_PATTERN = (
    rf"(?:Christmas|Thanksgiving|Halloween)(?=,?\s+{_YEAR})|Christmas\s+(?:Eve|Day)|"
    r"New\s+Year[’']s(?:\s+(?:Eve|Day))?|Valentine[’']s\s+Day|Independence\s+Day|"
    r"Fourth\s+of\s+July|Thanksgiving\s+Day"
)

# Order matters: the first pattern that matches at a position wins (longest forms first).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx))
    for name, rx in (
        ("absolute", rf"\b(?:(?:{_WEEKDAYS}),?\s+)?(?:{_MONTHS})\s+{_DAY}(?:,?\s+{_YEAR})?\b"),
        ("absolute", rf"\b(?:(?:{_WEEKDAYS}),?\s+)?{_DAY}\s+(?:{_MONTHS})(?:,?\s+{_YEAR})?\b"),
        ("month", rf"\b(?:{_MONTHS})(?:\s+|\s+of\s+){_YEAR}\b"),
        ("holiday", rf"\b(?:{_HOLIDAY_PATTERN})(?:,?\s+{_YEAR})?\b"),
        (  # "Christmas" alone is a date after a preposition, not in "Christmas shopping"
            "holiday",
            r"\b(?:on|before|after|since|until|till|by|at|over|from|around|of)\s+"
            r"(?P<d>Christmas|Thanksgiving|Halloween)\b",
        ),
        ("lastmonth", rf"\b(?:last|Last)\s+(?:{_MONTHS})\b(?!\s+\d)"),
        (
            "month",
            rf"\b(?:in|In|since|Since|until|by|of|early|late|mid)[\s-](?P<d>(?:{_MONTHS}))\b(?!\s+\d)",
        ),
        ("end", r"(?i:\b(?:the\s+)?end\s+of\s+(?:the|this|next|last)\s+(?:month|week|year)\b)"),
        ("ago", rf"(?i:\b(?:just\s+)?(?:{_COUNT})\s+(?:days?|weeks?|months?|years?)\s+ago\b)"),
        (
            "period",
            r"(?i:\b(?:this|last|next|earlier\s+this|later\s+this)\s+(?:week|month|year)\b)",
        ),
        (
            "weekday",
            rf"\b(?:(?:last|next|this|Last|Next|This)\s+)?(?:{_WEEKDAYS})(?:\s+(?:morning|afternoon|evening|night))?\b",
        ),
        ("deictic", r"(?i:\b(?:today|tonight|yesterday|tomorrow)\b)"),
        ("deictic", r"(?i:\bthis\s+(?:morning|afternoon|evening)\b)"),
        ("deictic", r"(?i:\blast\s+night\b)"),
        ("clock", r"\b(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"),
        (
            "year",
            rf"\b(?:in|In|since|Since|from|From|until|till|by|of|for|before|after|during|between|and|to|early|late|mid)\s(?P<d>{_YEAR})\b(?![-\d])(?!\s+(?:troops|people|soldiers|of\b))",
        ),
        ("year", rf"\b(?:the|a|an|The|A|An)\s(?P<d>{_YEAR})\s+(?=[A-Za-z])"),
        ("season", r"(?i:\blast\s+(?:spring|summer|fall|autumn|winter)\b)"),
    )
)
_FUTURE = re.compile(
    r"\b(?:(?<!\bhis\s)(?<!\bher\s)(?<!\bthe\s)(?<!\btheir\s)(?<!\ba\s)will|'ll|shall|(?:would|must)(?!\s+have\b)|"
    r"(?:is|are)\s+(?:(?:also|still|now|not|\w+ly)\s+)?(?:scheduled|slated|expected|due|set|going|to)\b|"
    r"(?:upcoming|forthcoming)\b|"
    r"(?:meets|begins|convenes|resumes|opens|arrives|departs|travels|takes\s+place)\b|"
    r"(?:the|a|an|his|her|its|their)\s+(?:slated|scheduled|planned|proposed)\s+"
    r"(?:visit|trip|tour|talks|meeting|summit|conference|session|election|vote|referendum|"
    r"hearing|trial|launch|ceremony|debate|release|opening|signing)s?|"
    r"(?<!\bwas\s)(?<!\bwere\s)to\s+be\s+\w+(?:ed|en)|"
    rf"plans?\s+to|planned\s+for|next\s+(?:week|month|year|{_WEEKDAYS}))\b",
    re.IGNORECASE,
)
# "stays closed until Friday" looks ahead, "were held until Friday" back.
_DEADLINE = re.compile(rf"\b(?:by|until|till|into|through)\s+(?:{_WEEKDAYS})\b", re.IGNORECASE)
# Past tense: an auxiliary, unless it only puts a plan in the past ("were scheduled for").
_PAST = re.compile(
    r"\b(?:was|were|had|did)\b(?!\s+(?:(?:also|still|now|not|\w+ly)\s+)?"
    r"(?:scheduled|expected|due|set|slated|planned|to|going)\b)"
)


def future(clause: str) -> bool:
    """The clause speaks of what is still to come (news usage: "is expected Tuesday",
    "will meet on Friday", "would resume", "must leave", "to be released", "until Friday")."""
    if _FUTURE.search(clause):
        return True
    return bool(_DEADLINE.search(clause)) and not _PAST.search(clause)


_APPOSITIVE_WEEKDAY = re.compile(rf",\s+an?\s+(?:{_WEEKDAYS})\b")
_DATELINE_END = re.compile(r"\s*(?:—|–|--|-|:|\(|\n)")
_TODAY_CUE = re.compile(
    r"(?i:\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\bon\s+this\s+day\b)"
)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A resolved date: ISO text at its granularity."""

    value: str | None
    granularity: Granularity
    relative: bool
    approximate: bool = False


# A word every match of a kind's patterns holds, searched first: a text without it is not
# scanned with them (a plain alternation is found many times faster than a pattern that
# starts with a word boundary). A kind not listed is always scanned.
_MONTH_WORD = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"  # every month spelling
_NEEDED: dict[str, re.Pattern[str]] = {
    kind: re.compile(rx)
    for kind, rx in (
        ("absolute", _MONTH_WORD),
        ("month", _MONTH_WORD),
        ("lastmonth", _MONTH_WORD),
        ("holiday", r"Christmas|Thanksgiving|Halloween|Year|Valentine|Independence|Fourth"),
        ("end", r"(?i:end)"),
        ("ago", r"(?i:ago)"),
        ("period", r"(?i:week|month|year)"),
        ("weekday", _WEEKDAYS),
        ("deictic", r"(?i:today|tonight|yesterday|tomorrow|morning|afternoon|evening|night)"),
        ("clock", r"[ap]\.?m"),
        ("year", r"1[89]\d\d|20\d\d"),
        ("season", r"(?i:spring|summer|fall|autumn|winter)"),
    )
}


def find_date_spans(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, kind)`` date spans of ``text``, in order."""
    found: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    holds: dict[str, bool] = {}
    for kind, pattern in _PATTERNS:
        if kind not in holds:
            needed = _NEEDED.get(kind)
            holds[kind] = needed is None or needed.search(text) is not None
        if not holds[kind]:
            continue
        for m in pattern.finditer(text):
            start, end = m.span("d") if "d" in pattern.groupindex else m.span()
            if any(taken[start:end]):
                continue
            found.append((start, end, kind))
            for k in range(start, end):
                taken[k] = True
    return sorted(found)


# Report dates a relative mention may be resolved against: weeks and months around them
# must exist in the calendar.
_SAFE_BASE = (dt.date(2, 1, 1), dt.date(9998, 12, 31))


def resolve(span: str, kind: str, base: dt.date | None, sentence: str = "") -> Resolved:
    """Resolve one span against the report date ``base`` (``None``: an undated report)."""
    if kind in {"absolute", "month", "year", "holiday"}:
        try:
            return _absolute(span, kind, base, sentence)
        except (OverflowError, ValueError):  # a report dated at the calendar's ends
            return Resolved(
                None, "year" if kind == "year" else "month" if kind == "month" else "day", False
            )
    unresolved = Resolved(None, _relative_granularity(span, kind), True, kind == "ago")
    if base is None or not _SAFE_BASE[0] <= base <= _SAFE_BASE[1]:
        return unresolved  # undated, or dated at the calendar's ends (a feed's zero time)
    try:
        return _RELATIVE[kind](span, base, sentence)
    except (OverflowError, ValueError):  # "tomorrow" of 9999-12-31: no such date
        return unresolved


def _absolute(span: str, kind: str, base: dt.date | None, sentence: str = "") -> Resolved:
    has_year = re.search(_YEAR + r"\b", span) is not None
    if kind == "year":
        return Resolved(span.strip(), "year", False)
    if not has_year and base is None:
        return Resolved(None, "month" if kind == "month" else "day", False)
    year = int(m.group(0)) if (m := re.search(_YEAR, span)) else (base or dt.date(2000, 1, 1)).year
    if kind == "holiday":
        parsed: dt.date | None = _holiday(span, year)
    else:
        parsed = _parse(_strip_weekday(span), base or dt.date(2000, 1, 1))
    if parsed is None:
        return Resolved(None, "month" if kind == "month" else "day", False)
    if not has_year and base is not None:
        parsed = _nearest_year(parsed, base, sentence, kind)
    if kind == "month":
        return Resolved(parsed.strftime("%Y-%m"), "month", not has_year)
    return Resolved(parsed.isoformat(), "day", not has_year)


def _strip_weekday(span: str) -> str:
    return re.sub(rf"^(?:{_WEEKDAYS}),?\s+", "", span).replace("Sept.", "Sep.")


# Spellings common in news, parsed without dateparser: its first call costs ~0.4 s
# (it compiles hundreds of time-zone patterns), a large part of a cold briefing.
_FAST_FORMATS = (
    "%B %d",
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %B",
    "%d %B %Y",
    "%d %b",
    "%d %b %Y",
    "%B %Y",
    "%b %Y",
    "%B, %Y",
    "%Y-%m-%d",
)


def _fast_parse(span: str, base: dt.date) -> dt.date | None:
    """Strict parse of the common spellings ("August 31", "Aug. 31, 2021", "31 August")."""
    clean = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", span.replace(".", " ")).strip()
    clean = " ".join(clean.replace(" ,", ",").split())
    for fmt in _FAST_FORMATS:
        try:
            parsed = dt.datetime.strptime(clean, fmt)
        except ValueError:
            continue
        if "%Y" not in fmt:
            try:
                parsed = parsed.replace(year=base.year)
            except ValueError:  # 29 February in a common year
                return None
        return parsed.date()
    return None


@lru_cache(maxsize=4096)
def _parse(span: str, base: dt.date) -> dt.date | None:
    """A clean span as a date (fast path, then ``dateparser.parse``); ``None`` when it cannot."""
    fast = _fast_parse(span, base)
    if fast is not None:
        return fast
    import dateparser

    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day)}
    parsed = dateparser.parse(span, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _nearest_year(day: dt.date, base: dt.date, clause: str = "", kind: str = "") -> dt.date:
    """A month and day without year: the year that puts it closest to the report date,
    unless the tense says otherwise ("will take office Jan. 3" in a June report is ahead,
    "was arrested Nov. 1" in a June report is behind)."""
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(day.replace(year=year) if kind != "holiday" else _holiday_in(day, year))
        except ValueError:  # 29 February
            continue
    nearest = min(options, key=lambda d: abs((d - base).days))
    ahead = future(clause)
    month_start = base.replace(day=1)
    if ahead and nearest < (month_start if kind == "month" else base):
        return min((d for d in options if d >= base), default=nearest)
    if not ahead and _PAST.search(clause) and nearest > base:
        return max((d for d in options if d <= base), default=nearest)
    return nearest


# Holidays on a fixed day, and Thanksgiving (the fourth Thursday of November, US).
_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31),
    "new year's day": (1, 1), "new year's": (1, 1), "valentine's day": (2, 14),
    "independence day": (7, 4), "fourth of july": (7, 4), "halloween": (10, 31),
}  # fmt: skip


def _holiday(span: str, year: int) -> dt.date | None:
    name = " ".join(re.sub(_YEAR, "", span).replace("’", "'").lower().split())
    name = name.removesuffix(" day") if name in {"christmas day", "thanksgiving day"} else name
    if name == "thanksgiving":
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    month_day = _HOLIDAYS.get(name)
    return dt.date(year, *month_day) if month_day else None


def _holiday_in(day: dt.date, year: int) -> dt.date:
    """The same holiday in another year (Thanksgiving moves with the weekdays)."""
    if day.month == 11 and day.weekday() == 3 and 22 <= day.day <= 28:
        return _holiday("thanksgiving", year) or day.replace(year=year)
    return day.replace(year=year)


def _relative_granularity(span: str, kind: str) -> Granularity:
    low = span.lower()
    for unit, gran in (("year", "year"), ("month", "month"), ("week", "week")):
        if unit in low and kind in {"ago", "period", "end"}:
            return "day" if kind == "end" else gran  # type: ignore[return-value]
    return "day"


def clock_time(span: str, day: str | None, base: dt.date | None) -> Resolved:
    """ "4:10 a.m.": on the day its sentence names before it, else on the report's day."""
    match = re.match(r"(\d{1,2})(?::(\d\d))?\s*([ap])", span.lower())
    if match is None or (day is None and base is None):
        return Resolved(None, "time", day is None)
    hour = int(match.group(1)) % 12 + (12 if match.group(3) == "p" else 0)
    on = day or (base.isoformat() if base else "")
    return Resolved(f"{on}T{hour:02d}:{int(match.group(2) or 0):02d}", "time", day is None)


# "Chavez said on Monday that his upcoming visit...": the day the words were said is past.
_REPORTED_ON = re.compile(
    r"\b(?:said|told|announced|reported|added|confirmed|denied|stated|declared|disclosed)"
    r"\s+(?:\w+\s+)?(?:on\s+)?$"
)


def _weekday(span: str, base: dt.date, sentence: str) -> Resolved:
    """Past tense points back to the latest such day; future tense forward (news usage)."""
    name = next(w for w in _WEEKDAYS.split("|") if w in span)
    target = list(calendar.day_name).index(name)
    back = (base.weekday() - target) % 7
    low = span.lower()
    reported = _REPORTED_ON.search(sentence[: max(0, sentence.find(span))])
    if low.startswith("next") or (future(sentence) and not low.startswith("last") and not reported):
        ahead = (target - base.weekday()) % 7 or (7 if low.startswith("next") else 0)
        return Resolved((base + dt.timedelta(days=ahead)).isoformat(), "day", True)
    if low.startswith("last") and back == 0:
        back = 7
    return Resolved((base - dt.timedelta(days=back)).isoformat(), "day", True)


# A week is no calendar date at the timeline's grains (day, month, year): "last week",
# "the end of this week" are kept as date expressions, unresolved.
_WEEK = Resolved(None, "week", True)


def _deictic(span: str, base: dt.date, sentence: str) -> Resolved:
    low = span.lower()
    shift = -1 if low in {"yesterday", "last night"} else 1 if low == "tomorrow" else 0
    return Resolved((base + dt.timedelta(days=shift)).isoformat(), "day", True)


def _end_of(span: str, base: dt.date, sentence: str) -> Resolved:
    low = span.lower()
    step = 1 if "next" in low else -1 if "last" in low else 0
    if "year" in low:
        return Resolved(f"{base.year + step}-12-31", "day", True)
    if "week" in low:
        return _WEEK
    year, month = divmod(base.year * 12 + base.month - 1 + step, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return Resolved(dt.date(year, month + 1, last).isoformat(), "day", True)


def _ago(span: str, base: dt.date, sentence: str) -> Resolved:
    low = re.sub(r"^just\s+", "", span.lower())
    count_text, unit = re.match(rf"({_COUNT})\s+(\w+?)s?\s+ago", low).groups()  # type: ignore[union-attr]
    n = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    approximate = count_text in _VAGUE
    if unit == "day":
        return Resolved((base - dt.timedelta(days=n)).isoformat(), "day", True, approximate)
    if unit == "week":  # "a week ago": the day a week before the report
        return Resolved((base - dt.timedelta(weeks=n)).isoformat(), "day", True, approximate)
    if unit == "month":
        year, month = divmod(base.year * 12 + base.month - 1 - n, 12)
        return Resolved(f"{year:04d}-{month + 1:02d}", "month", True, approximate)
    return Resolved(str(base.year - n), "year", True, approximate)


def _period(span: str, base: dt.date, sentence: str) -> Resolved:
    low = span.lower()
    step = 1 if low.startswith("next") else -1 if low.startswith("last") else 0
    if low.endswith("year"):
        return Resolved(str(base.year + step), "year", True)
    if low.endswith("month"):
        year, month = divmod(base.year * 12 + base.month - 1 + step, 12)
        return Resolved(f"{year:04d}-{month + 1:02d}", "month", True)
    return _WEEK


_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def _season(span: str, base: dt.date, sentence: str) -> Resolved:
    """ "last summer": the year of the latest such season before the report."""
    starts = _SEASONS[span.split()[-1].lower()]
    year = base.year if base.month >= starts + 3 else base.year - 1
    return Resolved(str(year), "year", True)


def _last_month(span: str, base: dt.date, sentence: str) -> Resolved:
    """ "last October": the latest October before the report's month."""
    month = [m[:3] for m in calendar.month_name].index(span.split()[-1][:3].capitalize())
    year = base.year if month < base.month else base.year - 1
    return Resolved(f"{year:04d}-{month:02d}", "month", True)


_RELATIVE = {
    "season": _season,
    "lastmonth": _last_month,
    "weekday": _weekday,
    "deictic": _deictic,
    "end": _end_of,
    "ago": _ago,
    "period": _period,
}


def date_mentions(
    documents: Sequence[Document], locator: Locator, report_dates: Sequence[ReportDate]
) -> tuple[DateMention, ...]:
    """Every date expression of every report, resolved against its (given or inferred) date."""
    return tuple(
        m
        for i, doc in enumerate(documents)
        for m in _doc_mentions(doc, i, locator, report_dates[i])
    )


def _doc_mentions(
    doc: Document, i: int, locator: Locator, report: ReportDate
) -> Iterator[DateMention]:
    day_in: dict[int, str] = {}  # sentence -> the day it names, for clock times
    previous: tuple[int, Resolved] | None = None  # the absolute date just before, if any
    for start, end, kind in find_date_spans(doc.text):
        if kind == "weekday" and doc.text[max(0, start - 6) : start].lower() == "every ":
            continue  # a habit, not a date
        if kind == "clock":
            continue  # a clock time alone places nothing on the calendar
        if kind == "period" and re.search(
            r"\b(?:the|The)\s+$", doc.text[max(0, start - 4) : start]
        ):
            continue  # "in the last year": a period of time, not a date
        mention = locator.mention(i, start, end)
        if kind == "clock":
            r = clock_time(mention.text, day_in.get(mention.sentence), report.date)
        elif (
            kind == "weekday"
            and previous
            and _APPOSITIVE_WEEKDAY.fullmatch(doc.text[previous[0] : end])
        ):
            r = previous[1]  # "Aug. 14, a Monday": the weekday of the date just named
        else:
            r = resolve(mention.text, kind, report.date, _clause(doc.text, start, end))
        if r.granularity == "day" and r.value:
            day_in.setdefault(mention.sentence, r.value)
        previous = (end, r) if kind == "absolute" else None
        yield DateMention(
            mention.text, r.value, r.granularity, r.relative, r.approximate, report.date, mention
        )


_CLAUSE_BREAK = re.compile(r"[,;:!?—–]|(?<!\b[a-zA-Z])\.|\bbut\b|\n")  # not "p. m.", "E."


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a span: tense is read there, not in the whole sentence."""
    left = max(
        (m.end() for m in _CLAUSE_BREAK.finditer(text, max(0, start - 200), start)), default=0
    )
    breaks = _CLAUSE_BREAK.finditer(text, end)
    right = next((m.start() for m in breaks), len(text))
    if _FRONTED.fullmatch(text[left:start]) and text[end:right].strip() == "":
        # "On Wednesday, Chavez will travel": a fronted date takes the clause after it
        right = next((m.start() for m in breaks), len(text))
    return text[left:right]


_FRONTED = re.compile(
    r"\s*(?:(?:on|by|until|since|early|late|at|from)\s+)?(?:\d{1,2}(?::\d\d)?\s*[ap]\.m\.\s+)?",
    re.I,
)


def report_dates(documents: Sequence[Document], locator: Locator) -> tuple[ReportDate, ...]:
    """Each report's date: given, inferred from its own words, or undated."""
    return tuple(_report_date(doc, i, locator) for i, doc in enumerate(documents))


def _report_date(doc: Document, i: int, locator: Locator) -> ReportDate:
    if doc.date is not None:
        return ReportDate(i + 1, doc.date, "given")
    inferred = infer_report_date(doc.text)
    if inferred is None:
        return ReportDate(i + 1, None, "undated")
    day, start, end = inferred
    log.info("%s: report date %s inferred from %r", doc.id, day, doc.text[start:end])
    return ReportDate(i + 1, day, "inferred", locator.mention(i, start, end))


def infer_report_date(text: str) -> tuple[dt.date, int, int] | None:
    """A full date (with year) said to be today, or in the opening dateline; else ``None``.

    A date elsewhere in the text is an event date, not the report's: no guessing.
    """
    for start, end, kind in find_date_spans(text):
        if kind != "absolute" or not re.search(_YEAR + r"\b", text[start:end]):
            continue
        window = text[max(0, start - 40) : end + 15]
        dateline = start <= 40 and _DATELINE_END.match(text, end) is not None
        if dateline or _TODAY_CUE.search(window):
            day = _parse(_strip_weekday(text[start:end]), dt.date(2000, 1, 1))
            if day is not None:
                return day, start, end
    return None


def mask_spans(mentions: Sequence[DateMention]) -> dict[int, list[tuple[int, int]]]:
    """Date spans per document, so other parts (figures) can skip the numbers inside them."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        spans.setdefault(m.mention.doc_index, []).append((m.mention.start, m.mention.end))
    return spans


def sentence_key(m: Mention) -> tuple[int, int]:
    """``(doc_index, sentence)`` of a mention."""
    return m.doc_index, m.sentence

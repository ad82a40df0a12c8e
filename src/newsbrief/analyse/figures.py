"""Figures: every quantity of every report, normalised, with what it counts.

A figure is a number (digits, number words, fractions, ranges, vague amounts such
as "thousands of" or "an undefined number of") with its approximation words
("about", "nearly", "at least"), its unit (percent, years, dollars) and the noun
phrase it counts ("fresh troops" -> "troops"). Numbers inside date expressions,
ordinal names ("82nd Airborne"), ranks ("third-largest") and "9/11" are not
figures. Grouping figures into measures is in :mod:`newsbrief.analyse.measures`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from newsbrief.analyse.entities import TITLES
from newsbrief.analyse.numbers import (
    DENOMINATORS,
    LENGTH_METRES,
    LENGTH_WORDS,
    MONEY_WORDS,
    ORDINALS,
    PERCENT_WORDS,
    SCALES,
    UNITS,
    VAGUE_AMOUNTS,
    display,
    parse_digits,
    parse_fraction,
    parse_words,
)
from newsbrief.analyse.occasions import is_progress, is_rate, occasion
from newsbrief.analyse.outcomes import HUMAN_OUTCOMES, clause_words, outcome, scope_of
from newsbrief.analyse.spans import Locator
from newsbrief.language.stopwords import NOT_COUNTED
from newsbrief.models import DateMention, Figure, Sentence

_TOKEN = re.compile(
    r"\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|(?:[A-Za-z]\.){2,}|[A-Za-z]+(?:[’'\-][A-Za-z]+)*|\S"
)
_QUALIFIERS = (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "well over",
    "just over", "just under", "close to", "an estimated", "as many as", "as few as",
    "upwards of", "about", "around", "roughly", "approximately", "nearly", "almost", "some",
    "over", "under", "estimated",
)  # fmt: skip
_UNSPECIFIED = {"undefined", "unspecified", "undisclosed", "unknown", "unnamed", "unclear",
                "indeterminate"}  # fmt: skip
ADDITIVE = {"more", "additional", "extra", "fresh", "new", "further", "another", "added"}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
_CLOCK = {"gmt", "edt", "est", "pdt", "pst", "cdt", "cst", "utc", "bst", "cet", "a.m.", "p.m.",
          "am", "pm", "a.m", "p.m"}  # fmt: skip
_DURATION = re.compile(r"\d\s*(?:hours|days|weeks)\b")
_DEPTH_AFTER = {"deep", "down", "below", "beneath", "underwater", "under"}


@dataclass(frozen=True, slots=True)
class Found:
    """A figure before it is placed in a measure."""

    figure: Figure
    head: str  # singular head noun of what it counts: "troop", "provincial capital"
    additive: bool  # "more", "extra", "fresh", "in addition": an amount added to others
    vague: bool  # "thousands of", "an undefined number of"
    low: float | None  # lower bound of a vague amount
    increment: bool = False  # "another 2,000", "three more": added to a total, not a total
    event: str = ""  # what happened to what is counted: "killed", "injured", "aboard"
    scope: str = ""  # the place or part the figure is limited to: "Nairobi"
    superseded: bool = False  # "initially 10", "up from 10": a value the report revises
    subgroup: bool = False  # "seven of those 77 people": a part of a group named before
    occasion: str = ""  # when it holds: one "day", a "period", a "running" total (occasions)
    rate: bool = False  # a figure per period: "20,000 people are killed each year"


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from tokens: value (or range), unit, approximation word and extent."""

    value: float | None  # None: "an undefined number of"
    high: float | None = None  # upper end of a range ("24 to 48")
    unit: str = ""  # "percent", "fraction", "dollar" when the number itself carries it
    qualifier: str = ""  # "nearly", "at least"; for vague amounts the phrase itself
    vague_low: float | None = None  # lower bound of a vague amount ("thousands of")
    end: int = 0  # index of the first token after the number


@dataclass(frozen=True, slots=True)
class _Where:
    """The sentence being read: its tokens and how to turn offsets into mentions."""

    toks: list[_Tok]
    sentence: Sentence
    locator: Locator


def tokens_of(text: str, offset: int = 0) -> list[_Tok]:
    """Word, number and punctuation tokens with document offsets."""
    return [_Tok(m.group(0), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


def find_figures(
    sentences: Sequence[Sentence], locator: Locator, dates: Sequence[DateMention]
) -> tuple[Found, ...]:
    """Figures of every sentence, then the calendar dates written out in full."""
    masks: dict[int, list[tuple[int, int]]] = {}
    for d in dates:
        if _DURATION.search(d.text) and not d.text.endswith("ago"):
            continue  # "the next 24 48 hours" is a date and a figure
        masks.setdefault(d.mention.doc_index, []).append((d.mention.start, d.mention.end))
    found = [f for s in sentences for f in sentence_figures(s, locator, masks.get(s.doc_index, []))]
    return tuple(found) + tuple(_date_figure(d) for d in dates if _is_calendar_day(d))


def _is_calendar_day(d: DateMention) -> bool:
    return d.value is not None and d.granularity == "day" and any(c.isdigit() for c in d.text)


def _date_figure(d: DateMention) -> Found:
    fig = Figure(d.text, None, None, d.value or "", "date", "", "", d.mention)
    return Found(fig, "date " + (d.value or ""), False, False, None)


def sentence_figures(
    sentence: Sentence, locator: Locator, mask: Sequence[tuple[int, int]] = ()
) -> Iterator[Found]:
    """Figures of one sentence, left to right."""
    if not _MAY_HOLD_NUMBER.search(sentence.text):
        return
    toks = tokens_of(sentence.text, sentence.start)
    masked = [(a, b) for a, b in mask if a < sentence.end and b > sentence.start]
    i, previous = 0, None
    while i < len(toks):
        if not _could_start(toks[i].low) or any(a <= toks[i].start < b for a, b in masked):
            i += 1
            continue
        hit = _read_number(toks, i)
        if hit is None:
            i += 1
            continue
        found = _finish(_Where(toks, sentence, locator), i, hit, previous)
        if found is not None:
            yield found
            previous = found
        i = max(hit.end, i + 1)


_STARTERS = (
    set(UNITS) | set(ORDINALS) | {"a", "an", "half", "dozens", "scores", "hundreds", "thousands",
                                  "tens", "millions", "billions", "half-dozen"}
)  # fmt: skip
_MAY_HOLD_NUMBER = re.compile(
    r"\d|\b(?:" + "|".join(sorted(set(UNITS) | set(ORDINALS) | {"half", "dozens", "scores",
    "hundreds", "thousands", "millions", "billions", "number", "amount"}))
    + r")\b|\ban?\s+(?:half\s+)?(?:second|minute|hour|day|week|month|year|decade)\b",
    re.IGNORECASE,
)  # fmt: skip


def _could_start(low: str) -> bool:
    """Cheap test before the readers: digits, number words, "a"/"an", vague amounts."""
    return low[0].isdigit() or low[0] == "$" or low in _STARTERS or low.split("-")[0] in UNITS


def _read_number(toks: list[_Tok], i: int) -> ParsedNumber | None:
    """The number that starts at ``toks[i]``, if any."""
    for reader in (_unspecified, _vague, _half_dozen, _fraction, _digits, _ordinals, _hyphenated,
                   _a_unit, _words):  # fmt: skip
        hit = reader(toks, i)
        if hit is not None:
            return hit
    return None


def _unspecified(toks: list[_Tok], i: int) -> ParsedNumber | None:
    """ "an undefined number of", "an unspecified number of"."""
    words = [t.low for t in toks[i : i + 4]]
    if (
        len(words) == 4
        and words[0] in {"a", "an"}
        and words[1] in _UNSPECIFIED
        and words[2] in {"number", "amount"}
        and words[3] == "of"
    ):
        return ParsedNumber(None, qualifier=words[1], end=i + 4)
    return None


def _half_dozen(toks: list[_Tok], i: int) -> ParsedNumber | None:
    """ "half a dozen", "a half-dozen", "half-dozen": six."""
    words = [t.low for t in toks[i : i + 3]]
    for phrase in (["half", "a", "dozen"], ["a", "half-dozen"], ["half-dozen"]):
        if words[: len(phrase)] == phrase:
            return ParsedNumber(6.0, qualifier=_qualifier(toks, i), end=i + len(phrase))
    return None


def _vague(toks: list[_Tok], i: int) -> ParsedNumber | None:
    """ "thousands of", "tens of thousands of"."""
    for n in (3, 1):
        phrase = " ".join(t.low for t in toks[i : i + n])
        if phrase in VAGUE_AMOUNTS and i + n < len(toks) and toks[i + n].low == "of":
            low = VAGUE_AMOUNTS[phrase]
            return ParsedNumber(low, qualifier=phrase, vague_low=low, end=i + n + 1)
    return None


def _hyphenated(toks: list[_Tok], i: int) -> ParsedNumber | None:
    """ "six-story", "one-day", "five-hour": a number word joined to what it counts."""
    parts = toks[i].low.split("-")
    if len(parts) < 2 or parts[-1] in UNITS or not parts[-1].isalpha():
        return None
    if parts[-2:] in (["year", "old"], ["years", "old"]) and len(parts) > 2:
        parsed = parse_words(["-".join(parts[:-2])])  # "six-year-old"
        return ParsedNumber(parsed[0], unit=AGE, end=i + 1) if parsed else None
    parsed = parse_words(["-".join(parts[:-1])])
    if parsed is None:
        return None
    return ParsedNumber(parsed[0], unit=_singular(parts[-1]), end=i + 1)


def _a_unit(toks: list[_Tok], i: int) -> ParsedNumber | None:
    """ "for nearly a week", "a half hour": one unit of time (not "twice a day")."""
    if toks[i].low not in {"a", "an"} or i + 1 >= len(toks):
        return None
    if i and toks[i - 1].low in {"once", "twice", "times", "per", "than", "such", "what"}:
        return None
    j, value = i + 1, 1.0
    if toks[j].low == "half" and j + 1 < len(toks):
        j, value = j + 1, 0.5
    if toks[j].low not in TIME_UNITS:
        return None
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is not None and nxt.text[0].isalpha() and nxt.low not in _AFTER_DURATION:
        return None  # "a day trader", "a day go by", "a second day": not a duration
    return ParsedNumber(value, unit=toks[j].low, qualifier=_qualifier(toks, i), end=j + 1)


_AFTER_DURATION = {
    "after", "before", "later", "earlier", "ago", "or", "and", "of", "in", "to", "at", "for",
    "when", "since", "the", "on", "into", "from", "until", "as", "while", "that", "with",
}  # fmt: skip


def _fraction(toks: list[_Tok], i: int) -> ParsedNumber | None:
    """ "two-thirds of", "half of", "a third of"."""
    value = parse_fraction(toks[i].text) if "-" in toks[i].text else None
    end = i + 1
    if (
        value is None
        and toks[i].low in {"a", "one"}
        and i + 2 < len(toks)
        and toks[i + 1].low in DENOMINATORS
        and toks[i + 2].low == "of"
    ):
        value, end = round(1 / DENOMINATORS[toks[i + 1].low], 3), i + 2
    if value is None and toks[i].low == "half" and i + 1 < len(toks) and toks[i + 1].low == "of":
        value = 0.5
    if value is None:
        return None
    return ParsedNumber(value, unit="fraction", qualifier=_qualifier(toks, i), end=end)


def _digits(toks: list[_Tok], i: int) -> ParsedNumber | None:
    tok = toks[i]
    value = parse_digits(tok.text)
    if value is None or _is_name_or_code(toks, i):
        return None
    if re.fullmatch(r"(?:1[89]|20)\d\d", tok.text):
        run, _ = _noun_run(toks, i + 1)
        if not run or not _plural(toks[run[-1]].low):
            return None  # "the 2001 budget", "a 1983 accident": a year, not a count
    end, unit = i + 1, "percent" if tok.text.endswith("%") else ""
    if tok.text.startswith("$"):
        unit = "dollar"
    if end < len(toks) and toks[end].low in SCALES:
        value, end = value * SCALES[toks[end].low], end + 1
    high, end = _range_end(toks, end, value)
    return ParsedNumber(value, high, unit, _qualifier(toks, i), end=end)


def _is_name_or_code(toks: list[_Tok], i: int) -> bool:
    """ "82nd", "9/11", "No. 2", "Apollo 11", "COVID-19": numbers that name, not count."""
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    prev = toks[i - 1] if i else None
    if nxt and (nxt.low in _CLOCK or (nxt.low in {"a", "p"} and i + 2 < len(toks)
                                      and toks[i + 2].text == ".")):  # fmt: skip
        return True  # "0630 GMT", "2 a.m.", "1 p. m.": clock times
    if nxt and nxt.low in {"caliber", "calibre", "mm"}:
        return True  # ".45 caliber", "9 mm": a calibre names a weapon
    if prev and prev.text == "." and prev.end == tok.start:
        return True  # ".25", ".45"
    if nxt and nxt.start == tok.end and (nxt.text[0].isalpha() or nxt.text in {"/", ":"}):
        return True
    if prev and prev.end == tok.start and prev.text in {"/", ":", "-", "#"}:
        return True
    return bool(prev and (prev.low in {"no", "number"} or (prev.text[0].isupper() and i > 1
                          and prev.text.isalpha() and prev.low not in _QUALIFIERS
                          and toks[i - 2].text not in {".", '"', "“"})))  # fmt: skip


def _range_end(toks: list[_Tok], j: int, low: float) -> tuple[float | None, int]:
    """ "24 to 48", "24-48", "between 24 and 48", and the spoken "24 48"."""
    joiners = {"to", "-", "–", "or", "and"}
    k = j + 1 if j < len(toks) and toks[j].low in joiners else j
    if k < len(toks):
        high = parse_digits(toks[k].text)
        if high is None and k > j and toks[j].low in {"or", "to"}:
            words = parse_words([toks[k].text])  # "eight or nine people"
            high = words[0] if words else None
        spoken = k == j and high is not None and high > low
        between = toks[j].low != "and" or (j >= 2 and toks[j - 2].low == "between")
        if high is not None and (k > j or spoken) and high > low and between:
            if k + 1 < len(toks) and toks[k + 1].low in SCALES:
                return high * SCALES[toks[k + 1].low], k + 2
            return high, k + 1
    return None, j


def _ordinals(toks: list[_Tok], i: int) -> ParsedNumber | None:
    """ "the tenth and eleventh provincial capitals": a running count of 11."""
    if not i or toks[i - 1].low != "the" or toks[i].low not in ORDINALS:
        return None
    j, value = i + 1, ORDINALS[toks[i].low]
    if not (j + 1 < len(toks) and toks[j].low == "and" and toks[j + 1].low in ORDINALS):
        return None  # "the first breaks": a rank, not a running count
    value, j = max(value, ORDINALS[toks[j + 1].low]), j + 2
    run = _noun_run(toks, j)[0]
    if not run or not toks[run[-1]].low.endswith("s"):
        return None  # "the third city" is a rank, not a count
    return ParsedNumber(float(value), end=j)


def _words(toks: list[_Tok], i: int) -> ParsedNumber | None:
    if (
        toks[i].low in {"a", "an"}
        and i + 1 < len(toks)
        and toks[i + 1].low in {"dozen", "hundred", "thousand"}
    ):
        value, used = parse_words(["one", *[t.text for t in toks[i + 1 : i + 4]]]) or (0.0, 0)
        return ParsedNumber(value, qualifier=_qualifier(toks, i), end=i + used)
    if toks[i].low in {"one", "zero"} and not (i + 1 < len(toks) and toks[i + 1].low in SCALES):
        if toks[i].low == "one" and _person_after(toks, i + 1):
            return ParsedNumber(1.0, qualifier=_qualifier(toks, i), end=i + 1)  # "One woman"
        return None  # "one of the", "one day": rarely a figure
    parsed = parse_words([t.text for t in toks[i : i + 6]])
    if parsed is None:
        return None
    value, used = parsed
    high, end = _range_end(toks, i + used, value) if used else (None, i + used)
    return ParsedNumber(value, high, qualifier=_qualifier(toks, i), end=end)


PERSON_NOUNS = {
    "man", "woman", "person", "child", "boy", "girl", "officer", "lieutenant", "sergeant",
    "soldier", "student", "victim", "passenger", "witness", "suspect", "worker", "employee",
    "survivor", "juror", "official", "firefighter", "resident", "driver", "pilot", "sailor",
}  # fmt: skip


def _person_after(toks: list[_Tok], j: int) -> bool:
    """ "one woman", "one police lieutenant": one person counted."""
    for k in range(j, min(j + 3, len(toks))):
        if toks[k].low in PERSON_NOUNS:
            return True
        if not toks[k].text.isalpha() or toks[k].low in NOT_COUNTED:
            return False
    return False


def _qualifier(toks: list[_Tok], i: int) -> str:
    """Approximation words right before the number ("nearly", "well over", "at least")."""
    before = [t.low for t in toks[max(0, i - 2) : i]]
    for q in _QUALIFIERS:
        words = q.split()
        if before[-len(words) :] == words:
            return q
    return ""


def _noun_run(toks: list[_Tok], j: int) -> tuple[list[int], bool]:
    """Positions of the noun phrase after a number, and whether an additive word was in it."""
    run: list[int] = []
    additive = False
    while j < len(toks) and len(run) < 4:
        t = toks[j]
        if not t.text[0].isalpha() or t.low in NOT_COUNTED or parse_words([t.text]) is not None:
            break
        if t.low in ADDITIVE and not run and t.text[0].islower():
            additive = True  # "New Yorkers", "New Jersey residents": a name, not an addition
        elif (
            t.low.endswith("ed")
            and (run or len(t.low) > 4)
            and not (not run and j + 1 < len(toks) and _plural(toks[j + 1].low))
        ):
            break  # "buildings collapsed", "767 crashed" (but "two accused suspects")
        else:
            run.append(j)
            if _plural(t.low) or t.low in _COLLECTIVE:
                break  # the head noun of "provincial capitals", "troops", "crew": a verb may follow
        j += 1
    return run, additive


def _plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


_IRREGULAR_PLURALS = {"people", "men", "women", "children", "police", "personnel", "feet"}
# Singular nouns that count a group's members: "118 crew went down", "40 staff were hurt".
_COLLECTIVE = {"crew", "staff", "workforce"}


def _finish(where: _Where, i: int, number: ParsedNumber, previous: Found | None) -> Found | None:
    """Unit, counted noun phrase and record of a number read at ``toks[i:number.end]``."""
    toks, end, qualifier = where.toks, number.end, number.qualifier
    aged = _year_old(toks, end)
    if number.unit == AGE or aged > end:
        return _age(where, i, replace(number, unit="", end=max(aged, end)))
    unit, j = _unit_after(toks, end, number.unit)
    run, additive = _noun_run(toks, j)
    additive = additive or _in_addition(toks, (run[-1] + 1) if run else j)
    unit, words = _unit_word(unit, [toks[k].text for k in run])
    if unit in LENGTH_METRES:
        if _speed(toks, run[0] + 1):
            unit, words = "", [toks[k].text for k in run]  # "40 miles per hour"
        else:
            run, words = run[:1], [toks[run[0]].text]  # "80 meter deep seabed": a length
    if (
        not words
        and not unit
        and previous is not None
        and toks[end : end + 1]
        and (toks[end].low in ADDITIVE)
    ):
        return _with_counts(where, i, number, previous, additive)
    counts = " ".join(words)
    if not words and not unit and number.value is not None:
        at = toks[i].start - where.sentence.start
        event = outcome(where.sentence.text, at, toks[end - 1].end - where.sentence.start)
        partitive = _partitive(toks, end)
        if _is_age(toks, i, end):
            counts = "age"  # "Maria Lopez, 37,", "ages 7 and 12", "Matthew, then 9,"
        elif partitive:
            counts = partitive  # "10 of 12 American victims", "three of eight witnesses"
        elif event in HUMAN_OUTCOMES:
            counts = "people"  # "wounding 14", "more than 450 are hurt": people, unsaid
        elif number.vague_low is None and not qualifier:
            return None  # a bare number with nothing counted: a score, a code
    tail = j  # after the unit words ("5 percent"), without a dangling "of the"
    while tail > end and toks[tail - 1].low in {"of", "the", "-"}:
        tail -= 1
    last = run[-1] if run else tail - 1
    stop = max(toks[last].end, toks[end - 1].end)
    first = i - len(qualifier.split()) if qualifier in _QUALIFIERS else i
    found = _record(where, (toks[first].start, stop), replace(number, unit=unit), counts, additive)
    text = where.sentence.text
    at, to = found.figure.mention.start - where.sentence.start, stop - where.sentence.start
    if counts == "age":
        name = _full_name(where, _whose_age(toks, i))
        return replace(found, scope=name)  # whose age it is; nothing happened to it
    event = "" if _group_size(toks, first) else outcome(text, at, to)
    before, after = clause_words(text, at, to)
    if is_progress(before, after):
        event = PROGRESS  # "with 93 percent of the vote counted": how far a count has got
    if unit in LENGTH_METRES and _is_depth(toks, first, run[0] + 1):
        event = "depth"
    if found.head in {"live", "life"} and event not in HUMAN_OUTCOMES:
        event = "killed"  # "took 10 lives", "claimed 10 lives"
    return replace(found, increment=_is_increment(toks, i, end), event=event,
                   scope=scope_of(text, at, to), superseded=_superseded(toks, first),
                   subgroup=_of_those(toks, end), occasion=occasion(before, after),
                   rate=is_rate(after))  # fmt: skip


def _group_size(toks: list[_Tok], i: int) -> bool:
    """ "Seven of those 77 people died", "24 of its 29 plants": the number after "of" is the
    size of the group; what happened (died, closed) happened to the part."""
    k = i - 1
    if k >= 0 and toks[k].low in {"those", "these", "the", "its", "their"}:
        k -= 1
    if k < 1 or toks[k].low != "of":
        return False
    prev = toks[k - 1].text
    return parse_digits(prev) is not None or parse_words([prev]) is not None


def _of_those(toks: list[_Tok], end: int) -> bool:
    """ "Seven of those 77 people died": a count within a group the report named before."""
    return [t.low for t in toks[end : end + 2]] in (["of", "those"], ["of", "these"])


_SUPERSEDED = {"initially", "originally", "previously", "formerly", "earlier"}


def _superseded(toks: list[_Tok], i: int) -> bool:
    """ "the toll, initially 10, has risen to 12", "up from 10": the value before a revision."""
    before = [t.low for t in toks[max(0, i - 2) : i]]
    return bool(before) and (
        before[-1] in _SUPERSEDED or before in (["up", "from"], ["down", "from"])
    )


AGE = "age"
PROGRESS = "counted"  # the event of a count's progress ("with 93 percent of the vote counted")


def _speed(toks: list[_Tok], k: int) -> bool:
    """ "miles per hour", "feet a second": a speed, not a length."""
    words = [t.low for t in toks[k : k + 2]]
    return bool(words) and (words[0] == "per" or (words[0] in {"a", "an"} and len(words) > 1
                                                  and words[1] in TIME_UNITS))  # fmt: skip


def _is_depth(toks: list[_Tok], first: int, k: int) -> bool:
    """ "450 feet down", "80 meters deep", "in 245 feet of water", "a depth of 100 meters"."""
    after = [t.low for t in toks[k : k + 2]]
    before = [t.low for t in toks[max(0, first - 3) : first]]
    deep = bool(after) and after[0] in _DEPTH_AFTER and after[1:] != ["to"]  # not "down to"
    return deep or after == ["of", "water"] or "depth" in before


def _year_old(toks: list[_Tok], end: int) -> int:
    """After "21" in "the 21-year-old McKinney": where the age words end (``end`` if none)."""
    k = end + 1 if end < len(toks) and toks[end].text == "-" else end
    if k < len(toks) and toks[k].low in {"year-old", "years-old"}:
        return k + 1
    return end


def _age(where: _Where, i: int, number: ParsedNumber) -> Found:
    """ "the 21-year-old McKinney", "a six-year-old boy": an age, and whose when a name
    follows."""
    toks = where.toks
    extent = (toks[i].start, toks[number.end - 1].end)
    found = _record(where, extent, number, "age", False)
    words: list[str] = []
    for t in toks[number.end : number.end + 4]:
        if not (t.text[:1].isupper() and t.text.isalpha()):
            break
        words.append(t.text)
    return replace(found, scope=_full_name(where, " ".join(words)))


_NOT_FIRST_NAMES = TITLES | {"the", "a", "an", "and", "but", "when", "after", "said", "says"}


def _full_name(where: _Where, name: str) -> str:
    """A surname alone ("McKinney, 22,") read as the one full name the report gives it
    ("Aaron McKinney"); kept alone when the report gives it none or several."""
    if not name or " " in name:
        return name
    text = where.locator.documents[where.sentence.doc_index].text
    pattern = rf"\b([A-Z][a-z]+)(?:\s+[A-Z]\.)?\s+{re.escape(name)}\b"
    firsts = {m.group(1) for m in re.finditer(pattern, text)}
    firsts = {f for f in firsts if f.lower() not in _NOT_FIRST_NAMES}
    return f"{firsts.pop()} {name}" if len(firsts) == 1 else name


def _is_age(toks: list[_Tok], i: int, end: int) -> bool:
    """ "Name, 38," / "Name, then 9," / "ages 7 and 12": a person's age."""
    nxt = toks[end].text if end < len(toks) else "."
    if nxt == "and" and end + 1 < len(toks) and toks[end + 1].text[:1].isupper():
        nxt = ","  # "Udi Hargov, 27 and Igal Damary, 49": another name and age follow
    k = i - 1 if i and toks[i - 1].low != "then" else i - 2
    if k >= 1 and toks[k].text == "," and toks[k - 1].text[:1].isupper() and nxt in {",", "."}:
        return (toks[i].text.isdigit() and 0 < int(toks[i].text) < 120) or False
    return k >= 0 and toks[k].low in {"ages", "aged", "age"}


def _whose_age(toks: list[_Tok], i: int) -> str:
    """The name an age follows ("Carolyn Bessette Kennedy, 33" -> "Carolyn Bessette Kennedy")."""
    k = i - 1
    while k >= 0 and toks[k].low in {",", "then"}:
        k -= 1
    words: list[str] = []
    while k >= 0 and toks[k].text[:1].isupper() and len(words) < 4:
        words.insert(0, toks[k].text)
        k -= 1
    return " ".join(words)


def _partitive(toks: list[_Tok], end: int) -> str:
    """ "10 of 12 American victims", "two of the men": what the number is a part of."""
    j = end
    if j >= len(toks) or toks[j].low != "of":
        return ""
    j += 1
    if j < len(toks) and toks[j].low in {"the", "its", "their", "his", "her"}:
        j += 1
    if j < len(toks) and (parse_digits(toks[j].text) is not None or parse_words([toks[j].text])):
        j += 1
    run, _ = _noun_run(toks, j)
    words = [toks[k].text for k in run]
    return " ".join(words) if words and _plural(words[-1].lower()) else ""


def _unit_after(toks: list[_Tok], j: int, unit: str) -> tuple[str, int]:
    """A unit right after the number ("percent", "per cent"), and where its noun starts."""
    if j < len(toks) and toks[j].low in PERCENT_WORDS | {"per"}:
        unit, j = "percent", j + (2 if toks[j].low == "per" else 1)
    if j < len(toks) and toks[j].low == "-" and j + 1 < len(toks):
        j += 1  # "19-year mission": the number modifies a unit
    if toks[j - 1].low != "of" and j < len(toks) and toks[j].low == "of" and unit:
        j += 1  # "61 percent of voters"
    if j < len(toks) and toks[j].low == "the" and unit in {"fraction", "percent"}:
        j += 1
    return unit, j


def _unit_word(unit: str, words: list[str]) -> tuple[str, list[str]]:
    """ "20 years", "500 dollars": the first word is the unit, not what is counted."""
    if words and not unit and _singular(words[0].lower()) in TIME_UNITS:
        return _singular(words[0].lower()), words[1:]
    if words and not unit and words[0].lower() in MONEY_WORDS:
        return MONEY_WORDS[words[0].lower()], words[1:]
    if words and not unit and words[0].lower() in LENGTH_WORDS:
        return LENGTH_WORDS[words[0].lower()], words[1:]
    return unit, words


def _is_increment(toks: list[_Tok], i: int, end: int) -> bool:
    """ "another 2,000", "three more": an amount added to an earlier one."""
    return (i > 0 and toks[i - 1].low == "another") or (end < len(toks) and toks[end].low == "more")


def _with_counts(
    where: _Where, i: int, number: ParsedNumber, previous: Found, additive: bool
) -> Found:
    """ "three more capitals on Wednesday and two more on Thursday": the head is elided."""
    toks, prev = where.toks, previous.figure
    end = toks[i + 1].end if i + 1 < len(toks) else toks[i].end
    mention = where.locator.mention(prev.mention.doc_index, toks[i].start, end)
    value, high = number.value, number.high
    fig = Figure(mention.text, value, high, _normalised(value, high, None, ""), prev.unit,
                 prev.counts, number.qualifier, mention)  # fmt: skip
    return Found(fig, previous.head, additive or previous.additive, False, None, increment=True)


def _record(
    where: _Where, extent: tuple[int, int], number: ParsedNumber, counts: str, additive: bool
) -> Found:
    """The figure of a number and what it counts, located at document offsets ``extent``."""
    value, high, unit = number.value, number.high, number.unit
    qualifier, vague_low = number.qualifier, number.vague_low
    mention = where.locator.mention(where.sentence.doc_index, *extent)
    normalised = _normalised(value, high, vague_low, qualifier)
    shown_value = None if vague_low is not None else value
    fig = Figure(mention.text, shown_value, high, normalised, unit, counts, qualifier, mention)
    head = _singular(counts.lower().split()[-1]) if counts else unit
    if unit in {"percent", "fraction"} and not _of_counts(mention.text):
        head = unit  # "10 percent contained" and "containment fell to 5 percent": one measure
    vague = value is None or vague_low is not None
    return Found(fig, head, additive, vague, vague_low)


def _normalised(value: float | None, high: float | None, vague_low: float | None, q: str) -> str:
    if value is None:
        return "unspecified"
    if vague_low is not None:
        return q
    return display(value) + (f"-{display(high)}" if high is not None else "")


def _of_counts(text: str) -> bool:
    return " of " in text


def _in_addition(toks: list[_Tok], j: int) -> bool:
    window = " ".join(t.low for t in toks[j : j + 4])
    return window.startswith("in addition") or " in addition" in window[:20]


def _singular(word: str) -> str:
    """Crude English singular for grouping heads: capitals -> capital, countries -> country."""
    word = word.lower().strip("’'")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word

"""Grouping figures into measures, and telling updates from contradictions.

Figures that count the same head noun with the same value form a cluster. Two
clusters are merged into one measure when no report gives incompatible values
for both (a report does not contradict itself: 650 and 3,000 troops in one report
are two measures) and either their sentences are alike or both count an *added*
amount ("extra troops", "3,000 fresh troops"). A measure whose reports give
incompatible values is a divergence: an *update* when the values change only
between reports of different dates, a *contradiction* when reports of the same
date disagree, *undetermined* when an undated report disagrees.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from newsbrief.analyse.figures import PROGRESS, Found
from newsbrief.analyse.lexicon import canonical
from newsbrief.analyse.numbers import LENGTH_METRES, UNIT_WORDS
from newsbrief.analyse.occasions import apart as occasions_apart
from newsbrief.analyse.spans import Locator
from newsbrief.models import Divergence, DivergenceKind, DivergentValue, Measure, ReportDate
from newsbrief.represent import content_terms, tokenize

log = logging.getLogger(__name__)

CONTEXT_THRESHOLD = 0.2
LOWER_BOUND = {"more than", "at least", "over", "well over", "just over", "upwards of"}
UPPER_BOUND = {"nearly", "almost", "less than", "fewer than", "under", "just under", "at most",
               "up to", "close to"}  # fmt: skip
BOUND_REACH = 0.3  # how far past its number a bound ("more than 100") is read
ROUNDING = 0.45  # how far a whole number reaches: a rounded 2.3 is 2, a 3 is never a 2
MAX_RATIO = 2.0  # values further apart than this are not one figure revised ...
UPDATE_RATIO = 20.0  # ... unless a count keeps rising report after report, in one scope
WINDOW = 40  # characters each side of a figure read as its local context


@dataclass(slots=True)
class _FigureGroup:
    items: list[Found]
    additive: bool
    context: float = 0.0
    key: tuple[str, str, str, str] = ("", "", "", "")

    @property
    def docs(self) -> set[int]:
        return {f.figure.mention.doc_index for f in self.items}


def compatible(a: Found, b: Found) -> bool:
    """Can two figures be the same measure's value? Vague amounts span a range."""
    if (a.figure.value is None and a.low is None) or (b.figure.value is None and b.low is None):
        return a.figure.normalised == b.figure.normalised  # unspecified vs a number: no
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    return lo_a <= hi_b and lo_b <= hi_a


def agree(a: Found, b: Found) -> bool:
    """Do two reports give the same value? Unlike :func:`compatible`, a bound is read as
    the number it states: "at least 42" dead, then 67, is a revised toll."""
    if a.vague or b.vague:
        return compatible(a, b)
    lo_a, hi_a = _point(a)
    lo_b, hi_b = _point(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _scale(f: Found) -> float:
    """What one of the figure's units is in a common unit: lengths in metres."""
    return LENGTH_METRES.get(f.figure.unit, 1.0)


def _value(f: Found) -> float:
    return (f.figure.value or 0.0) * _scale(f)


def _high(f: Found) -> float:
    return f.figure.high * _scale(f) if f.figure.high is not None else _value(f)


def _is_length(f: Found) -> bool:
    return f.figure.unit in LENGTH_METRES


def _slack(f: Found) -> float:
    """How far a stated value reaches: "about 650" and "650" agree ("about 51" and "61" do
    not); a length a little, as outlets round what they convert ("245 feet", "75 meters")."""
    return 0.05 if f.figure.qualifier else 0.02 if _is_length(f) else 0.0


def _dimension(unit: str) -> str:
    """Units that measure one thing: "245 feet" and "80 meters" are both lengths."""
    return "length" if unit in LENGTH_METRES else unit


def _point(f: Found) -> tuple[float, float]:
    """A figure read as the number it states; a bound reaches a little past it ("more
    than 100" and, a day later, 116 agree; "at least 42" and then 67 do not)."""
    value, high = _value(f), _high(f)
    q = f.figure.qualifier
    if q in LOWER_BOUND:
        return value, high * (1 + BOUND_REACH)
    if q in UPPER_BOUND:
        return value * (1 - BOUND_REACH), high
    slack, rounded = _slack(f), _rounding(f)
    return value * (1 - slack) - rounded, high * (1 + slack) + rounded


def _rounding(f: Found) -> float:
    """A whole number may be a rounded one: "2 percent" and "2.3 percent" agree (two
    whole numbers never do)."""
    value = f.figure.value
    whole = value is not None and value == int(value) and "." not in f.figure.text
    return ROUNDING if whole and not _is_length(f) else 0.0


def _bounds(f: Found) -> tuple[float, float]:
    """The values a figure allows: "more than 300" is 300 and up, "nearly 900" just under."""
    if f.low is not None:  # "thousands": from 1,000 up to (not including) a million
        return f.low / 2, f.low * 500
    value, high = _value(f), _high(f)
    q = f.figure.qualifier
    if q in LOWER_BOUND:
        return value, float("inf")
    if q in UPPER_BOUND:
        return value * 0.9, high
    slack, rounded = _slack(f), _rounding(f)
    return value * (1 - slack) - rounded, high * (1 + slack) + rounded


def group_measures(
    found: Sequence[Found], locator: Locator, similarity: np.ndarray, reports: Sequence[ReportDate]
) -> tuple[Measure, ...]:
    """Measures, most widely reported first, each with its divergence if any."""
    groups: list[_FigureGroup] = []
    for f in found:
        key = _key(f)
        for g in groups:
            if g.key == key and _same_value(f, g.items[0]):
                g.items.append(f)
                g.additive |= f.additive
                break
        else:
            groups.append(_FigureGroup([f], f.additive, key=key))
    merged = _merge(groups, locator, similarity, places_within(d.text for d in locator.documents))
    merged.sort(key=lambda g: (-len(g.docs), _first(g)))
    return tuple(_measure(g, k + 1, reports) for k, g in enumerate(merged))


# Counted nouns outlets use for one thing: "107 personnel", "116 sailors", "118 submariners".
HEAD_CLASSES = (
    dict.fromkeys(("sailor", "seaman", "seamen", "submariner", "crewman", "crewmen", "crew",
                   "personnel", "crewmember"), "crew")
    | dict.fromkeys(("soldier", "troop", "servicemember"), "troop")
    | dict.fromkeys(("people", "person", "live", "life", "other"), "person")
    | dict.fromkeys(("country", "nation"), "country")
    | dict.fromkeys(("suit", "lawsuit"), "lawsuit")
)  # fmt: skip
# Heads that say nothing of what is counted: a key on them needs a scope to be specific.
GENERIC_HEADS = {"person", "other", "time", "one", "thing"}
CLOSE_RATIO = 1.25  # revisions of one count stay close: 107, 116, 118 crew; 10 then 12 dead
AGE_GAP = 2  # years between ages of one person that reports give ("21-year-old", "22")


def _key(f: Found) -> tuple[str, str, str, str]:
    """What a figure measures: the counted noun (with a proper modifier: "Egyptian
    passengers" are a part of the passengers), the unit and what happened to it."""
    words = f.figure.counts.split()[:-1]
    proper = " ".join(w for w in words if w[:1].isupper())
    if f.figure.counts == "age":
        proper = _person_key(f.scope)  # whose age: "Kennedy, 38", "Carolyn Bessette Kennedy, 33"
    head = "length" if f.figure.unit in LENGTH_METRES else HEAD_CLASSES.get(f.head, f.head)
    return head, proper, _dimension(f.figure.unit), event_of(f)


def event_of(f: Found) -> str:
    """What happened to what a figure counts; a crew's size without a verb ("a 118-man
    crew", "its crew of 118") is the number aboard."""
    if not f.event and HEAD_CLASSES.get(f.head) == "crew":
        return "aboard"
    return f.event


def _person_key(name: str) -> str:
    """A full name's last two words: "Suspects Udi Hargov" (a sentence's first word taken in)
    and "Udi Hargov" are one person; a surname alone stays alone."""
    return " ".join(name.lower().split()[-2:])


Within = frozenset[tuple[str, str]]

# "Nairobi, Kenya", "DAR ES SALAAM, Tanzania": a place, then the larger place holding it.
_PLACE_IN_PLACE = re.compile(
    r"\b([A-Z][A-Za-z]+)(?:\s+(?:es\s+)?[A-Z][A-Za-z]+){0,2},\s+([A-Z][a-z]{3,})\b(?!\s+[A-Z])"
)


def places_within(texts: Iterable[str]) -> Within:
    """Pairs of scope keys (place, larger place) the reports write as "Nairobi, Kenya";
    a pair written both ways is no containment ("Smith, Jones" / "Jones, Smith")."""
    pairs = {
        (m.group(1).lower()[:5], m.group(2).lower()[:5])
        for text in texts
        for m in _PLACE_IN_PLACE.finditer(text)
    }
    return frozenset((a, b) for a, b in pairs if a != b and (b, a) not in pairs)


def _overlap(x: str, y: str, within: Within) -> bool:
    return x == y or (x, y) in within or (y, x) in within


def _finest(keys: set[str], within: Within) -> set[str]:
    """ "in Nairobi, Kenya" is one place: the larger place holding another is dropped."""
    return {k for k in keys if not any((j, k) in within for j in keys)}


def _scopes_apart(a: Found, b: Found, within: Within = frozenset()) -> bool:
    """Two figures limited to different places ("in Nairobi", "in Dar es Salaam"), or a
    total (two places, "both bombings") and a part. A place and the larger place holding
    it ("in Nairobi", "in Kenya") are not apart."""
    x, y = _finest(set(a.scope.split()), within), _finest(set(b.scope.split()), within)
    if not x or not y:
        return False
    if len(x) != len(y):
        return True
    return not any(_overlap(p, q, within) for p in x for q in y)


def _occasions_apart(a: Found, b: Found) -> bool:
    """Two figures counted over different spans: one day and a period ("five devices on
    Thursday", "six last month"), a period and a running total ("122 countries signed in
    Ottawa last year", "has been signed by 133 countries")."""
    return occasions_apart(a.occasion, b.occasion)


def _named_age(f: Found) -> bool:
    """The age of a person named in full ("Aaron McKinney, 22,"): a surname alone may name
    several people ("Kennedy")."""
    return f.figure.counts == "age" and len(f.scope.split()) > 1


def _specific(a: _FigureGroup, b: _FigureGroup) -> bool:
    """Is the key both clusters share specific enough to link them without alike sentences?
    It needs what happened (killed, aboard) and a counted thing that says what it is ("crew",
    not "people") or a place both name; their values must be close, as revisions are."""
    x, y = a.items[0], b.items[0]
    if _named_age(x):
        return abs((x.figure.value or 0.0) - (y.figure.value or 0.0)) <= AGE_GAP
    counted = x.figure.counts and not x.figure.unit
    if not event_of(x) or not (counted or a.key[2] == "length") or x.vague or y.vague:
        return False  # "107 personnel" aboard; "450 feet" deep
    scoped = all(f.scope for f in a.items + b.items)
    if a.key[0] in GENERIC_HEADS and not scoped:
        return False
    lo_a, hi_a = min(_value(f) for f in a.items), max(_high(f) for f in a.items)
    lo_b, hi_b = min(_value(f) for f in b.items), max(_high(f) for f in b.items)
    return min(lo_a, lo_b) > 0 and lo_a <= CLOSE_RATIO * hi_b and lo_b <= CLOSE_RATIO * hi_a


def _same_value(a: Found, b: Found) -> bool:
    if a.vague or b.vague:
        return a.figure.normalised == b.figure.normalised and a.figure.value is not None
    return (a.figure.value, a.figure.high, a.figure.unit) == (
        b.figure.value,
        b.figure.high,
        b.figure.unit,
    )


def _merge(
    groups: list[_FigureGroup], locator: Locator, similarity: np.ndarray, within: Within
) -> list[_FigureGroup]:
    """Greedy merging of value clusters, best context first, never against a report.

    Only clusters of one key can link, so each key's clusters are merged on their own (the
    same merges, in the same order, as over all clusters at once). Pair scores are computed
    once; a merge rescores only the merged cluster's pairs.
    """
    live: list[_FigureGroup | None] = list(groups)
    by_key: dict[object, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if g.items[0].figure.unit != "date":
            by_key[g.key].append(i)
    for members in by_key.values():
        if len(members) > 1:
            _merge_within(live, members, locator, similarity, within)
    return [g for g in live if g is not None]


def _merge_within(
    live: list[_FigureGroup | None],
    members: Sequence[int],
    locator: Locator,
    similarity: np.ndarray,
    within: Within,
) -> None:
    scores: dict[tuple[int, int], float] = {}

    def rescore(a: int) -> None:
        for b in members:
            other = live[b]
            if other is not None and b != a and live[a] is not None:
                key = (min(a, b), max(a, b))
                score = _link(live[key[0]], live[key[1]], locator, similarity, within)  # type: ignore[arg-type]
                if score is None:
                    scores.pop(key, None)
                else:
                    scores[key] = score

    for a in members:
        rescore(a)
    while scores:
        a, b = max(scores, key=lambda k: (scores[k], -k[0], -k[1]))
        ga, gb = live[a], live[b]
        assert ga is not None and gb is not None
        live[a] = _FigureGroup(ga.items + gb.items, ga.additive or gb.additive, key=ga.key)
        live[b] = None
        for key in [k for k in scores if b in k or a in k]:
            del scores[key]
        rescore(a)


def _link(
    a: _FigureGroup,
    b: _FigureGroup,
    locator: Locator,
    similarity: np.ndarray,
    within: Within = frozenset(),
) -> float | None:
    """How well two clusters of one key (not dates: :func:`_merge` pairs only those) fit one
    measure; ``None`` when they must stay apart."""
    x, y = a.items[0], b.items[0]
    if any(f.increment for f in a.items + b.items) and not _same_value(x, y):
        return None  # "another 2,000 residents" adds to a total; it does not revise it
    if x.figure.counts == "age" and not _named_age(x) and not _same_value(x, y):
        return None  # "Kennedy, 38" and "Kennedy, 33", "a 21-year-old man": maybe two people
    if x.figure.counts != "age" and any(
        _scopes_apart(p, q, within) or _occasions_apart(p, q) for p in a.items for q in b.items
    ):
        return None  # (an age's scope is whose age it is: the key compares the person)
    if any(f.subgroup for f in a.items) != any(f.subgroup for f in b.items) and not _same_value(
        x, y
    ):
        return None  # "seven of those 77 people died" and "five people died": a part, a whole
    for doc in a.docs & b.docs:  # a report revising its own figure ("initially 10") is not
        values = [  # at odds with itself
            f for f in a.items + b.items if f.figure.mention.doc_index == doc and not f.superseded
        ]
        if not all(compatible(p, q) for p in values for q in values):
            return None
    context = max(_sentence_similarity(p, q, locator, similarity) for p in a.items for q in b.items)
    log.debug("measure link %s %s: %.3f", x.figure.text, y.figure.text, context)
    if a.additive and b.additive:
        context += CONTEXT_THRESHOLD
    if event_of(x) and x.figure.counts:
        context += CONTEXT_THRESHOLD / 2  # the same thing counted, and the same outcome
    if _specific(a, b):
        context = max(context, CONTEXT_THRESHOLD)  # "107 personnel" aboard, then "118 crew"
    return context if context >= CONTEXT_THRESHOLD else None


def _sentence_similarity(p: Found, q: Found, locator: Locator, similarity: np.ndarray) -> float:
    """The better of the sentences' similarity and the overlap of the words around the figures
    ("has burned about 5,000 acres" / "had burned roughly 7,500 acres")."""
    mp, mq = p.figure.mention, q.figure.mention
    local = _jaccard(_window(p, locator), _window(q, locator))
    if mp.sentence < 0 or mq.sentence < 0:
        return local
    i = locator.position(mp.doc_index, mp.sentence)
    j = locator.position(mq.doc_index, mq.sentence)
    return max(float(similarity[i, j]), local)


def _window(f: Found, locator: Locator) -> frozenset[str]:
    return _window_at(locator.documents[f.figure.mention.doc_index].text, f.figure.mention.start,
                      f.figure.mention.end)  # fmt: skip


@lru_cache(maxsize=4096)
def _window_at(text: str, start: int, end: int) -> frozenset[str]:
    """Paraphrase-class words around ``text[start:end]``, the figure's own words and unit
    words left out ("50,000 pounds (78,000 U.S. dollars)" and "10,000 pounds (14,500 U.S.
    dollars)" share no context)."""
    words = content_terms(tokenize(text[max(0, start - WINDOW) : end + WINDOW]))
    own = set(content_terms(tokenize(text[start:end])))
    found = (canonical(w) for w in words if w not in own and not w[0].isdigit())
    return frozenset(found) - _UNIT_TERMS


_UNIT_TERMS = frozenset(canonical(t) for w in UNIT_WORDS for t in content_terms(tokenize(w)))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _first(g: _FigureGroup) -> tuple[int, int]:
    return min((f.figure.mention.doc_index, f.figure.mention.start) for f in g.items)


def _measure(g: _FigureGroup, number: int, reports: Sequence[ReportDate]) -> Measure:
    mid = f"m{number}"
    items = sorted(g.items, key=lambda f: (f.figure.mention.doc_index, f.figure.mention.start))
    figures = tuple(replace(f.figure, measure=mid) for f in items)
    counts = min((f.counts for f in figures if f.counts), key=len, default="")
    label = counts or (figures[0].text if figures[0].unit == "date" else figures[0].unit)
    if g.additive and counts:
        label = f"additional {counts}"
    event = event_of(g.items[0])
    if counts and event:
        label = f"{label} {event}"
    if counts == "age" and g.items[0].scope:
        label = f"age of {g.items[0].scope}"
    if _is_length(g.items[0]):
        label = event or "length"  # "depth": "245 feet" and "80 meters" are one measure
    sources = tuple(sorted({f.mention.source for f in figures}))
    measure = Measure(mid, label, figures[0].unit, figures, sources)
    return replace(measure, divergence=divergence(measure, items, reports))


def divergence(
    measure: Measure, items: Sequence[Found], reports: Sequence[ReportDate]
) -> Divergence | None:
    """How the reports disagree on ``measure``; ``None`` when they agree."""
    if (
        not items
        or not (
            (event_of(items[0]) and (items[0].figure.counts or _is_length(items[0])))
            or items[0].figure.unit == "percent"
            or _named_age(items[0])
        )
        or any(f.increment for f in items)
        or event_of(items[0]) == PROGRESS
    ):
        return None  # only a stated outcome (killed, aboard ...) or a person's age can diverge
        # (not how far a count has got: "with 93 percent of the vote counted")
    # A vague amount ("thousands of", "an undefined number of") states no value to revise
    # or contradict: only the reports that give a number are compared.
    per_doc = _value_per_report([f for f in items if not f.vague and not f.superseded])
    if len(per_doc) < 2:
        return None
    chosen = list(per_doc.values())
    if all(_consistent(p, q, reports) for p in chosen for q in chosen):
        return None  # "more than 200" and "213" the same day agree
    kind = _kind(per_doc, reports)
    if _named_age(items[0]) or any(f.rate for f in chosen):
        kind = "contradiction"  # an age, or a rate ("20,000 killed each year"), is not a
        # toll that later reports revise
    if not _within_ratio(chosen, kind):
        return None  # 10 and 247 killed: a part and a total, not one count revised
    values = sorted(
        (_divergent_value(f, reports) for f in chosen),
        key=lambda v: (v.date is None, v.date or dt.date.min, v.source),
    )
    return Divergence(measure.id, measure.label, kind, tuple(values),
                      _explain(measure.label, kind, values))  # fmt: skip


def _within_ratio(chosen: Sequence[Found], kind: DivergenceKind) -> bool:
    """Are the values close enough to be one count? Revisions stay within ``MAX_RATIO``;
    a count rising report after report (3, then 4, 5 and 7 dead; 18,600 then 200,000
    workers idled) may grow further when its lowest and highest values share a scope (a
    part, "in Dar", and a total stay apart)."""
    numbered = [f for f in chosen if f.figure.value]
    if not numbered:
        return True
    low, high = min(numbered, key=_value), max(numbered, key=_high)
    if _high(high) <= MAX_RATIO * _value(low):
        return True
    counted = bool(event_of(low) and low.figure.counts and not low.figure.unit)
    return (
        kind == "update"
        and counted
        and low.scope == high.scope
        and _high(high) <= UPDATE_RATIO * _value(low)
    )


def _consistent(a: Found, b: Found, reports: Sequence[ReportDate]) -> bool:
    """Reports of one date agree when their bounds overlap ("more than 200", "213"); a
    later report that moves past an earlier bound ("at least 42", then 67) revises it."""
    da = reports[a.figure.mention.doc_index].date
    db = reports[b.figure.mention.doc_index].date
    return compatible(a, b) if da == db or None in (da, db) else agree(a, b)


def _value_per_report(items: Sequence[Found]) -> dict[int, Found]:
    """Each report's first value."""
    best: dict[int, Found] = {}
    for f in items:
        best.setdefault(f.figure.mention.doc_index, f)
    return best


def _divergent_value(f: Found, reports: Sequence[ReportDate]) -> DivergentValue:
    m = f.figure.mention
    return DivergentValue(
        m.source, reports[m.doc_index].date, f.figure.normalised, f.figure.text, m
    )


def _kind(per_doc: dict[int, Found], reports: Sequence[ReportDate]) -> DivergenceKind:
    """``update`` when later reports only move the figure one way (a toll rising);
    ``contradiction`` when reports of one date disagree or the figure goes back."""
    dated = {d: f for d, f in per_doc.items() if reports[d].date is not None}
    for d, f in per_doc.items():
        if reports[d].date is None and not any(compatible(f, g) for g in dated.values()):
            return "undetermined"
    for a, fa in dated.items():
        for b, fb in dated.items():
            if reports[a].date == reports[b].date and not compatible(fa, fb):
                return "contradiction"
    if len({reports[d].date for d in dated}) < 2:
        return "undetermined"
    pairs = [(dated[a], dated[b]) for a in dated for b in dated
             if reports[a].date < reports[b].date]  # type: ignore[operator]  # fmt: skip

    def moves(up: bool) -> bool:
        return all(compatible(x, y) or (_value(y) > _value(x)) == up for x, y in pairs)

    return "update" if moves(True) or moves(False) else "contradiction"


def _explain(label: str, kind: DivergenceKind, values: Sequence[DivergentValue]) -> str:
    said = "; ".join(
        f"[{v.source}] {v.date.isoformat() if v.date else 'undated'}: {v.text}" for v in values
    )
    verdict = {
        "update": "later reports revise the figure",
        "contradiction": "the reports disagree and the later figures are not a revision",
        "undetermined": "an undated report disagrees, so the order is unknown",
    }[kind]
    return f"{label}: {said} ({verdict})"

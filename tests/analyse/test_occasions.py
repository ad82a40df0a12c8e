"""When a figure holds (one day, a period, a running total, a rate), and how that keeps
counts over different spans from diverging."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.analyse.occasions import (
    DAY,
    PERIOD,
    RUNNING,
    apart,
    is_progress,
    is_rate,
    occasion,
)

from .test_measures_timeline import _values


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("The country exploded ", " on Thursday in response", DAY),
        ("The country detonated ", " Thursday, which is widely viewed", DAY),
        ("Officials said it tested ", " on May 28 near the border", DAY),
        ("The country exploded ", " last month to correct an imbalance", PERIOD),
        ("The treaty was signed by ", " at a meeting in the capital last December", PERIOD),
        ("Voters backed it with ", " in March", PERIOD),
        ("The treaty has been signed by ", " and ratified by few", RUNNING),
        ("So far ", " have ratified it", RUNNING),
        ("The strike has idled ", " across the continent", RUNNING),
        ("The pact was ratified by ", " so far", RUNNING),
        # a date after a word that starts another event is not the figure's
        ("The plant laid off ", " for lack of parts from the strike last Friday", ""),
        ("Pickets met ", " after the vote on Monday", ""),
        # words before a figure date the event, not the count
        ("The quake struck early on Tuesday, killing ", " and injuring more", ""),
        ("It was signed by ", " at the conference, known as the Ottawa talks, in December", ""),
        ("This may be the ", " of a kind", ""),  # "this may" is no month
        ("The storm killed ", " in the port city", ""),
    ],
)  # fmt: skip
def test_occasion(before: str, after: str, expected: str) -> None:
    assert occasion(before, after) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (DAY, PERIOD, True),  # five devices on Thursday, six last month
        (PERIOD, RUNNING, True),  # 122 signed last December, has been signed by 133
        (DAY, RUNNING, False),  # killing 42 on Tuesday, has killed 67: one toll revised
        (DAY, DAY, False),
        ("", PERIOD, False),  # no date said: nothing keeps them apart
    ],
)  # fmt: skip
def test_apart(a: str, b: str, expected: bool) -> None:
    assert apart(a, b) is expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (" are killed or injured each year, mostly civilians", True),
        (" each year entered into force today", True),
        (" a day in the capital", True),
        (" annually", True),
        (" in a year of fighting", False),  # "in a year" is a span, not a rate
        (" were killed last year", False),
    ],
)  # fmt: skip
def test_is_rate(after: str, expected: bool) -> None:
    assert is_rate(after) is expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("With ", " from Sunday's election counted by Monday morning", True),
        ("with ", " reporting", True),
        ("He won ", " in the first round", False),
        ("With ", ", he won the first round", False),
    ],
)  # fmt: skip
def test_is_progress(before: str, after: str, expected: bool) -> None:
    assert is_progress(before, after) is expected


D1, D2, D3 = dt.date(1998, 5, 29), dt.date(1998, 6, 1), dt.date(1998, 6, 9)


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # one day's tests and the whole series: a part and the whole, no revision
        (
            [("The country exploded five nuclear devices on Thursday.", D1),
             ("The country exploded six nuclear devices last month.", D3)],
            [],
        ),
        # the same, with no date on either: a count revised
        (
            [("The country exploded five nuclear devices.", D1),
             ("The country exploded six nuclear devices.", D3)],
            [("update", ["5", "6"])],
        ),
        # a toll on the day of the quake, then the running toll: one count revised
        (
            [("A quake struck the town on Tuesday, killing at least 42 people.", D1),
             ("The quake has killed 67 people, the agency said on Wednesday.", D2)],
            [("update", ["42", "67"])],
        ),
        # signatures on one occasion, then a running total: two counts
        (
            [("The treaty was signed by 122 countries at a meeting in the capital last year.",
              D1),
             ("The treaty has been signed by 133 countries and ratified by 65 of them.", D3)],
            [],
        ),
        # two running totals: a count that grew
        (
            [("The treaty has been signed by 127 nations.", D1),
             ("The treaty has been signed by 133 countries.", D3)],
            [("update", ["127", "133"])],
        ),
        # a place in a relative clause closed before the figure does not limit it
        (
            [("The treaty, which was reached in Canada last December, has been signed by "
              "127 nations.", D1),
             ("The treaty, concluded in Ottawa in 1997, has been signed by 133 countries.", D3)],
            [("update", ["127", "133"])],
        ),
        # a rate estimated higher later is no toll revised: the estimates disagree
        (
            [("Mines kill or injure an estimated 20,000 people each year.", D1),
             ("Mines kill and maim some 25,000 people each year.", D3)],
            [("contradiction", ["20000", "25000"])],
        ),
        # how far a count has got is not compared
        (
            [("With 93 percent of the vote counted, the premier led.", D1),
             ("With 96 percent of the vote counted, officials named the winner.", D2)],
            [],
        ),
    ],
)  # fmt: skip
def test_counts_over_different_spans_do_not_diverge(reports, expected) -> None:
    assert _values(*reports) == expected

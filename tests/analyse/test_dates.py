"""Date spans and their resolution against the report date (table-driven)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.analyse.dates import (
    date_mentions,
    find_date_spans,
    infer_report_date,
    report_dates,
    resolve,
)

THU = dt.date(2021, 8, 12)  # a Thursday
FRI = dt.date(2021, 8, 13)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekday in a past-tense clause: the latest such day, the report's own day included
        ("captured three more on Wednesday", ["Wednesday"]),
        # full date with a weekday in front is one span
        ("on Tuesday, March 4, 2025, voters", ["Tuesday, March 4, 2025"]),
        # "3000 troops" and "may" are no dates (dateparser.search_dates errors)
        ("sending 3000 troops, which may help", []),
        # a bare year needs a preposition: "in 1996" is a year, "1996 troops" is not
        ("ruled from 1996 until 2001", ["1996", "2001"]),
        # month alone after "in"; the modal "may" is not May
        ("the night shift stops in September", ["September"]),
        ("by the end of the month", ["the end of the month"]),
        # periods are no dates (a duration is a figure)
        ("in the next 24 48 hours", []),
        ("within the next few days", []),
        ("over the coming days", []),
        ("just a few months ago", ["just a few months ago"]),
        ("The quake hit at 4:10 a.m. local time", ["4:10 a.m."]),
        # a holiday is a date when it places something in time, not as a modifier
        ("toys sold before Christmas in the Christmas shopping season", ["Christmas"]),
        # "9/11" names an event; it is not 11 September of the report's year
        ("following the 9/11 attacks", []),
    ],
)
def test_find_date_spans(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b, _ in find_date_spans(text)] == expected


@pytest.mark.parametrize(
    ("span", "kind", "base", "clause", "value", "granularity"),
    [
        # the example: Wednesday in a report of Thursday 12 August
        ("Wednesday", "weekday", THU, "captured on Wednesday", "2021-08-11", "day"),
        # the report's own weekday is that day, not a week earlier
        ("Thursday", "weekday", THU, "Price warned on Thursday", "2021-08-12", "day"),
        # a day later, Thursday is the day before
        ("Thursday", "weekday", FRI, "Thursday's moves", "2021-08-12", "day"),
        # future tense points forward
        ("Friday", "weekday", THU, "she will visit on Friday", "2021-08-13", "day"),
        # reported speech: "would" is future from the report's viewpoint
        ("Monday", "weekday", THU, "production would resume on Monday", "2021-08-16", "day"),
        # a deadline: "by Monday" is ahead
        ("Monday", "weekday", THU, "could double in size by Monday", "2021-08-16", "day"),
        ("last Thursday", "weekday", THU, "met last Thursday", "2021-08-05", "day"),
        ("the end of the month", "end", THU, "", "2021-08-31", "day"),
        ("the end of next month", "end", THU, "", "2021-09-30", "day"),
        ("the end of the year", "end", THU, "", "2021-12-31", "day"),
        ("yesterday", "deictic", THU, "", "2021-08-11", "day"),
        ("two days ago", "ago", THU, "", "2021-08-10", "day"),
        # vague counts resolve with month granularity
        ("a few months ago", "ago", THU, "", "2021-05", "month"),
        # a week is no date at the timeline's grains (day, month, year): kept, unresolved
        ("next week", "period", THU, "", None, "week"),
        ("earlier this week", "period", THU, "", None, "week"),
        ("the end of this week", "end", THU, "", None, "week"),
        # a plan named before the date looks ahead; a past report of a plan does not
        ("September", "month", THU, "the slated visit of Mr. Li in September", "2021-09", "month"),
        ("March", "month", THU, "before the upcoming talks in March", "2022-03", "month"),
        ("March", "month", THU, "the scheduled flight left in March", "2021-03", "month"),
        ("next year", "period", THU, "", "2022", "year"),
        # no year: the year that puts the date closest to the report
        ("August 31", "absolute", THU, "", "2021-08-31", "day"),
        ("December 30", "absolute", dt.date(2022, 1, 3), "", "2021-12-30", "day"),
        # granularity is kept: a month is a month
        ("August 2021", "month", THU, "", "2021-08", "month"),
        ("1996", "year", THU, "", "1996", "year"),
        # undated report: relative dates stay unresolved, absolute ones resolve
        ("Wednesday", "weekday", None, "", None, "day"),
        ("March 4, 2025", "absolute", None, "", "2025-03-04", "day"),
        ("March 4", "absolute", None, "", None, "day"),
    ],
)
def test_resolve(span, kind, base, clause, value, granularity) -> None:
    r = resolve(span, kind, base, clause)
    assert (r.value, r.granularity) == (value, granularity)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the host says the date: inferred
        ("Good evening. Today, Tuesday, March 4, 2025, voters decided.", dt.date(2025, 3, 4)),
        # a dateline at the very start
        ("March 4, 2025 — Voters in Norland approved a bond.", dt.date(2025, 3, 4)),
        # a full date elsewhere is an event date, not the report's: no guessing
        (
            "Voters approved a bond. The referendum was first proposed on "
            "January 9, 2019, by a coalition of mayors from the north.",
            None,
        ),
        # a relative date alone never dates a report
        ("The Pentagon announced this afternoon that it is sending troops.", None),
    ],
)
def test_infer_report_date(text: str, expected: dt.date | None) -> None:
    found = infer_report_date(text)
    assert (found[0] if found else None) == expected


def test_mentions_keep_event_and_report_dates_apart(make_locator) -> None:
    docs, loc = make_locator("Officials said the bridge collapsed on Wednesday.", THU)
    (m,) = date_mentions(docs, loc, report_dates(docs, loc))
    assert (m.value, m.report_date) == ("2021-08-11", THU)
    assert docs[0].text[m.mention.start : m.mention.end] == "Wednesday"


def test_a_clock_time_is_not_a_date(make_locator) -> None:
    docs, loc = make_locator("The quake hit on Tuesday at 4:10 a.m. local time.", THU)
    values = [m.value for m in date_mentions(docs, loc, report_dates(docs, loc))]
    assert values == ["2021-08-10"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The talks are expected Tuesday.", "2021-08-17"),  # future tense: ahead
        ("The road stays closed until Friday.", "2021-08-13"),
        ("He changed his will Monday.", "2021-08-09"),  # "will" the noun is no future
        ("The drill was scheduled to end on Sunday.", "2021-08-08"),
        ("It happened on Aug. 9, a Monday.", "2021-08-09"),
        ("The ship sank a week ago.", "2021-08-05"),
        ("He was arrested last October.", "2020-10"),
        ("The ads ran last summer.", "2020"),  # the report is itself in a summer
        ("The board is still studying the 1996 crash.", "1996"),
        # an adverb between the auxiliary and "expected" is still the future
        ("The craft is also expected to arrive at 1 p.m. Saturday.", "2021-08-14"),
        # "must" and "to be released" look ahead
        ("She must leave the flat Tuesday.", "2021-08-17"),
        ("The study, to be released Tuesday, counts the cost.", "2021-08-17"),
        # "the next hot spot" is no future tense: Monday is the Monday before
        ("Officials turned their attention Monday to the next hot spot.", "2021-08-09"),
        # "must have", "would have": a guess about the past
        ("An ex-commander speculated Wednesday that the sub must have hit a ship.", "2021-08-11"),
        # a deadline in a past-tense clause looks back
        ("The hostages were held until Tuesday.", "2021-08-10"),
        # month and day without a year: the tense picks the year when the nearest is wrong
        ("The new rules will take effect on June 1.", "2022-06-01"),
        ("The suspect was arrested on Nov. 1 near the border.", "2020-11-01"),
        ("The hearing opens Sept. 2.", "2021-09-02"),  # present tense: the nearest
        # a plan told in the past tense is still ahead
        ("Opening statements were scheduled for Sept. 2.", "2021-09-02"),
        # holidays are dates: fixed days, Thanksgiving, with or without a year
        ("The currency goes into circulation on New Year's Day.", "2022-01-01"),
        ("The polls ran until shortly before Christmas 2020.", "2020-12-25"),
        ("The family was reunited on Thanksgiving.", "2020-11-26"),
        # a scheduled event in the present tense is ahead
        ("The council meets on Monday to vote on the plan.", "2021-08-16"),
        ("At 6 p.m. Tuesday, the auction takes place online.", "2021-08-17"),
        # a fronted date takes its tense from the clause after the comma
        ("On Wednesday, the minister will travel to Lima.", "2021-08-18"),
        # the day words were said is past, whatever they say of the future
        ("The mayor said on Monday that his upcoming visit would go ahead.", "2021-08-09"),
    ],
)
def test_tense_appositives_and_relative_periods(make_locator, text: str, value: str) -> None:
    docs, loc = make_locator(text, THU)
    found = [m.value for m in date_mentions(docs, loc, report_dates(docs, loc))]
    assert found[-1] == value


@pytest.mark.parametrize(
    "span",
    [
        "August 31",  # month day
        "Aug. 31, 2021",  # abbreviated, with year
        "31 August",  # day month
        "March 3rd",  # ordinal suffix
        "September 2021",  # month and year
        "2021-08-01",  # ISO
    ],
)
def test_fast_path_agrees_with_dateparser(span: str) -> None:
    import dateparser

    from newsbrief.analyse.dates import _fast_parse

    base = dt.date(2021, 8, 12)
    expected = dateparser.parse(
        span, languages=["en"], settings={"RELATIVE_BASE": dt.datetime(2021, 8, 12)}
    )
    fast = _fast_parse(span, base)
    assert fast is not None and expected is not None
    if span == "September 2021":
        assert (fast.year, fast.month) == (expected.year, expected.month)  # day is a guess
    else:
        assert fast == expected.date()


def test_fast_path_leaves_the_rest_to_dateparser() -> None:
    from newsbrief.analyse.dates import _fast_parse

    assert _fast_parse("next week", dt.date(2021, 8, 12)) is None
    assert _fast_parse("Feb. 29", dt.date(2021, 8, 12)) is None  # no such day in 2021


def _all_patterns(text: str) -> list[tuple[int, int, str]]:
    """find_date_spans without the words it looks for first: every pattern scans."""
    from newsbrief.analyse.dates import _PATTERNS

    found: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span("d") if "d" in pattern.groupindex else m.span()
            if not any(taken[start:end]):
                found.append((start, end, kind))
                taken[start:end] = [True] * (end - start)
    return sorted(found)


@pytest.mark.parametrize(
    "text",
    [
        # one text per pattern kind, in the shapes news writes them
        "The talks ended on Tuesday, March 4, 2003, in Geneva.",
        "He arrived on 14 Sept. 2001 and left in October of 1999.",
        "Shops closed before Christmas and reopened after New Year's Day, 2004.",
        "Sales fell last May, and again in June, the company said.",
        "By the end of this month, and over the coming days, prices rise.",
        "Within the next 48 hours the storm hits; it formed two weeks ago.",
        "Earlier this year, and last week, officials met. Last Friday morning they left.",
        "TODAY the court rules; this afternoon and last night were quiet.",
        "The vote is at 10:30 a.m. and results at 9 pm, as in the 1996 race.",
        "Since 1998 the fund grew; a 2004 report says so. Last spring it shrank.",
        # nothing to find, and an empty text
        "The minister said the plan would cost more than expected.",
        "",
    ],
)
def test_spans_same_as_every_pattern_scanning(text: str) -> None:
    assert find_date_spans(text) == _all_patterns(text)
    assert find_date_spans(text) or "minister" in text or not text

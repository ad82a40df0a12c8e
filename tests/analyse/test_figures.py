"""Figures: value, range, unit, what is counted and approximation words (table-driven)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.analyse.dates import date_mentions, report_dates
from newsbrief.analyse.figures import find_figures, sentence_figures
from newsbrief.analyse.numbers import parse_fraction, parse_words

DAY = dt.date(2024, 3, 12)


def figures_of(make_locator, text: str) -> list[tuple[str, str, str, str]]:
    docs, loc = make_locator(text, DAY)
    dates = date_mentions(docs, loc, report_dates(docs, loc))
    return [
        (f.figure.normalised, f.figure.unit, f.figure.counts, f.figure.qualifier)
        for f in find_figures(loc.sentences, loc, dates)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "3,000", "3000" and "three thousand" are one number
        ("They sent 3,000 fresh troops.", [("3000", "", "troops", "")]),
        ("They sent 3000 troops.", [("3000", "", "troops", "")]),
        ("They sent three thousand troops.", [("3000", "", "troops", "")]),
        # approximation words stay with the figure
        (
            "It controls nearly two-thirds of the country.",
            [("0.667", "fraction", "country", "nearly")],
        ),
        ("A force of about 650 troops stays.", [("650", "", "troops", "about")]),
        # a collective noun is the head: the verb after it is not part of what is counted
        ("All 118 crew went down with the ship.", [("118", "", "crew", "")]),
        ("Some 40 staff worked there.", [("40", "", "staff", "some")]),
        ("It killed at least 42 people.", [("42", "", "people", "at least")]),
        # "over the past 20 years": "over" belongs to "the past", not to the number
        ("over the past 20 years", [("20", "year", "", "")]),
        # ranges: written, with "between", and as spoken in a transcript
        ("between 40 and 60 buildings collapsed", [("40-60", "", "buildings", "")]),
        ("gusts of 40 to 50 miles per hour", [("40-50", "", "miles", "")]),  # a speed
        ("about 12 miles south of the city", [("12", "mile", "miles", "about")]),  # a length
        ("at a depth of 100 metres", [("100", "meter", "metres", "")]),
        ("heading to Kabul in the next 24 48 hours", [("24-48", "hour", "", "")]),
        # vague amounts and unspecified numbers are figures too
        ("thousands of additional troops", [("thousands", "", "troops", "thousands")]),
        (
            "An undefined number of extra troops will come.",
            [("unspecified", "", "troops", "undefined")],
        ),
        # an elided head takes the previous figure's noun
        (
            "They took three more provincial capitals on Wednesday and two more on Thursday.",
            [("3", "", "provincial capitals", ""), ("2", "", "provincial capitals", "")],
        ),
        # ordinals of a plural noun count: the tenth and eleventh capitals make 11
        (
            "the tenth and eleventh provincial capitals taken",
            [("11", "", "provincial capitals", "")],
        ),
        # ranks, names and event names are not figures
        ("the country's third-largest city", []),
        ("troops from the 82nd Airborne", []),
        ("after the 9/11 attacks", []),
        # money with a scale word, percent written out or as a sign
        ("a bond of $2.5 billion", [("2500000000", "dollar", "", "")]),
        ("shares fell 3.2 percent", [("3.2", "percent", "", "")]),
        ("turnout was 61%", [("61", "percent", "", "")]),
        # a year is a date, not a figure; the written-out date becomes a date figure
        ("ruled from 1996 until now", []),
        ("the deadline is August 31", [("2024-08-31", "date", "", "")]),
        # a bare number with nothing counted and no approximation is not reported
        ("Room 12 was empty.", []),
        # ages written "21-year-old" and "six-year-old"
        ("The 21-year-old McKinney faces trial.", [("21", "", "age", "")]),
        ("A six-year-old boy was hurt.", [("6", "", "age", "")]),
        # half a dozen is six, not a dozen
        ("They fractured his skull a half-dozen times.", [("6", "", "times", "")]),
        ("Half a dozen boats left.", [("6", "", "boats", "")]),
        # a toll revised in words: the value it rose to counts the dead
        (
            "The death toll, initially 10, has risen to 12, officials said.",
            [("10", "", "people", ""), ("12", "", "people", "")],
        ),
    ],
)
def test_figures(make_locator, text: str, expected) -> None:
    assert figures_of(make_locator, text) == expected


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("three thousand troops", (3000.0, 2)),
        ("two hundred and fifty men", (250.0, 4)),  # "and" inside a number
        ("twenty-five people", (25.0, 1)),  # hyphenated
        ("troops", None),
    ],
)
def test_parse_words(words: str, value) -> None:
    assert parse_words(words.split()) == value


@pytest.mark.parametrize(("word", "value"), [("two-thirds", 0.667), ("half", 0.5),
                                             ("one-quarter", 0.25), ("two-ply", None)])  # fmt: skip
def test_parse_fraction(word: str, value) -> None:
    assert parse_fraction(word) == value


@pytest.mark.parametrize(
    ("text", "value", "counts"),
    [
        ("The driver, Maria Lopez, 37, was not hurt.", "37", "age"),
        ("The children were ages 7 and 12.", "7", "age"),
        ("The gunman opened fire, wounding 14.", "14", "people"),
        ("Ten of 12 American victims were flown home.", "10", "American victims"),
        ("One woman was hurt by a police horse.", "1", "woman"),
        ("The father of one of two accused suspects spoke.", "2", "accused suspects"),
        ("The bomb toppled the six-story building.", "6", ""),
        ("He had been in a coma for nearly a week.", "1", ""),
        ("A team of eight or nine people will investigate.", "8-9", "people"),
    ],
)
def test_numbers_without_a_plain_noun_after_them(
    make_locator, text: str, value: str, counts: str
) -> None:
    _docs, loc = make_locator(text)
    found = [f.figure for s in loc.sentences for f in sentence_figures(s, loc)]
    assert found and found[0].normalised == value
    assert found[0].counts == counts or not counts


@pytest.mark.parametrize(
    "text",
    [
        "The plane vanished from radar at 0630 GMT.",
        "It left at 2 a.m. local time.",
        "The 2001 budget was cut.",
        "Another 767 crashed in 1991.",
        "He carried a .45 caliber pistol.",
        "It provided the first breaks in the case.",
        "Fred Herder, a day trader, was released.",
    ],
)
def test_clock_times_years_models_and_ranks_are_not_figures(make_locator, text: str) -> None:
    _docs, loc = make_locator(text)
    assert [f.figure.text for s in loc.sentences for f in sentence_figures(s, loc)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the age's owner: the full name the report gives a surname
        ("Aaron McKinney was in court. The 21-year-old McKinney faces trial.",
         [("21", "Aaron McKinney", "", False)]),
        ("Aaron McKinney, 22, was in court.", [("22", "Aaron McKinney", "", False)]),
        # several people share the surname: it stays alone
        ("Ethel Kennedy wept. John Kennedy was flying. Kennedy, 38, had a pilot's licence.",
         [("38", "Kennedy", "", False)]),
        # the value a report revises, and what the revised one counts
        ("The death toll, initially 10, has risen to 12.",
         [("10", "", "killed", True), ("12", "", "killed", False)]),
        ("The blast took 10 lives.", [("10", "", "killed", False)]),
        ("He had been hit 18 times in the head.", [("18", "", "struck", False)]),
        # a length under the surface is a depth; "down to" an altitude is not
        ("The black box lay in 245 feet of water.", [("245", "", "depth", False)]),
        ("The sea there is about 100 meters deep.", [("100", "", "depth", False)]),
        ("The jet fell from 9,900 meters down to 5,730 meters.",
         [("9900", "", "", False), ("5730", "", "", False)]),
    ],
)  # fmt: skip
def test_whose_age_what_happened_and_revised_values(make_locator, text: str, expected) -> None:
    docs, loc = make_locator(text, DAY)
    dates = date_mentions(docs, loc, report_dates(docs, loc))
    got = [(f.figure.normalised, f.scope if f.figure.counts == "age" else "", f.event,
            f.superseded) for f in find_figures(loc.sentences, loc, dates)]  # fmt: skip
    assert got == expected

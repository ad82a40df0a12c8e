"""Measures (grouping, bounds, divergence kinds) and the timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.analyse.figures import Found
from newsbrief.analyse.measures import agree, compatible
from newsbrief.analyse.timeline import period_start
from newsbrief.models import Document, Figure, Mention

from .test_claims import analyse

M = Mention(0, "d", 0, 0, 1, "x")


def found(value: float | None, qualifier: str = "", low: float | None = None) -> Found:
    norm = "unspecified" if value is None else qualifier if low else str(value)
    fig = Figure("x", value, None, norm, "", "troops", qualifier, M)
    return Found(fig, "troop", False, value is None or low is not None, low)


@pytest.mark.parametrize(
    ("a", "b", "same_measure", "same_value"),
    [
        (found(650, "about"), found(650), True, True),  # "about 650" and "650" agree
        (found(3000), found(3000, "thousands", 2000), True, True),  # "thousands" allows 3,000
        (found(None), found(3000), False, False),  # "an undefined number" vs 3,000 differs
        # "at least 42" allows 67 (one report may hold both) but a toll revised to 67 is news
        (found(42, "at least"), found(67), True, False),
        (found(8000, "nearly"), found(7500, "roughly"), True, True),
        (found(51, "about"), found(61, "around"), False, False),  # 5% slack, not 10
    ],
)
def test_bounds_and_agreement(a: Found, b: Found, same_measure: bool, same_value: bool) -> None:
    assert compatible(a, b) == same_measure
    assert agree(a, b) == same_value


def test_one_report_does_not_contradict_itself() -> None:
    # 650 and 3,000 troops in one report are two measures; the other report's 3,000 agrees.
    a = Document("a", "About 650 troops guard the embassy. The Pentagon is sending 3,000 "
                      "troops to the airport.", dt.date(2021, 8, 13))  # fmt: skip
    b = Document("b", "The Pentagon is sending 3,000 troops to the airport.", dt.date(2021, 8, 12))
    analysis = analyse(a, b)
    assert analysis.divergences == ()
    labels = {m.label: m.sources for m in analysis.figures}
    assert labels["troops"] in {(1,), (1, 2)}


def test_undated_report_that_disagrees_is_undetermined() -> None:
    a = Document("a", "The storm killed 12 people in the port city.", dt.date(2022, 5, 2))
    b = Document("b", "The storm killed 15 people in the port city.")
    (d,) = analyse(a, b).divergences
    assert d.kind == "undetermined" and [v.source for v in d.values] == [1, 2]


def test_timeline_groups_one_event_across_reports_and_cites_it() -> None:
    a = Document("a", "The bridge in Valdora collapsed on Wednesday, officials said.",
                 dt.date(2021, 8, 12))  # fmt: skip
    b = Document("b", "Officials said the Valdora bridge collapsed on Wednesday.",
                 dt.date(2021, 8, 13))  # fmt: skip
    entries = analyse(a, b).timeline
    # Wednesday is the 11th for a report of Thursday 12th and for one of Friday 13th
    assert [(e.date, e.sources) for e in entries] == [("2021-08-11", (1, 2))]
    assert {d.report_date for d in entries[0].expressions} == {a.date, b.date}
    assert entries[0].evidence[0].start == 0


@pytest.mark.parametrize(
    ("value", "granularity", "start"),
    [
        ("1996", "year", dt.date(1996, 1, 1)),
        ("2021-05", "month", dt.date(2021, 5, 1)),
        ("2021-W33", "week", dt.date(2021, 8, 16)),
        ("2021-08-11", "day", dt.date(2021, 8, 11)),
        ("2024-03-12T04:10", "time", dt.date(2024, 3, 12)),
    ],
)
def test_period_start(value: str, granularity, start: dt.date) -> None:
    assert period_start(value, granularity) == start


@pytest.mark.parametrize(
    ("first", "later", "diverges"),
    [
        # an undefined number states no value: the later number specifies, it does not revise
        ("An undefined number of extra troops will be sent to the airport.",
         "The Pentagon is sending 3,000 extra troops to the airport.", False),
        # "thousands of" allows 3,000 and states no number to revise
        ("Thousands of extra troops will be sent to the airport.",
         "The Pentagon is sending 3,000 extra troops to the airport.", False),
        # two numbers still diverge when a vague amount sits beside them
        ("The Pentagon is sending 3,000 extra troops to the airport. Thousands of extra troops "
         "will be sent there.", "The Pentagon is sending 5,000 extra troops to the airport.",
         True),
    ],
)  # fmt: skip
def test_a_vague_amount_never_diverges(first: str, later: str, diverges: bool) -> None:
    a = Document("a", first, dt.date(2021, 8, 12))
    b = Document("b", later, dt.date(2021, 8, 13))
    assert bool(analyse(a, b).divergences) == diverges


def _values(*reports: tuple[str, dt.date]) -> list[tuple[str, list[str]]]:
    """Each divergence's kind and values."""
    docs = [Document(f"d{k}", text, day) for k, (text, day) in enumerate(reports)]
    return [(d.kind, [v.value for v in d.values]) for d in analyse(*docs).divergences]


D1, D2, D3 = dt.date(2000, 8, 14), dt.date(2000, 8, 15), dt.date(2000, 8, 17)


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # a specific key (crew aboard) links counts whose sentences share few words
        (
            [("The Kestrel, launched in 1995, carries 107 personnel and weighs 14,000 tons.", D1),
             ("Officials said the air for the 116 sailors on board was running out.", D2),
             ("All efforts to reach the 118 submariners aboard the vessel have failed.", D3)],
            [("update", ["107", "116", "118"])],
        ),
        # ... but not counts too far apart to be one count revised
        (
            [("The Kestrel, launched in 1995, carries 107 personnel and weighs 14,000 tons.", D1),
             ("Officials said the air for the 200 sailors on board was running out.", D2)],
            [],
        ),
        # "people aboard" says too little to link unlike sentences of a cluster
        (
            [("A bus plunged off a mountain road on Monday with 10 people on board.", D1),
             ("The ferry that sank in the storm was carrying 12 people, officials said.", D2)],
            [],
        ),
        # ... unless both name the place: a toll there, revised
        (
            [("The bombing in Tanzania killed 10 people.", D1),
             ("Hospital officials said the toll of the blast in Tanzania rose, with 12 people "
              "dead.", D3)],
            [("update", ["10", "12"])],
        ),
    ],
)  # fmt: skip
def test_a_specific_measure_links_reports_with_unlike_sentences(reports, expected) -> None:
    assert _values(*reports) == expected


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # "NAIROBI, Kenya" puts Nairobi in Kenya: a toll "in Kenya" and one "in Nairobi" can
        # be one measure
        (
            [("NAIROBI, Kenya (AP) _ The arrests were the first in Kenya since the bombing, "
              "which killed 247 people.", D1),
             ("The car bomb at the embassy in Nairobi reportedly killed 253 people.", D3)],
            [("update", ["247", "253"])],
        ),
        # without that the two places are apart
        (
            [("The arrests were the first in Kenya since the bombing, which killed 247 "
              "people.", D1),
             ("The car bomb at the embassy in Nairobi reportedly killed 253 people.", D3)],
            [],
        ),
        # two cities of one country stay apart
        (
            [("NAIROBI, Kenya (AP) _ The bombing in Nairobi killed 247 people.", D1),
             ("MOMBASA, Kenya (AP) _ The bombing in Mombasa killed 253 people.", D3)],
            [],
        ),
    ],
)  # fmt: skip
def test_a_place_within_a_larger_place_is_one_scope(reports, expected) -> None:
    assert _values(*reports) == expected


NOV, MAR, OCT = dt.date(1998, 11, 20), dt.date(1999, 3, 24), dt.date(1999, 10, 26)


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # one person's age, named in full, then by surname (read as the report's full name)
        # and as "the 21-year-old McKinney": 22, 21, 22 is no revision
        (
            [("A judge ordered Aaron McKinney, 22, to stand trial on Thursday.", NOV),
             ("Aaron McKinney was in court. The 21-year-old McKinney faces the death "
              "penalty.", MAR),
             ("Aaron McKinney sat quietly. McKinney, 22, was confused, his lawyer said.", OCT)],
            [("contradiction", ["22", "21", "22"])],
        ),
        # a surname alone may be two people: no divergence
        ([("Kennedy, 38, was flying the plane.", NOV), ("Kennedy, 33, was a publicist.", MAR)],
         []),
        # a toll the later report revises itself ("initially 10, has risen to 12")
        (
            [("The Tanzanian embassy bombing killed 10 people.", NOV),
             ("The death toll in the Tanzania blast, initially 10, has risen to 12, officials "
              "said.", MAR)],
            [("update", ["10", "12"])],
        ),
        # "took 10 lives" is a toll too
        (
            [("The bombing of the embassy took 10 lives.", NOV),
             ("The toll of the embassy bombing has risen to 12, officials said.", MAR)],
            [("update", ["10", "12"])],
        ),
        # blows counted with "hit" and "struck" are one measure
        (
            [("An autopsy found that Shepard had been hit 18 times in the head.", NOV),
             ("Shepard was struck at least 20 times, a coroner testified.", OCT)],
            [("update", ["18", "20"])],
        ),
    ],
)  # fmt: skip
def test_ages_tolls_and_blows_diverge(reports, expected) -> None:
    assert _values(*reports) == expected


def test_ages_of_a_surname_alone_are_not_one_measure() -> None:
    a = Document("a", "Kennedy, 38, was flying the plane.", NOV)
    b = Document("b", "Kennedy, 33, was a publicist.", MAR)
    assert [len(m.figures) for m in analyse(a, b).figures] == [1, 1]


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # depths in feet and in metres are one measure: 245 feet is 75 metres, not 80
        ([("The black box was found in 245 feet of water.", NOV),
          ("Divers reached the seabed 80 meters deep.", NOV)],
         [("contradiction", ["245", "80"])]),
        # a rounded conversion agrees
        ([("The black box was found in 245 feet of water.", NOV),
          ("Divers reached the seabed 75 meters deep.", NOV)],
         []),
        # 300 feet (91 meters) and 120 meters
        ([("The wreck lies 300 feet below the surface.", NOV),
          ("The wreck lies 120 meters below the surface.", NOV)],
         [("contradiction", ["300", "120"])]),
    ],
)  # fmt: skip
def test_lengths_compare_across_units(reports, expected) -> None:
    assert _values(*reports) == expected


J1, J2, J3, J4 = (
    dt.date(1998, 6, 10),
    dt.date(1998, 6, 22),
    dt.date(1998, 7, 9),
    dt.date(1998, 7, 28),
)


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # a count rising report after report may grow past twice its first value
        (
            [("The walkout has idled more than 9,000 workers at the carmaker.", J1),
             ("The strike has idled 61,200 workers across the region.", J2),
             ("Union officials said 80,500 workers were laid off in the dispute.", J3),
             ("The strikes crippled the carmaker, idling 100,000 workers nationwide.", J4)],
            [("update", ["9000", "61200", "80500", "100000"])],
        ),
        # ... but a part ("in Dar") and a total stay apart, however the dates fall
        (
            [("The bombing in Dar killed 10 people on Friday.", J1),
             ("The bombings killed 247 people on Friday.", J2)],
            [],
        ),
        # ... and a share with nothing counted is not a count rising
        (
            [("The opposition leader said his party won more than 40 percent.", J1),
             ("The liberal candidate came third with 6 percent.", J2)],
            [],
        ),
        # plants "closed", then "forced to close", then "shut down": one outcome
        (
            [("The strike forced the company to close 26 of its 29 Canadian assembly "
              "plants.", J3),
             ("The dispute made the company shut down 27 of 29 Canadian assembly plants.", J4)],
            [("update", ["26", "27"])],
        ),
        # "nations" and "countries" that ratified; "So far" is no verb, "have ratified" is
        (
            [("Twenty-three nations have so far ratified the treaty.", J1),
             ("So far 25 countries have ratified it, officials said.", J2)],
            [("update", ["23", "25"])],
        ),
        # "must be ratified by 40 countries" is a condition, not a count of ratifications
        (
            [("Twenty-three nations have so far ratified the pact, which must be ratified by "
              "40 states to take effect.", J1),
             ("The pact must be ratified by 40 countries to take effect.", J2)],
            [],
        ),
        # suits "have been filed": about 4,100, then more than 9,000
        (
            [("About 4,100 suits have been filed against the drug maker.", J1),
             ("So far more than 9,000 lawsuits have been filed against the drug maker.", J4)],
            [("update", ["4100", "9000"])],
        ),
    ],
)  # fmt: skip
def test_counts_revised_as_they_grow(reports, expected) -> None:
    assert _values(*reports) == expected


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # "Seven of those 77 people died" counts within a group: no revision of five dead
        (
            [("The virus has killed five people in the city.", J1),
             ("Samples from 77 people will be tested again. Seven of those 77 people "
              "died.", J2)],
            [],
        ),
        # "killed three and sickened 15 other people": the 15 were sickened, not killed
        # (and "15 other people" then "at least 37 others" sickened is a count revised);
        # "never seen in the West to Boston, where": no place before "where" limits the four
        (
            [("Scientists thought the virus killed three and sickened 15 other people.", J1),
             ("Birds brought a virus never seen in the Western Hemisphere to Boston, where "
              "the virus has killed four people and sickened at least 37 others.", J2),
             ("The virus has killed five people in the Boston area.", J3)],
            [("update", ["3", "4", "5"]), ("update", ["15", "37"])],
        ),
        # "seven New Yorkers" are no "new" (added) people
        (
            [("The virus killed seven New Yorkers last year.", J1),
             ("The virus killed seven New Yorkers in all.", J2)],
            [],
        ),
    ],
)  # fmt: skip
def test_parts_and_other_outcomes_do_not_revise_a_toll(reports, expected) -> None:
    assert _values(*reports) == expected


def test_new_yorkers_are_counted_not_added() -> None:
    a = Document("a", "The virus killed seven New Yorkers last year.", J1)
    (m,) = [m for m in analyse(a).figures if any(f.normalised == "7" for f in m.figures)]
    assert not m.label.startswith("additional")


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        # "Name, 27 and Name, 49": both ages read; a sentence's first word taken into the
        # name ("Suspects Udi Harel") is the same person
        (
            [("The men were identified as Udi Harel, 27 and Igal Dror, 49.", NOV),
             ("Suspects Udi Harel, 37, and Igal Dror, 49, have been remanded.", MAR),
             ("His clients, Udi Harel, 27, and Igal Dror, 49, deny they are spies.", OCT)],
            [("contradiction", ["27", "37", "27"])],
        ),
        # an age that changes once, and stays, is still no revision of a toll
        (
            [("The men were identified as Udi Harel, 27, and Igal Dror, 49.", NOV),
             ("Lawyers said Udi Harel, 27, and Igal Dror, 47, deny the charges.", MAR)],
            [("contradiction", ["49", "47"])],
        ),
    ],
)  # fmt: skip
def test_ages_that_differ_are_contradictions(reports, expected) -> None:
    assert _values(*reports) == expected

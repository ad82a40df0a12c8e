"""Headlines: a real title wins, capitals become normal case, never packaging."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsbrief.headline import cut_lead, normal_case, usable_title
from newsbrief.models import Document
from newsbrief.pipeline import brief

LEAD = (
    "RIVERTON _ The council voted on Tuesday to close the old bridge to heavy lorries "
    "for six months while engineers repair its cracked supports."
)
BODY = LEAD + "\n\nThe repairs will cost about $2 million, the council said."


@pytest.mark.parametrize(
    "title",
    [
        "By JANE OKORO c.2000 N.Y. Times News Service",  # a byline
        "BC-NJ--Bridge & Tolls,540",  # a slug
        "(Eds: Wednesday in lede cq.)",  # an editor's note
        "ATTENTION EDITORS: This article from The Valley Post is for clients only.",
        "Briefing",  # placeholders
        "Untitled",
        "  ",
        "...",
    ],
)
def test_packaging_and_placeholders_are_not_titles(title: str) -> None:
    assert usable_title(title) is None


@pytest.mark.parametrize(
    "title",
    [
        "Council closes old bridge to lorries",
        "TWO SIDES TO THE BRIDGE DEBATE",
        "NATO and EU agree on aid",  # acronyms are titles too
    ],
)
def test_real_titles_are_kept(title: str) -> None:
    assert usable_title(title) == title


def test_operator_codes_leave_titles() -> None:
    assert usable_title("A NEW MAGAZINE, BY WAY OF A COFFEE CHAIN (DW)") == (
        "A NEW MAGAZINE, BY WAY OF A COFFEE CHAIN"
    )
    assert usable_title("(lh) Storm hits the coast") == "Storm hits the coast"


@pytest.mark.parametrize(
    ("title", "context", "expected"),
    [
        # capitals only: title case, small words lower case
        ("COUNCIL CLOSES THE OLD BRIDGE", "", "Council Closes the Old Bridge"),
        # acronyms the reports write in capitals stay
        (
            "NATO AND EU AGREE ON AID",
            "The NATO summit and the EU budget.",
            "NATO and EU Agree on Aid",
        ),
        ("U.S. TROOPS RETURN", "", "U.S. Troops Return"),
        # a word in capitals only inside a heading or dateline is not an acronym
        ("NEW RULES FOR BRIDGES", "NEW YORK (AP) -- The rules.", "New Rules for Bridges"),
        # titles in normal case are left alone
        ("Council closes bridge", "", "Council closes bridge"),
    ],
)
def test_normal_case(title: str, context: str, expected: str) -> None:
    assert normal_case(title, [context]) == expected


def test_a_long_lead_is_cut_at_a_clause_boundary() -> None:
    cut = cut_lead(
        "The council voted on Tuesday to close the old bridge to heavy lorries for six months, "
        "a decision that angered hauliers who said the detour would add an hour to every trip "
        "through the valley and cost them thousands."
    )
    assert (
        cut
        == "The council voted on Tuesday to close the old bridge to heavy lorries for six months"
    )
    assert cut_lead("Short lead.") == "Short lead"


def test_a_supplied_title_wins_over_body_sentences() -> None:
    docs = [
        Document("a", BODY, title="By JANE OKORO c.2000 N.Y. Times News Service"),
        Document("b", BODY.replace("Tuesday", "Monday"), title="BRIDGE CLOSED TO LORRIES"),
    ]
    assert brief(docs, 40).headline == "Bridge Closed to Lorries"


def test_without_a_title_the_lead_is_the_headline_never_a_placeholder() -> None:
    doc = Document("a", "By JANE OKORO c.2000 N.Y. Times News Service\n\n" + BODY)
    headline = brief([doc], 40).headline
    assert headline.startswith("The council voted on Tuesday")
    assert "OKORO" not in headline and headline != "Briefing"


def test_story_headlines_are_never_packaging() -> None:
    from newsbrief.store import Store
    from newsbrief.stories import ingest_reports

    docs = [
        Document("a", BODY, title="BC-NJ--Bridge & Tolls,540", origin="s:1"),
        Document("b", "By JANE OKORO c.2000 N.Y. Times News Service\n\n" + BODY, origin="s:2"),
    ]
    with Store.open(":memory:") as store:
        ingest_reports(store, docs)
        headlines = [row.headline or "" for row in store.stories(limit=10)]
    assert headlines and all(h.startswith("The council voted") for h in headlines)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # packaging pieces come off a real title
        ("BRIDGE CLOSED TO LORRIES (FOR RELEASE SUNDAY, NOV. 3)", "BRIDGE CLOSED TO LORRIES"),
        ("URGENT: Council closes old bridge", "Council closes old bridge"),
        ("Council closes old bridge (Part 1 of 2)", "Council closes old bridge"),
        ("$Adv12 COUNCIL CLOSES OLD BRIDGE", "COUNCIL CLOSES OLD BRIDGE"),
        ("Council closes old bridge, THE VALLEY POST", "Council closes old bridge"),
        ("Lorries Banned From Bridge in N.J.", "Lorries Banned From Bridge in N.J."),
        # no title at all: a note, a slug line, a digest label, a fragment, a cut-off title
        ("EDS: ADDS quotes from the mayor, details of the vote; ADDS", None),
        ("BC-NJ--Bridge Tolls,540", None),
        ("AP Top News at 2 a.m. EST", None),
        ("RIVERTON: the council said.", None),
        ("repairs. It is written by a council engineer who has worked in", None),
        ("Survey: Large Number of Bridges in Need of", None),
        ("555-010-2345.)", None),
        # kept: titles whose words only look like that
        ("Survey: Bridges Are Safe", "Survey: Bridges Are Safe"),
        ("Search for the Missing Barge Goes on", "Search for the Missing Barge Goes on"),
        ("A NEW BRIDGE, BY WAY OF THE RIVER", "A NEW BRIDGE, BY WAY OF THE RIVER"),
        ("iPhone sales fall in the valley", "iPhone sales fall in the valley"),
    ],
)
def test_title_packaging_and_fragments(title: str, expected: str | None) -> None:
    assert usable_title(title) == expected


def test_a_briefing_of_nothing_readable_has_no_placeholder_headline() -> None:
    only = Document("p", "For Use By Clients of the New York Times News Service\n\nENDIT")
    assert brief([only], 50).headline == ""


def test_a_briefing_headline_never_comes_from_a_budget() -> None:
    from test_clean import BUDGET

    docs = [
        Document("budget", BUDGET, title="Valley Post budget for Tuesday"),
        Document("a", BODY),
    ]
    assert brief(docs, 40).headline.startswith("The council voted on Tuesday")


def test_story_headlines_drop_mixed_case_datelines_and_keep_acronyms() -> None:
    import datetime as dt

    from newsbrief.stories.headline import HeadlineCandidate, clean_title, story_headline

    lead = "AUSTIN, Texas _ The NATO council voted on Tuesday to close the old bridge."
    assert story_headline([HeadlineCandidate(None, lead, dt.date(2000, 1, 4))]) == (
        "The NATO council voted on Tuesday to close the old bridge"
    )
    assert clean_title("NATO CLOSES THE OLD BRIDGE", lead) == "NATO Closes the Old Bridge"


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("_ The council voted on Tuesday to close the old bridge.", "The council voted on Tuesday"),
        ("-- Farmers counted their flood losses on Monday.", "Farmers counted their flood losses"),
        ("WHO PAYS FOR THE OLD BRIDGE IN RIVERTON?", "Who Pays for the Old Bridge in Riverton?"),
    ],
)
def test_story_headlines_from_leads_lose_list_marks_and_capitals(lead: str, expected: str) -> None:
    import datetime as dt

    from newsbrief.stories.headline import HeadlineCandidate, story_headline

    headline = story_headline([HeadlineCandidate(None, lead, dt.date(2000, 1, 4))])
    assert headline is not None and headline.startswith(expected)


def test_budgets_are_left_out_of_the_story_stream() -> None:
    from newsbrief.store import Store
    from newsbrief.stories import ingest_reports
    from test_clean import BUDGET

    docs = [
        Document("budget", BUDGET, title="Valley Post budget for Tuesday", origin="s:1"),
        Document("a", BODY, title="Council closes old bridge to lorries", origin="s:2"),
    ]
    with Store.open(":memory:") as store:
        report = ingest_reports(store, docs)
        headlines = [row.headline or "" for row in store.stories(limit=10)]
    assert report.advisories == 1 and report.added == 1
    assert headlines == ["Council closes old bridge to lorries"]


def test_a_story_of_packaging_alone_gets_no_packaging_headline() -> None:
    from newsbrief.store import Store
    from newsbrief.stories import ingest_reports

    blurb = "(Ana Ruiz is a contributing writer for the Valley Post Magazine.)\n\n------------"
    with Store.open(":memory:") as store:
        ingest_reports(store, [Document("blurb", blurb, origin="s:1")])
        headlines = [row.headline or "" for row in store.stories(limit=10)]
    assert headlines and not any("writer" in h or "---" in h for h in headlines)


def test_a_briefing_headline_comes_from_the_latest_reports() -> None:
    import datetime as dt

    from newsbrief.pipeline import brief

    first = Document(
        "a",
        "RIVERTON _ Rescuers tried on Monday to reach the miners trapped in the flooded "
        "shaft. Rescuers said the miners had air for two days. The rescuers pumped water "
        "from the shaft all night.",
        dt.date(2000, 8, 14),
        title="Rescuers try to reach trapped miners",
    )
    later = Document(
        "b",
        "RIVERTON _ All 12 miners trapped in the flooded shaft were found dead on Thursday, "
        "officials said. The rescuers had pumped water from the shaft for four days.",
        dt.date(2000, 8, 17),
        title="Trapped miners found dead",
    )
    assert brief([first, later]).headline == "Trapped miners found dead"
    # undated reports are all recent: the best title wins as before
    undated = [replace(d, date=None) for d in (first, later)]
    assert brief(undated).headline in {
        "Rescuers try to reach trapped miners",
        "Trapped miners found dead",
    }


def test_a_side_report_filed_last_does_not_headline_the_cluster() -> None:
    import datetime as dt

    from newsbrief.pipeline import brief

    def report(i: int, day: int, title: str, text: str) -> Document:
        return Document(f"r{i}", text, dt.date(2000, 8, day), title=title)

    story = (
        "RIVERTON _ Rescuers pumped water from the flooded mine shaft where 12 miners are "
        "trapped. Rescuers said the trapped miners had air for two days."
    )
    reports = [
        report(1, 14, "Rescuers pump water from flooded mine shaft", story),
        report(2, 15, "Trapped miners have air for two days, rescuers say", story),
        report(3, 16, "Flooded mine shaft: rescuers race to reach trapped miners", story),
        report(4, 28, "Valley choir gives its autumn concert",
               "RIVERTON _ The valley choir sang at the town hall on Sunday to a full house."),
    ]  # fmt: skip
    headline = brief(reports).headline
    assert "mine" in headline.lower() and "choir" not in headline.lower()


def test_a_dateline_in_capitals_is_no_acronym() -> None:
    from newsbrief.headline import acronyms

    found = acronyms(
        ["RIVERTON (AP) _ NATO troops reached Riverton on Monday.", "VELMAR Troops left."]
    )
    assert "NATO" in found and "RIVERTON" not in found and "VELMAR" not in found

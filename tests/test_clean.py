"""The cleaning stage: report packaging out, news kept, offsets unchanged.

Every snippet is written for these tests in the shape of real wire and web text;
none is taken from a licensed corpus.
"""

from __future__ import annotations

import json

import pytest

from newsbrief.clean import blank, clean_document, clean_documents, clean_title, find_cuts
from newsbrief.clean_rules import KINDS, RULES
from newsbrief.models import Cut, Document
from newsbrief.pipeline import brief
from newsbrief.render.json import briefing_to_dict
from newsbrief.segment import segment_document

LEAD = "The council voted on Tuesday to close the old bridge to heavy lorries for six months."


def kinds_of(text: str) -> list[str]:
    return [c.kind for c in find_cuts(text)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # bylines and credits
        ("By MARIA DELGADO c.2001 N.Y. Times News Service", "byline"),
        ("(lh) By PETER OKAFOR c.1999 N.Y. Times News Service", "byline"),
        ("By LENA BRANDT, Associated Press Writer", "byline"),
        ("By Tom Ellery and Ruth Kasper", "byline"),
        ("SAMUEL OTIENO, Associated Press Writer", "byline"),
        ("*Associated Press Writer", "byline"),
        ("Wire reporter Ana Ruiz contributed to this report.", "credit"),
        ("Story Filed By Cox Newspapers", "credit"),
        # service lines and copyright
        ("c.2000 N.Y. Times News Service", "service"),
        ("For Use By Clients of the New York Times News Service", "service"),
        ("NORTHLAND NEWS SERVICE (Distributed by New York Times Special Features)", "service"),
        ("Copyright 2000 The Daily Ledger. All rights reserved.", "copyright"),
        ("© 2023 Example Media Group", "copyright"),
        # slugs and routing codes
        ("BC-NJ--Bridge & Tolls,540", "slug"),
        ("NYT-04-11-00 1312EDT", "slug"),
        ("(PROFILE (WS SL:BC-Bridge-Closure; CT:i; (REG:EURO;)", "slug"),
        ("(REG:BRIT;)", "slug"),
        ("(mk)", "slug"),
        ("&HT;", "slug"),
        ("------", "slug"),
        # editor's notes and corrections
        ("(Eds: Tuesday in lede cq.)", "note"),
        ("ATTENTION EDITORS: This article from The Valley Post is for clients only.", "note"),
        ("EDITOR'S NOTE -- The author covered the council for ten years.", "note"),
        ("(To publish this article, call a syndicate sales representative.)", "note"),
        (
            "Correction: An earlier version of this story gave the wrong date for the vote.",
            "correction",
        ),
        # story-end markers
        ("ENDIT", "end"),
        ("MORE", "end"),
        ("(END OPTIONAL TRIM)", "end"),
        # contact lines
        ("E-mail Lena Brandt at lbrandt(at)ledger.com .", "contact"),
        ("(Ruth Kasper can be reached at 555-010-2345 or rkasper(at)post.com)", "contact"),
        ("Follow her on Twitter @ruthkasper", "contact"),
        # photo codes
        ("AP Photo XLR104 By SAMUEL OTIENO Associated Press Writer", "photo"),
        (
            "(NYT12) RIVERTON -- April 4, 2000 -- BRIDGE-CLOSE, 4-4 -- The old bridge at dusk.",
            "photo",
        ),
        ("(AP Photo/Lena Brandt)", "photo"),
        # web: captions and credits, video and JavaScript notices
        ("The old bridge at dusk on Monday. Photo: Lena Brandt/Reuters", "caption"),
        ("Image credit: Getty Images", "caption"),
        ("Please enable JavaScript to view this video.", "video"),
        ("Your browser does not support the video tag.", "video"),
        ("WATCH: Council members debate the closure", "video"),
        # web: share and related-story prompts
        ("Share this article", "share"),
        ("Share | Tweet | Email", "share"),
        ("READ MORE: Bridge repairs to cost millions", "related"),
        ("Related stories", "related"),
        # web: newsletter and subscription promos, print notes
        ("Sign up for our morning newsletter to get the news delivered to your inbox.", "promo"),
        ("Already a subscriber? Log in to continue reading.", "promo"),
        ("A version of this article appears in print on April 5, Section B, Page 3.", "print"),
        # link lists
        ("On the Net:", "links"),
        ("Riverton council: http://www.riverton.example.gov", "links"),
    ],
)
def test_packaging_lines_are_removed(line: str, kind: str) -> None:
    text = f"{line}\n\n{LEAD}\n\nThe repairs will cost about $2 million.\n\n{line}"
    cuts = find_cuts(text)
    assert cuts and {c.kind for c in cuts} == {kind}
    cleaned = clean_document(Document("d", text)).document.text
    assert LEAD in cleaned and line.strip() not in cleaned


@pytest.mark.parametrize(
    "line",
    [
        # quotes and reported speech are news, even when they name a newspaper or a site
        '"The Daily Ledger has it wrong," the mayor said of the report.',
        "The Valley Post first reported on Thursday that the bridge would close.",
        "Subscribers to the city's water service will pay 4 percent more, officials said.",
        "Share prices of the builder fell 8 percent after the announcement.",
        "Watch officials said the river would crest on Friday.",
        "Play resumed after a two-hour delay because of rain.",
        "By Monday, the water had fallen by half a metre.",
        "By the time crews arrived, the road had collapsed.",
        "Related charges were filed against two contractors, prosecutors said.",
        "Read the council's statement, the spokesman told reporters, and judge for yourself.",
        "The newsletter, which has 40,000 readers, called for the mayor to resign.",
        "Photographs of the damage were shared widely on social media, the police said.",
        "More than 300 people were evacuated from homes near the river.",
        "Correctional officers said the inmates were moved before the flood.",
        "EDITORS at the paper defended the decision in a statement on Tuesday.",
    ],
)
def test_news_is_kept(line: str) -> None:
    text = f"{LEAD}\n\n{line}\n\nThe repairs will cost about $2 million."
    assert find_cuts(text) == ()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a byline glued to the lead on one line
        (
            "By JANE OKORO c.2000 N.Y. Times News Service RIVERTON _ The bridge closed on Monday.",
            "RIVERTON _ The bridge closed on Monday.",
        ),
        # an operator code and an editor's note before the dateline
        (
            "(Eds: Updates with vote) RIVERTON (AP) -- The bridge closed on Monday.",
            "RIVERTON (AP) -- The bridge closed on Monday.",
        ),
        # a photo credit glued to the end of a caption-like paragraph
        (
            "The council met in the old town hall. (Ana Ruiz/Valley Post Photo)",
            "The council met in the old town hall.",
        ),
        # a story-end marker after the last sentence
        ("The vote was 7 to 2. ENDIT", "The vote was 7 to 2."),
    ],
)
def test_pieces_of_lines_are_removed(text: str, kept: str) -> None:
    cleaned = clean_document(Document("d", text)).document.text
    assert cleaned.strip() == kept


def test_every_rule_example_is_removed_as_its_kind() -> None:
    for rule in RULES:
        assert rule.kind in KINDS
        if rule.where == "title":
            assert rule.pattern.search(rule.example), rule.example
            assert clean_title(rule.example) == "Council closes the old bridge", rule.example
        else:
            assert rule.kind in kinds_of(rule.example), rule.example


WIRE = (
    "BC-Bridge-Closure,540\n"
    "(Eds: Tuesday in lede cq.)\n"
    "By MARIA DELGADO c.2001 N.Y. Times News Service\n\n"
    "RIVERTON _ The council voted on Tuesday to close the old bridge to heavy lorries.\n\n"
    "``The bridge is older than any of us,'' said Mayor Alma Ortiz. ``It needs rest.''\n\n"
    "Repairs will cost about $2 million, the council said.\n\n"
    "E-mail Maria Delgado at mdelgado(at)ledger.example.com .\n\n"
    "NYT-04-11-00 1312EDT\n"
)


def test_cleaning_keeps_length_and_offsets() -> None:
    doc = Document("d", WIRE)
    (result,) = clean_documents([doc])
    assert len(result.document.text) == len(WIRE)
    assert result.document.text.count("\n") == WIRE.count("\n")
    for s in segment_document(result.document):
        assert WIRE[s.start : s.end] == s.text  # evidence still matches the original text
    texts = [s.text for s in segment_document(result.document)]
    assert texts[0].startswith("The council voted")
    assert not any("Delgado" in t or "BC-" in t or "Eds" in t for t in texts)


def test_removed_counts_by_kind_reach_the_json() -> None:
    b = brief([Document("wire", WIRE)], 60)
    (source,) = briefing_to_dict(b)["sources"]
    removed = {r["kind"]: r["lines"] for r in source["removed"]}
    assert removed == {"byline": 1, "contact": 1, "note": 1, "slug": 2}
    assert all(r["chars"] > 0 for r in source["removed"])
    json.dumps(briefing_to_dict(b))  # stays plain JSON
    assert "Delgado" not in b.headline and "BC-" not in b.headline
    for item in b.summary:
        for e in item.evidence:
            assert WIRE[e.start : e.end] == item.text or e.relation == "paraphrase"


def test_blank_keeps_line_breaks() -> None:
    assert blank("ab\ncd", [Cut(0, 5, "slug")]) == "  \n  "
    (cut,) = find_cuts("ENDIT")
    assert blank("ENDIT\nx", [cut]) == "     \nx"


def test_a_report_that_is_all_packaging_is_briefed_without_it() -> None:
    only = Document("p", "For Use By Clients of the New York Times News Service\n\nENDIT")
    b = brief([only, Document("r", LEAD)], 50)
    assert [s.text for s in b.summary] == [LEAD]


PAGE = """<html><head><title>Council closes old bridge to lorries | Valley Post</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council closes old bridge to lorries</h1>
<p>By Ana Ruiz</p>
<p>RIVERTON — The council voted on Tuesday to close the old bridge to heavy lorries for six
months while engineers repair its cracked supports.</p>
<p>Share this article</p>
<p>The repairs will cost about $2 million, the council said, and will be paid from the roads
budget.</p>
<p>READ MORE: Bridge repairs to cost millions</p>
<p>"The bridge is older than any of us," Mayor Alma Ortiz said after the vote.</p>
<p>Sign up for our morning newsletter to get the news delivered to your inbox.</p>
<p>Please enable JavaScript to view this video.</p>
<p>Hauliers said the detour would add an hour to every trip through the valley.</p>
<p>A version of this article appears in print on April 5, Section B, Page 3.</p>
</article><footer>Copyright 2024 Valley Post. All rights reserved.</footer></body></html>"""


def test_web_page_packaging_that_survives_extraction_is_removed() -> None:
    pytest.importorskip("trafilatura")
    from newsbrief.ingest.html import parse_html

    doc = parse_html(PAGE, "page", "page.html")
    (result,) = clean_documents([doc])
    kinds = {c.kind for c in result.cuts}
    assert {"share", "related", "promo", "video", "print"} <= kinds
    texts = [s.text for s in segment_document(result.document)]
    assert texts[0].startswith("The council voted") or texts[0].startswith("RIVERTON")
    assert not any(
        w in t for t in texts for w in ("Share this", "READ MORE", "newsletter", "JavaScript")
    )
    assert any("Ortiz said" in t for t in texts)  # the quote is news
    assert brief([doc], 40).headline == "Council closes old bridge to lorries"

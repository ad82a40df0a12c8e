"""Stream inputs: article JSONL, RSS/Atom feeds, pages; bad items reported, never fatal."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsbrief.errors import InputError
from newsbrief.ingest.feeds import html_fragment_text, parse_feed
from newsbrief.ingest.stream import estimate_items, expand, iter_reports
from newsbrief.models import Document

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Riverton Ledger</title>
<item><title>Floods hit Riverton</title><link>https://ledger.example/1</link>
<guid>ledger-1</guid><pubDate>Tue, 10 Aug 2021 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Heavy rain flooded the river town of Riverton.&lt;/p&gt;&lt;p&gt;Crews used
boats to reach families.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>Empty item</title><guid>ledger-2</guid></item>
<item><title>Undated</title><guid>ledger-3</guid><description>Plain text body.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Nordmark Wire</title>
<entry><id>urn:wire:1</id><title>Vale party wins</title><updated>2021-08-11T22:00:00Z</updated>
<content type="html">&lt;p&gt;The Vale party won the election in Nordmark.&lt;/p&gt;</content>
<link href="https://wire.example/1"/></entry></feed>"""


def test_rss_entries_become_documents_and_bad_entries_problems() -> None:
    items = list(parse_feed(RSS, "ledger.xml", "ledger"))
    first, bad, undated = items
    assert isinstance(first, Document) and isinstance(undated, Document)
    assert first.id == "ledger-1" and first.outlet == "Riverton Ledger"
    assert first.date == dt.date(2021, 8, 10) and first.url == "https://ledger.example/1"
    assert first.text.startswith("Heavy rain flooded") and "alert" not in first.text
    assert "\n\n" in first.text  # paragraphs kept apart
    assert isinstance(bad, InputError) and bad.origin == "ledger.xml entry 2"
    assert undated.date is None and undated.text == "Plain text body."


def test_atom_feed() -> None:
    (doc,) = parse_feed(ATOM, "wire.atom", "wire")
    assert isinstance(doc, Document)
    assert (doc.id, doc.date, doc.outlet) == ("urn:wire:1", dt.date(2021, 8, 11), "Nordmark Wire")


def test_not_a_feed_is_one_problem() -> None:
    (problem,) = parse_feed(b"just some words", "x.xml", "x")
    assert isinstance(problem, InputError)


def test_fragment_text_drops_markup() -> None:
    assert html_fragment_text("<p>One <b>two</b></p><p>Three</p>") == "One two\n\nThree"


def test_stream_of_mixed_files_skips_bad_items(tmp_path: Path) -> None:
    jsonl = tmp_path / "articles.jsonl"
    good = {
        "id": "a1",
        "date": "2021-08-10",
        "title": "T",
        "text": "Body one.",
        "outlet": "O",
        "url": "https://o.example/a1",
    }
    jsonl.write_text(
        json.dumps(good)
        + "\n{not json\n\n"
        + json.dumps({"id": "a2", "text": ""})
        + "\n"
        + json.dumps({"id": "c", "documents": [{"id": "d1", "text": "Cluster doc."}]})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "feed.xml").write_bytes(RSS)
    (tmp_path / "note.txt").write_text("date 2021-08-12\nA text report.", encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    paths = list(expand([tmp_path, tmp_path / "missing.jsonl"]))
    assert estimate_items(paths) == 4 + 1 + 1 + 1
    items = list(iter_reports(paths))
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, InputError)]
    assert [d.id for d in docs] == ["a1", "d1", "ledger-1", "ledger-3", "note"]
    assert docs[0].url == "https://o.example/a1" and docs[0].outlet == "O"
    assert docs[-1].date == dt.date(2021, 8, 12)
    origins = sorted(p.origin for p in problems)
    assert origins[0].endswith("articles.jsonl:2") and "malformed JSON" in problems[0].problem
    assert any(o.endswith("articles.jsonl:4 document 1") for o in origins)
    assert any(o.endswith("feed.xml entry 2") for o in origins)
    assert any(o.endswith("missing.jsonl") for o in origins)


@pytest.mark.parametrize("name", ["page.html"])
def test_html_page_through_the_page_reader(tmp_path: Path, name: str) -> None:
    body = " ".join(["Firefighters battled the blaze at the Castor factory for nine hours."] * 8)
    (tmp_path / name).write_text(
        f"<html><head><title>Castor fire</title></head><body><article><h1>Castor fire</h1>"
        f"<p>{body}</p><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    (doc,) = iter_reports(expand([tmp_path / name]))
    assert isinstance(doc, Document) and "Castor factory" in doc.text

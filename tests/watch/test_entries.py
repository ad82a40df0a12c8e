"""Feed bytes to entries: the keys that identify an entry, summary-only entries, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from feedserver import Item, rss
from newsbrief.errors import InputError
from newsbrief.watch import read_feed

TODAY = dt.date(2030, 5, 6)
TEXT = "Heavy rain flooded the river town of Riverton on Tuesday, forcing 300 residents out."


def test_keys_from_guid_and_link_and_fragment_dropped() -> None:
    data = rss("F", [Item("g-1", "T", TEXT, link="https://n.example/a#comments")])
    (entry,) = read_feed(data, "http://feed", TODAY).entries
    assert entry.keys == ("id:g-1", "url:https://n.example/a")
    assert entry.document is not None and entry.document.url == "https://n.example/a"


def test_an_entry_with_neither_guid_nor_link_is_known_by_its_text() -> None:
    (entry,) = read_feed(rss("F", [Item(None, "T", TEXT)]), "http://feed", TODAY).entries
    assert len(entry.keys) == 1 and entry.keys[0].startswith("hash:")


@pytest.mark.parametrize(
    ("item", "summary_only"),
    [
        # full text in content:encoded
        (Item("a", "T", TEXT, link="https://n.example/a"), False),
        # only a description, with a link to the article
        (Item("b", "T", TEXT, link="https://n.example/b", content=False), True),
        # only a description and no link: nothing to fetch
        (Item("c", "T", TEXT, content=False), False),
        # a long description is the article itself
        (Item("d", "T", " ".join([TEXT] * 40), link="https://n.example/d", content=False), False),
    ],
)
def test_summary_only(item: Item, summary_only: bool) -> None:
    (entry,) = read_feed(rss("F", [item]), "http://feed", TODAY).entries
    assert entry.summary_only is summary_only


def test_dates_from_the_entry_else_today() -> None:
    dated, undated = read_feed(
        rss("F", [Item("a", "T", TEXT), Item("b", "T", TEXT + " More.", date=None)]),
        "http://feed",
        TODAY,
    ).entries
    assert dated.document is not None and dated.document.date == dt.date(2021, 8, 10)
    assert undated.document is not None and undated.document.date == TODAY


def test_an_entry_with_only_a_title_and_link_waits_for_its_page() -> None:
    data = rss("F", [Item("a", "Title only", "", link="https://n.example/a", content=False)])
    (entry,) = read_feed(data, "http://feed", TODAY).entries
    assert entry.document is None and entry.summary_only
    assert entry.problem is not None and "no text" in entry.problem.problem


def test_not_a_feed() -> None:
    with pytest.raises(InputError, match="not a readable RSS/Atom feed"):
        read_feed(b"plain text, no markup", "http://feed", TODAY)

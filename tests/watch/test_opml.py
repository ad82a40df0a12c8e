"""OPML subscription lists: nested folders, duplicates, bad files, no entity expansion."""

from __future__ import annotations

import pytest

from newsbrief.errors import InputError
from newsbrief.watch import Subscription, read_opml

NESTED = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
  <outline text="News">
    <outline text="Ledger" title="The Ledger" type="rss" xmlUrl="https://ledger.example/rss"/>
    <outline text="Post" type="rss" xmlUrl="https://post.example/atom.xml"/>
  </outline>
  <outline text="Again" xmlUrl="https://ledger.example/rss"/>
  <outline text="A folder with no feed"/>
</body></opml>"""


def test_nested_outlines_once_each_with_titles() -> None:
    assert read_opml(NESTED, "subs.opml") == [
        Subscription("https://ledger.example/rss", "The Ledger"),
        Subscription("https://post.example/atom.xml", "Post"),
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<opml><body><outline xmlUrl='x'>", "not well-formed"),  # truncated
        (b"<rss version='2.0'><channel/></rss>", "not an OPML file"),  # a feed, not OPML
        (b"<opml><body><outline text='empty'/></body></opml>", "names no feeds"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        read_opml(data, "subs.opml")
    assert caught.value.origin == "subs.opml"


def test_entity_declarations_are_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<opml><body><outline title="&b;" xmlUrl="https://x.example/rss"/></body></opml>'
    )
    with pytest.raises(InputError, match="declares XML entities"):
        read_opml(laughs, "laughs.opml")

"""Search: query words, odd queries, relevance with headline matches first, snippets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

import storydata
from newsbrief.models import Document
from newsbrief.store import Store
from newsbrief.store.search import MARK_END, MARK_START, parse_query, search_stories
from newsbrief.stories import ingest_reports

NOTE = Document(
    id="photo-note",
    title="Editors' note on the weekend photo package",
    text=(
        "Editors' note: the weekend photo package includes pictures from Riverton. "
        "Riverton images were taken by staff photographers; Riverton residents agreed to be "
        "photographed. The package also has portraits from the Ostby choir festival.\n\n"
        "Picture editors chose forty frames for the gallery, printed on glossy paper."
    ),
    date=dt.date(2021, 8, 14),
    outlet="Picture desk",
    origin="test",
)


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store.open(":memory:") as opened:
        ingest_reports(opened, [*storydata.documents(per_event=3), NOTE], brief=False)
        yield opened


@pytest.mark.parametrize(
    ("text", "words", "dropped"),
    [
        ("Riverton flood", ("riverton", "flood"), ()),  # plain words
        ("C++", (), ("c",)),  # one letter: not searchable
        ('"', (), ()),  # no word at all
        ('"; DROP TABLE x --', ("drop", "table"), ("x",)),  # FTS / SQL syntax ignored
        ("Riv*", ("riv",), ()),  # a prefix
        ("a* flood flood", ("flood",), ("a*",)),  # short prefix dropped, repeats once
        ("NEAR(a b) OR AND", ("near", "or", "and"), ("a", "b")),  # operators are just words
    ],
)
def test_parse_query(text: str, words: tuple[str, ...], dropped: tuple[str, ...]) -> None:
    query = parse_query(text)
    assert query.words == words and query.dropped == dropped


def test_headline_match_ranks_first(store: Store) -> None:
    result = search_stories(store, parse_query("Riverton"), limit=10, offset=0)
    assert result.mode == "all" and result.total >= 2
    first = result.hits[0]
    assert first.headline_match and "Riverton" in (first.story.headline or "")
    assert any(h.story.headline and "photo" in h.story.headline for h in result.hits[1:])


def test_snippet_marks_the_words(store: Store) -> None:
    (hit, *_) = search_stories(store, parse_query("Saarinen"), limit=5, offset=0).hits
    assert f"{MARK_START}Saarinen{MARK_END}" in hit.snippet


def test_every_word_else_any_word(store: Store) -> None:
    both = search_stories(store, parse_query("Saarinen coalition"), limit=10, offset=0)
    assert both.mode == "all" and both.total == 1
    either = search_stories(store, parse_query("Saarinen Lindale"), limit=10, offset=0)
    assert either.mode == "any" and either.total == 2


@pytest.mark.parametrize("text", ["C++", '"', "?", ""])
def test_nothing_searchable_finds_nothing(store: Store, text: str) -> None:
    result = search_stories(store, parse_query(text), limit=10, offset=0)
    assert (result.mode, result.total, result.hits) == ("none", 0, ())


def test_prefix_and_paging(store: Store) -> None:
    whole = search_stories(store, parse_query("Rivert*"), limit=10, offset=0)
    assert whole.total >= 2
    past = search_stories(store, parse_query("Rivert*"), limit=10, offset=100)
    assert past.total == whole.total and past.hits == ()

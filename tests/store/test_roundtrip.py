"""Round trips: what the store is given is what it gives back (property tests)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbrief.models import Document, Sentence
from newsbrief.store import Store, dedup

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
).filter(lambda t: t.strip() != "")
OPTIONAL = st.none() | st.text(max_size=40)
DOCUMENTS = st.builds(
    Document,
    id=st.text(min_size=1, max_size=30),
    text=TEXT,
    date=st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    title=OPTIONAL,
    kind=st.sampled_from(["article", "transcript"]),
    origin=st.text(max_size=30),
    outlet=OPTIONAL,
    url=OPTIONAL,
)


def _sentences(doc: Document) -> list[Sentence]:
    """Sentences every 10 characters: offsets are what the store keeps."""
    out = []
    for i, start in enumerate(range(0, len(doc.text), 10)):
        end = min(len(doc.text), start + 10)
        out.append(Sentence(0, doc.id, i, start, end, doc.text[start:end], i % 3, i % 2 == 0))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=DOCUMENTS)
def test_document_and_sentences_round_trip(doc: Document) -> None:
    with Store.open(":memory:") as store, store.transaction():
        sig = dedup.signature(doc.text)
        rowid = store.insert_document(doc, dedup.content_hash(doc.text), sig, _sentences(doc))
        stored = store.document(rowid)
        assert stored is not None
        assert stored.document == doc
        assert store.sentences(stored) == _sentences(doc)
        assert store.find_hash(dedup.content_hash(doc.text)) == rowid


@settings(max_examples=40, deadline=None)
@given(
    body=st.recursive(
        st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_briefing_body_round_trips(body: object) -> None:
    with Store.open(":memory:") as store, store.transaction():
        story = store.create_story()
        store.save_briefing(story, 1, [3, 1, 2], {"x": body})
        (row,) = store.briefings(story)
        assert row.body == {"x": body}
        assert row.documents == (3, 1, 2)


def test_only_the_current_and_previous_briefing_are_kept() -> None:
    with Store.open(":memory:") as store, store.transaction():
        story = store.create_story()
        for version in range(1, 5):
            store.save_briefing(story, version, [], {"v": version})
        assert [b.body["v"] for b in store.briefings(story, limit=10)] == [4, 3]

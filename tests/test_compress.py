"""Sentence compression: which asides go, which words never go, and exact spans."""

from __future__ import annotations

import pytest

from newsbrief.compress import compress, compress_sentences, join_pieces
from newsbrief.models import Document, Sentence
from newsbrief.segment import segment_documents


def _sentence(text: str, prefix: str = "") -> tuple[Document, Sentence]:
    doc = Document("d", prefix + text)
    return doc, Sentence(0, "d", 0, len(prefix), len(prefix) + len(text), text)


@pytest.mark.parametrize(
    ("text", "shorter"),
    [
        # a leading time clause
        (
            "Just weeks before the pullout is scheduled to end, the army is rushing fresh "
            "troops to the capital's airport.",
            "The army is rushing fresh troops to the capital's airport.",
        ),
        # a non-restrictive relative clause in the middle
        (
            "The mayor, who has led the town for a decade, closed the harbor road.",
            "The mayor closed the harbor road.",
        ),
        # a closing purpose clause
        (
            "The council sent extra crews to the harbor to help with the cleanup of the roads.",
            "The council sent extra crews to the harbor.",
        ),
        # transcript filler at the start
        (
            "So right now the ministry says it will keep a core team in the city.",
            "Right now the ministry says it will keep a core team in the city.",
        ),
    ],
)
def test_asides_are_left_out(text: str, shorter: str) -> None:
    doc, sentence = _sentence(text, prefix="Earlier text. ")
    variants = compress(0, sentence)
    assert shorter in {v.text for v in variants}
    for v in variants:  # every variant is made of exact pieces of the report
        assert join_pieces([doc.text[a:b] for a, b in v.spans]) == v.text
        assert all(sentence.start <= a < b <= sentence.end for a, b in v.spans)


@pytest.mark.parametrize(
    "text",
    [
        # a number in the clause
        "The mayor, who has led the town for 12 years, closed the harbor road today.",
        # a date
        "After the storm hit the coast in March, the council closed the harbor road.",
        # a negation
        "The mayor, who would not comment on the cost, closed the harbor road today.",
        # attribution
        "The crews were sent to the harbor to help with the cleanup, officials said.",
        "The mayor, who said the road was unsafe, closed the harbor road for the week.",
        # a full name
        "The council, which Maria Lopez chairs, closed the harbor road for the week.",
        # inside a quotation
        "“The crews, which came from the city, will stay all week,” the mayor told reporters.",
    ],
)
def test_protected_words_are_never_removed(text: str) -> None:
    _, sentence = _sentence(text)
    assert compress(0, sentence) == []


def test_quotations_and_chatter_are_not_compressed() -> None:
    docs = [
        Document(
            "t",
            "Joining us now is our correspondent on the harbor story.  "
            "So the crews are working through the night to clear the roads.",
            kind="transcript",
        )
    ]
    sentences = segment_documents(docs)
    variants = compress_sentences(sentences)
    assert all(not sentences[v.source].is_chatter for v in variants)
    assert [v.text for v in variants] == [
        "The crews are working through the night to clear the roads."
    ]


def test_a_variant_too_short_to_stand_is_dropped() -> None:
    _, sentence = _sentence("Before the storm came ashore late, crews left.")
    assert compress(0, sentence) == []


def test_join_pieces_attaches_punctuation_and_capitalises() -> None:
    assert join_pieces(["the army moved", "."]) == "The army moved."
    assert join_pieces(["The mayor", "closed the road."]) == "The mayor closed the road."

"""Citations: which sentences of other reports count as stating the same thing."""

from __future__ import annotations

import pytest

from newsbrief.cite import cite
from newsbrief.models import Document
from newsbrief.represent import TfidfRepresenter, cosine_matrix, tokenize
from newsbrief.segment import segment_documents


def cited_reports(texts: list[str], threshold: float = 0.3) -> tuple[int, ...]:
    docs = [Document(f"d{i}", t) for i, t in enumerate(texts)]
    sentences = segment_documents(docs)
    tokens = [tokenize(s.text) for s in sentences]
    sims = cosine_matrix(TfidfRepresenter().vectors([s.text for s in sentences], tokens))
    return cite([0], sentences, tokens, sims, threshold)[0].doc_numbers


@pytest.mark.parametrize(
    ("other", "cited"),
    [
        # the same figure and two more shared words, reworded
        ("The Pentagon is sending 3000 troops to help evacuate the embassy.", (1, 2)),
        # near-verbatim copy
        (
            "The army is rushing 3,000 troops to the embassy in Kabul to help the evacuation.",
            (1, 2),
        ),
        # the figure alone is not enough
        ("Officials counted 3,000 ballots in the northern district.", (1,)),
        # unrelated sentence
        ("The weather in the capital was mild for the season.", (1,)),
    ],
)
def test_paraphrase_and_figure_matches(other: str, cited: tuple[int, ...]) -> None:
    first = "The army is rushing 3,000 troops to the embassy in Kabul to help the evacuation."
    assert cited_reports([first, other]) == cited


def test_evidence_offsets_and_relations() -> None:
    docs = [
        Document("a", "Intro line here. The army is rushing 3,000 troops to the Kabul embassy."),
        Document("b", "Unrelated opening words. The army sent 3000 troops to the Kabul embassy."),
    ]
    sentences = segment_documents(docs)
    tokens = [tokenize(s.text) for s in sentences]
    sims = cosine_matrix(TfidfRepresenter().vectors([s.text for s in sentences], tokens))
    item = cite([1], sentences, tokens, sims, 0.3)[0]
    assert [e.relation for e in item.evidence] == ["selected", "paraphrase"]
    for e in item.evidence:
        doc = docs[e.doc_index]
        assert (
            doc.text[e.start : e.end]
            == sentences[[s.sid for s in sentences].index(f"{e.doc_id}:{e.sentence}")].text
        )

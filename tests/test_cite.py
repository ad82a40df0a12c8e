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


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "He is accused of kidnapping, robbery and first-degree murder.",
            "His lawyer said the state failed to prove the murder was planned or that he "
            "kidnapped anyone.",
            False,
        ),
        (
            "Police found no evidence of a bomb aboard.",
            "Police found evidence of a bomb aboard.",
            False,
        ),
        (
            "The airline refused to release the passenger list.",
            "The airline released the passenger list.",
            False,
        ),
        ("The court upheld the robbery conviction.", "Judges upheld the robbery conviction.", True),
    ],
)
def test_a_verb_that_negates_is_a_negation(a: str, b: str, same: bool) -> None:
    from newsbrief.cite import fact_signature, same_fact

    assert same_fact(fact_signature(a), fact_signature(b)) is same


def test_a_hedged_statement_is_not_grouped_with_a_plain_one() -> None:
    from newsbrief.cite import fact_signature, same_fact

    feared = fact_signature("The 90 people on board are all feared dead.")
    killed = fact_signature("All 90 people on board were killed.")
    assert not same_fact(feared, killed, strict=False)
    assert same_fact(killed, fact_signature("The crash killed all 90 people on board."),
                     strict=False)  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # names meet on the word that ends one of them: a surname, a short form
        ("Mark O. Barton killed nine people at two offices.",
         "Police said Barton killed nine people at the two offices.", True),
        # a shared modifier is not a shared name: two other agencies
        ("The U.S. Coast Guard was searching for the plane with the Air National Guard.",
         "The National Transportation Safety Board hopes to learn why the plane fell.", False),
        # a large shared figure, but sent to another place: another deployment
        ("Officials said 3,000 troops will be sent to Kuwait to stand by.",
         "The Pentagon is rushing 3,000 troops to the Kabul airport.", False),
        # the same place, named more or less fully
        ("Officials said 3,000 troops will be sent to the Kabul airport.",
         "The Pentagon is rushing 3,000 troops to Kabul.", True),
        # "according to" names a source, not a place
        ("The submarine carries a crew of 107 sailors, according to Interfax.",
         "The submarine has a crew of 107 sailors in the Barents Sea.", True),
        # a possessive is the same name and the same word
        ("The plane was bound for Martha's Vineyard with the district attorney's aide.",
         "The plane was bound for Martha's Vineyard with the district attorney aboard.", True),
    ],
)  # fmt: skip
def test_names_and_places_must_meet(a: str, b: str, same: bool) -> None:
    from newsbrief.cite import fact_signature, same_fact

    assert same_fact(fact_signature(a), fact_signature(b), strict=False) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # a year left out is background, not another quantity
        ("Turnout was 61 percent, the highest since 2011.",
         "Turnout looks to be around 61 percent.", True),
        # any other figure left out is another quantity: nine killed, at two offices
        ("The gunman killed nine people at two offices.", "The gunman killed nine people.",
         False),
        # the whole and a part: nine killed and 13 wounded is not "13 were wounded"
        ("The gunman killed nine people and wounded 13 others at the offices.",
         "At least 13 other people were wounded at the offices.", False),
        # two facts in one sentence; the other report states only one of them
        ("The vessel can stay at sea for up to 120 days and carries a 107-man crew.",
         "The vessel can stay at sea for up to 120 days, the agency reported.", False),
    ],
)  # fmt: skip
def test_a_sentence_may_leave_out_only_years(a: str, b: str, same: bool) -> None:
    from newsbrief.cite import fact_signature, same_fact

    assert same_fact(fact_signature(a), fact_signature(b), strict=False) is same


@pytest.mark.parametrize(
    ("a", "b", "anchored"),
    [
        # only topic words and the event's own name: not one fact for sure
        ("Barton later committed suicide when police closed in on his van.",
         "Hours later, he committed suicide.", False),
        # one small shared figure and the event's own name: another fact about the same man
        ("The widow of a man killed by Mark Barton at two firms filed the first lawsuit.",
         "Colleagues of Mark Barton were among those killed at two trading offices.", False),
        # two shared figures, even small ones
        ("Barton killed nine people at two offices.", "Barton killed nine people at two firms.",
         True),
        # a large shared figure
        ("The crash killed all 217 people aboard.", "All 217 people aboard were killed.", True),
        # a name the event's reports do not all give
        ("He was an assistant district attorney in Manhattan.",
         "He joined the Manhattan district attorney's office.", True),
    ],
)  # fmt: skip
def test_a_citation_anchor_is_a_figure_or_a_name_not_the_events_own(
    a: str, b: str, anchored: bool
) -> None:
    from newsbrief.cite import anchored as is_anchored
    from newsbrief.cite import fact_signature

    common = frozenset({"barton"})
    assert is_anchored(fact_signature(a), fact_signature(b), common) is anchored


def test_the_events_own_names_are_those_half_the_reports_give() -> None:
    from newsbrief.cite import common_names

    texts = [
        (0, "Police said Mark Barton fled."),
        (1, "Officers said Barton fled to Acworth."),
        (2, "The shooting at Momentum Securities shocked traders."),
        (3, "A quiet day."),
    ]
    assert common_names(texts) == frozenset({"barton"})


@pytest.mark.parametrize(
    ("score", "cited"),
    [
        (0.35, (1,)),  # weakly similar and no anchor: not cited
        (0.45, (1, 2)),  # similar enough to stand without one
    ],
)
def test_an_unanchored_citation_needs_a_higher_similarity(
    score: float, cited: tuple[int, ...]
) -> None:
    import numpy as np

    docs = [
        Document("a", "Barton later committed suicide when police closed in on his van."),
        Document("b", "Hours later, Barton committed suicide."),
        Document("c", "Barton's lawyer spoke on Friday."),
    ]
    sentences = segment_documents(docs)
    tokens = [tokenize(s.text) for s in sentences]
    sims = np.eye(3)
    sims[0, 1] = sims[1, 0] = score
    assert cite([0], sentences, tokens, sims, 0.3)[0].doc_numbers == cited

"""The whole briefing on the seeds and on made-up clusters: budget, citations, order."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbrief.compress import join_pieces
from newsbrief.config import Settings
from newsbrief.errors import ConfigError, InputError
from newsbrief.models import Document
from newsbrief.pipeline import brief
from newsbrief.represent import TfidfRepresenter, cosine_matrix, tokenize
from newsbrief.segment import segment_documents
from newsbrief.select import depends_on_context, is_background

FAST = Settings(analysis=False)


@pytest.fixture(scope="module")
def seed_briefing(seed_documents):
    return brief(seed_documents, settings=FAST)


def test_summary_is_within_budget_and_not_empty(seed_briefing) -> None:
    assert 0 < seed_briefing.word_count <= 100
    assert len(seed_briefing.summary) >= 3


def test_every_citation_resolves_to_a_real_matching_span(seed_documents, seed_briefing) -> None:
    by_id = {d.id: d for d in seed_documents}
    sentences = {s.sid: s for s in segment_documents(seed_documents)}
    for item in seed_briefing.summary:
        primary = item.evidence[0]
        assert primary.relation == "selected"
        source = by_id[primary.doc_id].text
        if item.compressed:  # the kept pieces, inside the source sentence
            assert all(primary.start <= a < b <= primary.end for a, b in item.spans)
            assert join_pieces([source[a:b] for a, b in item.spans]) == item.text
        else:
            assert source[primary.start : primary.end] == item.text
        for ev in item.evidence:
            sentence = sentences[f"{ev.doc_id}:{ev.sentence}"]
            assert by_id[ev.doc_id].text[ev.start : ev.end] == sentence.text
            assert seed_briefing.sources[ev.doc_index].id == ev.doc_id


def test_same_fact_from_several_reports_is_cited_to_each(seed_briefing) -> None:
    # The 650-troop figure is in the 12 Aug article and the NPR transcript.
    item = next(s for s in seed_briefing.summary if "650" in s.text)
    assert item.doc_numbers == (1, 3)


def test_reworded_figure_is_cited_to_each_report(seed_briefing) -> None:
    # "rushing 3,000 fresh troops" (13 Aug) and "sending 3000 U.S. troops" (NPR).
    item = next(s for s in seed_briefing.summary if "3,000" in s.text)
    assert item.doc_numbers == (2, 3)


def test_no_two_summary_sentences_are_near_duplicates(seed_briefing) -> None:
    texts = [s.text for s in seed_briefing.summary]
    sims = cosine_matrix(TfidfRepresenter().vectors(texts, [tokenize(t) for t in texts]))
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            assert sims[i, j] < FAST.redundancy_threshold, (texts[i], texts[j])


def test_transcript_chatter_is_never_selected(seed_documents) -> None:
    chatter = {s.text for s in segment_documents(seed_documents) if s.is_chatter}
    for budget in (30, 100, 250, 1000):
        chosen = {s.text for s in brief(seed_documents, budget, settings=FAST).summary}
        assert not chosen & chatter


def test_sentences_are_in_news_order(seed_briefing) -> None:
    # The lead stands alone; after it, report date then position; background last
    # ("The Pentagon had allowed a total of 650 troops...").
    assert not depends_on_context(seed_briefing.summary[0].text)
    rest = [
        (is_background(s.text), s.evidence[0].doc_index, s.evidence[0].sentence)
        for s in seed_briefing.summary[1:]
    ]
    assert rest == sorted(rest)
    assert rest[-1][0] and "650" in seed_briefing.summary[-1].text


@pytest.mark.parametrize("budget", [20, 40])
def test_a_short_briefing_says_what_happened(seed_documents, budget: int) -> None:
    # The news of the seeds: 3,000 troops sent to Kabul. At 20 words no whole sentence
    # holding both fits; a compressed one does, cited to the words it keeps.
    b = brief(seed_documents, budget, settings=FAST)
    assert b.word_count <= budget
    lead = b.summary[0]
    assert "3,000" in lead.text and "Kabul" in lead.text
    assert not depends_on_context(lead.text)
    assert lead.doc_numbers == (2, 3)


@pytest.mark.parametrize("budget", [20, 30, 40, 60, 100, 250])
def test_the_first_sentence_never_leans_on_context(seed_documents, budget: int) -> None:
    b = brief(seed_documents, budget, settings=FAST)
    assert b.summary and not depends_on_context(b.summary[0].text)


@pytest.mark.parametrize("budget", [20, 100])  # a headline-sized briefing and the default
def test_compressed_sentences_are_flagged_and_never_used_when_disabled(
    seed_documents, budget: int
) -> None:
    compressed = [s for s in brief(seed_documents, budget, settings=FAST).summary if s.compressed]
    assert compressed and all(s.spans for s in compressed)
    off = brief(seed_documents, 40, settings=Settings(analysis=False, compress_budget=0))
    assert not any(s.compressed or s.spans for s in off.summary)


def test_headline_is_a_standalone_sentence_from_the_reports(seed_briefing, seed_documents) -> None:
    assert seed_briefing.headline
    assert any(seed_briefing.headline in d.text for d in seed_documents)
    assert not seed_briefing.headline.lower().startswith(("this ", "he ", "it "))


def test_output_is_deterministic(seed_documents, seed_briefing) -> None:
    assert brief(seed_documents, settings=FAST) == seed_briefing


def test_sources_are_numbered_by_date_undated_last(seed_briefing) -> None:
    assert [s.number for s in seed_briefing.sources] == [1, 2, 3]
    assert seed_briefing.sources[-1].date is None
    assert "undated" in " ".join(seed_briefing.notes)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(budget=st.integers(min_value=1, max_value=400))
def test_any_budget_is_respected(seed_documents, budget: int) -> None:
    b = brief(seed_documents, budget, settings=FAST)
    assert b.word_count <= budget
    assert b.max_words == budget


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_document_order_does_not_change_the_summary(
    seed_documents, seed_briefing, seed: int
) -> None:
    shuffled = list(seed_documents)
    random.Random(seed).shuffle(shuffled)
    assert brief(shuffled, settings=FAST) == seed_briefing


def test_tiny_budget_gives_empty_summary_with_a_note(seed_documents) -> None:
    b = brief(seed_documents, 3, settings=FAST)
    assert b.summary == () and any("fits" in n for n in b.notes)


def test_single_document_is_summarised() -> None:
    text = (
        "The city council approved a new budget for parks on Monday evening. "
        "The budget adds money for parks and libraries across the city. "
        "Council members said the parks budget would hire more staff. "
        "The mayor is expected to sign the budget next week."
    )
    b = brief([Document("only", text)], 25, settings=FAST)
    assert 0 < b.word_count <= 25
    assert all(s.doc_numbers == (1,) for s in b.summary)


def test_errors() -> None:
    with pytest.raises(InputError):
        brief([], settings=FAST)
    with pytest.raises(ConfigError):
        brief([Document("a", "Some text here.")], 0, settings=FAST)

"""Selection: budget, chatter, query steering, short budgets and news order."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.config import Settings
from newsbrief.models import Document
from newsbrief.pipeline import brief
from newsbrief.represent import cosine_matrix, tfidf_matrix, tokenize
from newsbrief.segment import segment_documents
from newsbrief.select import (
    DEFAULT_TUNING,
    ConceptILPSelector,
    GreedySelector,
    SelectionInput,
    Tuning,
    concept_weights,
    depends_on_context,
    is_background,
    query_profile,
    word_weights,
)

STORM = (
    Document(
        "a",
        "A powerful storm hit the northern coast on Sunday, flooding roads in three towns. "
        "The storm brought winds of 120 kilometers an hour and heavy rain. "
        "About 30,000 homes lost power after the winds knocked down power lines. "
        "The town's annual music festival was canceled.",
        date=dt.date(2024, 2, 4),
    ),
    Document(
        "b",
        "The storm that hit the northern coast on Sunday flooded roads in three towns. "
        "Winds reached 120 kilometers an hour. "
        "Schools in the three towns will stay closed on Monday.",
        date=dt.date(2024, 2, 4),
    ),
    Document(
        "c",
        "Roads in three towns on the northern coast were flooded by Sunday's storm. "
        "Schools will stay closed on Monday while crews clear the roads. "
        "Fishing boats stayed in the harbor for a second day.",
        date=dt.date(2024, 2, 5),
    ),
)
SETTINGS = Settings(analysis=False)


def summary_text(query: str | None, max_words: int = 30) -> str:
    briefing = brief(STORM, max_words, query=query, settings=SETTINGS)
    assert briefing.word_count <= max_words
    return " ".join(s.text for s in briefing.summary)


def test_without_query_the_shared_story_wins() -> None:
    assert "flood" in summary_text(None)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("How many homes lost power?", "30,000 homes lost power"),  # one report only
        ("What happened to the music festival?", "festival was canceled"),
        ("Discuss the fishing boats. Include information on the harbor.", "Fishing boats"),
    ],
)
def test_query_brings_its_sentences_in(query: str, expected: str) -> None:
    assert expected not in summary_text(None)
    assert expected in summary_text(query)


def test_query_keeps_citations() -> None:
    briefing = brief(STORM, 30, query="power lines", settings=SETTINGS)
    assert all(s.evidence for s in briefing.summary)


def test_query_profile_drops_framing_words_and_expands() -> None:
    data = _input("Discuss the power outages. Include information on repairs.", 50)
    profile = query_profile(data)
    assert {"power", "outag", "repair"} <= profile.keys()
    assert not {"discuss", "includ", "inform"} & profile.keys()
    assert profile["power"] == 1.0
    expansion = {t: w for t, w in profile.items() if w < 1.0}
    assert expansion and all(w == DEFAULT_TUNING.expansion_weight for w in expansion.values())


def test_query_concepts_survive_the_document_frequency_bar() -> None:
    generic = concept_weights(_input(None, 50))
    steered = concept_weights(_input("homes without power", 50))
    assert "lost power" not in generic  # said by one report only
    assert "lost power" in steered


@pytest.mark.parametrize("selector", [ConceptILPSelector(), GreedySelector()])
@pytest.mark.parametrize("max_words", [5, 12, 40])
def test_budget_is_a_hard_maximum(selector: object, max_words: int) -> None:
    data = _input("power", max_words)
    chosen = selector.select(data)  # type: ignore[attr-defined]
    assert sum(data.sentences[i].n_words for i in chosen) <= max_words


def test_transcript_chatter_is_never_selected_even_when_asked_for() -> None:
    transcript = Document(
        "t",
        "Thank you for joining us to talk about the storm and the power cuts.  "
        "Yeah Audie it really is a mess with the storm and the power cuts.  "
        "Crews restored power to most homes on Monday night.",
        kind="transcript",
    )
    chatter = [s.text for s in segment_documents([transcript]) if s.is_chatter]
    assert len(chatter) == 2  # precondition: the segmenter flags both
    briefing = brief((transcript, *STORM), 60, query="storm power cuts", settings=SETTINGS)
    chosen = {s.text for s in briefing.summary}
    assert not chosen & set(chatter)
    assert "Crews restored power to most homes on Monday night." in chosen


def _input(
    query: str | None, max_words: int, documents: tuple[Document, ...] = STORM
) -> SelectionInput:
    sentences = segment_documents(documents)
    tokens = tuple(tuple(tokenize(s.text)) for s in sentences)
    vectors = tfidf_matrix([[t for t in toks if len(t) > 1] for toks in tokens])
    return SelectionInput(
        sentences=sentences,
        tokens=tokens,
        similarity=cosine_matrix(vectors),
        n_documents=len(documents),
        max_words=max_words,
        min_words=min(6, max_words),
        query=query,
    )


COUNTS = Tuning(generic_word_model=None, query_word_model=None)  # word weights: report counts


def test_word_weights_count_reports_above_the_bar() -> None:
    data = _input(None, 50)
    words = word_weights(data, COUNTS)
    # "storm" is in all three reports, "school" in two, "festival" in one (below the bar).
    assert words["storm"] == pytest.approx(3 * DEFAULT_TUNING.word_weight)
    assert words["school"] == pytest.approx(2 * DEFAULT_TUNING.word_weight)
    assert "festiv" not in words
    assert not word_weights(data, Tuning(word_weight=0.0))


# Four reports of a port strike. "Dockers" and "wages" are each in three reports, but
# "dockers" opens every one of them while "wages" comes late; "containers" is in two.
STRIKE = (
    *(
        Document(
            f"s{k}",
            f"Dockers walked out at the port on Monday, report {k} said. "
            "Ships waited outside the harbor. Trucks lined the road to the gates. "
            + ("Containers piled up on the quays. " if k < 2 else "")
            + ("The union wants higher wages for night shifts." if k > 0 else ""),
            date=dt.date(2024, 4, 1),
        )
        for k in range(3)
    ),
    Document(
        "s3",
        "Ships waited outside the harbor for a second day. The union wants higher wages.",
        date=dt.date(2024, 4, 2),
    ),
)


def test_word_model_weighs_words_by_expected_use_in_summaries() -> None:
    data = _input(None, 100, STRIKE)
    counted, modelled = word_weights(data, COUNTS), word_weights(data)
    # Report counts cannot tell a lead word from a late one; the model can.
    assert counted["docker"] == counted["wage"]
    assert modelled["docker"] > modelled["wage"]
    # Fewer reports, less weight, under both.
    assert modelled["wage"] > modelled["contain"]
    assert counted.keys() == modelled.keys()  # the same words pass the bar


def test_query_word_model_raises_query_terms() -> None:
    generic = word_weights(_input(None, 100, STRIKE))
    asked = word_weights(_input("What do the dockers' union want in wages?", 100, STRIKE))
    # Relative to a word the query does not name, "wages" gains weight once asked about.
    assert asked["wage"] / asked["ship"] > generic["wage"] / generic["ship"]


# Ten reports of a dam burst; every one says villages were emptied and everyone was
# evacuated, three that the night was quiet. Two candidates tell the burst: one holds
# the widely reported words "villages" and "evacuated" (in no shared bigram), the other
# a bigram three reports share ("quiet night").
DAM = tuple(
    Document(
        f"r{k}",
        "The dam burst. Villages emptied; everyone evacuated."
        + (" Quiet night." if k < 3 else "")
        + (
            " Officials said the dam burst and villages were evacuated."
            if k == 8
            else " Officials said the dam burst on a quiet night."
            if k == 9
            else ""
        ),
        date=dt.date(2024, 3, 1),
    )
    for k in range(10)
)


@pytest.mark.parametrize(
    ("word_weight", "expected"),
    [
        (0.0, "quiet night"),  # bigrams alone: the shared bigram wins
        (1.0, "villages were evacuated"),  # words told by every report outweigh it
    ],
)
def test_content_word_coverage_counts_in_the_objective(word_weight: float, expected: str) -> None:
    data = _input(None, 10, DAM)  # room for one of the two candidates
    # context_budget=0: no short-budget lead is imposed, the objective alone decides.
    tuning = Tuning(word_weight=word_weight, context_budget=0)
    chosen = ConceptILPSelector(tuning).select(data)
    assert [data.sentences[i].text for i in chosen] == [
        next(s.text for s in data.sentences if expected in s.text)
    ]


@pytest.mark.parametrize(
    ("text", "dependent"),
    [
        ("The move comes as the rebels advance on the capital.", True),  # which move?
        ("He said the talks would resume.", True),  # pronoun opening
        ("But the army has not put up much resistance.", True),  # connective
        ("So right now the ministry says it will stay.", True),  # transcript filler
        ("These troops will guard the airport.", True),  # demonstrative
        ("The army is sending 3,000 troops to the capital.", False),
        ("Heavy rain flooded the coast on Sunday.", False),  # "He" only as a word start
        ("Thousands fled the city overnight.", False),  # "The" only as a word start
    ],
)
def test_depends_on_context(text: str, dependent: bool) -> None:
    assert depends_on_context(text) is dependent


@pytest.mark.parametrize(
    ("text", "date", "background"),
    [
        ("The submarine was commissioned in 1995.", dt.date(2000, 8, 14), True),
        ("The rebels had captured the city before the talks.", None, True),  # past perfect
        ("The rebels ruled the country from 1996 until 2001.", dt.date(2021, 8, 13), True),
        ("The talks began two years ago.", None, True),
        ("The rebels took the city in 2021.", dt.date(2021, 8, 13), False),  # this year: news
        ("The army is sending 3,000 troops.", dt.date(2021, 8, 13), False),
    ],
)
def test_is_background(text: str, date: dt.date | None, background: bool) -> None:
    assert is_background(text, date) is background


AIRPORT = (
    Document(
        "a",
        "The army is flying extra troops to the capital's airport to guard the evacuation. "
        "The move comes as rebels advance on the capital from three directions at once.",
        date=dt.date(2024, 3, 1),
    ),
    Document(
        "b",
        "Rebels advance on the capital from three directions, witnesses said on Friday. "
        "The move comes as rebels advance on the capital from the north and the west.",
        date=dt.date(2024, 3, 2),
    ),
    Document(
        "c",
        "Extra troops are flying to the capital's airport as rebels advance on the capital.",
        date=dt.date(2024, 3, 2),
    ),
)


@pytest.mark.parametrize("budget", [16, 20, 30])
def test_small_budget_never_takes_a_dependent_sentence_alone(budget: int) -> None:
    briefing = brief(AIRPORT, budget, settings=SETTINGS)
    texts = [s.text for s in briefing.summary]
    assert texts and not depends_on_context(texts[0])
    for s in briefing.summary:
        if depends_on_context(s.text):  # then the sentence before it is there too
            before = s.evidence[0].sentence - 1
            assert any(
                o.evidence[0].doc_id == s.evidence[0].doc_id and o.evidence[0].sentence == before
                for o in briefing.summary
            )


def test_news_order_puts_background_last_and_the_lead_first() -> None:
    docs = (
        Document(
            "a",
            "The submarine Kursk was commissioned in 1995 and carried 118 sailors. "
            "Rescuers reached the sunken submarine Kursk on Monday after a week of storms.",
            date=dt.date(2000, 8, 21),
        ),
        Document(
            "b",
            "Rescuers reached the sunken submarine Kursk on Monday and found no survivors. "
            "The submarine Kursk had sunk after two explosions in the Barents Sea.",
            date=dt.date(2000, 8, 21),
        ),
    )
    texts = [s.text for s in brief(docs, 100, settings=SETTINGS).summary]
    assert texts[0].startswith("Rescuers reached")
    flags = [is_background(t) for t in texts[1:]]  # the news, then the history
    assert flags == sorted(flags) and flags[-1]

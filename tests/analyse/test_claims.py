"""Claims: clauses, paraphrase-aware grouping, labels and coverage."""

from __future__ import annotations

import datetime as dt

import numpy as np

from newsbrief.analyse import analyse_reports
from newsbrief.analyse.claims import LexicalSimilarity, coverage, find_claims, group_claims
from newsbrief.models import Document, Evidence, SummarySentence
from newsbrief.represent import TfidfRepresenter, cosine_matrix, tokenize
from newsbrief.segment import segment_documents


def analyse(*docs: Document, summary_of: tuple[int, ...] = ()):
    sentences = segment_documents(docs)
    toks = [tokenize(s.text) for s in sentences]
    sim = cosine_matrix(TfidfRepresenter().vectors([s.text for s in sentences], toks))
    summary = tuple(SummarySentence(sentences[i].text, (Evidence.of(sentences[i]),))
                    for i in summary_of)  # fmt: skip
    return analyse_reports(docs, sentences, summary, sim)


def test_paraphrase_classes_see_what_word_overlap_misses() -> None:
    # "rushing 3,000 fresh troops" and "sending 3000 soldiers": few shared words
    texts = [
        "The administration is rushing 3,000 fresh troops to the airport.",
        "The Pentagon is sending 3000 soldiers to the airport.",
        "The museum opened a new wing for modern sculpture.",
    ]
    sim = LexicalSimilarity().matrix(texts)
    assert sim[0, 1] > 0.4 and sim[0, 2] < 0.1


def test_but_splits_a_sentence_into_two_claims(make_locator) -> None:
    docs, loc = make_locator(
        "The State Department said the embassy will continue functioning, but the decision "
        "to bring in thousands of troops is a sign of waning confidence."
    )
    claims = find_claims(loc.sentences, loc)
    assert [c.text for c in claims] == [
        "The State Department said the embassy will continue functioning",
        "the decision to bring in thousands of troops is a sign of waning confidence.",
    ]
    assert all(docs[0].text[c.mention.start : c.mention.end] == c.text for c in claims)


def test_update_contradiction_and_coverage() -> None:
    day1, day2 = dt.date(2024, 6, 4), dt.date(2024, 6, 5)
    a = Document("a", "Harlow Motors will cut 1,200 jobs at its Kestrel plant.", day1)
    b = Document("b", "Harlow Motors will cut 1,500 jobs at its Kestrel plant.", day2)
    c = Document("c", "Harlow Motors will cut 1,500 jobs at its Kestrel plant.", day1)
    (g,) = [g for g in analyse(a, b).claims if g.status != "single"]
    # later report, other figure: an update, not a contradiction
    assert (g.status, g.divergence and g.divergence.kind) == ("divergent", "update")
    (g,) = [g for g in analyse(a, c, summary_of=(0,)).claims if g.status != "single"]
    # same day, other figure: a contradiction; the summary states it, so it is covered
    assert (g.divergence and g.divergence.kind, g.covered) == ("contradiction", True)


def test_a_report_restating_a_fact_joins_once_the_group_exists() -> None:
    # Groups form across reports first (one claim per report), so two statements of one
    # report never make a group alone; a restatement then joins the cross-report group.
    a = Document("a", "The fire burned 500 acres near the town. The fire burned 500 acres.")
    b = Document("b", "Officials said the fire burned 500 acres near the town.")
    c = Document("c", "The fire burned 500 acres near the town. The fire burned 500 acres.")
    groups = [g for g in analyse(a, b).claims if g.status != "single"]
    assert len(groups) == 1 and [m.mention.doc_index for m in groups[0].claims] == [0, 0, 1]
    assert all(g.status == "single" for g in analyse(c).claims)


def test_coverage_counts() -> None:
    claims = group_claims([], (), ())
    assert claims == () and coverage(claims).n_claims == 0
    assert isinstance(LexicalSimilarity().matrix(["a b c"]), np.ndarray)


def test_embedding_backend_groups_paraphrases_without_shared_words() -> None:
    from newsbrief.analyse.claims import EmbeddingSimilarity

    texts = ["Officials confirmed the figure.", "Authorities verified the number.",
             "The museum opened a wing."]  # fmt: skip
    fake = {texts[0]: [1.0, 0.1], texts[1]: [0.95, 0.15], texts[2]: [0.0, 1.0]}
    sim = EmbeddingSimilarity(lambda batch: np.array([fake[t] for t in batch])).matrix(texts)
    assert sim[0, 1] > 0.9 > sim[0, 2]
    assert LexicalSimilarity().matrix(texts)[0, 1] < 0.1  # what words alone would say


def test_other_numbers_group_only_as_a_divergence() -> None:
    # both give nine killed (one measure, no divergence), but the second adds 13 wounded
    # and the first two offices: other figures, not one fact; only a measure the reports
    # diverge on lets grouped claims give other numbers
    day = dt.date(1999, 8, 13)
    a = Document(
        "a", "The gunman went on a rampage at two brokerage offices in Atlanta, killing nine "
        "people.", day,
    )  # fmt: skip
    b = Document(
        "b", "The first lawsuit over the Atlanta rampage that left nine people dead and 13 "
        "people wounded was filed on Monday.", day,
    )  # fmt: skip
    assert all(g.status == "single" for g in analyse(a, b).claims)


def test_figures_of_a_diverging_measure_are_left_to_the_divergence() -> None:
    # the toll diverges (42 / 67) and so do the injured (300 / 450): the third report's
    # injured figure, which the second does not give, is part of the divergence, not
    # another fact, so all three reports' tolls make one divergent group
    day1, day2 = dt.date(2024, 3, 5), dt.date(2024, 3, 6)
    a = Document(
        "a", "A strong earthquake struck the town of Mirest on Tuesday, killing at least 42 "
        "people and injuring more than 300, officials said.", day1,
    )  # fmt: skip
    b = Document("b", "The earthquake in Mirest has killed 67 people, the agency said.", day2)
    c = Document(
        "c", "The agency says the earthquake in Mirest killed 67 people and more than 450 "
        "were hurt.", day2,
    )  # fmt: skip
    groups = [g for g in analyse(a, b, c).claims if g.status != "single"]
    assert [(g.status, len(g.sources)) for g in groups] == [("divergent", 3)]

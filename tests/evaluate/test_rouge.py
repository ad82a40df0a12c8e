"""ROUGE against hand-computed values, rouge-score itself, and the Perl original."""

from __future__ import annotations

import random

import pytest

from newsbrief.evaluate.perl_rouge import PerlRougeScorer, perl_rouge_problem
from newsbrief.evaluate.rouge import (
    Counts,
    RougeScoreScorer,
    RougeVariant,
    ScoreRequest,
    aggregate_references,
    bootstrap,
    f_measure,
    truncate,
)

SUMMARY = ("The cat sat on the mat.",)
REFERENCE = ("The cat was on the mat.",)


def score(summary: tuple[str, ...], *refs: tuple[str, ...], **variant: object) -> dict:  # type: ignore[type-arg]
    request = ScoreRequest("c", "s", summary, tuple(refs))
    return RougeScoreScorer().score([request], RougeVariant(**variant))[0]  # type: ignore[arg-type]


def test_single_reference_by_hand() -> None:
    result = score(SUMMARY, REFERENCE)
    # unigrams: the x2, cat, on, mat match -> 5 of 6 on both sides
    assert result["rouge-1"].recall == pytest.approx(5 / 6)
    assert result["rouge-1"].precision == pytest.approx(5 / 6)
    # bigrams: "the cat", "on the", "the mat" -> 3 of 5
    assert result["rouge-2"].recall == pytest.approx(3 / 5)
    assert result["rouge-2"].f == pytest.approx(3 / 5)
    # LCS "the cat on the mat" -> 5 of 6
    assert result["rouge-l"].recall == pytest.approx(5 / 6)


def test_stemming_matches_inflections() -> None:
    stemmed = score(("Officials were running tests.",), ("The official runs a test.",))
    plain = score(("Officials were running tests.",), ("The official runs a test.",), stem=False)
    assert stemmed["rouge-1"].recall == pytest.approx(3 / 5)  # official, run, test
    assert plain["rouge-1"].recall == 0.0


# Three references of 2, 2 and 4 unigrams; the summary "aa bb" matches 2, 1 and 0.
REFS = (("aa bb",), ("aa cc",), ("dd ee ff gg",))


@pytest.mark.parametrize(
    ("how", "recall"),
    [
        # leave-one-out subsets pooled: {2,3} 1/6, {1,3} 2/6, {1,2} 3/4, then averaged
        ("jackknife", (1 / 6 + 2 / 6 + 3 / 4) / 3),
        ("pooled", 3 / 8),  # ROUGE-1.5.5 -f A over all references
        ("average", (1 + 1 / 2 + 0) / 3),  # mean of per-reference recalls
        ("best", 1.0),  # ROUGE-1.5.5 -f B: the best-matching reference
    ],
)
def test_multi_reference_aggregation_by_hand(how: str, recall: float) -> None:
    assert score(("aa bb",), *REFS, aggregation=how)["rouge-1"].recall == pytest.approx(recall)


def test_jackknife_precision_by_hand() -> None:
    # subset {2,3}: 1 hit over 2 summary unigrams counted once per reference
    counts = [Counts(1, 2, 2), Counts(0, 4, 2)]
    assert aggregate_references(counts, "jackknife").precision == pytest.approx(
        ((0 + 0) / 2 + 1 / 2) / 2
    )


def test_truncation_cuts_summary_and_references() -> None:
    assert truncate(("one two three", "four five"), 4) == ("one two three", "four")
    assert truncate(("one two", " ", "three"), None) == ("one two", "three")
    # Cut at 2 words, "aa bb" of the reference "aa bb cc dd" is all that counts.
    result = score(("aa bb xx yy",), ("aa bb cc dd",), max_words=2)
    assert result["rouge-1"].recall == 1.0


@pytest.mark.parametrize(
    ("precision", "recall", "f"),
    [(0.5, 1.0, 2 / 3), (0.0, 1.0, 0.0), (0.3, 0.3, 0.3)],
)
def test_f_measure(precision: float, recall: float, f: float) -> None:
    assert f_measure(precision, recall) == pytest.approx(f)


def test_bootstrap_interval() -> None:
    assert bootstrap([0.2, 0.2, 0.2]).low == pytest.approx(0.2)
    values = [random.Random(1).random() for _ in range(30)]
    interval = bootstrap(values, samples=200)
    assert interval.low <= interval.mean <= interval.high
    assert bootstrap([]).mean == 0.0


def test_agrees_with_rouge_score_on_single_references() -> None:
    from rouge_score import rouge_scorer

    official = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    rng = random.Random(7)
    words = [
        "the",
        "storm",
        "hit",
        "coast",
        "winds",
        "were",
        "strong",
        "people",
        "left",
        "homes",
        "rain",
        "fell",
        "on",
        "towns",
    ]
    for _ in range(40):
        summary = tuple(" ".join(rng.choices(words, k=rng.randint(3, 9))) for _ in range(3))
        ref = tuple(" ".join(rng.choices(words, k=rng.randint(3, 9))) for _ in range(2))
        want = official.score("\n".join(ref), "\n".join(summary))
        got = score(summary, ref)
        for mine, theirs in (
            ("rouge-1", "rouge1"),
            ("rouge-2", "rouge2"),
            ("rouge-l", "rougeLsum"),
        ):
            assert got[mine].recall == pytest.approx(want[theirs].recall)
            assert got[mine].f == pytest.approx(want[theirs].fmeasure)


def test_describe_names_the_variant() -> None:
    text = RougeVariant(max_words=100).describe()
    assert "first 100 words" in text and "jackknife" in text and "Porter" in text


@pytest.mark.skipif(perl_rouge_problem() is not None, reason=str(perl_rouge_problem()))
def test_perl_rouge_matches_hand_values_and_the_default_scorer() -> None:
    requests = [
        ScoreRequest("c", "s", SUMMARY, (REFERENCE,)),
        ScoreRequest("c", "t", ("aa bb",), REFS),
    ]
    perl = PerlRougeScorer().score(requests, RougeVariant())
    assert perl[0]["rouge-1"].recall == pytest.approx(5 / 6, abs=1e-4)
    assert perl[0]["rouge-2"].recall == pytest.approx(3 / 5, abs=1e-4)
    assert perl[1]["rouge-1"].recall == pytest.approx((1 / 6 + 2 / 6 + 3 / 4) / 3, abs=1e-4)

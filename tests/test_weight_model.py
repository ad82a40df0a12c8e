"""Supervised term weights: features of a cluster's terms, the log-linear model, its fit."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsbrief.models import Document
from newsbrief.represent import bigram_concepts, content_terms, tokenize
from newsbrief.segment import segment_documents
from newsbrief.weight_model import (
    FEATURES,
    GENERIC_WORD_MODEL,
    QUERY_WORD_MODEL,
    Units,
    WeightModel,
    fit_poisson,
    term_features,
)

REPORTS = (
    Document(
        "a",
        "Floods cut the rail line north of the city. Crews worked through the night. "
        "About 1,200 people slept in schools. Officials thanked the volunteers.",
        title="Floods cut rail line",
        date=dt.date(2024, 5, 1),
    ),
    Document(
        "b",
        "Floods cut the rail line on Tuesday. Volunteers filled sandbags.",
        title="Rail line cut",
        date=dt.date(2024, 5, 1),
    ),
)


def _features(
    relevance: dict[str, float] | None = None, units: Units = content_terms
) -> dict[str, dict[str, float]]:
    sentences = segment_documents(REPORTS)
    tokens = [tokenize(s.text) for s in sentences]
    names, x = term_features(sentences, tokens, REPORTS, relevance or {}, units=units)
    return {n: dict(zip(FEATURES, row, strict=True)) for n, row in zip(names, x, strict=True)}


@pytest.mark.parametrize(
    ("term", "feature", "value"),
    [
        ("flood", "df_share", 1.0),  # both reports
        ("flood", "lead_share", 1.0),  # in both leads
        ("flood", "first_position", 1.0),  # opens a report
        ("flood", "title_share", 0.5),  # one title of two
        ("rail", "title_share", 1.0),  # both titles
        ("crew", "df_share", 0.5),  # one report
        ("crew", "first_position", 0.5),  # second sentence at the earliest
        ("volunt", "log_sf", np.log(3)),  # two sentences
        ("volunt", "lead_share", 0.5),  # in report b's lead only (a's is past three)
        ("1200", "number", 1.0),  # a figure
        ("crew", "number", 0.0),
        ("flood", "query", 0.0),  # no query
        ("flood", "bias", 1.0),
    ],
)
def test_word_features(term: str, feature: str, value: float) -> None:
    assert _features()[term][feature] == pytest.approx(value)


def test_query_relevance_and_other_units() -> None:
    assert _features({"flood": 1.0})["flood"]["query"] == 1.0
    bigrams = _features(units=bigram_concepts)
    assert bigrams["rail line"]["df_share"] == 1.0
    assert "the" not in _features()  # content words only by default


def test_terms_are_kept_in_the_order_asked_and_unknown_ones_dropped() -> None:
    sentences = segment_documents(REPORTS)
    tokens = [tokenize(s.text) for s in sentences]
    names, x = term_features(sentences, tokens, REPORTS, {}, ["rail", "nowhere", "crew"])
    assert names == ["rail", "crew"]
    assert x.shape == (2, len(FEATURES))


def test_predict_is_exp_of_the_linear_score() -> None:
    model = WeightModel((np.log(2.0), 1.0) + (0.0,) * (len(FEATURES) - 2))
    x = np.zeros((2, len(FEATURES)))
    x[:, 0] = 1.0
    x[1, 1] = 1.0
    assert model.predict(x) == pytest.approx([2.0, 2.0 * np.e])
    with pytest.raises(ValueError, match="features"):
        model.predict(np.ones((1, 3)))


def test_fit_poisson_recovers_known_coefficients() -> None:
    rng = np.random.default_rng(0)
    x = np.column_stack((np.ones(20_000), rng.normal(size=20_000), rng.random(20_000)))
    beta = np.array([-1.0, 0.8, 1.5])
    y = rng.poisson(np.exp(x @ beta)).astype(float)
    assert fit_poisson(x, y, l2=0.0) == pytest.approx(beta, abs=0.05)


@pytest.mark.parametrize("model", [GENERIC_WORD_MODEL, QUERY_WORD_MODEL])
def test_shipped_models_favour_widely_reported_early_words(model: WeightModel) -> None:
    def row(df_share: float, df: int, first: float) -> list[float]:
        row = dict.fromkeys(FEATURES, 0.0) | {"bias": 1.0, "df_share": df_share}
        row |= {"log_df": np.log1p(df), "log_sf": np.log1p(df), "first_position": first}
        return [row[f] for f in FEATURES]

    wide, narrow, late = model.predict(
        np.array([row(0.8, 20, 1.0), row(0.12, 3, 1.0), row(0.8, 20, 0.05)])
    )
    assert wide > narrow
    assert wide > late

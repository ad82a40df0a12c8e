"""Supervised weights for the selection ILP's content words (after Li, Qian & Liu 2013).

Each content word of a cluster is described by a few features of how the reports use
it: the share of reports that state it, how often, how early, whether a report's lead
or title holds it, whether it answers the query, whether it is a figure. A log-linear
(Poisson) model maps the features to the number of human summaries expected to state
the word; that expectation, scaled, is the word's weight in the ILP's secondary
objective (:func:`newsbrief.select.word_weights`).

The coefficients were fitted on DUC 2006 only (``benchmarks/fit_word_weights.py``,
docs/evaluation.md): one model for generic briefings (targets: the first 100 words of
each human summary, as ROUGE ``-l 100`` reads them) and one for query-focused ones (the
whole 250-word summaries). Only the coefficients ship; no benchmark text. The same
features fitted for bigram concepts did not beat their report counts (docs/evaluation.md).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from newsbrief.models import Document, Sentence
from newsbrief.represent import content_terms, tokenize

LEAD_SENTENCES = 3  # a report's lead: its opening sentences
Units = Callable[[Sequence[str]], Iterable[str]]

FEATURES = (
    "bias",
    "df_share",  # share of the reports that state the term
    "log_df",  # log(1 + reports that state it)
    "log_sf",  # log(1 + sentences that state it)
    "lead_share",  # share of the reports whose lead states it
    "first_position",  # 1 / (1 + earliest sentence index)
    "title_share",  # share of the reports whose title holds it
    "query",  # query relevance (0; 0.5 for an expansion term; 1 for the query's own)
    "number",  # it is (or holds) a figure
)


@dataclass(frozen=True, slots=True)
class WeightModel:
    """A log-linear model of a term's expected count in human summaries."""

    coefficients: tuple[float, ...]

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Expected counts for the rows of a feature matrix (columns as :data:`FEATURES`)."""
        if x.shape[1] != len(self.coefficients):
            raise ValueError(f"expected {len(self.coefficients)} features, got {x.shape[1]}")
        return np.exp(np.clip(x @ np.asarray(self.coefficients), -30.0, 30.0))


# Fitted on all 50 DUC 2006 clusters: `python benchmarks/fit_word_weights.py fit CACHE`.
GENERIC_WORD_MODEL = WeightModel(
    (-4.5192, -0.7246, 0.9166, 0.5011, 0.8455, 0.4515, -0.0203, 0.0, 0.7369)
)
QUERY_WORD_MODEL = WeightModel(
    (-3.7314, -2.3646, 1.0172, 0.6034, 0.0552, 0.5246, -0.2246, 0.8039, 0.4441)
)


def term_features(
    sentences: Sequence[Sentence],
    tokens: Sequence[Sequence[str]],
    documents: Sequence[Document],
    relevance: Mapping[str, float],
    terms: Iterable[str] | None = None,
    units: Units = content_terms,
) -> tuple[list[str], np.ndarray]:
    """Terms (those of the non-chatter sentences, or ``terms`` among them) and their
    features; ``relevance`` maps a term to its query relevance (absent: 0), ``units``
    finds the terms of a sentence's tokens."""
    docs: dict[str, set[int]] = defaultdict(set)
    leads: dict[str, set[int]] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    for s, toks in zip(sentences, tokens, strict=True):
        if s.is_chatter:
            continue
        for t in set(units(toks)):
            docs[t].add(s.doc_index)
            count[t] += 1
            first[t] = min(first.get(t, s.index), s.index)
            if s.index < LEAD_SENTENCES:
                leads[t].add(s.doc_index)
    titled = _title_counts(documents, units)
    names = sorted(docs) if terms is None else [t for t in terms if t in docs]
    n = max(1, len(documents))
    rows = [
        (
            1.0,
            len(docs[t]) / n,
            math.log1p(len(docs[t])),
            math.log1p(count[t]),
            len(leads.get(t, ())) / n,
            1.0 / (1.0 + first[t]),
            titled.get(t, 0) / n,
            relevance.get(t, 0.0),
            float(any(ch.isdigit() for ch in t)),
        )
        for t in names
    ]
    return names, np.asarray(rows, dtype=float).reshape(len(names), len(FEATURES))


def _title_counts(documents: Sequence[Document], units: Units) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for d in documents:
        for t in set(units(tokenize(d.title or ""))):
            counts[t] += 1
    return counts


def fit_poisson(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50
) -> tuple[float, ...]:
    """Coefficients of a Poisson regression (log link) by Newton's method, with a ridge
    penalty ``l2`` on every coefficient but the first (the bias)."""
    beta = np.zeros(x.shape[1])
    beta[0] = math.log(max(float(y.mean()), 1e-6))
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        mu = np.exp(np.clip(x @ beta, -30.0, 30.0))
        gradient = x.T @ (y - mu) - penalty * beta
        hessian = (x * mu[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.max(np.abs(step)) < 1e-8:
            break
    return tuple(float(b) for b in beta)

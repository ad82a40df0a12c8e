"""ROUGE, the one variant newsbrief reports, named exactly.

**Default scorer: ``rouge-score``** (Google's re-implementation, pip ``rouge-score``):

* *Tokens*: lower-cased, every non-alphanumeric character a separator, Porter
  stemming (NLTK) of tokens longer than 3 characters, stopwords **kept**
  (ROUGE-1.5.5 ``-m`` without ``-s``).
* *Truncation*: the summary **and each reference** are cut to their first
  ``max_words`` whitespace words before scoring, as ROUGE-1.5.5 ``-l N`` does
  for peers and models alike. ``None`` scores whole texts.
* *ROUGE-1 / ROUGE-2*: clipped n-gram matches over the whole text (n-grams
  cross sentence boundaries, as in ROUGE-1.5.5).
* *ROUGE-L*: summary-level union LCS over sentences (rouge-score ``rougeLsum``,
  ROUGE-1.5.5's ROUGE-L); summaries and references are split into sentences
  on newlines.
* *Recall, precision, F*: F = PR / ((1 - alpha) P + alpha R), alpha = 0.5.
* *Several references*: **jackknifing as NIST did for DUC**: with K references,
  each of the K subsets leaving one out is scored with counts pooled over its
  references (ROUGE-1.5.5 ``-f A``: matches summed / reference n-grams summed)
  and the K scores are averaged. One reference is scored as is. Other
  aggregations on request: ``pooled`` (``-f A`` over all references),
  ``average`` (mean of per-reference scores), ``best`` (``-f B``).
* *Averaging and intervals*: per-cluster scores are macro-averaged; the 95 %
  confidence interval is the percentile interval of 1,000 bootstrap resamples
  of the clusters (seed 0), as ROUGE-1.5.5 ``-c 95 -r 1000``.

**Second scorer: the original Perl ROUGE-1.5.5** (:mod:`newsbrief.evaluate.perl_rouge`),
run with ``-m -n 2 -f A -p 0.5 -l N`` on the same jackknife subsets, for
figures comparable with the literature.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Protocol

import numpy as np

METRICS = ("rouge-1", "rouge-2", "rouge-l")
Aggregation = Literal["jackknife", "pooled", "average", "best"]


@dataclass(frozen=True, slots=True)
class RougeVariant:
    """The settings that change a ROUGE number; :meth:`describe` names them."""

    max_words: int | None = None
    aggregation: Aggregation = "jackknife"
    alpha: float = 0.5
    stem: bool = True

    def describe(self) -> str:
        """One line naming the variant, for tables and reports."""
        cut = f"first {self.max_words} words" if self.max_words else "no truncation"
        stem = "Porter-stemmed" if self.stem else "unstemmed"
        return (
            f"ROUGE-1/2/L recall, {stem}, stopwords kept, {cut} of summary and references, "
            f"multi-reference: {self.aggregation}, F alpha={self.alpha}"
        )


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F of one summary (or a mean of several)."""

    precision: float
    recall: float
    f: float


@dataclass(frozen=True, slots=True)
class ScoreRequest:
    """One summary to score: sentences of the summary and of each reference."""

    cluster: str
    system: str
    summary: tuple[str, ...]
    references: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Counts:
    """Matches of a summary against one reference, and the n-gram totals."""

    hits: float
    reference: int
    summary: int


class Scorer(Protocol):
    """Scores many summaries at once (the Perl scorer runs one process for all)."""

    name: str

    def score(
        self, requests: Sequence[ScoreRequest], variant: RougeVariant
    ) -> list[dict[str, Score]]:
        """One {metric: Score} per request, in order."""
        ...


class RougeScoreScorer:
    """The default scorer: ``rouge-score``'s tokenizer and stemmer; n-gram counts, the
    summary-level LCS (rouge-score's ``rougeLsum`` tie-breaking, re-implemented on numpy
    tables for speed; the tests compare it with rouge-score) and aggregation here."""

    name = "rouge-score"

    def score(
        self, requests: Sequence[ScoreRequest], variant: RougeVariant
    ) -> list[dict[str, Score]]:
        """Score every request with the variant's truncation and aggregation."""
        return [self._one(r, variant) for r in requests]

    def _one(self, request: ScoreRequest, variant: RougeVariant) -> dict[str, Score]:
        summary = _tokenized(truncate(request.summary, variant.max_words), variant.stem)
        refs = [
            _tokenized(truncate(r, variant.max_words), variant.stem) for r in request.references
        ]
        result = {}
        for metric in METRICS:
            counts = [_counts(metric, summary, ref) for ref in refs]
            result[metric] = aggregate_references(counts, variant.aggregation, variant.alpha)
        return result


def truncate(sentences: Sequence[str], max_words: int | None) -> tuple[str, ...]:
    """The first ``max_words`` whitespace words, sentence boundaries kept."""
    if max_words is None:
        return tuple(s for s in sentences if s.strip())
    kept: list[str] = []
    left = max_words
    for sentence in sentences:
        words = sentence.split()
        if not words:
            continue
        if left <= 0:
            break
        kept.append(" ".join(words[:left]))
        left -= len(words)
    return tuple(kept)


def aggregate_references(counts: Sequence[Counts], how: Aggregation, alpha: float = 0.5) -> Score:
    """Combine per-reference counts into one score (see the module docstring)."""
    if not counts:
        return Score(0.0, 0.0, 0.0)
    if how == "pooled" or len(counts) == 1:
        return _pooled(counts, alpha)
    if how == "best":
        return max((_pooled([c], alpha) for c in counts), key=lambda s: s.f)
    if how == "average":
        return mean_score([_pooled([c], alpha) for c in counts])
    if how == "jackknife":
        subsets = [[c for j, c in enumerate(counts) if j != i] for i in range(len(counts))]
        return mean_score([_pooled(s, alpha) for s in subsets])
    raise ValueError(f"unknown aggregation {how!r}")


def f_measure(precision: float, recall: float, alpha: float = 0.5) -> float:
    """ROUGE-1.5.5's F: PR / ((1 - alpha) P + alpha R); 0 when both are 0."""
    if precision <= 0 or recall <= 0:
        return 0.0
    return precision * recall / ((1 - alpha) * precision + alpha * recall)


def mean_score(scores: Sequence[Score]) -> Score:
    """Component-wise mean."""
    n = max(1, len(scores))
    return Score(
        sum(s.precision for s in scores) / n,
        sum(s.recall for s in scores) / n,
        sum(s.f for s in scores) / n,
    )


@dataclass(frozen=True, slots=True)
class Interval:
    """A mean and its bootstrap confidence interval."""

    mean: float
    low: float
    high: float


def bootstrap(
    values: Sequence[float], samples: int = 1000, level: float = 0.95, seed: int = 0
) -> Interval:
    """Mean of per-cluster values with a percentile bootstrap interval over clusters."""
    if not values:
        return Interval(0.0, 0.0, 0.0)
    n = len(values)
    mean = sum(values) / n
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(samples))
    tail = (1.0 - level) / 2.0
    low = means[int(tail * (samples - 1))]
    high = means[round((1.0 - tail) * (samples - 1))]
    return Interval(mean, low, high)


def _pooled(counts: Sequence[Counts], alpha: float) -> Score:
    hits = sum(c.hits for c in counts)
    ref_total = sum(c.reference for c in counts)
    sum_total = sum(c.summary for c in counts)
    recall = hits / ref_total if ref_total else 0.0
    precision = hits / sum_total if sum_total else 0.0
    return Score(precision, recall, f_measure(precision, recall, alpha))


Tokenized = tuple[tuple[str, ...], ...]  # sentences of tokens


def _counts(metric: str, summary: Tokenized, reference: Tokenized) -> Counts:
    if metric == "rouge-l":
        return _lcs_counts(summary, reference)
    n = int(metric[-1])
    peer = _ngrams([t for s in summary for t in s], n)
    model = _ngrams([t for s in reference for t in s], n)
    hits = sum(min(count, model[g]) for g, count in peer.items() if g in model)
    return Counts(hits, sum(model.values()), sum(peer.values()))


def _lcs_counts(summary: Tokenized, reference: Tokenized) -> Counts:
    """rouge-score's summary-level LCS (``rougeLsum``), same tie-breaking, numpy tables."""
    m = sum(len(s) for s in reference)
    n = sum(len(s) for s in summary)
    if not m or not n:
        return Counts(0, m, n)
    vocab: dict[str, int] = {}
    peer = [np.array([vocab.setdefault(t, len(vocab)) for t in s], dtype=np.int64) for s in summary]
    left_summary = Counter(t for s in summary for t in s)
    left_reference = Counter(t for s in reference for t in s)
    hits = 0
    for sentence in reference:
        ids = [vocab.get(t, -1) for t in sentence]
        for k in _union_lcs(ids, peer):
            token = sentence[k]
            if left_summary[token] > 0 and left_reference[token] > 0:
                hits += 1
                left_summary[token] -= 1
                left_reference[token] -= 1
    return Counts(hits, m, n)


def _union_lcs(ref: list[int], peer: list[np.ndarray]) -> list[int]:
    """Sorted positions of ``ref`` on an LCS with any peer sentence (rouge-score's choice)."""
    segments = [c for c in peer if len(c)]
    if not ref or not segments:
        return []
    cat = np.concatenate(segments)
    sizes = np.array([len(c) for c in segments])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    first = np.zeros(len(cat), dtype=bool)
    first[starts] = True
    # Each row of the LCS table for all peer sentences at once; the offset keeps
    # the running maximum from leaking from one sentence into the next.
    offset = np.repeat(np.arange(len(segments)) * (len(ref) + 1), sizes)
    table = np.zeros((len(ref) + 1, len(cat)), dtype=np.int64)
    for i, token in enumerate(ref, 1):
        prev = table[i - 1]
        diagonal = np.concatenate(([0], prev[:-1]))
        diagonal[first] = 0
        step = np.where(cat == token, diagonal + 1, prev)
        table[i] = np.maximum.accumulate(step + offset) - offset
    rows = table.tolist()
    union: set[int] = set()
    for start, size, segment in zip(starts.tolist(), sizes.tolist(), segments, strict=True):
        union.update(_backtrack(rows, ref, segment.tolist(), start, size))
    return sorted(union)


def _backtrack(
    rows: list[list[int]], ref: list[int], can: list[int], start: int, size: int
) -> list[int]:
    """rouge-score's ``_backtrack_norec`` on one sentence's columns of the table."""

    def cell(i: int, j: int) -> int:
        return rows[i][start + j - 1] if i and j else 0

    i, j, found = len(ref), size, []
    while i > 0 and j > 0:
        if ref[i - 1] == can[j - 1]:
            found.append(i - 1)
            i, j = i - 1, j - 1
        elif cell(i, j - 1) > cell(i - 1, j):
            j -= 1
        else:
            i -= 1
    return found


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _tokenized(sentences: Sequence[str], stem: bool) -> Tokenized:
    return tuple(_tokens(s, stem) for s in sentences)


@lru_cache(maxsize=100_000)
def _tokens(sentence: str, stem: bool) -> tuple[str, ...]:
    from rouge_score import tokenize

    return tuple(tokenize.tokenize(sentence, _CachedStemmer() if stem else None))


class _CachedStemmer:
    """rouge-score's Porter stemmer (NLTK), memoised: stemming dominates scoring time."""

    def stem(self, word: str) -> str:
        return _porter(word)


@lru_cache(maxsize=200_000)
def _porter(word: str) -> str:
    return _porter_stemmer().stem(word)


@lru_cache(maxsize=1)
def _porter_stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem import porter

    return porter.PorterStemmer()

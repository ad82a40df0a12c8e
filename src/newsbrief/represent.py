"""Sentence representations: stemmed tokens, concepts and vectors.

The default backend is tf-idf over stemmed content words (scipy sparse, no model download).
:class:`Representer` is the seam for other backends: ``brief`` takes one, and
:func:`cosine_matrix` accepts its rows sparse (tf-idf) or dense (sentence embeddings).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

import numpy as np
from scipy import sparse

from newsbrief.language.stopwords import STOPWORDS

_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter-style stem of a lower-case word (Snowball English, cached)."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed word tokens, stopwords kept (bigrams need them)."""
    words = _WORD.findall(text.lower())
    # "3,000" and "3000" are the same figure.
    return [stem(w) if w not in STOPWORDS else w for w in (x.replace(",", "") for x in words)]


def content_terms(tokens: Sequence[str]) -> list[str]:
    """Tokens that are not stopwords and not one character long."""
    return [t for t in tokens if t not in STOPWORDS and len(t) > 1]


def bigram_concepts(tokens: Sequence[str]) -> set[str]:
    """Adjacent-token bigrams, dropping those made of two stopwords (ICSI concepts)."""
    return {f"{a} {b}" for a, b in pairwise(tokens) if not (a in STOPWORDS and b in STOPWORDS)}


def features(tokens: Sequence[str]) -> list[str]:
    """Features of tf-idf vectors: stemmed content words.

    Bigrams were tried and dropped: across outlets they rarely repeat, so they
    dilute the similarity of true paraphrases.
    """
    return content_terms(tokens)


class Representer(Protocol):
    """Turns sentence texts into L2-normalised row vectors."""

    def vectors(
        self, texts: Sequence[str], tokens: Sequence[Sequence[str]]
    ) -> sparse.csr_matrix | np.ndarray:
        """One row per text; rows have unit norm (or are zero)."""
        ...


class TfidfRepresenter:
    """Tf-idf over stemmed content words, idf computed on the cluster itself."""

    def vectors(self, texts: Sequence[str], tokens: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Sparse L2-normalised tf-idf rows."""
        return tfidf_matrix([features(t) for t in tokens])


def tfidf_matrix(docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Sparse, L2-normalised, sublinear tf-idf matrix of feature lists."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, feats in enumerate(docs):
        for term, count in Counter(feats).items():
            rows.append(i)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(1.0 + math.log(count))
    n = max(1, len(docs))
    matrix = sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float64), (rows, cols)), shape=(len(docs), len(vocab))
    )
    df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocab))
    idf = np.log((1 + n) / (1 + df)) + 1.0
    matrix = matrix @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def cosine_matrix(vectors: sparse.csr_matrix | np.ndarray) -> np.ndarray:
    """Dense pairwise cosine similarities of L2-normalised rows (sparse or dense)."""
    if sparse.issparse(vectors):
        return np.asarray((vectors @ vectors.T).todense())
    dense = np.asarray(vectors, dtype=np.float64)
    return dense @ dense.T

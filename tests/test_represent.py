"""Tokens, concepts and tf-idf vectors."""

from __future__ import annotations

import numpy as np
import pytest

from newsbrief.represent import (
    TfidfRepresenter,
    bigram_concepts,
    content_terms,
    cosine_matrix,
    tfidf_matrix,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Troops were returning.", ["troop", "were", "return"]),  # stemmed, stopwords kept
        ("3,000 troops", ["3000", "troop"]),  # "3,000" and "3000" are one figure
        ("U.S. forces", ["u", "s", "forc"]),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


def test_content_terms_and_bigram_concepts() -> None:
    tokens = tokenize("The troops of the army returned to the city")
    assert content_terms(tokens) == ["troop", "armi", "return", "citi"]
    concepts = bigram_concepts(tokens)
    assert "the troop" in concepts and "troop of" in concepts
    assert "of the" not in concepts  # two stopwords carry no content


def test_tfidf_rows_are_unit_or_zero() -> None:
    matrix = tfidf_matrix([["a", "b"], ["b", "c", "c"], []])
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert norms == pytest.approx([1.0, 1.0, 0.0])


def test_cosine_matrix_is_symmetric_with_unit_diagonal() -> None:
    texts = ["The storm hit the coast.", "A storm hit the coast.", "Schools closed."]
    vectors = TfidfRepresenter().vectors(texts, [tokenize(t) for t in texts])
    sims = cosine_matrix(vectors)
    assert sims == pytest.approx(sims.T)
    assert np.diag(sims) == pytest.approx([1.0, 1.0, 1.0])
    assert sims[0, 1] > 0.9 > 0.1 > sims[0, 2]


def test_cosine_matrix_takes_dense_rows_as_an_embedding_backend_gives_them() -> None:
    import numpy as np
    from scipy import sparse

    from newsbrief.represent import cosine_matrix

    rows = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 0.0]])
    dense = cosine_matrix(rows)
    assert np.allclose(dense, cosine_matrix(sparse.csr_matrix(rows)))
    assert dense[0, 1] == pytest.approx(0.6) and dense[2, 2] == 0.0

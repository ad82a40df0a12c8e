"""Citations: each summary sentence names its source and every report stating the same."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsbrief.models import Evidence, Sentence, SummarySentence


def cite(
    chosen: Sequence[int],
    sentences: Sequence[Sentence],
    similarity: np.ndarray,
    threshold: float,
) -> tuple[SummarySentence, ...]:
    """Summary sentences with evidence: the source sentence, then the closest
    paraphrase (cosine >= ``threshold``) in each other report."""
    return tuple(_cite_one(i, sentences, similarity, threshold) for i in chosen)


def _cite_one(
    i: int, sentences: Sequence[Sentence], similarity: np.ndarray, threshold: float
) -> SummarySentence:
    source = sentences[i]
    best: dict[int, tuple[float, int]] = {}
    for j in np.flatnonzero(similarity[i] >= threshold).tolist():
        other = sentences[j]
        if other.doc_index == source.doc_index or other.is_chatter:
            continue
        score = float(similarity[i, j])
        if score > best.get(other.doc_index, (0.0, -1))[0]:
            best[other.doc_index] = (score, j)
    evidence = [Evidence.of(source)]
    evidence += [
        Evidence.of(sentences[j], "paraphrase", score) for _, (score, j) in sorted(best.items())
    ]
    return SummarySentence(text=source.text, evidence=tuple(evidence))

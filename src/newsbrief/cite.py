"""Citations: each summary sentence names its source and every report stating the same.

Two sentences of different reports state the same thing when their tf-idf
cosine reaches the paraphrase threshold, or when they share a figure (a number
such as 3,000 or 650) and at least two other content words: outlets reword a
fact freely but keep its numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from newsbrief.models import Compression, Evidence, Sentence, SummarySentence
from newsbrief.represent import content_terms

_NUMBER = re.compile(r"^\d[\d.]*$")
FIGURE_MATCH_SCORE = 0.5  # reported similarity of a figure-anchored match
FIGURE_MATCH_WORDS = 2  # content words shared besides the figure


def cite(
    chosen: Sequence[int],
    sentences: Sequence[Sentence],
    tokens: Sequence[Sequence[str]],
    similarity: np.ndarray,
    threshold: float,
) -> tuple[SummarySentence, ...]:
    """Summary sentences with evidence: the source sentence, then the closest
    statement of the same thing in each other report."""
    terms = [frozenset(content_terms(t)) for t in tokens]
    return tuple(_cite_one(i, sentences, terms, similarity, threshold) for i in chosen)


def support(i: int, j: int, terms: Sequence[frozenset[str]], similarity: np.ndarray) -> float:
    """How strongly sentence ``j`` states what sentence ``i`` states (0..1)."""
    score = float(similarity[i, j])
    shared = terms[i] & terms[j]
    figures = {t for t in shared if _NUMBER.match(t) and not _is_small(t)}
    if figures and len(shared - figures) >= FIGURE_MATCH_WORDS:
        score = max(score, FIGURE_MATCH_SCORE)
    return score


def _is_small(token: str) -> bool:
    """Numbers below 10 are too common ("2 officials") to anchor a match."""
    try:
        return float(token) < 10
    except ValueError:
        return True


def _cite_one(
    i: int,
    sentences: Sequence[Sentence],
    terms: Sequence[frozenset[str]],
    similarity: np.ndarray,
    threshold: float,
) -> SummarySentence:
    source = sentences[i]
    best: dict[int, tuple[float, int]] = {}
    for j, other in enumerate(sentences):
        if other.doc_index == source.doc_index or other.is_chatter:
            continue
        score = support(i, j, terms, similarity)
        if score >= threshold and score > best.get(other.doc_index, (0.0, -1))[0]:
            best[other.doc_index] = (score, j)
    evidence = [Evidence.of(source)]
    evidence += [
        Evidence.of(sentences[j], "paraphrase", score) for _, (score, j) in sorted(best.items())
    ]
    return SummarySentence(text=source.text, evidence=tuple(evidence))


def as_compressed(item: SummarySentence, variant: Compression | None) -> SummarySentence:
    """The cited sentence told in its compressed form: the kept words and their exact spans
    in the source report (the evidence still names the whole source sentence)."""
    if variant is None:
        return item
    return replace(item, text=variant.text, compressed=True, spans=variant.spans)

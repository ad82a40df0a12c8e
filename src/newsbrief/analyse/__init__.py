"""Cross-report analysis: claims, figures, quotes, timeline, entities."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsbrief.models import Analysis, Document, Sentence, SummarySentence


def analyse_reports(
    documents: Sequence[Document],
    sentences: Sequence[Sentence],
    summary: Sequence[SummarySentence],
    similarity: np.ndarray,
) -> Analysis:
    """Run every analysis stage over the segmented reports."""
    return Analysis()

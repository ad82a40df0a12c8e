"""Cross-report analysis: claims, figures, quotes, timeline, entities, coverage.

:func:`analyse_reports` sequences the parts, one module each, all pure functions
over the documents and their sentences:

* :mod:`.dates` — report dates (given, inferred, undated) and date expressions;
* :mod:`.figures` and :mod:`.measures` — quantities, grouped by what they measure,
  with divergences told apart as updates or contradictions;
* :mod:`.nlp` and :mod:`.entities` — spaCy entity spans, aliases merged;
* :mod:`.quotes` — quotations and their speakers, transcripts included;
* :mod:`.claims` — claim groups (agreed, single-source, divergent) and coverage;
* :mod:`.timeline` — dated events with citations.

spaCy is optional: without it the entities are empty, quotes keep the speakers
named next to them, and a note says so.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from newsbrief.analyse.claims import coverage, find_claims, group_claims
from newsbrief.analyse.dates import date_mentions, report_dates
from newsbrief.analyse.entities import entities
from newsbrief.analyse.figures import find_figures
from newsbrief.analyse.measures import group_measures
from newsbrief.analyse.nlp import EntitySpan
from newsbrief.analyse.quotes import find_quotes
from newsbrief.analyse.spans import Locator
from newsbrief.analyse.timeline import build_timeline
from newsbrief.errors import MissingDependency
from newsbrief.models import Analysis, Document, Sentence, SummarySentence

log = logging.getLogger(__name__)

__all__ = ["analyse_reports"]


def analyse_reports(
    documents: Sequence[Document],
    sentences: Sequence[Sentence],
    summary: Sequence[SummarySentence],
    similarity: np.ndarray,
    *,
    spacy_model: str = "",
) -> Analysis:
    """The full analysis of one cluster of reports."""
    locator = Locator.build(documents, sentences)
    reports = report_dates(documents, locator)
    dates = date_mentions(documents, locator, reports)
    measures = group_measures(find_figures(sentences, locator, dates), locator, similarity, reports)
    spans, notes = _entity_spans(documents, spacy_model)
    people = entities(documents, spans, locator)
    quotes = find_quotes(documents, locator, spans, people)
    groups = group_claims(find_claims(sentences, locator), measures, summary)
    return Analysis(
        claims=groups,
        figures=measures,
        quotes=quotes,
        timeline=build_timeline(dates, locator, groups),
        entities=people,
        coverage=coverage(groups),
        divergences=tuple(m.divergence for m in measures if m.divergence is not None),
        report_dates=reports,
        unresolved_dates=tuple(d for d in dates if d.value is None),
        notes=notes,
    )


def _entity_spans(
    documents: Sequence[Document], model: str
) -> tuple[tuple[tuple[EntitySpan, ...], ...], tuple[str, ...]]:
    """spaCy entity spans, or none (with a note) when spaCy or its model is missing."""
    from newsbrief.analyse.nlp import entity_spans

    try:
        return entity_spans([d.text for d in documents], model), ()
    except MissingDependency as exc:
        log.warning("entities skipped: %s", exc)
        empty: tuple[tuple[EntitySpan, ...], ...] = tuple(() for _ in documents)
        return empty, (f"entities skipped: {exc}",)

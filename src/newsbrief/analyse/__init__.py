"""Cross-report analysis: claims, figures, quotes, timeline, entities, coverage.

:func:`analyse_reports` sequences the parts, one module each, all pure functions
over the documents and their sentences:

* :mod:`.dates` — report dates (given, inferred, undated) and date expressions;
* :mod:`.figures` and :mod:`.measures` — quantities, grouped by what they measure,
  with divergences told apart as updates or contradictions;
* :mod:`.nlp` and :mod:`.entities` — spaCy entity spans, aliases merged;
* :mod:`.quotes` — quotations, transcripts included; :mod:`.speakers` — who said them;
* :mod:`.claims` — claim groups (agreed, single-source, divergent) and coverage;
* :mod:`.timeline` — dated events with citations.

spaCy is optional: without it only names typed by their context are entities ("Sen.
Ann Lee", "Piedmont Center", "in Nairobi"), quotes keep the speakers named next to them,
and a note says so.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence

import numpy as np

from newsbrief.analyse.claims import ClaimSimilarity, coverage, find_claims, group_claims
from newsbrief.analyse.dates import date_mentions, report_dates
from newsbrief.analyse.entities import entities as find_entities
from newsbrief.analyse.figures import find_figures
from newsbrief.analyse.measures import group_measures
from newsbrief.analyse.nlp import EntitySpan
from newsbrief.analyse.spans import Locator
from newsbrief.analyse.speakers import quotes_with_speakers
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
    entity_chars: int = 0,
    claim_similarity: ClaimSimilarity | None = None,
) -> Analysis:
    """The full analysis of one cluster of reports."""
    locator = Locator.build(documents, sentences)
    reports = report_dates(documents, locator)
    dates = date_mentions(documents, locator, reports)
    measures = group_measures(find_figures(sentences, locator, dates), locator, similarity, reports)
    spans, notes = _read_names(documents, locator, entity_chars, spacy_model)
    entities = find_entities(documents, spans, locator)
    quotes = quotes_with_speakers(documents, locator, spans, entities)
    groups = group_claims(find_claims(sentences, locator), measures, summary, claim_similarity)
    return Analysis(
        claims=groups,
        figures=measures,
        quotes=quotes,
        timeline=build_timeline(dates, locator, groups),
        entities=entities,
        coverage=coverage(groups),
        divergences=tuple(m.divergence for m in measures if m.divergence is not None),
        report_dates=reports,
        unresolved_dates=tuple(d for d in dates if d.value is None),
        notes=notes,
    )


LEAD_SHARE = 0.5  # of ``entity_chars`` read from the start of the reports; the rest goes to
# later sentences that hold a capitalised name not met before


def _read_names(
    documents: Sequence[Document], locator: Locator, budget: int, model: str
) -> tuple[tuple[tuple[EntitySpan, ...], ...], tuple[str, ...]]:
    """Entity spans of the reports within ``budget`` characters (0: all): the opening
    parts of every report first, then, one sentence at a time in report order, later
    sentences with a capitalised word that no span has named yet (a name's later
    mentions are found from its first one, so sentences that only repeat names are not
    read again)."""
    if budget <= 0:
        return _entity_spans([d.text for d in documents], model)
    cuts = ner_cuts(documents, locator, int(budget * LEAD_SHARE))
    texts = [d.text[:c] for d, c in zip(documents, cuts, strict=True)]
    spans, notes = _entity_spans(texts, model)
    if notes:
        return spans, notes
    later = _unread_names(documents, locator, cuts, spans, budget - sum(cuts))
    if not later:
        return spans, notes
    # The sentences picked from one report are read as one text, a line each.
    by_doc: dict[int, list[Sentence]] = {}
    for s in later:
        by_doc.setdefault(s.doc_index, []).append(s)
    found, _ = _entity_spans(["\n".join(s.text for s in group) for group in by_doc.values()],
                             model)  # fmt: skip
    merged = [list(doc) for doc in spans]
    for (i, group), doc_spans in zip(by_doc.items(), found, strict=True):
        merged[i] += _shifted(group, doc_spans)
    return tuple(tuple(doc) for doc in merged), notes


def _shifted(group: Sequence[Sentence], spans: Sequence[EntitySpan]) -> list[EntitySpan]:
    """Spans of sentences read joined by newlines, as offsets into their report."""
    starts, at = [], 0
    for s in group:
        starts.append(at)
        at += len(s.text) + 1
    out = []
    for e in spans:
        k = bisect.bisect_right(starts, e.start) - 1
        s, base = group[k], starts[k]
        if e.end - base <= len(s.text):  # not across two sentences
            out.append(
                EntitySpan(e.start - base + s.start, e.end - base + s.start, e.label, e.text)
            )
    return out


_CAPITALISED = re.compile(r"(?<=[\s(“\"'])[A-Z][\w’'-]+")


def _unread_names(
    documents: Sequence[Document],
    locator: Locator,
    cuts: Sequence[int],
    spans: Sequence[Sequence[EntitySpan]],
    budget: int,
) -> list[Sentence]:
    """Sentences past the cuts with a capitalised word (not the first) that is no word of
    a name found so far, in report order, within ``budget`` characters."""
    known = {w.lower() for doc in spans for e in doc for w in e.text.split()}
    picked: list[Sentence] = []
    for s in locator.sentences:
        if s.start < cuts[s.doc_index] or budget <= 0:
            continue
        words = {m.group(0).lower() for m in _CAPITALISED.finditer(s.text, 1)}
        if words - known and len(s.text) <= budget:
            picked.append(s)
            budget -= len(s.text)
            known |= words
    return picked


def _entity_spans(
    texts: Sequence[str], model: str
) -> tuple[tuple[tuple[EntitySpan, ...], ...], tuple[str, ...]]:
    """spaCy entity spans, or none (with a note) when spaCy or its model is missing."""
    from newsbrief.analyse.nlp import entity_spans

    try:
        return entity_spans(texts, model), ()
    except MissingDependency as exc:
        log.warning("entity model missing (names typed from their context only): %s", exc)
        empty: tuple[tuple[EntitySpan, ...], ...] = tuple(() for _ in texts)
        return empty, (f"entity model missing, names typed from their context only: {exc}",)


def ner_cuts(documents: Sequence[Document], locator: Locator, budget: int) -> list[int]:
    """How much of each report the entity model reads: all of it when the cluster fits in
    ``budget`` characters (0: no limit), else an equal share each (short reports leave
    their unused share to long ones), cut at a sentence end. Names found are then counted
    everywhere in the texts, so the budget bounds time without losing mention counts."""
    lengths = [len(d.text) for d in documents]
    if budget <= 0 or sum(lengths) <= budget:
        return lengths
    share = _water_fill(lengths, budget)
    cuts = []
    for i, limit in enumerate(share):
        ends = [s.end for s in locator.doc_sentences(i) if s.end <= limit]
        cuts.append(max(ends, default=min(limit, lengths[i])))
    return cuts


def _water_fill(lengths: Sequence[int], budget: int) -> list[int]:
    """Equal shares of ``budget``; what a short report does not use goes to the others."""
    share = [0] * len(lengths)
    left, open_ = budget, sorted(range(len(lengths)), key=lambda i: lengths[i])
    while open_:
        each = left // len(open_)
        i = open_.pop(0)
        share[i] = min(lengths[i], each)
        left -= share[i]
    return share

"""The orchestrator: documents -> :class:`Briefing`. The only place stages are sequenced."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence

from newsbrief.cite import as_compressed, cite
from newsbrief.compress import compress_sentences
from newsbrief.config import Settings
from newsbrief.errors import ConfigError, InputError
from newsbrief.models import Briefing, Cluster, Document, Sentence, SourceInfo
from newsbrief.represent import Representer, TfidfRepresenter, cosine_matrix, tokenize
from newsbrief.segment import segment_documents
from newsbrief.select import (
    ConceptILPSelector,
    SelectionInput,
    Selector,
    choose_headline,
    concept_weights,
    news_order,
)

log = logging.getLogger(__name__)


def brief(
    documents: Iterable[Document],
    max_words: int | None = None,
    *,
    query: str | None = None,
    settings: Settings | None = None,
    cluster_id: str | None = None,
    selector: Selector | None = None,
    representer: Representer | None = None,
) -> Briefing:
    """Brief a set of reports about one event: a cited summary within ``max_words``."""
    settings = settings or Settings()
    docs = canonical_order(documents)
    if not docs:
        raise InputError(cluster_id or "inputs", "no documents to brief")
    budget = settings.max_words if max_words is None else max_words
    if budget < 1:
        raise ConfigError(f"max_words must be at least 1, got {budget}")
    sentences = segment_documents(docs)
    tokens = tuple(tuple(tokenize(s.text)) for s in sentences)
    vectors = (representer or TfidfRepresenter()).vectors([s.text for s in sentences], tokens)
    variants = compress_sentences(sentences) if budget <= settings.compress_budget else ()
    data = SelectionInput(
        sentences=sentences,
        tokens=tokens,
        similarity=cosine_matrix(vectors),
        n_documents=len(docs),
        max_words=budget,
        min_words=min(settings.min_sentence_words, budget),
        max_sentence_words=settings.max_sentence_words,
        query=query,
        query_weight=settings.query_weight,
        position_weight=settings.position_weight,
        redundancy_threshold=settings.redundancy_threshold,
        documents=docs,
        variants=variants,
        variant_tokens=tuple(tuple(tokenize(v.text)) for v in variants),
        compress_budget=settings.compress_budget,
    )
    weights = concept_weights(data)
    chosen = news_order((selector or ConceptILPSelector()).select(data), data, weights)
    sources = [data.source(i) for i in chosen]
    cited = cite(sources, sentences, tokens, data.similarity, settings.paraphrase_threshold)
    summary = tuple(as_compressed(s, data.variant(i)) for i, s in zip(chosen, cited, strict=True))
    headline = choose_headline(sentences, tokens, docs, weights)
    analysis = None
    if settings.analysis:
        from newsbrief.analyse import analyse_reports

        analysis = analyse_reports(
            docs,
            sentences,
            summary,
            data.similarity,
            spacy_model=settings.spacy_model,
            entity_chars=settings.entity_chars,
        )
    return Briefing(
        headline=headline,
        summary=summary,
        sources=_sources(docs, sentences),
        max_words=budget,
        query=query,
        cluster_id=cluster_id,
        analysis=analysis,
        notes=_notes(docs, summary, budget),
        documents=docs,
    )


def canonical_order(documents: Iterable[Document]) -> tuple[Document, ...]:
    """Reports by date (undated last), then id: sources are numbered in this order,
    and the briefing does not depend on the order the reports were given in."""
    return tuple(
        sorted(documents, key=lambda d: (d.date is None, d.date or dt.date.min, d.id, d.text))
    )


def brief_cluster(
    cluster: Cluster,
    max_words: int | None = None,
    *,
    settings: Settings | None = None,
    query: str | None = None,
) -> Briefing:
    """Brief one :class:`Cluster`; an explicit ``query`` overrides the cluster's own."""
    return brief(
        cluster.documents,
        max_words,
        query=query or cluster.query,
        settings=settings,
        cluster_id=cluster.id,
    )


def _sources(docs: Sequence[Document], sentences: Sequence[Sentence]) -> tuple[SourceInfo, ...]:
    counts = [0] * len(docs)
    for s in sentences:
        counts[s.doc_index] += 1
    return tuple(
        SourceInfo(
            number=i + 1,
            id=d.id,
            date=d.date,
            title=d.title,
            kind=d.kind,
            origin=d.origin,
            outlet=d.outlet,
            n_sentences=counts[i],
            n_words=len(d.text.split()),
        )
        for i, d in enumerate(docs)
    )


def _notes(docs: Sequence[Document], summary: Sequence[object], budget: int) -> tuple[str, ...]:
    notes = []
    undated = [d.id for d in docs if d.date is None]
    if undated:
        notes.append(f"undated report(s): {', '.join(undated)}")
    if not summary:
        notes.append(f"no whole sentence fits in {budget} word(s)")
    return tuple(notes)

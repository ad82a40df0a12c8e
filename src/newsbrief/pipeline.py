"""The orchestrator: documents -> :class:`Briefing`. The only place stages are sequenced."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsbrief.cite import as_compressed, cite
from newsbrief.clean import Cleaned, clean_documents
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
    sentences: Sequence[Sentence] | None = None,
) -> Briefing:
    """Brief a set of reports about one event: a cited summary within ``max_words``.

    ``sentences`` are the reports' sentences as already split (the story store's),
    numbered by the reports' :func:`canonical_order`; by default they are split here.
    """
    settings = settings or Settings()
    originals = canonical_order(documents)
    if not originals:
        raise InputError(cluster_id or "inputs", "no documents to brief")
    budget = settings.max_words if max_words is None else max_words
    if budget < 1:
        raise ConfigError(f"max_words must be at least 1, got {budget}")
    if sentences is None:
        originals, cap_notes = cap_documents(originals, settings)
    else:  # stored sentences of stored reports: story briefings read a bounded set already
        cap_notes = ()
    cleaned = clean_documents(originals)
    docs = tuple(c.document for c in cleaned)
    if sentences is not None:
        sentences = tuple(sentences)
    else:
        sentences = segment_documents(docs)
        if settings.max_cluster_sentences and len(sentences) > settings.max_cluster_sentences:
            docs, sentences, note = cap_sentences(docs, sentences, settings.max_cluster_sentences)
            cap_notes += (note,)
            # the cut is a prefix of each cleaned text, so the originals are cut at that place
            originals = tuple(
                replace(o, text=o.text[: len(d.text)]) for o, d in zip(originals, docs, strict=True)
            )
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
        sources=_sources(originals, sentences, cleaned),
        max_words=budget,
        query=query,
        cluster_id=cluster_id,
        analysis=analysis,
        notes=cap_notes + _notes(docs, summary, budget),
        documents=originals,
    )


def canonical_order(documents: Iterable[Document]) -> tuple[Document, ...]:
    """Reports by date (undated last), then id: sources are numbered in this order,
    and the briefing does not depend on the order the reports were given in."""
    return tuple(
        sorted(documents, key=lambda d: (d.date is None, d.date or dt.date.min, d.id, d.text))
    )


def cap_documents(
    docs: tuple[Document, ...], settings: Settings
) -> tuple[tuple[Document, ...], tuple[str, ...]]:
    """At most ``max_cluster_documents`` reports (the earliest quarter and the latest rest),
    each cut to ``max_report_chars`` at a space; notes that say what was left out."""
    notes: list[str] = []
    limit = settings.max_cluster_documents
    if limit and len(docs) > limit:
        head = max(1, limit // 4)
        left = len(docs) - limit
        docs = docs[:head] + docs[len(docs) - (limit - head) :]
        notes.append(
            f"{left} report(s) not read (over max_cluster_documents={limit}): "
            f"the earliest {head} and the latest {limit - head} were briefed"
        )
    chars = settings.max_report_chars
    if chars and any(len(d.text) > chars for d in docs):
        cut = [d.id for d in docs if len(d.text) > chars]
        docs = tuple(_cut_text(d, chars) if len(d.text) > chars else d for d in docs)
        shown = ", ".join(cut[:5]) + (f" and {len(cut) - 5} more" if len(cut) > 5 else "")
        notes.append(f"report(s) cut to their first {chars:,} characters: {shown}")
    return docs, tuple(notes)


def _cut_text(doc: Document, chars: int) -> Document:
    space = doc.text.rfind(" ", chars // 2, chars)
    return replace(doc, text=doc.text[: space if space > 0 else chars])


def cap_sentences(
    docs: tuple[Document, ...], sentences: tuple[Sentence, ...], limit: int
) -> tuple[tuple[Document, ...], tuple[Sentence, ...], str]:
    """Keep the first ``k`` sentences of every report, ``k`` as large as ``limit`` allows
    (a news report's lead carries the most): the texts are cut after their ``k``-th sentence."""
    per_doc: list[list[Sentence]] = [[] for _ in docs]
    for s in sentences:
        per_doc[s.doc_index].append(s)
    k = max(1, limit // max(1, len(docs)))
    while sum(min(len(p), k + 1) for p in per_doc) <= limit:
        k += 1
    cut = tuple(
        replace(doc, text=doc.text[: p[k - 1].end]) if len(p) > k else doc
        for doc, p in zip(docs, per_doc, strict=True)
    )
    kept = segment_documents(cut)
    note = (
        f"{len(sentences) - len(kept)} sentence(s) not read (over "
        f"max_cluster_sentences={limit}): the first {k} of each report were"
    )
    return cut, kept, note


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


def _sources(
    docs: Sequence[Document], sentences: Sequence[Sentence], cleaned: Sequence[Cleaned]
) -> tuple[SourceInfo, ...]:
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
            removed=cleaned[i].removed,
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

"""Typed, immutable records that cross stage boundaries.

Every record that refers to source text carries the document id and character
offsets into that document's ``text`` (``text[start:end]``), so any output can
be traced back to the evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

DocumentKind = Literal["article", "transcript"]


@dataclass(frozen=True, slots=True)
class Document:
    """One news report. ``text`` is the body that every offset points into."""

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    kind: DocumentKind = "article"
    origin: str = ""  # file path, "<stdin>", or "cluster.jsonl:3"
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Cluster:
    """Reports about one event, optionally with reference summaries (benchmarks)."""

    id: str
    documents: tuple[Document, ...]
    references: tuple[str, ...] = ()
    query: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one document; ``text == document.text[start:end]``."""

    doc_index: int  # position of the document in the cluster, 0-based
    doc_id: str
    index: int  # position of the sentence in its document, 0-based
    start: int
    end: int
    text: str
    paragraph: int = 0
    is_chatter: bool = False  # transcript small talk, boilerplate: never summarised
    is_quote: bool = False  # the sentence is mostly a direct quotation

    @property
    def sid(self) -> str:
        """Stable sentence id, ``"<doc_id>:<index>"``."""
        return f"{self.doc_id}:{self.index}"

    @property
    def n_words(self) -> int:
        """Word count as the budget counts it (whitespace tokens)."""
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Evidence:
    """A pointer to one source sentence that supports a briefing item."""

    doc_index: int
    doc_id: str
    sentence: int
    start: int
    end: int
    relation: Literal["selected", "paraphrase"] = "selected"
    similarity: float = 1.0

    @classmethod
    def of(
        cls,
        sentence: Sentence,
        relation: Literal["selected", "paraphrase"] = "selected",
        similarity: float = 1.0,
    ) -> Evidence:
        """Evidence pointing at ``sentence``."""
        return cls(
            sentence.doc_index,
            sentence.doc_id,
            sentence.index,
            sentence.start,
            sentence.end,
            relation,
            round(similarity, 4),
        )


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One summary sentence: its text and every source that states it."""

    text: str
    evidence: tuple[Evidence, ...]  # first item is the sentence the text was taken from

    @property
    def doc_numbers(self) -> tuple[int, ...]:
        """1-based source numbers cited, in order, without repeats."""
        return tuple(sorted({e.doc_index + 1 for e in self.evidence}))


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What the briefing tells about one input report."""

    number: int  # 1-based, as cited
    id: str
    date: dt.date | None
    title: str | None
    kind: DocumentKind
    origin: str
    outlet: str | None = None
    n_sentences: int = 0
    n_words: int = 0


@dataclass(frozen=True, slots=True)
class Briefing:
    """The product: a cited summary of several reports, plus its analysis."""

    headline: str
    summary: tuple[SummarySentence, ...]
    sources: tuple[SourceInfo, ...]
    max_words: int
    query: str | None = None
    cluster_id: str | None = None
    analysis: Analysis | None = None
    notes: tuple[str, ...] = ()

    @property
    def word_count(self) -> int:
        """Words in the summary, counted as the budget counts them."""
        return sum(len(s.text.split()) for s in self.summary)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Cross-report analysis: claims, figures, quotes, timeline, entities.

    Filled by :mod:`newsbrief.analyse`; each item carries its evidence.
    """

    claims: tuple[object, ...] = field(default=())
    figures: tuple[object, ...] = field(default=())
    quotes: tuple[object, ...] = field(default=())
    timeline: tuple[object, ...] = field(default=())
    entities: tuple[object, ...] = field(default=())
    coverage: object | None = None

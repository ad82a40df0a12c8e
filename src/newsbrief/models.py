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
class Compression:
    """A shorter variant of sentence ``source``: its kept pieces, cited by character span."""

    source: int  # index of the sentence in the segmented cluster
    text: str
    spans: tuple[tuple[int, int], ...]  # offsets of the kept pieces in the source report

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
    # A compressed sentence leaves asides of its source out: ``text`` is the pieces at
    # ``spans`` (character offsets in the source report), joined by single spaces.
    compressed: bool = False
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def doc_numbers(self) -> tuple[int, ...]:
        """1-based source numbers cited, in order, without repeats."""
        return tuple(sorted({e.doc_index + 1 for e in self.evidence}))


@dataclass(frozen=True, slots=True)
class Cut:
    """Report packaging the cleaning stage took out: ``Document.text[start:end]``."""

    start: int
    end: int
    kind: str  # one of :data:`newsbrief.clean_rules.KINDS`: "byline", "slug", "caption" ...


@dataclass(frozen=True, slots=True)
class Removed:
    """How much packaging of one kind the cleaning stage took out of one report."""

    kind: str
    lines: int  # lines (or pieces of lines) removed
    chars: int


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
    removed: tuple[Removed, ...] = ()  # packaging the cleaning stage took out, by kind


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
    # The reports themselves, for renderers that show evidence text (HTML); not in JSON.
    documents: tuple[Document, ...] = field(default=(), repr=False, compare=False)

    @property
    def word_count(self) -> int:
        """Words in the summary, counted as the budget counts them."""
        return sum(len(s.text.split()) for s in self.summary)


# ---------------------------------------------------------------------------
# Cross-report analysis (filled by :mod:`newsbrief.analyse`)
# ---------------------------------------------------------------------------

EntityType = Literal["person", "organization", "place"]
Granularity = Literal["time", "day", "week", "month", "year"]
ClaimStatus = Literal["agreed", "single", "divergent"]
DivergenceKind = Literal["update", "contradiction", "undetermined"]
ReportDateStatus = Literal["given", "inferred", "undated"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of one report: ``documents[doc_index].text[start:end] == text``."""

    doc_index: int
    doc_id: str
    sentence: int  # index of the sentence holding the span; -1 when outside every sentence
    start: int
    end: int
    text: str

    @property
    def source(self) -> int:
        """1-based source number, as cited."""
        return self.doc_index + 1


@dataclass(frozen=True, slots=True)
class Figure:
    """One quantity as a report states it, normalised."""

    text: str  # as written: "nearly two-thirds", "3,000", "an undefined number"
    value: float | None  # None: unspecified ("an undefined number") or a calendar date
    high: float | None  # upper end of a range ("24 to 48 hours"), else None
    normalised: str  # display value: "3000", "0.667", "24-48", "2021-08-31", "unspecified"
    unit: str  # "" (a count), "percent", "fraction", "year", "hour", "dollar", "date" ...
    counts: str  # what it counts or measures: "troops", "provincial capitals"
    qualifier: str  # approximation or vagueness: "about", "nearly", "at least", "thousands", ""
    mention: Mention
    measure: str = ""  # id of the :class:`Measure` it belongs to


@dataclass(frozen=True, slots=True)
class DivergentValue:
    """What one report says for a measure or claim that reports disagree on."""

    source: int  # 1-based
    date: dt.date | None  # the report's date
    value: str  # normalised value ("3000", "unspecified") or the wording
    text: str  # the words as written
    mention: Mention


@dataclass(frozen=True, slots=True)
class Divergence:
    """Reports giving different values for one measure.

    ``update``: the values change only between reports of different dates (a
    later report revises an earlier one); ``contradiction``: reports of the same
    date disagree; ``undetermined``: an undated report disagrees, so the order
    cannot be told.
    """

    measure: str  # id of the measure
    label: str  # what is measured: "additional troops"
    kind: DivergenceKind
    values: tuple[DivergentValue, ...]  # in report-date order, undated last
    explanation: str


@dataclass(frozen=True, slots=True)
class Measure:
    """Figures that measure the same thing across reports."""

    id: str  # "m1", "m2" ...
    label: str  # "troops", "provincial capitals"
    unit: str
    figures: tuple[Figure, ...]
    sources: tuple[int, ...]  # 1-based, sorted
    divergence: Divergence | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation, its speaker and every report that carries it."""

    id: str  # "q1" ...
    text: str  # the quoted words as the first report carrying them gives them
    speaker: str | None  # full name where the reports give it ("Ned Price"); None if unknown
    role: str | None  # "State Department spokesman"
    cue: str | None  # attribution verb: "said", "warned", "continued"
    speaker_text: str | None  # how the report names the speaker there: "he", "Price"
    mentions: tuple[Mention, ...]  # the quoted words in each report carrying them
    sources: tuple[int, ...]
    identical: bool  # same wording (up to punctuation and case) in every report carrying it
    kind: Literal["quoted", "transcript"] = "quoted"  # transcripts quote without marks


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or time expression of one report, resolved against the report's date."""

    text: str
    value: str | None  # ISO at its granularity: "2021-08-11", "2021-08", "1996"; None unresolved
    granularity: Granularity
    relative: bool  # resolved against the report date ("Wednesday", "the end of the month")
    approximate: bool  # "a few months ago", "the coming days"
    report_date: dt.date | None
    mention: Mention


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated event: the sentences that place it on that date, cited."""

    date: str  # ISO at its granularity; the event date, never the report date
    granularity: Granularity
    approximate: bool
    event: str  # text of the first sentence stating the event
    expressions: tuple[DateMention, ...]  # the date expressions, one or more per report
    evidence: tuple[Evidence, ...]
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ReportDate:
    """How a report's date is known: given by the input, inferred from its text, or not."""

    source: int
    date: dt.date | None
    status: ReportDateStatus
    evidence: Mention | None = None  # the words an inferred date comes from


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, its aliases merged, with mention counts."""

    name: str  # canonical (longest) form: "Joe Biden"
    type: EntityType
    aliases: tuple[str, ...]  # every surface form seen: "Biden", "President Joe Biden"
    counts: tuple[int, ...]  # mentions per report, in source order
    role: str | None  # for people, where the reports give it
    mentions: tuple[Mention, ...]

    @property
    def total(self) -> int:
        """Mentions across all reports."""
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement (a sentence or a clause of one) in one report."""

    text: str
    mention: Mention


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Statements of several reports that say the same thing (or one report's alone)."""

    id: str  # "c1" ...
    status: ClaimStatus
    text: str  # representative statement
    claims: tuple[Claim, ...]
    sources: tuple[int, ...]
    covered: bool  # the summary states it
    divergence: Divergence | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many distinct claims the reports hold and how many the summary covers."""

    n_claims: int
    n_covered: int
    n_agreed: int
    n_agreed_covered: int
    n_single: int
    n_single_covered: int
    n_divergent: int
    n_divergent_covered: int
    omitted_single: tuple[str, ...]  # ids of single-source claim groups the summary leaves out


@dataclass(frozen=True, slots=True)
class Analysis:
    """Cross-report analysis: claims, figures, quotes, timeline, entities.

    Filled by :mod:`newsbrief.analyse`; each item carries its evidence.
    """

    claims: tuple[ClaimGroup, ...] = field(default=())
    figures: tuple[Measure, ...] = field(default=())
    quotes: tuple[Quote, ...] = field(default=())
    timeline: tuple[TimelineEntry, ...] = field(default=())
    entities: tuple[Entity, ...] = field(default=())
    coverage: Coverage | None = None
    divergences: tuple[Divergence, ...] = field(default=())
    report_dates: tuple[ReportDate, ...] = field(default=())
    unresolved_dates: tuple[DateMention, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())

"""What a briefing's HTML shows, as plain records built from the typed :class:`Briefing`.

The self-contained page (``--format html``) and the web story page render these
records with one set of templates (``render/templates/briefing.html``), so both show
the same sections in the same words:

- the summary, each sentence with one citation mark per report;
- how the reports relate: coverage in words, agreed claims, divergences (what each
  report says, and whether a later report revises an earlier one or reports of the same
  day disagree) and single-source claims;
- which reports carry which claim (the claims × reports chart);
- key figures, quotes with their speakers, the timeline grouped by day, entities.

Each analysis section shows its first items (ranked and capped by the ``max_*``
settings, as Markdown does, see :func:`~newsbrief.render.analysis_md.ranked`) and holds
the rest behind an expander.

A citation mark is placed one of two ways: on the self-contained page it quotes the
evidence from the reports (``Briefing.documents``) in a hover box; on the web page it
links to the cited sentence in the report texts shown further down. Nothing here
escapes text: the templates do (autoescape).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from newsbrief.config import Settings
from newsbrief.models import (
    Analysis,
    Briefing,
    ClaimGroup,
    Divergence,
    Document,
    Entity,
    Evidence,
    Measure,
    Mention,
    Quote,
    SourceInfo,
    TimelineEntry,
)
from newsbrief.render.analysis_md import ENTITY_TYPES, Capped, Ranked, ranked, speaker_label

MAX_CHART_ROWS = 60  # claims charted (shown and behind the expander); every one is listed
KIND_WORDS = {
    "update": "a later report revises an earlier one",
    "contradiction": "reports of the same day disagree",
    "undetermined": "an undated report disagrees, so which came first is unknown",
}
STATUS_WORDS = {"divergent": "reports disagree", "single": "one report only"}
Span = Evidence | Mention
T = TypeVar("T")
U = TypeVar("U")


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Mark:
    """A citation ``[n]`` of report ``source``: a link to the cited sentence on the page
    (``anchor``, the web page) or the evidence quoted in a hover box (``quotes``)."""

    source: int
    anchor: str | None = None
    quotes: tuple[str, ...] = ()
    title: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """A cited line: a summary sentence, a claim, a dated event."""

    text: str
    marks: tuple[Mark, ...] = ()
    note: str = ""  # "not in the summary", the date expressions of an event ...


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """A quotation, who said it and the reports carrying it."""

    text: str
    speaker: str
    role: str
    marks: tuple[Mark, ...]
    note: str  # "same wording", "wording differs" (several reports), else ""


@dataclass(frozen=True, slots=True)
class FigureValue:
    """One value of a measure, as the first report giving it writes it, and who gives it."""

    value: str
    written: str
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class Figures:
    """A measure and its values across the reports."""

    label: str
    disputed: bool
    values: tuple[FigureValue, ...]


@dataclass(frozen=True, slots=True)
class Stated:
    """What one report says for a measure the reports disagree on."""

    source: int
    when: str
    text: str
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A divergence in words: what each report says and what kind of disagreement it is."""

    label: str
    kind: str
    kind_words: str
    values: tuple[Stated, ...]


@dataclass(frozen=True, slots=True)
class Day:
    """The dated events of one day (or coarser period), with a readable label."""

    label: str
    date: str  # ISO first day of the period
    events: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Dated events grouped by day, oldest first; the rest behind an expander."""

    days: Capped[Day]
    n_events: int
    n_more: int  # events in ``days.rest``
    undated: str  # date words not placed on the calendar: "“Monday” [3]", "“last week” [2]"


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One row of the claims × reports chart."""

    text: str
    status: str  # "divergent", "single", "agreed", or "summary"
    status_words: str
    cells: tuple[bool, ...]  # one per report: does it state this?


@dataclass(frozen=True, slots=True)
class Chart:
    """Which reports carry which claim (else which summary sentence)."""

    kind: Literal["claims", "summary"]
    columns: tuple[int, ...]
    rows: Capped[ChartRow]
    n_uncharted: int  # claims past :data:`MAX_CHART_ROWS`


@dataclass(frozen=True, slots=True)
class EntityChip:
    """A person, organisation or place: name, role, mentions per report."""

    name: str
    type: str
    role: str
    counts: str  # "3/1/0"
    total: int


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """The entities of one type, most mentioned first."""

    type: str
    title: str
    items: Capped[EntityChip]


@dataclass(frozen=True, slots=True)
class BriefingView:
    """Everything the briefing templates show."""

    headline: str
    meta: str
    query: str | None
    summary: tuple[Line, ...]
    analysed: bool
    coverage: str
    agreed: Capped[Line]
    divergences: tuple[Disagreement, ...]
    single: Capped[Line]
    chart: Chart | None
    figures: Capped[Figures]
    quotes: Capped[QuoteLine]
    timeline: Timeline | None
    entities: tuple[EntityGroup, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...]


# ----------------------------------------------------------------------------- citations

Place = Callable[[int, Sequence[Span]], Mark]


def quoting(documents: Sequence[Document]) -> Place:
    """Marks that quote their evidence from ``documents`` (the self-contained page)."""

    def place(source: int, spans: Sequence[Span]) -> Mark:
        quotes: dict[str, None] = {}
        for span in spans:
            if 0 <= span.doc_index < len(documents):
                text = documents[span.doc_index].text[span.start : span.end].strip()
                if text:
                    quotes[text] = None
        return Mark(source, quotes=tuple(quotes))

    return place


def anchor(source: int, sentence: int, rowids: Sequence[int]) -> str | None:
    """The page id of a cited sentence (``s-<report>-<sentence>``), if it can be placed."""
    if sentence < 0 or not 1 <= source <= len(rowids):
        return None
    return f"s-{rowids[source - 1]}-{sentence}"


def linking(rowids: Sequence[int]) -> Place:
    """Marks that link to the cited sentence of report ``rowids[n - 1]`` (the web page)."""

    def place(source: int, spans: Sequence[Span]) -> Mark:
        for span in spans:
            target = anchor(source, span.sentence, rowids)
            if target:
                return Mark(source, anchor=target, title=_title(source, span))
        return Mark(source)

    return place


def _title(source: int, span: Span) -> str:
    if isinstance(span, Evidence) and span.relation == "paraphrase":
        return f"also reported by report {source}"
    if isinstance(span, Evidence):
        return f"taken from report {source}"
    return f"report {source}"


def marks(sources: Iterable[int], spans: Sequence[Span], place: Place) -> tuple[Mark, ...]:
    """One mark per report, in report order: the cited ``sources`` and the reports of
    ``spans``, each placed with its own spans."""
    numbers = sorted(set(sources) | {s.doc_index + 1 for s in spans})
    return tuple(place(n, [s for s in spans if s.doc_index + 1 == n]) for n in numbers)


# ----------------------------------------------------------------------------- the view


def briefing_view(
    briefing: Briefing, settings: Settings | None = None, *, rowids: Sequence[int] | None = None
) -> BriefingView:
    """The briefing as the templates show it; with ``rowids`` (the store ids of the
    reports, in citation order) citations link to the sentences on the page, else they
    quote the briefing's documents."""
    place = linking(rowids) if rowids is not None else quoting(briefing.documents)
    settings = settings or Settings()
    summary = tuple(Line(s.text, marks(s.doc_numbers, s.evidence, place)) for s in briefing.summary)
    a = briefing.analysis
    shown = ranked(a or Analysis(), settings)
    return BriefingView(
        headline=briefing.headline,
        meta=_meta(briefing),
        query=briefing.query,
        summary=summary,
        analysed=a is not None,
        coverage=_coverage(a) if a else "",
        agreed=_capped(shown.agreed, lambda g: _claim(g, place)),
        divergences=_divergences(a, place) if a else (),
        single=_capped(shown.single, lambda g: _claim(g, place)),
        chart=_chart(briefing, shown),
        figures=_capped(shown.figures, lambda m: _figures(m, place)),
        quotes=_capped(shown.quotes, lambda q: _quote(q, place)),
        timeline=_timeline(a, shown.timeline, place) if a else None,
        entities=tuple(
            EntityGroup(kind, title, _capped(shown.entities[kind], _entity))
            for kind, title in ENTITY_TYPES
            if shown.entities[kind].shown
        ),
        sources=tuple(_source(s) for s in briefing.sources),
        notes=tuple(briefing.notes) + (a.notes if a else ()),
    )


def _capped(items: Capped[T], make: Callable[[T], U]) -> Capped[U]:
    return Capped(tuple(make(x) for x in items.shown), tuple(make(x) for x in items.rest))


def _meta(b: Briefing) -> str:
    dates = sorted(s.date for s in b.sources if s.date)
    span = ""
    if dates:
        span = dates[0].isoformat() if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        span = f", {span}"
    n = len(b.sources)
    return f"{n} report{'' if n == 1 else 's'}{span} · {b.word_count}/{b.max_words} words"


def _source(s: SourceInfo) -> str:
    parts = [s.id, s.date.isoformat() if s.date else "undated", s.kind]
    return " · ".join(parts + [p for p in (s.outlet, s.title) if p])


def _coverage(a: Analysis) -> str:
    c = a.coverage
    if c is None:
        return ""
    return (
        f"The summary covers {c.n_covered} of {c.n_claims} distinct claims "
        f"({c.n_agreed_covered}/{c.n_agreed} agreed, {c.n_divergent_covered}/{c.n_divergent} "
        f"divergent, {c.n_single_covered}/{c.n_single} single-source)."
    )


def _claim(g: ClaimGroup, place: Place) -> Line:
    spans = [c.mention for c in g.claims]
    return Line(g.text, marks(g.sources, spans, place), "" if g.covered else "not in the summary")


def _when(date: dt.date | None) -> str:
    return date.strftime("%-d %b %Y") if date else "undated"


def _divergences(a: Analysis, place: Place) -> tuple[Disagreement, ...]:
    found: Iterable[Divergence] = a.divergences or (
        g.divergence for g in a.claims if g.status == "divergent" and g.divergence
    )
    return tuple(
        Disagreement(
            label=d.label or "figure",
            kind=d.kind,
            kind_words=KIND_WORDS.get(d.kind, d.kind),
            values=tuple(
                Stated(v.source, _when(v.date), v.text, marks([v.source], [v.mention], place))
                for v in d.values
            ),
        )
        for d in found
    )


def _figures(m: Measure, place: Place) -> Figures:
    """The measure with one value per distinct figure, cited by the reports giving it."""
    by_value: dict[str, list[Mention]] = {}
    written: dict[str, str] = {}
    for f in m.figures:
        key = f.normalised + ("" if f.unit in {"", "date"} else f" {f.unit}")
        by_value.setdefault(key, []).append(f.mention)
        written.setdefault(key, f.text)
    values = tuple(
        FigureValue(key, written[key], marks((), spans, place)) for key, spans in by_value.items()
    )
    return Figures(m.label or "—", m.divergence is not None, values)


def _quote(q: Quote, place: Place) -> QuoteLine:
    note = ""
    if len(q.sources) > 1:
        note = "same wording" if q.identical else "wording differs"
    return QuoteLine(
        q.text, speaker_label(q), q.role or "", marks(q.sources, q.mentions, place), note
    )


def _day(entry: TimelineEntry) -> tuple[str, str]:
    """The first day of the period an entry is dated to (ISO) and a readable label for it:
    "Thu 12 Aug 2021", "week of 1 Nov 1999", "about May 2021", "1996"."""
    from newsbrief.analyse.timeline import period_start

    try:
        start = period_start(entry.date, entry.granularity)
    except ValueError:
        return entry.date, entry.date
    if entry.granularity in ("day", "time"):
        label = start.strftime("%a %-d %b %Y")
    elif entry.granularity == "week":
        label = "week of " + start.strftime("%-d %b %Y")
    elif entry.granularity == "month":
        label = start.strftime("%B %Y")
    else:
        label = start.strftime("%Y")
    return start.isoformat(), ("about " + label if entry.approximate else label)


def _days(entries: Sequence[TimelineEntry], place: Place) -> tuple[Day, ...]:
    groups: dict[tuple[str, str, str], list[Line]] = {}
    for e in entries:
        start, label = _day(e)
        said = ", ".join(f"“{t}”" for t in sorted({d.text for d in e.expressions}))
        line = Line(
            e.event, marks(e.sources, e.evidence, place), f"dated by {said}" if said else ""
        )
        groups.setdefault((start, e.granularity, label), []).append(line)
    return tuple(
        Day(label, start, tuple(lines)) for (start, _, label), lines in sorted(groups.items())
    )


def _timeline(a: Analysis, shown: Capped[TimelineEntry], place: Place) -> Timeline | None:
    undated = ", ".join(sorted({f"“{d.text}” [{d.mention.source}]" for d in a.unresolved_dates}))
    if not a.timeline and not undated:
        return None
    days = Capped(_days(shown.shown, place), _days(shown.rest, place))
    return Timeline(days, len(a.timeline), len(shown.rest), undated)


def _chart(b: Briefing, shown: Ranked) -> Chart | None:
    """Claims (rows) × reports (columns): disputed and single-source claims first, as they
    are what a reader checks, then agreed ones; the claims the lists show first are charted
    first. Without an analysis, the summary sentences × reports."""
    n = len(b.sources)
    if n < 1:
        return None
    columns = tuple(range(1, n + 1))
    if b.analysis is None or not b.analysis.claims:
        rows = tuple(_row(s.text, s.doc_numbers, n, "summary") for s in b.summary)
        return Chart("summary", columns, Capped(rows), 0) if rows else None
    divergent = [g for g in b.analysis.claims if g.status == "divergent"]
    first = [*divergent, *shown.single.shown, *shown.agreed.shown]
    rest = [*shown.single.rest, *shown.agreed.rest]
    charted = (first + rest)[:MAX_CHART_ROWS]
    rows = tuple(_row(g.text, g.sources, n, g.status) for g in charted)
    cut = min(len(first), len(rows))
    return Chart("claims", columns, Capped(rows[:cut], rows[cut:]), len(first + rest) - len(rows))


def _row(text: str, sources: Sequence[int], n: int, status: str) -> ChartRow:
    have = set(sources)
    cells = tuple(k in have for k in range(1, n + 1))
    return ChartRow(text, status, STATUS_WORDS.get(status, ""), cells)


def _entity(e: Entity) -> EntityChip:
    counts = "/".join(str(c) for c in e.counts)
    return EntityChip(e.name, e.type, e.role or "", counts, e.total)

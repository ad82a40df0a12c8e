"""The briefing's HTML sections from the typed briefing: timeline by day, divergences in
words, citations placed as links or quotes, sections capped with the rest kept."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from newsbrief.config import Settings
from newsbrief.models import Briefing, Document
from newsbrief.pipeline import brief
from newsbrief.render.sections import MAX_CHART_ROWS, Line, briefing_view


def test_timeline_groups_by_day_with_readable_labels(seed_briefing_full: Briefing) -> None:
    view = briefing_view(seed_briefing_full, rowids=[11, 12, 13])
    assert view.timeline is not None
    parts = (view.timeline.days.shown, view.timeline.days.rest)
    for days in parts:
        labels = [d.label for d in days]
        assert len(labels) == len(set(labels))  # one group per day
        assert [d.date for d in days] == sorted(d.date for d in days)  # oldest first
    days = parts[0] + parts[1]
    assert sum(len(d.events) for d in days) == view.timeline.n_events
    assert sum(len(d.events) for d in parts[1]) == view.timeline.n_more
    labels = {d.label for d in days}
    assert not any(re.search(r"W\d", label) for label in labels)
    assert {"1996", "about May 2021", "Thu 12 Aug 2021"} <= labels  # coarse dates: own label
    marks = [m for d in days for e in d.events for m in e.marks]
    assert marks and all(m.anchor and m.anchor.startswith("s-1") for m in marks)


def test_week_dates_read_as_weeks(seed_briefing_full: Briefing) -> None:
    assert seed_briefing_full.analysis is not None
    entry = replace(seed_briefing_full.analysis.timeline[0], date="1999-W44", granularity="week")
    analysis = replace(seed_briefing_full.analysis, timeline=(entry,))
    view = briefing_view(replace(seed_briefing_full, analysis=analysis), rowids=[1])
    assert view.timeline is not None and view.timeline.days.shown[0].label == "week of 1 Nov 1999"


def test_divergences_in_words() -> None:
    # the seeds hold no divergence (a vague amount never diverges): a toll revised instead
    reports = [
        ("The earthquake killed at least 42 people in the hill towns.", dt.date(2024, 3, 12)),
        ("The earthquake killed 67 people in the hill towns, officials said.",
         dt.date(2024, 3, 13)),
        ("Officials said the earthquake killed 67 people in the hill towns.", None),
    ]  # fmt: skip
    briefing = brief([Document(f"d{k}", text, day) for k, (text, day) in enumerate(reports)])
    (toll,) = [d for d in briefing_view(briefing).divergences if d.label.startswith("people")]
    assert toll.kind_words == "a later report revises an earlier one"
    assert [v.when for v in toll.values] == ["12 Mar 2024", "13 Mar 2024", "undated"]
    assert toll.values[1].text == "67 people"
    assert [m.source for v in toll.values for m in v.marks] == [1, 2, 3]


def test_citations_quote_the_evidence_or_link_to_it(seed_briefing_full: Briefing) -> None:
    docs = seed_briefing_full.documents
    first = seed_briefing_full.summary[0]
    quoted = briefing_view(seed_briefing_full).summary[0]
    linked = briefing_view(seed_briefing_full, rowids=[7, 8, 9]).summary[0]
    assert [m.source for m in quoted.marks] == [m.source for m in linked.marks]
    assert [m.source for m in quoted.marks] == list(first.doc_numbers)
    for mark, ev in zip(quoted.marks, first.evidence, strict=False):
        if ev.doc_index + 1 == mark.source:
            assert docs[ev.doc_index].text[ev.start : ev.end].strip() in mark.quotes
    assert all(m.anchor is None for m in quoted.marks)
    assert all(m.anchor and not m.quotes for m in linked.marks)
    ev = first.evidence[0]
    assert f"s-{[7, 8, 9][ev.doc_index]}-{ev.sentence}" in {m.anchor for m in linked.marks}


def test_sections_are_capped_with_the_rest_kept(seed_briefing_full: Briefing) -> None:
    a = seed_briefing_full.analysis
    assert a is not None
    settings = Settings(max_agreed=2, max_single=3, max_quotes=1, max_timeline=4, max_entities=2)
    view = briefing_view(seed_briefing_full, settings)
    agreed = [g for g in a.claims if g.status == "agreed"]
    single = [g for g in a.claims if g.status == "single"]
    assert len(view.agreed.shown) == 2 and len(view.agreed.rest) == len(agreed) - 2
    assert [x.text for x in view.single.shown + view.single.rest] == [g.text for g in single]
    assert len(view.quotes.shown) == 1 and len(view.quotes.rest) == len(a.quotes) - 1
    timeline = view.timeline
    assert timeline is not None and timeline.n_more == len(a.timeline) - 4
    for group in view.entities:
        assert len(group.items.shown) <= 2
    assert sum(len(g.items.shown) + len(g.items.rest) for g in view.entities) == len(a.entities)
    # Nothing left out with a cap of 0.
    everything = briefing_view(seed_briefing_full, Settings(max_single=0))
    assert not everything.single.rest and len(everything.single.shown) == len(single)


def test_chart_puts_the_claims_to_check_first(seed_briefing_full: Briefing) -> None:
    a = seed_briefing_full.analysis
    assert a is not None
    chart = briefing_view(seed_briefing_full, Settings(max_agreed=3, max_single=4)).chart
    assert chart is not None and chart.kind == "claims" and chart.columns == (1, 2, 3)
    shown = [r.status for r in chart.rows.shown]
    n_divergent = sum(g.status == "divergent" for g in a.claims)
    assert shown == ["divergent"] * n_divergent + ["single"] * 4 + ["agreed"] * 3
    rows = chart.rows.shown + chart.rows.rest
    assert len(rows) + chart.n_uncharted == len(a.claims) and len(rows) <= MAX_CHART_ROWS
    single = next(r for r in rows if r.status == "single")
    assert single.status_words == "one report only" and sum(single.cells) == 1
    by_text = {g.text: g for g in a.claims}
    for row in rows:
        have = {k + 1 for k, on in enumerate(row.cells) if on}
        assert have == set(by_text[row.text].sources)


def test_without_analysis_the_chart_shows_summary_sentences(seed_briefing_full: Briefing) -> None:
    view = briefing_view(replace(seed_briefing_full, analysis=None))
    assert not view.analysed and view.timeline is None and not view.figures.shown
    assert view.chart is not None and view.chart.kind == "summary"
    assert [r.text for r in view.chart.rows.shown] == [s.text for s in view.summary]
    assert all(isinstance(s, Line) for s in view.summary)


def test_a_week_of_a_dated_report_is_not_called_undated() -> None:
    from newsbrief.render.markdown import render_markdown

    docs = [
        Document(
            id="a",
            text="Officials said last week that the bridge would close. Crews began work Monday.",
            date=dt.date(2024, 3, 14),
        )
    ]
    out = render_markdown(brief(docs, cluster_id="c"))
    assert "“last week” [1]" in out and "undated report)*" not in out
    assert "not placed on the calendar" in out

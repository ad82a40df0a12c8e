"""Story page sections from the typed briefing: timeline by day, divergences in words, caps."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from newsbrief.models import Briefing
from newsbrief.render.json import briefing_to_dict
from newsbrief.web import charts


def _stored(briefing: Briefing) -> dict[str, Any]:
    return json.loads(json.dumps(briefing_to_dict(briefing)))


def test_timeline_groups_by_day_with_readable_labels(seed_briefing_full: Briefing) -> None:
    timeline = charts.timeline_chart(_stored(seed_briefing_full), [11, 12, 13])
    assert timeline is not None
    days = timeline["days"] + timeline["more"]
    labels = [d["label"] for d in days]
    assert len(labels) == len(set(labels))  # one group per day
    assert sum(len(d["events"]) for d in days) == timeline["n_events"]
    assert not any(re.search(r"W\d", label) for label in labels)
    assert "1996" in labels and "about May 2021" in labels  # coarse dates keep their own label
    assert "Thu 12 Aug 2021" in labels
    dates = [d["date"][:4] for d in days]
    assert dates == sorted(dates)  # oldest first
    assert all(m["anchor"].startswith("s-1") for d in days for e in d["events"] for m in e["marks"])


def test_week_dates_read_as_weeks(seed_briefing_full: Briefing) -> None:
    assert seed_briefing_full.analysis is not None
    entry = replace(seed_briefing_full.analysis.timeline[0], date="1999-W44", granularity="week")
    analysis = replace(seed_briefing_full.analysis, timeline=(entry,))
    timeline = charts.timeline_chart(_stored(replace(seed_briefing_full, analysis=analysis)), [1])
    assert timeline is not None and timeline["days"][0]["label"] == "week of 1 Nov 1999"


def test_divergences_in_words(seed_briefing_full: Briefing) -> None:
    tables = charts.analysis_tables(_stored(seed_briefing_full))
    (troops,) = [d for d in tables["divergences"] if d["label"].startswith("additional troops")]
    assert troops["kind_words"] == "a later report revises an earlier one"
    assert [v["when"] for v in troops["values"]] == ["12 Aug 2021", "13 Aug 2021", "undated"]
    assert troops["values"][1]["text"] == "3,000 fresh troops"


def test_sections_are_capped_with_the_rest_kept(seed_briefing_full: Briefing) -> None:
    stored = _stored(seed_briefing_full)
    matrix = charts.coverage_matrix(stored, 3)
    assert matrix is not None
    assert len(matrix["rows"]) == charts.SHOW_CLAIMS
    assert len(matrix["rows"]) + len(matrix["more"]) == min(
        len(stored["analysis"]["claims"]), charts.MAX_CLAIMS
    )
    statuses = [r["status"] for r in matrix["rows"] + matrix["more"]]
    assert statuses.index("agreed") > statuses.index("single")  # the ones to check first
    single = next(r for r in matrix["rows"] if r["status"] == "single")
    assert single["status_words"] == "one report only"


def test_unreadable_or_empty_briefing_renders_nothing() -> None:
    assert charts.timeline_chart({}, []) is None
    assert charts.coverage_matrix({"schema": "other"}, 2) is None
    assert charts.summary_marks({}, []) == []
    assert charts.analysis_tables({})["divergences"] == []

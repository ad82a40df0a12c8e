"""What changed: rewordings are neither new nor dropped, figures compared, new reports by title."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newsbrief.models import Document
from newsbrief.store import StoredDocument
from newsbrief.web.changes import describe, figure_changes, sentence_changes
from storydata import story_id_of

OLD = [
    "Heavy rain flooded the river town of Riverton on Tuesday, forcing 300 residents out.",
    "Mayor Alma Ortiz said the Cobb River rose four metres in six hours.",
    "Shelters at the high school took in flood victims.",
]
NEW = [
    # a rewording of OLD[0]: one figure and a word changed
    "Heavy rain flooded the river town of Riverton on Tuesday, forcing 500 residents out.",
    "Mayor Alma Ortiz said the Cobb River rose four metres in six hours.",
    "Governor Peter Lund declared a state of emergency for the Cobb valley.",
]


def test_rewording_is_neither_new_nor_dropped() -> None:
    got = sentence_changes(OLD, NEW)
    assert got["added"] == [NEW[2]]
    assert got["dropped"] == [OLD[2]]
    assert got["reworded"] == [{"old": OLD[0], "new": NEW[0]}]


def _body(summary: list[str], figures: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "headline": "Floods in Riverton",
        "summary": [{"text": t} for t in summary],
        "sources": [],
        "analysis": {
            "figures": [
                {"id": f"m{i}", "label": label, "figures": [{"text": v} for v in values]}
                for i, (label, values) in enumerate(figures.items())
            ]
        },
    }


def test_figures_that_changed_or_appeared() -> None:
    old = _body(OLD, {"residents": ["300"], "metres": ["four metres"]})
    new = _body(NEW, {"residents": ["300", "500"], "metres": ["four metres"], "shelters": ["2"]})
    assert figure_changes(old, new) == [
        {"label": "residents", "old": ["300"], "new": ["300", "500"]},
        {"label": "shelters", "old": [], "new": ["2"]},
    ]


def _stored(rowid: int, title: str, arrived: str) -> StoredDocument:
    doc = Document(id=f"d{rowid}", text="Text.", title=title, outlet="Ledger", url="javascript:x")
    return StoredDocument(rowid, doc, f"h{rowid}", story_id=1, ingested_at=arrived)


def test_new_reports_since_a_time_by_title_newest_first() -> None:
    now = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
    reports = [
        _stored(1, "Old news", "2030-01-01T09:00:00+00:00"),
        _stored(2, "Rescue boats reach rooftops", "2030-01-01T11:50:00+00:00"),
        _stored(3, "Governor declares emergency", "2030-01-01T11:58:00+00:00"),
    ]
    since = dt.datetime(2030, 1, 1, 10, 0, tzinfo=dt.UTC)
    got = describe(_body(OLD, {}), _body(NEW, {}), reports, since, now)
    assert [r["title"] for r in got["new_reports"]] == [
        "Governor declares emergency",
        "Rescue boats reach rooftops",
    ]
    assert got["new_reports"][0]["arrived_ago"] == "2 min ago"
    assert got["new_reports"][0]["url"] is None  # a javascript: link is never shown
    assert got["new_facts"] == [NEW[2]] and got["any"]
    assert got["first"] is False  # the keys the API had before are kept


def test_first_briefing_has_no_changes() -> None:
    got = describe(None, _body(NEW, {}), [], None)
    assert got["first"] and not got["any"] and got["new_facts"] == []


@pytest.mark.parametrize(
    ("since", "expect_new"),
    [
        ("2000-01-01T00:00:00", True),  # everything arrived after
        ("2100-01-01T00:00:00Z", False),  # nothing after a future time
    ],
)
def test_fragment_since_a_visit(client: Any, story_db: str, since: str, expect_new: bool) -> None:
    sid = story_id_of(story_db, "flood-0")
    answer = client.get(f"/stories/{sid}/changes", params={"since": since})
    assert answer.status_code == 200
    assert ("New since your last visit" in answer.text) is expect_new
    assert ("new report" in answer.text) is expect_new


def test_fragment_bad_input(client: Any) -> None:
    assert client.get("/stories/999999/changes").status_code == 404
    assert client.get("/stories/1/changes", params={"since": "yesterday"}).status_code == 400

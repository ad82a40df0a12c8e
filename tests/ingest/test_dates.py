"""Bad metadata never loses a report: an impossible date makes it undated, with a warning."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from newsbrief.errors import InputError
from newsbrief.ingest import read_inputs
from newsbrief.ingest.stream import iter_reports
from newsbrief.ingest.text import report_date
from newsbrief.pipeline import brief_cluster
from newsbrief.store import Store
from newsbrief.stories import ingest_reports

TEXT = "The council voted on Tuesday to close the old bridge to heavy lorries for six months."


def cluster_line(cid: str, date: object) -> str:
    doc = {"id": f"{cid}-a", "date": date, "title": None, "text": TEXT}
    other = {"id": f"{cid}-b", "date": "2021-08-12", "text": TEXT.replace("Tuesday", "Monday")}
    return json.dumps({"id": cid, "documents": [doc, other]})


@pytest.mark.parametrize(
    "value",
    [
        "2000-13-45",  # no 13th month
        "0000-00-00",  # placeholder date
        "2021-02-30",  # no 30th of February
        "12/08/21",  # not ISO
        20210812,  # a number, not a string
    ],
)
def test_an_impossible_date_makes_the_report_undated(value: object, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        assert report_date(value, "c.jsonl:3 document 1 (a)") is None
    (record,) = caplog.records
    assert "c.jsonl:3 document 1 (a)" in record.getMessage() and "undated" in record.getMessage()


def test_valid_dates_and_timestamps_still_read() -> None:
    assert str(report_date("2021-08-12T10:00:00Z", "x")) == "2021-08-12"
    assert report_date(None, "x") is None and report_date("", "x") is None


def test_one_bad_date_never_stops_a_many_cluster_jsonl(tmp_path: Path, caplog) -> None:
    lines = [cluster_line(f"c{i}", "2021-08-11") for i in range(50)]
    lines[7] = cluster_line("c7", "2000-13-45")
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with caplog.at_level(logging.WARNING):
        clusters = read_inputs([path]).clusters
    assert len(clusters) == 50
    assert clusters[7].documents[0].date is None  # kept, undated
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and f"{path}:8" in warnings[0] and "c7-a" in warnings[0]
    b = brief_cluster(clusters[7], 40)
    assert b.sources[-1].date is None and any("undated" in n for n in b.notes)


def test_with_keep_going_a_broken_line_loses_only_itself(tmp_path: Path) -> None:
    lines = [cluster_line(f"c{i}", "2021-08-11") for i in range(10)]
    lines[3] = "{not json"
    lines[6] = json.dumps({"id": "c6", "documents": []})
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = read_inputs([path], keep_going=True)
    assert [c.id for c in result.clusters] == [f"c{i}" for i in range(10) if i not in (3, 6)]
    assert sorted(p.origin for p in result.problems) == [f"{path}:4", f"{path}:7"]
    with pytest.raises(InputError, match=":4"):
        read_inputs([path])


def test_a_text_report_with_a_bad_date_header_is_kept_undated(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(f"date 0000-00-00\n{TEXT}\n", "utf-8")
    (doc,) = read_inputs([path]).clusters[0].documents
    assert doc.date is None and doc.text == TEXT


def test_ingest_keeps_articles_with_bad_dates_undated(tmp_path: Path) -> None:
    path = tmp_path / "stream.jsonl"
    items = [
        {"id": "a", "date": "2000-13-45", "title": "Bridge closed", "text": TEXT},
        {"id": "b", "date": "2021-08-12", "title": "Bridge shut", "text": TEXT + " Lorries wait."},
    ]
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n", "utf-8")
    reports = list(iter_reports([path]))
    assert not [r for r in reports if isinstance(r, InputError)]
    with Store.open(":memory:") as store:
        report = ingest_reports(store, reports, brief=False)
        assert report.added == 2 and not report.problems

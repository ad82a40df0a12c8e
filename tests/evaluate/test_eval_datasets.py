"""Multi-News, WCEP and cluster JSONL loaders, on small synthetic files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsbrief.errors import DatasetError
from newsbrief.evaluate.datasets import load_cluster_jsonl, load_multinews, load_wcep
from newsbrief.evaluate.load import load_dataset


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- Multi-News -------------------------------------------------------------


def test_multinews_documents_and_references(tmp_path: Path) -> None:
    src = write(
        tmp_path / "test.src",
        "First report. NEWLINE_CHAR NEWLINE_CHAR Second paragraph. ||||| Other report.\n"
        "Only one report here.\n",
    )
    tgt = write(tmp_path / "test.tgt", "– A summary of one.\nSummary two.\n")
    data = load_multinews(src, tgt)
    assert [c.id for c in data.clusters] == ["multinews-1", "multinews-2"]
    first = data.clusters[0]
    assert [d.text for d in first.documents] == [
        "First report.\n\nSecond paragraph.",
        "Other report.",
    ]
    assert first.references == ("A summary of one.",)  # the leading dash is dropped
    assert len(data.clusters[1].documents) == 1


def test_multinews_line_counts_must_match(tmp_path: Path) -> None:
    src = write(tmp_path / "a.src", "One. ||||| Two.\nThree.\n")
    tgt = write(tmp_path / "a.tgt", "Only one reference.\n")
    with pytest.raises(DatasetError, match="2 source lines but 1 reference lines"):
        load_multinews(src, tgt)


@pytest.mark.parametrize(
    ("src", "tgt", "message"),
    [
        (" ||||| \n", "Ref.\n", r"a.src:1 \(cluster multinews-1\): no source documents"),
        ("Doc.\n", " \n", r"a.tgt:1 \(cluster multinews-1\): empty reference"),
    ],
)
def test_multinews_empty_parts_name_the_line(
    tmp_path: Path, src: str, tgt: str, message: str
) -> None:
    with pytest.raises(DatasetError, match=message):
        load_multinews(write(tmp_path / "a.src", src), write(tmp_path / "a.tgt", tgt))


def test_multinews_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such file"):
        load_multinews(tmp_path / "none.src", tmp_path / "none.tgt")


# --- WCEP -------------------------------------------------------------------


def test_wcep_articles_with_dates_and_titles(tmp_path: Path) -> None:
    line = {
        "id": "e1",
        "summary": "A storm hit.",
        "articles": [
            {"title": "Storm", "text": "A storm hit the coast.", "time": "2019-05-02 10:00:00"},
            {"text": "  "},  # empty articles are skipped
            {"text": "Winds were strong.", "url": "http://example.org/x"},
        ],
    }
    data = load_wcep(write(tmp_path / "w.jsonl", json.dumps(line) + "\n\n"))
    cluster = data.clusters[0]
    assert cluster.id == "e1"
    assert cluster.references == ("A storm hit.",)
    assert [d.date for d in cluster.documents] == [dt.date(2019, 5, 2), None]
    assert cluster.documents[0].title == "Storm"


def test_wcep_document_list_variant(tmp_path: Path) -> None:
    line = {"summary": "S.", "document": ["One text.", "Two text."]}
    cluster = load_wcep(write(tmp_path / "w.jsonl", json.dumps(line))).clusters[0]
    assert cluster.id == "wcep-1"
    assert len(cluster.documents) == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"w.jsonl:1: malformed JSON"),
        ('{"articles": [{"text": "x"}]}', r"cluster wcep-1\): 'summary' must be"),
        ('{"summary": "s", "articles": []}', "'articles' must be a non-empty list"),
        ('{"summary": "s", "articles": [{"text": " "}]}', "every article is empty"),
        ('{"summary": "s", "articles": [42]}', "article 1: expected an object"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_wcep_broken_lines(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        load_wcep(write(tmp_path / "w.jsonl", line + "\n"))


# --- cluster JSONL ----------------------------------------------------------


def test_cluster_jsonl_with_references_and_query(tmp_path: Path) -> None:
    line = {
        "id": "c1",
        "query": "What was built?",
        "references": ["A bridge was built."],
        "documents": [{"id": "d1", "date": "2020-01-02", "text": "A bridge was built."}],
    }
    cluster = load_cluster_jsonl(write(tmp_path / "c.jsonl", json.dumps(line))).clusters[0]
    assert (cluster.id, cluster.query, cluster.references) == (
        "c1",
        "What was built?",
        ("A bridge was built.",),
    )
    assert cluster.documents[0].date == dt.date(2020, 1, 2)


def test_cluster_jsonl_without_references(tmp_path: Path) -> None:
    line = {"id": "c1", "documents": [{"text": "Text."}]}
    with pytest.raises(DatasetError, match="cluster c1: no 'references'"):
        load_cluster_jsonl(write(tmp_path / "c.jsonl", json.dumps(line)))


def test_cluster_jsonl_malformed_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"c.jsonl:2: malformed JSON"):
        load_cluster_jsonl(
            write(
                tmp_path / "c.jsonl", '{"documents": [{"text": "x"}], "references": ["r"]}\n{oops\n'
            )
        )


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no clusters in this file"):
        load_cluster_jsonl(write(tmp_path / "c.jsonl", "\n"))


# --- dispatch ---------------------------------------------------------------


def test_load_dataset_dispatch_and_errors(tmp_path: Path) -> None:
    line = {"documents": [{"text": "T."}], "references": ["R."]}
    path = write(tmp_path / "c.jsonl", json.dumps(line))
    assert len(load_dataset("jsonl", [str(path)]).clusters) == 1
    with pytest.raises(DatasetError, match="unknown dataset kind"):
        load_dataset("cnn", [str(path)])
    with pytest.raises(DatasetError, match="expects two files"):
        load_dataset("multinews", [str(path)])
    with pytest.raises(DatasetError, match="expects one path"):
        load_dataset("wcep", [str(path), str(path)])

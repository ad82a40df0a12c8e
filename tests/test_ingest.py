"""Readers: text, HTML, JSON/JSONL, folders, stdin, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from pathlib import Path

import pytest

from newsbrief.errors import InputError
from newsbrief.ingest import read_inputs
from newsbrief.ingest.kind import detect_kind
from newsbrief.ingest.text import parse_text

ARTICLE = "date 2021-08-12 Troops return to Kabul.\n\nThe Pentagon said 3,000 troops would go."


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_text_date_header_sets_date_and_is_removed_from_body() -> None:
    doc = parse_text(ARTICLE, "a", "a.txt")
    assert doc.date == dt.date(2021, 8, 12)
    assert doc.text.startswith("Troops return to Kabul.")


def test_text_without_header_is_undated() -> None:
    assert parse_text("Just a report about things.", "b", "b.txt").date is None


def test_seed_header_with_leading_space(seed_documents) -> None:
    # The seeds start " date 2021-08-12 ..." with a leading space.
    assert [d.date for d in seed_documents] == [dt.date(2021, 8, 12), dt.date(2021, 8, 13), None]


def test_seed_kinds(seed_documents) -> None:
    assert [d.kind for d in seed_documents] == ["article", "article", "transcript"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # quoted newsmaker, no turns: an article
        ('"We will leave," the minister said. Officials agreed on Monday.', "article"),
        # labelled speaker turns with broadcast cues
        (
            "HOST: Good evening, I'm Ann Lee. Joining us now is Tom.\n"
            "TOM: Thanks for having me. The vote passed.\nHOST: Thank you.",
            "transcript",
        ),
    ],
)
def test_detect_kind(text: str, kind: str) -> None:
    assert detect_kind(text) == kind


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Second report text here about events.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.txt", "Nested report text here about events.")
    write(tmp_path, "a.txt", "First report text here about events.")
    write(tmp_path, "notes.csv", "ignored,file")
    docs = read_inputs([tmp_path]).clusters[0].documents
    assert [d.origin for d in docs] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "sub" / "a.txt"),
    ]
    # the same stem twice in one cluster gets a distinct id
    assert len({d.id for d in docs}) == 3


def test_html_main_text_title_and_date_via_trafilatura(tmp_path: Path) -> None:
    body = " ".join(["The council approved the new budget on Monday after a long debate."] * 6)
    html = (
        "<html><head><title>Council approves budget</title>"
        '<meta property="article:published_time" content="2021-08-12T10:00:00Z"></head>'
        "<body><nav>Home | World | Sports</nav><article><h1>Council approves budget</h1>"
        f"<p>{body}</p><p>Residents welcomed the decision.</p></article>"
        "<footer>Copyright 2021</footer></body></html>"
    )
    doc = read_inputs([write(tmp_path, "page.html", html)]).clusters[0].documents[0]
    assert "approved the new budget" in doc.text
    assert "Home | World" not in doc.text
    assert doc.title == "Council approves budget"
    assert doc.date == dt.date(2021, 8, 12)


def test_json_cluster_and_document_list(tmp_path: Path) -> None:
    cluster = {
        "id": "c1",
        "documents": [{"id": "d1", "date": "2021-08-12", "title": "T", "text": "Some text."}],
    }
    docs = read_inputs([write(tmp_path, "c.json", json.dumps(cluster))]).clusters[0].documents
    assert (docs[0].id, docs[0].date, docs[0].title) == ("d1", dt.date(2021, 8, 12), "T")
    listed = write(tmp_path, "l.json", json.dumps([{"text": "A."}, {"text": "B."}]))
    assert len(read_inputs([listed]).clusters[0].documents) == 2


def test_jsonl_gives_one_cluster_per_line_in_order(tmp_path: Path) -> None:
    lines = [
        {"id": "x", "documents": [{"id": "1", "date": None, "title": None, "text": "One."}]},
        {"id": "y", "documents": [{"id": "2", "text": "Two."}], "references": ["Ref."]},
    ]
    path = write(tmp_path, "c.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    clusters = read_inputs([path]).clusters
    assert [c.id for c in clusters] == ["x", "y"]
    assert clusters[1].references == ("Ref.",)


def test_stdin_text_and_jsonl() -> None:
    text = read_inputs(["-"], stdin=io.BytesIO(ARTICLE.encode())).clusters[0].documents[0]
    assert text.origin == "<stdin>" and text.date == dt.date(2021, 8, 12)
    line = json.dumps({"id": "s", "documents": [{"text": "From stdin."}]})
    assert read_inputs(["-"], stdin=io.BytesIO(line.encode())).clusters[0].id == "s"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "file is empty"),  # nothing at all
        ("blank.txt", b"  \n\n ", "file is empty"),  # whitespace only
        ("bin.txt", b"\x00\x01\x02PNG\x00" * 20, "binary"),  # NUL bytes
        ("bad.json", b'{"documents": [', "malformed JSON"),  # truncated JSON
        ("bad.jsonl", b'{"id": "a", "documents": [{"text": "x"}]}\n{oops}\n', ":2: malformed JSON"),
        ("nodocs.jsonl", b'{"id": "a", "documents": []}\n', "'documents' must be"),
        ("notext.json", b'{"documents": [{"id": "a"}]}', "'text' must be"),
        ("data.xlsx", b"PK stuff", "unknown file type"),  # unsupported extension
        ("header.txt", b"date 2021-08-12\n", "no report text"),  # date line only
    ],
)
def test_bad_input_names_file_and_problem(tmp_path: Path, name: str, data: bytes, problem: str):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        read_inputs([path])
    assert str(path) in str(info.value)
    assert problem in str(info.value)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_inputs([tmp_path / "nope.txt"])


def test_non_utf8_falls_back_with_a_warning(tmp_path: Path, caplog) -> None:
    path = write(tmp_path, "latin.txt", "Caf\xe9 owners met the mayor on Monday.".encode("cp1252"))
    with caplog.at_level(logging.WARNING):
        doc = read_inputs([path]).clusters[0].documents[0]
    assert doc.text.startswith("Café owners")
    assert str(path) in caplog.text and "cp1252" in caplog.text


def test_oversized_input_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "word " * 100)
    with pytest.raises(InputError, match="byte limit"):
        read_inputs([path], max_bytes=100)


def test_keep_going_skips_bad_inputs_and_keeps_good_ones(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "A readable report about the vote.")
    bad = write(tmp_path, "bad.txt", b"")
    result = read_inputs([bad, tmp_path / "missing.txt", good], keep_going=True)
    assert [d.id for d in result.clusters[0].documents] == ["good"]
    assert len(result.problems) == 2


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no readable reports"):
        read_inputs([write(tmp_path, "bad.txt", b"")], keep_going=True)

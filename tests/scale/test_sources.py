"""Batch inputs: local files and folders, URIs through pyarrow, gzip, Parquet, kinds."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsbrief.errors import InputError
from newsbrief.scale.sources import detect_kind, read_items, scan

from .batchdata import write_articles, write_clusters


def _positions_and_places(inputs: list[str]) -> list[tuple[int, str]]:
    return [(i.position, i.where) for i in read_items(scan(inputs))]  # type: ignore[union-attr]


def test_a_folder_gives_its_files_in_name_order(tmp_path: Path) -> None:
    write_articles(tmp_path / "b.jsonl", per_event=2)
    write_articles(tmp_path / "a.jsonl", per_event=2)
    (tmp_path / "notes.txt").write_text("not an input")
    files = scan([str(tmp_path)])
    assert [Path(f.uri).name for f in files] == ["a.jsonl", "b.jsonl"]
    items = list(read_items(files))
    assert [i.position for i in items] == list(range(14))  # type: ignore[union-attr]
    assert items[7].where == f"{tmp_path / 'b.jsonl'}:1"  # type: ignore[union-attr]


def test_file_uri_and_gzip_read_through_pyarrow(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    plain = write_articles(tmp_path / "a.jsonl", per_event=2)
    packed = tmp_path / "a2.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    local = [json.loads(i.payload) for i in read_items(scan([str(plain)]))]  # type: ignore[union-attr, arg-type]
    for uri in (f"file://{plain}", f"file://{packed}", str(packed)):
        items = list(read_items(scan([uri])))
        assert [json.loads(i.payload) for i in items] == local  # type: ignore[union-attr, arg-type]
    assert items[0].default_id == "a2-1"  # type: ignore[union-attr]
    folder = scan([f"file://{tmp_path}"])
    assert [f.uri.rsplit("/", 1)[1] for f in folder] == ["a.jsonl", "a2.jsonl.gz"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("missing.jsonl", "no such file or folder"),  # not there
        ("notes.txt", "unknown file type"),  # neither JSONL nor Parquet
    ],
)
def test_bad_inputs_are_named(tmp_path: Path, name: str, problem: str) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match=problem):
        scan([str(tmp_path / name)])


def test_a_file_that_is_not_parquet_is_one_problem(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    (tmp_path / "bad.parquet").write_text("not parquet")
    (item,) = read_items(scan([str(tmp_path / "bad.parquet")]))
    assert isinstance(item, InputError)
    assert "cannot read Parquet" in str(item)


@pytest.mark.parametrize(
    ("writer", "kind"),
    [
        (write_clusters, "clusters"),  # lines with documents
        (write_articles, "articles"),  # one report per line
    ],
)
def test_kind_is_told_from_the_first_record(tmp_path: Path, writer, kind: str) -> None:
    path = writer(tmp_path / "in.jsonl")
    assert detect_kind(scan([str(path)]), "auto") == kind
    assert detect_kind(scan([str(path)]), "articles") == "articles"

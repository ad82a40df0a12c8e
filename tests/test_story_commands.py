"""The story-mode commands: ingest, stories, story, serve (help), with --db and NEWSBRIEF_DB."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import storydata
from newsbrief.cli import main


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stream_file(tmp_path: Path) -> Path:
    items = storydata.stream(per_event=2)
    path = tmp_path / "articles.jsonl"
    storydata.write_jsonl(path, items)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{broken\n")
    return path


def test_ingest_list_and_show(tmp_path: Path, stream_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "s.sqlite")
    code, out, err = _run(["ingest", str(stream_file), "--db", db, "--no-brief"], capsys)
    assert code == 1  # one bad line, reported and skipped
    assert "6 report(s) added" in out and "3 new stories" in out
    assert "articles.jsonl:7" in err and "malformed JSON" in err
    code, out, _ = _run(["ingest", str(stream_file), "--db", db], capsys)
    assert "0 report(s) added, 6 already stored" in out

    code, out, _ = _run(["stories", "--db", db, "--since", "2021-08-12"], capsys)
    assert code == 0 and len(out.strip().splitlines()) == 1 + 2  # header, election, fire
    code, out, _ = _run(["stories", "--db", db, "--search", "Riverton", "-f", "json"], capsys)
    (story,) = json.loads(out)
    assert story["n_reports"] == 2

    code, out, _ = _run(["story", str(story["id"]), "--db", db], capsys)
    assert code == 0 and out.startswith("# ") and "[1" in out
    code, out, _ = _run(["story", str(story["id"]), "--db", db, "-f", "json"], capsys)
    data = json.loads(out)
    assert data["story"]["id"] == story["id"] and data["briefing"]["summary"]


def test_db_from_the_environment(
    tmp_path: Path,
    stream_file: Path,
    capsys,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("NEWSBRIEF_DB", str(db))
    _run(["ingest", str(stream_file), "--no-brief"], capsys)
    assert db.is_file()
    code, out, _ = _run(["stories"], capsys)
    assert code == 0 and len(out.splitlines()) == 1 + 3


def test_clean_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = _run(["stories", "--db", str(tmp_path / "none.sqlite")], capsys)
    assert code == 2 and "newsbrief ingest" in err and "Traceback" not in err
    db = str(tmp_path / "s.sqlite")
    _run(["ingest", str(tmp_path / "missing.jsonl"), "--db", db], capsys)
    code, _, err = _run(["story", "42", "--db", db], capsys)
    assert code == 2 and "no story 42" in err


def test_help_stays_light() -> None:
    code = (
        "import sys; from newsbrief.cli import build_parser; build_parser(); "
        "heavy = {'numpy', 'fastapi', 'uvicorn', 'feedparser', 'datasketch', 'sqlite3'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

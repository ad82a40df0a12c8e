"""The robustness suite's common steps: run the CLI in-process and check that nothing
escapes as a traceback, and that a good report beside a bad input is always processed."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsbrief.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
GOOD = SEEDS / "000_9000c29525aeec31.txt"
CLEAN_CODES = (0, 1, 2)  # 70 means an unexpected exception reached the command line


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: str
    err: str


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """Run ``newsbrief`` in this process; fail on a traceback or an unexpected error."""
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out, err
    assert code in CLEAN_CODES, f"exit {code}: {err}"
    for line in err.splitlines():
        assert line.startswith("newsbrief"), f"stray stderr line: {line!r}"
        assert "\x1b" not in line
    return Run(code, out, err)


def good_copy(folder: Path) -> Path:
    """The good report, copied beside the bad input."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / GOOD.name
    target.write_bytes(GOOD.read_bytes())
    return target


def stored_origins(db: Path) -> set[str]:
    """Origins of every report in a store, read without newsbrief."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return {r[0] for r in conn.execute("SELECT origin FROM documents")}


def check_bad_input(capsys: pytest.CaptureFixture[str], tmp: Path, bad: Path) -> None:
    """The three paths every bad input goes through.

    - ``brief`` alone: a briefing or one clear error, never a traceback;
    - ``brief --keep-going`` with a good report beside it: the good one is briefed;
    - ``ingest`` with a good report beside it: the good one is stored.
    """
    good = good_copy(tmp / "good")
    cli(capsys, "brief", "--no-analysis", str(bad))
    run = cli(capsys, "brief", "--no-analysis", "--keep-going", "-f", "jsonl", str(bad), str(good))
    assert run.code in (0, 1) and GOOD.stem in run.out, run.err
    db = tmp / "store.sqlite"
    run = cli(capsys, "ingest", "--no-brief", "--db", str(db), str(bad), str(good))
    assert run.code in (0, 1), run.err
    assert str(good) in stored_origins(db)

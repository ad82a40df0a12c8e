"""Rendered output of the seeds, pinned by golden files (``pytest --update-golden``)."""

from __future__ import annotations

import json
from pathlib import Path

from newsbrief.render import render_json, render_markdown
from newsbrief.render.markdown import cite_mark

GOLDEN = Path(__file__).parent.parent / "golden"


def check_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(actual, "utf-8")
    assert path.exists(), f"{name} missing; create it with --update-golden"
    assert actual == path.read_text("utf-8"), f"{name} changed; rerun with --update-golden"


def test_seeds_markdown_golden(seed_briefing_plain, update_golden) -> None:
    briefing = seed_briefing_plain
    check_golden("seeds.md", render_markdown(briefing), update_golden)


def test_seeds_json_round_trips(seed_briefing_plain) -> None:
    briefing = seed_briefing_plain
    data = json.loads(render_json(briefing))
    assert [s["text"] for s in data["summary"]] == [s.text for s in briefing.summary]
    assert data["sources"][0]["date"] == "2021-08-12"


def test_cite_mark() -> None:
    assert cite_mark((1,)) == "[1]"
    assert cite_mark((2, 3)) == "[2,3]"

"""The quality gate: shipped clusters, floors pinned to the data digest."""

from __future__ import annotations

import json

import pytest

from . import eval_gate


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, float]]:
    return eval_gate.measure()


def test_gate_data_is_pinned() -> None:
    baseline = json.loads(eval_gate.BASELINE.read_text("utf-8"))
    assert baseline["data_sha256"] == eval_gate.data_digest(), (
        "gate data changed: re-measure with tests/evaluate/eval_gate.py --update"
    )


def test_newsbrief_stays_above_its_floors(measured: dict[str, dict[str, float]]) -> None:
    baseline = json.loads(eval_gate.BASELINE.read_text("utf-8"))
    assert eval_gate.check(baseline, measured) == []


def test_newsbrief_beats_lead_on_gate_data(measured: dict[str, dict[str, float]]) -> None:
    assert measured["newsbrief"]["rouge-2"] > measured["lead"]["rouge-2"]


def test_update_refuses_to_lower_floors(measured: dict[str, dict[str, float]]) -> None:
    worse = {s: {m: v - 0.1 for m, v in by.items()} for s, by in measured.items()}
    with pytest.raises(SystemExit, match="refusing to lower"):
        eval_gate.update(worse, allow_lower=False)
    lowered = eval_gate.update(worse, allow_lower=True)
    assert lowered["floors"]["newsbrief"]["rouge-2"] < measured["newsbrief"]["rouge-2"]


def test_check_reports_a_floor_breach() -> None:
    baseline = {"data_sha256": eval_gate.data_digest(), "floors": {"newsbrief": {"rouge-2": 0.9}}}
    problems = eval_gate.check(baseline, {"newsbrief": {"rouge-2": 0.3}})
    assert problems == ["newsbrief rouge-2 recall 0.3000 is below its floor 0.9000"]

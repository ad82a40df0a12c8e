"""The real-report gold (tests/gold/real): its shape, and that it holds no report text."""

from __future__ import annotations

import re

from .real_gold import DEV, TEST, load_gold

_HASH = re.compile(r"^[0-9a-f]{64}$")
_LOCATED = ("quotes", "figures", "dates")


def test_the_gold_covers_enough_real_reports() -> None:
    golds = load_gold()
    reports = {d: info for g in golds for d, info in g["reports"].items()}
    assert len(golds) >= 8 and len(reports) >= 40
    assert {info["outlet"] for info in reports.values()} >= {"APW", "NYT", "XIE"}
    assert {g["split"] for g in golds} == {"dev", "test"}
    assert {g["set"] for g in golds} <= set(DEV) | set(TEST)
    for g in golds:  # reports of several dates for each event, 5 or more of them
        dates = [info["date"] for info in g["reports"].values()]
        assert len(dates) >= 5 and len(set(dates)) >= 2, g["set"]


def test_items_are_offsets_and_hashes_never_text() -> None:
    for g in load_gold():
        for info in g["reports"].values():
            assert _HASH.match(info["sha256"]) and info["chars"] > 0
        items = [it for part in _LOCATED for it in g[part]]
        items += [v for part in ("divergences", "agreements") for d in g[part] for v in d["values"]]
        items += [s for f in g["facts"] for s in f["statements"]]
        for it in items:
            assert "text" not in it and "near" not in it
            assert _HASH.match(it["sha256"]) and 0 <= it["start"] < it["end"]
            assert it["end"] <= g["reports"][it["doc"]]["chars"]

"""The real-report gold (tests/gold/real): its shape, and that it holds no report text."""

from __future__ import annotations

import re

import pytest

from .gold_scoring import Score
from .real_gold import (
    DEV,
    DEV_DIVERGENCES,
    DEV_FRESH,
    PARTS,
    TEST,
    add_scores,
    convert_event,
    load_gold,
    parts_of,
)

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


def test_sets_annotated_for_some_parts_list_them_and_hold_nothing_else() -> None:
    for g in load_gold():
        if g["set"] in DEV_DIVERGENCES:
            assert g["parts"] == ["divergences"] and g["split"] == "dev", g["set"]
            assert g["divergences"] and not (g["quotes"] or g["figures"] or g["entities"])
        elif g["set"] in DEV_FRESH:
            assert g["parts"] == [*PARTS[:5]] and g["split"] == "dev", g["set"]
            assert g["quotes"] and g["entities"] and not (g["divergences"] or g["facts"])
        else:
            assert "parts" not in g and parts_of(g) == PARTS


def test_only_the_annotated_parts_are_scored() -> None:
    total = {p: Score(0, 0, 0, 0) for p in PARTS}
    scores = {p: Score(1, 4, 1, 2) for p in PARTS}
    add_scores(total, {"parts": ["divergences"]}, scores)  # a divergences-only set
    assert total["divergences"] == Score(1, 4, 1, 2)
    assert total["figures"] == Score(0, 0, 0, 0)  # skipped, not 3 false figures
    add_scores(total, {}, scores)  # a fully annotated set
    assert total["divergences"] == Score(2, 8, 2, 4) and total["figures"] == Score(1, 4, 1, 2)


def test_conversion_keeps_the_parts_and_checks_the_split() -> None:
    text = "Officials said 217 people died; later reports said 218."
    source = {
        "set": "D0622",
        "split": "dev",
        "parts": ["divergences"],
        "reports": {"d1": {"date": "1999-10-31", "outlet": "APW"}},
        "divergences": [
            {
                "counts": "person",
                "measure": "killed",
                "kind": "update",
                "values": [{"doc": "d1", "text": "217", "value": "217"},
                           {"doc": "d1", "text": "218", "value": "218"}],
            }
        ],
    }  # fmt: skip
    gold = convert_event(source, {"d1": text}, "t")
    assert gold["parts"] == ["divergences"] and gold["split"] == "dev"
    assert [text[v["start"] : v["end"]] for v in gold["divergences"][0]["values"]] == ["217", "218"]
    with pytest.raises(ValueError, match="is dev"):  # a DEV set never becomes TEST by hand
        convert_event({**source, "split": "test"}, {"d1": text}, "t")

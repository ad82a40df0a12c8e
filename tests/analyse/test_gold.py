"""Precision and recall floors per part against the hand-labelled gold sets.

``tests/gold/seeds.json`` labels the three seed reports; ``tests/gold/extra/`` holds
eleven reports written for the purpose (four events) with their labels. The floors
sit a little below what the analysis measures (print the table with
``python tests/analyse/gold_scoring.py``); raise them when the analysis improves,
never lower them silently.
"""

from __future__ import annotations

import pytest

from .gold_scoring import Score, score_set

# part -> (precision floor, recall floor), per gold set
FLOORS: dict[str, dict[str, tuple[float, float]]] = {
    "seeds": {
        "quotes": (0.95, 0.95),
        "speakers": (0.95, 0.95),
        "figures": (0.9, 0.9),
        "dates": (0.9, 0.9),
        "entities": (0.9, 0.85),
        # lowered from (0.6, 0.5) when the paraphrase lexicon lost the words that had been
        # picked from the seed texts ("returning" ~ "sending", "reduction" ~ "evacuation"):
        # 0.75 / 0.54 before, 0.60 / 0.32 with general vocabulary only
        "claims": (0.55, 0.3),
        "divergences": (0.95, 0.95),
    },
    "extra": {
        "quotes": (0.9, 0.9),
        "speakers": (0.9, 0.9),
        "figures": (0.9, 0.9),
        "dates": (0.9, 0.9),
        "entities": (0.9, 0.9),
        "claims": (0.5, 0.8),
        "divergences": (0.95, 0.95),  # raised from (0.7, 0.9): 1.00 / 1.00 now
    },
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest) -> tuple[str, dict[str, Score]]:
    return request.param, score_set(request.param)


def test_floors(scored: tuple[str, dict[str, Score]]) -> None:
    which, scores = scored
    low = [
        f"{part}: P {s.precision:.2f} < {FLOORS[which][part][0]} or "
        f"R {s.recall:.2f} < {FLOORS[which][part][1]}"
        for part, s in scores.items()
        if s.precision < FLOORS[which][part][0] or s.recall < FLOORS[which][part][1]
    ]
    assert not low, f"{which}: " + "; ".join(low)


def test_gold_sets_are_not_trivial(scored: tuple[str, dict[str, Score]]) -> None:
    which, scores = scored
    assert scores["quotes"].n_gold >= 6 and scores["figures"].n_gold >= 20
    # the seeds hold no divergence: their one vague amount then a number is not one
    assert scores["dates"].n_gold >= 18 and scores["divergences"].n_gold >= (which != "seeds")

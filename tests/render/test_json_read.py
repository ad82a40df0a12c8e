"""JSON → Briefing: the stored JSON turns back into the same typed briefing."""

from __future__ import annotations

import json

import pytest

from newsbrief.errors import InputError
from newsbrief.models import Briefing
from newsbrief.render.json import briefing_to_dict
from newsbrief.render.json_read import briefing_from_dict


@pytest.mark.parametrize("name", ["seed_briefing_full", "seed_briefing_plain"])
def test_round_trip_gives_an_equal_briefing(name: str, request: pytest.FixtureRequest) -> None:
    briefing: Briefing = request.getfixturevalue(name)
    stored = json.loads(json.dumps(briefing_to_dict(briefing)))  # as the store keeps it
    again = briefing_from_dict(stored, briefing.documents)
    assert again == briefing  # every record, tuple, date and literal rebuilt
    assert briefing_to_dict(again) == stored
    assert again.documents == briefing.documents


def test_full_briefing_has_analysis_to_rebuild(seed_briefing_full: Briefing) -> None:
    again = briefing_from_dict(json.loads(json.dumps(briefing_to_dict(seed_briefing_full))))
    assert again.analysis is not None and again.analysis.claims
    assert again.documents == ()  # texts are not in the JSON


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"schema": "other/2"}, "not a newsbrief.briefing/1"),  # another schema
        ({"max_words": "many"}, "malformed"),  # a number that is not one
        ({"summary": [{"evidence": []}]}, "malformed"),  # a summary item with no text
        ({"sources": [{"number": 1}]}, "malformed"),  # a source missing its fields
    ],
)
def test_bad_json_names_the_problem(
    seed_briefing_plain: Briefing, change: dict[str, object], problem: str
) -> None:
    data = {**briefing_to_dict(seed_briefing_plain), **change}
    with pytest.raises(InputError, match=problem) as caught:
        briefing_from_dict(data, origin="story 7")
    assert caught.value.origin == "story 7"


def test_round_trip_keeps_compressed_sentences_and_their_spans(
    seed_briefing_plain: Briefing,
) -> None:
    from dataclasses import replace

    first = seed_briefing_plain.summary[0]
    start = first.evidence[0].start
    squeezed = replace(
        first, compressed=True, spans=((start, start + 10), (start + 20, start + 30))
    )
    briefing = replace(seed_briefing_plain, summary=(squeezed, *seed_briefing_plain.summary[1:]))
    stored = json.loads(json.dumps(briefing_to_dict(briefing)))
    again = briefing_from_dict(stored, briefing.documents)
    assert again.summary[0].compressed and again.summary[0].spans == squeezed.spans
    assert again == briefing and briefing_to_dict(again) == stored

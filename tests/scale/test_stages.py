"""Stage functions of batch jobs: parsing, blocks, duplicates, the merge across blocks."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

import storydata
from newsbrief.config import Settings
from newsbrief.scale import stages
from newsbrief.scale.sources import RawItem
from newsbrief.stories.features import TermStats

SETTINGS = Settings(analysis=False)


def _raw(position: int, obj: object) -> RawItem:
    payload = obj if isinstance(obj, bytes) else json.dumps(obj).encode("utf-8")
    return RawItem(position, f"in.jsonl:{position + 1}", f"in-{position + 1}", payload)


def _articles(per_event: int = 6) -> list[stages.Article]:
    items = [_raw(i, a) for i, a in enumerate(storydata.stream(per_event))]
    return list(stages.parse_articles(items, SETTINGS).articles)


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        (b"{oops", "malformed JSON"),  # not JSON at all
        ({"id": "x", "text": ""}, "'text' must be a non-empty string"),  # empty report
        ([1, 2], "expected a JSON object"),  # a list, not a report
    ],
)
def test_bad_article_is_a_problem_with_its_place(payload: object, problem: str) -> None:
    good = _raw(0, storydata.article("flood", 0))
    part = stages.parse_articles([good, _raw(1, payload)], SETTINGS)
    assert [a.document.id for a in part.articles] == ["flood-0"]
    assert len(part.problems) == 1
    assert part.problems[0].where.startswith("in.jsonl:2")
    assert problem in part.problems[0].message


def test_an_unreadable_date_keeps_the_article_undated() -> None:
    # bad metadata never loses a report: it is kept without a date
    bad = _raw(1, {"id": "x", "text": "Body of the report.", "date": "31/12/2021"})
    part = stages.parse_articles([_raw(0, storydata.article("flood", 0)), bad], SETTINGS)
    kept = {a.document.id: a.document.date for a in part.articles}
    assert "x" in kept and kept["x"] is None and not part.problems


def test_a_cluster_line_gives_all_its_documents_in_order() -> None:
    docs = [storydata.article("fire", k) for k in range(3)]
    part = stages.parse_articles([_raw(0, {"id": "c", "documents": docs})], SETTINGS)
    assert [a.order for a in part.articles] == [(0, 0), (0, 1), (0, 2)]
    assert part.n_docs == 3


def test_term_stats_do_not_depend_on_partitioning() -> None:
    items = [_raw(i, a) for i, a in enumerate(storydata.stream(4))]
    whole = stages.term_stats([stages.parse_articles(items, SETTINGS)])
    split = stages.term_stats(
        [stages.parse_articles(items[i : i + 5], SETTINGS) for i in range(0, len(items), 5)]
    )
    assert (whole.n_docs, whole.df) == (split.n_docs, split.df)


@pytest.mark.parametrize(
    ("block_days", "max_block", "expect_blocks"),
    [
        (7, 5000, 1),  # the whole stream (four days) in one week-long block
        (1, 5000, 4),  # one block per day
        (7, 5, 4),  # 18 reports cut at five per block
    ],
)
def test_blocks_follow_dates_and_size(block_days: int, max_block: int, expect_blocks: int) -> None:
    articles = _articles()
    blocks = stages.plan_blocks(articles, block_days, max_block)
    assert len(blocks) == expect_blocks
    flat = [a for b in blocks for a in b.articles]
    assert sorted(a.order for a in flat) == sorted(a.order for a in articles)
    dates = [a.document.date for a in flat]
    assert dates == sorted(dates)


def test_undated_reports_come_last_in_a_block_of_their_own() -> None:
    articles = _articles(2)
    undated = stages.Article((99, 0), "x", replace(storydata.documents_numbered(1), date=None))
    blocks = stages.plan_blocks([undated, *articles], 7)
    assert blocks[-1].articles == (undated,)


def _grouped(settings: Settings) -> list[list[str]]:
    items = [_raw(i, a) for i, a in enumerate(storydata.stream(6))]
    parsed = stages.parse_articles(items, SETTINGS)
    articles = list(parsed.articles)
    context = stages.GroupingContext(settings, stages.term_stats([parsed]))
    blocks = stages.plan_blocks(articles, settings.story_window_days)
    stories = stages.merge_blocks([stages.group_block(b, context) for b in blocks], settings)
    by_order = {a.order: a.document.id for a in articles}
    return [[by_order[o] for o in s.members] for s in stories]


def test_events_become_stories_across_block_boundaries() -> None:
    # A one-day window puts each day in its own block: each event spans two days.
    stories = _grouped(Settings(analysis=False, story_window_days=1))
    assert len(stories) == 3
    for story in stories:
        assert len({rid.split("-")[0] for rid in story}) == 1


def test_near_duplicate_joins_its_original_and_is_flagged() -> None:
    articles = _articles(2)
    original = articles[0]
    text = original.document.text + " Reporting by staff."
    copy = stages.Article((50, 0), "copy", replace(original.document, id="copy", text=text))
    exact = stages.Article((51, 0), "exact", replace(original.document, id="exact"))
    stats = TermStats()
    context = stages.GroupingContext(SETTINGS, stats)
    local = stages.group_block(stages.Block(0, (*articles, copy, exact)), context)
    story = next(s for s in local if original.order in s.members)
    assert dict(story.duplicates) == {(50, 0): original.order, (51, 0): original.order}
    assert (50, 0) not in story.members


def test_merge_blocks_numbers_stories_by_their_first_report() -> None:
    stories = stages.merge_blocks(
        [
            [
                stages.LocalStory(
                    ((5, 0),), (), '{"t":{"a":1.0},"e":{},"n":1,"p":0,"f":null,"l":null}'
                )
            ],
            [
                stages.LocalStory(
                    ((1, 0),), (), '{"t":{"b":1.0},"e":{},"n":1,"p":0,"f":null,"l":null}'
                )
            ],
        ],
        SETTINGS,
    )
    assert [(s.id, s.members) for s in stories] == [(1, ((1, 0),)), (2, ((5, 0),))]


def test_story_briefing_reads_no_duplicates() -> None:
    articles = _articles(2)
    docs = {a.order: a.document for a in articles}
    members = tuple(sorted(docs))
    story = stages.Story(1, members, frozenset({members[1]}))
    (task,) = stages.story_tasks([story], docs)
    assert docs[members[1]] not in task.documents
    assert len(task.documents) == len(members) - 1
    (briefed,) = stages.brief_stories([task], SETTINGS)
    assert isinstance(briefed, stages.BriefedItem)
    assert json.loads(briefed.line)["id"] == "story-1"


def test_a_cluster_that_fails_is_a_problem_and_the_rest_are_briefed() -> None:
    good = {"id": "c1", "documents": [storydata.article("fire", 0)]}
    out = stages.brief_clusters([_raw(0, {"documents": []}), _raw(1, good)], SETTINGS)
    assert isinstance(out[0], stages.Problem)
    assert out[0].where == "in.jsonl:1"
    assert isinstance(out[1], stages.BriefedItem)
    assert json.loads(out[1].line)["id"] == "c1"

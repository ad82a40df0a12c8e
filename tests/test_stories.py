"""Story grouping: join or start, time window, merges, resuming, briefings and their changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

import storydata
from newsbrief.config import Settings
from newsbrief.models import Document
from newsbrief.store import Store
from newsbrief.stories import Grouper, briefing_changes, ingest_reports, refresh_briefings
from newsbrief.stories.features import ReportFeatures, TermStats, entity_mentions
from newsbrief.stories.grouper import StoryState


def _groups(store: Store) -> dict[str, set[str]]:
    """Event name -> story ids its reports landed in."""
    out: dict[str, set[str]] = {}
    for ext_id, story in store.conn.execute("SELECT ext_id, story_id FROM documents"):
        out.setdefault(ext_id.split("-")[0], set()).add(story)
    return out


def test_each_event_becomes_one_story() -> None:
    with Store.open(":memory:") as store:
        report = ingest_reports(store, storydata.documents(), brief=False)
        groups = _groups(store)
        assert report.new_stories == 3
        assert all(len(stories) == 1 for stories in groups.values())
        assert len(set.union(*groups.values())) == 3


def test_grouping_resumes_across_ingests(tmp_path: Path) -> None:
    path = str(tmp_path / "s.sqlite")
    docs = storydata.documents()
    with Store.open(path) as store:
        ingest_reports(store, docs[:6], brief=False)
    with Store.open(path) as store:
        first_events = set(_groups(store))
    with Store.open(path) as store:  # a new process: state comes from the store
        report = ingest_reports(store, docs[6:], brief=False)
        assert report.new_stories == 3 - len(first_events)
        assert all(len(stories) == 1 for stories in _groups(store).values())


def test_a_report_outside_the_time_window_starts_a_new_story() -> None:
    docs = storydata.documents()
    facts: list[str] = storydata.EVENTS["flood"]["facts"]  # type: ignore[assignment]
    retold = "\n\n".join(f.format(n=90) for f in reversed(facts))  # no near-duplicate
    late = replace(docs[0], id="flood-late", text=retold, date=dt.date(2021, 10, 1))
    with Store.open(":memory:") as store:
        ingest_reports(store, [*docs, late], brief=False)
        assert len(_groups(store)["flood"]) == 2
    with Store.open(":memory:") as store:  # no window: it joins
        ingest_reports(store, [*docs, late], settings=Settings(story_window_days=0), brief=False)
        assert len(_groups(store)["flood"]) == 1


def _features(terms: dict[str, float], day: int = 1) -> ReportFeatures:
    return ReportFeatures(terms=terms, entities={}, date=dt.date(2021, 1, day))


def test_grouper_merges_two_stories_a_report_shows_to_be_one() -> None:
    grouper = Grouper(threshold=0.5, merge_threshold=0.6)
    grouper.add(1, _features({"flood": 0.8, "river": 0.6}))
    grouper.add(2, _features({"flood": 0.6, "rooftop": 0.8}))
    assert grouper.merge_candidate(1) is None  # cosine 0.48: two stories so far
    grouper.add(2, _features({"flood": 0.8, "river": 0.6}))  # a report that bridges them
    assert grouper.merge_candidate(2) == 1
    grouper.merge(2, 1)
    assert set(grouper.stories) == {1}
    assert grouper.stories[1].n == 3
    assert all(1 in ids for ids in grouper.postings.values())


def _story(grouper: Grouper, story_id: int, *reports: dict[str, float]) -> StoryState:
    for terms in reports:
        grouper.add(story_id, _features(terms))
    return grouper.stories[story_id]


def test_a_report_joins_the_story_centroid_not_its_first_report() -> None:
    grouper = Grouper(threshold=0.3)
    _story(grouper, 1, {"flood": 1.0}, {"flood": 0.6, "river": 0.8})
    late = _features({"river": 0.8, "levee": 0.6})  # shares nothing with the first report
    assert grouper.best(late) == (1, pytest.approx(0.36, abs=0.01))


# A report at the same cosine to a story centroid joins a loose story (reports
# that share little, as in a long-running topic) but not a tight one (reports
# that retell one event): the bar is the story's own cohesion.
JOIN_CASES = [
    ("tight", [{"a": 0.8, "b": 0.6}] * 3, False),
    ("loose", [{"a": 0.8, "b": 0.6}, {"a": 0.8, "d": 0.6}, {"a": 0.8, "e": 0.6}], True),
]


@pytest.mark.parametrize(("name", "reports", "joins"), JOIN_CASES, ids=[c[0] for c in JOIN_CASES])
def test_joining_depends_on_the_story_cohesion(
    name: str, reports: list[dict[str, float]], joins: bool
) -> None:
    grouper = Grouper(threshold=0.3)
    story = _story(grouper, 1, *reports)
    report = _features({"a": 0.4, "c": 0.917})
    assert grouper.score(report, story) >= 0.3  # the absolute bar is met in both cases
    assert (grouper.best(report)[0] == 1) is joins


def test_fragments_of_a_loose_story_merge_but_tight_neighbours_do_not() -> None:
    grouper = Grouper(threshold=0.3)
    # Two halves of one topic: across as alike as within (0.36), so they merge,
    # although their centroid cosine (0.53) is below what tight events need.
    _story(grouper, 1, {"a": 0.6, "b": 0.8}, {"a": 0.6, "c": 0.8})
    _story(grouper, 2, {"a": 0.6, "d": 0.8}, {"a": 0.6, "e": 0.8})
    assert grouper.merge_candidate(2) == 1
    # Two tight events sharing one term: within 1.0, across 0.36.
    _story(grouper, 3, {"x": 0.6, "y": 0.8}, {"x": 0.6, "y": 0.8})
    _story(grouper, 4, {"x": 0.6, "z": 0.8}, {"x": 0.6, "z": 0.8})
    assert grouper.merge_candidate(4) is None
    assert grouper.stories[3].cohesion == pytest.approx(1.0)


def test_merging_keeps_the_cohesion_of_the_union() -> None:
    grouper = Grouper(threshold=0.3)
    _story(grouper, 1, {"a": 0.6, "b": 0.8}, {"a": 0.6, "c": 0.8})
    _story(grouper, 2, {"a": 0.6, "d": 0.8}, {"a": 0.6, "e": 0.8})
    grouper.merge(2, 1)
    merged = grouper.stories[1]
    assert (merged.n, merged.cohesion) == (4, pytest.approx(0.36))


def test_grouper_only_scores_candidates_sharing_terms() -> None:
    grouper = Grouper(threshold=0.1)
    for i in range(1, 501):
        grouper.add(i, _features({f"topic{i}": 1.0, f"word{i}": 0.5}))
    assert grouper.candidates({"topic7": 1.0}) == [7]
    assert grouper.best(_features({"topic7": 1.0}))[0] == 7
    assert grouper.best(_features({"unseen": 1.0}))[0] is None


def test_old_stories_leave_the_index() -> None:
    grouper = Grouper(window_days=3)
    grouper.add(1, _features({"a": 1.0}, day=1))
    grouper.add(2, _features({"b": 1.0}, day=20))
    assert grouper.evict() == [1]
    assert "a" not in grouper.postings


def test_story_state_round_trips() -> None:
    state = StoryState(5)
    state.add(ReportFeatures({"x": 0.6, "y": 0.8}, {"kabul": 1.0}, dt.date(2021, 8, 12)))
    state.add(ReportFeatures({"x": 1.0}, {}, dt.date(2021, 8, 13)))
    again = StoryState.from_json(5, state.to_json())
    assert (again.terms, again.entities, again.n, again.first, again.pairs) == (
        state.terms,
        state.entities,
        2,
        dt.date(2021, 8, 12),
        pytest.approx(0.6),
    )


def test_story_state_saved_without_cohesion_estimates_it() -> None:
    # States stored before cohesion was kept: |sum|^2 = n + 2 * pairs.
    saved = '{"t": {"x": 1.6, "y": 0.8}, "e": {}, "n": 2, "f": null, "l": null}'
    assert StoryState.from_json(1, saved).cohesion == pytest.approx(0.6)


def test_term_stats_round_trip_and_entities() -> None:
    stats = TermStats()
    stats.add(["a", "b"])
    stats.add(["a"])
    again = TermStats.from_blob(stats.to_blob())
    assert (again.n_docs, again.df) == (2, stats.df)
    assert again.idf("a") < again.idf("b") < again.idf("never")
    assert entity_mentions("On Sunday Ingrid Saarinen met the Harbour alliance in Ostby.") == [
        "ingrid saarinen",
        "harbour",
        "ostby",
    ]


def test_briefings_follow_their_story_and_tell_what_changed() -> None:
    docs = storydata.documents(per_event=3)
    flood = [d for d in docs if d.id.startswith("flood")]
    extra = Document(
        id="flood-extra",
        date=dt.date(2021, 8, 11),
        title="Riverton flood toll rises",
        outlet="Evening Star",
        origin="test",
        text="Governor Peter Lund said on Wednesday that two people had died in the Riverton "
        "flood.\n\nHeavy rain flooded the river town of Riverton, and the Cobb River kept "
        "rising as crews used boats to reach stranded families.",
    )
    with Store.open(":memory:") as store:
        report = ingest_reports(store, flood)
        (story_id,) = report.changed
        assert report.briefed == 1
        first = store.briefings(story_id)
        assert len(first) == 1 and first[0].body["sources"]
        assert store.stale_stories() == []
        report = ingest_reports(store, [extra])
        assert report.changed == {story_id} and report.briefed == 1
        new, old = store.briefings(story_id)
        changes = briefing_changes(old.body, new.body)
        assert changes["added_sources"] == ["flood-extra"]
        assert refresh_briefings(store, [story_id]) == 0  # already current


def test_changes_of_a_first_briefing() -> None:
    assert briefing_changes(None, {"summary": []})["first"] is True

"""Story grouping: join or start, time window, merges, resuming, briefings and their changes."""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import storydata
from newsbrief.config import Settings
from newsbrief.errors import ConfigError
from newsbrief.models import Document
from newsbrief.store import Store
from newsbrief.stories import (
    Grouper,
    briefing_changes,
    briefings,
    embed,
    ingest_reports,
    refresh_briefings,
)
from newsbrief.stories.briefings import MIN_POOL_STORIES, brief_all, workers_for
from newsbrief.stories.embed import load_embedder, report_text
from newsbrief.stories.features import ReportFeatures, TermStats, entity_mentions
from newsbrief.stories.grouper import COHESION_SLACK, RECENT, PairWeights, StoryState
from newsbrief.stories.headline import HeadlineCandidate, clean_title, story_headline


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
    week = Settings(story_window_days=7)
    with Store.open(":memory:") as store:
        ingest_reports(store, [*docs, late], settings=week, brief=False)
        assert len(_groups(store)["flood"]) == 2
    with Store.open(":memory:") as store:  # no window: it joins
        ingest_reports(store, [*docs, late], settings=Settings(story_window_days=0), brief=False)
        assert len(_groups(store)["flood"]) == 1


def _features(
    terms: dict[str, float], day: int = 1, title: dict[str, float] | None = None
) -> ReportFeatures:
    return ReportFeatures(terms=terms, entities={}, date=dt.date(2021, 1, day), title=title or {})


# Terms only, no time penalty: log-odds = 10 * cosine - 3.
PLAIN = PairWeights(bias=-3.0, vector=0.0, terms=10.0, entities=0.0, title=0.0, log_gap=0.0)


def test_pair_log_odds_add_up_their_parts() -> None:
    weights = PairWeights(bias=-1.0, vector=2.0, terms=3.0, entities=0.5, title=1.0, log_gap=-1.0)
    unit = np.array([0.6, 0.8], dtype=np.float16)
    a = ReportFeatures({"x": 1.0}, {"kabul": 1.0}, dt.date(2021, 1, 1), {"t": 1.0}, unit)
    b = ReportFeatures({"x": 1.0}, {"kabul": 1.0}, dt.date(2021, 1, 4), {"u": 1.0}, unit)
    expected = -1.0 + 2.0 + 3.0 + 0.5 + 0.0 - math.log(4)
    assert weights.log_odds(a, b) == pytest.approx(expected, abs=1e-3)
    assert weights.log_odds(a, b) == weights.log_odds(b, a)


def test_a_report_joins_on_its_best_match_among_recent_reports() -> None:
    grouper = Grouper(threshold=1.0, weights=PLAIN)
    grouper.add(1, _features({"flood": 1.0}))
    grouper.add(1, _features({"flood": 0.6, "river": 0.8}), score=3.0)
    late = _features({"river": 0.8, "levee": 0.6})  # shares nothing with the first report
    story_id, score = grouper.best(late)
    assert story_id == 1
    assert score == pytest.approx(10 * 0.64 - 3)
    assert grouper.best(_features({"levee": 1.0}))[0] is None  # shares no key: no candidate


def test_a_tight_story_asks_more_of_a_newcomer() -> None:
    grouper = Grouper(threshold=1.0, weights=PLAIN)
    grouper.add(1, _features({"a": 0.8, "b": 0.6}))
    grouper.add(1, _features({"a": 0.8, "b": 0.6}), score=7.0)  # reports of one wording
    grouper.add(2, _features({"c": 0.8, "d": 0.6}))
    grouper.add(2, _features({"c": 0.6, "e": 0.8}), score=1.8)  # a loose story
    report_a = _features({"a": 0.6, "x": 0.8})  # cosine 0.48 to story 1: log-odds 1.8
    report_c = _features({"c": 0.6, "x": 0.8})  # the same to story 2
    assert grouper.bar(grouper.stories[1]) == pytest.approx(7.0 - COHESION_SLACK)
    assert grouper.best(report_a)[0] is None
    assert grouper.best(report_c)[0] == 2


def test_grouper_merges_two_stories_a_report_shows_to_be_one() -> None:
    grouper = Grouper(threshold=1.0, merge_threshold=2.0, weights=PLAIN)
    grouper.add(1, _features({"flood": 0.8, "river": 0.6}))
    grouper.add(2, _features({"flood": 0.6, "rooftop": 0.8}))
    assert grouper.merge_candidate(1) is None  # cosine 0.48: log-odds 1.8 < 2
    bridge = _features({"flood": 0.8, "river": 0.6})
    grouper.add(2, bridge, score=1.8)  # a report that is the same as story 1's
    assert grouper.merge_candidate(2, bridge) == 1
    grouper.merge(2, 1)
    merged = grouper.stories[1]
    assert set(grouper.stories) == {1}
    assert merged.n == 3 and len(merged.recent) == 3
    assert all(1 in ids for ids in grouper.postings.values())


def test_a_story_keeps_its_most_recent_reports() -> None:
    grouper = Grouper(weights=PLAIN)
    for day in range(1, RECENT + 4):
        grouper.add(1, _features({"a": 1.0}, day=day), score=5.0)
    story = grouper.stories[1]
    assert [r.date.day for r in story.recent if r.date] == list(range(4, RECENT + 4))
    assert (story.n, story.first, story.last) == (
        RECENT + 3,
        dt.date(2021, 1, 1),
        dt.date(2021, 1, RECENT + 3),
    )


def test_grouper_only_scores_candidates_sharing_terms() -> None:
    grouper = Grouper(threshold=1.0, weights=PLAIN)
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


def test_story_state_round_trips_exactly() -> None:
    vector = np.array([0.6, 0.8], dtype=np.float16)
    state = StoryState(5)
    state.add(
        ReportFeatures(
            {"x": 0.6, "y": 0.8}, {"kabul": 1.0}, dt.date(2021, 8, 12), {"t": 1.0}, vector
        )
    )
    state.add(ReportFeatures({"x": 1.0}, {}, dt.date(2021, 8, 13)), score=2.5)
    again = StoryState.from_json(5, state.to_json())
    assert (again.terms, again.entities, again.n, again.first, again.cohesion) == (
        state.terms,
        state.entities,
        2,
        dt.date(2021, 8, 12),
        2.5,
    )
    assert [(r.terms, r.entities, r.title, r.date) for r in again.recent] == [
        (r.terms, r.entities, r.title, r.date) for r in state.recent
    ]
    assert again.recent[0].vector is not None
    assert again.recent[0].vector.tolist() == vector.tolist()


def test_story_state_saved_before_recent_reports_stands_in_by_its_centroid() -> None:
    saved = '{"t": {"x": 1.6, "y": 0.8}, "e": {}, "n": 2, "f": null, "l": "2021-08-12"}'
    state = StoryState.from_json(1, saved)
    assert len(state.recent) == 1 and state.cohesion is None
    assert state.recent[0].terms["x"] == pytest.approx(0.894, abs=1e-3)


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


def test_a_near_duplicate_leaves_the_briefing_as_it_is() -> None:
    flood = [d for d in storydata.documents(per_event=3) if d.id.startswith("flood")]
    copy = replace(flood[0], id="flood-copy", outlet="Evening Star", text=flood[0].text + " AP.")
    with Store.open(":memory:") as store:
        (story_id,) = ingest_reports(store, flood).changed
        report = ingest_reports(store, [copy])
        assert report.near_duplicates == 1 and report.changed == {story_id}
        assert report.briefed == 0  # it reads no near-duplicate: nothing to recompute
        (latest,) = store.briefings(story_id)
        assert latest.story_version == store.story(story_id).version  # type: ignore[union-attr]
        assert store.stale_stories() == []


def test_the_reports_of_a_story_without_their_text() -> None:
    flood = [d for d in storydata.documents(per_event=2) if d.id.startswith("flood")]
    copy = replace(flood[1], id="flood-copy", text=flood[1].text + " AP.")
    with Store.open(":memory:") as store:
        (story_id,) = ingest_reports(store, [*flood, copy], brief=False).changed
        full = store.story_documents(story_id)
        members = store.story_members(story_id)
    assert [(m.rowid, m.duplicate_of) for m in members] == [(d.rowid, d.duplicate_of) for d in full]
    assert sum(m.duplicate_of is not None for m in members) == 1


def test_changes_of_a_first_briefing() -> None:
    assert briefing_changes(None, {"summary": []})["first"] is True


# -- real-text behaviour -------------------------------------------------------------

QUAKE_A = Document(
    id="quake-a",
    date=dt.date(2022, 3, 7),
    title="Powerful earthquake rattles northern Chile",
    origin="test",
    text="A magnitude 7.1 earthquake struck northern Chile on Monday, killing at least 12 "
    "people in the port city of Iquique and cutting power to thousands of homes, the "
    "national emergency office said.\n\nRescue teams searched collapsed buildings through "
    "the night, and the government declared a state of catastrophe in the Tarapaca region. "
    "The quake's epicentre was 60 kilometres off the coast at a depth of 30 kilometres, "
    "the seismological centre said.\n\nA tsunami warning was issued for the coast and "
    "later lifted. Thousands of residents of Iquique spent the night in the streets for "
    "fear of aftershocks, several of which measured above magnitude 5.\n\nThe copper "
    "mines of the region stopped work to inspect damage, and the airport was closed "
    "after its control tower was cracked.",
)
QUAKE_B = Document(
    id="quake-b",
    date=dt.date(2022, 3, 7),
    title="Iquique counts its dead after tremor",
    origin="test",
    text="Twelve people died when a strong tremor shook Iquique on Monday, Chilean officials "
    "said, as rescuers dug through the rubble of houses and a hospital lost electricity."
    "\n\nPresident Gabriel Boric flew to the Tarapaca region and promised help for families "
    "whose homes were destroyed by the quake, which seismologists measured at 7.1.\n\n"
    "Coastal towns were evacuated for several hours under a tsunami alert, and people slept "
    "outdoors as aftershocks rocked the desert north overnight.\n\nMining companies "
    "halted copper production while engineers checked their installations, and flights "
    "to Iquique were suspended because of damage at the airport.",
)
FIRE = Document(
    id="fire",
    date=dt.date(2022, 3, 7),
    title="Blaze guts fish market in Iquique port",
    origin="test",
    text="A fire destroyed the main fish market in the port of Iquique on Monday night, "
    "firefighters said, forcing traders to move their stalls to a car park.\n\nNo one was "
    "hurt; the cause of the blaze, which started in a refrigeration unit, is being "
    "investigated.",
)
COUNCIL = Document(
    id="council",
    date=dt.date(2022, 3, 7),
    title="Iquique council approves new port budget",
    origin="test",
    text="The city council of Iquique approved on Monday a budget of 40 million dollars to "
    "modernise the port's container terminal over the next five years.\n\nCouncillors "
    "voted 9 to 2 for the plan, which the mayor said would create 600 jobs.",
)


def _story_sets(store: Store) -> set[frozenset[str]]:
    found: dict[int, set[str]] = {}
    for ext_id, story in store.conn.execute("SELECT ext_id, story_id FROM documents"):
        found.setdefault(story, set()).add(ext_id)
    return {frozenset(v) for v in found.values()}


def test_one_event_told_in_other_words_is_one_story() -> None:
    assert not set(QUAKE_A.title.lower().split()) & set(QUAKE_B.title.lower().split())  # type: ignore[union-attr]
    with Store.open(":memory:") as store:
        ingest_reports(store, [QUAKE_A, FIRE, QUAKE_B], brief=False)
        assert frozenset({"quake-a", "quake-b"}) in _story_sets(store)


def test_two_events_in_one_place_on_one_day_stay_apart() -> None:
    with Store.open(":memory:") as store:
        ingest_reports(store, [FIRE, COUNCIL], brief=False)
        assert _story_sets(store) == {frozenset({"fire"}), frozenset({"council"})}


def _trial_day(day: int) -> Document:
    witnesses = ["a former aide", "a bank clerk", "the city treasurer", "a builder", "an auditor"]
    return Document(
        id=f"trial-{day}",
        date=dt.date(2022, 5, 1) + dt.timedelta(days=day),
        title=f"Brenner corruption trial, day {day + 1}",
        origin="test",
        text=f"The corruption trial of former Lindale mayor Karl Brenner continued on day "
        f"{day + 1} at the regional court, where {witnesses[day % 5]} testified about "
        f"payments for city building contracts.\n\nBrenner, who denies taking bribes worth "
        f"{200 + 10 * day} thousand euros, listened as prosecutors read bank records. "
        f"Judge Eva Marsh said the Lindale trial would resume the next morning.",
    )


def test_a_story_followed_for_thirty_days_stays_one() -> None:
    with Store.open(":memory:") as store:
        ingest_reports(store, [_trial_day(d) for d in range(30)], brief=False)
        assert len(_story_sets(store)) == 1


def _rss(items: list[dict[str, object]]) -> str:
    from email.utils import format_datetime
    from xml.sax.saxutils import escape

    entries = []
    for a in items:
        date = dt.datetime.combine(dt.date.fromisoformat(str(a["date"])), dt.time(12), dt.UTC)
        entries.append(
            f"<item><title>{escape(str(a['title']))}</title><guid>{a['id']}</guid>"
            f"<link>{a['url']}</link><pubDate>{format_datetime(date)}</pubDate>"
            f"<description>{escape(str(a['text']))}</description></item>"
        )
    channel = f"<channel><title>Wire</title>{''.join(entries)}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


def test_the_same_reports_as_jsonl_and_as_rss_give_the_same_stories(tmp_path: Path) -> None:
    from newsbrief.ingest.stream import expand, iter_reports

    items = storydata.stream(per_event=5)
    jsonl = storydata.write_jsonl(tmp_path / "wire.jsonl", items)
    rss = tmp_path / "wire.rss"
    rss.write_text(_rss(items), encoding="utf-8")
    found = []
    for path in (jsonl, rss):
        with Store.open(":memory:") as store:
            report = ingest_reports(store, iter_reports(expand([path])), brief=False)
            assert report.added == len(items) and not report.problems
            found.append(_story_sets(store))
    assert found[0] == found[1]
    assert len(found[0]) == 3


@pytest.mark.parametrize("batch", [1, 4])
def test_batch_size_does_not_change_the_stories(tmp_path: Path, batch: int) -> None:
    docs = [*storydata.documents(per_event=4), QUAKE_A, FIRE, QUAKE_B, COUNCIL]
    docs.sort(key=lambda d: (d.date, d.id))
    with Store.open(":memory:") as store:
        ingest_reports(store, docs, brief=False)
        whole = _story_sets(store)
    path = str(tmp_path / "batches.sqlite")
    for start in range(0, len(docs), batch):
        with Store.open(path) as store:  # each batch a new process, resuming from the store
            ingest_reports(store, docs[start : start + batch], brief=False)
    with Store.open(path) as store:
        assert _story_sets(store) == whole


def test_grouping_without_an_embedding_model_still_works() -> None:
    with Store.open(":memory:") as store:
        ingest_reports(
            store, storydata.documents(), settings=Settings(story_model="none"), brief=False
        )
        groups = _groups(store)
        assert all(len(stories) == 1 for stories in groups.values())


def test_a_briefing_cites_the_stored_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsbrief.pipeline

    flood = [d for d in storydata.documents(per_event=2) if d.id.startswith("flood")]
    with Store.open(":memory:") as store:
        report = ingest_reports(store, flood, brief=False)
        (story_id,) = report.changed

        def resplit(docs: object) -> tuple[()]:
            raise AssertionError("stored reports are split again")

        monkeypatch.setattr(newsbrief.pipeline, "segment_documents", resplit)
        assert refresh_briefings(store, [story_id]) == 1
        body = store.briefings(story_id)[0].body
        stored = {
            (d.document.id, s.index): (s.start, s.end)
            for d in store.story_documents(story_id)
            for s in store.sentences(d)
        }
        evidence = [e for item in body["summary"] for e in item["evidence"]]
        assert evidence
        for e in evidence:
            assert stored[(e["doc_id"], e["sentence"])] == (e["start"], e["end"])


def test_ingest_shows_progress_for_each_phase() -> None:
    seen: dict[str, int] = {}
    totals: dict[str, int] = {}

    def progress(phase: str, total: int) -> Callable[[], None]:
        totals[phase] = total
        seen[phase] = 0

        def tick() -> None:
            seen[phase] += 1

        return tick

    docs = storydata.documents(per_event=2)
    with Store.open(":memory:") as store:
        report = ingest_reports(store, docs, progress=progress, expected=len(docs))
    assert seen == {"reading": 6, "grouping": 6, "briefing": 3}
    assert totals == {"reading": 6, "grouping": 6, "briefing": 3}
    assert report.briefed == 3


# -- briefing processes ------------------------------------------------------------------

WORKER_CASES = [
    # too few stories of several reports for a pool to pay: briefed in this process
    ("few stories", 4, MIN_POOL_STORIES - 1, 1),
    # enough of them: the setting as given
    ("many stories", 3, MIN_POOL_STORIES, 3),
    # 1 keeps every briefing in the ingesting process
    ("one process asked for", 1, 10 * MIN_POOL_STORIES, 1),
]


@pytest.mark.parametrize(
    ("name", "setting", "several", "expected"), WORKER_CASES, ids=[c[0] for c in WORKER_CASES]
)
def test_how_many_processes_brief(name: str, setting: int, several: int, expected: int) -> None:
    assert workers_for(setting, several) == expected


def test_zero_workers_means_one_per_core() -> None:
    assert workers_for(0, MIN_POOL_STORIES) >= 1


def _stored_briefings(db: str) -> dict[int, tuple[int, list[int], dict[str, object]]]:
    with Store.open(db, readonly=True) as store:
        return {
            row.id: (b.story_version, b.documents, b.body)
            for row in store.stories(limit=100)
            for b in store.briefings(row.id, limit=1)
        }


def test_a_pool_of_threads_stores_the_same_briefings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = storydata.documents(per_event=3)
    monkeypatch.setattr(briefings, "MIN_POOL_STORIES", 1)
    threads: set[str] = set()
    real = briefings.brief_for_store

    def recorded(*args: Any) -> briefings.Briefed:
        threads.add(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(briefings, "brief_for_store", recorded)
    found = []
    for workers in (1, 2):
        threads.clear()
        db = str(tmp_path / f"w{workers}.sqlite")
        with Store.open(db) as store:
            report = ingest_reports(store, docs, settings=Settings(brief_workers=workers))
        assert report.briefed == 3
        found.append(_stored_briefings(db))
    assert threads and all(t.startswith("newsbrief-brief") for t in threads)  # the pool's
    assert len(found[0]) == 3 and found[0] == found[1]


def test_briefings_are_made_in_one_thread_when_the_store_cannot_be_read_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Store.open(str(tmp_path / "s.sqlite")) as store:
        report = ingest_reports(store, storydata.documents(per_event=2), brief=False)
        due = [(s, store.story(s, follow=False).version) for s in sorted(report.changed)]  # type: ignore[union-attr]
        store.path = str(tmp_path / "elsewhere.sqlite")  # no store there for the readers
        made = list(brief_all(store, due, Settings(analysis=False), workers=2))
    assert [(m.story_id, m.error) for m in made] == [(s, None) for s, _ in due]
    assert all(m.body for m in made)
    assert "briefing in one thread" in caplog.text


# -- headlines ---------------------------------------------------------------------------

HEADLINE_CASES = [
    (
        "slug",
        "BC-CRASH-EGYPTAIR-NYT Investigators study EgyptAir flight recorder",
        "Investigators study EgyptAir flight recorder",
    ),
    ("agency tag", "Russia says Kursk crew is dead (AP)", "Russia says Kursk crew is dead"),
    # capitals: normal case, as briefing headlines are (names keep their capital)
    ("capitals", "CONCORDE CRASH KILLS 113 NEAR PARIS", "Concorde Crash Kills 113 Near Paris"),
    (
        "release note",
        "KURSK RAISED FROM SEA FLOOR (FOR RELEASE SUNDAY, AUG. 13)",
        "Kursk Raised from Sea Floor",
    ),
    ("urgency", "URGENT: Russia says Kursk crew is dead", "Russia says Kursk crew is dead"),
    ("part marker", "Russia mourns the Kursk crew (2)", "Russia mourns the Kursk crew"),
    ("dateline slug", "KURSK-RUSSIA (Moscow) _ Divers reach the hull", "Divers reach the hull"),
    ("byline", "By JOHN SMITH", None),
    ("placeholder", "Briefing", None),
    ("too short", "Kursk", None),
]


@pytest.mark.parametrize(
    ("name", "title", "cleaned"), HEADLINE_CASES, ids=[c[0] for c in HEADLINE_CASES]
)
def test_titles_are_cleaned_of_wire_furniture(name: str, title: str, cleaned: str | None) -> None:
    assert clean_title(title) == cleaned


def test_the_headline_follows_the_story_to_its_latest_days() -> None:
    day = dt.date(2000, 8, 12)
    candidates = [
        HeadlineCandidate("Russian submarine stuck on sea floor", "A Russian submarine sank.", day),
        HeadlineCandidate(
            "Rescuers race to reach trapped Kursk crew",
            "Rescuers tried again to reach the Kursk crew.",
            day + dt.timedelta(days=3),
        ),
        HeadlineCandidate(
            "Divers find no survivors aboard Kursk",
            "Norwegian divers opened the Kursk hatch and found no survivors among the crew.",
            day + dt.timedelta(days=9),
        ),
        HeadlineCandidate(
            "Briefing",
            "Russia confirmed on Monday that all 118 Kursk crew members were dead.",
            day + dt.timedelta(days=9),
        ),
    ]
    assert story_headline(candidates) == "Divers find no survivors aboard Kursk"


def test_a_story_without_usable_titles_takes_a_lead_sentence() -> None:
    candidates = [
        HeadlineCandidate(
            "By JOHN SMITH",
            "MOSCOW (AP) _ Russia confirmed on Monday that all 118 crew members of the Kursk "
            "submarine had died, ending a nine-day rescue effort that gripped the nation.",
            dt.date(2000, 8, 21),
        )
    ]
    assert (
        story_headline(candidates)
        == "Russia confirmed on Monday that all 118 crew members of the Kursk submarine had died"
    )
    assert story_headline([]) is None


def test_a_stored_story_gets_its_headline_from_its_reports() -> None:
    flood = [d for d in storydata.documents(per_event=3) if d.id.startswith("flood")]
    with Store.open(":memory:") as store:
        report = ingest_reports(store, flood)
        (story_id,) = report.changed
        story = store.story(story_id)
        assert story is not None and story.headline is not None
        assert story.headline.startswith("Floods force")
        assert store.briefings(story_id)[0].body["headline"] == story.headline


# -- the embedding model -----------------------------------------------------------------


def test_the_packaged_model_gives_unit_vectors_that_tell_events_apart() -> None:
    embedder = load_embedder("default")
    assert embedder is not None
    texts = [report_text(d.title, d.text) for d in (QUAKE_A, QUAKE_B, COUNCIL)]
    vectors = embedder.embed([*texts, ""])
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert not vectors[3].any()  # no tokens: a zero row
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_no_model_and_bad_models(tmp_path: Path) -> None:
    assert load_embedder("none") is None
    with pytest.raises(ConfigError, match="cannot read"):
        load_embedder(str(tmp_path / "missing.npz"))
    wrong = tmp_path / "wrong.npz"
    np.savez(wrong, codes=np.zeros((3, 4), np.int8), scales=np.ones(3, np.float32))
    with pytest.raises(ConfigError, match="do not match"):
        load_embedder(str(wrong))


def test_without_the_tokenizer_grouping_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_tokenizers(name: str, *args: object, **kwargs: object) -> object:
        if name == "tokenizers":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    embed._load.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_tokenizers)
    try:
        assert load_embedder("default") is None
    finally:
        embed._load.cache_clear()

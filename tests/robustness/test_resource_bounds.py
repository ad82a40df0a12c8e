"""Bounded work: caps on what one briefing reads (each says what it left out),
near-duplicate linking that compares a syndicated copy with one original, not all copies,
and date arithmetic that holds at the ends of the calendar."""

from __future__ import annotations

import datetime as dt

from newsbrief.config import Settings
from newsbrief.models import Document
from newsbrief.pipeline import brief, cap_documents
from newsbrief.store import Store, dedup
from newsbrief.stories import ingest_reports

WIRE = (
    "Heavy rain flooded the river town of Riverton on Tuesday, forcing hundreds of residents "
    "from their homes. Emergency crews used boats to reach families stranded on rooftops. "
    "Mayor Alma Ortiz said the Cobb River rose four metres in six hours, the highest level "
    "since records began, and that more rain was expected overnight across the valley."
)
QUICK = Settings(analysis=False)


def _docs(n: int, sentences: int = 3) -> list[Document]:
    return [
        Document(
            id=f"d{i:04d}",
            date=dt.date(2024, 1, 1) + dt.timedelta(days=i % 300),
            text=" ".join(
                f"Report {i} says the council voted on item {j} of the budget today."
                for j in range(sentences)
            ),
        )
        for i in range(n)
    ]


def test_a_cluster_over_the_document_cap_reads_the_earliest_and_the_latest() -> None:
    docs = tuple(_docs(300, sentences=1))
    kept, notes = cap_documents(docs, Settings(max_cluster_documents=40))
    assert len(kept) == 40 and kept[:10] == docs[:10] and kept[10:] == docs[-30:]
    assert notes == (
        "260 report(s) not read (over max_cluster_documents=40): "
        "the earliest 10 and the latest 30 were briefed",
    )


def test_a_cluster_over_the_sentence_cap_reads_the_first_sentences_of_each_report() -> None:
    settings = Settings(analysis=False, max_cluster_sentences=120, max_cluster_documents=0)
    briefing = brief(_docs(20, sentences=12), settings=settings)
    assert sum(s.n_sentences for s in briefing.sources) <= 120
    assert all(s.n_sentences == 6 for s in briefing.sources)
    assert any("max_cluster_sentences=120" in n and "first 6" in n for n in briefing.notes)
    assert briefing.summary


def test_a_huge_report_is_cut_with_a_note() -> None:
    text = "The council met on Monday and voted. " * 20_000
    briefing = brief(
        [Document(id="huge", text=text)], settings=Settings(analysis=False, max_report_chars=5_000)
    )
    assert briefing.sources[0].n_words <= 5_000 // 3
    assert any("first 5,000 characters: huge" in n for n in briefing.notes)


def test_caps_of_zero_mean_no_limit() -> None:
    docs = tuple(_docs(30))
    kept, notes = cap_documents(docs, Settings(max_cluster_documents=0, max_report_chars=0))
    assert kept == docs and notes == ()


def test_syndicated_copies_are_each_compared_with_the_original_only() -> None:
    copies = [
        Document(
            id=f"copy{i}",
            date=dt.date(2024, 3, 5),
            outlet=f"Outlet {i}",
            text=f"{WIRE} Copyright Outlet {i}.",
            origin=f"feed{i}",
        )
        for i in range(60)
    ]
    with Store.open(":memory:") as store:
        report = ingest_reports(store, copies, settings=QUICK, brief=False)
        assert report.added == 60 and report.near_duplicates == 59
        originals = store.conn.execute(
            "SELECT count(DISTINCT doc_id) FROM minhash_bands"
        ).fetchone()[0]
        assert originals == 1  # the copies left the band index
        candidates = store.near_duplicate_candidates(dedup.signature(WIRE))
        assert len(candidates) == 1
        linked_to = {r[0] for r in store.conn.execute("SELECT duplicate_of FROM near_duplicates")}
        assert len(linked_to) == 1


def test_relative_dates_of_reports_dated_at_the_calendar_ends() -> None:
    text = (
        "The council met yesterday and again last week. It said the bridge will reopen "
        "tomorrow, next month or in 3 days, and that the vote of December 31 stands."
    )
    for date in (dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30)):
        briefing = brief([Document(id="edge", date=date, text=text)], settings=Settings())
        assert briefing.summary and briefing.analysis is not None

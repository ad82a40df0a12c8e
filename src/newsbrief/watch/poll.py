"""Polling followed feeds: fetch the due ones, store their new entries as reports.

A round (:func:`poll_due`) fetches every due feed on a thread pool, one task per
host (and the :class:`~newsbrief.watch.http.Fetcher` keeps one request at a time per
host, article pages included), then, on the calling thread, the only writer, ingests
the new entries as reports, saves each feed's poll state and refreshes the briefings
of the stories that changed. A
feed that fails keeps its validators and the keys of its entries; its error, the
time and the count of failures in a row are saved and it is tried again after a
growing pause. Nothing already stored is ever removed.

:func:`watch` repeats rounds until stopped.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from newsbrief.config import Settings
from newsbrief.errors import InputError, NewsbriefError, StoreError
from newsbrief.models import Document
from newsbrief.store import Store, writer_lock
from newsbrief.store.dedup import content_hash
from newsbrief.store.feeds import FeedRow, FeedStore, PollRecord, utc_now
from newsbrief.stories import IngestReport, StoryIngester, refresh_briefings
from newsbrief.watch.entries import FeedEntry, article_document, read_feed
from newsbrief.watch.http import Fetcher, FetchError

log = logging.getLogger(__name__)

MAX_BACKOFF_FACTOR = 16  # a failing feed waits at most 16 intervals between tries
MAX_ARTICLES_PER_POLL = 50  # article pages fetched per feed and poll (the rest next time)


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """What fetching one feed found: its new documents and the state to save."""

    feed: FeedRow
    record: PollRecord
    documents: tuple[Document, ...] = ()
    problems: tuple[InputError, ...] = ()


@dataclass(slots=True)
class RoundReport:
    """What one round of polling did."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    entries: int = 0  # new entries found
    added: int = 0  # reports stored
    existing: int = 0  # entries whose text was already stored
    skipped: int = 0  # entries with no readable text
    changed: set[int] = field(default_factory=set)  # stories that changed
    briefed: int = 0
    errors: list[str] = field(default_factory=list)


def interval_of(feed: FeedRow, settings: Settings) -> int:
    """Seconds between two polls of this feed."""
    return max(1, feed.interval_s or settings.feed_interval)


def next_poll(feed: FeedRow, settings: Settings, now: dt.datetime, failed: bool) -> dt.datetime:
    """When to poll again: one interval after a success, doubling pauses after failures."""
    interval = interval_of(feed, settings)
    if failed:
        interval *= min(2**feed.failures, MAX_BACKOFF_FACTOR)
    return now + dt.timedelta(seconds=interval)


def poll_feed(
    feed: FeedRow,
    seen: frozenset[str],
    fetcher: Fetcher,
    settings: Settings,
    now: dt.datetime,
) -> FeedPoll:
    """Fetch one feed and return its new entries as documents (no store access)."""
    try:
        answer = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
    except FetchError as exc:
        return _failed(feed, settings, now, exc.problem, exc.http_status)
    base = PollRecord(
        feed_id=feed.id,
        polled_at=now,
        next_poll_at=next_poll(feed, settings, now, failed=False),
        status=answer.status,
        etag=answer.etag,
        last_modified=answer.last_modified,
        url=answer.moved_to,
    )
    if answer.not_modified:
        return FeedPoll(feed, base)
    try:
        parsed = read_feed(answer.body, feed.url, now.date())
    except InputError as exc:
        return _failed(feed, settings, now, exc.problem, answer.status)
    fresh = _fresh(parsed.entries, seen)
    documents, problems = _documents(fresh, fetcher, settings)
    keys = tuple(key for entry in fresh for key in entry.keys)
    record = PollRecord(
        feed_id=base.feed_id,
        polled_at=now,
        next_poll_at=base.next_poll_at,
        status=base.status,
        etag=base.etag,
        last_modified=base.last_modified,
        title=parsed.title,
        url=base.url,
        keys=keys,
    )
    return FeedPoll(feed, record, tuple(documents), tuple(problems))


def _failed(
    feed: FeedRow, settings: Settings, now: dt.datetime, problem: str, status: int | None
) -> FeedPoll:
    log.warning("feed %s: %s", feed.url, problem)
    record = PollRecord(
        feed_id=feed.id,
        polled_at=now,
        next_poll_at=next_poll(feed, settings, now, failed=True),
        status=status,
        error=problem,
    )
    return FeedPoll(feed, record)


def _fresh(entries: Sequence[FeedEntry], seen: frozenset[str]) -> list[FeedEntry]:
    """Entries none of whose keys was seen before (nor earlier in this same feed)."""
    taken = set(seen)
    out = []
    for entry in entries:
        if taken.isdisjoint(entry.keys):
            out.append(entry)
        taken.update(entry.keys)
    return out


def _documents(
    entries: Sequence[FeedEntry], fetcher: Fetcher, settings: Settings
) -> tuple[list[Document], list[InputError]]:
    documents, problems = [], []
    articles = 0
    for entry in entries:
        doc = entry.document
        if entry.summary_only and settings.feed_fetch_articles and articles < MAX_ARTICLES_PER_POLL:
            articles += 1
            doc = _with_article(entry, fetcher) or doc
        if doc is None:
            problems.append(entry.problem or InputError(entry.link or "entry", "no text"))
        else:
            documents.append(doc)
    return documents, problems


def _with_article(entry: FeedEntry, fetcher: Fetcher) -> Document | None:
    """The entry with its article page's text, or None when the page gives nothing."""
    from newsbrief.ingest.html import parse_html

    assert entry.link is not None
    try:
        page = fetcher.get(entry.link, accept="text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
        doc_id = entry.document.id if entry.document else entry.link
        found = parse_html(page.text(), doc_id, entry.link)
    except (FetchError, InputError) as exc:
        log.info("article page not used: %s", exc)
        return None
    return article_document(entry, found)


def poll_due(
    store: Store,
    settings: Settings | None = None,
    *,
    fetcher: Fetcher | None = None,
    now: dt.datetime | None = None,
    every: bool = False,
    brief: bool = True,
) -> RoundReport:
    """One round: poll each due feed (``every``: all feeds) once and store what is new."""
    settings = settings or Settings()
    feeds = FeedStore(store)
    now = now or utc_now()
    due = feeds.all() if every else feeds.due(now)
    report = RoundReport()
    if not due:
        return report
    own = fetcher is None
    client = fetcher or Fetcher(settings)
    try:
        polls = _fetch_all(due, feeds, client, settings, now)
    finally:
        if own:
            client.close()
    # One ingest for the whole round: batches and the idf statistics are saved once, not
    # once per feed, Each feed is credited with its entries that are new to the store.
    credit = _new_per_feed(store, polls)
    documents = [d for poll in polls if poll.record.error is None for d in poll.documents]
    # in date order, as a stream is ingested: grouping compares a report only with stories
    # inside its date window, which a date-ordered round keeps small
    documents.sort(key=lambda d: (d.date is None, d.date or dt.date.min))
    if documents:
        done = StoryIngester(store, settings).ingest(documents, IngestReport())
        report.added, report.existing, report.changed = done.added, done.existing, done.changed
    records = [_tally(poll, credit.get(poll.feed.id, 0), report) for poll in polls]
    feeds.record(records)
    if brief and report.changed:
        report.briefed = refresh_briefings(store, sorted(report.changed), settings)
    return report


def _fetch_all(
    due: Sequence[FeedRow],
    feeds: FeedStore,
    fetcher: Fetcher,
    settings: Settings,
    now: dt.datetime,
) -> list[FeedPoll]:
    """Poll the feeds, one task per host (its feeds in turn), hosts side by side.

    A task per host rather than per feed: threads never queue on one busy host's turn
    while feeds of other hosts wait behind them.
    """
    seen = {feed.id: feeds.seen(feed.id) for feed in due}
    by_host: dict[str, list[FeedRow]] = {}
    for feed in due:
        by_host.setdefault(urlsplit(feed.url).hostname or "", []).append(feed)

    def host_task(group: list[FeedRow]) -> list[FeedPoll]:
        return [poll_feed(feed, seen[feed.id], fetcher, settings, now) for feed in group]

    workers = max(1, min(settings.feed_workers, len(by_host)))
    with ThreadPoolExecutor(workers, thread_name_prefix="newsbrief-poll") as pool:
        done = [poll for polls in pool.map(host_task, by_host.values()) for poll in polls]
    order = {feed.id: n for n, feed in enumerate(due)}
    return sorted(done, key=lambda poll: order[poll.feed.id])


def _new_per_feed(store: Store, polls: Sequence[FeedPoll]) -> dict[int, int]:
    """Per feed, its documents whose text the store lacks (the first feed of a round wins)."""
    taken: set[str] = set()
    out: dict[int, int] = {}
    for poll in polls:
        for doc in poll.documents:
            digest = content_hash(doc.text)
            if digest not in taken and store.find_hash(digest) is None:
                out[poll.feed.id] = out.get(poll.feed.id, 0) + 1
            taken.add(digest)
    return out


def _tally(poll: FeedPoll, added: int, report: RoundReport) -> PollRecord:
    """Count one feed's outcome into the round report; its record with what it added."""
    report.polled += 1
    record = poll.record
    if record.error is not None:
        report.failed += 1
        report.errors.append(f"{poll.feed.url}: {record.error}")
        return record
    if record.status == 304:
        report.not_modified += 1
        return record
    report.entries += len(poll.documents) + len(poll.problems)
    report.skipped += len(poll.problems)
    for problem in poll.problems:
        log.info("feed entry skipped: %s", problem)
    return replace(record, added=added)


def watch(
    path: str,
    settings: Settings | None = None,
    *,
    stop: threading.Event | None = None,
    idle: float = 5.0,
    brief: bool = True,
    on_round: Callable[[RoundReport], None] | None = None,
) -> None:
    """Poll due feeds of the store at ``path`` until ``stop`` is set.

    The writer lock is taken for each round only, so ``newsbrief ingest`` can run
    between rounds; a round that finds another writer is retried after ``idle``.
    Between rounds it sleeps until the next feed is due, waking at least every
    ``idle`` seconds to see feeds added meanwhile.
    """
    settings = settings or Settings()
    stop = stop or threading.Event()
    with Fetcher(settings) as fetcher:
        while not stop.is_set():
            try:
                with writer_lock(path), Store.open(path) as store:
                    report = poll_due(store, settings, fetcher=fetcher, brief=brief)
                    upcoming = FeedStore(store).next_due()
            except StoreError as exc:
                log.warning("poll round skipped: %s", exc)
                stop.wait(idle)
                continue
            except NewsbriefError as exc:
                log.error("poll round failed: %s", exc)
                stop.wait(idle)
                continue
            if report.polled and on_round:
                on_round(report)
            wait = idle
            if upcoming is not None:
                wait = min(idle, max(0.0, (upcoming - utc_now()).total_seconds()))
            stop.wait(max(wait, 0.2))

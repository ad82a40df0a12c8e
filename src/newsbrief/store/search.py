"""Relevance-ranked search over stories and their reports (SQLite FTS5, bm25).

A query is read into words (:func:`parse_query`): letters and digits, two
characters at least (a one-letter word such as the ``C`` of ``C++`` would match
nearly every report), a trailing ``*`` for a prefix. Every word is required;
when no report has them all, any word will do and the result says so.

Reports are scored with bm25, a word in the title counting :data:`TITLE_WEIGHT`
times one in the text. A story ranks by its best report, and a story whose
headline holds every word comes before those whose headline does not: a search
for a story's name finds that story first, not a side note that mentions it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, replace
from typing import Literal

from newsbrief.store.records import StoryRow, story_from_row
from newsbrief.store.repository import Store

TITLE_WEIGHT = 8.0
MAX_WORDS = 12
MAX_CANDIDATES = 1000  # stories ranked per query; deeper pages are refused
MARK_START, MARK_END = "\x02", "\x03"  # snippet highlight markers (never in stored text)
_WORD = re.compile(r"(\w+)(\*?)")
_STEMMED = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Query:
    """The searchable words of what the user typed."""

    text: str
    words: tuple[str, ...]
    prefixes: frozenset[str]  # words given with a trailing *
    dropped: tuple[str, ...]  # too short to search for

    def fts(self, mode: Literal["all", "any"]) -> str:
        """The FTS5 expression: every word quoted (no FTS syntax reaches SQLite)."""
        terms = [f'"{w}"' + ("*" if w in self.prefixes else "") for w in self.words]
        return (" OR " if mode == "any" else " ").join(terms)


def parse_query(text: str) -> Query:
    """Words of two or more letters or digits, at most :data:`MAX_WORDS`, once each."""
    words: list[str] = []
    prefixes: set[str] = set()
    dropped: list[str] = []
    for word, star in _WORD.findall(text):
        word = word.lower()
        if len(word) < 2 or (star and len(word) < 3):
            dropped.append(word + star)
            continue
        if word not in words:
            words.append(word)
        if star:
            prefixes.add(word)
    return Query(text, tuple(words[:MAX_WORDS]), frozenset(prefixes), tuple(dropped))


@dataclass(frozen=True, slots=True)
class StoryHit:
    """A story found, with its best-matching report and a snippet of that report."""

    story: StoryRow
    score: float  # bm25 of the best report (lower is better)
    headline_match: bool
    matching_reports: int
    report_id: int
    report_title: str | None
    snippet: str  # text with MARK_START / MARK_END around the matched words


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of hits and the total, with how the words were matched."""

    query: Query
    hits: tuple[StoryHit, ...]
    total: int
    mode: Literal["all", "any", "none"]  # none: no searchable word


_SNIPPET = f"""
SELECT snippet(documents_fts, 1, '{MARK_START}', '{MARK_END}', '…', 18)
FROM documents_fts WHERE documents_fts MATCH ? AND rowid = ?
"""
_SQL = f"""
SELECT d.story_id AS story_id, d.id AS report_id, d.title AS title,
       bm25(documents_fts, {TITLE_WEIGHT}, 1.0) AS score
FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
WHERE documents_fts MATCH ? AND d.story_id IS NOT NULL
ORDER BY score
LIMIT ?
"""


def search_stories(store: Store, query: Query, *, limit: int, offset: int) -> SearchResult:
    """Stories matching every word (else any word), best first."""
    if not query.words:
        return SearchResult(query, (), 0, "none")
    mode: Literal["all", "any"] = "all"
    ranked = _ranked(store, query, mode)
    if not ranked and len(query.words) > 1:
        mode = "any"
        ranked = _ranked(store, query, mode)
    expression = query.fts(mode)
    page = [_with_snippet(store, hit, expression) for hit in ranked[offset : offset + limit]]
    return SearchResult(query, tuple(page), len(ranked), mode)


def _ranked(store: Store, query: Query, mode: Literal["all", "any"]) -> list[StoryHit]:
    try:
        rows = store.conn.execute(_SQL, (query.fts(mode), MAX_CANDIDATES * 20)).fetchall()
    except sqlite3.OperationalError:
        return []  # defensive: parse_query lets no FTS syntax through
    best: dict[int, sqlite3.Row] = {}
    counts: dict[int, int] = {}
    for row in rows:
        sid = int(row["story_id"])
        counts[sid] = counts.get(sid, 0) + 1
        best.setdefault(sid, row)
    stories = _stories(store, list(best))
    hits = []
    for sid, row in best.items():
        story = stories.get(sid)
        if story is None:
            continue
        hits.append(
            StoryHit(
                story=story,
                score=float(row["score"]),
                headline_match=_holds(story.headline or "", query),
                matching_reports=counts[sid],
                report_id=int(row["report_id"]),
                report_title=row["title"],
                snippet="",
            )
        )
    hits.sort(key=lambda h: (not h.headline_match, h.score, -h.matching_reports, -h.story.id))
    return hits[:MAX_CANDIDATES]


def _with_snippet(store: Store, hit: StoryHit, expression: str) -> StoryHit:
    row = store.conn.execute(_SNIPPET, (expression, hit.report_id)).fetchone()
    return replace(hit, snippet=(row[0] if row else "") or "")


def _stories(store: Store, ids: list[int]) -> dict[int, StoryRow]:
    out: dict[int, StoryRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in store.conn.execute(
            f"SELECT * FROM stories WHERE id IN ({marks}) AND merged_into IS NULL "
            "AND n_reports > 0",
            chunk,
        ):
            out[int(row["id"])] = story_from_row(row)
    return out


def _holds(headline: str, query: Query) -> bool:
    """Whether the headline holds every word (a prefix word as a prefix)."""
    words = [w.lower() for w in _STEMMED.findall(headline)]
    for term in query.words:
        if term in query.prefixes:
            if not any(w.startswith(term) for w in words):
                return False
        elif not any(w == term or (w.startswith(term) and len(w) - len(term) <= 3) for w in words):
            return False
    return True

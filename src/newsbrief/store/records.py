"""Rows of the store as frozen records (what the store returns to its callers)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from newsbrief.models import Document


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A report as stored: the :class:`Document`, its row id and its place in a story."""

    rowid: int
    document: Document
    content_hash: str
    story_id: int | None = None
    duplicate_of: int | None = None
    ingested_at: str = ""


@dataclass(frozen=True, slots=True)
class StoryMember:
    """A stored report's row id and the report it near-duplicates (None: an original)."""

    rowid: int
    duplicate_of: int | None = None


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story: an event that one or more reports cover."""

    id: int
    headline: str | None
    first_date: dt.date | None
    last_date: dt.date | None
    n_reports: int
    n_sources: int
    version: int
    merged_into: int | None
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class BriefingRow:
    """One stored version of a story's briefing (``body`` is the JSON of ``render.json``)."""

    story_id: int
    version: int
    story_version: int
    documents: tuple[int, ...]  # document row ids, in source-number order
    body: dict[str, Any]
    created_at: str


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date column value, or None."""
    return dt.date.fromisoformat(value) if value else None


def document_from_row(row: sqlite3.Row) -> StoredDocument:
    """A :class:`StoredDocument` from a ``documents`` row."""
    doc = Document(
        id=row["ext_id"],
        text=row["text"],
        date=parse_date(row["date"]),
        title=row["title"],
        kind=row["kind"],
        origin=row["origin"],
        outlet=row["outlet"],
        url=row["url"],
    )
    return StoredDocument(
        rowid=row["id"],
        document=doc,
        content_hash=row["content_hash"],
        story_id=row["story_id"],
        duplicate_of=row["duplicate_of"],
        ingested_at=row["ingested_at"],
    )


def story_from_row(row: sqlite3.Row) -> StoryRow:
    """A :class:`StoryRow` from a ``stories`` row."""
    return StoryRow(
        id=row["id"],
        headline=row["headline"],
        first_date=parse_date(row["first_date"]),
        last_date=parse_date(row["last_date"]),
        n_reports=row["n_reports"],
        n_sources=row["n_sources"],
        version=row["version"],
        merged_into=row["merged_into"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def briefing_from_row(row: sqlite3.Row) -> BriefingRow:
    """A :class:`BriefingRow` from a ``briefings`` row."""
    return BriefingRow(
        story_id=row["story_id"],
        version=row["version"],
        story_version=row["story_version"],
        documents=tuple(json.loads(row["documents"])),
        body=json.loads(row["body"]),
        created_at=row["created_at"],
    )

"""What the story list shows beyond the story rows, and a stamp that changes with the store.

:func:`change_stamp` is cheap (two index lookups), so the web app can ask it every
second per open page to push live updates.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.store.repository import Store

MAX_OUTLETS = 4


def change_stamp(store: Store) -> str:
    """A value that changes whenever a report is stored or a story changes."""
    row = store.conn.execute(
        "SELECT (SELECT max(id) FROM documents), (SELECT max(updated_at) FROM stories), "
        "(SELECT max(rowid) FROM briefings)"
    ).fetchone()
    return ":".join(str(v or 0) for v in row)


def feeds_stamp(store: Store) -> str:
    """A value that changes whenever a feed is polled, added or removed."""
    row = store.conn.execute(
        "SELECT count(*), max(last_poll_at), max(id), sum(failures) FROM feeds"
    ).fetchone()
    return ":".join(str(v or 0) for v in row)


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def story_outlets(store: Store, ids: Sequence[int]) -> dict[int, list[str]]:
    """The outlets of each story, most reports first (at most :data:`MAX_OUTLETS`)."""
    if not ids:
        return {}
    rows = store.conn.execute(
        f"SELECT story_id, outlet, count(*) AS n FROM documents WHERE story_id IN ({_marks(ids)}) "
        "AND outlet IS NOT NULL AND duplicate_of IS NULL GROUP BY story_id, outlet "
        "ORDER BY story_id, n DESC, outlet",
        list(ids),
    ).fetchall()
    out: dict[int, list[str]] = {}
    for row in rows:
        names = out.setdefault(int(row[0]), [])
        if len(names) < MAX_OUTLETS:
            names.append(row[1])
    return out


def story_summaries(store: Store, ids: Sequence[int]) -> dict[int, str]:
    """The first summary sentence of each story's latest briefing that is not its headline."""
    if not ids:
        return {}
    rows = store.conn.execute(
        "SELECT b.story_id, json_extract(b.body, '$.headline'), "
        "json_extract(b.body, '$.summary[0].text'), json_extract(b.body, '$.summary[1].text') "
        "FROM briefings b "
        f"WHERE b.story_id IN ({_marks(ids)}) AND b.version = "
        "(SELECT max(version) FROM briefings WHERE story_id = b.story_id)",
        list(ids),
    ).fetchall()
    out = {}
    for story_id, headline, first, second in rows:
        same = first and headline and first.rstrip(" .") == headline.rstrip(" .")
        line = second if same else first
        if line:
            out[int(story_id)] = line
    return out

"""The story store: one SQLite file (WAL), named migrations, one writer.

>>> from newsbrief.store import Store
>>> with Store.open(":memory:") as store:
...     store.count("documents")
0
"""

from __future__ import annotations

from newsbrief.store.db import default_db_path, resolve_db_path, writer_lock
from newsbrief.store.migrations import MIGRATIONS, migrate
from newsbrief.store.records import BriefingRow, StoredDocument, StoryRow
from newsbrief.store.repository import Store

__all__ = [
    "MIGRATIONS",
    "BriefingRow",
    "Store",
    "StoredDocument",
    "StoryRow",
    "default_db_path",
    "migrate",
    "resolve_db_path",
    "writer_lock",
]

"""Story mode: group a stream of reports into stories and keep one briefing per story.

>>> from newsbrief.store import Store
>>> from newsbrief.stories import ingest_reports
>>> with Store.open(":memory:") as store:
...     report = ingest_reports(store, [], brief=False)
>>> report.added
0
"""

from __future__ import annotations

from newsbrief.stories.briefings import briefing_changes, refresh_briefings, story_briefing
from newsbrief.stories.grouper import Grouper, StoryState
from newsbrief.stories.intake import IngestReport, StoryIngester, ingest_reports

__all__ = [
    "Grouper",
    "IngestReport",
    "StoryIngester",
    "StoryState",
    "briefing_changes",
    "ingest_reports",
    "refresh_briefings",
    "story_briefing",
]

"""Names of days and months and relative time words, in the forms news reports write them."""

from __future__ import annotations

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTH_ABBREVIATIONS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip

WEEKDAY_PATTERN = "|".join(WEEKDAYS)
"""Regular-expression alternation of the weekday names."""
MONTH_PATTERN = (
    "|".join(MONTHS) + r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
"""Regular-expression alternation of month names and their wire abbreviations."""

RELATIVE_TIME_WORDS = frozenset(
    {"today", "yesterday", "tomorrow", "tonight", "overnight", "daily", "early", "late", "last",
     "next", "ago"}
)  # fmt: skip
"""Lower-case words that place something in time relative to the report."""

CALENDAR_WORDS = frozenset(w.lower() for w in (*WEEKDAYS, *MONTHS)) | RELATIVE_TIME_WORDS
"""Lower-case day, month and relative time words: capitalised, they are still not names."""

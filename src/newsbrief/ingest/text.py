"""Plain-text reports. A first line ``date YYYY-MM-DD`` sets the report date."""

from __future__ import annotations

import datetime as dt
import logging
import re

from newsbrief.errors import InputError
from newsbrief.ingest.kind import detect_kind
from newsbrief.models import Document

log = logging.getLogger(__name__)

_DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*\n?[ \t]*", re.IGNORECASE)


def parse_text(text: str, doc_id: str, origin: str, date: dt.date | None = None) -> Document:
    """A :class:`Document` from report text; the date header is removed from the body."""
    body = text
    match = _DATE_HEADER.match(text)
    if match:
        date = report_date(match.group(1), origin) or date
        body = text[match.end() :]
    body = body.rstrip()
    if not body.strip():
        raise InputError(origin, "no report text after the date line")
    require_readable(body, origin)
    return Document(id=doc_id, text=body, date=date, kind=detect_kind(body), origin=origin)


LATIN_SHARE_SAMPLE = 20_000  # characters looked at to tell the script of a report
MIN_LATIN_SHARE = 0.5


def require_readable(text: str, origin: str) -> None:
    """Refuse what newsbrief cannot brief, with the reason: text with no letter or digit
    (only invisible, format or punctuation characters, e.g. zero-width spaces), and text
    mostly in a non-Latin script (Chinese, Japanese, Arabic, Cyrillic…): the segmenter,
    stemmer and analysis read English, and such a report would give an empty summary."""
    sample = text[:LATIN_SHARE_SAMPLE]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters and not any(ch.isdigit() for ch in sample):
        raise InputError(origin, "no letters or digits in the text: nothing to brief")
    if letters:
        latin = sum(1 for ch in letters if ch < "\u0250")
        if latin < MIN_LATIN_SHARE * len(letters):
            raise InputError(
                origin,
                f"only {latin / len(letters):.0%} of its letters are Latin: newsbrief reads "
                "English reports and cannot brief this language",
            )


def parse_iso_date(value: str, origin: str) -> dt.date:
    """``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date) or an InputError."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise InputError(origin, f"bad date {value!r}: expected YYYY-MM-DD") from exc


def report_date(value: object, where: str) -> dt.date | None:
    """A report's date, or None with one warning naming ``where`` when the value is not a
    real date (``2000-13-45``, ``0000-00-00``): bad metadata makes a report undated, never
    lost."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return parse_iso_date(value, where)
        except InputError:
            pass
    log.warning("%s: bad date %r (expected YYYY-MM-DD); the report is kept undated", where, value)
    return None

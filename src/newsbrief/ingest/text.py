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
    return Document(id=doc_id, text=body, date=date, kind=detect_kind(body), origin=origin)


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

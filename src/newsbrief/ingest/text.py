"""Plain-text reports. A first line ``date YYYY-MM-DD`` sets the report date."""

from __future__ import annotations

import datetime as dt
import re

from newsbrief.errors import InputError
from newsbrief.ingest.kind import detect_kind
from newsbrief.models import Document

_DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*\n?[ \t]*", re.IGNORECASE)


def parse_text(text: str, doc_id: str, origin: str, date: dt.date | None = None) -> Document:
    """A :class:`Document` from report text; the date header is removed from the body."""
    body = text
    match = _DATE_HEADER.match(text)
    if match:
        date = parse_iso_date(match.group(1), origin)
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

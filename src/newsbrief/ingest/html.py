"""HTML pages: main text, title, date and outlet through trafilatura."""

from __future__ import annotations

import logging

from newsbrief.errors import InputError
from newsbrief.ingest.kind import detect_kind
from newsbrief.ingest.text import report_date, require_readable
from newsbrief.models import Document

log = logging.getLogger(__name__)


def parse_html(html: str, doc_id: str, origin: str) -> Document:
    """A :class:`Document` from an HTML page, via ``trafilatura.bare_extraction``."""
    import trafilatura  # imported here: only HTML inputs pay for it

    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        raise InputError(origin, f"could not parse HTML ({exc.__class__.__name__}: {exc})") from exc
    if result is None:
        raise InputError(origin, "no article text found in the HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(origin, "no article text found in the HTML page")
    require_readable(text, origin)
    date = report_date(str(data["date"]), origin) if data.get("date") else None
    return Document(
        id=doc_id,
        text=text,
        date=date,
        title=(data.get("title") or None),
        kind=detect_kind(text),
        origin=origin,
        outlet=(data.get("sitename") or None),
        url=(data.get("url") or None),
    )

"""The HTML page without a browser: self-contained, escaped, hover boxes carry evidence."""

from __future__ import annotations

import html
import json
import re

import briefingdata
from newsbrief.models import Document
from newsbrief.pipeline import brief
from newsbrief.render.html import render_html
from newsbrief.render.json import render_json
from newsbrief.render.json_read import briefing_from_dict


def test_seeds_page_is_self_contained(seed_briefing_full) -> None:
    page = render_html(seed_briefing_full)
    # No external resource of any kind: only the CSP meta names a URL-ish scheme.
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", page)
    assert "<script src" not in page and "@import" not in page and "url(" not in page
    # the charts: claims × reports, and the timeline by day
    assert '<table class="coverage">' in page and '<ol class="days">' in page


def test_hover_box_holds_the_evidence_sentence(seed_briefing_full) -> None:
    page = render_html(seed_briefing_full)
    tips = re.findall(r'<span class="tip" role="tooltip">(.*?)</span>', page)
    assert tips and any("Ned Price" in t for t in tips)


def test_source_text_is_escaped() -> None:
    hostile = (
        'The <script>alert("x")</script> minister said 300 people <b>left</b> on Monday. '
        "Officials confirmed that 300 people left the city on Monday."
    )
    docs = [
        Document(id="a", text=hostile),
        Document(id="b", text="Officials said 300 people <img src=x onerror=alert(1)> left."),
    ]
    page = render_html(brief(docs))
    assert "<script>" not in page and "<img" not in page and "<b>left" not in page
    assert "&lt;script&gt;" in page


def test_briefing_without_documents_still_renders(seed_briefing_full) -> None:
    b = seed_briefing_full
    page = render_html(b.__class__(**{**{f: getattr(b, f) for f in b.__dataclass_fields__},
                                      "documents": ()}))  # fmt: skip
    assert page.startswith("<!DOCTYPE html>") and "Summary" in page


def test_hostile_text_is_escaped_in_every_section() -> None:
    b = briefingdata.briefing(3)
    page = render_html(b)
    assert "<script" not in page.lower() and briefingdata.HOSTILE not in page
    parts = briefingdata.sections(page)
    assert set(parts) == set(briefingdata.SECTION_ITEMS)
    for name, items in briefingdata.SECTION_ITEMS.items():
        shown = html.unescape(parts[name])  # the marker is there, as escaped text
        for item in items:
            assert f"{briefingdata.HOSTILE} {item}" in shown, (name, item)
    # the report text quoted in the hover boxes, the title, the notes
    quoted = html.unescape(parts["summary"])
    assert briefingdata.sentence_text(0, 0, briefingdata.HOSTILE) in quoted
    whole = html.unescape(page)
    assert f"<title>{briefingdata.HOSTILE} headline</title>" in whole
    assert f"note: {briefingdata.HOSTILE} briefing note" in whole
    assert f"note: {briefingdata.HOSTILE} analysis note" in whole


def test_sections_over_their_caps_keep_the_rest_behind_an_expander() -> None:
    page = render_html(briefingdata.briefing(5), briefingdata.CAPS)
    briefingdata.check_expanders(page)
    assert briefingdata.expanders(render_html(briefingdata.briefing(2))) == {}  # under the caps


def test_json_round_trip_renders_the_same_page(seed_briefing_full) -> None:
    for b, settings in ((seed_briefing_full, None), (briefingdata.briefing(5), briefingdata.CAPS)):
        data = json.loads(render_json(b))
        again = briefing_from_dict(data, b.documents)
        assert render_html(again, settings) == render_html(b, settings)

"""The HTML page without a browser: self-contained, escaped, hover boxes carry evidence."""

from __future__ import annotations

import re

from newsbrief.models import Document
from newsbrief.pipeline import brief
from newsbrief.render.html import render_html


def test_seeds_page_is_self_contained(seed_briefing_full) -> None:
    page = render_html(seed_briefing_full)
    # No external resource of any kind: only the CSP meta names a URL-ish scheme.
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!#)""", page)
    assert "<script src" not in page and "@import" not in page and "url(" not in page
    assert 'class="timeline-chart"' in page and 'class="coverage-chart"' in page


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

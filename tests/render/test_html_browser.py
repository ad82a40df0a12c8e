"""The HTML page in a real headless Chromium: hover a citation, see its evidence.

Needs Debian's ``chromium`` and the ``playwright`` package (never ``playwright install``:
the browser is the system one). Skips when either is missing, except in CI, where it fails.
The screenshot goes to ``artifacts/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.render.html import render_html

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="module")
def page_html(seed_briefing_full) -> str:
    return render_html(seed_briefing_full)


def test_hover_citation_shows_evidence(browser, page_html, tmp_path) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    path = tmp_path / "seeds.html"
    path.write_text(page_html, "utf-8")
    page.goto(path.as_uri())
    cite = page.locator("ol.summary-list .cite").first
    tip = cite.locator(".tip")
    assert not tip.is_visible()  # hidden until hovered
    cite.hover()
    tip.wait_for(state="visible", timeout=5000)
    assert "3,000" in tip.inner_text()  # the first summary sentence's evidence (the lead)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "seeds-html-hover.png"))
    page.screenshot(path=str(ARTIFACTS / "seeds-html-full.png"), full_page=True)
    assert requests == [path.as_uri()]  # nothing fetched beyond the page itself


def test_charts_render(browser, page_html, tmp_path) -> None:
    page = browser.new_page()
    path = tmp_path / "seeds.html"
    path.write_text(page_html, "utf-8")
    page.goto(path.as_uri())
    assert page.locator("ol.days li.day").count() >= 5
    assert page.locator("ol.days li.day").first.bounding_box()["height"] > 10
    assert page.locator("table.coverage td.cell").count() >= 3 * 10
    assert page.locator("table.coverage").first.bounding_box()["height"] > 100

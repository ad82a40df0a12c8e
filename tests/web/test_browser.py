"""In real headless Chromium (Debian's): list, open a story, click a citation, see the evidence.

Skipped when Debian's chromium or the playwright package is missing (in CI it fails
instead); the browser is never downloaded. Screenshots go to ``artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_citation_click_highlights_evidence(browser, live_server: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.goto(f"{live_server}/")
    rows = page.locator("a.story-link")
    assert rows.count() == 4
    page.screenshot(path=str(artifacts / "story-list.png"), full_page=True)

    page.locator("a.story-link", has_text="Riverton").first.click()
    page.wait_for_selector("ol.summary-list a.cite")
    cite = page.locator("ol.summary-list a.cite").first
    target = cite.get_attribute("data-target")
    assert target
    evidence = page.locator(f"#{target}")
    assert "evidence" not in (evidence.get_attribute("class") or "")
    cite.click()
    page.wait_for_function(
        "id => document.getElementById(id).classList.contains('evidence')", arg=target
    )
    background = evidence.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert evidence.is_visible()
    page.wait_for_timeout(800)  # let the smooth scroll to the evidence finish
    page.screenshot(path=str(artifacts / "story-citation.png"), full_page=False)

    other = page.locator("ol.summary-list a.cite").nth(1)
    if other.count():
        other.hover()  # hovering moves the highlight
        new_target = other.get_attribute("data-target")
        if new_target != target:
            assert "evidence" in (page.locator(f"#{new_target}").get_attribute("class") or "")
            assert "evidence" not in (evidence.get_attribute("class") or "")
    assert problems == []


def test_hostile_report_runs_no_script(browser, live_server: str, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{live_server}/?q=Eastvale")
    page.locator("a.story-link").first.click()
    page.wait_for_selector("ol.summary-list")
    page.locator("details.report summary").first.hover()
    assert dialogs == []
    assert page.title() != "pwned"
    assert "<script>" in page.locator("body").inner_text()  # shown as text, not run
    page.screenshot(path=str(artifacts / "story-hostile.png"), full_page=True)

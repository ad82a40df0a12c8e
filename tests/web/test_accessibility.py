"""Accessibility: axe-core (npm, ``make setup``) injected into every page in headless Chromium.

No serious or critical violation is allowed, at 1400 px and at 390 px. A missing
axe-core or browser skips locally and fails in CI, like the other browser tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import require_browser
from storydata import report_id_of, story_id_of

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_page(browser: Any) -> Iterator[Any]:
    """A page factory whose pages can take an injected script (CSP bypassed for axe only)."""
    if not AXE.is_file():
        require_browser(f"axe-core is not installed ({AXE}); run make setup (needs npm)")

    def new(width: int) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        return context.new_page()

    yield new


def _violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v.get("impact") in BLOCKING
    ]


@pytest.mark.parametrize("width", [1400, 390])
def test_no_serious_violations(axe_page: Any, live_server: str, story_db: str, width: int) -> None:
    sid = story_id_of(story_db, "flood-0")
    pages = [
        "/",
        "/search?q=Riverton",
        "/search?q=C%2B%2B",
        f"/stories/{sid}",
        f"/reports/{report_id_of(story_db, 'flood-0')}",
        "/feeds",
        "/api",
        "/stories/999999",
    ]
    page = axe_page(width)
    found = {}
    for path in pages:
        page.goto(f"{live_server}{path}")
        problems = _violations(page)
        if problems:
            found[path] = problems
    assert found == {}

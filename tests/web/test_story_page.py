"""The story page and ``--format html`` show one briefing with the same templates."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import briefingdata
from newsbrief.config import Settings
from newsbrief.render.html import render_html
from newsbrief.render.json import briefing_to_dict
from newsbrief.render.sections import briefing_view
from newsbrief.store import Store
from newsbrief.stories import ingest_reports
from newsbrief.web.downloads import story_briefing_record
from newsbrief.web.views import typed_briefing
from storydata import story_id_of

CAPS = briefingdata.CAPS


def _same_briefing(web_page: str, page: str) -> None:
    """Both pages hold the same briefing sections, word for word (the hover boxes of the
    self-contained page aside: the story page shows the evidence in the reports)."""
    web, own = briefingdata.briefing_part(web_page), briefingdata.briefing_part(page)
    assert briefingdata.visible_text(web) == briefingdata.visible_text(own)
    assert list(briefingdata.sections(web)) == list(briefingdata.sections(own))
    assert briefingdata.expanders(web).keys() == briefingdata.expanders(own).keys()


def _evidence_on_both(web_page: str, page: str) -> int:
    """Every citation's evidence text (the self-contained page's hover boxes) is on the
    story page too, in the reports' text; returns how many were checked."""
    quotes = {html.unescape(q) for q in re.findall(r"<q>(.*?)</q>", page, re.S)}
    shown = briefingdata.visible_text(web_page)
    for quote in quotes:
        assert " ".join(quote.split()) in shown, quote
    return len(quotes)


@pytest.mark.parametrize("event", ["flood-0", "election-0", "xss-1"])
def test_story_page_and_html_download_show_the_same_briefing(
    client: Any, story_db: str, event: str
) -> None:
    sid = story_id_of(story_db, event)
    with Store.open(story_db, readonly=True) as store:
        record = story_briefing_record(store, sid, Settings())
    web_page = client.get(f"/stories/{sid}").text
    page = render_html(record, Settings())
    _same_briefing(web_page, page)
    assert _evidence_on_both(web_page, page) >= len(record.summary)
    assert 'class="cite" href="#s-' in web_page and 'class="tip"' in page


@pytest.fixture(scope="module")
def made_up(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, int, str]]:
    """A store whose one story carries the made-up hostile briefing, and an app capped
    at two items a section serving it."""
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    path = str(tmp_path_factory.mktemp("made-up") / "s.sqlite")
    b = briefingdata.briefing(5)
    with Store.open(path) as store:
        ingest_reports(store, b.documents, brief=False)
        rows = store.conn.execute("SELECT id FROM documents ORDER BY ext_id").fetchall()
        rowids = [int(r[0]) for r in rows]
        sid = store.story_of(rowids[0])
        assert sid is not None
        store.assign(rowids, sid)
        story = store.story(sid)
        assert story is not None
        store.save_briefing(sid, story.version, rowids, briefing_to_dict(b))
    yield TestClient(create_app(path, settings=CAPS)), sid, path


def test_made_up_briefing_reads_the_same_on_both(made_up: tuple[Any, int, str]) -> None:
    client, sid, path = made_up
    web_page = client.get(f"/stories/{sid}").text
    with Store.open(path, readonly=True) as store:
        record = story_briefing_record(store, sid, CAPS)
    page = render_html(record, CAPS)
    _same_briefing(web_page, page)
    assert _evidence_on_both(web_page, page) >= 5
    targets = set(re.findall(r'class="cite" href="#(s-\d+-\d+)"', web_page))
    assert targets and all(f'id="{t}"' in web_page for t in targets)


def test_story_page_escapes_hostile_text_in_every_section(made_up: tuple[Any, int, str]) -> None:
    client, sid, _ = made_up
    web_page = client.get(f"/stories/{sid}").text
    assert "<script>alert" not in web_page and briefingdata.HOSTILE not in web_page
    parts = briefingdata.sections(briefingdata.briefing_part(web_page))
    for name, items in briefingdata.SECTION_ITEMS.items():
        if name == "sources":  # the story page lists its reports instead
            continue
        shown = html.unescape(parts[name])
        for item in items:
            assert f"{briefingdata.HOSTILE} {item}" in shown, (name, item)
    assert f"<h1>{briefingdata.HOSTILE} headline</h1>" in html.unescape(web_page)


def test_story_page_caps_sections_with_expanders(made_up: tuple[Any, int, str]) -> None:
    client, sid, _ = made_up
    briefingdata.check_expanders(briefingdata.briefing_part(client.get(f"/stories/{sid}").text))


def test_unreadable_or_empty_briefing_is_no_record(seed_briefing_full: Any) -> None:
    assert typed_briefing({}) is None
    assert typed_briefing({"schema": "other"}) is None
    record = typed_briefing(briefing_to_dict(seed_briefing_full))
    assert record is not None and record.summary == seed_briefing_full.summary
    assert briefing_view(record, rowids=[1, 2, 3]).summary


def test_templates_ship_with_the_package() -> None:
    import tomllib

    root = Path(__file__).resolve().parents[2]
    data = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["newsbrief"]
    package = root / "src" / "newsbrief"
    for folder in ("render/templates", "web/templates", "web/static"):
        files = [p for p in (package / folder).iterdir() if p.is_file()]
        assert files and all(any(p.match(f"*/{pat}") for pat in patterns) for p in files)
    assert any(d.startswith("jinja2") for d in data["project"]["dependencies"])

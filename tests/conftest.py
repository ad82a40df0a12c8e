"""Shared fixtures: the seed reports, documents built in memory, golden-file flag, and an
environment without the user's newsbrief settings."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsbrief.config import Settings
from newsbrief.ingest import read_inputs
from newsbrief.models import Briefing, Document
from newsbrief.pipeline import brief

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


@pytest.fixture(autouse=True)
def _no_user_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Tests never see the user's ``NEWSBRIEF_*`` variables or config file."""
    for name in [n for n in os.environ if n.startswith("NEWSBRIEF_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "no-config"))
    yield


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seed_documents() -> tuple[Document, ...]:
    return read_inputs([SEEDS]).clusters[0].documents


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_briefing_full(seed_documents: tuple[Document, ...]) -> Briefing:
    """The seeds briefed once with the default settings (analysis included); read-only."""
    return brief(seed_documents, settings=Settings())


@pytest.fixture(scope="session")
def seed_briefing_plain(seed_documents: tuple[Document, ...]) -> Briefing:
    """The seeds briefed once without the analysis stage; read-only."""
    return brief(seed_documents, settings=Settings(analysis=False))


def require_browser(problem: str | None) -> None:
    """Skip a browser test for ``problem`` on a developer machine; in CI (``CI=true``) fail,
    so that a missing or broken browser can never pass as a skipped test."""
    if problem is None:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser test cannot run in CI: {problem}")
    pytest.skip(problem)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"  # Debian's; never a downloaded build
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium through playwright, one per test module; a missing or broken
    browser skips locally and fails in CI (:func:`require_browser`)."""
    try:
        from playwright import sync_api
    except ImportError:
        require_browser("the playwright package is not installed (make setup)")
    if not Path(CHROMIUM).exists():
        require_browser("Debian chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # a broken browser install: skipped locally, fails in CI
            require_browser(f"chromium does not start: {exc}")
        yield chromium
        chromium.close()

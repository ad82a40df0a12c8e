"""Shared fixtures: the seed reports, documents built in memory, golden-file flag, and an
environment without the user's newsbrief settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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

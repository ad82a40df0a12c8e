"""Shared fixtures: the seed reports, documents built in memory, golden-file flag, and an
environment without the user's newsbrief settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief.ingest import read_inputs
from newsbrief.models import Document

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

"""Shared fixtures: the seed reports, documents built in memory, golden-file flag."""

from __future__ import annotations

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


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seed_documents() -> tuple[Document, ...]:
    return read_inputs([SEEDS]).clusters[0].documents


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS

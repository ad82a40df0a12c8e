"""Fixtures for the analysis tests: documents and sentences built in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newsbrief.analyse.spans import Locator
from newsbrief.models import Document
from newsbrief.segment import segment_documents

MakeLocator = Callable[..., tuple[tuple[Document, ...], Locator]]


@pytest.fixture
def make_locator() -> MakeLocator:
    """``make_locator(text, date=..., kind=...)`` or ``make_locator([doc, ...])``."""

    def make(
        texts: str | list[Document], date: dt.date | None = None, kind: str = "article"
    ) -> tuple[tuple[Document, ...], Locator]:
        if isinstance(texts, str):
            docs: tuple[Document, ...] = (Document(id="d0", text=texts, date=date, kind=kind),)  # type: ignore[arg-type]
        else:
            docs = tuple(texts)
        return docs, Locator.build(docs, segment_documents(docs))

    return make

"""A story store with three events and one hostile report, and the app serving it."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import storydata
from newsbrief.models import Document
from newsbrief.store import Store
from newsbrief.stories import ingest_reports

pytest.importorskip("fastapi")

XSS_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)>'
XSS_TEXT = (
    "The <script>document.title='pwned'</script> council of Eastvale voted on Monday to "
    'close the old <img src=x onerror="alert(2)"> bridge over the Wend river.\n\n'
    'Engineers told the Eastvale council "><svg onload=alert(3)> that the bridge was unsafe '
    "after cracks were found in its main arch.\n\n"
    "The council of Eastvale said a new bridge over the Wend would open within two years."
)


@pytest.fixture(scope="session")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store file: three events with briefings, plus a report full of markup."""
    path = str(tmp_path_factory.mktemp("web") / "stories.sqlite")
    hostile = Document(
        id="xss-1",
        text=XSS_TEXT,
        title=XSS_TITLE,
        date=dt.date(2021, 8, 9),
        outlet='<b onmouseover="alert(4)">Evil</b>',
        url="javascript:alert(5)",
        origin="test",
    )
    with Store.open(path) as store:
        ingest_reports(store, [*storydata.documents(per_event=3), hostile])
    return path


@pytest.fixture(scope="session")
def app(story_db: str) -> Any:
    from newsbrief.web import create_app

    return create_app(story_db, max_body=4096)


@pytest.fixture(scope="session")
def client(app: Any) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(app)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(app: Any) -> Iterator[str]:
    """The app under a real uvicorn server on a free loopback port, in a thread."""
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots go (gitignored)."""
    path = Path(__file__).resolve().parents[2] / "artifacts"
    path.mkdir(exist_ok=True)
    return path

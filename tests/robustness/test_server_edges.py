"""Server edges: big ids and offsets, the Host allow-list, errors without the store's path,
and the header-read timeout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from newsbrief.commands.serve import allowed_hosts, header_timeout_protocol
from newsbrief.web import create_app
from robustness.badinput import GOOD, cli


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "s.sqlite"
    assert cli(capsys, "ingest", "--set", "analysis=false", "--db", str(path), str(GOOD)).code == 0
    return path


@pytest.mark.parametrize(
    "url",
    [
        "/api/stories/9223372036854775808",
        "/api/reports/99999999999999999999999",
        "/api/stories?offset=9223372036854775808",
        "/stories/-9223372036854775809",
        "/reports/1?s=99999999999999999999",
    ],
)
def test_huge_numbers_are_client_errors(url: str, db: Path) -> None:
    response = TestClient(create_app(str(db))).get(url)
    assert response.status_code in (400, 404)


def test_largest_ids_are_not_found(db: Path) -> None:
    client = TestClient(create_app(str(db)))
    assert client.get("/api/stories/9223372036854775807").status_code == 404
    assert client.get("/api/reports/-9223372036854775807").status_code == 404


def test_the_host_allow_list(db: Path) -> None:
    app = create_app(str(db), allowed_hosts=allowed_hosts("127.0.0.1", ["news.example"]))
    client = TestClient(app, base_url="http://127.0.0.1:8080")
    assert client.get("/api/health").status_code == 200
    for host in ("localhost:8080", "[::1]:8080", "news.example", "NEWS.example:80"):
        assert client.get("/api/health", headers={"host": host}).status_code == 200, host
    for host in ("evil.example", "127.0.0.1.evil.example", ""):
        assert client.get("/api/health", headers={"host": host}).status_code == 400, host


def test_a_wildcard_address_answers_any_host_unless_told() -> None:
    assert allowed_hosts("0.0.0.0", []) is None
    assert allowed_hosts("0.0.0.0", ["a.example"]) == {
        "localhost",
        "127.0.0.1",
        "::1",
        "0.0.0.0",
        "a.example",
    }


@pytest.mark.parametrize("kind", ["missing", "damaged"])
def test_store_errors_never_show_the_path(kind: str, tmp_path: Path) -> None:
    db = tmp_path / "secret-folder" / "s.sqlite"
    if kind == "damaged":
        db.parent.mkdir()
        db.write_bytes(b"not a database at all" * 20)
    client = TestClient(create_app(str(db)), raise_server_exceptions=False)
    for url in ("/api/stories", "/api/health", "/"):
        response = client.get(url)
        assert response.status_code == 503
        assert "secret-folder" not in response.text


def test_a_read_fault_mid_request_is_a_503(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from newsbrief.store import Store

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(Store, "stories", broken)
    client = TestClient(create_app(str(db)), raise_server_exceptions=False)
    response = client.get("/api/stories")
    assert response.status_code == 503 and "malformed" not in response.text


def test_the_header_timeout_protocol_closes_a_silent_connection() -> None:
    import asyncio

    pytest.importorskip("uvicorn")
    from uvicorn.config import Config
    from uvicorn.server import ServerState

    async def scenario() -> bool:
        config = Config(app=lambda *a: None, http=header_timeout_protocol(0.05))
        config.load()
        protocol = config.http_protocol_class(  # type: ignore[call-arg]
            config=config, server_state=ServerState(), app_state={}
        )

        class Transport(asyncio.Transport):
            closed = False

            def get_extra_info(self, name: str, default: Any = None) -> Any:
                return ("127.0.0.1", 1) if name in ("sockname", "peername") else default

            def close(self) -> None:
                self.closed = True

            def is_closing(self) -> bool:
                return self.closed

        transport = Transport()
        protocol.connection_made(transport)
        protocol.data_received(b"GET / HTTP/1.1\r\n")  # never finishes its headers
        await asyncio.sleep(0.2)
        return transport.closed

    assert asyncio.run(scenario())

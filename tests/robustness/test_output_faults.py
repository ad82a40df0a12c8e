"""Configuration and output faults: one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from robustness.badinput import GOOD, cli

SRC = Path(__file__).resolve().parents[2] / "src"
CODE = "import sys; from newsbrief.cli import entry; sys.argv[0] = 'newsbrief'; entry()"


def _newsbrief(*args: str, stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-c", CODE, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
        timeout=120,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_output_device() -> None:
    to_file = _newsbrief("brief", "--no-analysis", "-o", "/dev/full", str(GOOD))
    assert to_file.returncode == 2 and b"No space left" in to_file.stderr
    with open("/dev/full", "wb") as full:
        to_stdout = _newsbrief("brief", "--no-analysis", str(GOOD), stdout=full)
    assert to_stdout.returncode == 2 and b"Traceback" not in to_stdout.stderr


def test_a_closed_stdout() -> None:
    run = _newsbrief("brief", "--no-analysis", str(GOOD), stdout=subprocess.DEVNULL)
    assert run.returncode == 0
    closed = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -c "{CODE}" brief --no-analysis "{GOOD}" >&-'],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=False,
        timeout=120,
    )
    assert closed.returncode == 2 and b"stdout is closed" in closed.stderr
    assert b"Traceback" not in closed.stderr


def test_a_closed_pipe_is_quiet() -> None:
    cmd = f'"{sys.executable}" -c "{CODE}" brief --no-analysis "{GOOD}" "{GOOD}" | head -c 1'
    run = subprocess.run(
        ["sh", "-c", cmd],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=False,
        timeout=120,
    )
    assert b"Traceback" not in run.stderr and b"Exception ignored" not in run.stderr


@pytest.mark.parametrize(
    "content",
    [
        b"max_words = \xff\xfe\n",
        b"max_words = [\n",
        b"max_words = -3\n",
        b"max_input_bytes = 'x'\n",
    ],
    ids=["not UTF-8", "not TOML", "negative", "wrong type"],
)
def test_bad_config_files(
    content: bytes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(content)
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(config))
    run = cli(capsys, "brief", "--no-analysis", str(GOOD))
    assert run.code == 2 and str(config) in run.err


def test_a_config_path_that_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(tmp_path))
    run = cli(capsys, "brief", "--no-analysis", str(GOOD))
    assert run.code == 2 and "not a regular file" in run.err


@pytest.mark.parametrize("value", ["-1", "-100"])
def test_negative_limits_are_refused(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    run = cli(capsys, "brief", "--set", f"max_input_bytes={value}", str(GOOD))
    assert run.code == 2 and "negative" in run.err


def test_an_impossible_port(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli(capsys, "serve", "--port", "70000")
    assert exit_info.value.code == 2
    assert "65535" in capsys.readouterr().err


def test_library_log_lines_are_not_newsbrief_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from newsbrief.cli import _setup_logging

    _setup_logging(0, False)
    logging.getLogger("trafilatura.core").error("empty HTML tree")
    logging.getLogger("newsbrief.x").error("own \x1b[2J line")
    err = capsys.readouterr().err
    assert "empty HTML tree" not in err
    assert "newsbrief: error: own" in err and "\x1b" not in err
    _setup_logging(1, False)
    logging.getLogger("trafilatura.core").error("empty HTML tree")
    assert "newsbrief: trafilatura.core: error: empty HTML tree" in capsys.readouterr().err


def test_an_address_the_server_cannot_listen_on(tmp_path: Path) -> None:
    import socket

    from newsbrief.commands.serve import check_address
    from newsbrief.errors import ConfigError

    with pytest.raises(ConfigError, match="not an address"):
        check_address("999.999.1.1", 8080)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ConfigError, match="cannot listen"):
            check_address("127.0.0.1", port)


def test_an_unknown_fallback_encoding(capsys: pytest.CaptureFixture[str]) -> None:
    run = cli(capsys, "brief", "--set", "fallback_encoding=nonsense", str(GOOD))
    assert run.code == 2 and "nonsense" in run.err

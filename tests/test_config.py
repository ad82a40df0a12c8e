"""Settings: one documented table, layered defaults < file < env < overrides."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from newsbrief.config import SETTINGS, Settings, load_settings
from newsbrief.errors import ConfigError

DOCS = Path(__file__).parent.parent / "docs" / "settings.md"


def test_settings_table_matches_the_settings_record() -> None:
    assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings)]
    defaults = Settings()
    for s in SETTINGS:
        assert getattr(defaults, s.name) == s.default, s.name
        assert s.help.strip(), s.name


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text("utf-8")
    for s in SETTINGS:
        assert f"`{s.name}`" in text, f"{s.name} missing from docs/settings.md"


def test_layers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text("max_words = 150\nquery_weight = 2.5\n")
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(config))
    env = {"NEWSBRIEF_MAX_WORDS": "200", "NEWSBRIEF_ANALYSIS": "false"}
    settings = load_settings({"max_words": 120}, environ=env)
    assert settings.max_words == 120  # override beats env beats file
    assert settings.query_weight == 2.5  # from the file
    assert settings.analysis is False  # from the environment
    assert load_settings(environ=env).max_words == 200


@pytest.mark.parametrize(
    "overrides",
    [{"nope": 1}, {"max_words": "many"}],  # unknown name; value of the wrong type
)
def test_bad_settings_are_config_errors(overrides, monkeypatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_CONFIG", "/nonexistent/config.toml")
    with pytest.raises(ConfigError):
        load_settings(overrides, environ={})


def test_bad_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text("max_words = = 3")
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(config))
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(environ={})


def test_library_ignores_the_environment_and_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_documents
) -> None:
    # only the CLI layers the user's settings; a library call uses what it is given
    config = tmp_path / "config.toml"
    config.write_text("max_words = 7\n")
    monkeypatch.setenv("NEWSBRIEF_CONFIG", str(config))
    monkeypatch.setenv("NEWSBRIEF_ANALYSIS", "false")
    from newsbrief.pipeline import brief

    briefing = brief(seed_documents, settings=Settings(analysis=False))
    assert briefing.max_words == Settings().max_words
    assert load_settings(environ={"NEWSBRIEF_ANALYSIS": "false"}).max_words == 7


def test_settings_fields_carry_their_help() -> None:
    for f in fields(Settings):
        assert f.metadata.get("help"), f"{f.name} has no help text"

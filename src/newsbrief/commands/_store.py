"""Pieces shared by the story-mode commands: the ``--db`` flag and opening the store."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsbrief.commands._common import add_settings_flag, settings_from
from newsbrief.config import Settings

if TYPE_CHECKING:
    from newsbrief.store import Store


def add_db_flag(parser: argparse.ArgumentParser) -> None:
    """``--db PATH`` (setting ``db``, env ``NEWSBRIEF_DB``) and ``--set``."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="story store (SQLite file); default $NEWSBRIEF_DB, else "
        "$XDG_DATA_HOME/newsbrief/newsbrief.sqlite",
    )
    add_settings_flag(parser)


def store_settings(args: argparse.Namespace) -> tuple[Settings, str]:
    """Resolved settings and the store path they name."""
    from newsbrief.store import resolve_db_path

    settings = settings_from(args, db=args.db)
    return settings, resolve_db_path(settings.db)


def open_reader(args: argparse.Namespace) -> tuple[Settings, Store]:
    """Settings and the store opened read-only."""
    from newsbrief.store import Store

    settings, path = store_settings(args)
    return settings, Store.open(path, readonly=True)

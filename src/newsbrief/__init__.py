"""newsbrief: cited, faithful briefings from several news reports of the same event.

>>> from newsbrief import brief, read_inputs
>>> cluster = read_inputs(["reports/"]).clusters[0]
>>> briefing = brief(cluster.documents, max_words=100)
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

# The public API: each name and the module that defines it (imported on first use, so that
# `newsbrief --help` does not import numpy and scipy). ``__all__`` is derived from it.
_LAZY = {
    "Briefing": "newsbrief.models",
    "Cluster": "newsbrief.models",
    "Document": "newsbrief.models",
    "Sentence": "newsbrief.models",
    "NewsbriefError": "newsbrief.errors",
    "Settings": "newsbrief.config",
    "load_settings": "newsbrief.config",
    "brief": "newsbrief.pipeline",
    "brief_cluster": "newsbrief.pipeline",
    "read_inputs": "newsbrief.ingest",
    "render_json": "newsbrief.render",
    "render_markdown": "newsbrief.render",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsbrief' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])

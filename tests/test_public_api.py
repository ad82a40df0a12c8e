"""The public API is small and explicit."""

from __future__ import annotations

import newsbrief


def test_exported_members() -> None:
    assert sorted(newsbrief.__all__) == sorted(
        [
            "Briefing",
            "Cluster",
            "Document",
            "NewsbriefError",
            "Sentence",
            "Settings",
            "__version__",
            "brief",
            "brief_cluster",
            "load_settings",
            "read_inputs",
            "render_json",
            "render_markdown",
        ]
    )
    for name in newsbrief.__all__:
        assert getattr(newsbrief, name) is not None

"""Loading a benchmark by name: the one place that knows every dataset reader."""

from __future__ import annotations

from newsbrief.errors import DatasetError
from newsbrief.evaluate.datasets import Dataset, load_cluster_jsonl, load_multinews, load_wcep
from newsbrief.evaluate.duc import load_duc


def load_dataset(kind: str, paths: list[str]) -> Dataset:
    """Load ``paths`` as ``kind``: ``duc``, ``multinews``, ``wcep`` or ``jsonl``."""
    if kind == "duc":
        return load_duc(_one(paths, kind))
    if kind == "multinews":
        if len(paths) != 2:
            raise DatasetError("multinews", "expects two files: SOURCE.src TARGET.tgt")
        return load_multinews(paths[0], paths[1])
    if kind == "wcep":
        return load_wcep(_one(paths, kind))
    if kind == "jsonl":
        return load_cluster_jsonl(_one(paths, kind))
    raise DatasetError(kind, "unknown dataset kind (expected duc, multinews, wcep or jsonl)")


def _one(paths: list[str], kind: str) -> str:
    if len(paths) != 1:
        raise DatasetError(kind, f"expects one path, got {len(paths)}")
    return paths[0]

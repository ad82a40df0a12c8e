"""Evaluation: benchmark loaders, ROUGE (one named variant), peers and the harness.

>>> from newsbrief.evaluate import load_duc, EvalConfig, run_evaluation, render_table
>>> report = run_evaluation(load_duc("DUC2006"), EvalConfig(max_words=250, use_query=True))
>>> print(render_table(report))

Modules: :mod:`~newsbrief.evaluate.datasets` (Dataset, Multi-News, WCEP, cluster
JSONL), :mod:`~newsbrief.evaluate.duc` (DUC/TAC), :mod:`~newsbrief.evaluate.load` (a dataset
by name), :mod:`~newsbrief.evaluate.rouge`
(the variant and the default scorer), :mod:`~newsbrief.evaluate.perl_rouge`
(ROUGE-1.5.5), :mod:`~newsbrief.evaluate.peers`, :mod:`~newsbrief.evaluate.harness`,
:mod:`~newsbrief.evaluate.report`. The CI quality gate is tests/evaluate/eval_gate.py.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Dataset",
    "EvalConfig",
    "EvalReport",
    "RougeVariant",
    "load_cluster_jsonl",
    "load_dataset",
    "load_duc",
    "load_multinews",
    "load_wcep",
    "render_table",
    "report_to_dict",
    "run_evaluation",
]

_LAZY = {
    "Dataset": "newsbrief.evaluate.datasets",
    "load_cluster_jsonl": "newsbrief.evaluate.datasets",
    "load_dataset": "newsbrief.evaluate.load",
    "load_multinews": "newsbrief.evaluate.datasets",
    "load_wcep": "newsbrief.evaluate.datasets",
    "load_duc": "newsbrief.evaluate.duc",
    "RougeVariant": "newsbrief.evaluate.rouge",
    "EvalConfig": "newsbrief.evaluate.harness",
    "EvalReport": "newsbrief.evaluate.harness",
    "run_evaluation": "newsbrief.evaluate.harness",
    "render_table": "newsbrief.evaluate.report",
    "report_to_dict": "newsbrief.evaluate.report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsbrief.evaluate' has no attribute {name!r}")

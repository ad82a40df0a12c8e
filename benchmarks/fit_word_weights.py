"""Fit the supervised content-word weights of :mod:`newsbrief.weight_model` on DUC 2006.

For every content word the selector weighs in a cluster, the target is the number of
human summaries that state it (the first ``words`` words of each, as ROUGE ``-l`` reads
them): 100 words for the generic model, 250 with the topic as query for the
query-focused one. Three steps, each reading the cache the first one wrote::

    python benchmarks/fit_word_weights.py prepare DUC2006 CACHE   # selection inputs
    python benchmarks/fit_word_weights.py cv CACHE --set word_model_scale=40
    python benchmarks/fit_word_weights.py fit CACHE                # coefficients, all data

``cv`` fits on half the clusters (even / odd) and scores the selection of the other half
with the rouge-score variant: first with report counts (no model), then with the fitted
model under each ``--set`` variant of the tuning. The cache holds NIST-licensed text:
keep it outside the repository. Tune on DUC 2006 only.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from newsbrief.represent import content_terms, tokenize
from newsbrief.select import (
    ConceptILPSelector,
    SelectionInput,
    Tuning,
    query_profile,
    word_weights,
)
from newsbrief.weight_model import FEATURES, WeightModel, fit_poisson, term_features

log = logging.getLogger("fit_word_weights")
TASKS = {"generic": (100, False), "query": (250, True)}  # budget, topic as query
Item = tuple[str, SelectionInput, tuple[str, ...]]  # cluster id, selection input, references


class _Capture:
    """A selector that keeps its input and selects nothing."""

    def __init__(self) -> None:
        self.data: SelectionInput | None = None

    def select(self, data: SelectionInput) -> list[int]:
        self.data = data
        return []


def prepare(duc: Path, cache: Path) -> None:
    """Selection inputs (as the pipeline builds them) and references, pickled per task."""
    from newsbrief.config import Settings
    from newsbrief.evaluate.duc import load_duc
    from newsbrief.pipeline import brief

    dataset = load_duc(duc)
    cache.mkdir(parents=True, exist_ok=True)
    for task, (words, use_query) in TASKS.items():
        items = []
        for cluster in dataset.clusters:
            capture = _Capture()
            settings = Settings().with_overrides({"analysis": False, "max_words": words})
            query = cluster.query if use_query else None
            brief(cluster.documents, words, query=query, settings=settings, selector=capture)
            items.append((cluster.id, capture.data, cluster.references))
            log.info("%s %s", task, cluster.id)
        with (cache / f"{task}.pkl").open("wb") as handle:
            pickle.dump(items, handle)


def _load(cache: Path, task: str) -> list[Item]:
    with (cache / f"{task}.pkl").open("rb") as handle:
        items: list[Item] = pickle.load(handle)
    return items


def targets(terms: list[str], references: tuple[str, ...], words: int) -> np.ndarray:
    """Number of references (cut to ``words`` words) that state each term."""
    held = [set(content_terms(tokenize(" ".join(r.split()[:words])))) for r in references]
    return np.asarray([sum(t in h for h in held) for t in terms], dtype=float)


def design(items: list[Item], words: int) -> tuple[np.ndarray, np.ndarray]:
    """Stacked features and targets of the words the selector weighs."""
    xs, ys = [], []
    counts = replace(Tuning(), generic_word_model=None, query_word_model=None)
    for _, data, references in items:
        profile = query_profile(data)
        kept = sorted(word_weights(data, counts))
        relevance = {t: data.query_weight * profile[t] for t in kept if t in profile}
        terms, x = term_features(data.sentences, data.tokens, data.documents, relevance, kept)
        xs.append(x)
        ys.append(targets(terms, references, words))
    return np.vstack(xs), np.concatenate(ys)


def score(items: list[Item], tuning: Tuning, words: int) -> tuple[float, float]:
    """Mean jackknifed ROUGE-1 and ROUGE-2 recall of the selection (rouge-score variant)."""
    from newsbrief.evaluate.harness import split_sentences
    from newsbrief.evaluate.rouge import RougeScoreScorer, RougeVariant, ScoreRequest

    selector = ConceptILPSelector(tuning)
    requests = []
    for cid, data, references in items:
        summary = tuple(data.text(i) for i in sorted(selector.select(data)))
        refs = tuple(split_sentences(r) for r in references)
        requests.append(ScoreRequest(cid, "newsbrief", summary, refs))
    scores = RougeScoreScorer().score(requests, RougeVariant(max_words=words))
    return (
        100 * float(np.mean([s["rouge-1"].recall for s in scores])),
        100 * float(np.mean([s["rouge-2"].recall for s in scores])),
    )


def _tuning(model: WeightModel | None, overrides: dict[str, float]) -> Tuning:
    return replace(Tuning(), generic_word_model=model, query_word_model=model, **overrides)


def cross_validate(
    cache: Path, l2: float, tasks: list[str], variants: list[dict[str, float]]
) -> None:
    """Two folds (even / odd clusters): fit on one, score on the other, both ways."""
    for task in tasks:
        words = TASKS[task][0]
        items = _load(cache, task)
        folds = [items[0::2], items[1::2]]
        models = [WeightModel(fit_poisson(*design(folds[1 - k], words), l2)) for k in (0, 1)]
        runs: list[tuple[str, Any]] = [("report counts", None)]
        runs += [(f"model {v or ''}", v) for v in variants]
        for name, overrides in runs:
            got = [
                score(
                    folds[k],
                    _tuning(None if overrides is None else models[k], overrides or {}),
                    words,
                )
                for k in (0, 1)
            ]
            r1, r2 = np.mean([g[0] for g in got]), np.mean([g[1] for g in got])
            print(f"{task} {name}: R-1 {r1:.2f} R-2 {r2:.2f} (l2={l2})", flush=True)


def fit(cache: Path, l2: float, tasks: list[str]) -> None:
    """Coefficients fitted on every cluster, printed as code."""
    for task in tasks:
        x, y = design(_load(cache, task), TASKS[task][0])
        beta = fit_poisson(x, y, l2)
        print(f"{task} ({len(y)} words, mean target {y.mean():.3f}):")
        print("    (" + ", ".join(f"{b:.4f}" for b in beta) + ")")
        for name, b in zip(FEATURES, beta, strict=True):
            print(f"      {name:>15} {b:+.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("step", choices=("prepare", "cv", "fit"))
    parser.add_argument("paths", nargs="+", help="prepare: DUC2006 CACHE; cv, fit: CACHE")
    parser.add_argument("--l2", type=float, default=1.0, help="ridge penalty (default 1)")
    parser.add_argument("--tasks", default="generic,query", help="generic, query or both")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        help="cv: a tuning variant for the fitted model, e.g. word_model_scale=40",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    tasks = args.tasks.split(",")
    if args.step == "prepare":
        prepare(Path(args.paths[0]), Path(args.paths[1]))
    elif args.step == "cv":
        variants = [
            {k: float(v) for k, v in (kv.split("=") for kv in spec.split(",") if kv)}
            for spec in args.set or [""]
        ]
        cross_validate(Path(args.paths[0]), args.l2, tasks, variants)
    else:
        fit(Path(args.paths[0]), args.l2, tasks)
    return 0


if __name__ == "__main__":
    sys.exit(main())

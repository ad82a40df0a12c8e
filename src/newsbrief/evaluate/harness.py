"""One evaluation run: every system summarises every cluster, every scorer scores them.

Peers and newsbrief are scored by the same code in the same run, with the
variant of :mod:`newsbrief.evaluate.rouge`. Peer outputs (slow to produce and
independent of newsbrief's settings) can be cached in a folder between runs;
the cache keeps their measured time per cluster.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.errors import ConfigError
from newsbrief.evaluate.datasets import Dataset
from newsbrief.evaluate.rouge import (
    METRICS,
    Aggregation,
    Interval,
    RougeVariant,
    Score,
    Scorer,
    ScoreRequest,
    bootstrap,
    truncate,
)
from newsbrief.models import Cluster

log = logging.getLogger(__name__)

DEFAULT_SYSTEMS = ("newsbrief", "lead", "lexrank", "textrank", "lsa", "summa")
OFFICIAL_PREFIX = "duc-"
# Peers rank sentences without regard to the budget, so one output filled to
# this many words, cut to the budget, equals the output at that budget: one
# cached run serves 100- and 250-word evaluations.
PEER_FILL_WORDS = 250
_CACHE_VERSION = 1


@dataclass(frozen=True, slots=True)
class EvalConfig:
    """What to run: budget, systems, query use, scorers and bootstrap size."""

    max_words: int = 100
    systems: tuple[str, ...] = DEFAULT_SYSTEMS
    use_query: bool = False
    official: bool = True
    scorers: tuple[str, ...] = ("rouge-score",)
    aggregation: Aggregation = "jackknife"
    bootstrap_samples: int = 1000
    cache: Path | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class SystemResult:
    """One system under one scorer: mean recall and F with 95 % intervals."""

    system: str
    scorer: str
    recall: dict[str, Interval]
    f: dict[str, Interval]
    seconds_per_cluster: float | None
    n_clusters: int


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Everything a table or a JSON report needs."""

    dataset: str
    variant: RougeVariant
    config: EvalConfig
    results: tuple[SystemResult, ...]
    per_cluster: dict[str, list[float]] = field(default_factory=dict)
    agreement: dict[str, float] = field(default_factory=dict)


def run_evaluation(
    dataset: Dataset,
    config: EvalConfig,
    progress: Callable[[Iterable[Cluster], int, str], Iterable[Cluster]] | None = None,
) -> EvalReport:
    """Summarise with every system, score with every scorer, aggregate with CIs."""
    clusters = dataset.clusters[: config.limit] if config.limit else dataset.clusters
    if not clusters:
        raise ConfigError("no clusters to evaluate")
    outputs, seconds = produce_summaries(clusters, config, progress)
    if config.official:
        outputs.update(official_summaries(dataset, clusters))
    variant = RougeVariant(max_words=config.max_words, aggregation=config.aggregation)
    requests = [
        ScoreRequest(
            c.id, system, by_cluster[c.id], tuple(split_sentences(r) for r in c.references)
        )
        for system, by_cluster in outputs.items()
        for c in clusters
    ]
    results: list[SystemResult] = []
    per_cluster: dict[str, list[float]] = {}
    for scorer_name in config.scorers:
        scores = make_scorer(scorer_name).score(requests, variant)
        for system in outputs:
            mine = [s for r, s in zip(requests, scores, strict=True) if r.system == system]
            results.append(_aggregate(system, scorer_name, mine, seconds.get(system), config))
            per_cluster[f"{scorer_name}/{system}"] = [s["rouge-2"].recall for s in mine]
    return EvalReport(
        dataset.name,
        variant,
        config,
        tuple(results),
        per_cluster,
        rank_agreement(results, config.scorers),
    )


def produce_summaries(
    clusters: Sequence[Cluster],
    config: EvalConfig,
    progress: Callable[[Iterable[Cluster], int, str], Iterable[Cluster]] | None = None,
) -> tuple[dict[str, dict[str, tuple[str, ...]]], dict[str, float]]:
    """System -> cluster -> summary sentences, and mean seconds per cluster."""
    from newsbrief.evaluate.peers import SYSTEMS

    unknown = [s for s in config.systems if s not in SYSTEMS]
    if unknown:
        raise ConfigError(f"unknown system(s): {', '.join(unknown)}; known: {', '.join(SYSTEMS)}")
    outputs: dict[str, dict[str, tuple[str, ...]]] = {}
    seconds: dict[str, float] = {}
    for system in config.systems:
        cache = _load_cache(config, system)
        fn = SYSTEMS[system]
        query_of = (lambda c: c.query) if config.use_query and system == "newsbrief" else None
        if any(_cache_key(c) not in cache for c in clusters):
            fn(clusters[0], config.max_words, None)  # warm-up, untimed: imports and caches
        outputs[system], times = {}, []
        budget = (
            config.max_words if system == "newsbrief" else max(config.max_words, PEER_FILL_WORDS)
        )
        iterable = progress(clusters, len(clusters), system) if progress else clusters
        for cluster in iterable:
            key = _cache_key(cluster)
            if key in cache:
                sentences, elapsed = tuple(cache[key]["sentences"]), cache[key]["seconds"]
            else:
                start = time.perf_counter()
                sentences = fn(cluster, budget, query_of(cluster) if query_of else None)
                elapsed = time.perf_counter() - start
                cache[key] = {"sentences": list(sentences), "seconds": elapsed}
            outputs[system][cluster.id] = truncate(sentences, config.max_words)
            times.append(elapsed)
        seconds[system] = sum(times) / len(times)
        _save_cache(config, system, cache)
    return outputs, seconds


def official_summaries(
    dataset: Dataset, clusters: Sequence[Cluster]
) -> dict[str, dict[str, tuple[str, ...]]]:
    """The dataset's participant summaries, as ``duc-<id>``; a missing one is empty."""
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for system, by_cluster in dataset.peers.items():
        missing = [c.id for c in clusters if c.id not in by_cluster]
        if missing:
            log.warning(
                "official peer %s has no summary for %s (scored as empty)",
                system,
                ", ".join(missing[:5]),
            )
        found[OFFICIAL_PREFIX + system] = {
            c.id: split_sentences(by_cluster.get(c.id, "")) for c in clusters
        }
    return found


def make_scorer(name: str) -> Scorer:
    """``rouge-score`` (default) or ``perl`` (ROUGE-1.5.5)."""
    if name == "rouge-score":
        from newsbrief.evaluate.rouge import RougeScoreScorer

        return RougeScoreScorer()
    if name in ("perl", "ROUGE-1.5.5"):
        from newsbrief.evaluate.perl_rouge import PerlRougeScorer

        return PerlRougeScorer()
    raise ConfigError(f"unknown scorer {name!r} (expected rouge-score or perl)")


def split_sentences(text: str) -> tuple[str, ...]:
    """Sentences of a summary: its lines, or nupunkt's split of a one-line text."""
    lines = tuple(line.strip() for line in text.splitlines() if line.strip())
    if len(lines) != 1:
        return lines
    from nupunkt import sent_spans

    return tuple(lines[0][a:b].strip() for a, b in sent_spans(lines[0]) if lines[0][a:b].strip())


def rank_agreement(results: Sequence[SystemResult], scorers: Sequence[str]) -> dict[str, float]:
    """Kendall's tau between the scorers' system rankings, per metric."""
    if len(scorers) < 2:
        return {}
    from scipy.stats import kendalltau

    first, second = scorers[0], scorers[1]
    a = {r.system: r for r in results if r.scorer == first}
    b = {r.system: r for r in results if r.scorer == second}
    systems = sorted(set(a) & set(b))
    agreement = {}
    for metric in METRICS:
        tau = kendalltau(
            [a[s].recall[metric].mean for s in systems], [b[s].recall[metric].mean for s in systems]
        ).statistic
        agreement[metric] = round(float(tau), 4)
    return agreement


def _aggregate(
    system: str,
    scorer: str,
    scores: list[dict[str, Score]],
    seconds: float | None,
    config: EvalConfig,
) -> SystemResult:
    n = config.bootstrap_samples
    recall = {m: bootstrap([s[m].recall for s in scores], n) for m in METRICS}
    f = {m: bootstrap([s[m].f for s in scores], n) for m in METRICS}
    return SystemResult(system, scorer, recall, f, seconds, len(scores))


def _cache_key(cluster: Cluster) -> str:
    digest = hashlib.sha256()
    for doc in cluster.documents:
        digest.update(doc.id.encode() + b"\0" + doc.text.encode() + b"\0")
    return f"{cluster.id}:{digest.hexdigest()[:16]}"


def _cache_path(config: EvalConfig, system: str) -> Path | None:
    # newsbrief itself is what is being measured and tuned: never cached.
    if config.cache is None or system == "newsbrief":
        return None
    fill = max(config.max_words, PEER_FILL_WORDS)
    return config.cache / f"{system}-w{fill}-v{_CACHE_VERSION}.json"


def _load_cache(config: EvalConfig, system: str) -> dict[str, Any]:
    path = _cache_path(config, system)
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        log.warning("ignoring unreadable cache %s (%s)", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def _save_cache(config: EvalConfig, system: str, cache: dict[str, Any]) -> None:
    path = _cache_path(config, system)
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cache), encoding="utf-8")

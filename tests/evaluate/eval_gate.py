"""Quality gate: newsbrief's ROUGE on clusters the repo ships must stay above pinned floors.

Data (written for this project, never benchmark text):

* ``data/gate_clusters.jsonl``: small fictional news clusters with two reference
  summaries each;
* the seed reports (``tests/data/seeds``) with the references in
  ``data/seeds_references.json``.

Floors live in ``eval_baseline.json``: the measured recall minus a noise margin,
pinned to the sha256 digest of the data. A change to the data or a drop below a
floor fails the gate. Floors are raised, never lowered, unless asked::

    .venv/bin/python tests/evaluate/eval_gate.py                 # check
    .venv/bin/python tests/evaluate/eval_gate.py --update        # re-measure; refuses to lower
    .venv/bin/python tests/evaluate/eval_gate.py --update --allow-lower
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from newsbrief.evaluate.datasets import load_cluster_jsonl
from newsbrief.evaluate.harness import EvalConfig, produce_summaries, split_sentences
from newsbrief.evaluate.rouge import METRICS, RougeScoreScorer, RougeVariant, ScoreRequest
from newsbrief.ingest import read_inputs
from newsbrief.models import Cluster

HERE = Path(__file__).parent
DATA = HERE / "data"
BASELINE = HERE / "eval_baseline.json"
GATE_WORDS = 80
MARGIN = 0.01  # one ROUGE point: room for solver and library differences, not regressions
SYSTEMS = ("newsbrief", "lead")


def data_files() -> list[Path]:
    """Every file the gate reads, in a fixed order."""
    seeds = json.loads((DATA / "seeds_references.json").read_text("utf-8"))
    seed_dir = (DATA / seeds["documents"]).resolve()
    return [
        DATA / "gate_clusters.jsonl",
        DATA / "seeds_references.json",
        *sorted(seed_dir.glob("*.txt")),
    ]


def data_digest() -> str:
    """sha256 over the names and bytes of the gate's data."""
    digest = hashlib.sha256()
    for path in data_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def gate_clusters() -> list[Cluster]:
    """The shipped clusters plus the seeds with their written references."""
    clusters = list(load_cluster_jsonl(DATA / "gate_clusters.jsonl").clusters)
    seeds = json.loads((DATA / "seeds_references.json").read_text("utf-8"))
    documents = read_inputs([(DATA / seeds["documents"]).resolve()]).clusters[0].documents
    clusters.append(Cluster(seeds["cluster"], documents, tuple(seeds["references"])))
    return clusters


def measure() -> dict[str, dict[str, float]]:
    """Mean recall per system and metric (rouge-score, jackknifed, GATE_WORDS words)."""
    clusters = gate_clusters()
    config = EvalConfig(max_words=GATE_WORDS, systems=SYSTEMS, official=False)
    outputs, _ = produce_summaries(clusters, config)
    variant = RougeVariant(max_words=GATE_WORDS)
    result: dict[str, dict[str, float]] = {}
    for system, by_cluster in outputs.items():
        requests = [
            ScoreRequest(
                c.id, system, by_cluster[c.id], tuple(split_sentences(r) for r in c.references)
            )
            for c in clusters
        ]
        scores = RougeScoreScorer().score(requests, variant)
        result[system] = {
            m: round(sum(s[m].recall for s in scores) / len(scores), 4) for m in METRICS
        }
    return result


def check(baseline: dict, measured: dict[str, dict[str, float]]) -> list[str]:  # type: ignore[type-arg]
    """Problems found: a changed data digest, or a score under its floor."""
    problems = []
    if baseline.get("data_sha256") != data_digest():
        problems.append("gate data changed: re-measure with eval_gate.py --update")
    for system, floors in baseline.get("floors", {}).items():
        for metric, floor in floors.items():
            got = measured.get(system, {}).get(metric, 0.0)
            if got < floor:
                problems.append(
                    f"{system} {metric} recall {got:.4f} is below its floor {floor:.4f}"
                )
    return problems


def update(measured: dict[str, dict[str, float]], allow_lower: bool) -> dict:  # type: ignore[type-arg]
    """New baseline from ``measured``; floors only go down with ``allow_lower``."""
    old = json.loads(BASELINE.read_text("utf-8")) if BASELINE.exists() else {}
    floors = {}
    for system in ("newsbrief",):
        floors[system] = {}
        for metric, value in measured[system].items():
            new = round(value - MARGIN, 4)
            previous = old.get("floors", {}).get(system, {}).get(metric)
            if previous is not None and new < previous and not allow_lower:
                raise SystemExit(
                    f"refusing to lower the {system} {metric} floor {previous} -> {new}; "
                    "pass --allow-lower if this is intended"
                )
            floors[system][metric] = new
    return {
        "about": "Floors = measured recall minus margin; see tests/evaluate/eval_gate.py.",
        "variant": RougeVariant(max_words=GATE_WORDS).describe(),
        "max_words": GATE_WORDS,
        "margin": MARGIN,
        "data_sha256": data_digest(),
        "measured": measured,
        "floors": floors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="re-measure and rewrite floors")
    parser.add_argument("--allow-lower", action="store_true", help="let --update lower floors")
    args = parser.parse_args(argv)
    measured = measure()
    if args.update:
        BASELINE.write_text(json.dumps(update(measured, args.allow_lower), indent=2) + "\n")
        sys.stdout.write(f"baseline written: {BASELINE}\n")
        return 0
    problems = check(json.loads(BASELINE.read_text("utf-8")), measured)
    sys.stdout.write(json.dumps(measured, indent=2) + "\n")
    for problem in problems:
        sys.stdout.write(f"FAIL: {problem}\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

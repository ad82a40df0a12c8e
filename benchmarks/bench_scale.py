"""Batch benchmark: articles per second and memory per worker, local and on Ray.

The synthetic stream of ``bench_stories.py`` (about ten reports an event,
thirty events a day, 5% wire copies) is run through ``newsbrief batch``:
parse, de-duplicate, group into stories, brief every story. Configurations:

- ``local``: the local executor, everything in one process;
- ``ray-1``, ``ray-2``: a local Ray with one and with two worker CPUs.

Each configuration runs in its own process, so the driver's peak memory
(ru_maxrss) is its own; each Ray worker reports its own peak too. Ray's
start-up (``ray.init`` and one warm-up task per worker, which imports
newsbrief) is timed apart from the job, so articles per second are those of
the job. Scaling efficiency is (rate with 2 workers) / (2 × rate with 1).
Stories are scored against the true events (B-cubed F1) and each Ray run
against the local run. Briefings are summaries only (``analysis=False``)
unless ``--analysis``: the analysis stage is the single-cluster engine,
benchmarked by ``bench_speed.py``.

CPU time is measured too (the driver's, and each worker's less its start-up),
because on a shared machine wall time depends on the neighbours: CPU ms per
article is the steadier figure. The projection to 1,000,000 articles is a
straight line through the two largest runs of a configuration (one run:
start-up + n / rate), and, from the CPU times of the largest Ray run, the
hours on 16, 64 and 256 cores with the driver's share serial. Projections,
not measurements.

    python benchmarks/bench_scale.py --sizes 10000 [--workers 1,2] [--json OUT]
    python benchmarks/bench_scale.py --quick        # 2,000 articles
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_stories import bcubed, write_synthetic

log = logging.getLogger("bench_scale")
PROJECT_TO = 1_000_000


def _warm(_: int, __: Any) -> tuple[int, float]:
    """A warm-up task: the worker imports what the stages need; its pid and CPU time so far."""
    import newsbrief.pipeline
    import newsbrief.scale.stages  # noqa: F401

    return os.getpid(), _cpu_s()


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _assignments(out: Path) -> dict[str, int]:
    rows = (json.loads(line) for line in (out / "assignments.jsonl").open(encoding="utf-8"))
    return {r["report_id"]: r["story_id"] for r in rows}


def run_config(config: str, stream: Path, gold_path: Path, out: Path, analysis: bool) -> dict:
    """One configuration over one stream, in this process."""
    from newsbrief.config import Settings
    from newsbrief.scale import make_executor, run_batch

    started = time.perf_counter()
    warm: dict[int, float] = {}  # worker pid -> CPU seconds spent starting
    if config == "local":
        executor = make_executor("local")
    else:
        executor = make_executor("ray", workers=int(config.split("-")[1]))
        warm = dict(v for _, v in executor.map(_warm, list(range(executor.workers)), None))
    startup = time.perf_counter() - started
    base = _rss_mib()  # the driver before the job: interpreter, imports, Ray client
    driver_cpu = _cpu_s()
    try:
        result = run_batch(
            [str(stream)], out, executor, settings=Settings(analysis=analysis), restart=True
        )
    finally:
        executor.close()
    driver_cpu = _cpu_s() - driver_cpu
    worker_cpu = 0.0  # local: the driver did all the work
    if config != "local":
        for worker, cpu in result.cpu_s.items():
            worker_cpu += cpu - warm.get(int(worker.rsplit(":", 1)[1]), 0.0)
    gold = json.loads(gold_path.read_text())
    scores = bcubed(_assignments(out), gold)
    workers = result.peak_rss or {"driver": 0}
    seconds = result.seconds["total"]
    return {
        "config": config,
        "articles": result.items,
        "stories": result.stories,
        "briefings": result.briefings,
        "problems": len(result.problems),
        "startup_s": round(startup, 2),
        "job_s": round(seconds, 2),
        "stage_s": {k: round(v, 2) for k, v in result.seconds.items()},
        "articles_per_s": round(result.items / seconds, 1),
        "workers": len(workers),
        "worker_peak_mib": round(max(workers.values()) / 2**20, 1),
        "driver_cpu_s": round(driver_cpu, 1),
        "worker_cpu_s": round(worker_cpu, 1),
        "cpu_ms_per_article": round(1000 * (driver_cpu + worker_cpu) / result.items, 2),
        "driver_base_mib": round(base, 1),
        "driver_peak_mib": round(_rss_mib(), 1),
        "f1_vs_truth": round(scores["f1"], 4),
        "out": str(out),
    }


def _spawn(config: str, stream: Path, gold: Path, out: Path, analysis: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", config, "--stream", str(stream)]
    cmd += ["--gold", str(gold), "--out", str(out)] + (["--analysis"] if analysis else [])
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_size(n: int, workdir: Path, configs: list[str], analysis: bool) -> list[dict]:
    """Generate ``n`` articles and run every configuration over them."""
    stream = workdir / f"stream-{n}.jsonl"
    gold = workdir / f"gold-{n}.json"
    gold.write_text(json.dumps(write_synthetic(stream, n)))
    results = []
    for config in configs:
        result = _spawn(config, stream, gold, workdir / f"out-{n}-{config}", analysis)
        results.append(result)
        print(_table([result]), flush=True)
    reference = next((r for r in results if r["config"] == "local"), None)
    if reference:
        local = _assignments(Path(reference["out"]))
        for r in results:
            r["f1_vs_local"] = round(bcubed(_assignments(Path(r["out"])), local)["f1"], 4)
    return results


def scaling(results: list[dict]) -> dict[str, float] | None:
    """Efficiency of two Ray workers over one: rate ratio / 2."""
    rates = {r["config"]: r["articles_per_s"] for r in results}
    if "ray-1" not in rates or "ray-2" not in rates:
        return None
    return {
        "speedup": rates["ray-2"] / rates["ray-1"],
        "efficiency": rates["ray-2"] / rates["ray-1"] / 2,
    }


def projection(by_size: dict[int, list[dict]], config: str) -> dict[str, float] | None:
    """Time and driver memory for 1M articles: a straight line through the two largest runs
    (one run: start-up plus n / rate, and the job's memory above the base scaled by n)."""
    runs = sorted(
        (n, r) for n, results in by_size.items() for r in results if r["config"] == config
    )
    if not runs:
        return None
    n2, r2 = runs[-1]
    cores = {}
    if config != "local":  # the driver's CPU as a serial part, the workers' spread over C cores
        driver, workers = r2["driver_cpu_s"] / n2, r2["worker_cpu_s"] / n2
        for c in (16, 64, 256):
            cores[f"hours_on_{c}_cores"] = (driver + workers / c) * PROJECT_TO / 3600
    if len(runs) == 1:
        seconds = r2["startup_s"] + PROJECT_TO / r2["articles_per_s"]
        job_mib = r2["driver_peak_mib"] - r2["driver_base_mib"]
        memory = r2["driver_base_mib"] + job_mib * PROJECT_TO / n2
        return {"from": [n2], "hours": seconds / 3600, "driver_gib": memory / 1024, **cores}
    n1, r1 = runs[-2]
    per_article = (r2["job_s"] - r1["job_s"]) / (n2 - n1)
    per_article_mib = (r2["driver_peak_mib"] - r1["driver_peak_mib"]) / (n2 - n1)
    seconds = r2["startup_s"] + r2["job_s"] + per_article * (PROJECT_TO - n2)
    memory = r2["driver_peak_mib"] + per_article_mib * (PROJECT_TO - n2)
    return {"from": [n1, n2], "hours": seconds / 3600, "driver_gib": memory / 1024, **cores}


def _table(results: list[dict]) -> str:
    lines = [
        "| config | articles | stories | start-up s | job s | articles/s | workers "
        "| CPU ms/article | worker peak MiB | driver peak MiB | B³ F1 truth | B³ F1 vs local |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['config']} | {r['articles']:,} | {r['stories']:,} | {r['startup_s']:.1f} "
            f"| {r['job_s']:.1f} | {r['articles_per_s']:,.0f} | {r['workers']} "
            f"| {r['cpu_ms_per_article']:.1f} "
            f"| {r['worker_peak_mib']:,.0f} | {r['driver_peak_mib']:,.0f} "
            f"| {r['f1_vs_truth']:.4f} | {r.get('f1_vs_local', float('nan')):.4f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated stream sizes")
    parser.add_argument("--workers", default="1,2", help="Ray worker counts (default 1,2)")
    parser.add_argument(
        "--large",
        help="configurations run at the sizes beyond the smallest (default: all)",
    )
    parser.add_argument("--quick", action="store_true", help="one 2,000-article stream")
    parser.add_argument("--analysis", action="store_true", help="full briefings (spaCy)")
    parser.add_argument("--json", help="also write the results as JSON here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--stream", help=argparse.SUPPRESS)
    parser.add_argument("--gold", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = run_config(
            args.child, Path(args.stream), Path(args.gold), Path(args.out), args.analysis
        )
        print(json.dumps(result))
        return 0
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    configs = ["local", *(f"ray-{w}" for w in args.workers.split(",") if w.strip())]
    by_size: dict[int, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for i, n in enumerate(sorted(sizes)):
            chosen = configs if not i or not args.large else args.large.split(",")
            by_size[n] = bench_size(n, Path(tmp), chosen, args.analysis)
    summary = {
        "results": by_size,
        "scaling": {n: scaling(r) for n, r in by_size.items()},
        "startup_s": {r["config"]: r["startup_s"] for r in by_size[min(by_size)]},
        "projection": {c: projection(by_size, c) for c in configs},
    }
    print()
    print(_table([r for results in by_size.values() for r in results]))
    for n, s in summary["scaling"].items():
        if s:
            print(
                f"\n{n:,} articles: 2 workers vs 1: speed-up {s['speedup']:.2f}x, "
                f"efficiency {s['efficiency']:.0%}"
            )
    for config, p in summary["projection"].items():
        if p:
            print(
                f"projection ({config}, from {' and '.join(f'{n:,}' for n in p['from'])}): "
                f"1,000,000 articles in "
                f"{p['hours']:.1f} h, driver memory {p['driver_gib']:.1f} GiB"
            )
            for key, hours in p.items():
                if key.startswith("hours_on_"):
                    cores = key.split("_")[2]
                    print(f"  on {cores} cores (driver serial, CPU-bound): {hours:.2f} h")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

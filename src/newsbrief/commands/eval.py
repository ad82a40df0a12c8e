"""``newsbrief eval``: ROUGE of newsbrief and its peers on a benchmark, in one run."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from newsbrief.commands._common import open_output, progress, writing
from newsbrief.errors import ConfigError

log = logging.getLogger(__name__)

KINDS = ("duc", "multinews", "wcep", "jsonl")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``eval`` command."""
    p = sub.add_parser(
        "eval",
        help="ROUGE of newsbrief and peer systems on a benchmark (DUC/TAC, Multi-News, ...)",
        description="Summarise every cluster of a benchmark with newsbrief and the peers, "
        "score all of them with the same ROUGE code, print a table (recall with 95%% "
        "bootstrap intervals, seconds per cluster) and optionally write a JSON report. "
        "Examples: 'newsbrief eval duc DUC2006/ --max-words 250 --query-from-topic', "
        "'newsbrief eval clusters.jsonl', 'newsbrief eval multinews test.src test.tgt'.",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="[KIND] PATH",
        help=f"optional kind ({', '.join(KINDS)}) then the data: a DUC/TAC folder, a cluster "
        "JSONL with references, a WCEP JSONL, or Multi-News SOURCE.src TARGET.tgt",
    )
    p.add_argument(
        "-w",
        "--max-words",
        type=int,
        default=100,
        help="summary budget; ROUGE truncates summaries and references to it (default 100)",
    )
    p.add_argument(
        "--query-from-topic",
        action="store_true",
        help="query-focused: brief each cluster toward its topic (title + narrative)",
    )
    p.add_argument(
        "--systems",
        default="newsbrief,lead,lexrank,textrank,lsa,summa",
        help="comma-separated systems to run (default: all)",
    )
    p.add_argument(
        "--no-official",
        action="store_true",
        help="leave out the dataset's official participant summaries",
    )
    p.add_argument(
        "--scorer",
        choices=("rouge-score", "perl", "both"),
        default="rouge-score",
        help="rouge-score (default), the Perl ROUGE-1.5.5, or both with rank agreement",
    )
    p.add_argument(
        "--aggregation",
        choices=("jackknife", "pooled", "average", "best"),
        default="jackknife",
        help="how several references combine (default: jackknife, as NIST did for DUC)",
    )
    p.add_argument("--limit", type=int, help="only the first N clusters (quick runs)")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples for CIs")
    p.add_argument("--cache", help="folder caching peer outputs between runs")
    p.add_argument("--json", dest="json_path", help="write the JSON report to this file")
    p.add_argument("-o", "--output", help="write the table here instead of stdout")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the dataset, run the evaluation, print the table, write the report."""
    from newsbrief.evaluate.harness import EvalConfig, run_evaluation
    from newsbrief.evaluate.load import load_dataset
    from newsbrief.evaluate.report import render_table, report_to_dict

    kind, paths = split_kind(args.inputs)
    if args.max_words < 1:
        raise ConfigError(f"--max-words must be at least 1, got {args.max_words}")
    dataset = load_dataset(kind, paths)
    scorers = ("rouge-score", "perl") if args.scorer == "both" else (args.scorer,)
    config = EvalConfig(
        max_words=args.max_words,
        systems=tuple(s.strip() for s in args.systems.split(",") if s.strip()),
        use_query=args.query_from_topic,
        official=not args.no_official,
        scorers=scorers,
        aggregation=args.aggregation,
        bootstrap_samples=args.bootstrap,
        cache=Path(args.cache) if args.cache else None,
        limit=args.limit,
    )
    report = run_evaluation(dataset, config, progress)
    out = open_output(args.output)
    with writing(out, args.output):
        out.write(render_table(report))
    if args.json_path:
        path = Path(args.json_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report_to_dict(report), indent=2) + "\n", encoding="utf-8")
        log.info("report written to %s", path)
    return 0


def split_kind(inputs: list[str]) -> tuple[str, list[str]]:
    """An explicit leading kind, or one guessed from the paths."""
    if inputs[0] in KINDS:
        if len(inputs) < 2:
            raise ConfigError(f"'{inputs[0]}' needs a path")
        return inputs[0], inputs[1:]
    if len(inputs) == 2 and inputs[0].endswith(".src"):
        return "multinews", inputs
    if len(inputs) == 1 and Path(inputs[0]).is_dir():
        return "duc", inputs
    if len(inputs) == 1 and inputs[0].endswith((".jsonl", ".ndjson")):
        return ("wcep" if _looks_like_wcep(Path(inputs[0])) else "jsonl"), inputs
    raise ConfigError(
        f"cannot tell the dataset kind of {' '.join(inputs)}; name it first: {', '.join(KINDS)}"
    )


def _looks_like_wcep(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            first = json.loads(handle.readline() or "{}")
    except (OSError, ValueError):
        return False
    return isinstance(first, dict) and "summary" in first and "documents" not in first

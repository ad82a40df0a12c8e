"""Markdown tables from ``newsbrief eval --json`` reports (for the README's Results).

    .venv/bin/python benchmarks/eval_results.py artifacts/duc-generic-100.json \\
        artifacts/duc-query-250.json [--top-official 5]

One table per report and scorer: recall x100 with 95 % bootstrap intervals,
sorted by ROUGE-2; ``--top-official N`` keeps the N best official participants
(and NIST's baseline, ``duc-1``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

METRICS = (("rouge-1", "R-1"), ("rouge-2", "R-2"), ("rouge-l", "R-L"))


def table(report: dict[str, Any], scorer: str, top_official: int | None) -> str:
    rows = sorted(
        (r for r in report["results"] if r["scorer"] == scorer),
        key=lambda r: -r["recall"]["rouge-2"]["mean"],
    )
    if top_official is not None:
        official = [r for r in rows if r["system"].startswith("duc-") and r["system"] != "duc-1"]
        keep = {r["system"] for r in official[:top_official]}
        rows = [
            r
            for r in rows
            if not r["system"].startswith("duc-") or r["system"] in keep or r["system"] == "duc-1"
        ]
    settings = report["settings"]
    kind = "query-focused" if settings["query_focused"] else "generic"
    lines = [
        f"**{report['dataset']}, {kind}, {settings['max_words']} words, scorer {scorer}** "
        f"({report['variant']})",
        "",
        "| system | " + " | ".join(f"{label} recall" for _, label in METRICS) + " | s/cluster |",
        "|---|" + "---:|" * (len(METRICS) + 1),
    ]
    for r in rows:
        cells = [_cell(r["recall"][m]) for m, _ in METRICS]
        seconds = r["seconds_per_cluster"]
        name = f"**{r['system']}**" if r["system"] == "newsbrief" else r["system"]
        lines.append(
            f"| {name} | "
            + " | ".join(cells)
            + f" | {'-' if seconds is None else f'{seconds:.3f}'} |"
        )
    return "\n".join(lines)


def _cell(value: dict[str, float]) -> str:
    return f"{100 * value['mean']:.2f} [{100 * value['low']:.2f}–{100 * value['high']:.2f}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Markdown tables from eval JSON reports")
    parser.add_argument("reports", nargs="+", type=Path)
    parser.add_argument("--top-official", type=int, help="keep only the N best official peers")
    args = parser.parse_args(argv)
    blocks = []
    for path in args.reports:
        report = json.loads(path.read_text(encoding="utf-8"))
        for scorer in report["settings"]["scorers"]:
            blocks.append(table(report, scorer, args.top_official))
        if report.get("rank_agreement_kendall_tau"):
            taus = ", ".join(
                f"{m} {t:.3f}" for m, t in report["rank_agreement_kendall_tau"].items()
            )
            blocks.append(f"Rank agreement between scorers (Kendall tau): {taus}")
    sys.stdout.write("\n\n".join(blocks) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""An :class:`~newsbrief.evaluate.harness.EvalReport` as a terminal table or JSON."""

from __future__ import annotations

from typing import Any

from newsbrief.evaluate.harness import EvalReport, SystemResult
from newsbrief.evaluate.rouge import METRICS, Interval

REPORT_VERSION = 1
_LABELS = {"rouge-1": "R-1", "rouge-2": "R-2", "rouge-l": "R-L"}


def render_table(report: EvalReport) -> str:
    """Plain-text table per scorer: system x recall (95 % CI) and seconds per cluster."""
    blocks = [
        f"{report.dataset}: {report.results[0].n_clusters if report.results else 0} clusters, "
        f"{report.config.max_words} words, "
        f"{'query-focused' if report.config.use_query else 'generic'}",
        f"variant: {report.variant.describe()}",
    ]
    for scorer in report.config.scorers:
        rows = sorted(
            (r for r in report.results if r.scorer == scorer),
            key=lambda r: -r.recall["rouge-2"].mean,
        )
        blocks.append(_table(scorer, rows))
    if report.agreement:
        taus = ", ".join(f"{_LABELS[m]} {t:.3f}" for m, t in report.agreement.items())
        blocks.append(f"rank agreement between scorers (Kendall tau): {taus}")
    return "\n\n".join(blocks) + "\n"


def _table(scorer: str, rows: list[SystemResult]) -> str:
    header = ["system"] + [f"{_LABELS[m]} recall (95% CI)" for m in METRICS] + ["s/cluster"]
    body = [
        [r.system]
        + [_cell(r.recall[m]) for m in METRICS]
        + ["-" if r.seconds_per_cluster is None else f"{r.seconds_per_cluster:.3f}"]
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)])

    rule = "-" * len(line(header))
    return "\n".join([f"scorer: {scorer}", line(header), rule, *map(line, body)])


def _cell(interval: Interval) -> str:
    return f"{100 * interval.mean:6.2f} [{100 * interval.low:5.2f}-{100 * interval.high:5.2f}]"


def report_to_dict(report: EvalReport) -> dict[str, Any]:
    """The JSON report: settings, variant, per-system scores, per-cluster ROUGE-2."""
    config = report.config
    return {
        "version": REPORT_VERSION,
        "dataset": report.dataset,
        "variant": report.variant.describe(),
        "settings": {
            "max_words": config.max_words,
            "query_focused": config.use_query,
            "systems": list(config.systems),
            "official_peers": config.official,
            "scorers": list(config.scorers),
            "aggregation": config.aggregation,
            "bootstrap_samples": config.bootstrap_samples,
        },
        "results": [_result(r) for r in report.results],
        "rank_agreement_kendall_tau": report.agreement,
        "per_cluster_rouge2_recall": report.per_cluster,
    }


def _result(r: SystemResult) -> dict[str, Any]:
    return {
        "system": r.system,
        "scorer": r.scorer,
        "clusters": r.n_clusters,
        "seconds_per_cluster": r.seconds_per_cluster,
        "recall": {m: _interval(r.recall[m]) for m in METRICS},
        "f": {m: _interval(r.f[m]) for m in METRICS},
    }


def _interval(i: Interval) -> dict[str, float]:
    return {"mean": round(i.mean, 5), "low": round(i.low, 5), "high": round(i.high, 5)}

"""Scoring the analysis against the hand-labelled gold files (precision and recall per part).

Run as a script to print the table for both gold sets::

    .venv/bin/python tests/analyse/gold_scoring.py
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from newsbrief.analyse.entities import alias_key
from newsbrief.ingest import read_inputs
from newsbrief.models import Analysis, Document, Mention
from newsbrief.pipeline import brief

GOLD = Path(__file__).resolve().parents[1] / "gold"
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
PARTS = ("quotes", "speakers", "figures", "dates", "entities", "claims", "divergences")


@dataclass(frozen=True)
class Score:
    """Precision and recall of one part (``None`` when there is nothing to score)."""

    tp_p: int  # system items judged correct
    n_sys: int
    tp_r: int  # gold items found correctly
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp_p / self.n_sys if self.n_sys else 1.0

    @property
    def recall(self) -> float:
        return self.tp_r / self.n_gold if self.n_gold else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.tp_p + other.tp_p, self.n_sys + other.n_sys, self.tp_r + other.tp_r,
            self.n_gold + other.n_gold,
        )  # fmt: skip


@dataclass(frozen=True)
class GoldCluster:
    """One cluster of reports with its gold labels."""

    name: str
    documents: tuple[Document, ...]
    gold: dict[str, Any]


def load_clusters(which: str) -> list[GoldCluster]:
    """``"seeds"`` or ``"extra"``: the gold clusters of one set."""
    if which == "seeds":
        docs = read_inputs([SEEDS]).clusters[0].documents
        return [GoldCluster("seeds", docs, json.loads((GOLD / "seeds.json").read_text("utf-8")))]
    out = []
    for folder in sorted(p for p in (GOLD / "extra").iterdir() if p.is_dir()):
        docs = read_inputs([folder / "reports"]).clusters[0].documents
        gold = json.loads((folder / "gold.json").read_text("utf-8"))
        out.append(GoldCluster(folder.name, docs, gold))
    return out


def locate(docs: Sequence[Document], item: dict[str, Any]) -> tuple[int, int, int]:
    """``(doc_index, start, end)`` of a gold item's words."""
    index = next(i for i, d in enumerate(docs) if d.id == item["doc"])
    text = docs[index].text
    near = item.get("near", item["text"])
    base = text.index(near)
    start = base + near.index(item["text"])
    return index, start, start + len(item["text"])


def _overlaps(m: Mention, where: tuple[int, int, int]) -> bool:
    doc, start, end = where
    return m.doc_index == doc and m.start < end and start < m.end


def score_quotes(c: GoldCluster, a: Analysis) -> tuple[Score, Score]:
    """Quote detection, and quote attribution (detection with the right speaker)."""
    gold = [(locate(c.documents, q), q["speaker"]) for q in c.gold.get("quotes", [])]
    system = [(m, q.speaker) for q in a.quotes for m in q.mentions]

    def ok(sys_speaker: str | None, gold_speaker: str) -> bool:
        return sys_speaker is not None and alias_key(sys_speaker) == alias_key(gold_speaker)

    found = [any(_overlaps(m, w) for w, _ in gold) for m, _ in system]
    hit = [any(_overlaps(m, w) for m, _ in system) for w, _ in gold]
    said = [any(_overlaps(m, w) and ok(s, g) for w, g in gold) for m, s in system]
    heard = [any(_overlaps(m, w) and ok(s, g) for m, s in system) for w, g in gold]
    return (
        Score(sum(found), len(system), sum(hit), len(gold)),
        Score(sum(said), len(system), sum(heard), len(gold)),
    )


def _figure_ok(fig: Any, item: dict[str, Any]) -> bool:
    if fig.normalised != item["value"]:
        return False
    counts = item.get("counts")
    if counts and counts.lower().rstrip("s") not in fig.counts.lower():
        return False
    return item.get("qualifier", fig.qualifier) == fig.qualifier


def score_figures(c: GoldCluster, a: Analysis) -> Score:
    gold = [(locate(c.documents, f), f) for f in c.gold.get("figures", [])]
    system = [f for m in a.figures for f in m.figures]
    tp_p = sum(any(_overlaps(f.mention, w) and _figure_ok(f, g) for w, g in gold) for f in system)
    tp_r = sum(any(_overlaps(f.mention, w) and _figure_ok(f, g) for f in system) for w, g in gold)
    return Score(tp_p, len(system), tp_r, len(gold))


def _date_ok(d: Any, item: dict[str, Any]) -> bool:
    if item.get("approximate"):
        return d.approximate and d.value is not None
    if d.value != item["value"]:
        return False
    return item["value"] is None or d.granularity == item.get("granularity", d.granularity)


def score_dates(c: GoldCluster, a: Analysis) -> Score:
    gold = [(locate(c.documents, d), d) for d in c.gold.get("dates", [])]
    system = [d for e in a.timeline for d in e.expressions] + list(a.unresolved_dates)
    tp_p = sum(any(_overlaps(d.mention, w) and _date_ok(d, g) for w, g in gold) for d in system)
    tp_r = sum(any(_overlaps(d.mention, w) and _date_ok(d, g) for d in system) for w, g in gold)
    report = c.gold.get("reports", {})
    for rd in a.report_dates:  # report dates count as items too
        want = report.get(c.documents[rd.source - 1].id)
        if want is not None:
            good = rd.status == want["status"] and (rd.date and rd.date.isoformat()) == want["date"]
            tp_p, tp_r = tp_p + good, tp_r + good
    n_reports = len([rd for rd in a.report_dates if c.documents[rd.source - 1].id in report])
    return Score(tp_p, len(system) + n_reports, tp_r, len(gold) + n_reports)


def score_entities(c: GoldCluster, a: Analysis) -> Score:
    gold = c.gold.get("entities", [])

    def names(item: dict[str, Any]) -> set[str]:
        return {alias_key(n) for n in [item["name"], *item.get("aliases", [])]}

    def match(e: Any, g: dict[str, Any]) -> bool:
        return e.type in g["type"] and bool({alias_key(e.name)} & names(g))

    tp_p = sum(any(match(e, g) for g in gold) for e in a.entities)
    tp_r = sum(any(match(e, g) for e in a.entities) for g in gold)
    return Score(tp_p, len(a.entities), tp_r, len(gold))


def score_claims(c: GoldCluster, a: Analysis) -> Score:
    """Pairwise: claims of different reports put in one group, against the gold groups."""
    gold_groups = [[locate(c.documents, m) for m in g["members"]] for g in c.gold["claim_groups"]]
    mentions = [(cl.mention, g.id) for g in a.claims for cl in g.claims]

    def group_of(w: tuple[int, int, int]) -> set[str]:
        return {gid for m, gid in mentions if _overlaps(m, w)}

    gold_pairs = [
        (x, y) for members in gold_groups for x, y in combinations(members, 2) if x[0] != y[0]
    ]
    tp_r = sum(bool(group_of(x) & group_of(y)) for x, y in gold_pairs)
    sys_pairs = [
        (p.mention, q.mention)
        for g in a.claims
        if g.status != "single"
        for p, q in combinations(g.claims, 2)
        if p.mention.doc_index != q.mention.doc_index
    ]

    def same_gold(p: Mention, q: Mention) -> bool:
        return any(
            any(_overlaps(p, w) for w in members) and any(_overlaps(q, w) for w in members)
            for members in gold_groups
        )

    tp_p = sum(same_gold(p, q) for p, q in sys_pairs)
    return Score(tp_p, len(sys_pairs), tp_r, len(gold_pairs))


def score_divergences(c: GoldCluster, a: Analysis) -> Score:
    gold = c.gold.get("divergences", [])

    def match(d: Any, g: dict[str, Any]) -> bool:
        sources = {v.source for v in d.values}
        return (
            d.kind == g["kind"]
            and set(g["sources"]) <= sources
            and (g["counts"].rstrip("s") in d.label.lower())
        )

    tp_p = sum(any(match(d, g) for g in gold) for d in a.divergences)
    tp_r = sum(any(match(d, g) for d in a.divergences) for g in gold)
    return Score(tp_p, len(a.divergences), tp_r, len(gold))


def score_cluster(c: GoldCluster) -> dict[str, Score]:
    """Every part's score on one cluster."""
    analysis = brief(c.documents).analysis
    assert analysis is not None
    quotes, speakers = score_quotes(c, analysis)
    return {
        "quotes": quotes,
        "speakers": speakers,
        "figures": score_figures(c, analysis),
        "dates": score_dates(c, analysis),
        "entities": score_entities(c, analysis),
        "claims": score_claims(c, analysis),
        "divergences": score_divergences(c, analysis),
    }


def score_set(which: str) -> dict[str, Score]:
    """Scores summed over the clusters of a gold set (micro-averaged)."""
    total: dict[str, Score] = {p: Score(0, 0, 0, 0) for p in PARTS}
    for cluster in load_clusters(which):
        for part, s in score_cluster(cluster).items():
            total[part] = total[part] + s
    return total


def table(rows: Iterable[tuple[str, dict[str, Score]]]) -> str:
    """A Markdown table of precision/recall per part and set."""
    lines = ["| set | part | precision | recall | system | gold |", "|---|---|---|---|---|---|"]
    for name, scores in rows:
        for part, s in scores.items():
            lines.append(
                f"| {name} | {part} | {s.precision:.2f} | {s.recall:.2f} | {s.n_sys} | {s.n_gold} |"
            )
    return "\n".join(lines)


def main() -> int:
    sys.stdout.write(table((w, score_set(w)) for w in ("seeds", "extra")) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

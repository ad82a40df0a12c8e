"""Time of the cross-report analysis per 10-report cluster, and of the whole briefing with it.

Prints, per cluster: the warm median time of the whole briefing without analysis,
with analysis, and the analysis share (their difference), plus the analysis parts
timed one by one on the first cluster. The target is the whole briefing with
analysis under 1 s warm on 2 cores.

Clusters: the first ten reports of each DUC 2006 cluster when ``--duc PATH`` is given
(a local copy, never committed; ``--clusters N`` of them), else one synthetic
10-report cluster made of the hand-written gold reports (tests/gold/extra) and
the seeds.

    python benchmarks/bench_analysis.py [--duc PATH] [--clusters N] [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from newsbrief.config import Settings
from newsbrief.ingest import read_inputs
from newsbrief.models import Document
from newsbrief.pipeline import brief

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "extra"
SEEDS = ROOT / "tests" / "data" / "seeds"
N_DOCS = 10
log = logging.getLogger("bench_analysis")


def gold_cluster(n_docs: int = N_DOCS) -> list[Document]:
    """Ten reports: the three seeds, then the written gold reports, longest first."""
    docs = list(read_inputs([SEEDS]).clusters[0].documents)
    extra = [
        d for f in sorted(GOLD.glob("*/reports")) for d in read_inputs([f]).clusters[0].documents
    ]
    docs += sorted(extra, key=lambda d: -len(d.text))
    return docs[:n_docs]


def duc_clusters(root: Path, n_clusters: int, n_docs: int = N_DOCS) -> list[list[Document]]:
    """The first ``n_docs`` reports of the first ``n_clusters`` DUC clusters."""
    from newsbrief.evaluate.duc import load_duc

    dataset = load_duc(root)
    return [list(c.documents[:n_docs]) for c in dataset.clusters[:n_clusters]]


def median_time(run: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` warm runs (one untimed warm-up first)."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_cluster(docs: Sequence[Document], repeats: int) -> dict[str, float]:
    """Seconds: briefing without analysis, with analysis, and the difference."""
    plain = median_time(lambda: brief(docs, settings=Settings(analysis=False)), repeats)
    full = median_time(lambda: brief(docs), repeats)
    return {"summary_s": plain, "with_analysis_s": full, "analysis_s": full - plain}


def time_parts(docs: Sequence[Document], repeats: int) -> dict[str, float]:
    """Each analysis part on its own (warm), to see where the time goes."""
    import newsbrief.analyse.claims as claims
    import newsbrief.analyse.dates as dates
    import newsbrief.analyse.entities as entities
    import newsbrief.analyse.figures as figures
    import newsbrief.analyse.measures as measures
    import newsbrief.analyse.nlp as nlp
    import newsbrief.analyse.speakers as speakers
    from newsbrief.analyse.spans import Locator
    from newsbrief.represent import TfidfRepresenter, cosine_matrix, tokenize
    from newsbrief.segment import segment_documents

    sentences = segment_documents(docs)
    loc = Locator.build(docs, sentences)
    tokens = [tokenize(s.text) for s in sentences]
    sim = cosine_matrix(TfidfRepresenter().vectors([s.text for s in sentences], tokens))
    reports = dates.report_dates(docs, loc)
    found_dates = dates.date_mentions(docs, loc, reports)
    found = figures.find_figures(sentences, loc, found_dates)
    ms = measures.group_measures(found, loc, sim, reports)
    from newsbrief.analyse import ner_cuts

    cuts = ner_cuts(docs, loc, Settings().entity_chars)
    texts = [d.text[:c] for d, c in zip(docs, cuts, strict=True)]
    spans = nlp.entity_spans(texts)
    people = entities.entities(docs, spans, loc)
    parts: dict[str, Callable[[], object]] = {
        "dates": lambda: dates.date_mentions(docs, loc, reports),
        "figures+measures": lambda: measures.group_measures(
            figures.find_figures(sentences, loc, found_dates), loc, sim, reports
        ),
        "spacy_ner": lambda: nlp.entity_spans(texts),
        "entities": lambda: entities.entities(docs, spans, loc),
        "quotes": lambda: speakers.quotes_with_speakers(docs, loc, spans, people),
        "claims": lambda: claims.group_claims(claims.find_claims(sentences, loc), ms, ()),
    }
    return {name: median_time(run, repeats) for name, run in parts.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duc", type=Path, help="DUC 2006 folder (local copy)")
    parser.add_argument("--clusters", type=int, default=5, help="DUC clusters to time")
    parser.add_argument("--repeats", type=int, default=5, help="timed warm runs per cluster")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.duc:
        clusters = duc_clusters(args.duc, args.clusters)
        label = f"DUC 2006 ({len(clusters)} clusters, first {N_DOCS} reports each)"
    else:
        clusters = [gold_cluster()]
        label = f"synthetic: {N_DOCS} gold reports (seeds + tests/gold/extra)"
    rows = [time_cluster(docs, args.repeats) for docs in clusters]
    parts = time_parts(clusters[0], args.repeats)
    out = sys.stdout
    out.write(f"# Analysis timing, warm, median of {args.repeats} — {label}\n\n")
    out.write(
        "| cluster | words | summary only | with analysis | analysis |\n|---|---|---|---|---|\n"
    )
    for k, (docs, row) in enumerate(zip(clusters, rows, strict=True)):
        words = sum(len(d.text.split()) for d in docs)
        out.write(
            f"| {k + 1} | {words} | {row['summary_s'] * 1000:.0f} ms | "
            f"{row['with_analysis_s'] * 1000:.0f} ms | {row['analysis_s'] * 1000:.0f} ms |\n"
        )
    worst = max(r["with_analysis_s"] for r in rows)
    out.write(f"\nslowest whole briefing with analysis: {worst * 1000:.0f} ms "
              f"({'under' if worst < 1.0 else 'OVER'} the 1 s target)\n\n")  # fmt: skip
    out.write("| analysis part (cluster 1) | time |\n|---|---|\n")
    out.writelines(f"| {name} | {s * 1000:.1f} ms |\n" for name, s in parts.items())
    if args.json:
        args.json.write_text(json.dumps({"clusters": rows, "parts": parts}, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

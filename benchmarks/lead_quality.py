"""Lead quality: ROUGE of the first 25 words of newsbrief's summaries.

A briefing is read from the top; its opening should carry the news. This scores the
first ``--lead-words`` words of each summary (made at ``--max-words``) against the
references, both cut to the lead length as ROUGE-1.5.5 ``-l 25`` does, with the
project's ROUGE variant (rouge-score, Porter stemming, jackknifed references)::

    python benchmarks/lead_quality.py /path/to/DUC2006 --max-words 100
    python benchmarks/lead_quality.py /path/to/DUC2006 --max-words 250 --query-from-topic

Run it on two checkouts (``PYTHONPATH=<checkout>/src``) to compare orderings.
"""

from __future__ import annotations

import argparse
import logging
import sys

from newsbrief.evaluate.harness import split_sentences
from newsbrief.evaluate.load import load_dataset
from newsbrief.evaluate.peers import newsbrief_system
from newsbrief.evaluate.rouge import RougeScoreScorer, RougeVariant, ScoreRequest, truncate

log = logging.getLogger("lead_quality")


def main(argv: list[str] | None = None) -> int:
    """Brief every cluster, score the summaries' leads, log the mean recall."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", help="a DUC/TAC folder (as `newsbrief eval duc` reads it)")
    parser.add_argument("--max-words", type=int, default=100, help="summary budget")
    parser.add_argument("--lead-words", type=int, default=25, help="words of the lead scored")
    parser.add_argument("--query-from-topic", action="store_true", help="query-focused briefs")
    parser.add_argument("--limit", type=int, help="only the first N clusters")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    dataset = load_dataset("duc", [args.data])
    clusters = dataset.clusters[: args.limit] if args.limit else dataset.clusters
    requests = []
    for cluster in clusters:
        query = cluster.query if args.query_from_topic else None
        summary = newsbrief_system(cluster, args.max_words, query)
        requests.append(
            ScoreRequest(
                cluster.id,
                "newsbrief",
                truncate(summary, args.lead_words),
                tuple(split_sentences(r) for r in cluster.references),
            )
        )
    scores = RougeScoreScorer().score(requests, RougeVariant(max_words=args.lead_words))
    mode = "query-focused" if args.query_from_topic else "generic"
    r1 = 100 * sum(s["rouge-1"].recall for s in scores) / len(scores)
    r2 = 100 * sum(s["rouge-2"].recall for s in scores) / len(scores)
    log.info(
        "%s, %s %d words, first %d words: ROUGE-1 %.2f  ROUGE-2 %.2f  (recall x100, %d clusters)",
        dataset.name,
        mode,
        args.max_words,
        args.lead_words,
        r1,
        r2,
        len(scores),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

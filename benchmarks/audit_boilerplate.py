"""Dump what newsbrief makes of real wire reports, for a person to read for boilerplate.

Briefs every DUC 2006 and DUC 2007 (main task) document set at 100 words, read two ways
(through the DUC loader, and as cluster JSONL with the files' own quotation marks), and
writes every headline, summary sentence, claim, figure, quote and entity; then ingests
all reports as one stream into a temporary store and writes every story headline.
Nothing here decides what is boilerplate: the file is for reading, and counting is done
by the reader. A short table compares the quote ledgers of the original-marks and the
plain-quotes copies (quotes found per set).

DUC text is licensed: the output goes under ``artifacts/`` (ignored by git).

    python benchmarks/audit_boilerplate.py --duc-root /path/to/DUC_data [--out FILE] [--limit N]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))

from duc_to_jsonl import set_folders

from newsbrief.config import Settings
from newsbrief.evaluate.duc import read_set, set_id
from newsbrief.models import Briefing, Cluster, Document
from newsbrief.pipeline import brief_cluster

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("audit")


def duc_clusters(root: Path, *, original_quotes: bool) -> Iterator[tuple[str, Cluster]]:
    """``(year, cluster)`` for every DUC 2006 and DUC 2007 main-task document set."""
    for year in ("2006", "2007"):
        for folder in set_folders(root / f"DUC{year}"):
            cid = set_id(folder.name) or folder.name
            docs = read_set(folder, original_quotes=original_quotes)
            yield year, Cluster(cid, docs)


def jsonl_clusters(root: Path, work: Path) -> Iterator[tuple[str, Cluster]]:
    """The same sets written as cluster JSONL (original marks) and read back as a user would."""
    from duc_to_jsonl import write_jsonl

    from newsbrief.ingest import read_inputs

    for year in ("2006", "2007"):
        path = work / f"duc{year}.jsonl"
        write_jsonl(root / f"DUC{year}", path, original_quotes=True)
        for cluster in read_inputs([path]).clusters:
            yield year, cluster


def write_briefing(out: TextIO, label: str, b: Briefing) -> None:
    """Every headline, summary sentence, claim, figure, quote and entity, one per line."""
    out.write(f"\n=== {label}\n")
    out.write(f"HEADLINE\t{b.headline}\n")
    for s in b.summary:
        out.write(f"SUMMARY\t{s.text}\n")
    a = b.analysis
    if a is None:
        return
    for c in a.claims:
        if c.status != "single":
            out.write(f"CLAIM-{c.status}\t{c.text}\n")
    for m in a.figures:
        for f in m.figures:
            out.write(f"FIGURE\t{f.text}\t[{m.label}]\t{f.mention.text}\n")
    for q in a.quotes:
        out.write(f"QUOTE\t{q.speaker or '-'}\t{q.text}\n")
    for e in a.entities:
        out.write(f"ENTITY-{e.type}\t{e.name}\n")


def brief_all(
    out: TextIO, items: Iterable[tuple[str, Cluster]], how: str, limit: int, settings: Settings
) -> dict[str, int]:
    """Brief each cluster, write it; returns quotes found per cluster id."""
    quotes: dict[str, int] = {}
    for n, (year, cluster) in enumerate(items):
        if limit and n >= limit:
            break
        b = brief_cluster(cluster, 100, settings=settings)
        write_briefing(out, f"DUC{year} {cluster.id} ({how})", b)
        quotes[f"{year}/{cluster.id}"] = len(b.analysis.quotes) if b.analysis else 0
    return quotes


def story_headlines(out: TextIO, docs: Sequence[Document], settings: Settings) -> None:
    """Ingest every report as one stream into a temporary store; write each story headline."""
    from newsbrief.store import Store
    from newsbrief.stories import ingest_reports

    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "s.db")) as store:
        report = ingest_reports(store, docs, settings=settings)
        out.write(f"\n=== STORIES ({report.added} reports, {report.new_stories} stories)\n")
        for row in store.stories(limit=100_000):
            out.write(f"STORY\t{row.n_reports}\t{row.headline}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duc-root", type=Path, default=Path("/work/data/TextSummarizer/DUC_data"))
    parser.add_argument("--out", type=Path, default=None, help="text file to write")
    parser.add_argument("--limit", type=int, default=0, help="first N sets per reading (0: all)")
    parser.add_argument("--no-stories", action="store_true", help="skip the story stream")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out_path = args.out or ROOT / "artifacts" / f"audit-boilerplate-{stamp}.txt"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    started = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as out, tempfile.TemporaryDirectory() as tmp:
        loader = list(duc_clusters(args.duc_root, original_quotes=False))
        plain = brief_all(out, loader, "loader", args.limit, settings)
        original = brief_all(
            out, jsonl_clusters(args.duc_root, Path(tmp)), "jsonl", args.limit, settings
        )
        out.write("\n=== QUOTE LEDGER: quotes found, original marks vs plain quotes\n")
        for key in sorted(plain):
            out.write(f"QUOTES\t{key}\t{original.get(key, 0)}\t{plain[key]}\n")
        out.write(f"QUOTES-TOTAL\t{sum(original.values())}\t{sum(plain.values())}\n")
        if not args.no_stories:
            docs = [d for _, c in loader[: args.limit or None] for d in c.documents]
            story_headlines(out, docs, settings)
    log.warning("wrote %s in %.0f s", out_path, time.perf_counter() - started)


if __name__ == "__main__":
    main()

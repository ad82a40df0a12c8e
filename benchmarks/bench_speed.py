"""Speed of newsbrief against classic summarizers on the same inputs, in one run.

Prints, side by side: time per cluster (warm, median of repeats) for newsbrief
(summary only, and with analysis) and for sumy LexRank, sumy TextRank and summa
TextRank, with ratios to newsbrief; the share of the summary-only briefing spent in
the cleaning stage; then the cold ``newsbrief brief`` wall time and peak memory on
the seeds.

Inputs: the seed reports, and a 10-report cluster — the first ten documents of a
DUC 2006 cluster when ``--duc /path/to/DUC2006`` is given (never committed), or a
synthetic cluster otherwise.

    python benchmarks/bench_speed.py [--duc PATH] [--repeats N] [--json OUT] [--newsbrief-only]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsbrief.clean import clean_documents
from newsbrief.config import Settings
from newsbrief.ingest import read_inputs
from newsbrief.models import Document
from newsbrief.pipeline import brief

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
WORDS = 100
log = logging.getLogger("bench")


def duc_cluster(root: Path, n_docs: int = 10) -> list[Document]:
    """First ``n_docs`` reports of the first DUC cluster folder under ``root``."""
    from lxml import etree

    folder = sorted(p for p in (root / "duc2006_docs").iterdir() if p.is_dir())[0]
    docs = []
    for path in sorted(folder.iterdir())[:n_docs]:
        parser = etree.XMLParser(recover=True)
        tree = etree.fromstring(b"<ROOT>" + path.read_bytes() + b"</ROOT>", parser)
        text = "\n\n".join(" ".join(p.itertext()).strip() for p in tree.iter("P"))
        if not text:
            text = " ".join(tree.find(".//TEXT").itertext())
        docs.append(Document(id=path.name, text=" ".join(text.split(" ")), origin=str(path)))
    return docs


def synthetic_cluster(n_docs: int = 10, seed: int = 7) -> list[Document]:
    """Ten ~450-word reports of a made-up flood: shared facts amid varied other sentences."""
    rng = random.Random(seed)
    facts = [
        "Heavy rain flooded the river town of {town} on {day}, forcing {n} residents from homes.",
        "Emergency crews used boats to reach families stranded on rooftops in {town}.",
        "The regional governor declared a state of emergency and asked for federal help.",
        "Officials said {d} people had died and {m} were missing after the river burst its banks.",
        "The river rose {h} metres above its normal level within twelve hours.",
        "Schools and the main hospital in {town} were closed as water entered the buildings.",
        "Forecasters warned that more rain was expected over the weekend.",
        "Power was cut to about {p} homes, the electricity company said.",
        "Volunteers filled sandbags to protect the old bridge and the town hall.",
        "The army sent {s} soldiers and two helicopters to help with the evacuation.",
        "Insurers said the damage could run into hundreds of millions.",
        "Residents said the flood was the worst they had seen in fifty years.",
    ]
    values = {
        "town": "Marlow",
        "day": "Tuesday",
        "n": "4,000",
        "d": "12",
        "m": "30",
        "h": "four",
        "p": "20,000",
        "s": "300",
    }
    subjects = [
        "Local radio",
        "A spokesman for the fire service",
        "The mayor's office",
        "Aid workers",
        "Farmers upstream",
        "Shop owners on the high street",
        "The transport ministry",
        "Hydrologists at the university",
        "Police",
        "Neighbouring towns",
        "The Red Cross",
        "Opposition politicians",
    ]
    predicates = [
        "reported damage to roads and bridges across the valley",
        "called for an inquiry into the flood defences built last decade",
        "said hundreds of cattle had drowned in the fields",
        "opened emergency shelters in schools and sports halls",
        "warned people not to drive through flooded streets",
        "estimated that the clean-up would take several months",
        "asked residents to boil drinking water until further notice",
        "criticised the slow response of the national government",
        "said the reservoir upstream was close to its limit",
        "collected blankets, food and clothing for displaced families",
    ]
    docs = []
    for i in range(n_docs):
        chosen = rng.sample(facts, k=8) + [
            f"{rng.choice(subjects)} {rng.choice(predicates)}." for _ in range(22)
        ]
        rng.shuffle(chosen)
        paragraphs = [" ".join(chosen[k : k + 3]) for k in range(0, len(chosen), 3)]
        body = "\n\n".join(paragraphs).format(**values)
        docs.append(Document(id=f"synthetic-{i + 1}", text=body, origin="synthetic"))
    return docs


class _SumyTokenizer:
    """sumy's default tokenizer needs NLTK punkt data; give it nupunkt instead."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        from nupunkt import sent_tokenize

        return [s.strip() for s in sent_tokenize(paragraph) if s.strip()]

    def to_words(self, sentence: str) -> list[str]:
        import re

        return re.findall(r"[A-Za-z0-9']+", sentence)


def _sumy(method: str) -> Callable[[list[Document]], str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[method]
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(docs: list[Document]) -> str:
        text = "\n\n".join(d.text for d in docs)
        parser = PlaintextParser.from_string(text, _SumyTokenizer())
        return " ".join(str(s) for s in summarizer(parser.document, 5))

    return run


def _summa(docs: list[Document]) -> str:
    from summa.summarizer import summarize

    return str(summarize("\n\n".join(d.text for d in docs), words=WORDS))


def _newsbrief(analysis: bool) -> Callable[[list[Document]], str]:
    settings = Settings(analysis=analysis)
    return lambda docs: " ".join(s.text for s in brief(docs, WORDS, settings=settings).summary)


def _cleaning(docs: list[Document]) -> str:
    return "".join(c.document.text[:1] for c in clean_documents(docs))


def time_warm(fn: Callable[[list[Document]], str], docs: list[Document], repeats: int) -> float:
    """Median seconds of ``repeats`` runs after one warm-up run."""
    fn(docs)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(docs)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_LAUNCHER = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def cold_cli(repeats: int = 5, *flags: str) -> tuple[float, float]:
    """Median wall seconds and max peak RSS (MiB) of ``newsbrief brief`` on the seeds.

    A small launcher process runs the command: a child forked from this process
    would report the benchmark's own memory as its peak.
    """
    exe = Path(sys.executable).parent / "newsbrief"
    walls, peaks = [], []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(exe), "brief", str(SEEDS), *flags],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        walls.append(float(out[0]))
        peaks.append(float(out[1]))
    return statistics.median(walls), max(peaks)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duc", type=Path, help="DUC 2006 folder for a real 10-report cluster")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument(
        "--newsbrief-only", action="store_true", help="skip the other summarizers and cold runs"
    )
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    inputs = {"seeds (3 reports)": list(read_inputs([SEEDS]).clusters[0].documents)}
    if args.duc:
        inputs["DUC 2006 D0601A, 10 reports"] = duc_cluster(args.duc)
    else:
        inputs["synthetic, 10 reports"] = synthetic_cluster()
    systems = {
        "newsbrief (summary)": _newsbrief(False),
        "newsbrief (with analysis)": _newsbrief(True),
    }
    if not args.newsbrief_only:
        systems["sumy LexRank"] = _sumy("lexrank")
        systems["sumy TextRank"] = _sumy("textrank")
        systems["summa TextRank"] = _summa
    report: dict[str, dict[str, float]] = {}
    for label, docs in inputs.items():
        n_words = sum(len(d.text.split()) for d in docs)
        print(f"\n{label}: {n_words} words")
        print(f"{'system':28s} {'ms/cluster':>11s} {'x newsbrief':>12s}")
        row = {name: time_warm(fn, docs, args.repeats) for name, fn in systems.items()}
        base = row["newsbrief (summary)"]
        for name, seconds in row.items():
            print(f"{name:28s} {seconds * 1000:11.1f} {seconds / base:12.1f}")
        cleaning = time_warm(_cleaning, docs, args.repeats * 5)
        print(
            f"{'cleaning stage':28s} {cleaning * 1000:11.2f} "
            f"({cleaning / base:.1%} of newsbrief (summary))"
        )
        report[label] = {k: round(v * 1000, 2) for k, v in row.items()}
        report[label]["cleaning stage"] = round(cleaning * 1000, 3)
    cold = () if args.newsbrief_only else (("", ()), (" --no-analysis", ("--no-analysis",)))
    for label, flags in cold:
        wall, peak = cold_cli(5, *flags)
        print(
            f"cold `newsbrief brief {SEEDS.relative_to(ROOT)}{label}`: {wall:.2f} s wall, "
            f"{peak:.0f} MiB peak RSS (median of 5)"
        )
        report[f"cold_cli{label.replace(' ', '_')}"] = {
            "wall_s": round(wall, 3),
            "peak_rss_mib": round(peak, 1),
        }
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""Story grouping benchmark: quality (B-cubed) and scale (throughput, peak memory).

A stream is built by mixing known clusters in time order and ingested into a
fresh store exactly as ``newsbrief ingest`` does (reports, sentences,
near-duplicate detection, story grouping; briefings are left out because they
are the single-cluster engine, benchmarked by ``bench_speed.py``). The stories
found are scored against the true clusters with B-cubed precision, recall and
F1. Sources:

- synthetic: generated events (each with its own entities, keywords and facts,
  events grouped into themes that share vocabulary, so neighbours are hard to
  tell apart), reports re-telling an event's facts in varied wording mixed with
  generic filler, dated within days of the event, 5% of them near-verbatim
  copies of another outlet's report (wire copy);
- DUC 2006 (``--duc PATH``, never committed): the 50 topic clusters of 25
  reports each, in date order. DUC clusters are *topics* followed over months or
  years, not events, so besides the event-level defaults they run with the
  topic-level settings passed explicitly: a ten-year window
  (``story_window_days=3650``) and ``story_threshold=0.1`` (``--duc-thresholds``
  sweeps others).

- the DUC event stream (``--duc2006 PATH --duc2007 PATH``, never committed): 650
  reports of 26 DUC 2006/2007 sets labelled by hand at the level of events
  (``benchmarks/data/duc-events.jsonl``, rules in ``docs/annotation/events.md``),
  fed in date order in batches of 1, 50 and all (each batch a separate ingest
  that resumes from the store), scored on the development sets, the test sets
  and all; and the time to ingest, group and brief the first 1,000 reports of
  both years in date order, with and without briefings.

Each run is its own process, so its peak memory (ru_maxrss) is its own.
``PREVIOUS`` holds the figures measured before event-level grouping, printed
beside the new ones.

    python benchmarks/bench_stories.py --sizes 10000,100000 [--duc PATH] [--json OUT]
    python benchmarks/bench_stories.py --sizes '' --duc2006 DUC2006 --duc2007 DUC2007
    python benchmarks/bench_stories.py --sizes '' --timing-only --duc2006 DUC2006 --duc2007 DUC2007
    python benchmarks/bench_stories.py --sizes '' --no-timed --splits dev --batches all \
        --duc2006 DUC2006 --duc2007 DUC2007      # the quick tuning loop: DEV, no briefings
    python benchmarks/bench_stories.py --quick          # 2,000 reports, a few seconds
    python benchmarks/bench_stories.py --sizes '' --duc PATH --duc-thresholds 0.08,0.1,0.15
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger("bench_stories")
TOPIC_WINDOW_DAYS = 3650  # DUC topics run for years: topic-level stories need a long window
TOPIC_THRESHOLD = 0.1  # and a lower bar than events (tuned on DUC 2006; see docs/story-mode.md)
EVENT_LABELS = Path(__file__).parent / "data" / "duc-events.jsonl"
EVENT_BATCHES = (1, 50, 0)  # 0: all at once
EVENT_SPLITS = ("dev", "test", "all")
TIMED_REPORTS = 1000
# Figures before event-level grouping (2 cores): 989 real wire reports ingested with
# briefings in 248 s, without in 19.5 s; synthetic streams as in docs/story-mode.md.
PREVIOUS = {
    "real 1,000 with briefings s": 248.0,
    "real 1,000 without briefings s": 19.5,
    "synthetic 10,000 s": 22.8,
    "synthetic 100,000 s": 295.0,
    "synthetic 10,000 F1": 1.000,
    "synthetic 100,000 F1": 0.999,
}

SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "fa",
    "fe",
    "fi",
    "fo",
    "ga",
    "ge",
    "go",
    "ka",
    "ke",
    "ki",
    "ko",
    "ku",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "ze",
    "zo",
    "tra",
    "bre",
    "cri",
    "dro",
    "gla",
    "ple",
    "sto",
    "mar",
    "ten",
    "vin",
    "dor",
    "lan",
    "ser",
]
FILLER = [
    "officials",
    "said",
    "the",
    "government",
    "would",
    "continue",
    "to",
    "monitor",
    "the",
    "situation",
    "and",
    "that",
    "more",
    "information",
    "would",
    "be",
    "released",
    "later",
    "this",
    "week",
    "according",
    "to",
    "a",
    "statement",
    "issued",
    "by",
    "the",
    "ministry",
    "people",
    "familiar",
    "with",
    "the",
    "matter",
    "told",
    "reporters",
    "on",
    "condition",
    "of",
    "anonymity",
    "as",
    "the",
    "talks",
    "went",
    "on",
    "for",
    "several",
    "hours",
    "while",
    "critics",
    "warned",
    "that",
    "the",
    "plan",
    "could",
    "face",
    "delays",
    "and",
    "rising",
    "costs",
    "in",
    "the",
    "coming",
    "months",
    "observers",
    "noted",
    "that",
    "the",
    "decision",
    "marked",
    "a",
    "shift",
    "from",
    "last",
    "year",
    "when",
    "a",
    "similar",
    "proposal",
    "failed",
    "to",
    "win",
    "support",
    "in",
    "parliament",
    "analysts",
    "expect",
    "further",
    "announcements",
    "soon",
]


# -- synthetic stream -------------------------------------------------------------


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


class Generator:
    """Events in themes; reports telling an event's facts with paraphrase noise."""

    def __init__(self, seed: int = 13, theme_size: int = 5) -> None:
        self.rng = random.Random(seed)
        self.vocab = sorted({_word(self.rng, 3) for _ in range(40_000)})
        self.common = sorted({_word(self.rng, 2) for _ in range(600)})
        self.theme_size = theme_size
        self.theme: tuple[list[str], str] = ([], "")

    def event(self, number: int) -> dict[str, object]:
        """A new event: entities, keywords (some from its theme), facts."""
        rng = self.rng
        if number % self.theme_size == 0:  # a new theme: shared words and a shared place
            self.theme = (rng.sample(self.vocab, 6), _word(rng, 3).capitalize())
        theme_words, place = self.theme
        keywords = rng.sample(self.vocab, 10) + rng.sample(theme_words, 3)
        people = [f"{_word(rng, 2).capitalize()} {_word(rng, 3).capitalize()}" for _ in range(2)]
        org = f"{_word(rng, 3).capitalize()} {rng.choice(['Council', 'Agency', 'Party', 'Group'])}"
        facts = [self._fact(keywords, [*people, org, place]) for _ in range(12)]
        return {"keywords": keywords, "entities": [*people, org, place], "facts": facts}

    def _fact(self, keywords: list[str], entities: list[str]) -> list[str]:
        rng = self.rng
        words = rng.sample(keywords, 3) + rng.sample(FILLER, 5) + rng.sample(self.common, 4)
        rng.shuffle(words)
        words.insert(rng.randrange(len(words)), rng.choice(entities))
        return words

    def report(self, event: Mapping[str, object], rid: str, date: str) -> dict[str, object]:
        """One report of an event: some of its facts, paraphrased, and generic filler."""
        rng = self.rng
        facts: list[list[str]] = event["facts"]  # type: ignore[assignment]
        sentences = []
        for fact in rng.sample(facts, rng.randint(4, 8)):
            words = [w if rng.random() > 0.25 else rng.choice(self.common) for w in fact]
            sentences.append(words)
        for _ in range(rng.randint(2, 5)):
            noise = rng.sample(FILLER, 8) + rng.sample(self.common, 3) + rng.sample(self.vocab, 1)
            sentences.insert(rng.randrange(len(sentences) + 1), noise)
        text = " ".join(" ".join(s).capitalize() + "." for s in sentences)
        keywords: list[str] = event["keywords"]  # type: ignore[assignment]
        entities: list[str] = event["entities"]  # type: ignore[assignment]
        title = " ".join([rng.choice(entities), *rng.sample(keywords, 3)]).capitalize()
        outlet = f"outlet{rng.randrange(40)}"
        return {
            "id": rid,
            "date": date,
            "title": title,
            "text": text,
            "outlet": outlet,
            "url": f"https://{outlet}.example/{rid}",
        }


def synthetic_stream(n_reports: int, seed: int = 13) -> Iterator[tuple[dict[str, object], str]]:
    """(report, true cluster) pairs in date order: about 10 reports an event, 30 events a day."""
    import datetime as dt

    gen = Generator(seed)
    rng = random.Random(seed + 1)
    start = dt.date(2021, 1, 1)
    pending: list[tuple[dt.date, int, dict[str, object], str]] = []
    made = number = 0
    day = 0
    while made < n_reports:
        for _ in range(30):  # events breaking today
            size = min(max(1, int(rng.expovariate(1 / 10))), 60)
            event = gen.event(number)
            label = f"event{number}"
            number += 1
            for k in range(size):
                date = start + dt.timedelta(days=day + min(int(rng.expovariate(1 / 1.5)), 6))
                pending.append((date, k, event, label))
        pending.sort(key=lambda item: item[0])
        today = start + dt.timedelta(days=day)
        while pending and pending[0][0] <= today and made < n_reports:
            date, _, event, label = pending.pop(0)
            rid = f"r{made}"
            report = gen.report(event, rid, date.isoformat())
            if made and rng.random() < 0.05 and label in _LAST_TEXT:  # a wire copy
                report["text"] = _LAST_TEXT[label] + " Copyright outlet."
            _LAST_TEXT[label] = str(report["text"])
            made += 1
            yield report, label
        day += 1
    _LAST_TEXT.clear()


_LAST_TEXT: dict[str, str] = {}


def write_synthetic(path: Path, n_reports: int, seed: int = 13) -> dict[str, str]:
    """Write the stream as article JSONL; returns report id -> true cluster."""
    gold = {}
    with path.open("w", encoding="utf-8") as handle:
        for report, label in synthetic_stream(n_reports, seed):
            handle.write(json.dumps(report) + "\n")
            gold[str(report["id"])] = label
    return gold


# -- DUC 2006 ---------------------------------------------------------------------


def duc_stream(root: Path) -> tuple[list[object], dict[str, str]]:
    """DUC reports in date order, and report id -> cluster id.

    Uses ``newsbrief.evaluate.duc.load_duc`` when it is there; otherwise a
    minimal reader of the SGML documents below.
    """
    try:
        from newsbrief.evaluate.duc import load_duc

        clusters = load_duc(root).clusters
        pairs = [(d, c.id) for c in clusters for d in c.documents]
    except ImportError:
        pairs = _minimal_duc(root)
    pairs.sort(key=lambda p: (p[0].date is None, p[0].date or "", p[0].id))  # type: ignore[attr-defined]
    return [d for d, _ in pairs], {d.id: label for d, label in pairs}  # type: ignore[attr-defined]


_DOCNO = re.compile(r"<DOCNO>\s*(\S+)\s*</DOCNO>")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_HEADLINE = re.compile(r"<HEADLINE>(.*?)</HEADLINE>", re.S)


def _minimal_duc(root: Path) -> list[tuple[object, str]]:
    import datetime as dt

    from newsbrief.models import Document

    pairs: list[tuple[object, str]] = []
    for folder in sorted((root / "duc2006_docs").iterdir()):
        for path in sorted(folder.iterdir()):
            raw = path.read_text("utf-8", errors="replace")
            docno = _DOCNO.search(raw)
            text = _TEXT.search(raw)
            if not docno or not text:
                continue
            body = re.sub(r"<[^>]+>", "\n", text.group(1))
            body = "\n\n".join(" ".join(p.split()) for p in body.split("\n\n") if p.strip())
            when = _DATE.search(docno.group(1))
            date = dt.date(*map(int, when.groups())) if when else None
            head = _HEADLINE.search(raw)
            title = " ".join(head.group(1).split()) if head else None
            doc = Document(id=docno.group(1), text=body, date=date, title=title, origin=str(path))
            pairs.append((doc, folder.name))
    return pairs


# -- DUC event stream -------------------------------------------------------------


def event_labels(path: Path = EVENT_LABELS) -> dict[str, dict[str, str]]:
    """Report id -> its label line (year, set, event, split)."""
    out = {}
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        out[row["doc"]] = row
    return out


def read_duc_sets(root: Path, wanted: set[str] | None) -> list[object]:
    """The documents of a DUC year's set folders (all, or the sets in ``wanted``).

    ``root`` is the DUC 2006 folder (``duc2006_docs`` inside) or the DUC 2007
    one (``duc2007_testdocs/main`` inside), or the folder of set folders itself.
    """
    from newsbrief.errors import DatasetError
    from newsbrief.evaluate.duc import parse_sgml_documents

    base = root
    for inner in ("duc2006_docs", "duc2007_testdocs/main"):
        if (root / inner).is_dir():
            base = root / inner
    if not base.is_dir():
        raise SystemExit(f"{root}: not a DUC folder (no duc2006_docs or duc2007_testdocs/main)")
    docs: list[object] = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        if wanted is not None and folder.name[:5] not in wanted:
            continue
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            try:
                docs.extend(parse_sgml_documents(path.read_text("latin-1"), str(path)))
            except DatasetError as exc:
                log.warning("%s (skipped)", exc)
    return docs


def _date_order(docs: list[object]) -> list[object]:
    return sorted(docs, key=lambda d: (d.date is None, d.date or "", d.id))  # type: ignore[attr-defined]


def event_stream(roots: list[Path]) -> tuple[list[object], dict[str, dict[str, str]]]:
    """The labelled DUC reports in date order, and their labels."""
    labels = event_labels()
    sets = {row["set"] for row in labels.values()}
    docs = [d for root in roots for d in read_duc_sets(root, sets) if d.id in labels]  # type: ignore[attr-defined]
    missing = len(labels) - len({d.id for d in docs})  # type: ignore[attr-defined]
    if missing:
        log.warning("%d labelled report(s) not found under %s", missing, roots)
    return _date_order(docs), labels


def ingest_in_batches(db: str, docs: list[object], batch: int, settings: object) -> float:
    """Ingest ``docs`` in batches (0: one), each a separate ingest; seconds taken."""
    from newsbrief.store import Store
    from newsbrief.stories import ingest_reports

    size = batch or max(1, len(docs))
    start = time.perf_counter()
    for first in range(0, len(docs), size):
        with Store.open(db) as store:
            ingest_reports(store, docs[first : first + size], settings=settings, brief=False)  # type: ignore[arg-type]
    return time.perf_counter() - start


def run_events(
    roots: list[Path],
    workdir: Path,
    splits: tuple[str, ...] = EVENT_SPLITS,
    batches: tuple[int, ...] = EVENT_BATCHES,
) -> list[dict[str, object]]:
    """B-cubed of the DUC event stream per batch size and split."""
    from newsbrief.config import Settings

    docs, labels = event_stream(roots)
    rows: list[dict[str, object]] = []
    for split in splits:
        chosen = [d for d in docs if split == "all" or labels[d.id]["split"] == split]  # type: ignore[attr-defined]
        gold = {d.id: labels[d.id]["event"] for d in chosen}  # type: ignore[attr-defined]
        for batch in batches:
            db = str(workdir / f"events-{split}-{batch}.sqlite")
            _remove_store(db)
            seconds = ingest_in_batches(db, chosen, batch, Settings())
            rows.append(
                {
                    "source": f"DUC events {split}, batches of {batch or 'all'}",
                    "reports": len(chosen),
                    "seconds": seconds,
                    **bcubed(predicted_stories(db), gold),
                }
            )
    return rows


def run_timed(
    roots: list[Path], workdir: Path, n_reports: int = TIMED_REPORTS
) -> dict[str, object]:
    """Ingest, group and brief the first ``n_reports`` DUC reports in date order."""
    from newsbrief.config import Settings
    from newsbrief.store import Store
    from newsbrief.stories import ingest_reports

    docs = _date_order([d for root in roots for d in read_duc_sets(root, None)])[:n_reports]
    out: dict[str, object] = {"source": f"DUC 2006+2007 first {len(docs):,} reports"}
    for brief in (False, True):
        db = str(workdir / f"timed-{brief}.sqlite")
        _remove_store(db)
        start, cpu = time.perf_counter(), _cpu_seconds()
        with Store.open(db) as store:
            report = ingest_reports(store, docs, settings=Settings(), brief=brief)  # type: ignore[arg-type]
        key = "with" if brief else "without"
        out[f"{key} briefings s"] = round(time.perf_counter() - start, 1)
        out[f"{key} briefings cpu s"] = round(_cpu_seconds() - cpu, 1)
        out["stories"] = len(set(predicted_stories(db).values()))
        if brief:
            out["briefed"] = report.briefed
    out["reports"] = len(docs)
    return out


def _cpu_seconds() -> float:
    """CPU time of this process (all its threads) and of any finished child processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


# -- scoring ----------------------------------------------------------------------


def bcubed(predicted: Mapping[str, object], gold: Mapping[str, object]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (items in both mappings)."""
    items = [i for i in gold if i in predicted]
    pair = Counter((predicted[i], gold[i]) for i in items)
    pred_size = Counter(predicted[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    precision = sum(n * n / pred_size[p] for (p, _), n in pair.items()) / max(1, len(items))
    recall = sum(n * n / gold_size[g] for (_, g), n in pair.items()) / max(1, len(items))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "items": len(items),
        "stories": len(pred_size),
        "clusters": len(gold_size),
    }


def predicted_stories(db: str) -> dict[str, int]:
    """Report id -> story id, from a store."""
    from newsbrief.store import Store

    with Store.open(db, readonly=True) as store:
        return {r[0]: r[1] for r in store.conn.execute("SELECT ext_id, story_id FROM documents")}


# -- runs -------------------------------------------------------------------------


def ingest_file(db: str, path: Path, overrides: Mapping[str, object]) -> dict[str, float]:
    """Ingest an article JSONL file as the CLI does; timings and counts."""
    from newsbrief.config import load_settings
    from newsbrief.ingest.stream import expand, iter_reports
    from newsbrief.store import Store
    from newsbrief.stories import ingest_reports

    settings = load_settings(dict(overrides))
    start, cpu = time.perf_counter(), time.process_time()
    with Store.open(db) as store:
        report = ingest_reports(store, iter_reports(expand([path])), settings=settings, brief=False)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "cpu_s": round(time.process_time() - cpu, 1),
        "added": report.added,
        "near_duplicates": report.near_duplicates,
        "merged": report.merged,
        "problems": len(report.problems),
    }


def _remove_store(db: str) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(db + suffix).unlink(missing_ok=True)


def run_synthetic(n_reports: int, workdir: Path) -> dict[str, object]:
    """Generate, ingest and score ``n_reports`` synthetic reports (in this process)."""
    path = workdir / f"stream-{n_reports}.jsonl"
    started = time.perf_counter()
    gold = write_synthetic(path, n_reports)
    generated = time.perf_counter() - started
    db = str(workdir / f"stories-{n_reports}.sqlite")
    _remove_store(db)
    timing = ingest_file(db, path, {})
    scores = bcubed(predicted_stories(db), gold)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "source": "synthetic",
        "reports": n_reports,
        **timing,
        "reports_per_s": n_reports / timing["seconds"],
        "peak_rss_mib": round(peak_mib, 1),
        "db_mib": round(Path(db).stat().st_size / 2**20, 1),
        "generate_s": round(generated, 1),
        **scores,
    }


def run_duc(
    root: Path, workdir: Path, window: int | None, threshold: float | None
) -> dict[str, object]:
    """Ingest DUC 2006 in date order and score against its topics.

    ``window`` and ``threshold`` override ``story_window_days`` and
    ``story_threshold``; None keeps the (event-level) default.
    """
    from newsbrief.config import load_settings
    from newsbrief.store import Store
    from newsbrief.stories import ingest_reports

    docs, gold = duc_stream(root)
    db = str(workdir / "duc.sqlite")
    _remove_store(db)
    overrides: dict[str, object] = {}
    if window is not None:
        overrides["story_window_days"] = window
    if threshold is not None:
        overrides["story_threshold"] = threshold
    settings = load_settings(overrides)
    start = time.perf_counter()
    with Store.open(db) as store:
        ingest_reports(store, docs, settings=settings, brief=False)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    label = "defaults" if not overrides else "topic level" if window else "settings"
    return {
        "source": f"DUC 2006, {label} (window {settings.story_window_days}, "
        f"threshold {settings.story_threshold})",
        "reports": len(docs),
        "seconds": seconds,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        **bcubed(predicted_stories(db), gold),
    }


def _optional(text: str, kind: type) -> object:
    return None if text == "-" else kind(text)


def _child(args: argparse.Namespace) -> None:
    workdir = Path(args.workdir)
    roots = [Path(p) for p in (args.duc2006, args.duc2007) if p]
    if args.child == "events":
        splits = tuple(args.splits.split(","))
        batches = tuple(_batch_sizes(args.batches))
        print(json.dumps(run_events(roots, workdir, splits, batches)))
        return
    if args.child == "timed":
        print(json.dumps(run_timed(roots, workdir)))
        return
    if args.child.startswith("duc"):  # duc:WINDOW:THRESHOLD, '-' for the default
        _, window, threshold = args.child.split(":")
        result = run_duc(
            Path(args.duc),
            workdir,
            _optional(window, int),
            _optional(threshold, float),  # type: ignore[arg-type]
        )
    else:
        result = run_synthetic(int(args.child), workdir)
    print(json.dumps(result))


def _batch_sizes(text: str) -> list[int]:
    """``1,50,all`` -> [1, 50, 0] (0: all at once)."""
    return [0 if b.strip() == "all" else int(b) for b in text.split(",") if b.strip()]


def duc_runs(thresholds: list[float]) -> list[str]:
    """Child kinds of the DUC runs: the defaults, then topic level at each threshold."""
    return ["duc:-:-", *(f"duc:{TOPIC_WINDOW_DAYS}:{t}" for t in thresholds)]


def _spawn(kind: str, workdir: Path, duc: str | None, *extra: str) -> Any:
    cmd = [sys.executable, __file__, "--child", kind, "--workdir", str(workdir), *extra]
    if duc:
        cmd += ["--duc", duc]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _previous(key: str) -> str:
    value = PREVIOUS.get(key)
    return "–" if value is None else f"{value:g}"


def _timed_table(timed: dict[str, object], synthetic: list[dict[str, object]]) -> str:
    """Timings next to the figures measured before event-level grouping."""
    lines = ["| timing | now | before |", "|---|---:|---:|"]
    n = f"{int(timed['reports']):,}" if timed else ""  # type: ignore[call-overload]
    for key in (
        "with briefings s",
        "with briefings cpu s",
        "without briefings s",
        "without briefings cpu s",
    ):
        if timed:
            lines.append(
                f"| real {n} reports {key} | {timed[key]} | {_previous('real 1,000 ' + key)} |"
            )
    for r in synthetic:
        size = f"{int(r['reports']):,}"  # type: ignore[call-overload]
        seconds, f1 = float(r["seconds"]), float(r["f1"])  # type: ignore[arg-type]
        before_s, before_f1 = _previous(f"synthetic {size} s"), _previous(f"synthetic {size} F1")
        lines.append(f"| synthetic {size} s | {seconds:.1f} | {before_s} |")
        lines.append(f"| synthetic {size} cpu s | {r.get('cpu_s', '–')} | – |")
        lines.append(f"| synthetic {size} peak RSS MiB | {r.get('peak_rss_mib', '–')} | – |")
        lines.append(f"| synthetic {size} B³ F1 | {f1:.3f} | {before_f1} |")
    return "\n".join(lines)


def _table(results: list[dict[str, object]]) -> str:
    lines = [
        "| stream | reports | stories (true) | B³ P | B³ R | B³ F1 | ingest s | reports/s "
        "| peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['source']} | {r['reports']:,} | {r['stories']:,} ({r['clusters']:,}) "
            f"| {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} "
            f"| {float(r['seconds']):.1f} | {float(r['reports']) / float(r['seconds']):,.0f} "  # type: ignore[arg-type]
            f"| {r.get('peak_rss_mib', '–')} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="comma-separated synthetic stream sizes (default 10000,100000)",
    )
    parser.add_argument("--quick", action="store_true", help="one 2,000-report stream only")
    parser.add_argument("--duc", help="DUC 2006 folder (duc2006_docs inside); never committed")
    parser.add_argument(
        "--duc-thresholds",
        default=str(TOPIC_THRESHOLD),
        help=f"comma-separated story_threshold values for the topic-level DUC runs "
        f"(window {TOPIC_WINDOW_DAYS} days; default {TOPIC_THRESHOLD})",
    )
    parser.add_argument("--duc2006", help="DUC 2006 folder, for the event stream (never committed)")
    parser.add_argument("--duc2007", help="DUC 2007 folder, for the event stream (never committed)")
    parser.add_argument(
        "--timing-only",
        action="store_true",
        help="with --duc2006/--duc2007: only the timed 1,000-report ingest, no B-cubed batches",
    )
    parser.add_argument(
        "--splits",
        default=",".join(EVENT_SPLITS),
        help="comma-separated event-stream splits to score: dev, test, all "
        "(default all three; tune on dev only)",
    )
    parser.add_argument(
        "--batches",
        default="1,50,all",
        help="comma-separated batch sizes for the event stream, 'all' for one ingest "
        "(default 1,50,all)",
    )
    parser.add_argument(
        "--no-timed",
        action="store_true",
        help="with --duc2006/--duc2007: skip the timed 1,000-report ingest with briefings",
    )
    parser.add_argument("--json", help="also write the results as JSON here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return 0
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    results: list[dict[str, object]] = []
    timed: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="bench-stories-") as tmp:
        years = [f"--duc2006={args.duc2006}"] if args.duc2006 else []
        years += [f"--duc2007={args.duc2007}"] if args.duc2007 else []
        if years and not args.timing_only:
            events = [f"--splits={args.splits}", f"--batches={args.batches}"]
            results.extend(_spawn("events", Path(tmp), None, *years, *events))
            print(_table(results), flush=True)
        if years and not args.no_timed:
            timed = _spawn("timed", Path(tmp), None, *years)
        if args.duc:
            thresholds = [float(t) for t in args.duc_thresholds.split(",") if t.strip()]
            for kind in duc_runs(thresholds):
                results.append(_spawn(kind, Path(tmp), args.duc))
                print(_table(results[-1:]), flush=True)
        for size in sizes:
            results.append(_spawn(str(size), Path(tmp), None))
            print(_table(results[-1:]), flush=True)
    print()
    print(_table(results))
    print()
    print(_timed_table(timed, [r for r in results if r["source"] == "synthetic"]))
    if args.json:
        Path(args.json).write_text(json.dumps([*results, timed], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

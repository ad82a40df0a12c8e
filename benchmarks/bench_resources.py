"""Time and peak memory on inputs at the documented limits, each at half and full size.

Every case runs in a fresh process (``newsbrief`` as the user runs it), so its peak
resident memory is its own. Half and full size side by side show whether the cost grows
linearly (a ratio near 2) or worse.

- a report that is one line of 10 MB (``brief``: cut to ``max_report_chars``; ``ingest``:
  stored whole, its MinHash computed in chunks);
- one report of 1M tiny sentences (``brief``);
- one JSONL cluster of 5,000 short documents (``brief``; ``max_cluster_documents`` and
  ``max_cluster_sentences`` bound what is compared);
- 2,000 syndicated copies of one wire story (``ingest``; each copy is compared with the
  original alone).

    python benchmarks/bench_resources.py [--scale 1.0] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "minister",
    "troops",
    "region",
    "talks",
    "rebels",
    "harbour",
    "ferry",
    "bridge",
    "council",
    "vote",
    "repairs",
    "summer",
    "city",
    "police",
    "fire",
    "school",
    "budget",
    "court",
    "judge",
    "election",
    "storm",
    "river",
]
WIRE = (
    "Heavy rain flooded the river town of Riverton on Tuesday, forcing hundreds of residents "
    "from their homes. Emergency crews used boats to reach families stranded on rooftops. "
    "Mayor Alma Ortiz said the Cobb River rose four metres in six hours, the highest level "
    "since records began, and that more rain was expected overnight across the valley. "
)
CODE = "import sys; from newsbrief.cli import main; sys.exit(main(sys.argv[1:]))"


def one_line(folder: Path, size: int) -> list[str]:
    """A report that is a single line of ``size`` bytes with no sentence end."""
    rng = random.Random(1)
    path = folder / "line.txt"
    words: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(WORDS)
        words.append(word)
        total += len(word) + 1
    path.write_text(" ".join(words), "utf-8")
    return ["brief", str(path)]


def one_line_ingest(folder: Path, size: int) -> list[str]:
    """The same one-line report, into a new story store (no briefing)."""
    path = one_line(folder, size)[-1]
    return ["ingest", "--no-brief", "--db", str(folder / "store.sqlite"), path]


def tiny_sentences(folder: Path, count: int) -> list[str]:
    """One report of ``count`` two-word sentences."""
    rng = random.Random(2)
    path = folder / "tiny.txt"
    path.write_text(" ".join(f"{rng.choice(WORDS).title()} {i}." for i in range(count)), "utf-8")
    return ["brief", str(path)]


def big_cluster(folder: Path, count: int) -> list[str]:
    """One JSONL cluster of ``count`` documents of four short sentences."""
    rng = random.Random(3)
    docs = [
        {
            "id": f"d{i}",
            "date": f"2024-01-{1 + i % 28:02d}",
            "text": " ".join(
                " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(4)
            ),
        }
        for i in range(count)
    ]
    path = folder / "cluster.jsonl"
    path.write_text(json.dumps({"id": "big", "documents": docs}) + "\n", "utf-8")
    return ["brief", str(path)]


def syndicated(folder: Path, count: int) -> list[str]:
    """``count`` copies of one wire story, each with its outlet's own last line."""
    path = folder / "copies.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            item = {
                "id": f"c{i}",
                "date": "2024-03-05",
                "outlet": f"Outlet {i}",
                "text": f"{WIRE}Reporting by the staff of Outlet {i}.",
            }
            out.write(json.dumps(item) + "\n")
    return ["ingest", "--db", str(folder / "store.sqlite"), str(path)]


CASES: list[tuple[str, Callable[[Path, int], list[str]], int, str]] = [
    ("10 MB one-line report", one_line, 10_000_000, "max_report_chars"),
    ("10 MB one-line ingest", one_line_ingest, 10_000_000, "MinHash in chunks"),
    ("1M tiny sentences", tiny_sentences, 1_000_000, "max_report_chars, max_cluster_sentences"),
    ("5,000-document cluster", big_cluster, 5_000, "max_cluster_documents"),
    ("2,000 syndicated copies", syndicated, 2_000, "one comparison per copy"),
]


def measure(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak MiB and exit status of ``newsbrief ARGS`` in a fresh process."""
    wrapper = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code)"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, sys.executable, "-c", CODE, *args],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    rows = []
    print(f"{'case':26s} {'size':>10s} {'seconds':>8s} {'peak MiB':>9s} {'exit':>5s}  bounded by")
    for label, make, full, bound in CASES:
        for size in (int(full * args.scale) // 2, int(full * args.scale)):
            with tempfile.TemporaryDirectory() as tmp:
                seconds, peak, code = measure(make(Path(tmp), size))
            rows.append(
                {"case": label, "size": size, "seconds": seconds, "peak_mib": peak, "exit": code}
            )
            print(f"{label:26s} {size:>10,d} {seconds:8.1f} {peak:9.0f} {code:5d}  {bound}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()

"""Inputs for batch tests: a generated article stream and small cluster files."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import storydata


def write_articles(path: Path, per_event: int = 10, bad_lines: bool = False) -> Path:
    """Article JSONL: the three events of storydata, a wire copy, optionally two bad lines."""
    items: list[dict[str, object]] = storydata.stream(per_event)
    copy = dict(items[4], id="wire-copy", outlet="Wire Two")
    copy["text"] = str(copy["text"]) + " Reporting by staff."
    items.append(copy)
    lines = [json.dumps(a) + "\n" for a in items]
    if bad_lines:
        lines.insert(3, "{not json\n")  # line 4: malformed
        lines.insert(9, json.dumps({"id": "empty", "text": "  "}) + "\n")  # line 10: no text
    path.write_text("".join(lines), encoding="utf-8")
    return path


def write_clusters(path: Path, n: int = 5, bad_line: bool = False) -> Path:
    """Cluster JSONL: each cluster four articles of one event (events cycle), in order."""
    events = list(storydata.EVENTS)
    lines = []
    for i in range(n):
        event = events[i % len(events)]
        docs = [storydata.article(event, k + i) for k in range(4)]
        lines.append(json.dumps({"id": f"c{i}", "documents": docs}) + "\n")
    if bad_line:
        lines.insert(2, json.dumps({"id": "broken", "documents": []}) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def gold_events(assignments: Path) -> tuple[dict[str, str], dict[str, int]]:
    """(report -> true event, report -> predicted story) from an assignments.jsonl."""
    predicted = {}
    for line in assignments.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        predicted[row["report_id"]] = row["story_id"]
    gold = {rid: ("flood" if rid == "wire-copy" else rid.split("-")[0]) for rid in predicted}
    return gold, predicted


def bcubed_f1(a: Mapping[str, object], b: Mapping[str, object]) -> float:
    """B-cubed F1 between two clusterings of the same items."""
    items = [i for i in a if i in b]
    pair = Counter((a[i], b[i]) for i in items)
    size_a = Counter(a[i] for i in items)
    size_b = Counter(b[i] for i in items)
    precision = sum(n * n / size_a[x] for (x, _), n in pair.items()) / len(items)
    recall = sum(n * n / size_b[y] for (_, y), n in pair.items()) / len(items)
    return 2 * precision * recall / (precision + recall)

"""The output folder of a batch job: finished partitions kept as part files, to resume.

::

    OUT/
      briefings.jsonl | .parquet      one briefing per cluster or story
      stories.jsonl | .parquet        articles only: one row per story
      assignments.jsonl | .parquet    articles only: {"report_id", "story_id"}
      problems.jsonl                  items skipped: {"where", "message"}
      _job/job.json                   what the job is (inputs, settings): the manifest
      _job/<stage>/part-00042.pkl     one finished partition of a stage

A part file appears by an atomic rename once its partition is done, so its
presence is the marker: a re-run with the same inputs and settings loads the
parts there are and runs only the missing ones. A folder that holds another
job is refused unless asked to start over.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from newsbrief.errors import ConfigError, StoreError

JOB_DIR = "_job"
MANIFEST = "job.json"
FORMATS = ("jsonl", "parquet")


class JobDir:
    """One job's output folder."""

    def __init__(self, root: Path, manifest: dict[str, Any]) -> None:
        self.root = root
        self.manifest = manifest

    @classmethod
    def open(cls, out: str | Path, manifest: dict[str, Any], *, restart: bool = False) -> JobDir:
        """Create or reopen ``out``; an existing job must be the same one (or ``restart``)."""
        root = Path(out)
        job = root / JOB_DIR
        path = job / MANIFEST
        try:
            if restart and job.exists():
                shutil.rmtree(job)
            job.mkdir(parents=True, exist_ok=True)
            if path.exists():
                old = json.loads(path.read_text(encoding="utf-8"))
                if old.get("key") != manifest["key"]:
                    raise ConfigError(
                        f"{root} holds the output of another job (other inputs or settings): "
                        "use another --out folder, or --restart to start this one over"
                    )
            else:
                _atomic_write(path, json.dumps(manifest, indent=2).encode("utf-8"))
        except OSError as exc:
            raise StoreError(f"cannot use output folder {root}: {exc.strerror or exc}") from exc
        return cls(root, manifest)

    def _part(self, stage: str, index: int) -> Path:
        return self.root / JOB_DIR / stage / f"part-{index:05d}.pkl"

    def load(self, stage: str, index: int) -> Any | None:
        """A finished partition's result, or None when it has not run (or was cut short)."""
        path = self._part(stage, index)
        if not path.exists():
            return None
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None  # unreadable: the partition runs again

    def save(self, stage: str, index: int, result: Any) -> None:
        """Keep a finished partition's result (written whole, then renamed into place)."""
        path = self._part(stage, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def done(self, stage: str, count: int) -> int:
        """How many of a stage's ``count`` partitions have a part file."""
        return sum(self._part(stage, i).exists() for i in range(count))


def job_key(description: dict[str, Any]) -> str:
    """A digest of what makes two runs the same job."""
    text = json.dumps(description, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


# -- final tables ----------------------------------------------------------------


def write_lines(root: Path, name: str, lines: Iterable[str]) -> Path:
    """``name.jsonl`` from ready JSON lines (each ending in a newline)."""
    path = root / f"{name}.jsonl"
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.writelines(lines)
    os.replace(tmp, path)
    return path


def write_rows(root: Path, name: str, rows: Sequence[dict[str, Any]], fmt: str) -> Path:
    """A table as ``name.jsonl`` or ``name.parquet``."""
    if fmt == "jsonl":
        return write_lines(root, name, (json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    from newsbrief._imports import require

    pa = require("pyarrow", "scale", "--format parquet")
    pq = require("pyarrow.parquet", "scale", "--format parquet", "pyarrow")
    path = root / f"{name}.parquet"
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(pa.Table.from_pylist(list(rows)), tmp)
    os.replace(tmp, path)
    return path


def briefing_rows(lines: Sequence[str]) -> list[dict[str, Any]]:
    """Briefings as flat Parquet rows: id, headline, word count and the whole object as JSON."""
    rows = []
    for line in lines:
        obj = json.loads(line)
        rows.append(
            {
                "id": obj.get("id"),
                "headline": obj.get("headline"),
                "word_count": obj.get("word_count"),
                "briefing": line.rstrip("\n"),
            }
        )
    return rows

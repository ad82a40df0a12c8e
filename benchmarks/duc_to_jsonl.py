"""Write DUC document sets as cluster JSONL, with the files' own quotation marks.

The DUC loader turns LDC quotation marks (`` and '') into plain ``"`` because gold
offsets were taken on that text. This script keeps the marks as the SGML has them
(``--ascii`` gives the loader's text instead), so that quotation handling can be
checked on real wire conventions. DUC text is licensed: write the output outside
the repository or under ``artifacts/`` (ignored by git).

    python benchmarks/duc_to_jsonl.py /path/to/DUC2006 artifacts/duc2006.jsonl [--ascii]
    python benchmarks/duc_to_jsonl.py /path/to/DUC2007 artifacts/duc2007.jsonl
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsbrief.evaluate.duc import read_set, set_id

log = logging.getLogger("duc_to_jsonl")


def set_folders(root: Path) -> list[Path]:
    """Document-set folders of a DUC 2006 (``duc2006_docs``) or 2007 (``duc2007_testdocs/main``)
    data folder."""
    for candidate in (root / "duc2006_docs", root / "duc2007_testdocs" / "main", root):
        if candidate.is_dir():
            folders = sorted(p for p in candidate.iterdir() if p.is_dir() and set_id(p.name))
            if folders:
                return folders
    raise SystemExit(f"{root}: no DUC document-set folders found")


def clusters(root: Path, *, original_quotes: bool = True) -> Iterator[dict[str, Any]]:
    """One cluster object (the JSONL cluster format) per document set."""
    for folder in set_folders(root):
        docs = read_set(folder, original_quotes=original_quotes)
        yield {
            "id": set_id(folder.name),
            "documents": [
                {
                    "id": d.id,
                    "date": d.date.isoformat() if d.date else None,
                    "title": d.title,
                    "text": d.text,
                }
                for d in docs
            ],
        }


def write_jsonl(root: Path, out: Path, *, original_quotes: bool = True) -> int:
    """Write every cluster of ``root`` to ``out``; returns how many."""
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for obj in clusters(root, original_quotes=original_quotes):
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="DUC 2006 or DUC 2007 data folder")
    parser.add_argument("out", type=Path, help="JSONL file to write")
    parser.add_argument("--ascii", action="store_true", help="plain quotes, as the loader reads")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    n = write_jsonl(args.root, args.out, original_quotes=not args.ascii)
    log.info("%d clusters written to %s", n, args.out)


if __name__ == "__main__":
    main()

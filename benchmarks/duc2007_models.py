"""Rebuild a DUC-style ROUGE folder for the DUC 2007 main task from its pyramid files.

NIST's DUC 2007 distribution has no ``ROUGE/models`` folder for the main task: the four
human summaries of each evaluated set are inside ``mainPyramidEval/allpyramids/<set>-XXXX.pyr``
(XML ``<line>`` elements, each summary after a header line `` D0701.M.250.A.A``), and the
participants' summaries inside ``mainPyramidEval/allpans/<set>.M.250.<assessor>.<peer>.pan``
(the ``<annotation><text>`` part). This script writes them out in the layout
:func:`newsbrief.evaluate.duc.load_duc` reads, with the 23 evaluated document sets and the
topics linked in::

    python benchmarks/duc2007_models.py /path/to/DUC2007 /work/data/duc2007-rouge
    newsbrief eval duc /work/data/duc2007-rouge --max-words 250 --query-from-topic

The output folder holds NIST-licensed text: keep it outside the repository.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

log = logging.getLogger("duc2007_models")

_HEADER = re.compile(r"^\s*(D\d{4})\.M\.250\.([A-Z])\.([A-Z])\s*$")
_PAN = re.compile(r"^(D\d{4})\.M\.250\.([A-Z])\.(\d+)\.pan$")
HUMANS_PER_SET = 4


class SourceError(Exception):
    """A DUC 2007 file is missing or not in the expected shape."""


def pyramid_models(path: Path) -> dict[str, str]:
    """File name (``D0701.M.250.A.A``) -> text of each human summary in a ``.pyr`` file."""
    lines = _lines(_parse(path).find("text"), path)
    models: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        match = _HEADER.match(line)
        if match:
            current = models.setdefault(".".join((match[1], "M.250", match[2], match[3])), [])
        elif current is not None and line.strip() and not set(line.strip()) <= {"-"}:
            current.append(line.strip())
    if len(models) != HUMANS_PER_SET:
        raise SourceError(f"{path}: expected {HUMANS_PER_SET} human summaries, found {len(models)}")
    empty = [name for name, text in models.items() if not text]
    if empty:
        raise SourceError(f"{path}: empty human summary {', '.join(empty)}")
    return {name: "\n".join(text) + "\n" for name, text in models.items()}


def peer_summary(path: Path) -> str:
    """The annotated participant summary of a ``.pan`` file, one sentence a line ("" if none)."""
    lines = [x.strip() for x in _lines(_parse(path).find("annotation/text"), path) if x.strip()]
    return "\n".join(lines) + "\n" if lines else ""


def _parse(path: Path) -> ET.Element:
    try:
        return ET.fromstring(path.read_bytes())
    except (OSError, ET.ParseError) as exc:
        raise SourceError(f"{path}: cannot read ({exc})") from exc


def _lines(text: ET.Element | None, path: Path) -> list[str]:
    if text is None:
        raise SourceError(f"{path}: no <text> element")
    return [line.text or "" for line in text.iter("line")]


def build(source: Path, target: Path) -> tuple[int, int, int]:
    """Write models/, peers/, the linked document sets and topics; (sets, models, peers)."""
    evaluation = source / "mainPyramidEval"
    docs = source / "duc2007_testdocs" / "main"
    topics = source / "duc2007_topics.sgml"
    for needed in (evaluation / "allpyramids", evaluation / "allpans", docs, topics):
        if not needed.exists():
            raise SourceError(f"{needed}: missing (expected the NIST DUC 2007 distribution)")
    models_dir = target / "ROUGE" / "models"
    peers_dir = target / "ROUGE" / "peers"
    docs_dir = target / "duc2007_docs"
    for folder in (models_dir, peers_dir, docs_dir):
        folder.mkdir(parents=True, exist_ok=True)
    sets: set[str] = set()
    n_models = 0
    for pyr in sorted((evaluation / "allpyramids").glob("*.pyr")):
        for name, text in pyramid_models(pyr).items():
            (models_dir / name).write_text(text, encoding="utf-8")
            sets.add(name.split(".")[0])
            n_models += 1
    n_peers = 0
    for pan in sorted((evaluation / "allpans").glob("*.pan")):
        match = _PAN.match(pan.name)
        if not match:
            log.warning("%s: skipped (not named like D0701.M.250.A.1.pan)", pan)
            continue
        name = f"{match[1]}.M.250.{match[2]}.{match[3]}"
        text = peer_summary(pan)
        if not text:  # a participant that submitted nothing for this set
            log.warning("%s: empty peer summary, left out", pan)
            continue
        (peers_dir / name).write_text(text, encoding="utf-8")
        n_peers += 1
    for set_id in sorted(sets):
        folders = sorted(docs.glob(f"{set_id}[A-Z]"))
        if not folders:
            raise SourceError(f"{docs}: no document folder for {set_id}")
        _link(docs_dir / folders[0].name, folders[0])
    _link(target / topics.name, topics)
    return len(sets), n_models, n_peers


def _link(link: Path, to: Path) -> None:
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(to.resolve())


def main(argv: list[str] | None = None) -> int:
    """Command line: SOURCE (the DUC2007 folder) TARGET (a new folder outside the repo)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the DUC2007 folder of the NIST distribution")
    parser.add_argument("target", type=Path, help="folder to write (outside the repository)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        sets, models, peers = build(args.source, args.target)
    except SourceError as exc:
        log.error("error: %s", exc)
        return 1
    log.info("%s: %d sets, %d human summaries, %d peer summaries", args.target, sets, models, peers)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""DUC / TAC benchmark layout: SGML documents, topics, ROUGE model and peer summaries.

The layout NIST distributes (DUC 2005-2007, TAC 2008-2011)::

    duc2006_docs/D0601A/APW20000707.0181     SGML: DOCNO, DATE_TIME, HEADLINE, TEXT/P
    duc2006_topics.sgml                      <topic><num>, <title>, <narr>
    NISTeval/ROUGE/models/D0601.M.250.A.A    human summaries, one sentence a line
    NISTeval/ROUGE/peers/D0601.M.250.A.24    official participant summaries

Cluster ids are the document-set ids without the assessor letter (``D0601``;
TAC update sets keep their part, ``D0801-A``). Human peers (letter ids) are the
references themselves, so only numbered (automatic) peers are returned.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from collections import defaultdict
from pathlib import Path

from newsbrief.clean import find_cuts
from newsbrief.errors import DatasetError
from newsbrief.evaluate.datasets import Dataset
from newsbrief.headline import usable_title
from newsbrief.ingest.kind import detect_kind
from newsbrief.models import Cluster, Document

log = logging.getLogger(__name__)

_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.S | re.I)
_SET_ID = re.compile(r"^(D\d{3,5})[A-Z]?(-[A-Z])?$")
_SUMMARY_FILE = re.compile(r"^(D\d{3,5}(?:-[A-Z])?)\.M\.\d+\.[A-Z]\.([A-Z0-9]+)$")
_DOCNO_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_PARAGRAPH = re.compile(r"<P>(.*?)(?=</P>|<P>|\Z)", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
# Without <P> tags, wire text opens each paragraph with a tab or an indent of spaces.
_INDENTED = re.compile(r"\n(?=\t| {3,})")
_ENTITY = re.compile(r"&[A-Za-z][A-Za-z0-9]*;")


def load_duc(
    root: str | Path,
    *,
    docs: str | Path | None = None,
    topics: str | Path | None = None,
    models: str | Path | None = None,
    peers: str | Path | None = None,
) -> Dataset:
    """Read a DUC/TAC folder; parts not given are found under ``root``.

    Raises :class:`DatasetError` naming the file or cluster when a part is
    missing or malformed (a cluster without documents or without models).
    """
    base = Path(root)
    if not base.is_dir():
        raise DatasetError(str(base), "not a folder (expected a DUC/TAC data folder)")
    docs_dir = Path(docs) if docs else _find_docs_dir(base)
    topics_file = Path(topics) if topics else _find_one(base, "*topics*.sgml", required=False)
    models_dir = Path(models) if models else _find_rouge_dir(base, "models")
    peers_dir = Path(peers) if peers else _find_peers_dir(base)
    queries = parse_topics(topics_file) if topics_file else {}
    references = _read_summaries(models_dir, humans=True)
    clusters = []
    for folder in _set_folders(docs_dir):
        cid = set_id(folder.name)
        if cid is None:
            log.info("%s: skipped (not a document set folder)", folder)
            continue
        refs = references.get(cid)
        if not refs:
            raise DatasetError(str(folder), f"cluster {cid} has no model summaries in {models_dir}")
        documents = read_set(folder)
        refs_in_order = tuple(text for _, text in sorted(refs.items()))
        clusters.append(Cluster(cid, documents, refs_in_order, queries.get(cid)))
    if not clusters:
        raise DatasetError(str(docs_dir), "no document set folders (D0601A, ...) found")
    official = _read_summaries(peers_dir, humans=False) if peers_dir else {}
    return Dataset(base.name or "duc", tuple(clusters), _by_system(official))


def set_id(name: str) -> str | None:
    """``D0601A`` -> ``D0601``; ``D0801A-A`` -> ``D0801-A``; None if not a set id."""
    match = _SET_ID.match(name)
    return None if match is None else match.group(1) + (match.group(2) or "")


def parse_topics(path: Path) -> dict[str, str]:
    """Topic id -> query text (title, then narrative) from a DUC/TAC topics file."""
    text = _read(path)
    queries: dict[str, str] = {}
    for number, block in enumerate(re.findall(r"<topic[^>]*>(.*?)</topic>", text, re.S | re.I), 1):
        num = _field(block, "num") or _attr_id(text, number)
        if not num:
            raise DatasetError(f"{path} topic {number}", "topic without <num>")
        title = _field(block, "title") or ""
        narrative = _field(block, "narr") or _field(block, "narrative") or ""
        query = " ".join(_as_sentence(part) for part in (title, narrative) if part.strip())
        if not query:
            raise DatasetError(f"{path} topic {num}", "topic has neither title nor narrative")
        key = set_id(num.strip()) or num.strip()
        queries[key] = query
    if not queries:
        raise DatasetError(str(path), "no <topic> entries found")
    return queries


def _as_sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."


def parse_sgml_documents(
    text: str, origin: str, *, original_quotes: bool = False
) -> list[Document]:
    """Every ``<DOC>`` of an SGML file as a :class:`Document` (date from DATE_TIME/DOCNO).

    By default LDC quotation marks (two backquotes, two apostrophes) become plain ``"``,
    the text gold offsets were taken on; ``original_quotes`` keeps the marks as the file
    has them.
    """
    documents = []
    for number, block in enumerate(_DOC.findall(text), 1):
        docno = _field(block, "DOCNO")
        where = f"{origin} document {number}"
        if not docno:
            raise DatasetError(where, "document without <DOCNO>")
        body = _body(block, original_quotes)
        if not body:
            raise DatasetError(f"{origin} {docno}", "document without <TEXT>")
        headline = _field(block, "HEADLINE")
        title = (_clean(headline) if headline else None) or _title_after_headline(block)
        documents.append(
            Document(
                id=docno,
                text=body,
                date=_date(block, docno),
                title=title,
                kind=detect_kind(body),
                origin=f"{origin}:{docno}",
            )
        )
    return documents


def _set_folders(docs_dir: Path) -> list[Path]:
    """Document-set folders; TAC nests its update parts (D0801A/D0801A-A, D0801A-B)."""
    found = []
    for folder in sorted(p for p in docs_dir.iterdir() if p.is_dir()):
        parts = sorted(p for p in folder.iterdir() if p.is_dir() and set_id(p.name))
        found.extend(parts or [folder])
    return found


def read_set(folder: Path, *, original_quotes: bool = False) -> tuple[Document, ...]:
    """Every document of one document-set folder, in file order."""
    documents: list[Document] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        documents.extend(
            parse_sgml_documents(_read(path), str(path), original_quotes=original_quotes)
        )
    if not documents:
        raise DatasetError(str(folder), f"cluster {folder.name} holds no <DOC> documents")
    return tuple(documents)


def _read_summaries(folder: Path, *, humans: bool) -> dict[str, dict[str, str]]:
    """Cluster -> summarizer id -> text; humans are letter ids, systems numbers."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(folder.iterdir()):
        match = _SUMMARY_FILE.match(path.name)
        if not match or match.group(2).isdigit() == humans:
            continue
        text = _read(path).strip()
        if not text:
            raise DatasetError(str(path), "empty summary file")
        found[match.group(1)][match.group(2)] = text
    if humans and not found:
        raise DatasetError(str(folder), "no model summaries named like D0601.M.250.A.A")
    return found


def _by_system(per_cluster: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    systems: dict[str, dict[str, str]] = defaultdict(dict)
    for cid, by_system in per_cluster.items():
        for system, text in by_system.items():
            systems[system][cid] = text
    return {s: systems[s] for s in sorted(systems, key=lambda s: int(s))}


def _find_docs_dir(base: Path) -> Path:
    for candidate in [*sorted(base.glob("*docs*")), base]:
        if candidate.is_dir() and any(set_id(p.name) for p in candidate.iterdir() if p.is_dir()):
            return candidate
    raise DatasetError(str(base), "no documents folder (e.g. duc2006_docs/D0601A/...) found")


def _find_rouge_dir(base: Path, name: str) -> Path:
    for candidate in sorted(base.glob(f"**/ROUGE/{name}")) + sorted(base.glob(f"**/{name}")):
        if candidate.is_dir():
            return candidate
    raise DatasetError(str(base), f"no ROUGE '{name}' folder (e.g. NISTeval/ROUGE/{name}) found")


def _find_peers_dir(base: Path) -> Path | None:
    # NISTeval2 holds the peers re-truncated after NIST's truncation bug; prefer it.
    for pattern in ("NISTeval2/ROUGE/peers", "**/ROUGE/peers", "**/peers"):
        for candidate in sorted(base.glob(pattern)):
            if candidate.is_dir():
                return candidate
    return None


def _find_one(base: Path, pattern: str, *, required: bool) -> Path | None:
    matches = sorted(p for p in base.glob(pattern) if p.is_file())
    if not matches and required:
        raise DatasetError(str(base), f"no file matching {pattern}")
    return matches[0] if matches else None


def _title_after_headline(block: str) -> str | None:
    """The title of a report whose <HEADLINE> is empty: wire text then puts it on the lines
    between the headline and the text, with the byline and the service line."""
    between = _AFTER_HEADLINE.search(block)
    if between is None:
        return None
    for line in between.group(1).splitlines():
        text = _clean(line)
        if len(text.split()) < MIN_TITLE_WORDS or any(
            cut.kind != "heading" for cut in find_cuts(text)
        ):
            continue  # a label ("CHRON", "UPDATE"), a byline, a service line, a note
        title = usable_title(text)
        if title and len(title.split()) >= MIN_TITLE_WORDS:
            return title
    return None


MIN_TITLE_WORDS = 3


_AFTER_HEADLINE = re.compile(r"</HEADLINE>(.*?)<TEXT>", re.S | re.I)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise DatasetError(str(path), f"cannot read file ({exc.strerror})") from exc


def _field(block: str, name: str) -> str | None:
    match = re.search(rf"<{name}[^>]*>(.*?)</{name}>", block, re.S | re.I)
    return match.group(1).strip() if match else None


def _attr_id(text: str, number: int) -> str | None:
    ids = re.findall(r"<topic\s+id\s*=\s*\"([^\"]+)\"", text, re.I)
    return ids[number - 1] if len(ids) >= number else None


def _body(block: str, original_quotes: bool = False) -> str:
    text = _field(block, "TEXT")
    if text is None:
        return ""
    paragraphs = [m.strip() for m in _PARAGRAPH.findall(text)] or _INDENTED.split(text)
    cleaned = (_clean(p, original_quotes) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def _clean(text: str, original_quotes: bool = False) -> str:
    """Tags and SGML entities out, LDC quotes (`` '') to plain quotes, one line."""
    text = _TAG.sub(" ", text)
    if not original_quotes:
        text = text.replace("``", '"').replace("''", '"')
    text = html.unescape(_ENTITY.sub(lambda m: m.group(0) if m.group(0) in _KNOWN else " ", text))
    return " ".join(text.split())


_KNOWN = frozenset({"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})


def _date(block: str, docno: str) -> dt.date | None:
    for value in (_field(block, "DATE_TIME"), _field(block, "DATE"), docno):
        if not value:
            continue
        match = _DOCNO_DATE.search(value.replace("-", ""))
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return None


# Kept for callers of the earlier private name.
_read_set = read_set

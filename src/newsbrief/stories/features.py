"""What story grouping compares: weighted terms, named entities, title words and a dense
vector of a report.

Terms are the stemmed content words of :mod:`newsbrief.represent`, weighted by
sublinear tf times an idf taken from the stream seen so far
(:class:`TermStats`). Entities are capitalised word runs ("Ned Price", "Kabul")
found by a cheap pattern: at stream scale a statistical tagger would cost
more than the rest of ingest together. The dense vector comes from
:mod:`newsbrief.stories.embed` when an embedding model is available. Weights
are rounded (terms to 4 decimals, vectors to float16) so that a report's
features read back from the store are exactly the ones first computed: the
stories found never depend on where a stream was cut into batches.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from newsbrief.language.calendar import CALENDAR_WORDS
from newsbrief.language.stopwords import STOPWORDS
from newsbrief.models import Document
from newsbrief.represent import content_terms, tokenize

LEAD_CHARS = 3000  # the lead carries the event; the tail adds background and noise
TITLE_BOOST = 2.0
MAX_DOC_TERMS = 60
MAX_DOC_ENTITIES = 20
_ENTITY = re.compile(r"\b[A-Z][a-zA-Z'\-]+(?:\s+(?:of\s+|de\s+)?[A-Z][a-zA-Z'\-]+)*")
_NOT_ENTITIES = STOPWORDS | CALENDAR_WORDS

Vector = dict[str, float]


@dataclass(frozen=True, slots=True)
class ReportFeatures:
    """The vectors grouping compares (L2-normalised) and the report date."""

    terms: Vector
    entities: Vector
    date: dt.date | None
    title: Vector = field(default_factory=dict)
    vector: np.ndarray | None = None  # unit float16 embedding, when a model is in use


@dataclass(slots=True)
class TermStats:
    """Document frequencies over the stream so far, for idf weights."""

    n_docs: int = 0
    df: Counter[str] = field(default_factory=Counter)

    def idf(self, term: str) -> float:
        """Smoothed idf; unseen terms get the highest weight."""
        return math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0

    def add(self, keys: Iterable[str]) -> None:
        """Count one more document containing ``keys`` (each once)."""
        self.n_docs += 1
        self.df.update(set(keys))

    def to_blob(self) -> bytes:
        """Compressed JSON, for the store's ``meta`` table."""
        return zlib.compress(json.dumps([self.n_docs, self.df]).encode("utf-8"), 3)

    @classmethod
    def from_blob(cls, blob: bytes | None) -> TermStats:
        """The inverse of :meth:`to_blob` (empty stats for ``None``)."""
        if not blob:
            return cls()
        n_docs, df = json.loads(zlib.decompress(blob).decode("utf-8"))
        return cls(int(n_docs), Counter(df))


def entity_mentions(text: str) -> list[str]:
    """Lower-cased capitalised runs, split at function words and day or month names.

    "On Sunday Ingrid Saarinen" gives "ingrid saarinen": a run is cut wherever a
    word could only be capitalised for opening a sentence or naming a date.
    """
    out: list[str] = []
    for match in _ENTITY.finditer(text):
        run: list[str] = []
        for word in match.group(0).lower().split():
            if word in _NOT_ENTITIES and not (run and word in ("of", "de")):
                _emit(run, out)
                run = []
            else:
                run.append(word)
        _emit(run, out)
    return out


def _emit(run: list[str], out: list[str]) -> None:
    while run and run[-1] in ("of", "de"):
        run.pop()
    name = " ".join(run)
    if len(name) >= 3:
        out.append(name)


def raw_counts(doc: Document) -> tuple[dict[str, float], dict[str, float]]:
    """Term and entity counts of a report's title and lead (title counted double)."""
    lead = doc.text[:LEAD_CHARS]
    terms: dict[str, float] = dict(Counter(content_terms(tokenize(lead))))
    entities: dict[str, float] = dict(Counter(entity_mentions(lead)))
    if doc.title:
        for term in content_terms(tokenize(doc.title)):
            terms[term] = terms.get(term, 0.0) + TITLE_BOOST
        for name in entity_mentions(doc.title):
            entities[name] = entities.get(name, 0.0) + TITLE_BOOST
    return terms, entities


def weigh(counts: Mapping[str, float], stats: TermStats, top: int, prefix: str = "") -> Vector:
    """Sublinear tf-idf, the ``top`` heaviest kept, L2-normalised."""
    weights = {
        key: (1.0 + math.log(count)) * stats.idf(prefix + key)
        for key, count in counts.items()
        if count > 0
    }
    if len(weights) > top:
        weights = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:top])
    return normalise(weights)


def normalise(vector: Mapping[str, float], digits: int = 4) -> Vector:
    """A copy with unit L2 norm, rounded to ``digits`` (empty stays empty)."""
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: round(v / norm, digits) for k, v in vector.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors (exactly rounded, so independent of key order)."""
    if len(a) > len(b):
        a, b = b, a
    return math.fsum(a[k] * b[k] for k in a.keys() & b.keys())


def title_terms(title: str | None) -> Vector:
    """The title's content terms, each once, L2-normalised."""
    return normalise(dict.fromkeys(content_terms(tokenize(title or "")), 1.0))


def report_features(
    doc: Document,
    stats: TermStats,
    *,
    learn: bool = True,
    vector: np.ndarray | None = None,
) -> ReportFeatures:
    """The grouping features of a report; with ``learn`` its terms enter the idf stats."""
    terms, entities = raw_counts(doc)
    if learn:
        stats.add([*terms, *("@" + e for e in entities)])
    return ReportFeatures(
        terms=weigh(terms, stats, MAX_DOC_TERMS),
        entities=weigh(entities, stats, MAX_DOC_ENTITIES, prefix="@"),
        date=doc.date,
        title=title_terms(doc.title),
        vector=None if vector is None or not vector.any() else vector.astype(np.float16),
    )

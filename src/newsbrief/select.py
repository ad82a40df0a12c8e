"""Choose and order summary sentences under a hard word budget.

The default selector is the concept-coverage ILP of Gillick & Favre (ICSISumm):
concepts are stemmed word bigrams, weighted by how many reports contain them
(with a bonus for news leads and, when a query is given, for query terms);
the ILP picks the sentences that cover the most concept weight within the
budget, so a fact told by three outlets is paid for once. Content words count
too (``Tuning.word_weight``), each weighed by its expected count in human summaries
(:mod:`newsbrief.weight_model`, fitted on DUC 2006): among selections that cover the
same bigrams, the one that tells more of the words summaries use wins.
Near-duplicate sentences are also forbidden from appearing together.

A query (``--query``, or a DUC topic's title and narrative) becomes a profile of
stemmed terms: framing words ("discuss", "include information") are dropped and
the cluster terms that most often share a sentence with query terms are added
at half weight. Concepts holding profile terms are weighted up (and kept even
when few reports state them), and each sentence earns an ILP reward for the
share of its words that answer the query.

Compressed variants of sentences (:mod:`newsbrief.compress`) compete with their
sources under budgets up to ``compress_budget`` words; a variant is as redundant
as its source, so at most one of them is chosen. Under a small budget
(``Tuning.context_budget``) the candidate that best tells what happened
(:func:`lead_score`) is kept, and a sentence that leans on the one before it
("The move comes as...") is chosen only with it.

:func:`news_order` orders the chosen sentences as news: the lead, then what
followed in report order, background last.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from newsbrief.headline import MAX_HEADLINE_WORDS, cut_lead, normal_case, recent, usable_title
from newsbrief.language.stopwords import QUERY_FRAME_STEMS, STOPWORDS
from newsbrief.models import Compression, Document, Sentence
from newsbrief.represent import bigram_concepts, content_terms, tokenize
from newsbrief.weight_model import GENERIC_WORD_MODEL, QUERY_WORD_MODEL, WeightModel, term_features

log = logging.getLogger(__name__)

MAX_ILP_CANDIDATES = 150
ILP_TIME_LIMIT = 10.0  # seconds; the best solution found so far is used after that
ILP_GAP = 0.01  # relative optimality gap at which HiGHS stops: same ROUGE, a third faster
_DEICTIC = re.compile(r"^\W*(?:this|that|these|those|it|he|she|they|his|her|their|its)\b", re.I)
LEAD_SENTENCES = 3
LEAD_POSITION_BONUS = 1.0  # lead choice: weight of a report's opening over its later sentences
LEAD_RECENCY_BONUS = 0.25  # lead choice: weight of the latest report over the earliest


@dataclass(frozen=True, slots=True)
class SelectionInput:
    """Everything a selector needs, precomputed once by the orchestrator."""

    sentences: tuple[Sentence, ...]
    tokens: tuple[tuple[str, ...], ...]
    similarity: np.ndarray  # pairwise cosine of sentences
    n_documents: int
    max_words: int
    min_words: int = 6
    max_sentence_words: int = 60
    query: str | None = None
    query_weight: float = 1.0
    position_weight: float = 1.0
    redundancy_threshold: float = 0.5
    documents: tuple[Document, ...] = ()  # the reports (dates), in doc_index order
    # Compressed variants of the sentences, usable under a budget of at most
    # ``compress_budget`` words; index ``len(sentences) + j`` denotes ``variants[j]``.
    variants: tuple[Compression, ...] = ()
    variant_tokens: tuple[tuple[str, ...], ...] = ()
    compress_budget: int = 0

    def source(self, i: int) -> int:
        """The sentence an index stands for (a variant's source sentence)."""
        n = len(self.sentences)
        return i if i < n else self.variants[i - n].source

    def variant(self, i: int) -> Compression | None:
        """The compressed variant an index denotes; None for a whole sentence."""
        n = len(self.sentences)
        return None if i < n else self.variants[i - n]

    def text(self, i: int) -> str:
        """The words of a sentence or variant."""
        n = len(self.sentences)
        return self.sentences[i].text if i < n else self.variants[i - n].text

    def words(self, i: int) -> int:
        """Budget words of a sentence or variant."""
        n = len(self.sentences)
        return self.sentences[i].n_words if i < n else self.variants[i - n].n_words

    def tokens_of(self, i: int) -> tuple[str, ...]:
        """Stemmed tokens of a sentence or variant."""
        n = len(self.sentences)
        return self.tokens[i] if i < n else self.variant_tokens[i - n]


class Selector(Protocol):
    """Picks sentence positions: indices into ``SelectionInput.sentences``, or past its end
    for compressed variants (:meth:`SelectionInput.source` maps them back)."""

    def select(self, data: SelectionInput) -> list[int]:
        """Indices of the chosen sentences, within ``data.max_words``."""
        ...


def candidates(data: SelectionInput) -> list[int]:
    """Sentences allowed in a summary: not chatter, sensible length, fits the budget."""
    return [
        i
        for i, s in enumerate(data.sentences)
        if not s.is_chatter
        and data.min_words <= s.n_words <= data.max_sentence_words
        and s.n_words <= data.max_words
    ]


@dataclass(frozen=True, slots=True)
class Tuning:
    """Constants of the selector, tuned on DUC 2006 with ``make eval`` (docs/evaluation.md).

    Not user settings: they change what the ILP optimises, not what a user asks for.
    """

    min_df_large: int = 3  # reports a concept must appear in, clusters of 10+ reports
    lead_bonus: float = 0.5  # per report whose lead holds the concept, times position_weight
    query_expansion: int = 20  # cluster terms added to the query profile
    expansion_weight: float = 0.5  # their weight, relative to the query's own terms
    sentence_relevance: float = 5.0  # ILP reward per word, times the sentence's query relevance
    context_budget: int = (
        60  # at or below this budget, no dependent sentence without its antecedent
    )
    word_weight: float = 0.1  # weight of a content word's coverage, relative to a bigram's
    # A content word's weight is its expected count in human summaries (supervised,
    # newsbrief.weight_model) times this, times word_weight; None: reports holding it.
    generic_word_model: WeightModel | None = GENERIC_WORD_MODEL
    query_word_model: WeightModel | None = QUERY_WORD_MODEL
    word_model_scale: float = 40.0


DEFAULT_TUNING = Tuning()


def concept_weights(data: SelectionInput, tuning: Tuning | None = None) -> dict[str, float]:
    """Concept -> weight: reports containing it, plus lead and query bonuses.

    Concepts below the document-frequency bar are dropped unless the query
    names one of their words: a question about a detail one report gives
    must still be answerable.
    """
    tuning = tuning or DEFAULT_TUNING
    docs_with: dict[str, set[int]] = defaultdict(set)
    leads_with: dict[str, set[int]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for s, toks in zip(data.sentences, data.tokens, strict=True):
        if s.is_chatter:
            continue
        for c in bigram_concepts(toks):
            docs_with[c].add(s.doc_index)
            counts[c] += 1
            if s.index < LEAD_SENTENCES:
                leads_with[c].add(s.doc_index)
    min_df = _min_document_frequency(data.n_documents, docs_with, tuning)
    profile = query_profile(data, tuning)
    weights: dict[str, float] = {}
    for c, docs in docs_with.items():
        df = len(docs) if data.n_documents > 1 else counts[c]
        relevance = _concept_relevance(c, profile) if profile else 0.0
        if df < min_df and relevance < 1.0:
            continue
        w = df + data.position_weight * tuning.lead_bonus * len(leads_with.get(c, ()))
        weights[c] = w * (1.0 + data.query_weight * relevance)
    return weights


def word_weights(data: SelectionInput, tuning: Tuning | None = None) -> dict[str, float]:
    """Content word -> weight, times ``Tuning.word_weight``: the word model's expected
    count of the word in human summaries (scaled), or without a model the reports
    containing it (raised for query terms). Words below the report bar are left out."""
    tuning = tuning or DEFAULT_TUNING
    if tuning.word_weight <= 0:
        return {}
    docs_with: dict[str, set[int]] = defaultdict(set)
    for s, toks in zip(data.sentences, data.tokens, strict=True):
        if not s.is_chatter:
            for t in content_terms(toks):
                docs_with[t].add(s.doc_index)
    profile = query_profile(data, tuning)
    bar = _min_document_frequency(data.n_documents, docs_with, tuning)
    kept = sorted(t for t, d in docs_with.items() if len(d) >= bar)
    model = tuning.query_word_model if data.query else tuning.generic_word_model
    if model is not None and kept:
        relevance = {t: data.query_weight * profile[t] for t in kept if t in profile}
        names, x = term_features(data.sentences, data.tokens, data.documents, relevance, kept)
        predicted = tuning.word_weight * tuning.word_model_scale * model.predict(x)
        return dict(zip(names, predicted.tolist(), strict=True))
    return {
        t: tuning.word_weight * len(docs_with[t]) * (1.0 + data.query_weight * profile.get(t, 0.0))
        for t in kept
    }


def query_profile(data: SelectionInput, tuning: Tuning | None = None) -> dict[str, float]:
    """Stemmed query terms -> weight (1 for the query's own, less for expansion terms).

    Framing words ("discuss", "include information") are dropped; the cluster
    terms that most often share a sentence with query terms are added.
    """
    if not data.query:
        return {}
    tuning = tuning or DEFAULT_TUNING
    own = {t: 1.0 for t in content_terms(tokenize(data.query)) if t not in QUERY_FRAME_STEMS}
    if not own or tuning.query_expansion <= 0:
        return own
    together: dict[str, float] = defaultdict(float)
    for s, toks in zip(data.sentences, data.tokens, strict=True):
        terms = set(content_terms(toks))
        hits = len(terms & own.keys())
        if s.is_chatter or not hits:
            continue
        for t in terms - own.keys():
            together[t] += hits
    best = sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[: tuning.query_expansion]
    return own | {t: tuning.expansion_weight for t, _ in best}


def _concept_relevance(concept: str, profile: dict[str, float]) -> float:
    return max((profile.get(t, 0.0) for t in concept.split() if t not in STOPWORDS), default=0.0)


def sentence_relevance(data: SelectionInput, profile: dict[str, float], i: int) -> float:
    """Share of a sentence's content words that are query-profile terms (weighted)."""
    terms = content_terms(data.tokens_of(i))
    if not terms or not profile:
        return 0.0
    return sum(profile.get(t, 0.0) for t in terms) / len(terms)


def _min_document_frequency(
    n_documents: int, docs_with: dict[str, set[int]], tuning: Tuning | None = None
) -> int:
    """ICSI keeps concepts seen in 3+ reports; small clusters need a lower bar."""
    if n_documents >= 10:
        return (tuning or DEFAULT_TUNING).min_df_large
    if n_documents >= 2 and sum(1 for d in docs_with.values() if len(d) >= 2) >= 5:
        return 2
    return 1


class ConceptILPSelector:
    """Concept-coverage ILP solved exactly with HiGHS (``scipy.optimize.milp``)."""

    def __init__(self, tuning: Tuning | None = None) -> None:
        self.tuning = tuning or DEFAULT_TUNING

    def select(self, data: SelectionInput) -> list[int]:
        """Optimal concept coverage within the budget; greedy if the solver fails."""
        pool = candidates(data)
        if not pool:
            return []
        weights = concept_weights(data, self.tuning)
        concepts_of = {i: bigram_concepts(data.tokens[i]) & weights.keys() for i in pool}
        pool = _prune(_distinct(pool, data), concepts_of, weights, data)
        pool += _variant_candidates(pool, data)
        for i in pool:
            concepts_of.setdefault(i, bigram_concepts(data.tokens_of(i)) & weights.keys())
        words = word_weights(data, self.tuning)
        if words:
            for i in pool:
                concepts_of[i] |= set(content_terms(data.tokens_of(i))) & words.keys()
            weights = weights | words
        needs = _antecedents(pool, data, self.tuning)
        pool = [i for i in pool if needs.get(i, i) is not None]
        if not weights or not any(concepts_of[i] for i in pool):
            return _lead_fallback(pool, data)
        bonus = _relevance_bonus(pool, data, self.tuning)
        lead = _short_budget_lead(pool, data, weights, self.tuning)
        try:
            return _solve_ilp(pool, concepts_of, weights, data, bonus, needs, lead)
        except (RuntimeError, ValueError) as exc:
            log.warning("ILP solver failed (%s); using greedy selection", exc)
            return GreedySelector().select(data)


def _variant_candidates(pool: list[int], data: SelectionInput) -> list[int]:
    """Compressed variants of candidate sentences, when the budget is small enough."""
    if data.max_words > data.compress_budget or not data.variants:
        return []
    # A variant stands for a candidate, or for a sentence only too long for the budget
    # (never for chatter); the pruned pool bounds the ILP's size.
    allowed = set(pool) | {
        i
        for i, s in enumerate(data.sentences)
        if not s.is_chatter and data.max_words < s.n_words <= data.max_sentence_words
    }
    n = len(data.sentences)
    return [
        n + j
        for j, v in enumerate(data.variants)
        if v.source in allowed and data.min_words <= v.n_words <= data.max_words
    ]


def _short_budget_lead(
    pool: list[int], data: SelectionInput, weights: dict[str, float], tuning: Tuning
) -> int | None:
    """Under a small generic budget, the candidate that best tells what happened, to be kept.

    A 20-word briefing has room for one sentence; concept coverage alone picks the
    densest one ("The move comes as the Taliban..."), not the one that says what moved.
    """
    if data.max_words > tuning.context_budget or not pool or data.query:
        return None  # with a query, what the briefing must say is the query's answer
    best = max(pool, key=lambda i: lead_score(i, data, weights))
    return best if lead_score(best, data, weights)[0] else None  # none stands alone


def _distinct(pool: list[int], data: SelectionInput) -> list[int]:
    """One candidate per identical sentence (wire copies in several outlets): the copies
    would only add symmetric ILP solutions; citations find them again later."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for i in pool:
        key = data.tokens[i]
        if key not in seen:
            seen.add(key)
            kept.append(i)
    return kept


def _prune(
    pool: list[int],
    concepts_of: dict[int, set[str]],
    weights: dict[str, float],
    data: SelectionInput,
) -> list[int]:
    """Keep the best candidates so the ILP stays small on big clusters."""
    if len(pool) <= MAX_ILP_CANDIDATES:
        return pool
    score = {i: sum(weights[c] for c in concepts_of[i]) for i in pool}
    return sorted(sorted(pool, key=lambda i: -score[i])[:MAX_ILP_CANDIDATES])


def _relevance_bonus(pool: list[int], data: SelectionInput, tuning: Tuning) -> list[float]:
    """Per-candidate reward for words that answer the query (zero without a query)."""
    profile = query_profile(data, tuning) if data.query else {}
    if not profile or tuning.sentence_relevance <= 0:
        return [0.0] * len(pool)
    scale = tuning.sentence_relevance * data.query_weight
    return [scale * sentence_relevance(data, profile, i) * data.words(i) for i in pool]


def _solve_ilp(
    pool: list[int],
    concepts_of: dict[int, set[str]],
    weights: dict[str, float],
    data: SelectionInput,
    bonus: Sequence[float] | None = None,
    needs: dict[int, int | None] | None = None,
    lead: int | None = None,
) -> list[int]:
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    holders: dict[str, list[int]] = defaultdict(list)
    for k, i in enumerate(pool):
        for c in concepts_of[i]:
            holders[c].append(k)
    # A concept only one candidate holds is paid with that sentence: folding its weight
    # into the sentence's coefficient is exact and drops a variable and a constraint.
    shared = sorted(c for c, ks in holders.items() if len(ks) > 1)
    lengths = np.array([data.words(i) for i in pool], dtype=float)
    sentence_value = np.asarray(bonus or [0.0] * len(pool), dtype=float)
    for c, ks in holders.items():
        if len(ks) == 1:
            sentence_value[ks[0]] += weights[c]
    # Maximise concept weight; a tiny length term breaks ties toward fuller summaries.
    objective = np.concatenate((-1e-4 * lengths - sentence_value, [-weights[c] for c in shared]))
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    upper: list[float] = []

    def add(row_entries: list[tuple[int, float]], ub: float) -> None:
        r = len(upper)
        for j, v in row_entries:
            rows.append(r)
            cols.append(j)
            vals.append(v)
        upper.append(ub)

    add([(k, lengths[k]) for k in range(len(pool))], float(data.max_words))
    for j, c in enumerate(shared, start=len(pool)):  # counts only if a chosen sentence holds it
        add([(j, 1.0)] + [(k, -1.0) for k in holders[c]], 0.0)
    for a, b in _redundant_pairs(pool, data):
        add([(a, 1.0), (b, 1.0)], 1.0)
    position = {i: k for k, i in enumerate(pool)}
    for i, before in (needs or {}).items():  # a dependent sentence only with its antecedent
        if i in position and before in position:
            add([(position[i], 1.0), (position[before], -1.0)], 0.0)
    lower = np.zeros(len(objective))
    if lead is not None:
        lower[pool.index(lead)] = 1.0
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(upper), len(objective)))
    result = milp(
        objective,
        constraints=LinearConstraint(matrix, -np.inf, np.asarray(upper)),
        # Only sentences need integrality: a concept variable bounded by the sum of its
        # chosen holders is 0 or 1 at the optimum anyway, and B&B gets far cheaper.
        integrality=np.r_[np.ones(len(pool)), np.zeros(len(shared))],
        bounds=Bounds(lower, 1),
        # HiGHS's MIP presolve prints debug lines to stdout on some inputs (they would
        # land in the CLI's Markdown) and saves no time on these small problems.
        options={"time_limit": ILP_TIME_LIMIT, "mip_rel_gap": ILP_GAP, "presolve": False},
    )
    if result.x is None:
        raise RuntimeError(result.message)
    return [pool[k] for k in range(len(pool)) if result.x[k] > 0.5]


def _antecedents(pool: list[int], data: SelectionInput, tuning: Tuning) -> dict[int, int | None]:
    """Under a small budget, each context-dependent candidate -> the sentence before it
    in its report (None when that one cannot be chosen, which rules the candidate out).

    "The move comes as the Taliban advance" says nothing in a 20-word briefing unless
    the move is told first; at larger budgets the ILP is left free, as ROUGE is tuned.
    """
    if data.max_words > tuning.context_budget:
        return {}
    at = {(s.doc_index, s.index): k for k, s in enumerate(data.sentences)}
    allowed = set(pool)
    needs: dict[int, int | None] = {}
    for i in pool:
        s = data.sentences[data.source(i)]
        if depends_on_context(data.text(i)):
            before = at.get((s.doc_index, s.index - 1))
            needs[i] = before if before in allowed else None
    return needs


def _redundant_pairs(pool: list[int], data: SelectionInput) -> list[tuple[int, int]]:
    # A variant is as redundant as its source (and exclusive with it: cosine 1).
    sources = [data.source(i) for i in pool]
    sims = data.similarity[np.ix_(sources, sources)]
    a, b = np.nonzero(np.triu(sims >= data.redundancy_threshold, k=1))
    return list(zip(a.tolist(), b.tolist(), strict=True))


def _lead_fallback(pool: list[int], data: SelectionInput) -> list[int]:
    """No shared concepts: take report leads in order until the budget is spent."""
    chosen: list[int] = []
    used = 0

    def key(i: int) -> tuple[int, int]:
        s = data.sentences[data.source(i)]
        return (s.index, s.doc_index)

    for i in sorted(pool, key=key):
        n = data.words(i)
        if used + n <= data.max_words and not _too_similar(i, chosen, data):
            chosen.append(i)
            used += n
    return chosen


def _too_similar(i: int, chosen: list[int], data: SelectionInput) -> bool:
    row = data.similarity[data.source(i)]
    return any(row[data.source(j)] >= data.redundancy_threshold for j in chosen)


class GreedySelector:
    """Budgeted greedy concept coverage (weight gained per word); a fast baseline."""

    def select(self, data: SelectionInput) -> list[int]:
        """Repeatedly add the sentence with the best new-concept weight per word."""
        pool = candidates(data)
        weights = concept_weights(data)
        covered: set[str] = set()
        chosen: list[int] = []
        used = 0
        while True:
            best, best_gain = -1, 0.0
            for i in pool:
                n = data.sentences[i].n_words
                if i in chosen or used + n > data.max_words or _too_similar(i, chosen, data):
                    continue
                new = (bigram_concepts(data.tokens[i]) & weights.keys()) - covered
                gain = sum(weights[c] for c in new) / n**0.5
                if gain > best_gain:
                    best, best_gain = i, gain
            if best < 0:
                return chosen
            chosen.append(best)
            used += data.sentences[best].n_words
            covered |= bigram_concepts(data.tokens[best])


# Openings that lean on a sentence the reader has not seen: pronouns and demonstratives,
# "The move comes as...", connectives ("But", "And so"), transcript filler ("So right now").
_DEPENDENT = re.compile(
    r"""^\W*(?:
        (?:this|that|these|those|it|he|she|they|his|her|their|its|him|them|such|both)\b
      | the\s+(?:move|decision|announcement|step|development|news|deal|plan|measure|action
               |incident|latter|former|same|report|statement|remarks?|comments?)\b
      | (?:but|and|so|yet|also|still|however|meanwhile|instead|moreover|furthermore
           |nevertheless|then|now|well|yeah|okay|right\s+now|as\s+a\s+result)\b
      | another\b | other\b
    )""",
    re.I | re.X,
)
# Background: a past before the report's news (past perfect, "ago", "previously",
# founding verbs, a year before the report's own).
_BACKGROUND = re.compile(
    r"\b(?:had\s+(?:been\s+)?\w+(?:ed|en|wn|ught|ade|id|ept|ent)|ago|previously|formerly"
    r"|(?:was|were)\s+(?:founded|established|commissioned|built|launched|formed|created)"
    r"|since\s+(?:19|20)\d\d|from\s+(?:19|20)\d\d|in\s+(?:19|20)\d\d)\b",
    re.I,
)
# A lead is a complete sentence: it ends like one, and is no web address or caption.
_COMPLETE = re.compile(r"^(?!.*(?:https?://|www\.))(?=.*\b[a-z]{3,}\b).*[.!?][\"”’)]?\s*$", re.S)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def depends_on_context(text: str) -> bool:
    """True when a sentence opens by referring back ("The move comes as...", "He said")."""
    return bool(_DEPENDENT.match(text))


def is_background(text: str, report_date: dt.date | None = None) -> bool:
    """True when a sentence tells what came before the news (history, earlier events)."""
    if not _BACKGROUND.search(text):
        return False
    years = [int(y) for y in _YEAR.findall(text)]
    # "in 2021" in a 2021 report is the news itself.
    return not (years and report_date and min(years) >= report_date.year)


def news_order(
    indices: Sequence[int], data: SelectionInput, weights: dict[str, float]
) -> list[int]:
    """Order chosen sentences as news: the lead first, then what followed, background last.

    The lead is the chosen sentence that best states the main, latest development
    (:func:`lead_score`). The rest follow in story order (report date, then position),
    with background (history, earlier events) at the end.
    """
    if not indices:
        return []
    documents = data.documents
    undated = dt.date.max

    def story_key(i: int) -> tuple[dt.date, int, int, int]:
        s = data.sentences[data.source(i)]
        return (documents[s.doc_index].date or undated, s.doc_index, s.index, i)

    rest = sorted(indices, key=story_key)
    background = {i for i in rest if _is_background_at(i, data)}
    lead = max(rest, key=lambda i: lead_score(i, data, weights))
    rest.remove(lead)
    return [lead] + [i for i in rest if i not in background] + [i for i in rest if i in background]


def lead_score(i: int, data: SelectionInput, weights: dict[str, float]) -> tuple[bool, bool, float]:
    """How well a sentence (or variant) opens a briefing, compared as a tuple: it stands
    alone (a complete sentence; no "The move comes as...", no quotation), it is not
    background, then its
    shared concept weight per word, raised for report openings and for recent reports."""
    s = data.sentences[data.source(i)]
    n_words = max(data.words(i), 1)
    weight = sum(weights.get(c, 0.0) for c in bigram_concepts(data.tokens_of(i))) / n_words**0.5
    position = 1.0 / (1.0 + s.index)  # report leads state the news
    recent = 0.0
    dated = [d.date for d in data.documents if d.date]
    date = data.documents[s.doc_index].date if data.documents else None
    if date and dated and max(dated) > min(dated):
        recent = (date - min(dated)).days / (max(dated) - min(dated)).days
    text = data.text(i)
    return (
        not depends_on_context(text) and not s.is_quote and bool(_COMPLETE.search(text)),
        not _is_background_at(i, data),
        weight * (1.0 + LEAD_POSITION_BONUS * position + LEAD_RECENCY_BONUS * recent),
    )


def _is_background_at(i: int, data: SelectionInput) -> bool:
    s = data.sentences[data.source(i)]
    document = data.documents[s.doc_index] if data.documents else None
    return is_background(data.text(i), document.date if document else None)


RECENT_TITLE_SHARE = 0.5  # a latest report's title leads if it carries this share of the
# best title's concept weight (a side report filed last does not headline the cluster)


def choose_headline(
    sentences: Sequence[Sentence],
    tokens: Sequence[Sequence[str]],
    documents: Sequence[Document],
    weights: dict[str, float],
) -> str:
    """The title with the most concept weight among the latest reports' (those within
    :data:`~newsbrief.headline.RECENT_DAYS` of the latest: the headline says where the news
    stands, not where it began), unless it carries less than :data:`RECENT_TITLE_SHARE` of
    the best title's weight (then the best title of all); without titles, the opening
    sentence with the most, cut at a clause boundary when long.

    A supplied title wins over any body sentence, unless it is a byline, slug, note
    or placeholder. Titles in capitals are shown in normal case. Openings that lean on
    earlier context ("This announcement...", "He said...") are passed over: a
    headline must stand alone. Empty when no report has a title or a readable sentence.
    """
    usable = [usable_title(d.title) for d in documents]
    fresh = recent([d.date for d in documents])
    titles = [t for t in usable if t]
    if titles:
        best = max(titles, key=lambda t: _title_score(t, weights))
        latest = [t for t, new in zip(usable, fresh, strict=True) if t and new]
        newest = max(latest, key=lambda t: _title_score(t, weights), default=best)
        if _title_score(newest, weights) >= RECENT_TITLE_SHARE * _title_score(best, weights):
            best = newest  # where the news stands, unless the latest reports are off the story
        return normal_case(best, (d.text for d in documents))
    options: list[tuple[bool, float, str]] = []
    for s, toks in zip(sentences, tokens, strict=True):
        opening = s.index == 0 and not s.is_chatter and not _DEICTIC.match(s.text)
        if opening and s.n_words >= 5:
            score = sum(weights.get(c, 0.0) for c in bigram_concepts(toks)) / s.n_words**0.5
            # A lead that fits whole beats one that must be cut.
            options.append((s.n_words <= MAX_HEADLINE_WORDS, score, s.text))
    if not options:
        # No usable opening: the first sentence that can stand alone, else any sentence.
        rest = [s.text for s in sentences if not s.is_chatter and s.n_words >= 5] or [
            s.text for s in sentences
        ]
        if not rest:
            return ""  # nothing readable: no headline rather than a placeholder posing as one
        options.append((True, 0.0, rest[0]))
    best_text = max(options, key=lambda o: (o[0], o[1]))[2]
    return normal_case(cut_lead(best_text), (d.text for d in documents))


def _title_score(title: str, weights: dict[str, float]) -> float:
    toks = tokenize(title)
    n = max(1, len([t for t in toks if t not in STOPWORDS]))
    return sum(weights.get(c, 0.0) for c in bigram_concepts(toks)) / n**0.5

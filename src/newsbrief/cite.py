"""Citations: each summary sentence names its source and every report stating the same.

Two sentences of different reports state the same thing when their tf-idf
cosine reaches the paraphrase threshold, or when they share a figure (a number
such as 3,000 or 650) and at least two other content words: outlets reword a
fact freely but keep its numbers.

Precision first: a report is cited as stating the same thing only when the two sentences
do not differ in what makes a fact (:func:`same_fact`): their numbers, their negation and
the names they give must agree. When unsure, a report is not cited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from newsbrief.language.calendar import MONTHS, WEEKDAYS
from newsbrief.language.stopwords import STOPWORDS
from newsbrief.models import Compression, Evidence, Sentence, SummarySentence
from newsbrief.represent import content_terms

_NUMBER = re.compile(r"^\d[\d.]*$")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "hundred": 100,
}  # fmt: skip
_NEGATIONS = {"not", "no", "never", "n't", "without", "nobody", "none", "neither", "nor",
              "denied", "denies", "deny"}  # fmt: skip
_NEGATING_VERB = re.compile(r"\b(?:fail(?:ed|s)?|refus(?:ed|es)?)\s+to\b", re.I)
_HEDGES = {"feared", "presumed", "possibly", "probably", "may", "might", "likely", "apparently",
           "allegedly", "suspected"}  # fmt: skip
_NAMED_NUMBER = re.compile(r"\b([A-Z][\w-]*)\s+$")
_NOT_NAMES = {"About", "Some", "Nearly", "More", "In", "At", "On", "By", "Only", "All", "The",
              "Another", "Over", "Up", "Almost", "Around", "Roughly", "Of", "For", "With",
              "Since", "After", "Before", "Until", "From", "To", "And", "But", "Just"}  # fmt: skip
MIN_SHARED_WORDS = 2  # content words besides names and figures two statements share
ANCHOR_FIGURE = 100  # a shared figure this large anchors a fact
_WORD = re.compile(r"[A-Za-z][\w’'-]*|n[’']t")
# a run of capitalised words not opening the sentence ("Air National Guard", "Mark O.
# Barton", "University of Wyoming"); a possessive ending is not part of the name
_NAME = re.compile(
    r"(?<=[\s(])(?:[A-Z][a-z][\w-]+|[A-Z]\.(?:[A-Z]\.)*)"
    r"(?:(?:\s+of)?\s+(?:[A-Z][a-z][\w-]+|[A-Z]\.(?:[A-Z]\.)*))*"
)
_POSSESSIVE = re.compile(r"[’']s\b")
# where a name is a place: "flew to Hyannis", "sent to Kuwait", "off Nantucket", "in Nairobi"
_PLACE_CUE = re.compile(r"(?<!according )\b(?:in|at|near|off|outside|into|to)\s+(?:the\s+)?$")
_NOT_PLACES = {w.lower() for w in (*MONTHS, *WEEKDAYS)} | {
    "president", "sen.", "gov.", "mr.", "mrs.", "ms.", "dr.", "gen.",
}  # fmt: skip
FIGURE_MATCH_SCORE = 0.5  # reported similarity of a figure-anchored match
FIGURE_MATCH_WORDS = 2  # content words shared besides the figure
ANCHORLESS_SIMILARITY = 0.4  # a citation sharing no specific figure or name needs this much
ANCHOR_NUMBER = 10  # a shared figure this large is specific ("217 people", not "two")


def cite(
    chosen: Sequence[int],
    sentences: Sequence[Sentence],
    tokens: Sequence[Sequence[str]],
    similarity: np.ndarray,
    threshold: float,
) -> tuple[SummarySentence, ...]:
    """Summary sentences with evidence: the source sentence, then the closest
    statement of the same thing in each other report."""
    terms = [frozenset(content_terms(t)) for t in tokens]
    common = common_names([(s.doc_index, s.text) for s in sentences])
    return tuple(_cite_one(i, sentences, terms, similarity, threshold, common) for i in chosen)


@dataclass(frozen=True, slots=True)
class FactSignature:
    """What must agree for two sentences to state one fact."""

    numbers: frozenset[str]  # "217", "3000"
    negated: bool
    names: frozenset[str]  # runs of capitalised words past the first, lower case
    outcomes: frozenset[str]  # what happened: "killed", "injured", "aboard" ...
    words: frozenset[str]  # other content words, lower case
    hedged: bool = False  # "feared dead", "may have": not stated as a fact
    places: frozenset[str] = frozenset()  # names said to be where: "in Nairobi", "to Kuwait"


@lru_cache(maxsize=8192)
def fact_signature(text: str) -> FactSignature:
    """The numbers a sentence gives, whether it negates, the names it gives, what it says
    happened (the outcome words figures are measured by) and its other words."""
    from newsbrief.analyse.outcomes import OUTCOMES

    words = [_POSSESSIVE.sub("", w.lower()) for w in _WORD.findall(text)]
    numbers = {
        m.group(0).replace(",", "").rstrip(".")
        for m in _DIGITS.finditer(text)
        if not _named(text, m.start())  # "Flight 990", "Boeing 767"
    }
    numbers |= {str(_NUMBER_WORDS[w]) for w in words if w in _NUMBER_WORDS}
    negations = sum(w in _NEGATIONS or w.endswith(("n't", "n’t")) for w in words)
    negations += len(_NEGATING_VERB.findall(text))  # "failed to prove ... kidnapped"
    negated = negations % 2 == 1
    hedged = any(w in _HEDGES for w in words)
    names, places = _names(text)
    outcomes = frozenset(OUTCOMES[w] for w in words if w in OUTCOMES)
    in_names = {w for n in names for w in n.split()}
    content = frozenset(w for w in words if len(w) > 3 and w not in in_names) - STOPWORDS
    return FactSignature(frozenset(numbers), negated, names, outcomes, content, hedged, places)


def _names(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names a sentence gives (lower case), and those of them it says are where
    something is or goes."""
    names, places = set(), set()
    for m in _NAME.finditer(_POSSESSIVE.sub("  ", text)):
        name = " ".join(m.group(0).lower().split())
        names.add(name)
        if _PLACE_CUE.search(text, max(0, m.start() - 20), m.start()) and (
            name.split()[0] not in _NOT_PLACES
        ):
            places.add(name)
    return frozenset(names), frozenset(places)


def _names_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two sets of names share one? Names meet on a shared word that ends one of them
    ("Barton" / "Mark O. Barton", "EgyptAir" / "EgyptAir Boeing"), not on a shared
    modifier ("Air National Guard" / "National Transportation Safety Board")."""
    return bool(_meeting_words(a, b))


def _meeting_words(a: frozenset[str], b: frozenset[str]) -> set[str]:
    """The words ending a name of one set that a name of the other set holds."""
    out = set()
    for x in a:
        for y in b:
            shared = set(x.split()) & set(y.split())
            out |= shared & {x.split()[-1], y.split()[-1]}
    return out


def _named(text: str, at: int) -> bool:
    """Does the number at ``at`` belong to a name ("Flight 990", "Boeing 767")?"""
    m = _NAMED_NUMBER.search(text, max(0, at - 30), at)
    return m is not None and m.group(1) not in _NOT_NAMES


def _same_outcome(a: frozenset[str], b: frozenset[str]) -> bool:
    """What happened agrees: one's outcomes hold the other's ("killed" / "killed, injured");
    being aboard is a state, not what happened, unless only one sentence says more."""
    core_a, core_b = a - {"aboard"}, b - {"aboard"}
    if core_a and core_b:
        return core_a <= core_b or core_b <= core_a
    if core_a or core_b:
        return not (a if not core_a else b)  # "left with 217 aboard" / "217 aboard killed"
    return True


def same_fact(a: FactSignature, b: FactSignature, *, strict: bool = True) -> bool:
    """Can two sentences with these signatures state the same fact? Not when they give
    other figures ("all 223 people" / "all 217 people"), when one negates what the other
    states, when they say different things happened ("217 people aboard" / "217 people
    killed"), or when both give names and share none (unless a large figure anchors them).

    Neither may hedge ("feared dead") what the other states. ``strict`` (a citation: this
    report states that sentence): the figures must be the same, and two words besides names
    and figures must be shared. Otherwise (claims grouped for comparison) one sentence may
    leave out years the other gives, and one shared word is enough. Both sentences place
    what they state in one place, when both say where."""
    if strict and a.numbers != b.numbers:
        return False
    if a.numbers and b.numbers and not _fewer_figures(a.numbers, b.numbers):
        return False
    if a.negated != b.negated or a.hedged != b.hedged:
        return False
    if not _same_outcome(a.outcomes, b.outcomes):
        return False
    if len(a.words & b.words) < (MIN_SHARED_WORDS if strict else 1):
        return False
    if a.places and b.places and not _names_meet(a.places, b.places):
        return False  # other places: another event ("to Kuwait" / "to the Kabul airport")
    if any(float(n) >= ANCHOR_FIGURE for n in a.numbers & b.numbers):
        return True  # a large shared figure anchors the fact; names may differ (army/Pentagon)
    return not (a.names and b.names and not _names_meet(a.names, b.names))


def _fewer_figures(a: frozenset[str], b: frozenset[str]) -> bool:
    """Does one sentence give the other's figures, leaving out only years ("Turnout was 61
    percent, the highest since 2011" / "Turnout was about 61 percent")? Any other figure
    left out is another quantity stated: "killed nine and wounded 13" is not "13 were
    wounded"."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return small <= large and all(_is_year(n) for n in large - small)


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2100


def common_names(texts: Sequence[tuple[int, str]]) -> frozenset[str]:
    """Words ending a name that half the reports or more give: the event's own names
    ("Barton", "Kursk"), which nearly every sentence shares and so anchor no one fact."""
    held: dict[str, set[int]] = {}
    for doc, text in texts:
        for name in fact_signature(text).names:
            held.setdefault(name.split()[-1], set()).add(doc)
    n_docs = len({doc for doc, _ in texts})
    return frozenset(w for w, docs in held.items() if 2 * len(docs) >= n_docs)


def anchored(a: FactSignature, b: FactSignature, common: frozenset[str] = frozenset()) -> bool:
    """Do two statements share something specific: a figure of 10 or more, two figures
    ("nine people at two offices"), or a name half the event's reports do not give?
    Sharing only topic words and the event's own names ("Hours later, he committed
    suicide" / "Barton later committed suicide when police closed in") is not enough to
    tell one fact from another about the same people."""
    shared = a.numbers & b.numbers
    if len(shared) > 1 or any(float(n) >= ANCHOR_NUMBER for n in shared):
        return True
    return bool(_meeting_words(a.names, b.names) - common)


def support(i: int, j: int, terms: Sequence[frozenset[str]], similarity: np.ndarray) -> float:
    """How strongly sentence ``j`` states what sentence ``i`` states (0..1)."""
    score = float(similarity[i, j])
    shared = terms[i] & terms[j]
    figures = {t for t in shared if _NUMBER.match(t) and not _is_small(t)}
    if figures and len(shared - figures) >= FIGURE_MATCH_WORDS:
        score = max(score, FIGURE_MATCH_SCORE)
    return score


def _is_small(token: str) -> bool:
    """Numbers below 10 are too common ("2 officials") to anchor a match."""
    try:
        return float(token) < 10
    except ValueError:
        return True


def _cite_one(
    i: int,
    sentences: Sequence[Sentence],
    terms: Sequence[frozenset[str]],
    similarity: np.ndarray,
    threshold: float,
    common: frozenset[str] = frozenset(),
) -> SummarySentence:
    source = sentences[i]
    signature = fact_signature(source.text)
    best: dict[int, tuple[float, int]] = {}
    for j, other in enumerate(sentences):
        if other.doc_index == source.doc_index or other.is_chatter:
            continue
        score = support(i, j, terms, similarity)
        if score < threshold or score <= best.get(other.doc_index, (0.0, -1))[0]:
            continue
        theirs = fact_signature(other.text)
        if same_fact(signature, theirs) and (
            score >= ANCHORLESS_SIMILARITY or anchored(signature, theirs, common)
        ):
            best[other.doc_index] = (score, j)
    evidence = [Evidence.of(source)]
    evidence += [
        Evidence.of(sentences[j], "paraphrase", score) for _, (score, j) in sorted(best.items())
    ]
    return SummarySentence(text=source.text, evidence=tuple(evidence))


def as_compressed(item: SummarySentence, variant: Compression | None) -> SummarySentence:
    """The cited sentence told in its compressed form: the kept words and their exact spans
    in the source report (the evidence still names the whole source sentence)."""
    if variant is None:
        return item
    return replace(item, text=variant.text, compressed=True, spans=variant.spans)

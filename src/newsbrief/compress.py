"""Sentence compression: shorter variants of a sentence, made only of its own words.

A variant leaves out asides that a short briefing can spare:

* a leading time or concession clause ("Just weeks before the U.S. is scheduled to end
  its war in Afghanistan, the Biden administration is rushing ...");
* a non-restrictive relative clause (", who has remained adamant about ...,");
* a closing purpose clause ("... to the Kabul airport to help with a partial evacuation");
* transcript filler at the start ("So", "And so", "Well", "Yeah").

An aside is never removed when it holds a number, a date or day, a negation, an
attribution ("said", "according to"), a full name (two capitalised words in a row),
or any part of a quotation; quoted sentences are never compressed. The variant's
text is the kept pieces of the source joined by single spaces (the first letter
capitalised), and each piece is an exact character span of the source report, so a
compressed sentence is cited to the words it keeps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from newsbrief.language.calendar import CALENDAR_WORDS, MONTH_PATTERN, WEEKDAY_PATTERN
from newsbrief.models import Compression, Sentence

MAX_VARIANTS = 4  # per sentence: every combination of at most this many removals' subsets
MIN_KEPT_WORDS = 6  # a variant shorter than this is not a sentence worth citing

_LEADING_CLAUSE = re.compile(
    r"^(?:just\s+|only\s+)?(?:(?:\w+\s+)?(?:weeks|days|hours|months|years|moments)\s+)?"
    r"(?:before|after|while|as|although|though|despite|since|when|once|amid|with)\b"
    r"[^,;:]{8,160},\s+(?=(?:the|a|an|[A-Z])\w*\b)",
    re.I,
)
_RELATIVE = re.compile(r",\s+(?:who|which|whose)\s+[^,;:]{4,160}?(?:,|(?=[.!?]$))")
_PURPOSE = re.compile(
    r"\s+(?:in\s+order\s+)?to\s+(?:help|assist|aid|support|bolster|ensure|facilitate)\b"
    r"[^,;:]{3,120}?(?=[.!?]$)"
)
_FILLER = re.compile(r"^(?:(?:and\s+)?so|well|yeah|okay|um|uh)\b,?\s+", re.I)
_PROTECTED = re.compile(
    rf"\d|\b(?:{MONTH_PATTERN}|{WEEKDAY_PATTERN})\b"
    r"|\b(?:not|no|never|nor|none|nobody|nothing|neither|without|cannot)\b|n['’]t\b"
    r"|\b(?:said|says|say|told|tells|according|announced|reported|stated|added|insisted"
    r"|claimed|confirmed|denied|warned|quoted)\b"
    r"|\b[A-Z][a-z]+\s+[A-Z][a-z]+\b",
)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|''[^']*''|‘[^’]*’(?!\w)")


def compress_sentences(sentences: Sequence[Sentence]) -> tuple[Compression, ...]:
    """Every safe shorter variant of every sentence that is not chatter or a quotation."""
    out: list[Compression] = []
    for k, s in enumerate(sentences):
        if not s.is_chatter and not s.is_quote:
            out.extend(compress(k, s))
    return tuple(out)


def compress(k: int, sentence: Sentence) -> list[Compression]:
    """Variants of one sentence (``k`` is its index), shortest removals first."""
    removals = _removals(sentence.text)
    variants: dict[str, Compression] = {}
    for n in range(1, len(removals) + 1):
        for chosen in combinations(removals, n):
            variant = _apply(k, sentence, chosen)
            if variant and variant.n_words >= MIN_KEPT_WORDS and variant.text not in variants:
                variants[variant.text] = variant
            if len(variants) >= MAX_VARIANTS:
                return list(variants.values())
    return list(variants.values())


def _removals(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentence that may be left out (never overlapping)."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    found: list[tuple[int, int]] = []
    for pattern in (_FILLER, _LEADING_CLAUSE, _RELATIVE, _PURPOSE):
        for m in pattern.finditer(text):
            span = (m.start(), m.end())
            if _safe(m.group(), pattern is _FILLER) and not _overlaps(span, quoted + found):
                found.append(span)
    return sorted(found)


def _safe(span: str, filler: bool) -> bool:
    if filler:
        return True
    if _PROTECTED.search(span):
        return False
    return not any(w.lower().strip(",.") in CALENDAR_WORDS for w in span.split())


def _overlaps(r: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(r[0] < b and a < r[1] for a, b in others)


def _apply(k: int, sentence: Sentence, removed: Sequence[tuple[int, int]]) -> Compression | None:
    text = sentence.text
    pieces: list[tuple[int, int]] = []
    at = 0
    for a, b in (*removed, (len(text), len(text))):
        lo, hi = at, a
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo < hi:
            pieces.append((lo, hi))
        at = b
    if not pieces:
        return None
    joined = join_pieces([text[a:b] for a, b in pieces])
    spans = tuple((sentence.start + a, sentence.start + b) for a, b in pieces)
    return Compression(k, joined, spans)


def join_pieces(pieces: Sequence[str]) -> str:
    """Kept pieces as one sentence: single spaces between them, none before punctuation
    that opens a piece ("airport" + "." -> "airport."), the first letter capitalised."""
    text = ""
    for piece in pieces:
        text += piece if not text or piece[0] in ".,;:!?" else " " + piece
    return text[:1].upper() + text[1:]

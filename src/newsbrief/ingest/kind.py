"""Tell a broadcast transcript from a written article."""

from __future__ import annotations

import re

from newsbrief.models import DocumentKind

_QUOTE_MARKS = re.compile(r"[\"“”«»]|``|''")
_TURN_BREAK = re.compile(r"[.?!]\s{2,}\S")
_SPEAKER_LABEL = re.compile(r"(?m)^\s*[A-Z][A-Z .'-]{2,40}:\s")
_BROADCAST_CUES = re.compile(
    r"\b(joining us|thanks? (?:you )?for (?:having|joining)|my pleasure|"
    r"(?:this is|that is|that's) [A-Z][a-z]+'s [A-Z]|stay with us|back to you|"
    r"let us hear|let's hear|let's listen|good (?:morning|evening)[,.]? i'm|"
    r"\((?:soundbite|sound bite|laughter|crosstalk)|byline)",
    re.IGNORECASE,
)


def detect_kind(text: str) -> DocumentKind:
    """``"transcript"`` when the text reads as spoken turns, else ``"article"``.

    Transcripts carry no quotation marks around what newsmakers say, alternate
    speaker turns (labels or double-spaced breaks) and contain broadcast cues.
    """
    score = 0
    if not _QUOTE_MARKS.search(text):
        score += 1
    if len(_TURN_BREAK.findall(text)) >= 3 or len(_SPEAKER_LABEL.findall(text)) >= 2:
        score += 1
    score += min(2, len(_BROADCAST_CUES.findall(text)))
    return "transcript" if score >= 3 else "article"

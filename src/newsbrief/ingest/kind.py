"""Tell a broadcast transcript from a written article."""

from __future__ import annotations

from newsbrief.language.quotes import has_quote
from newsbrief.language.transcripts import BROADCAST_CUES, SPEAKER_LABEL_LINE, TURN_BREAK_COUNT
from newsbrief.models import DocumentKind


def detect_kind(text: str) -> DocumentKind:
    """``"transcript"`` when the text reads as spoken turns, else ``"article"``.

    Transcripts carry no quotation marks around what newsmakers say, alternate
    speaker turns (labels or double-spaced breaks) and contain broadcast cues.
    """
    score = 0
    if not has_quote(text):
        score += 1
    if len(TURN_BREAK_COUNT.findall(text)) >= 3 or len(SPEAKER_LABEL_LINE.findall(text)) >= 2:
        score += 1
    score += min(2, len(BROADCAST_CUES.findall(text)))
    return "transcript" if score >= 3 else "article"

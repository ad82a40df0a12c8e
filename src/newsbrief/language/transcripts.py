"""Broadcast transcript vocabulary: speaker labels, broadcast cues, small talk, clip cues.

One home for the patterns that tell spoken turns from written text; the kind detector
(:mod:`newsbrief.ingest.kind`), the segmenter and the quote finder import them from here.
"""

from __future__ import annotations

import re

# A turn label at the start of a line or turn: "HOST:", "JOHN KIRBY:", "KIRBY (on tape):".
SPEAKER_LABEL = re.compile(r"[ \t]*[A-Z][A-Z.'\- ]{1,40}(?:\s\([A-Za-z ]+\))?:[ \t]+")
# The same label counted line by line when telling a transcript from an article.
SPEAKER_LABEL_LINE = re.compile(r"(?m)^\s*[A-Z][A-Z .'-]{2,40}:\s")
# Phrases only a broadcast says.
BROADCAST_CUES = re.compile(
    r"\b(joining us|thanks? (?:you )?for (?:having|joining)|my pleasure|"
    r"(?:this is|that is|that's) [A-Z][a-z]+'s [A-Z]|stay with us|back to you|"
    r"let us hear|let's hear|let's listen|good (?:morning|evening)[,.]? i'm|"
    r"\((?:soundbite|sound bite|laughter|crosstalk)|byline)",
    re.IGNORECASE,
)
# Exchanges between host and guest that carry no news.
SMALL_TALK = re.compile(
    r"^\W*(?:thanks?(?: you)?|thank you(?: very much)?|my pleasure|you're welcome|"
    r"good (?:morning|evening|afternoon)|yeah|yes|no|ok(?:ay)?|right|sure|well)"
    r"\b[\w ,']{0,20}[.!]?\W*$|"
    r"joining us|let us hear|let's hear|let's listen|we'll be right back|stay with us|"
    r"\bthanks? (?:you )?for (?:joining|having)",
    re.IGNORECASE,
)
# A sign-off naming the reporter: "That is NPR's Greg Myre."
SIGN_OFF = re.compile(r"\b(?:[Tt]hat is|[Tt]hat's|[Tt]his is) [A-Z][\w.]*'s [A-Z]")
# First/second person: the host or correspondent talking (outside quotation marks).
SPEAKER_PRONOUN = re.compile(r"\b(?:I|I'm|I've|me|my|you|your|you're)\b")
# A vocative opening a turn: "Yeah Audie it really is", "Greg I want to start".
VOCATIVE = re.compile(
    r"^(?:(?:Yeah|Yes|Well|So|Now|OK|Okay|Right),?\s+)?[A-Z][a-z]+,?\s+(?:I|it|you)\b"
)
# A host announcing a recorded clip: the next turn is the newsmaker's own words.
CLIP_CUE = re.compile(
    r"(?i:\b(?:let(?:'s|\s+us)\s+(?:hear|listen)|here(?:'s|\s+is)\s+(?:what|how|some\s+of\s+what)"
    r"|(?:have\s+a\s+)?listen\b|this\s+is\s+what\s+(?:he|she|they)\s+said)|\b(?:said|says):\s*$)"
)
# Speaker turns in transcripts arrive as double-spaced breaks after a sentence end.
TURN_BREAK = re.compile(r"(?<=[.?!\"”])[ \t]{2,}(?=\S)|\n")
# The same break counted when telling a transcript from an article.
TURN_BREAK_COUNT = re.compile(r"[.?!]\s{2,}\S")

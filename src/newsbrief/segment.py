"""Documents to sentences, with character offsets into ``Document.text``.

Paragraphs are split on blank lines (and, in transcripts, on speaker turns),
then sentences with nupunkt, which handles "U.S.", "Mr.", "Jan. 6" and quotes.
Wire datelines ("WASHINGTON (AP) --") are left out of the sentence span, and
sentences that must never reach a summary (transcript small talk, boilerplate,
questions) are flagged ``is_chatter``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newsbrief.language.quotes import has_open_quote, quoted_chars, without_quotes
from newsbrief.language.transcripts import (
    SIGN_OFF,
    SMALL_TALK,
    SPEAKER_LABEL,
    SPEAKER_PRONOUN,
    TURN_BREAK,
    VOCATIVE,
)
from newsbrief.models import Document, Sentence

MAX_QUOTE_SENTENCES = 4
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_DATELINE = re.compile(
    r"\A[A-Z][A-Za-z.'\- ]{1,40}(?:,[ A-Za-z.]{2,25})?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*"
    r"(?:\((?:AP|AFP|Reuters|Xinhua|UPI|CNN)\)\s*)?(?:--|—|–|_|-)\s+"
)
_WIRE_TAG = re.compile(r"\A\((?:AP|AFP|Reuters|Xinhua|UPI|UNDATED|Undated)\)\s*(?:--|—|–|_|-)?\s*")
# Packaging the cleaning stage leaves in place because it sits inside a sentence.
_BOILERPLATE = re.compile(
    r"condensed version|contributed to this report|all rights reserved|click here|"
    r"sign up for|subscribe to|read more\b|copyright \d|follow (?:us|him|her) on|"
    r"^\s*(?:photo|video|image|file)\s*:|^\s*advertisement\s*$|"
    r"for use by (?:clients of )?(?:the )?new york times|news service clients|for subscribers of",
    re.IGNORECASE,
)


def segment_documents(documents: Sequence[Document]) -> tuple[Sentence, ...]:
    """All sentences of all documents, in document then text order."""
    return tuple(s for i, doc in enumerate(documents) for s in segment_document(doc, i))


def segment_document(doc: Document, doc_index: int = 0) -> Iterator[Sentence]:
    """Sentences of one document, numbered from 0, with offsets into ``doc.text``."""
    from nupunkt import sent_spans  # light (pure Python), imported on first use

    index = 0
    first = True
    for paragraph, (p_start, p_end) in enumerate(_blocks(doc)):
        if doc.kind == "transcript":
            p_start = _skip_speaker_label(doc.text, p_start, p_end)
        block = doc.text[p_start:p_end]
        if block.isspace():
            continue  # packaging the cleaning stage blanked
        for s_start, s_end in _quote_balanced(block, sent_spans(block)):
            start, end = _trim(doc.text, p_start + s_start, p_start + s_end)
            if end - start < 2:
                continue
            if first:
                start = _skip_dateline(doc.text, start, end)
                first = False
            text = doc.text[start:end]
            yield Sentence(
                doc_index=doc_index,
                doc_id=doc.id,
                index=index,
                start=start,
                end=end,
                text=text,
                paragraph=paragraph,
                is_chatter=is_chatter(text, doc.kind == "transcript"),
                is_quote=_mostly_quoted(text),
            )
            index += 1


def _quote_balanced(block: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Join sentences that split a quotation: ``“This is not abandonment. This is not a
    withdrawal,” Price said.`` is one statement, and a summary must never carry half a
    quote with a stray quotation mark. At most :data:`MAX_QUOTE_SENTENCES` are joined."""
    start = end = -1
    joined = 0
    for s_start, s_end in spans:
        if start < 0:
            start, joined = s_start, 0
        end = s_end
        joined += 1
        if joined >= MAX_QUOTE_SENTENCES or not _open_quote(block[start:end]):
            yield start, end
            start = -1
    if start >= 0:
        yield start, end


def _open_quote(text: str) -> bool:
    """True when a quotation opened in ``text`` is not closed in it."""
    return has_open_quote(text)


def _blocks(doc: Document) -> Iterator[tuple[int, int]]:
    """Paragraph spans; transcripts are further split into speaker turns."""
    pattern = TURN_BREAK if doc.kind == "transcript" else _PARAGRAPH_BREAK
    pos = 0
    for match in pattern.finditer(doc.text):
        if match.start() > pos:
            yield pos, match.start()
        pos = match.end()
    if pos < len(doc.text):
        yield pos, len(doc.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _skip_speaker_label(text: str, start: int, end: int) -> int:
    """Move ``start`` past a turn label such as ``HOST:`` or ``JOHN KIRBY:``."""
    match = SPEAKER_LABEL.match(text, start, end)
    return match.end() if match else start


def _skip_dateline(text: str, start: int, end: int) -> int:
    """Move ``start`` past a wire dateline such as ``PINE RIDGE, S.D. (AP) --``."""
    return start + dateline_end(text[start:end])


def strip_dateline(text: str) -> str:
    """``text`` without the wire dateline it opens with (``AUSTIN, Texas _``, ``(UNDATED) _``)."""
    return text[dateline_end(text) :]


def dateline_end(span: str) -> int:
    """Where the wire dateline ``span`` opens with ends (0 when it has none)."""
    for pattern in (_DATELINE, _WIRE_TAG):
        match = pattern.match(span)
        if match and match.end() < len(span) - 20:
            head = span[: match.end()]
            # Datelines are upper-case place names (a state or country after the comma may
            # be in normal case: "AUSTIN, Texas _") or wire tags, not sentence openings.
            if head.split(",")[0].isupper() or "(" in head:
                return match.end()
    return 0


def is_chatter(text: str, transcript: bool) -> bool:
    """True for sentences no summary should carry (small talk, boilerplate, questions)."""
    if _BOILERPLATE.search(text) or text.rstrip().endswith("?"):
        return True
    if not transcript:
        return False
    if SMALL_TALK.search(text) or SIGN_OFF.search(text) or VOCATIVE.match(text):
        return True
    return len(text.split()) < 5 or bool(SPEAKER_PRONOUN.search(without_quotes(text)))


def _mostly_quoted(text: str) -> bool:
    return quoted_chars(text) > 0.5 * len(text)

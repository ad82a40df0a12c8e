"""Quotation-mark conventions, and where quotations start and end in a text.

Conventions met in news text::

    "plain"            “typographic”        ``LDC / wire''     ''AP wire''
    ‘British single’   «guillemets»         „German“ or „Polish”
    `single wire'      ‹single guillemets›

Apostrophes are never taken for quotation marks: ``’`` and ``'`` only close a
single quote that was opened (``‘`` or `````), and only when no letter follows
(``don’t`` and ``Altie's`` stay words). A quotation that runs over several
paragraphs re-opens at each paragraph and closes only at the end (the AP and
NYT convention); such a quote is one span. A paragraph that ends with its quote
open and no re-opening after it ends the quote there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Opening mark -> the marks that may close it. Longer marks are tried first.
PAIRS: dict[str, tuple[str, ...]] = {
    "``": ("''", "”", '"'),
    "''": ("''",),
    "“": ("”", '"', "“"),
    '"': ('"', "”"),
    "„": ("“", "”", '"'),
    "«": ("»",),
    "‹": ("›",),
    "‘": ("’",),
    "`": ("'", "’"),
}
OPENING = tuple(sorted(PAIRS, key=len, reverse=True))
# Every character that may belong to a quotation mark (for cheap pre-checks).
MARK_CHARS = frozenset("\"“”„«»‹›‘’`'")
# Single-character marks whose closing form is also an apostrophe.
_APOSTROPHE_CLOSERS = frozenset({"'", "’"})
_OPEN_AT = re.compile("|".join(re.escape(m) for m in OPENING))
_PARAGRAPH_GAP = re.compile(r"\n[ \t]*\n?[ \t]*")


def quote_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the words inside each quotation (marks excluded), in order."""
    for start, end, _ in scan(text):
        yield start, end


def scan(text: str, *, multi_paragraph: bool = True) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, closed)`` for each quotation; ``closed`` is False for one left open
    at the end of ``text`` or of its last paragraph."""
    for _, start, end, _, closed in _quotations(text, multi_paragraph):
        yield start, end, closed


def _quotations(text: str, multi: bool) -> Iterator[tuple[int, int, int, int, bool]]:
    """``(mark start, inner start, inner end, after closing mark, closed)``."""
    pos = 0
    while True:
        found = next_opening(text, pos)
        if found is None:
            return
        k, mark = found
        inner = k + len(mark)
        end, after, closed = _closing(text, inner, mark, multi)
        if end > inner:
            yield k, inner, end, after, closed
        pos = max(after, inner)


def next_opening(text: str, pos: int) -> tuple[int, str] | None:
    """The next opening mark at or after ``pos``: ``(offset, mark)``."""
    for match in _OPEN_AT.finditer(text, pos):
        k, mark = match.start(), match.group(0)
        if _opens(text, k, mark):
            return k, mark
    return None


def _opens(text: str, k: int, mark: str) -> bool:
    """A mark opens a quote where a word could start: after a space, a bracket, a dash or
    another mark, and before a non-space character."""
    before = text[k - 1] if k > 0 else " "
    after = text[k + len(mark)] if k + len(mark) < len(text) else " "
    if after.isspace():
        return False
    if mark == '"':
        return not before.isalnum()
    if mark in ("''", "`", "‘"):
        # ''AP'' and `wire' open only at a word start; ’ never opens.
        return before.isspace() or before in '([{—–-/"“`' or k == 0
    return not before.isalnum() or mark in ("“", "«", "„", "``")


def _closing(text: str, k: int, mark: str, multi: bool) -> tuple[int, int, bool]:
    """``(inner end, position after the closing mark, closed)`` for a quote opened
    before ``k``."""
    closers = PAIRS[mark]
    n = len(text)
    while k < n:
        ch = text[k]
        if ch == "\n":
            gap = _PARAGRAPH_GAP.match(text, k)
            nxt = gap.end() if gap else k + 1
            if multi and _reopens(text, nxt, mark):
                k = nxt + len(_reopening(text, nxt, mark))
                continue
            end = _rstrip(text, k)
            return end, k, False
        for closer in closers:
            if text.startswith(closer, k) and _closes(text, k, closer, mark):
                return k, k + len(closer), True
        k += 1
    return _rstrip(text, n), n, False


def _closes(text: str, k: int, closer: str, mark: str) -> bool:
    if closer == mark and closer in ("''",):
        # ''AP'' style: the closing pair follows a word or punctuation, not a space.
        return k > 0 and not text[k - 1].isspace()
    if closer in _APOSTROPHE_CLOSERS:
        after = text[k + 1] if k + 1 < len(text) else " "
        return not after.isalnum() and k > 0 and not text[k - 1].isspace()
    return True


def _reopening(text: str, k: int, mark: str) -> str:
    for opening in OPENING:
        if text.startswith(opening, k) and (opening == mark or opening in _SAME_FAMILY[mark]):
            return opening
    return ""


def _reopens(text: str, k: int, mark: str) -> bool:
    return bool(_reopening(text, k, mark))


# Marks that may re-open a continued paragraph of a quote opened with the key.
_SAME_FAMILY: dict[str, frozenset[str]] = {
    "``": frozenset({"``", '"', "“"}),
    "''": frozenset({"''", '"', "``"}),
    "“": frozenset({"“", '"'}),
    '"': frozenset({'"', "“"}),
    "„": frozenset({"„"}),
    "«": frozenset({"«"}),
    "‹": frozenset({"‹"}),
    "‘": frozenset({"‘"}),
    "`": frozenset({"`"}),
}


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def has_open_quote(text: str) -> bool:
    """True when a quotation opened in ``text`` is not closed in it (one paragraph)."""
    if not MARK_CHARS.intersection(text):
        return False
    return any(not closed for _, _, closed in scan(text, multi_paragraph=False))


def quoted_chars(text: str) -> int:
    """How many characters of ``text`` lie inside closed quotations (marks included)."""
    if not MARK_CHARS.intersection(text):
        return 0
    return sum(after - k for k, _, _, after, closed in _quotations(text, False) if closed)


def without_quotes(text: str) -> str:
    """``text`` with closed quotations (and their marks) taken out."""
    if not MARK_CHARS.intersection(text):
        return text
    out, pos = [], 0
    for k, _, _, after, closed in _quotations(text, False):
        if closed:
            out.append(text[pos:k])
            pos = after
    out.append(text[pos:])
    return "".join(out)


def has_quote(text: str) -> bool:
    """True when ``text`` holds a quotation mark that opens a quote."""
    return bool(MARK_CHARS.intersection(text)) and next_opening(text, 0) is not None

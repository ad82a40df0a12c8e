"""The cleaning stage: report packaging out, offsets kept.

Wire and web reports carry packaging that is never news: bylines, service and
copyright lines, slugs and routing codes, notes to editors, story-end markers,
contact lines, photo codes, and on web pages captions, video notices, share and
related-story prompts, promotions and print-edition notes. The rules that
recognise them are one table (:mod:`newsbrief.clean_rules`).

Cleaning never moves text: each piece of packaging is overwritten with spaces
(line breaks kept), so the cleaned text has the original's length and every
offset later stages compute points into the original text as well. A line that
carries a quotation or reported speech ("..., the paper said") is news, and the
rules for web packaging leave it alone. HTML pages have already lost most of
their boilerplate to the extractor (trafilatura); these rules catch what
survives it, and everything in plain text and JSON.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from newsbrief.clean_rules import RULES, Rule
from newsbrief.language.quotes import has_quote
from newsbrief.models import Cut, Document, Removed

HEAD_LINES = 6  # "head" and "prefix" rules look at this many first non-blank lines
TAIL_LINES = 6  # "tail" rules look at this many last non-blank lines
MAX_PREFIXES = 3  # "(lh) BC-SLUG By NAME WASHINGTON _ ..." holds several pieces
# Packaging kinds that look like prose: a line with a quote or reported speech is kept.
GUARDED = frozenset(
    {"caption", "video", "share", "related", "promo", "print", "links", "contact", "credit"}
)
_REPORTED = re.compile(r"\b(?:said|says|told|tells|according to|announced)\b")
_LINE = re.compile(r"[^\n]+")
_STRIPPED_LINE = re.compile(r"(?m)^[ \t\r\f\v]*(\S(?:[^\n]*\S)?)")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """One report after cleaning: its text with packaging blanked, and what was cut."""

    document: Document  # same id, metadata and text length as the input
    cuts: tuple[Cut, ...]

    @property
    def removed(self) -> tuple[Removed, ...]:
        """Pieces and characters removed, by kind, in kind order."""
        lines: Counter[str] = Counter()
        chars: Counter[str] = Counter()
        for cut in self.cuts:
            lines[cut.kind] += 1
            chars[cut.kind] += cut.end - cut.start
        return tuple(Removed(kind, lines[kind], chars[kind]) for kind in sorted(lines))


def clean_documents(
    documents: Iterable[Document], rules: Sequence[Rule] = RULES
) -> tuple[Cleaned, ...]:
    """Clean every report (see :func:`clean_document`)."""
    table = _Table.of(rules)
    return tuple(_clean(doc, table) for doc in documents)


def clean_document(doc: Document, rules: Sequence[Rule] = RULES) -> Cleaned:
    """``doc`` with its packaging overwritten by spaces; offsets are unchanged."""
    return _clean(doc, _Table.of(rules))


def find_cuts(text: str, rules: Sequence[Rule] = RULES) -> tuple[Cut, ...]:
    """The packaging in ``text``: spans and kinds, in text order."""
    return tuple(_find(text, _Table.of(rules)))


def blank(text: str, cuts: Iterable[Cut]) -> str:
    """``text`` with every cut overwritten by spaces (line breaks kept)."""
    chars = list(text)
    for cut in cuts:
        for k in range(cut.start, cut.end):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


@dataclass(frozen=True, slots=True)
class _Table:
    """Rules split by where they match, with one combined pattern per group: most lines
    are news, and one C-level match that fails is far cheaper than a rule-by-rule loop."""

    anywhere: tuple[Rule, ...]
    head: tuple[Rule, ...]
    tail: tuple[Rule, ...]
    prefix: tuple[Rule, ...]
    suffix: tuple[Rule, ...]
    # Whole-text scans that find the few lines worth the rule-by-rule loop: one C-level
    # pass over a report is far cheaper than a Python loop over its lines.
    line_gate: re.Pattern[str] | None  # whole-line rules without ``words``, in one pattern
    words: tuple[str, ...]  # ``words`` of the other whole-line rules (lower case)
    prefix_gate: re.Pattern[str] | None
    endings: tuple[str, ...]  # how a line a suffix rule may take ends (lower case)
    positional_gate: re.Pattern[str] | None  # head and tail rules, in one pattern
    word_rules: dict[str, frozenset[int]]  # a word found -> the rules that hold it

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> _Table:
        if rules is RULES and _DEFAULT is not None:
            return _DEFAULT
        groups = [tuple(r for r in rules if r.where == w) for w in _WHERE]
        anywhere, head, tail, prefix, suffix = groups
        words = sorted({w for r in anywhere for w in r.words})
        plain = _gate([r for r in anywhere if not r.words])
        endings = sorted({w for r in suffix for w in r.words})
        return cls(
            anywhere,
            head,
            tail,
            prefix,
            suffix,
            plain,
            tuple(words),
            _gate(prefix),
            tuple(endings),
            _gate(head + tail),
            {w: frozenset(k for k, r in enumerate(anywhere) if w in r.words) for w in words},
        )


def _gate(rules: Sequence[Rule]) -> re.Pattern[str] | None:
    """One pattern matching where any of ``rules`` matches."""
    if not rules:
        return None
    parts = (
        f"(?i:{r.pattern.pattern})"
        if r.pattern.flags & re.IGNORECASE
        else f"(?:{r.pattern.pattern})"
        for r in rules
    )
    return re.compile("|".join(parts))


_WHERE = ("line", "head", "tail", "prefix", "suffix")
_DEFAULT: _Table | None = None
_DEFAULT = _Table.of(RULES)
SUFFIX_WINDOW = 120  # suffix packaging (a photo credit, an end marker) is short


def _clean(doc: Document, table: _Table) -> Cleaned:
    cuts = tuple(sorted((*_find(doc.text, table), *_title_repeat(doc)), key=lambda c: c.start))
    if not cuts:
        return Cleaned(doc, ())
    return Cleaned(replace(doc, text=blank(doc.text, cuts)), cuts)


def _find(text: str, table: _Table) -> Iterable[Cut]:
    lines = [m.span(1) for m in _STRIPPED_LINE.finditer(text)]
    n = len(lines)
    worded = _line_words(text, table.words)
    gate, pos_gate = table.line_gate, table.positional_gate
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        words = worded.get(start, set())
        plain = gate is not None and gate.fullmatch(line) is not None
        positional = (table.head if i < HEAD_LINES else ()) + (
            table.tail if i >= n - TAIL_LINES else ()
        )
        if positional and (pos_gate is None or pos_gate.fullmatch(line) is None):
            positional = ()
        ending = bool(table.endings) and line[-12:].lower().endswith(table.endings)
        if not (words or plain or positional or ending or i < HEAD_LINES):
            continue  # the common case: a line of news
        allowed = frozenset().union(*(table.word_rules[w] for w in words))
        rules = [r for k, r in enumerate(table.anywhere) if k in allowed or (plain and not r.words)]
        rule = _whole_line(line, (*rules, *positional))
        if rule is not None:
            yield Cut(start, end, rule.kind)
            continue
        if i < HEAD_LINES and table.prefix_gate and table.prefix_gate.match(text, start, end):
            for cut in _prefixes(text, start, end, table):
                start = cut.end
                yield cut
        tail = _suffix(text, start, end, table)
        if tail is not None:
            yield tail


def _line_words(text: str, words: Sequence[str]) -> dict[int, set[str]]:
    """The ``words`` each line holds, by where the line starts (past its leading spaces).

    Words mark packaging at word starts ("subscri" for "subscribe", "(photo"), so a word
    is looked for (``str.find``, a C-speed scan) only when the report has its parts as
    tokens, the last as the start of one: most words occur nowhere in a report.
    """
    lower = text.lower()
    tokens = sorted(set(_TOKEN.findall(lower)))
    found: dict[int, set[str]] = {}
    for word in words:
        if not _has_parts(tokens, _parts(word)):
            continue
        at = lower.find(word)
        while at >= 0:
            k = text.rfind("\n", 0, at) + 1
            while text[k].isspace():
                k += 1
            found.setdefault(k, set()).add(word)
            at = lower.find(word, at + 1)
    return found


_TOKEN = re.compile(r"[a-z0-9]+")


@functools.cache
def _parts(word: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(word))


def _has_parts(tokens: Sequence[str], parts: Sequence[str]) -> bool:
    """Every part but the last is a token of the report; the last begins one."""
    for k, part in enumerate(parts):
        at = bisect.bisect_left(tokens, part)
        if at == len(tokens):
            return False
        if tokens[at] != part and (k < len(parts) - 1 or not tokens[at].startswith(part)):
            return False
    return True


def _title_repeat(doc: Document) -> Iterable[Cut]:
    """The title repeated as the first line of the body (web pages keep their heading)."""
    if not doc.title:
        return
    key = _key(doc.title)
    for i, match in enumerate(_LINE.finditer(doc.text)):
        if i >= HEAD_LINES:
            return
        start, end = _strip(doc.text, match.start(), match.end())
        if start < end and _key(doc.text[start:end]) == key:
            yield Cut(start, end, "heading")
            return


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _whole_line(line: str, rules: Iterable[Rule]) -> Rule | None:
    lower = line.lower()
    for rule in rules:
        if rule.matches(line, lower) and not _guarded(rule, line):
            return rule
    return None


def _guarded(rule: Rule, line: str) -> bool:
    """News is kept: prose-like packaging kinds never take a line with a quote or speech."""
    return rule.kind in GUARDED and (_REPORTED.search(line) is not None or has_quote(line))


def _prefixes(text: str, start: int, end: int, table: _Table) -> Iterable[Cut]:
    for _ in range(MAX_PREFIXES):
        for rule in table.prefix:
            match = rule.pattern.match(text, start, end)
            if match and start < match.end() < end:
                yield Cut(start, match.end(), rule.kind)
                start = match.end()
                break
        else:
            return


def _suffix(text: str, start: int, end: int, table: _Table) -> Cut | None:
    window = max(start, end - SUFFIX_WINDOW)
    for rule in table.suffix:
        match = rule.pattern.search(text, window, end)
        if match and match.end() == end and match.start() > start:
            return Cut(match.start(), end, rule.kind)
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

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
    """Rules split by where they match."""

    anywhere: tuple[Rule, ...]
    head: tuple[Rule, ...]
    tail: tuple[Rule, ...]
    prefix: tuple[Rule, ...]
    suffix: tuple[Rule, ...]

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> _Table:
        if rules is RULES and _DEFAULT is not None:
            return _DEFAULT
        return cls(*(tuple(r for r in rules if r.where == w) for w in _WHERE))


_WHERE = ("line", "head", "tail", "prefix", "suffix")
_DEFAULT: _Table | None = None
_DEFAULT = _Table.of(RULES)


def _clean(doc: Document, table: _Table) -> Cleaned:
    cuts = tuple(sorted((*_find(doc.text, table), *_title_repeat(doc)), key=lambda c: c.start))
    if not cuts:
        return Cleaned(doc, ())
    return Cleaned(replace(doc, text=blank(doc.text, cuts)), cuts)


def _find(text: str, table: _Table) -> Iterable[Cut]:
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if not m.group(0).isspace()]
    n = len(lines)
    for i, (start, end) in enumerate(lines):
        start, end = _strip(text, start, end)
        line = text[start:end]
        positional = (table.head if i < HEAD_LINES else ()) + (
            table.tail if i >= n - TAIL_LINES else ()
        )
        rule = _whole_line(line, table.anywhere + positional)
        if rule is not None:
            yield Cut(start, end, rule.kind)
            continue
        if i < HEAD_LINES:
            for cut in _prefixes(text, start, end, table):
                start = cut.end
                yield cut
        tail = _suffix(text, start, end, table)
        if tail is not None:
            yield tail


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
    for rule in rules:
        if rule.pattern.fullmatch(line) and not _guarded(rule, line):
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
    for rule in table.suffix:
        match = rule.pattern.search(text, start, end)
        if match and match.end() == end and match.start() > start:
            return Cut(match.start(), end, rule.kind)
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

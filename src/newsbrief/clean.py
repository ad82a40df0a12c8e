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

A report can be packaging as a whole: an editors' advisory or news budget (slug
lines with word counts, "the following stories are moving") is not a report of
the event. It is kept as a source, so the reader sees it was read, but all its
text is removed (kind ``advisory``) and its title dropped, so it gives no
headline, summary sentence, claim or entity; one warning names it. Titles have
their own rules (:func:`clean_title`): release notes, part and version markers,
slugs, urgency tags and tagline credits come off a title.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsbrief.clean_rules import (
    ADVISORY_WORDS,
    BUDGET_LINE,
    BUDGET_NOTE,
    RULES,
    Rule,
    trie_pattern,
)
from newsbrief.language.quotes import has_quote
from newsbrief.models import Cut, Document, Removed

log = logging.getLogger(__name__)

HEAD_LINES = 6  # "head" and "prefix" rules look at this many first non-blank lines
TAIL_LINES = 6  # "tail" rules look at this many last non-blank lines
MAX_PREFIXES = 3  # "(lh) BC-SLUG By NAME WASHINGTON _ ..." holds several pieces
# Packaging kinds that look like prose: a line with a quote or reported speech is kept.
GUARDED = frozenset(
    {"caption", "video", "share", "related", "promo", "print", "links", "contact", "credit"}
)
# A report is an advisory or news budget when it says so (ADVISORY_WORDS) and at least this
# share of its lines, and this many, are packaging or budget lines (see is_advisory).
ADVISORY_SHARE = 0.5
MIN_ADVISORY_LINES = 3
_REPORTED = re.compile(r"\b(?:said|says|told|tells|according to|announced)\b")
_LINE = re.compile(r"[^\n]+")
_STRIPPED_LINE = re.compile(r"\S(?:[^\n]*\S)?")  # a line without its surrounding spaces


@dataclass(frozen=True, slots=True)
class Cleaned:
    """One report after cleaning: its text with packaging blanked, and what was cut."""

    document: Document  # same id, metadata and text length as the input
    cuts: tuple[Cut, ...]

    @property
    def is_advisory(self) -> bool:
        """Whether the whole report is an editors' advisory or news budget."""
        return any(cut.kind == "advisory" for cut in self.cuts)

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
    return tuple(sorted(_find(text, _Table.of(rules)), key=lambda c: c.start))


def blank(text: str, cuts: Iterable[Cut]) -> str:
    """``text`` with every cut overwritten by spaces (line breaks kept)."""
    pieces, at = [], 0
    for cut in sorted(cuts, key=lambda c: c.start):
        start, end = max(cut.start, at), cut.end
        if start >= end:
            continue
        pieces.append(text[at:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(frozen=True, slots=True)
class _Table:
    """Rules split by where they match, and the cheap scans that find the few lines worth
    trying them on: most lines are news, and a Python loop that tries every rule on every
    line costs more than the rest of a briefing's early stages together.

    * Whole-line rules are grouped by the first two characters a line must start with to
      match them (read off each pattern with the stdlib's own pattern parser), one
      combined pattern per group: a line of news is tried against the few rules that can
      start as it does ("th" -> 5 rules, "of" -> none). Rules whose matches are short
      (codes like "(mk)") are tried only on short lines.
    * Rules that may start anywhere in a line ("... contributed to this report") have
      ``words`` and are tried only on lines that hold one of them. The words are found by
      one C-level search of the report for *anchors*, each word's tail from its rarest
      character ("contributed" -> "buted"): the search skips every position that does
      not hold a rare character, so it costs little per character.
    """

    anywhere: tuple[Rule, ...]
    head: tuple[Rule, ...]
    tail: tuple[Rule, ...]
    prefix: tuple[Rule, ...]
    suffix: tuple[Rule, ...]
    title: tuple[Rule, ...]
    inline: tuple[Rule, ...]  # each searched for in the whole text, gated by its words
    plain: tuple[Rule, ...]  # whole-line rules opened by a line's first character
    worded: tuple[Rule, ...]  # whole-line rules opened by their ``words``
    # How a match starts -> the plain rules: by two characters, by one (rules read no
    # further, or whole matches of one character) and rules that may start anyhow.
    by_two: dict[str, tuple[Rule, ...]]
    by_one: dict[str, tuple[Rule, ...]]
    anyhow: tuple[Rule, ...]
    # How a line starts (its first two characters) -> the plain rules it may match: one
    # pattern, and the rules in order; filled as starts are met (see _start).
    starts: dict[str, tuple[re.Pattern[str] | None, tuple[Rule, ...]]]
    gates: dict[str, re.Pattern[str] | None]  # the patterns of ``starts`` alone
    every: tuple[re.Pattern[str] | None, tuple[Rule, ...]]  # short lines, non-ASCII starts
    anchors: re.Pattern[str] | None  # the anchors of every word, in one pattern
    anchor_rules: dict[str, tuple[Rule, ...]]  # an anchor found -> the worded rules it opens
    prefix_gate: re.Pattern[str] | None
    last_chars: frozenset[str]  # how a line a suffix rule may take ends: its last character
    endings: tuple[str, ...]  # ... and its end (any case)
    positional_gate: re.Pattern[str] | None  # head and tail rules, in one pattern
    head_starts: Starts  # how a head, prefix or tail rule's match may start
    tail_starts: Starts
    # the words of those that may start anyhow, found in a head or tail line (lower case)
    head_words: re.Pattern[str] | None
    tail_words: re.Pattern[str] | None

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> _Table:
        """The table of ``rules``; the default rules' table is built once, on first use."""
        return _default_table() if rules is RULES else cls.build(rules)

    @classmethod
    def build(cls, rules: Sequence[Rule]) -> _Table:
        groups = [tuple(r for r in rules if r.where == w) for w in _WHERE]
        anywhere, head, tail, prefix, suffix, title, inline = groups
        firsts = {id(r): openings(r.pattern, 1) for r in anywhere}
        # Rules with words that can start anywhere in a line are opened by their words;
        # all others by how the line starts.
        worded = tuple(
            r for r in anywhere if r.words and len(firsts[id(r)] or _ASCII) > MAX_FIRST_CHARACTERS
        )
        plain = tuple(r for r in anywhere if r not in worded)
        by_two: dict[str, list[Rule]] = {}
        by_one: dict[str, list[Rule]] = {}
        unknown: list[Rule] = []
        for rule in plain:
            if _widest(rule.pattern) <= SHORT_LINE:
                continue  # tried on short lines only, with every rule
            starts = openings(rule.pattern, 2) or firsts[id(rule)]
            if starts is None:
                unknown.append(rule)
                continue
            for start in starts:
                (by_two if len(start) == 2 else by_one).setdefault(start, []).append(rule)
        order = {id(r): k for k, r in enumerate(rules)}
        anchors: dict[str, list[Rule]] = {}
        for rule in worded:
            for word in rule.words:
                anchors.setdefault(_anchor(word), []).append(rule)
        # The search finds the shortest anchor of those sharing a start: it opens them all.
        anchor_rules = {
            a: tuple(
                sorted(
                    {id(r): r for b, rs in anchors.items() if b.startswith(a) for r in rs}.values(),
                    key=lambda r: order[id(r)],
                )
            )
            for a in anchors
        }
        endings = sorted(
            {
                v
                for r in suffix
                for w in r.words
                for v in ((w, w.lower(), w.upper(), w.title()) if _caseless(r) else (w,))
            }
        )
        return cls(
            anywhere,
            head,
            tail,
            prefix,
            suffix,
            title,
            inline,
            plain,
            worded,
            {two: tuple(rs) for two, rs in by_two.items()},
            {one: tuple(rs) for one, rs in by_one.items()},
            tuple(unknown),
            {},
            {},
            (_gate(plain), plain),
            re.compile(trie_pattern(anchor_rules)) if anchor_rules else None,
            anchor_rules,
            _gate(prefix),
            frozenset(w[-1] for w in endings),
            tuple(endings),
            _gate(head + tail),
            _starts_of(head + prefix),
            _starts_of(tail),
            _words_of(head + prefix),
            _words_of(tail),
        )


def _caseless(rule: Rule) -> bool:
    return bool(rule.pattern.flags & re.IGNORECASE)


@functools.cache
def _gate_of(rules: tuple[Rule, ...]) -> re.Pattern[str] | None:
    """:func:`_gate`, once for each group of rules (many starts share a group); a rule
    alone is its own pattern, compiled already."""
    return rules[0].pattern if len(rules) == 1 else _gate(rules)


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


MAX_FIRST_CHARACTERS = 40  # a rule that may start with more (any word) is opened by its words
# Characters from the most to the least frequent in English news text; a character not
# listed is rarer than all of them.
_FREQUENCY = " etaoinsrhldcumfpgwybv,.kx-'jqz0123456789\""
_RARITY = {c: k for k, c in enumerate(_FREQUENCY)}


def _anchor(word: str) -> str:
    """The tail of ``word`` from its rarest character that leaves :data:`MIN_ANCHOR`
    characters: a line holding ``word`` holds it, and few lines hold a rare start."""
    last = max(0, len(word) - MIN_ANCHOR)
    at = max(range(last + 1), key=lambda k: (_RARITY.get(word[k], len(_FREQUENCY)), -k))
    return word[at:]


MIN_ANCHOR = 4


@functools.cache
def openings(pattern: re.Pattern[str], k: int = 2) -> frozenset[str] | None:
    """The ASCII strings of ``k`` characters a match of ``pattern`` can start with (shorter
    ones: whole matches), or None when that is not known (any character, or a construct
    this reading does not follow). A line that starts otherwise cannot match; lines with a
    non-ASCII character in their first ``k`` are tried against every rule."""
    try:
        found = _seq(list(_parsed(pattern)), pattern.flags, k)
    except Exception:  # a reading that fails only costs speed
        return None
    return None if found is None or "" in found else frozenset(found)


SHORT_LINE = 12  # lines this short are tried against every rule (codes, markers)


def _widest(pattern: re.Pattern[str]) -> int:
    """The most characters a match of ``pattern`` can take (large when unbounded)."""
    try:
        return int(_parsed(pattern).getwidth()[1])
    except Exception:  # unknown: as if unbounded
        return 1 << 30


@functools.cache
def _parsed(pattern: re.Pattern[str]) -> Any:
    """``pattern`` as the stdlib's own parser reads it (``re._parser``, Python 3.11+)."""
    from re import _parser  # type: ignore[attr-defined]

    return _parser.parse(pattern.pattern, pattern.flags)


MAX_OPENINGS = 20_000  # more ways to start than this: any way, as far as the tables go
_ASCII = [chr(c) for c in range(128)]
_CATEGORIES = {
    "CATEGORY_DIGIT": {c for c in _ASCII if c.isdigit()},
    "CATEGORY_WORD": {c for c in _ASCII if c.isalnum() or c == "_"},
    "CATEGORY_SPACE": {c for c in _ASCII if c.isspace()},
}


def _seq(items: list[Any], flags: int, k: int) -> set[str] | None:
    """Starts (up to ``k`` characters) of a parsed sequence; "" when it can match nothing."""
    found = {""}
    for op, av in items:
        open_ = {x for x in found if len(x) < k}
        if not open_:
            break
        starts = _item(str(op), av, flags, k)
        if starts is None:
            return None
        found = {x for x in found if len(x) >= k} | {(x + y)[:k] for x in open_ for y in starts}
        if len(found) > MAX_OPENINGS:
            return None
    return found


def _item(op: str, av: Any, flags: int, k: int) -> set[str] | None:
    """Starts of one parsed item (``op`` and its argument, as ``re._parser`` gives them)."""
    caseless = bool(flags & re.IGNORECASE)

    def literal(code: int) -> set[str]:
        ch = chr(code)
        return {ch, ch.lower(), ch.upper()} if caseless else {ch}

    if op == "LITERAL":
        return literal(av)
    if op == "IN":
        out: set[str] = set()
        for item_op, item in av:
            name = str(item_op)
            if name == "LITERAL":
                out |= literal(item)
            elif name == "RANGE" and item[1] - item[0] < 512:
                for code in range(item[0], item[1] + 1):
                    out |= literal(code)
            elif name == "CATEGORY" and str(item) in _CATEGORIES:
                out |= _CATEGORIES[str(item)]
            else:
                return None
        return out
    if op == "SUBPATTERN":
        _, add, remove, sub = av
        return _seq(list(sub), (flags | add) & ~remove, k)
    if op == "BRANCH":
        out = set()
        for branch in av[1]:
            starts = _seq(list(branch), flags, k)
            if starts is None:
                return None
            out |= starts
        return out
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        once = _seq(list(sub), flags, k)
        if once is None:
            return None
        out, copies = set(), {""}
        for n in range(min(high, k) + 1):
            if n >= min(low, k):
                out |= copies
            done = {x for x in copies if len(x) >= k}
            copies = done | {(x + y)[:k] for x in copies - done for y in once}
            if len(copies) > MAX_OPENINGS:
                return None
        return out
    if op in ("AT", "ASSERT", "ASSERT_NOT"):
        return {""}  # consumes nothing; any character may follow
    return None  # ANY, NOT_LITERAL, back references, ...


_WHERE = ("line", "head", "tail", "prefix", "suffix", "title", "inline")
_ADVISORY_ANCHORS = re.compile(trie_pattern({_anchor(w) for w in ADVISORY_WORDS}))
SUFFIX_WINDOW = 600  # suffix packaging (a photo credit, a purchase note) is short


def _clean(doc: Document, table: _Table) -> Cleaned:
    lines = _lines(doc.text)
    capitals = [0]
    found = tuple(_find(doc.text, table, lines, capitals))
    if is_advisory(doc.text, found, doc.title, lines, capitals[0]):
        log.warning(
            "%s: an editors' advisory or news budget, not a report: it adds nothing", doc.id
        )
        cuts = tuple(Cut(a, b, "advisory") for a, b in lines)
        text = blank(doc.text, cuts)
        return Cleaned(replace(doc, text=text, title=None), cuts)
    cuts = _outermost((*found, *_title_repeat(doc), *_author_notes(doc.text, found, lines)))
    if not cuts:
        return Cleaned(doc, ())
    return Cleaned(replace(doc, text=blank(doc.text, cuts)), cuts)


def _outermost(cuts: Iterable[Cut]) -> tuple[Cut, ...]:
    """``cuts`` in text order, without those inside another (a code inside a cut line)."""
    kept: list[Cut] = []
    for cut in sorted(cuts, key=lambda c: (c.start, -c.end)):
        if kept and cut.end <= kept[-1].end:
            continue
        kept.append(cut)
    return tuple(kept)


def is_advisory(
    text: str,
    cuts: Sequence[Cut],
    title: str | None = None,
    lines: Sequence[tuple[int, int]] | None = None,
    capitals: int | None = None,
) -> bool:
    """Whether a report is an editors' advisory or news budget as a whole, not a report.

    It is when it talks of stories that move (:data:`ADVISORY_WORDS`: "the following
    stories", "plans to move", "700 words", in its text or title) and at least
    :data:`ADVISORY_SHARE` of its lines, and :data:`MIN_ADVISORY_LINES` of them, are
    packaging: lines the rules cut, budget lines (a slug in capitals and the story's
    description, a byline in capitals; :data:`BUDGET_LINE`) or lines with a budget note
    (a word count, "will move"; :data:`BUDGET_NOTE`). A report of the event has one
    dateline and a few packaging lines, far below that share. A report where fewer than
    that share of the lines are cut or start with two capitals (``capitals`` counts
    them) is not looked at further: that settles most reports at no cost.
    """
    lines = _lines(text) if lines is None else lines
    if capitals is None:
        capitals = sum(text[a : a + 2].isupper() for a, _ in lines)
    if (
        len(lines) < MIN_ADVISORY_LINES
        or len(cuts) + capitals < max(MIN_ADVISORY_LINES, ADVISORY_SHARE * len(lines))
        or not (_says_advisory(text) or (title is not None and _says_advisory(title)))
    ):
        return False
    cut_starts = {c.start for c in cuts}
    covered = sorted((c.start, c.end) for c in cuts)
    allowed = (1 - ADVISORY_SHARE) * len(lines)  # lines of news an advisory may hold
    news = packaging = 0
    for start, end in lines:
        if (
            start in cut_starts
            or _covered(covered, start, end)
            or BUDGET_LINE.fullmatch(text, start, end)
            or BUDGET_NOTE.search(text, start, end)
        ):
            packaging += 1
        else:
            news += 1
            if news > allowed:
                return False
    return packaging >= MIN_ADVISORY_LINES


def _says_advisory(text: str) -> bool:
    lower = text.lower()
    return _ADVISORY_ANCHORS.search(lower) is not None and any(w in lower for w in ADVISORY_WORDS)


def _covered(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether more than half of ``start:end`` lies in the sorted ``spans``."""
    k = bisect.bisect_right(spans, (end, end))
    inside = sum(max(0, min(b, end) - max(a, start)) for a, b in spans[max(0, k - 4) : k])
    return inside * 2 > end - start


def _lines(text: str) -> list[tuple[int, int]]:
    """Each non-blank line, without its surrounding spaces."""
    return [m.span() for m in _STRIPPED_LINE.finditer(text)]


def clean_title(title: str | None, rules: Sequence[Rule] = RULES) -> str | None:
    """``title`` without its packaging pieces (release and use notes, part and version
    markers, slugs, urgency tags, tagline credits; the ``title`` rules), spaces made
    single and trailing punctuation dropped; None when nothing is left."""
    if not title:
        return None
    table = _Table.of(rules)
    text = " ".join(title.split())
    for _ in range(MAX_TITLE_PASSES):
        before = text
        for rule in (*table.title, *table.inline):
            text = rule.pattern.sub(" ", text).strip()
        if text == before:
            break
    text = " ".join(text.split()).strip(_TITLE_TRIM)
    if text and _ABBREVIATION_END.search(title.rstrip()):
        text += "."  # "Found in N.J." keeps its last full stop
    return text or None


MAX_TITLE_PASSES = 3  # "URGENT: (2) $Adv12 ..." holds several pieces
_TITLE_TRIM = " .,;:/|_-—–"
_ABBREVIATION_END = re.compile(r"(?:^|[\s.])[A-Z]\.$")


def _find(
    text: str,
    table: _Table,
    lines: Sequence[tuple[int, int]] | None = None,
    capitals: list[int] | None = None,
) -> Iterable[Cut]:
    """The cuts of ``text``; ``capitals[0]`` counts the lines starting with two capitals."""
    lines = _lines(text) if lines is None else lines
    n = len(lines)
    lower = text.lower()
    opened = _opened(text, lower, table)
    gates, every = table.gates, table.every[0]
    last_chars, endings = table.last_chars, table.endings
    middle = range(min(HEAD_LINES, n), max(HEAD_LINES, n - TAIL_LINES))
    upper = 0
    # head and tail lines holding the words of the rules left to them: one search each
    head_words = _holding(table.head_words, text, lower, lines[:HEAD_LINES])
    tail_words = _holding(table.tail_words, text, lower, lines[max(0, n - TAIL_LINES) :])
    for i in (*range(middle.start), *range(middle.stop, n)):
        start, end = lines[i]
        two = text[start : start + 2]
        upper += two.isupper()
        head, tail = i < HEAD_LINES, i >= n - TAIL_LINES
        gate = _start(table, two)[0] if end - start > SHORT_LINE else every
        plain = gate is not None and gate.fullmatch(text, start, end) is not None
        if (
            plain
            or (head and _may_start(table.head_starts, two))
            or (tail and _may_start(table.tail_starts, two))
            or (head and start in head_words)
            or (tail and start in tail_words)
            or start in opened
            or (text[end - 1] in last_chars and text.endswith(endings, start, end))
        ):
            yield from _look(text, start, end, head, tail, plain, opened, table)
    for start, end in lines[middle.start : middle.stop]:
        # The common case, a line of news, in as few steps as can be: no rule for how it
        # starts matches it, none of the words is in it, and it does not end as a suffix
        # rule's packaging does.
        if end - start > SHORT_LINE:
            two = text[start : start + 2]
            upper += two.isupper()
            gate = gates.get(two, _UNSEEN)
            if gate is _UNSEEN:
                gate = _start(table, two)[0]
        else:
            upper += text[start : start + 2].isupper()
            gate = every
        plain = gate is not None and gate.fullmatch(text, start, end) is not None
        if (
            plain
            or start in opened
            or (text[end - 1] in last_chars and text.endswith(endings, start, end))
        ):
            yield from _look(text, start, end, False, False, plain, opened, table)
    if capitals is not None:
        capitals[0] = upper
    for rule in table.inline:
        if rule.words_re is None or rule.words_re.search(lower) is not None:
            for match in rule.pattern.finditer(text):
                yield Cut(match.start(), match.end(), rule.kind)


def _look(
    text: str,
    start: int,
    end: int,
    head: bool,
    tail: bool,
    plain: bool,
    opened: dict[int, tuple[Rule, ...]],
    table: _Table,
) -> Iterable[Cut]:
    """The packaging of one line worth a closer look: the whole line, or pieces of it."""
    line = text[start:end]
    positional = (table.head if head else ()) + (table.tail if tail else ())
    pos_gate = table.positional_gate
    if positional and (pos_gate is None or pos_gate.fullmatch(line) is None):
        positional = ()
    plain_rules = (_start(table, line[:2]) if len(line) > SHORT_LINE else table.every)[1]
    worded = tuple(r for r in opened.get(start, ()) if r.where == "line")
    rules = _in_order(plain_rules if plain else (), worded, table)
    rule = _whole_line(line, (*rules, *positional)) if rules or positional else None
    if rule is not None:
        yield Cut(start, end, rule.kind)
        return
    if head and table.prefix_gate and table.prefix_gate.match(text, start, end):
        for cut in _prefixes(text, start, end, table):
            start = cut.end
            yield cut
    if text[end - 1] in table.last_chars and text.endswith(table.endings, start, end):
        tail_cut = _suffix(text, start, end, table)
        if tail_cut is not None:
            yield tail_cut


_UNSEEN = re.compile("")  # a start not met yet
Starts = tuple[frozenset[str], frozenset[str], bool]  # two characters, one, or any start


def _starts_of(rules: Iterable[Rule]) -> Starts:
    """How matches of ``rules`` may start: by two characters, by one, or anyhow. A rule
    that may start anyhow but has ``words`` is left to them (see :func:`_opened`)."""
    two: set[str] = set()
    one: set[str] = set()
    for rule in rules:
        if rule.words and _broad_start(rule):
            continue
        starts = openings(rule.pattern, 2) or openings(rule.pattern, 1)
        if starts is None:
            return frozenset(), frozenset(), True
        for start in starts:
            (two if len(start) == 2 else one).add(start)
    return frozenset(two), frozenset(one), False


def _broad_start(rule: Rule) -> bool:
    """Whether a head, tail or prefix rule may start with many characters (any capital):
    one with ``words`` is then looked for by them instead."""
    firsts = openings(rule.pattern, 1)
    return firsts is None or len(firsts) > MAX_EDGE_FIRST_CHARACTERS


MAX_EDGE_FIRST_CHARACTERS = 10


def _words_of(rules: Iterable[Rule]) -> re.Pattern[str] | None:
    """The words of the ``rules`` left to them (see :func:`_broad_start`), as one pattern."""
    words = {w for r in rules if r.words and _broad_start(r) for w in r.words}
    return re.compile(trie_pattern(words)) if words else None


def _holding(
    words: re.Pattern[str] | None, text: str, lower: str, lines: Sequence[tuple[int, int]]
) -> set[int]:
    """Where the ``lines`` (in a row) holding one of ``words`` start."""
    if words is None or not lines:
        return set()
    return {_line_start(text, m.start()) for m in words.finditer(lower, lines[0][0], lines[-1][1])}


def _line_start(text: str, at: int) -> int:
    """Where the line holding ``at`` starts, past its leading spaces."""
    k = text.rfind("\n", 0, at) + 1
    while text[k].isspace():
        k += 1
    return k


def _may_start(starts: Starts, two: str) -> bool:
    """Whether a line beginning with ``two`` may be matched (non-ASCII: always)."""
    return starts[2] or two in starts[0] or two[:1] in starts[1] or not two.isascii()


def _start(table: _Table, two: str) -> tuple[re.Pattern[str] | None, tuple[Rule, ...]]:
    """The plain rules a line starting with ``two`` may match, as one pattern and in table
    order (every rule for a non-ASCII start); kept in the table for the next line."""
    found = table.starts.get(two)
    if found is None:
        if not two.isascii():
            found = table.every
        else:
            these = {id(r): r for r in (*table.by_two.get(two, ()), *table.by_one.get(two[0], ()))}
            these.update((id(r), r) for r in table.anyhow)
            rules = tuple(r for r in table.plain if id(r) in these)
            found = (_gate_of(rules), rules)
        table.starts[two] = found
        table.gates[two] = found[0]
    return found


def _in_order(plain: tuple[Rule, ...], worded: tuple[Rule, ...], table: _Table) -> tuple[Rule, ...]:
    """The rules of both groups, once each, in table order (the first that matches names
    the kind)."""
    if not worded:
        return plain
    if not plain and len(worded) == 1:
        return worded
    chosen = {id(r) for r in (*plain, *worded)}
    return tuple(r for r in table.anywhere if id(r) in chosen)


def _opened(text: str, lower: str, table: _Table) -> dict[int, tuple[Rule, ...]]:
    """The worded rules each line may match, by where the line starts (past its leading
    spaces): those whose words' anchors it holds."""
    if table.anchors is None:
        return {}
    found: dict[int, tuple[Rule, ...]] = {}
    search = table.anchors.search
    match = search(lower)
    while match is not None:  # anchors may overlap ("(for use"): search on from the next place
        at = match.start()
        k = _line_start(text, at)
        rules = table.anchor_rules[match.group()]
        found[k] = found[k] + rules if k in found else rules
        match = search(lower, at + 1)
    return found


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


def _author_notes(
    text: str, cuts: Sequence[Cut], lines: Sequence[tuple[int, int]]
) -> Iterable[Cut]:
    """A note on the author in the last third of a report: a line that opens with a
    person's full name and what they are ("Jane Okoro is the president of Valley
    Research, a ...", "Tom Ellery, a former mayor, writes ..."), where the name is the
    byline's or is not met anywhere before it (a column's closing note introduces its
    author; a report names the people it is about before it describes them)."""
    bylines = {
        _key(m.group(1))
        for cut in cuts
        if cut.kind == "byline"
        for m in [_BYLINE_NAME.match(text, cut.start, cut.end)]
        if m is not None
    }
    for start, end in lines[len(lines) - len(lines) // 3 :]:
        note = _AUTHOR_NOTE.match(text, start, end)
        if note is None or _REPORTED.search(text, start, end) or has_quote(text[start:end]):
            continue
        name = note.group(1)
        surname = name.split()[-1]
        if _key(name) in bylines or surname not in text[:start]:
            yield Cut(start, end, "credit")


_BYLINE_NAME = re.compile(
    r"(?:\([a-z]{1,4}\)\s*)?By:?\s+([A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){1,3})"
)
# A full name (two to four words), then what the person is.
_NAME = r"(?:[A-Z][a-z][\w'\-]*|[A-Z]\.)(?:\s+(?:[A-Z][a-z][\w'\-]*|[A-Z]\.)){1,3}"
_AUTHOR_NOTE = re.compile(
    rf"({_NAME})(?:,? and {_NAME})?,?\s+(?:(?:is|was|are|were|has been)\s+(?:an?|the)|"
    r"writes?\s+(?:for|about|on)|teach(?:es)?(?:\s+at)?)\b"
)


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


@functools.cache
def _default_table() -> _Table:
    """The table every call without its own rules uses (built once, not at import)."""
    return _Table.build(RULES)

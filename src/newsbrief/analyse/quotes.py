"""Direct quotations, their speakers, and which reports carry them.

Articles mark quotes: a span between quotation marks (a paragraph left open and
re-opened continues the quote) of at least :data:`MIN_QUOTE_WORDS` words. Its
speaker is named next to it (``"…," State Department spokesman Ned Price said``;
``Price insisted: "…"``); a pronoun ("he continued") or no attribution at all
means the speaker of the previous quote, or else the last person named before it.

Transcripts do not mark quotes. A clip is announced ("Let us hear what he said
here.", "Here is what she said:"), and the next speaker turn is the newsmaker's
words; host and correspondent turns are not quotes.

Names resolve to the full name the cluster gives (Price -> Ned Price) and a role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsbrief.analyse.entities import ROLE_NOUNS, TITLES, alias_key, role_near
from newsbrief.analyse.nlp import EntitySpan
from newsbrief.analyse.spans import Locator
from newsbrief.language.quotes import has_quote, next_opening, quote_spans
from newsbrief.language.transcripts import CLIP_CUE
from newsbrief.models import Document, Entity, Mention, Quote

__all__ = ["find_quotes", "merge_quotes", "normalise", "quote_spans"]

MIN_QUOTE_WORDS = 4
CUE_VERBS = (
    "said|says|told|tells|added|adds|continued|continues|warned|warns|insisted|insists|"
    "stressed|noted|explained|argued|asked|replied|wrote|writes|declared|announced|stated|"
    "remarked|acknowledged|admitted|conceded|cautioned|urged|recalled|tweeted|posted|"
    "according to|maintained|emphasized|emphasised|observed|pointed out|went on|countered|"
    "responded|predicted|promised|vowed|claimed|confirmed|estimated|suggested|indicated|"
    "called|described|"
    # manner of speaking: '"...," he bellowed'
    "shouted|yelled|screamed|bellowed|exclaimed|cried|muttered|whispered|snapped|quipped|"
    "joked|complained|pleaded|testified|boasted|mused|sighed|laughed|"
    "contended|charged|objected|protested|agreed|affirmed|reiterated|concluded|reported"
)
_MARKS = '“”"«»„‘’`'  # quotation marks end a speaker phrase (see language.quotes)
_CLOSING_CHARS = "”\"'’»›“"
_OPENING_CHARS = "“\"`'‘„«‹"
_PRONOUNS = {"he", "she", "they", "him", "her"}
_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?P<verb1>{CUE_VERBS})\s+(?P<who1>[^,.;:{_MARKS}]+)|"
    rf"(?P<who2>[^,.;:{_MARKS}]+?)\s+(?P<verb2>{CUE_VERBS}))\b"
)
_BEFORE = re.compile(
    rf"(?P<who>[A-Z][^,.;:{_MARKS}]*?|\b(?:he|she|they))\s+(?P<verb>{CUE_VERBS})"
    rf"(?:\s+(?:that|reporters|journalists|it|them|the\s+\w+))?\s*[,:]?\s*$"
)
_NAME = re.compile(r"[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][\w’'-]+)*")
_ROLE_WORD = re.compile(rf"(?i:\b(?:{ROLE_NOUNS})\b)")
_THE_ROLE = re.compile(rf"\b[Tt]he\s+((?i:{ROLE_NOUNS}))\b")


@dataclass(frozen=True, slots=True)
class Said:
    """One quotation in one report, before quotes of several reports are merged."""

    mention: Mention  # the quoted words (without the marks)
    speaker: str | None
    role: str | None
    cue: str | None
    speaker_text: str | None
    kind: str
    anchor: int  # where the attribution sits: a pronoun resolves to a person named before it


def find_quotes(
    documents: Sequence[Document],
    locator: Locator,
    spans: Sequence[Sequence[EntitySpan]],
    entities: Sequence[Entity],
) -> tuple[Quote, ...]:
    """Quotations of every report, merged across reports, in order of first appearance."""
    said: list[Said] = []
    for i, doc in enumerate(documents):
        persons = [s for s in spans[i] if s.label == "PERSON"] if spans else []
        found = list(_marked(doc, i, locator, persons))
        if doc.kind == "transcript":
            found += _clips(doc, i, locator, persons)
        found.sort(key=lambda q: q.mention.start)
        said += _resolve(found, entities, persons, doc.text)
    return merge_quotes(sorted(said, key=lambda q: (q.mention.doc_index, q.mention.start)))


# ----------------------------------------------------------------------------- articles


def _marked(doc: Document, i: int, locator: Locator, persons: list[EntitySpan]) -> Iterator[Said]:
    for start, end in quote_spans(doc.text):
        inner = doc.text[start:end].strip()
        if len(inner.split()) < MIN_QUOTE_WORDS:
            continue  # a scare quote or a quoted term, not a quotation
        mention = locator.mention(i, start, start + len(doc.text[start:end].rstrip(",. ")))
        who, verb = _attribution(doc.text, start, end)
        yield _said(mention, who, verb, doc.text, persons, "quoted")


def _attribution(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The speaker phrase and cue verb next to a quote: after it, else before it."""
    line_end = min(len(text), *(p for p in (text.find("\n", end), end + 160) if p >= 0))
    after = text[end:line_end].lstrip(_CLOSING_CHARS)
    match = _AFTER.match(after)
    if match and not _opens_quote(after.lstrip(" ,")):
        who = match.group("who1") or match.group("who2")
        verb = match.group("verb1") or match.group("verb2")
        if _speakerlike(who):
            return who.strip(), verb
    line_start = max(text.rfind("\n", 0, start) + 1, start - 200)
    match = _BEFORE.search(text[line_start:start].rstrip(_OPENING_CHARS))
    if match and _speakerlike(match.group("who")):
        return match.group("who").strip(), match.group("verb")
    return None, None


def _opens_quote(text: str) -> bool:
    found = next_opening(text[:4], 0)
    return found is not None and found[0] == 0


def _speakerlike(who: str) -> bool:
    words = who.split()
    if not words or len(words) > 8:
        return False
    return who.strip().lower() in _PRONOUNS or bool(_NAME.search(who) or _ROLE_WORD.search(who))


# ----------------------------------------------------------------------------- transcripts


def _clips(doc: Document, i: int, locator: Locator, persons: list[EntitySpan]) -> Iterator[Said]:
    """Turns announced as a newsmaker's recorded words."""
    sentences = locator.doc_sentences(i)
    for k, s in enumerate(sentences[:-1]):
        if not CLIP_CUE.search(s.text) or has_quote(s.text):
            continue
        turn = [t for t in sentences[k + 1 :] if t.paragraph == sentences[k + 1].paragraph]
        if turn[0].paragraph == s.paragraph:
            continue  # the clip must be a turn of its own
        mention = locator.mention(i, turn[0].start, turn[-1].end)
        who = _clip_speaker(s.text, sentences[max(0, k - 2) : k])
        yield _said(mention, who, "said" if who else None, doc.text, persons, "transcript",
                    anchor=s.start)  # fmt: skip


def _clip_speaker(cue: str, before: Sequence[object]) -> str | None:
    names = _NAME.findall(cue.split(":")[0])
    names = [n for n in names if n.split()[0] not in {"Let", "Here", "Listen", "This"}]
    if names:
        return names[-1]
    pronoun = re.search(r"\b(he|she|they)\b", cue, re.IGNORECASE)
    return pronoun.group(1).lower() if pronoun else None


# ----------------------------------------------------------------------------- speakers


def _said(
    mention: Mention,
    who: str | None,
    verb: str | None,
    text: str,
    persons: list[EntitySpan],
    kind: str,
    anchor: int | None = None,
) -> Said:
    """A quote with its raw speaker phrase split into a name and a role."""
    at = mention.start if anchor is None else anchor
    if who is None or who.lower() in _PRONOUNS:
        return Said(mention, None, None, verb, who, kind, at)
    name, role = _split_speaker(who, mention, text, persons, anchor)
    return Said(mention, name, role, verb, who, kind, at)


def _split_speaker(
    who: str, mention: Mention, text: str, persons: list[EntitySpan], anchor: int | None
) -> tuple[str, str | None]:
    """ "State Department spokesman Ned Price" -> ("Ned Price", "State Department spokesman")."""
    names = _NAME.findall(who)
    if not names:
        return _described(who), None
    name = _strip_titles(names[-1])
    role_part = who[: who.rfind(name)].strip(" ,")
    if name.split()[0] in {"The", "A", "An"} or (_ROLE_WORD.search(name) and len(names) == 1):
        return _described(who), None  # "The official", "A senior official"
    role = role_part if _ROLE_WORD.search(role_part) else None
    where = who.find(name)
    if role is None and where >= 0:
        start = text.find(who, max(0, mention.start - 400))
        role = role_near(text, start + where, start + where + len(name)) if start >= 0 else None
    return name, role


def _strip_titles(name: str) -> str:
    """ "Chief Rosa Delgado" -> "Rosa Delgado": a title or role word is not part of a name."""
    words = name.split()
    while len(words) > 2 and (words[0].lower().rstrip(".") in TITLES or _ROLE_WORD.match(words[0])):
        words = words[1:]
    return " ".join(words)


def _described(who: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", who.strip(), flags=re.IGNORECASE)


def _last_named(
    q: Said, text: str, persons: Sequence[EntitySpan], entities: Sequence[Entity]
) -> str | None:
    """The person named last before a quote: by name, or by a role ("The governor spoke
    ...") that one person of the cluster holds."""
    window = max(0, q.anchor - 600)
    last = [p for p in persons if window < p.end <= q.anchor]
    described = list(_THE_ROLE.finditer(text, window, q.anchor))
    if described and (not last or described[-1].start() > last[-1].end):
        holder = _role_holder(described[-1].group(1), entities)
        if holder:
            return holder
    return last[-1].text if last else None


def _role_holder(noun: str, entities: Sequence[Entity]) -> str | None:
    holders = [e.name for e in entities if e.role and noun.lower() in e.role.lower().split()]
    return holders[0] if len(set(holders)) == 1 else None


def _resolve(
    items: list[Said], entities: Sequence[Entity], persons: Sequence[EntitySpan], text: str
) -> list[Said]:
    """Pronouns and missing attributions take the previous speaker, else the last person
    named before the quote; surnames become full names."""
    out: list[Said] = []
    for q in items:
        if q.speaker is None and out and out[-1].speaker and _near(out[-1].mention, q.mention):
            prev = out[-1]
            q = Said(q.mention, prev.speaker, prev.role, q.cue, q.speaker_text, q.kind, q.anchor)
        elif q.speaker is None:
            name = _last_named(q, text, persons, entities)
            if name:
                q = Said(q.mention, name, None, q.cue, q.speaker_text, q.kind, q.anchor)
        out.append(_full_name(q, entities))
    return out


def _near(a: Mention, b: Mention) -> bool:
    return b.start - a.end < 1500


def _full_name(q: Said, entities: Sequence[Entity]) -> Said:
    if q.speaker is None:
        return q
    key = alias_key(q.speaker)
    for e in entities:
        if e.type == "person" and key in {alias_key(a) for a in e.aliases} | {alias_key(e.name)}:
            role = q.role or e.role
            return Said(q.mention, e.name, role, q.cue, q.speaker_text, q.kind, q.anchor)
    for e in sorted(entities, key=lambda e: -len(e.name)):
        name = alias_key(e.name)
        if (
            e.type != "person"
            and f" {name} " in f" {key} "
            and len(key.split()) - len(name.split()) <= 1
        ):  # "the United Auto Workers union" is the United Auto Workers
            return Said(q.mention, e.name, q.role, q.cue, q.speaker_text, q.kind, q.anchor)
    return q


# ----------------------------------------------------------------------------- merging


def normalise(text: str) -> str:
    """Wording key: lower case, letters and digits only."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def _same_quote(a: str, b: str) -> bool:
    na, nb = normalise(a), normalise(b)
    if na in nb or nb in na:
        return True
    wa, wb = set(na.split()), set(nb.split())
    return len(wa & wb) / max(1, min(len(wa), len(wb))) >= 0.7


def merge_quotes(said: Sequence[Said]) -> tuple[Quote, ...]:
    """One :class:`Quote` per quotation, with every report (and wording) that carries it."""
    groups: list[list[Said]] = []
    for q in said:
        for g in groups:
            if g[0].mention.doc_index != q.mention.doc_index and _same_quote(
                g[0].mention.text, q.mention.text
            ):
                g.append(q)
                break
        else:
            groups.append([q])
    return tuple(_quote(g, k + 1) for k, g in enumerate(groups))


def _quote(group: list[Said], number: int) -> Quote:
    first = group[0]
    named = next((q for q in group if q.speaker), first)
    wordings = {normalise(q.mention.text) for q in group}
    return Quote(
        id=f"q{number}",
        text=first.mention.text,
        speaker=named.speaker,
        role=named.role or next((q.role for q in group if q.role), None),
        cue=first.cue,
        speaker_text=first.speaker_text,
        mentions=tuple(q.mention for q in group),
        sources=tuple(sorted({q.mention.source for q in group})),
        identical=len(wordings) == 1,
        kind="transcript" if first.kind == "transcript" else "quoted",
    )

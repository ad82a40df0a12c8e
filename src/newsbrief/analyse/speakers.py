"""Who said a quotation: the attribution next to it, read as a clause.

:func:`newsbrief.analyse.quotes.quote_spans` finds the quoted words (and
:func:`~newsbrief.analyse.quotes.find_quotes` the clips of transcripts); this module
names their speaker, report by report, from the words around them:

* after the quote: ``"…," said Ortiz, who was hurt`` (the first name after the verb),
  ``"…," the Russian navy commander, Adm. Vladimir Kuroyedov, said`` (the name nearest
  the verb; appositives and relative clauses are read past);
* before it, in the same sentence: ``Albright, echoing the president, said the United
  States would "…"`` (the subject of the cue verb);
* pronouns (``he said``) name the person who was last the subject of a sentence;
* ``the navy chief said`` names the person the report earlier called navy chief, else
  stays unnamed; unnamed speakers (``one shopper said``, ``said a relative``, ``the group
  said in a statement``) keep their description and no name;
* a quote with no attribution continues the quote before it in the same or the previous
  paragraph, else has no speaker.

Names resolve to the fullest form the cluster's entities give (Hall -> Jim Hall).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsbrief.analyse.entities import ROLE_NOUNS, TITLES, alias_key
from newsbrief.analyse.nlp import EntitySpan
from newsbrief.analyse.quotes import (
    CUE_VERBS,
    MIN_QUOTE_WORDS,
    Said,
    find_quotes,
    merge_quotes,
    normalise,
    quote_spans,
)
from newsbrief.analyse.spans import Locator
from newsbrief.language.quotes import PAIRS
from newsbrief.models import Document, Entity, Mention, Quote

CUES = CUE_VERBS + "|saying|testifies|reports|read|reads|adding|recalls"
_CUE = re.compile(rf"\b(?:{CUES})\b")
_CUE_FIRST = re.compile(rf"^\s*,?\s*(?:{CUES})\b")
_CUE_LAST = re.compile(rf"\b(?:{CUES})\s*(?:that\s+|reporters\s+|journalists\s+)?[,:]?\s*$")
_PRONOUN = re.compile(r"^(?:he|she|He|She)$")
_UNNAMED = re.compile(
    r"^(?:a|an|one|another|some|two|three|several|many|other|most|the)\b", re.IGNORECASE
)
_WORD = r"(?:[A-Z][\w’'.-]*|(?:[A-Z]\.)+)"
_NAME = re.compile(
    rf"{_WORD}(?:\s+(?:(?:bin|al|de|van|von|der|la|du|del|da|ibn)\s+)?{_WORD})*(?:,\s+(?:Jr|Sr)\.)?"
)
_FUNCTION = {
    "the", "a", "an", "but", "and", "in", "on", "at", "for", "of", "to", "as", "by", "with",
    "though", "although", "while", "when", "after", "before", "since", "if", "it", "this",
    "that", "there", "then", "still", "also", "yet", "so", "meanwhile", "however", "last",
    "next", "earlier", "later", "one", "another", "his", "her", "their", "its", "our",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "i", "we",
    "he", "she", "they", "you", "asked", "speaking", "according",
}  # fmt: skip
_RELATIVE = re.compile(r",\s+(?:who|which|whose|where|speaking|echoing|citing)\b(?:[^,]*,|.*$)")
_NUMBER_APPOSITIVE = re.compile(r",\s+\d+,")
# Nouns for people that are no role ("a Columbine student", "one shopper").
_PEOPLE = frozenset({
    "source", "sources", "relative", "witness", "resident", "member", "worker", "employee",
    "man", "woman", "person", "people", "friend", "neighbor", "neighbour", "student",
    "shopper", "owner", "survivor", "victim", "father", "mother", "son", "daughter",
    "wife", "husband", "brother", "sister", "parent", "activist", "expert", "specialist",
    "fan", "passenger", "driver", "pilot", "engineer", "diplomat", "lawmaker",
    "legislator",
})  # fmt: skip
_OBJECT_PRONOUN = re.compile(r"\b(him|her)(?:\s+as)?$", re.IGNORECASE)
_CONJUNCTION_END = re.compile(r"(?:^|[\s,])(?:and|but|then|or)(?:\s+also)?$")
# News outlets, who relay what someone said ("…," the Itar-Tass news agency reported).
_OUTLET = re.compile(
    r"\b(?:[Nn]ews|[Aa]gency|TASS|Tass|Interfax|Xinhua|Reuters|Associated Press|[Rr]adio|"
    r"[Tt]elevision|TV|[Nn]ewspaper|Daily|Times|Post|Journal|[Bb]roadcaster)\b"
)
# "the Eastlake, Ohio, resident", "a Laramie, Wyo., police officer": a place inside an
# unnamed description, read as one phrase
_PLACE_IN_DESCRIPTION = re.compile(
    r"^((?i:the|an?|one|another)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?),\s+"
    r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?),\s+(?=[a-z])"
)
_PARTY = re.compile(r"^[DRI]-[A-Z][a-z]+\.?$")
_ROLE = re.compile(rf"(?i:\b(?:{ROLE_NOUNS})\b)")
# Double quotation marks of every convention (single ones double as apostrophes).
_DOUBLE_MARKS = '"“”„«»‹›'
_CLOSERS = frozenset(c for closers in PAIRS.values() for mark in closers for c in mark)
# a double quotation mark, the wire's two-character ones included (``…'')
_DOUBLE_MARK = re.compile(rf"[{_DOUBLE_MARKS}]|``|''")
_CLAUSE_END = re.compile(rf"[.;:!?](?:\s|$)|{_DOUBLE_MARK.pattern}")
# Abbreviations whose dot ends no sentence: titles and ranks ("Brig. Gen."), AP state
# names ("Burlington, Mass., said"), and any capitalised word of up to three letters.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Adm|Gen|Sen|Rep|Gov|Lt|Col|Sgt|St|Jr|Sr|Capt|"
    r"Maj|Cmdr|Rev|Det|Insp|Supt|Ft|Mt|Brig|Prof|Msgr|Sens|Reps|Gens|Corp|"
    r"Ariz|Calif|Colo|Conn|Mass|Mich|Minn|Okla|Tenn|Wash|[A-Z][a-z]{0,2}))$"
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-Z])")
MAX_WORDS = 16  # an attribution phrase is short


def quotes_with_speakers(
    documents: Sequence[Document],
    locator: Locator,
    spans: Sequence[Sequence[EntitySpan]],
    entities: Sequence[Entity],
) -> tuple[Quote, ...]:
    """Every report's quotations (the words :func:`quote_spans` marks, at least
    :data:`MIN_QUOTE_WORDS` long), each given the speaker its own report names, merged
    across reports. Transcript clips, which no marks delimit, are read by
    :func:`find_quotes` and keep the speaker it finds."""
    said: list[Said] = []
    names = _Names.of(entities)
    for i, doc in enumerate(documents):
        persons = [s.text for s in spans[i] if s.label == "PERSON"] if spans else []
        groups = [s.text for s in spans[i] if s.label == "NORP"] if spans else []
        reader = _Reader(doc.text, locator, i, names.with_people(persons, groups))
        for start, end in quote_spans(doc.text):
            inner = doc.text[start:end]
            mention = locator.mention(i, start, start + len(inner.rstrip(",. ")))
            if len(inner.split()) >= MIN_QUOTE_WORDS:
                said.append(reader.read(mention))
            else:  # too short to be a quote, but '"It was awful," she recalled. "…' names
                reader.note(mention)  # the speaker of what follows
    if any(d.kind == "transcript" for d in documents):
        said += _clips(documents, locator, spans, entities, {q.mention for q in said})
    said.sort(key=lambda q: (q.mention.doc_index, q.mention.start))
    return _merge(said)


def _clips(
    documents: Sequence[Document],
    locator: Locator,
    spans: Sequence[Sequence[EntitySpan]],
    entities: Sequence[Entity],
    marked: set[Mention],
) -> list[Said]:
    """Transcript clips (speaker turns announced as a newsmaker's words), with the speaker
    :func:`find_quotes` gives them."""
    out = []
    for q in find_quotes(documents, locator, spans, entities):
        for m in q.mentions:
            if documents[m.doc_index].kind == "transcript" and m not in marked:
                out.append(Said(m, q.speaker, q.role, q.cue, q.speaker_text, "transcript", m.start))
    return out


def _merge(said: Sequence[Said]) -> tuple[Quote, ...]:
    """One quote per quotation carried by several reports: the same words and no two
    different speakers ("This is a tragedy" said by two people is two quotes)."""
    groups: list[list[Said]] = []
    keys = {id(q): normalise(q.mention.text) for q in said}
    for q in said:
        for g in groups:
            if (
                g[0].mention.doc_index != q.mention.doc_index
                and _same_words(keys[id(g[0])], keys[id(q)])
                and (q.speaker is None or all(x.speaker in {None, q.speaker} for x in g))
            ):
                g.append(q)
                break
        else:
            groups.append([q])
    quotes = [q for g in groups for q in merge_quotes(g)]
    return tuple(replace(q, id=f"q{k + 1}") for k, q in enumerate(quotes))


def _same_words(na: str, nb: str) -> bool:
    """Normalised wordings of one quotation (one holds the other, or most words shared)."""
    if na in nb or nb in na:
        return len(min(na, nb, key=len).split()) >= 6 or na == nb
    wa, wb = set(na.split()), set(nb.split())
    return len(wa & wb) / max(1, min(len(wa), len(wb))) >= 0.7


_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)*")  # one break, blank lines or not


class _Reader:
    """Attribution of the quotes of one report, in order (pronouns look back)."""

    def __init__(self, text: str, locator: Locator, doc: int, names: _Names) -> None:
        self.text, self.locator, self.doc, self.names = text, locator, doc, names
        self.previous: Said | None = None

    def read(self, m: Mention) -> Said:
        open_at, close_at = m.start - 1, self._close(m)
        who, cue = self._after(close_at)
        if who is None or _OUTLET.search(who):
            # '… told reporters that the crew "…," the Itar-Tass news agency reported':
            # the agency relays the words of the speaker named before them
            before, by = self._before(open_at)
            if before is not None or who is None:
                who, cue = before, by
        if who is None:
            who, cue = self._sentence_end(close_at)
        if who is None:
            prev = self.previous
            if prev is not None and self._continues(prev.mention, m):
                said = Said(m, prev.speaker, prev.role, None, None, "quoted", m.start)
            else:
                said = Said(m, None, None, None, None, "quoted", m.start)
        else:
            name, role = self._speaker(who, open_at)
            said = Said(m, name, role, cue, who.lstrip("@"), "quoted", m.start)
        self.previous = said
        return said

    def note(self, m: Mention) -> None:
        """A short quotation: only its attribution counts, for the quotes after it."""
        previous = self.previous
        said = self.read(m)
        if said.cue is None:  # a scare quote or a title: the previous speaker goes on
            self.previous = previous

    # -- where the attribution is

    def _close(self, m: Mention) -> int:
        k = m.end
        while k < len(self.text) and self.text[k] in ",. ?!":
            k += 1
        end = k
        while end < len(self.text) and end - k < 2 and self.text[end] in _CLOSERS:
            end += 1  # ”, », “ (after „), or the two characters of ''
        return end if end > k else m.end

    def _after(self, k: int) -> tuple[str | None, str | None]:
        """'"…," said X' / '"…," X said' up to the end of the clause."""
        rest = self.text[k : k + 250].split("\n", 1)[0]
        clause = rest[: _clause_end(rest)]
        # the character before the closing mark(s): '"…," said' has a comma there
        mark_after = self.text[max(0, k - 3) : k].rstrip("".join(_CLOSERS))[-1:]
        if not (clause.lstrip().startswith(",") or mark_after in {",", "?", "!", "-"}):
            return None, None
        body = clause.lstrip().lstrip(",").strip()
        first = _CUE_FIRST.match(body)
        if first:
            who = body[first.end() :].strip()
            return "@" + _first_phrase(who), first.group(0).strip()
        cue = _CUE.search(body)
        if cue is None or len(body[: cue.start()].split()) > MAX_WORDS:
            return None, None
        subject = body[: cue.start()].strip(" ,")
        return (subject or None), cue.group(0)

    def _sentence_end(self, k: int) -> tuple[str | None, str | None]:
        """'LISC "…" because they were to groups in poor areas, said Rovira.': a quote
        inside a sentence whose attribution ends the sentence."""
        sentence = self.locator.sentence_at(self.doc, k)
        if sentence is None or not k < sentence.end <= k + 250:
            return None, None
        tail = self.text[k : sentence.end]
        if _DOUBLE_MARK.search(tail):
            return None, None  # another quotation comes first
        for comma in re.finditer(r",\s", tail):
            who, cue = self._after(k + comma.start())
            if who is not None and _clause_end(self.text[k + comma.start() : sentence.end]) >= len(
                tail[comma.start() :].rstrip(" .!?\n")
            ):
                return who, cue
        return None, None

    def _before(self, k: int) -> tuple[str | None, str | None]:
        """'X, echoing the president, said the United States would "…' in one sentence."""
        sentence = self.locator.sentence_at(self.doc, max(0, k - 1))
        start = sentence.start if sentence is not None else max(0, k - 300)
        before = self.text[max(start, k - 300) : k].split("\n")[-1]
        before = re.split(rf"{_DOUBLE_MARK.pattern}|;", before)[-1]  # not past an earlier quote
        breaks = [b for b in _SENTENCE_BREAK.finditer(before)
                  if not _ABBREVIATION.search(before[: b.start()])]  # fmt: skip
        if breaks:
            before = before[breaks[-1].end() :]
        if before.rstrip().endswith((".", "!", "?")):
            return None, None  # the quote starts a sentence of its own
        cues = list(_CUE.finditer(before))
        if not cues:
            return None, None
        cue = cues[-1]
        subject = before[: cue.start()].strip(" ,")
        if cue.group(0) == "saying" and (pronoun := _OBJECT_PRONOUN.search(subject)):
            return pronoun.group(1).lower(), cue.group(0)  # "recalled him saying"
        if not subject or _CONJUNCTION_END.search(subject):
            # "X praised Y, but said '…", "X called it '…' and noted '…": X
            head = _clause_subject(self.text[start:k])
            subject = head or subject
        return (subject or None), cue.group(0)

    def _continues(self, prev: Mention, m: Mention) -> bool:
        """No attribution: the same speaker goes on within the paragraph or into the next."""
        between = self.text[prev.end : m.start]
        return len(_PARAGRAPH_BREAK.findall(between)) <= 1 and len(between) < 400

    # -- who the phrase names

    def _speaker(self, who: str, at: int) -> tuple[str | None, str | None]:
        verb_first = who.startswith("@")
        phrase = _NUMBER_APPOSITIVE.sub(",", _RELATIVE.sub(",", who.lstrip("@"))).strip(" ,")
        phrase = _PLACE_IN_DESCRIPTION.sub(r"\1 \2 ", phrase)
        if phrase in {"him", "her"}:
            return self._other_person(at), None
        nearest = phrase.split(",")[0 if verb_first else -1].split()
        if nearest and _PRONOUN.match(nearest[0]) and all(w.islower() for w in nearest[1:]):
            return self._subject_before(at), None
        name = _last_name(phrase, verb_first=verb_first)
        if name is None or _modifier(phrase, name):
            return self._described(phrase, at)
        role_part = phrase[: phrase.rfind(name)].strip(" ,")
        role = role_part if role_part and _ROLE.search(role_part) else None
        return self._full(name), role

    def _described(self, phrase: str, at: int) -> tuple[str | None, str | None]:
        """ "the navy chief": the person the report named so before, else nobody."""
        words = phrase.split()
        if not words or not _UNNAMED.match(phrase) or words[0].lower() != "the":
            return None, None
        role = " ".join(words[1:])
        if not _ROLE.search(role):
            return None, None
        pattern = re.compile(rf"(?i:{re.escape(role)}),?\s+({_NAME.pattern})")
        found = [mt.group(1) for mt in pattern.finditer(self.text, 0, at)]
        names = [n for n in (_last_name(f) for f in found) if n]
        return (self._full(names[-1]), role) if names else (None, None)

    def _subject_before(self, at: int) -> str | None:
        """The person who was last the subject of a sentence (or a quote's speaker)."""
        sentences = [s for s in self.locator.doc_sentences(self.doc) if s.start < at]
        prev = self.previous
        for s in reversed(sentences[-6:]):
            if prev is not None and prev.speaker and prev.mention.start >= s.start:
                return prev.speaker
            clause = self.text[s.start : min(s.end, at)]
            cue = _CUE.search(clause)
            head = _NUMBER_APPOSITIVE.sub(",", _RELATIVE.sub(",", clause[: cue.start()]
                                                             if cue else clause))  # fmt: skip
            if cue and _UNNAMED.match(head.split(",")[-1].strip()):
                return None  # "the FAA employee asked ...": "he" is not a named person
            names = [n for n in (_clean_name(mt.group(0)) for mt in _NAME.finditer(head)) if n]
            people = [n for n in names if self._is_person(n)]
            if people:  # the subject of "X said": the name nearest the verb
                return self._full(people[-1] if cue else people[0])
        return None

    def _other_person(self, at: int) -> str | None:
        """ "him" in "X said witnesses recalled him saying": the person named last before,
        other than the subject of the sentence."""
        sentence = self.locator.sentence_at(self.doc, max(0, at - 1))
        start = sentence.start if sentence is not None else at
        cue = _CUE.search(self.text, start, at)
        subject = self.text[start : cue.start() if cue else start]
        taken = {alias_key(n) for n in _names_in(subject)}
        window = self.text[max(0, at - 600) : at]
        people = [n for n in _names_in(window) if self._is_person(n) and alias_key(n) not in taken]
        return self._full(people[-1]) if people else None

    def _is_person(self, name: str) -> bool:
        key = alias_key(name)
        if key in self.names.person_suffixes:
            return True
        return len(key.split()) >= 2 and key not in self.names.others

    def _full(self, name: str) -> str:
        """The fullest form the cluster gives: "Hall" -> "Jim Hall"; words before a known
        name are a role ("Albany County Deputy Reggie Fluty")."""
        words = alias_key(name).split()
        for k in range(len(words)):
            found = self.names.by_alias.get(" ".join(words[k:]))
            if found:
                return found
            if len(words) - k <= 2:
                break
        people = self.names.by_surname.get(words[-1], set()) if words else set()
        if len(words) == 1 and len(people) == 1:
            return next(iter(people))
        return name


@dataclass(frozen=True, slots=True)
class _Names:
    """The cluster's names, indexed once: alias -> entity name, people's name endings,
    other entities' aliases, people by surname."""

    by_alias: dict[str, str]
    person_suffixes: frozenset[str]
    others: frozenset[str]
    by_surname: dict[str, set[str]]

    @classmethod
    def of(cls, entities: Sequence[Entity], extra_people: Sequence[str] = ()) -> _Names:
        by_alias: dict[str, str] = {}
        suffixes: set[str] = set()
        others: set[str] = set()
        by_surname: dict[str, set[str]] = {}
        for e in entities:
            keys = {alias_key(a) for a in (e.name, *e.aliases)}
            for k in keys:
                by_alias.setdefault(k, e.name)
            if e.type == "person":
                suffixes |= {_suffix for k in keys for _suffix in _suffixes(k)}
                by_surname.setdefault(alias_key(e.name).split()[-1], set()).add(e.name)
            else:
                others |= keys
        suffixes |= {x for p in extra_people for x in _suffixes(alias_key(p))}
        return cls(by_alias, frozenset(suffixes), frozenset(others), by_surname)

    def with_people(self, people: Sequence[str], groups: Sequence[str] = ()) -> _Names:
        """Also the people a report names, and its nationality and group words ("North
        Korean"), which name nobody."""
        more = {x for p in people for x in _suffixes(alias_key(p))}
        others = self.others | {alias_key(g) for g in groups}
        return _Names(self.by_alias, self.person_suffixes | more, others, self.by_surname)


def _names_in(text: str) -> list[str]:
    return [n for n in (_clean_name(mt.group(0)) for mt in _NAME.finditer(text)) if n]


def _clause_subject(sentence: str) -> str | None:
    """The name a sentence opens with, when a verb follows it (after any appositive)."""
    head = _NAME.match(sentence.lstrip())
    if head is None:
        return None
    rest = _RELATIVE.sub(",", sentence.lstrip()[head.end() :])
    rest = re.sub(r"^\s*,[^,]*,", "", rest)  # an appositive: "X, the mayor, said"
    verb = re.match(r"\s+([a-z]+)\b", rest)
    if verb is None or verb.group(1) in {"of", "from", "at", "in", "for", "and", "with"}:
        return None
    return head.group(0)


def _suffixes(key: str) -> list[str]:
    words = key.split()
    return [" ".join(words[k:]) for k in range(len(words))]


def _clause_end(rest: str) -> int:
    """Where the clause after a quote ends: a sentence end (not an abbreviation's dot) or
    the next quotation mark."""
    for mt in _CLAUSE_END.finditer(rest):
        if mt.group(0)[0] == "." and _ABBREVIATION.search(rest[: mt.start()]):
            continue
        return mt.start()
    return len(rest)


def _modifier(phrase: str, name: str) -> bool:
    """ "the Russian navy commander", "a Foreign Ministry spokesman": the name only
    describes an unnamed speaker."""
    segment = next((s for s in phrase.split(",") if name in s), phrase).strip()
    if re.match(r"(?:a|an|one|another|some)\s", segment, re.IGNORECASE):
        return True  # "a Foreign Ministry spokesman", "a frightened Texas Republican"
    if _UNNAMED.match(segment) and re.search(
        rf"^\S+\s+[a-z][\w-]*\s+(?:in|at|from|near|on)\s+(?:the\s+)?{re.escape(name)}", segment
    ):
        return True  # "the source in Cyprus", "the official at the Pentagon"
    tail = segment[segment.find(name) + len(name) :].split()
    return bool(_UNNAMED.match(segment)) and any(_person_noun(w) for w in tail)


def _person_noun(word: str) -> bool:
    """A word for what a person is or does: "spokesman", "co-chairman", "student"."""
    return bool(_ROLE.search(word)) or word.lower().strip(".,") in _PEOPLE


def _first_phrase(who: str) -> str:
    """ "Ortiz, who was hurt" -> "Ortiz"; "Kate Kendell of the Center" stays whole."""
    return who.split(",")[0].strip()


def _last_name(phrase: str, *, verb_first: bool = False) -> str | None:
    """The proper name a speaker phrase gives. Appositives that describe ("chairman of the
    board", "an Albany County deputy", "R-Miss.") are read past; in the segment left, a
    name followed by "of"/"from" is the speaker ("Kate Kendell of the National Center"),
    else the first name after a verb or the name nearest the verb before it."""
    segments = [re.sub(r"^(?:and|or|but)\s+", "", g.strip()) for g in phrase.split(",")]
    segments = [g for g in segments if g]
    naming = [g for g in segments if g[:1].isupper() and not _PARTY.match(g)] or segments
    for seg in naming if verb_first else reversed(naming):
        found = [(mt.start(), mt.end(), _clean_name(mt.group(0))) for mt in _NAME.finditer(seg)]
        found = [(start, end, n) for start, end, n in found if n]
        stops = [start for start, _, _ in found[1:]] + [len(seg)] * bool(found)
        names = [(end, n) for (_, end, n), stop in zip(found, stops, strict=True)
                 if not _describes(seg[end:stop])]  # fmt: skip
        if not names:
            continue
        for end, n in names:
            if re.match(r"\s+(?:of|from|with|at)\b", seg[end:]):
                return n
        return names[0][1] if verb_first else names[-1][1]
    return None


def _describes(after: str) -> bool:
    """The words after a name make it a modifier of a person noun: "Harmon [spokesman]
    Mike Dunn", "Robert Kane, Norland Motors [co-chairman]", "Elm High [student] X"."""
    words = after.split()
    return bool(words) and all(w.islower() for w in words) and _person_noun(words[-1])


def _clean_name(text: str) -> str | None:
    """Leading function words, titles and role words off; ``None`` when nothing is left."""
    words = text.replace(",", " ").split()
    owners = [k for k, w in enumerate(words[:-1]) if w.endswith(("’s", "'s", "s'", "s’"))]
    if owners:  # "Norland Systems' Ana Stone", "Bush's spokesman Mike Jones"
        words = words[owners[-1] + 1 :]
    while words and (
        words[0].lower().rstrip(".") in _FUNCTION
        or words[0].lower().rstrip(".") in TITLES
        or _ROLE.fullmatch(words[0])
        or words[0].endswith(("’s", "'s"))
    ):
        words = words[1:]
    while words and (words[-1].lower() in _FUNCTION or words[-1].endswith(("’s", "'s"))):
        words = words[:-1]
    if not words or all(w.lower().rstrip(".") in TITLES for w in words):
        return None
    return " ".join(words).strip(".")

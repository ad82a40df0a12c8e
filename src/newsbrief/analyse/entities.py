"""People, organisations and places: aliases merged, small-model errors corrected.

Spans come from spaCy (:mod:`newsbrief.analyse.nlp`). Then, without any list of
known names:

* surface forms are cleaned ("The State Department’s" -> "State Department") and
  fragments dropped ("State" of "Secretary of State");
* aliases merge: dots and "the" ignored (U.S. / US / the United States via
  initials), titles stripped (President Joe Biden), a lone surname or first name
  joins the one full name it ends or starts (Biden -> Joe Biden);
* types are corrected from context: "the city of Herat", "Ghazni, a provincial
  capital" are places whatever the model said, and each entity takes the type
  most of its mentions have;
* people get a role from the words around their names ("State Department
  spokesman Ned Price", "Ned Price, the State Department's spokesman").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsbrief.analyse.nlp import EntitySpan
from newsbrief.analyse.spans import Locator
from newsbrief.clean_rules import WIRE_TAG
from newsbrief.models import Document, Entity, EntityType, Mention
from newsbrief.segment import dateline_end

_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}  # NORP ("Afghan", "Americans") names no single entity
TITLES = {
    "president", "vice", "secretary", "minister", "prime", "mr", "mrs", "ms", "dr", "gen",
    "general", "sen", "senator", "rep", "gov", "governor", "mayor", "chancellor", "king",
    "queen", "prince", "pope", "judge", "justice", "col", "lt", "sgt", "capt", "adm", "sir",
    "lady", "lord", "dame", "defense", "foreign", "interior", "state", "former", "afghan",
    "admiral", "marshal", "brigadier", "commander", "corporal", "captain", "colonel",
    "lieutenant", "sergeant", "cmdr", "maj",
}  # fmt: skip
ROLE_NOUNS = (
    "spokesman|spokeswoman|spokesperson|secretary|minister|president|correspondent|official|"
    "director|chief|general|governor|senator|ambassador|commander|adviser|advisor|analyst|"
    "mayor|leader|chairman|chairwoman|chair|CEO|head|reporter|editor|professor|judge|"
    "prosecutor|lawyer|attorney|envoy|representative|premier|chancellor|captain|colonel|"
    "officer|inspector|superintendent|manager|founder|economist|scientist|researcher|doctor|"
    "nurse|teacher|coach|producer|host|anchor|commissioner|administrator|deputy|chief executive|"
    "supervisor|councilman|councilwoman|alderman|trustee|sheriff|detective|coroner"
)
_ROLE_BEFORE = re.compile(
    rf"((?:(?:(?:[A-Z]\.){{2,}}|[A-Z][\w’'-]*|of|national|security|foreign|deputy|senior|press|chief|"
    rf"defense|military|former|acting|health|regional|local|police|fire|county|city|state)\s+)"
    rf"{{0,5}}(?i:{ROLE_NOUNS})(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w.’'-]*)?)\s+$"
)
_ROLE_AFTER = re.compile(
    rf"^,\s+(?:the\s+|a\s+|an\s+)?((?:[\w.’'-]+\s+){{0,5}}?(?:{ROLE_NOUNS})(?:\s+(?:of|for)\s+"
    rf"(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)?)\s*[,.;]"
)
_ROLE_APPOSITIVE = re.compile(
    rf"(?:^|[.;]\s+|\b(?:the|The)\s+)((?:[A-Z][\w.’'-]*\s+){{0,4}}(?:{ROLE_NOUNS})),\s+$"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:(?:city|town|village|province|region|district|capital|state|county|port|island)"
    r"\s+of|capital,)\s+$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:capital|city|town|village|province|region|"
    r"district|port|country|state|island)\b"
)
_FRAGMENT = re.compile(
    r"^(?:State|Defense|Department|Secretary|Justice|Treasury|Interior|GMT|EDT|EST|CDT|CST|PDT|"
    r"PST|UTC|AP|AFP|NYT|Sgt|Cmdr|Capt|Lt|Col|Gen|Adm|Rep|Sen|Gov|Miss\.|Mass\.|[A-Z]\.?)$"
)  # fmt: skip
# What a name's last word says about its type: "Kennedy International Airport" is a place,
# "Civil Aviation Authority" an organisation, whatever the model said.
_PLACE_HEADS = {
    "airport", "base", "island", "islands", "ocean", "sea", "river", "street", "avenue",
    "bridge", "county", "park", "lake", "bay", "mountains", "mountain", "valley", "gulf",
    "strait", "peninsula", "province", "canyon", "coast", "square", "road", "harbor", "harbour",
    "center", "centre", "courthouse", "plaza", "mall",
}  # fmt: skip
_ORG_HEADS = {
    "authority", "agency", "board", "council", "ministry", "department", "commission",
    "service", "guard", "navy", "army", "party", "bureau", "association", "union", "company",
    "corp", "inc", "committee", "court", "university", "college", "institute", "organization",
    "organisation", "fund", "bank", "airlines", "airline", "police", "office", "force",
    "fleet", "group", "network", "foundation", "administration", "senate", "congress",
    "parliament", "times", "post", "news", "securities", "investment",
}  # fmt: skip
_PARTICLES = {"bin", "ibn", "al", "el", "de", "van", "von", "der", "da", "du", "la", "le", "di"}
_TRAILING = {"flight", "capt", "gen", "adm", "lt", "col", "sgt", "rep", "sen", "gov", "maj"}
_POSSESSIVE = re.compile(r"[’']s?$")


@dataclass(frozen=True, slots=True)
class _Raw:
    doc_index: int
    start: int
    end: int
    text: str  # cleaned surface form
    type: EntityType
    forced: bool  # the type comes from a context rule, not the model


def entities(
    documents: Sequence[Document], spans: Sequence[Sequence[EntitySpan]], locator: Locator
) -> tuple[Entity, ...]:
    """Merged entities, most mentioned first, with counts per report."""
    groups_of = _group_words(spans)
    raws = [r for i, doc in enumerate(documents) for r in _raw_mentions(doc, i, spans[i])]
    raws += _context_mentions(documents, raws)
    # Group words ("The British said") are no names, whichever way they were found; they
    # are dropped before other occurrences of the known names are looked for.
    raws = [r for r in raws if not _group_word(r.text, groups_of)]
    raws += _unlabelled_mentions(documents, raws)
    raws = [r for r in raws if not _part_of_longer_name(documents[r.doc_index].text, r)]
    groups = merge_aliases(raws)
    roles = person_roles(documents, spans)
    out = [
        _entity(g, len(documents), locator, roles)
        for g in groups
        if not _capitalised_only(g, locator)
        and not _common_word(g, documents, locator)
        and not _names_a_vehicle(g, documents)
        and not _names_an_event(g)
    ]
    out.sort(key=lambda e: (-e.total, e.name))
    return tuple(out)


def _group_words(spans: Sequence[Sequence[EntitySpan]]) -> set[str]:
    """One-word names the model labels a nationality, religion or political group (NORP) at
    least as often as a person, organisation or place in the cluster: "Republican",
    "Russian", "Norwegian" name no single entity ("Taliban", mostly an ORG, stays)."""
    norp: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for doc in spans:
        for span in doc:
            key = alias_key(span.text).removesuffix("s")
            if " " in key:
                continue
            if span.label == "NORP":
                norp[key] += 1
            elif span.label in _TYPES:
                named[key] += 1
    return {k for k, n in norp.items() if n >= named[k]}


def _group_word(text: str, groups: set[str]) -> bool:
    """A one-word mention that the model elsewhere reads as a group word ("Republican" typed
    a place in "Senate Republican leaders", "British" typed a person)."""
    if " " in text:
        return False
    return alias_key(text).removesuffix("s") in groups


# Vehicles and weapons are named but are not people, organisations or places: "the salvage
# ship Grapple", "USS Grapple", "the Deep Drone, a robot submarine", "Oscar-class submarines"
# (the vehicle noun heads the appositive: "Ivan Lenko, a submarine expert" is a person).
_VEHICLE_NOUN = (
    r"ship|vessel|boat|tug|tugboat|barge|submarine|sub|mini-sub|yacht|tanker|freighter|ferry|"
    r"carrier|destroyer|frigate|cruiser|icebreaker|trawler|plane|airplane|jet|airliner|"
    r"aircraft|helicopter|robot|craft|spacecraft|probe|rocket|rifle|pistol|handgun|revolver|"
    r"shotgun"
)
_VEHICLE_BEFORE = re.compile(
    rf"(?:\b(?:USS|HMS|USNS|RV|MV|SS)|\b(?:{_VEHICLE_NOUN})|\baboard(?:\s+the)?|"
    rf"\bon\s+board(?:\s+the)?|\d\s*mm|\bcaliber|\d-caliber)\s+$"
)  # "the salvage ship Grapple", "a 9 mm Glock"
_VEHICLE_AFTER = re.compile(
    rf"^(?:-class\b|\s+(?:II-|2-)?class\b|"
    rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}(?:{_VEHICLE_NOUN})s?(?=\s*[,.;:)]|\s+(?:that|"
    rf"which|whose|with|of|from|in|on|at|carrying|named|called|built|was|is)\b|$)|"
    r"\s+\d+(?:\.\d+)?\s*mm\b|\s+\.\d{2,3}\b)"
)  # "Oscar-class", "Grapple, a salvage ship", "a Glock 9mm", "a Colt .45"


def _names_a_vehicle(group: Sequence[_Raw], documents: Sequence[Document]) -> bool:
    """True when the name is used for a ship, plane, robot or gun at least once and never as
    a person's name (a person is not "aboard the Smith")."""
    if any(r.type == "person" and r.forced for r in group):
        return False
    for r in group:
        text = documents[r.doc_index].text
        if _VEHICLE_BEFORE.search(text[max(0, r.start - 40) : r.start]) or _VEHICLE_AFTER.match(
            text[r.end : r.end + 60]
        ):
            return True
    return False


# Names of events, periods, awards and treaties, not of an entity: "Cold War", "Awareness
# Week", "Heisman Trophy", "Hague Convention".
_EVENT_HEADS = {
    "war", "week", "olympics", "games", "festival", "championship", "championships",
    "trophy", "award", "awards", "prize", "medal", "convention", "treaty", "accord", "accords",
    "protocol",
}  # fmt: skip


def _names_an_event(group: Sequence[_Raw]) -> bool:
    longest = max(group, key=lambda r: len(r.text.split())).text.lower().split()
    return len(longest) >= 2 and longest[-1] in _EVENT_HEADS


def _part_of_longer_name(text: str, r: _Raw) -> bool:
    """A one-word mention that is the possessive head of a longer name: "Martha" of "Martha's
    Vineyard", "Jane" of "Jane's Fighting Ships"."""
    if " " in r.text:
        return False
    return bool(re.match(r"[’']s\s+[A-Z][a-z]", text[r.end : r.end + 6]))


def _raw_mentions(doc: Document, i: int, spans: Iterable[EntitySpan]) -> list[_Raw]:
    out = []
    dateline = _dateline_end(doc.text)
    for span in spans:
        if span.label not in _TYPES:
            continue
        start, end, text = _clean(doc.text, span.start, span.end)
        if not text or _FRAGMENT.match(text) or not text[0].isupper():
            continue
        if end <= dateline or _wire_tag(doc.text, start, end, text):
            continue
        if any(w[:1].islower() and w not in _PARTICLES | {"of", "for", "and", "the"}
               for w in text.split()[1:]):  # fmt: skip
            continue  # "Various Russian reports": a phrase, not a name
        head = _head_type(text)
        org = head is None and _context_org(doc.text, start, end)
        forced = _context_place(doc.text, start, end) or head is not None or org
        kind: EntityType = head or (
            "organization" if org else "place" if forced else _TYPES[span.label]
        )
        if head is None and kind == "organization" and _in_place(doc.text, start, end, text):
            kind = "place"  # the small model reads towns as companies: "to nearby Dunmore"
        out.append(_Raw(i, start, end, text, kind, forced))
    return out


def _in_place(text: str, start: int, end: int, name: str) -> bool:
    """A locative preposition right before a name the model read as an organisation, no
    person after it: "in Warner Robins", "moved to nearby Stockbridge", "around Buckhead"
    ("from" is left out: "a spokesman from Boeing")."""
    return (
        name.upper() != name
        and bool(_LOCATIVE_BEFORE.search(text[max(0, start - 12) : start]))
        and not _PERSON_AFTER.match(text[end : end + 30])
    )


def _dateline_end(text: str) -> int:
    """Where the dateline ends ("CAIRO, Egypt (AP) --", "NEWPORT, R.I. _": the place a wire
    report was filed from), not the lead that follows it on the same line ("MOSCOW (Xinhua)
    -- Ilya Klebanov said")."""
    return dateline_end(text[:200])


def _wire_tag(text: str, start: int, end: int, name: str) -> bool:
    """A wire service in a packaging position ("(Xinhua) --", "UNDATED - "), not in a sentence."""
    return bool(
        WIRE_TAG.match(text, max(0, start - 1), min(len(text), end + 1)) or WIRE_TAG.match(name)
    )


def _head_type(text: str) -> EntityType | None:
    words = text.lower().split()
    if len(words) < 2:
        return None
    if words[-1] in _PLACE_HEADS:
        return "place"
    return "organization" if words[-1] in _ORG_HEADS else None


_CANDIDATE = re.compile(
    r"(?<![\w.’'-])(?:[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]\.)"
    r"(?:\s+(?:(?:bin|ibn|al|de|del|es|el|van|von|der|la|du|da|di|of|for)\s+)?"
    r"(?:[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]\.))*"
)
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Adm|Capt|Lt|Col|Sgt|Det|Rev|Prof)\.?|"
    r"\b(?:President|Detective|Deputy|spokesman|spokeswoman|said|Judge|Senator|Mayor|Officer|"
    r"Sheriff|attorney|lawyer|prosecutor|Commissioner|neighbor|neighbour|son|daughter|wife|"
    r"husband|mother|father|brother|sister|friend))\s+$"
)
_PERSON_AFTER = re.compile(
    r"^(?:,\s+(?:then\s+)?\d{1,3},|\s+(?:said|says|told|testified|added)\b|,\s+who\b|"
    r",\s+[RDI]-[A-Z][\w.]*)"
)  # "Lee, 52,", "Lee said", "Jim Osborn, who ...", "Trent Lott, R-Miss."
_LOCATIVES = "in|near|outside"
_PLACE_BEFORE_WORD = re.compile(rf"\b(?:{_LOCATIVES}|from)\s+$")
_LOCATIVE_BEFORE = re.compile(rf"\b(?:{_LOCATIVES}|nearby|around|across|throughout)\s+$")
_STARTERS = {
    "the", "a", "an", "but", "and", "in", "on", "at", "for", "of", "to", "as", "by", "with",
    "after", "before", "when", "while", "if", "it", "this", "that", "there", "he", "she", "they",
    "we", "i", "his", "her", "their", "its", "some", "many", "police", "officials", "also",
    "still", "yet", "so", "then", "now", "meanwhile", "however", "although", "though", "since",
    "during", "until", "because", "according", "last", "next", "earlier", "later", "today",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "one", "two",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "adm", "capt", "lt", "col", "sgt", "det",
    "rev", "prof", "president", "detective", "deputy", "judge", "senator", "mayor", "officer",
    "sheriff", "commissioner", "st", "u.s", "no", "all", "what", "who", "where", "why", "how",
}  # fmt: skip


def _context_mentions(documents: Sequence[Document], raws: Sequence[_Raw]) -> list[_Raw]:
    """Names the model did not label (it reads only part of long clusters), typed by the
    words around them: a title or "said" next to a person ("Sen. Ann Lee", "Lee, 52,"),
    a head word ("Piedmont Center", "Campaign for Nuclear Disarmament"), or "in" before
    a place. A name with no such context is left out (precision first)."""
    out: list[_Raw] = []
    for i, doc in enumerate(documents):
        text = doc.text
        dateline = _dateline_end(text)
        taken = sorted((r.start, r.end) for r in raws if r.doc_index == i)
        for start, end, name in _candidates(text):
            if not name or end <= dateline:
                continue
            k = bisect.bisect_right(taken, (start, len(text))) - 1
            if (k >= 0 and taken[k][1] > start) or _starts_inside(taken, k + 1, end):
                continue
            kind = _context_type(text, start, end, name)
            if kind is not None:
                # "in"/"from" before a name says less than a title or a head word: a name it
                # types votes as a model label does ("from Trent Lott to those ads").
                weak = kind == "place" and _by_preposition(text, start)
                out.append(_Raw(i, start, end, name, kind, not weak))
    return out


def _candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """Capitalised runs, trimmed; a run cut after a person's name ("Sen. James Inhofe of
    Oklahoma") gives what follows "of" as a candidate of its own."""
    for m in _CANDIDATE.finditer(text):
        start, end, name = _trim_candidate(text, m.start(), m.end())
        yield start, end, name
        rest = re.match(r"\s+of\s+", text[end : m.end()]) if name else None
        if rest is not None:
            yield _trim_candidate(text, end + rest.end(), m.end())


def _trim_candidate(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Leading sentence words and titles off ("But Sen. Ann Lee" -> "Ann Lee"), a trailing
    connective off ("Lee and")."""
    words = text[start:end].split()
    while words and (words[0].lower().rstrip(".") in _STARTERS or words[0].endswith(("’s", "'s"))):
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
        words = words[1:]
    while words and words[-1].lower() in {"of", "for", "and", "bin", "al", "de", "van", "von"}:
        words = words[:-1]
    if "of" in words and _PERSON_BEFORE.search(text[max(0, start - 30) : start]):
        words = words[: words.index("of")]  # "Sen. James Inhofe of Oklahoma"
    if not words:
        return start, start, ""
    end = text.find(words[-1], start) + len(words[-1])
    possessive = _POSSESSIVE.search(text[start:end])
    if possessive and end - start - len(possessive.group(0)) > 2:
        end -= len(possessive.group(0))  # "Vladimir Putin's" -> "Vladimir Putin"
    return start, end, text[start:end]


def _context_type(text: str, start: int, end: int, name: str) -> EntityType | None:
    head = _head_type(name)
    if head is not None:
        return head
    joined = re.search(r"(\S+)\s(?:of|for)\s", name)  # "Campaign for Nuclear Disarmament"
    if joined and joined.group(1).lower() in _PLACE_OF:
        return "place"  # "Gulf of Mexico"
    if joined and joined.group(1).lower() in _ORG_HEADS | _ORG_OF:
        return "organization"
    before, after = text[max(0, start - 30) : start], text[end : end + 30]
    if name.upper() == name or _FRAGMENT.match(name):
        return None
    words = name.split()
    if _PERSON_BEFORE.search(before) or (len(words) >= 2 and _PERSON_AFTER.match(after)):
        return "person"
    if _titled_name(words) or _patronymic(words):
        return "person"  # "San Francisco Supervisor Tom Ammiano", "Osama bin Laden"
    if _PERSON_AFTER.match(after) and re.match(r"^,\s+(?:then\s+)?\d", after):
        return "person"  # "Lee, 52,"
    if len(words) >= 2 and (
        _ROLE_AFTER.match(text[end : end + 80])
        or _PERSON_APPOSITIVE.match(text[end : end + 80])
        or _ROLE_JUST_BEFORE.search(before)
    ):
        return "person"  # "Gary Bauer, a GOP power broker,", "security adviser Sandy Berger"
    if _state_after(after):
        return "place"  # "Montvale, N.J."
    if _LEGISLATOR_OF.search(text[max(0, start - 60) : start]):
        return "place"  # "Sen. James Inhofe of Oklahoma"
    if _by_preposition(text, start) and not _PERSON_AFTER.match(after):
        return "place"  # "in Nairobi", "voters in Alaska and Hawaii"
    return None


def _by_preposition(text: str, start: int) -> bool:
    return bool(
        _PLACE_BEFORE_WORD.search(text[max(0, start - 30) : start])
        or _PLACE_LIST_BEFORE.search(text[max(0, start - 60) : start])
    )


def _titled_name(words: Sequence[str]) -> bool:
    """A run whose words end in a title or role, then a first name and a surname: "First
    Deputy Police Commissioner Patrick Kelleher", "Senate Majority Leader Trent Lott"."""
    titled = [k for k, w in enumerate(words) if _role_word(w)]
    return bool(titled) and len(words) - titled[-1] - 1 == 2


def _role_word(word: str) -> bool:
    key = alias_key(word)
    return key in _TITLE_WORDS or (key.endswith("s") and key[:-1] in _TITLE_WORDS)


def _patronymic(words: Sequence[str]) -> bool:
    """ "Osama bin Laden", "Abdullah ibn Hussein": a name joined by bin or ibn is a person."""
    return any(w in {"bin", "ibn"} for w in words[1:-1])


# Nouns that, in an appositive after a full name, make it a person ("Aaron Kreifels, the
# college student who found him", "Eduard Baltin, an ex-commander of the fleet"): besides the
# role nouns, words for people by what they do or are to others. The noun must end the
# appositive's head ("the host city" is no host).
_PERSON_NOUNS = (
    "specialist|expert|student|neighbor|neighbour|nominee|candidate|activist|witness|victim|"
    "resident|owner|pilot|worker|employee|broker|partner|veteran|survivor|father|mother|son|"
    "daughter|wife|husband|brother|sister|friend|widow|widower|boyfriend|girlfriend|man|woman|"
    "boy|girl|teenager|engineer|physician|surgeon|lawmaker|legislator|politician|diplomat|"
    "negotiator|historian|author|writer|columnist|novelist|actor|actress|singer|pastor|priest|"
    "bishop|rabbi|imam|cleric|suspect|defendant|plaintiff|businessman|businesswoman|"
    "entrepreneur|executive|consultant|strategist|aide|assistant|clerk|sergeant|lieutenant|"
    "fisherman|farmer|diver|sailor|soldier|seaman|guard|conservative|liberal|moderate"
)
_PERSON_APPOSITIVE = re.compile(
    rf"^,\s+(?:(?:the|a|an|his|her|their)\s+)?(?:[\w.’'-]+\s+){{0,4}}?(?:[\w’']+-)?"
    rf"(?:{ROLE_NOUNS}|{_PERSON_NOUNS})s?(?=\s+(?:of|for|at|in|on|with|from|and|who|whose|to|"
    rf"since)\b|\s*[,.;:)]|$)"
)
# A role noun right before a full name ("security adviser Sandy Berger"), not one that is an
# adjective there ("the official North Korean news agency", "chief Soviet negotiator").
_ROLE_JUST_BEFORE = re.compile(
    rf"(?<!\b[Tt]he )(?<!\b[Aa] )(?<!\b[Aa]n )\b(?!official|general|chief|head|host)"
    rf"(?:{ROLE_NOUNS})\s+$"
)
_LEGISLATOR_OF = re.compile(
    r"\b(?:Sen|Rep|Gov|Senator|Representative|Governor|Democrat|Republican)\.?"
    r"(?:\s+[A-Z][\w.’'-]*){1,3}\s+of\s+$"
)
_PLACE_LIST_BEFORE = re.compile(
    r"\b(?:in|near|outside|from)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2},?\s+(?:and|or)\s+$"
)


_ORG_OF = {
    "campaign", "coalition", "league", "society", "federation", "school", "church", "academy",
    "alliance", "front", "movement", "center", "centre", "bureau", "friends", "sisters",
}  # fmt: skip
_PLACE_OF = {"city", "gulf", "bay", "sea", "isle", "island", "cape", "strait", "port"}
_STATE_AFTER = re.compile(r"^,\s+([A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.)(?:[,\s-]|$)")


def _state_after(after: str) -> bool:
    """ "Montvale, N.J.", "Acworth, Ga.": a US state's abbreviation after a place (not an
    honorific: "Michael Weinstock, Ms. Harjee's attorney")."""
    m = _STATE_AFTER.match(after)
    return m is not None and alias_key(m.group(1)) in US_STATES


def _unlabelled_mentions(documents: Sequence[Document], raws: Sequence[_Raw]) -> list[_Raw]:
    """Mentions the model missed (or never read): other occurrences of a known name, or of a
    person's surname, found with one scan of each text."""
    forms: dict[str, _Raw] = {}
    for r in raws:
        forms.setdefault(r.text, r)
        if r.type == "person" and " " in r.text:
            forms.setdefault(r.text.split()[-1], r)
    usable = sorted((f for f in forms if len(f) >= 3 and f[0].isupper()), key=len, reverse=True)
    if not usable:
        return []
    pattern = re.compile(rf"(?<![\w.])(?:{'|'.join(map(re.escape, usable))})(?![\w])")
    extra: list[_Raw] = []
    for i, doc in enumerate(documents):
        known = sorted((r.start, r.end) for r in raws if r.doc_index == i)
        for m in pattern.finditer(doc.text):
            k = bisect.bisect_right(known, (m.start(), len(doc.text))) - 1
            if (k >= 0 and known[k][1] > m.start()) or _starts_inside(known, k + 1, m.end()):
                continue
            like = forms[m.group(0)]
            extra.append(_Raw(i, m.start(), m.end(), m.group(0), like.type, like.forced))
    return extra


def _starts_inside(spans: list[tuple[int, int]], k: int, end: int) -> bool:
    return k < len(spans) and spans[k][0] < end


def _clean(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Drop a leading "the", a trailing possessive and a trailing title or "Flight"
    ("Navy Capt", "EgyptAir Flight"); take in a particle the model cut ("bin Laden")."""
    surface = text[start:end]
    if surface.lower().startswith("the "):
        start += 4
    match = _POSSESSIVE.search(text[start:end])
    if match and end - start > 3:
        end -= len(match.group(0))
    words = text[start:end].split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in _TRAILING:
        end = start + text[start:end].rstrip().rfind(" ")
        words = words[:-1]
    inner = _INNER_PARTICLE.match(text, end)
    if inner is not None and " (" not in text[start:end]:
        end = inner.end()  # "Dar" of "Dar es Salaam"
    cut = text.find(" (", start, end)
    if cut > start:
        end = cut  # "Federal Bureau of Investigation (FBI"
    before = re.search(r"(?:\b[A-Z][\w’'-]+\s+)?\b(\w+)\s+$", text[max(0, start - 40) : start])
    if before and before.group(1) in _PARTICLES and start - len(before.group(0)) >= 0:
        start -= len(before.group(0))
    return start, end, text[start:end].strip()


_INNER_PARTICLE = re.compile(r"\s(?:es|el|al|de|del|da|do|dos|la|bin|ibn)\s[A-Z][\w’'-]+")


_ORG_NOUNS = (
    r"group|organi[sz]ation|company|firm|agency|newspaper|magazine|daily|weekly|network|"
    r"broadcaster|station|association|foundation|institute|think\s+tank|lobby|charity|"
    r"union|party|movement|bank|insurer|airline|carrier|manufacturer|maker|retailer"
)
_ORG_BEFORE = re.compile(rf"\b(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}(?:{_ORG_NOUNS})\s+$", re.I)
_ORG_AFTER = re.compile(
    rf"^,\s+(?:a|an|the)\s+(?:[\w.-]+\s+){{0,3}}(?:{_ORG_NOUNS})"
    r"(?=\s*[,.;)]|\s+(?:that|which|whose|based|in|of|from|with|for)\b)"
)


def _context_org(text: str, start: int, end: int) -> bool:
    """ "the Norwegian environmental group Bellona", "Jones Lang Lasalle, the Chicago firm
    that": an organisation named by the noun next to it (the noun must end the phrase:
    "Lee, a company spokesman" is a person)."""
    return bool(
        _ORG_BEFORE.search(text[max(0, start - 60) : start])
        or _ORG_AFTER.match(text[end : end + 80])
    )


def _context_place(text: str, start: int, end: int) -> bool:
    """ "the city of Herat", "Ghazni, a strategic provincial capital", "Caldwell, N.J."."""
    return (
        bool(_PLACE_BEFORE.search(text[max(0, start - 30) : start]))
        or bool(_PLACE_AFTER.match(text[end : end + 60]))
        or _state_after(text[end : end + 12])
    )


def alias_key(text: str) -> str:
    """Comparable form: no dots, no "the", lower case ("U.S." -> "us")."""
    key = re.sub(r"[.’']", "", text).lower()
    return re.sub(r"^the\s+", "", key).strip()


def _initials(key: str) -> str:
    words = [w for w in key.split() if w not in {"of", "and", "the", "for"}]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


_TITLE_WORDS = TITLES | {w for w in ROLE_NOUNS.split("|") if " " not in w}


def _person_core(key: str) -> str:
    """ "president joe biden" -> "joe biden", "russian deputy prime minister ilya klebanov"
    -> "ilya klebanov": titles, and whatever comes before the last of them, are not part
    of the name."""
    return " ".join(_name_words(key.split()))


def merge_aliases(raws: Sequence[_Raw]) -> list[list[_Raw]]:
    """Mentions grouped by entity (union-find over alias keys)."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    keys = {_key(r) for r in raws}
    for key in keys:
        find(key)
    _link_acronyms(keys, union)
    people = {_key(r) for r in raws if r.type == "person"}
    places = {_key(r) for r in raws if r.type == "place"} - people
    counts = Counter(_key(r) for r in raws)
    _link_partial_names(keys, people, places, union, find, counts)
    _link_suffixes(keys, union)
    _link_prefixes(keys, {_key(r) for r in raws if r.type != "person"} - people, people, union)
    _link_states(keys, union)
    grouped: dict[str, list[_Raw]] = defaultdict(list)
    for r in raws:
        grouped[find(_key(r))].append(r)
    return list(grouped.values())


def _key(r: _Raw) -> str:
    key = alias_key(r.text)
    return _person_core(key) if r.type == "person" else key


def _link_acronyms(keys: set[str], union: object) -> None:
    by_initials = defaultdict(list)
    for k in keys:
        if _initials(k):
            by_initials[_initials(k)].append(k)
    for k in keys:
        if " " not in k and len(by_initials.get(k, [])) == 1:
            union(k, by_initials[k][0])  # type: ignore[operator]


def _link_suffixes(keys: set[str], union: object) -> None:
    """ "Carmaker Harlow Motors" is "Harlow Motors" with a capitalised word in front."""
    multi = [k for k in keys if " " in k]
    for k in multi:
        tails = [m for m in multi if m != k and k.endswith(" " + m)]
        if tails:
            union(k, max(tails, key=len))  # type: ignore[operator]


def _link_partial_names(
    keys: set[str],
    people: set[str],
    places: set[str],
    union: Any,
    find: Any,
    counts: Counter[str],
) -> None:
    """Full names of one surname whose first names agree ("Jim Hall", "James E. Hall":
    same initial, no other Hall of another initial) are one person; a lone name joins the
    only person it ends (surname) or starts (first name), whatever type the model gave the
    lone name ("Marsh said ..." tagged ORG); a short form of a first name ("Matt" of
    "Matthew Shepard") only when the word is never read as a place ("London" is no short
    "Londoner"). A surname several people share ("Barton": Mark O. Barton, Lee Ann
    Barton) is the one the reports name far most often, as news style uses the bare
    surname for the main person (at least :data:`SURNAME_DOMINANCE` times the next)."""
    multi = sorted(k for k in people if " " in k)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        by_surname[k.split()[-1]].append(k)
    for names in by_surname.values():
        for a in names:
            for b in names:
                if a < b and (
                    _same_first_name(a.split()[0], b.split()[0])
                    or a.endswith(" " + b)
                    or b.endswith(" " + a)
                ):  # "Bin Laden" / "Osama bin Laden"
                    union(a, b)
    for a in multi:  # "Igor Dyagalo" / "Igor Dygalo": one letter off, same first name
        for b in multi:
            if a < b and a.split()[0] == b.split()[0] and _one_edit(a.split()[-1], b.split()[-1]):
                union(a, b)
    for k in keys:
        if " " in k:
            continue
        for position in (-1, 0):
            hits = {find(m) for m in multi if m.split()[position] == k}
            if not hits and position == 0 and len(k) >= 3 and k not in places:
                hits = {find(m) for m in multi if _same_first_name(k, m.split()[0])}
            if len(hits) > 1 and position == -1 and k in people:
                hits = _dominant(hits, multi, find, counts)
            if len(hits) == 1:
                union(k, hits.pop())
                break


SURNAME_DOMINANCE = 3.0


def _dominant(hits: set[str], multi: Sequence[str], find: Any, counts: Counter[str]) -> set[str]:
    """The one group named at least SURNAME_DOMINANCE times as often (by its full names)
    as any other, else all of them."""
    named = {h: sum(counts[m] for m in multi if find(m) == h) for h in hits}
    ranked = sorted(named.values(), reverse=True)
    if ranked[0] >= 2 and ranked[0] >= SURNAME_DOMINANCE * ranked[1]:
        return {max(named, key=lambda h: named[h])}
    return hits


def _link_prefixes(keys: set[str], places_orgs: set[str], people: set[str], union: Any) -> None:
    """ "Atlantic" / "Atlantic Ocean", "All-Tech" / "All-Tech Investment Group": a
    place's or organisation's name that starts only one longer such name is that name. A
    longer name that ends in a person's name ("Russian Deputy Premier Ilya Klebanov", typed
    a place by the model) is that person with a title, not a longer place."""
    longer = [
        k
        for k in places_orgs
        if " " in k and not any(k.endswith(" " + p) for p in people if " " in p)
    ]
    for k in places_orgs:
        hits = [m for m in longer if m != k and m.startswith(k + " ")]
        if len(hits) == 1:
            union(k, hits[0])


# AP abbreviations of US states, as wire reports write them after a place name.
US_STATES = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california",
    "colo": "colorado", "conn": "connecticut", "del": "delaware", "fla": "florida",
    "ga": "georgia", "ill": "illinois", "ind": "indiana", "kan": "kansas", "ky": "kentucky",
    "la": "louisiana", "md": "maryland", "mass": "massachusetts", "mich": "michigan",
    "minn": "minnesota", "miss": "mississippi", "mo": "missouri", "mont": "montana",
    "neb": "nebraska", "nev": "nevada", "nh": "new hampshire", "nj": "new jersey",
    "nm": "new mexico", "ny": "new york", "nc": "north carolina", "nd": "north dakota",
    "okla": "oklahoma", "ore": "oregon", "pa": "pennsylvania", "ri": "rhode island",
    "sc": "south carolina", "sd": "south dakota", "tenn": "tennessee", "tex": "texas",
    "vt": "vermont", "va": "virginia", "wash": "washington", "wva": "west virginia",
    "wis": "wisconsin", "wyo": "wyoming", "dc": "district of columbia",
}  # fmt: skip


def _link_states(keys: set[str], union: Any) -> None:
    """ "Wyo." is Wyoming, "N.J." New Jersey, when both are named."""
    for k in keys:
        full = US_STATES.get(k)
        if full and full in keys:
            union(k, full)


_NICKNAMES = {
    "jim": "james", "jimmy": "james", "bill": "william", "will": "william", "bob": "robert",
    "rob": "robert", "mike": "michael", "tom": "thomas", "joe": "joseph", "dick": "richard",
    "rick": "richard", "ted": "edward", "ed": "edward", "tony": "anthony", "dan": "daniel",
    "dave": "david", "steve": "steven", "chuck": "charles", "charlie": "charles",
    "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "peggy": "margaret",
    "jack": "john", "ben": "benjamin", "larry": "lawrence", "jerry": "gerald",
}  # fmt: skip


def _one_edit(a: str, b: str) -> bool:
    """One letter added, dropped or changed, in names of five letters or more."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def _same_first_name(a: str, b: str) -> bool:
    """ "jim"/"james", "chris"/"christopher", "j"/"john", "gulsham"/"gulshan" (a typo):
    one person's first name."""
    a, b = _NICKNAMES.get(a, a), _NICKNAMES.get(b, b)
    return a.startswith(b) or b.startswith(a) or _one_edit(a, b)


def _entity(group: list[_Raw], n_docs: int, locator: Locator, roles: dict[str, str]) -> Entity:
    kind = _vote(group)
    aliases = sorted({r.text for r in group}, key=lambda a: (-len(a), a))
    # "Carmaker Harlow Motors" is "Harlow Motors" with a word in front: not the name.
    plain = [a for a in aliases if not any(a != b and " " in b and a.endswith(" " + b)
                                           for b in aliases)]  # fmt: skip
    name = max(  # the fullest form, in normal case when the reports write it so ("London")
        (_display(a, kind) for a in plain),
        key=lambda a: (len(a.split()), len(a), not a.isupper()),
    )
    counts = [0] * n_docs
    for r in group:
        counts[r.doc_index] += 1
    mentions = tuple(locator.mention(r.doc_index, r.start, r.end) for r in group)
    role = roles.get(alias_key(name)) if kind == "person" else None
    return Entity(name, kind, tuple(aliases), tuple(counts), role, mentions)


def _capitalised_only(group: Sequence[_Raw], locator: Locator) -> bool:
    """A lone word taken for a person only at sentence starts ("Turnout was 61 percent") is
    a model error: a person's name is capitalised in mid-sentence too, or comes with a
    full name."""
    if not _lone_word(group) or any(r.type != "person" or r.forced for r in group):
        return False
    return all(_opens_sentence(r, locator) for r in group)


def _common_word(group: Sequence[_Raw], documents: Sequence[Document], locator: Locator) -> bool:
    """A lone word capitalised only where a sentence or a list item starts ("-- Plane
    lands in Los Angeles") and written in lower case elsewhere in the cluster ("the plane")
    is a common word, whatever the model took it for."""
    if not _lone_word(group) or any(r.forced and r.type == "person" for r in group):
        return False
    for r in group:
        item = _ITEM_START.search(documents[r.doc_index].text[max(0, r.start - 8) : r.start])
        if not item and not _opens_sentence(r, locator):
            return False
    word = re.compile(rf"\b{re.escape(group[0].text.lower())}\b")
    return any(word.search(d.text) for d in documents)


def _lone_word(group: Sequence[_Raw]) -> bool:
    """Every mention is the same single word."""
    return len({r.text for r in group}) == 1 and " " not in group[0].text


def _opens_sentence(r: _Raw, locator: Locator) -> bool:
    s = locator.sentence_at(r.doc_index, r.start)
    return s is not None and s.start == r.start


_ITEM_START = re.compile(r"(?:^|--|—|_|:)\s*$")


def _display(alias: str, kind: EntityType) -> str:
    if kind != "person":
        return alias
    return " ".join(_name_words(alias.split(), alias_key))


def _name_words(words: list[str], key: Callable[[str], str] = str) -> list[str]:
    """A person's name without the titles before it, and whatever precedes the last of them
    ("Russian Deputy Premier Ilya Klebanov" -> "Ilya Klebanov"); the last word is kept."""
    last = max((k for k, w in enumerate(words[:-1]) if _role_word(key(w))), default=-1)
    return words[last + 1 :]


def _vote(group: Sequence[_Raw]) -> EntityType:
    """The type most mentions have (context-typed ones count three times). When the group has
    several-word names and one of them is read as a person, only they vote: a lone
    "Henderson" read as a city by the model says less than "Russell Henderson" read as a
    person."""
    votes: dict[EntityType, float] = defaultdict(float)
    full = [r for r in group if " " in r.text]
    if not any(r.type == "person" for r in full):
        full = []
    people = {r.text for r in full if r.type == "person"}
    for r in full or group:
        kind = r.type
        if kind != "person" and any(r.text.endswith(" " + p) for p in people):
            kind = "person"  # "Russian Deputy Premier Ilya Klebanov" read as a place
        votes[kind] += 3 if r.forced else 1
    # The full name's type breaks ties ("Marsh" ORG, "Elena Marsh").
    longest = max(full or group, key=lambda r: len(r.text.split()))
    votes["person" if full else longest.type] += 0.5
    return max(votes, key=lambda t: votes[t])


def person_roles(
    documents: Sequence[Document], spans: Sequence[Sequence[EntitySpan]]
) -> dict[str, str]:
    """Full-name key -> role, the most often stated role of each person in the cluster."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, doc_spans in zip(documents, spans, strict=True):
        for span in doc_spans:
            if span.label == "PERSON":
                role = role_near(doc.text, span.start, span.end)
                if role:
                    found[_person_core(alias_key(span.text))][role] += 1
    return {k: c.most_common(1)[0][0] for k, c in found.items()}


def role_near(text: str, start: int, end: int) -> str | None:
    """The role stated right before or after a name in ``text``, normalised."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 80)
    before = text[line_start:start]
    for pattern, window in ((_ROLE_BEFORE, before), (_ROLE_APPOSITIVE, before)):
        match = pattern.search(window)
        if match:
            return _normal_role(match.group(1))
    match = _ROLE_AFTER.match(text[end : end + 80])
    return _normal_role(match.group(1)) if match else None


def _normal_role(role: str) -> str | None:
    words = [_POSSESSIVE.sub("", w) if w.endswith(("’s", "'s")) else w for w in role.split()]
    while words and words[0].lower() in {"the", "a", "an", "so", "now", "and", "but"}:
        words = words[1:]
    return " ".join(words) or None


def mention_in(mentions: Iterable[Mention], doc_index: int, start: int, end: int) -> bool:
    """Does any of ``mentions`` fall inside ``[start, end)`` of document ``doc_index``?"""
    return any(m.doc_index == doc_index and start <= m.start < end for m in mentions)

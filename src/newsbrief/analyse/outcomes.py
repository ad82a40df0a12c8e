"""What a figure is about in its sentence: the outcome that happened to what it counts
("24 people were wounded" -> injured) and the place or part that scopes it ("in Nairobi")."""

from __future__ import annotations

import re

from newsbrief.analyse.numbers import UNIT_WORDS

# What happened to what a figure counts, by the words reports use for it.
OUTCOMES: dict[str, str] = {
    **dict.fromkeys(("killed", "killing", "dead", "died", "die", "deaths", "death", "perished",
                     "lives", "bodies", "fatalities", "slain", "toll"), "killed"),
    **dict.fromkeys(("injured", "injuring", "wounded", "wounding", "hurt", "injuries",
                     "casualties"), "injured"),
    **dict.fromkeys(("missing", "unaccounted"), "missing"),
    **dict.fromkeys(("arrested", "detained", "custody", "arrests"), "arrested"),
    **dict.fromkeys(("aboard", "board", "carrying", "carries", "carried", "onboard"), "aboard"),
    **dict.fromkeys(("rescued", "saved"), "rescued"),
    **dict.fromkeys(("evacuated", "evacuation"), "evacuated"),
    **dict.fromkeys(("charged", "indicted"), "charged"),
    **dict.fromkeys(("homeless", "displaced"), "displaced"),
    **dict.fromkeys(("deployed", "deploying", "deploy", "sent", "sending", "send", "dispatched",
                     "rushing", "rushed", "brought", "bring"), "deployed"),
    **dict.fromkeys(("trapped",), "trapped"),
    **dict.fromkeys(("burned", "burnt", "scorched", "charred", "blackened", "grew", "covered"),
                    "burned"),
    **dict.fromkeys(("cut", "cuts", "eliminate", "eliminated", "eliminating", "slash", "slashed",
                     "shed", "axe", "layoffs", "laid"), "cut"),
}  # fmt: skip
# Blows counted ("hit 18 times", "struck at least 20 times") key a measure; they are left out
# of OUTCOMES, which also tells facts apart, where "the jet hit the water" is no blow.
_COUNTED_OUTCOMES = (
    OUTCOMES
    | dict.fromkeys(("hit", "struck", "beaten", "beat", "punched", "kicked", "clubbed"), "struck")
    # Words for one outcome of a counted thing that reports vary: plants "closed", "forced to
    # close", "shut down"; workers "laid off", "idled"; a share "won", "gained", "collected".
    | dict.fromkeys(("kill", "kills"), "killed")
    | dict.fromkeys(("sickened", "infected", "stricken", "ill", "sick"), "sickened")
    | dict.fromkeys(("idled", "idling", "idle", "furloughed"), "cut")
    | dict.fromkeys(("close", "closed", "closing", "closes", "shut", "shuttered"), "closed")
    | dict.fromkeys(("won", "win", "wins", "winning", "gained", "gaining", "collected",
                     "collecting", "received", "receiving", "garnered", "polled"), "won")
    | dict.fromkeys(("ratified", "ratifying"), "ratified")  # not "needed to ratify"
    | dict.fromkeys(("signed", "signing"), "signed")
)  # fmt: skip
HUMAN_OUTCOMES = {"killed", "injured", "missing", "arrested", "rescued", "evacuated", "trapped"}
_NOT_VERBS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
    "but", "about", "some", "nearly", "almost", "around", "roughly", "more", "than", "less",
    "fewer", "least", "most", "over", "under", "up", "all", "only", "just", "his", "her",
    "their", "its", "our", "was", "were", "is", "are", "be", "been", "had", "has", "have",
    "after", "before", "during", "since", "within", "into", "as", "that", "which", "who",
    "estimated", "another", "other", "those", "these", "first", "last", "every", "each",
    "per", "among", "between", "approximately", "said", "says", "like", "including",
    # adverbs and conjunctions: "So far 25 countries", "when 5,000 workers"
    "far", "when", "where", "so", "now", "then", "still", "already", "also", "even", "yet",
    "once", "ever", "never", "today", "here", "there", "if", "because", "although", "though",
    "whether", "while", "whom", "whose", "what",
}  # fmt: skip
# A "where" clause is a clause of its own: in "a virus never seen in the Western Hemisphere to
# New York, where the virus has killed four people" no place before "where" limits the four
# (but in "the bombing in Kenya, which killed 247 people" the place limits the figure).
_CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|where)\b|\s(?:and|but)\s+(?=\d)")
_WORDS = re.compile(r"[A-Za-z]+")


def clause_words(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the figure's clause before and after it."""
    cuts = [m for m in _CLAUSE.finditer(text)]
    left = max((m.end() for m in cuts if m.end() <= start), default=0)
    right = min((m.start() for m in cuts if m.start() >= end), default=len(text))
    return text[left:start], text[end:right]


def outcome(text: str, start: int, end: int) -> str:
    """What happened to what the figure at ``text[start:end]`` counts: the first outcome
    word after it in its clause ("24 people were wounded"), else the nearest before it
    ("killing 14 people"); "" when the clause says none."""
    before, after = clause_words(text, start, end)
    near = [w.lower() for w in _WORDS.findall(before)[-3:]]
    for k in range(len(near) - 1, -1, -1):  # "67 people have died and more than 450"
        if near[k] in {"and", "or", "but", "while"}:
            near = near[k + 1 :]
            break
    if "toll" in near:
        return "killed"  # "the toll hit 12": not a blow
    said = _WORDS.findall(before)
    if [w.lower() for w in said[-3:]][::2] == ["be", "by"] and said[-2].endswith("ed"):
        return ""  # "must be ratified by 40 countries": a condition, not what happened
    for word in reversed(near):  # "killing 14 people", "killed all 223"
        if word in _COUNTED_OUTCOMES:
            return _COUNTED_OUTCOMES[word]
    for word in _WORDS.findall(after)[:8]:
        if word.lower() in {"and", "or", "but", "while", "including", "among"}:
            break  # another predicate: "247 people and injured 5,000"
        if word.lower() in _COUNTED_OUTCOMES:
            return _COUNTED_OUTCOMES[word.lower()]
    for word in reversed(_WORDS.findall(before)[-6:]):
        if word.lower() in _COUNTED_OUTCOMES:
            return _COUNTED_OUTCOMES[word.lower()]
    if near and near[-1] in _TOLL_LINKS and any(w.lower() == "toll" for w in said):
        return "killed"  # "the death toll in the blast, initially 10, has risen to 12"
    if said[-2:-1] and said[-1] == "by" and said[-2].endswith("ed") and said[-2].islower():
        return _COUNTED_OUTCOMES.get(said[-2], said[-2])  # "has been signed by 127 nations"
    if (
        said
        and said[-1].islower()
        and said[-1] not in _NOT_VERBS | UNIT_WORDS  # "50,000 pounds (78,000 dollars)"
        and not _compound(before)
    ):
        return said[-1]  # the verb right before the figure: "will cut 1,200 jobs"
    done = _PERFECT_AFTER.match(after)
    return _COUNTED_OUTCOMES.get(done.group(1), done.group(1)) if done else ""


# "25 countries have ratified it", "4,100 suits have been filed": a perfect or passive
# right after the counted noun says what happened to it.
_PERFECT_AFTER = re.compile(
    r"\s*(?:have|has|had|were|was|are|is)\s+(?:been\s+)?(?:(?:so\s+far|now|already|since)\s+)?"
    r"([a-z]+ed)\b"
)


def _compound(before: str) -> bool:
    """Is the last word before a figure part of a hyphenated compound ("a stronger-than-
    expected 29 percent")? It is then no verb."""
    return bool(re.search(r"-[A-Za-z]+\W*$", before))


_TOLL_LINKS = {"to", "at", "reached", "hit", "topped", "passed", "exceeded"}


def scope_of(text: str, start: int, end: int) -> str:
    """The places a figure is limited to, as short keys: "in Nairobi" in its clause, or a
    place adjective before it in its sentence ("The Tanzanian embassy bombing killed 10
    people" -> "tanza"). Figures of disjoint scopes are not one measure."""
    before, after = clause_words(text, start, end)
    before = _RELATIVE.sub(" ", before)
    head = _RELATIVE.sub(" ", re.split(r"\s(?:_|--)\s", text[:start])[-1])  # not the dateline
    words = _IN_PLACE.findall(before[-80:]) + _IN_PLACE.findall(after[:60])
    words += [
        w for w, noun in _PLACE_ADJECTIVE.findall(head)
        if w.lower() not in _NOT_SCOPE and noun not in _SOURCE_NOUNS
    ]  # fmt: skip
    keys = {w.lower()[:5] for w in words}
    if _TOTAL.search(head) or _TOTAL.search(after[:60]):
        keys.add("total")  # "the toll for both bombings", "the twin bombings"
    return " ".join(sorted(keys))


# A relative clause closed before the figure tells of another noun: in "the treaty, which
# was reached in Canada, has been signed by 127 nations" Canada does not limit the 127.
_RELATIVE = re.compile(r",\s+(?:which|who)\b[^,]*,")
_TOTAL = re.compile(r"\b(?:both|twin|total|combined|altogether|in all|all told)\b", re.I)


_IN_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?([A-Z][a-z]+)")
_PLACE_ADJECTIVE = re.compile(r"\b([A-Z][a-z]+(?:an|ese|i))\s+([a-z]+)")
_NOT_SCOPE = {"american"}  # "American officials" does not limit a figure to a place
# "a Norwegian report said", "Russian officials say": who tells, not where it happened
_SOURCE_NOUNS = {
    "report", "reports", "official", "officials", "media", "newspaper", "newspapers", "agency",
    "television", "radio", "source", "sources", "expert", "experts", "authorities", "press",
    "news", "spokesman", "spokeswoman", "investigators", "navy", "military", "government",
}  # fmt: skip

"""News paraphrase classes: words outlets use interchangeably for the same fact.

Lexical similarity misses "rushing 3,000 fresh troops" vs "sending 3000 soldiers";
mapping each word of a class to one token lets tf-idf see the paraphrase. The
classes are general news vocabulary (movement of forces, capture, casualties,
announcements, speed, confidence ...), not names from any one story.
"""

from __future__ import annotations

from functools import lru_cache

from newsbrief.represent import stem

CLASSES: tuple[tuple[str, ...], ...] = (
    ("troops", "soldiers", "forces", "personnel", "servicemembers", "marines", "paratroopers"),
    ("send", "sending", "sent", "rush", "rushing", "deploy", "deploying", "dispatch",
     "dispatching"),
    ("capture", "captured", "seize", "seized", "take", "taken", "took", "overran", "overrun",
     "fell", "fallen", "conquer", "conquered", "control"),
    ("withdrawal", "withdraw", "pullout", "pull", "drawdown", "exit", "departure", "leave"),
    ("evacuate", "evacuation", "evacuating", "evacuated", "airlift"),
    ("embassy", "diplomatic", "diplomats", "diplomacy", "consulate"),
    ("spokesman", "spokeswoman", "spokesperson", "spokespeople"),
    ("kill", "killed", "dead", "died", "deaths", "death", "fatalities", "toll"),
    ("injured", "wounded", "hurt", "injuries", "casualties"),
    ("announce", "announced", "announcement", "declare", "declared", "unveil", "unveiled"),
    ("rapid", "rapidly", "fast", "quick", "quickly", "swift", "swiftly", "speed"),
    ("advance", "advancing", "sweep", "offensive", "surge", "push", "onslaught"),
    ("confidence", "faith", "trust"),
    ("ability", "capacity", "capability", "able"),
    ("secure", "security", "protect", "protection", "guard", "safe", "safety", "defend"),
    ("end", "complete", "completed", "finish", "conclude", "ending"),
    ("continue", "continuing", "remain", "remains", "keep", "stay"),
    ("help", "assist", "assistance", "aid", "support", "bolster"),
    ("increase", "rise", "rose", "grow", "grew", "climb", "climbed", "jump", "jumped"),
    ("decrease", "fall", "drop", "dropped", "decline", "declined", "cut", "slashed"),
    ("arrest", "arrested", "detain", "detained", "custody"),
    ("city", "cities", "town", "towns", "capitals", "capital"),
    ("quake", "earthquake", "tremor", "temblor"),
    ("fire", "blaze", "wildfire", "flames"),
    ("flood", "flooding", "floods", "inundated"),
    ("storm", "hurricane", "typhoon", "cyclone"),
    ("vote", "ballot", "election", "poll"),
    ("lawmakers", "legislators", "parliament", "congress", "senators"),
    ("company", "firm", "group", "business"),
    ("say", "said", "says", "told", "stated", "according"),
    ("additional", "extra", "more", "fresh", "further"),
)  # fmt: skip


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for words in CLASSES:
        canonical = "~" + stem(words[0])
        for w in words:
            table.setdefault(stem(w), canonical)
    return table


def canonical(token: str) -> str:
    """The class token of a stemmed word, or the word itself."""
    return _table().get(token, token)

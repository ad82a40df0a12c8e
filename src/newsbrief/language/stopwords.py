"""Function words: the one stop-word list, and the lists derived from it.

The list is fixed (not spaCy's) so that summaries and scores do not depend on which extras are
installed. Stages derive the sets they need from it here rather than keeping their own copies.
"""

from __future__ import annotations

from newsbrief.language.calendar import RELATIVE_TIME_WORDS

_STOPWORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own said same says she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves s t mr mrs ms one may might must shall many much upon still even yet via
    per another every us"""
STOPWORDS = frozenset(_STOPWORDS.split())
"""Lower-case English function words (kept as tokens, never concepts or content terms)."""

QUANTITY_WORDS = frozenset(
    {"more", "most", "many", "much", "few", "one", "another", "every", "other", "some", "same",
     "such", "own", "further"}
)  # fmt: skip
"""Function words that can stand inside a counted phrase ("three more towns", "the other two")."""

NOT_COUNTED = (STOPWORDS - QUANTITY_WORDS) | RELATIVE_TIME_WORDS | {"back", "alone", "since", "say"}
"""Words that end the noun phrase after a number: what follows them is not what is counted."""

_QUERY_FRAME = """discuss describ includ inform identifi explain specifi give detail report regard
    concern relat involv various particular known etc what how why when where who which whether
    provid list mention note other also any"""
QUERY_FRAME_STEMS = frozenset(_QUERY_FRAME.split())
"""Stemmed words that frame a DUC/TAC-style request rather than say what it is about."""

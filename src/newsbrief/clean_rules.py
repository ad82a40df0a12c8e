"""The cleaning rules: what report packaging looks like, one row per pattern.

Each :class:`Rule` names the kind of packaging it removes, where in a report it
may match and the pattern itself. ``line`` rules match a whole line anywhere,
``head`` and ``tail`` rules a whole line among the first or last lines of a
report, ``prefix`` and ``suffix`` rules a piece at the start or end of a line
(bylines glued to a lead, photo credits glued to a caption). ``inline`` rules
match a short, unmistakable piece anywhere in the text (a typesetting code, a
byline glued to the word before it); they are tried on titles too. Patterns are
matched against a line with its surrounding spaces stripped; whole-line
patterns must match all of it. ``title`` rules remove a piece of a report's
title (a release note, a part or version marker, a slug, an urgency tag, a
tagline credit); what is left is the title.

A whole report can be packaging too: an editors' advisory or news budget (a
list of slugs with word counts, "the following stories are moving...", photo
and contact notes) is recognised by :data:`BUDGET_LINE` and
:data:`ADVISORY_WORDS` (see :func:`newsbrief.clean.is_advisory`) and counted
as the ``advisory`` kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Where = Literal["line", "head", "tail", "prefix", "suffix", "title", "inline"]

# Kinds of packaging, as reported per source in the briefing JSON.
KINDS: dict[str, str] = {
    "byline": "reporter's name line, with or without the service",
    "service": "news-service, syndicate and distribution lines",
    "copyright": "copyright notices",
    "slug": "slugs, routing and transmission codes",
    "note": "notes to editors, advisories, purchase and publication notes",
    "correction": "correction and clarification notices",
    "end": "story-end and continuation markers",
    "contact": "how to reach the reporter: e-mail, phone, handles, addresses",
    "credit": "contribution credits and author descriptions",
    "photo": "photo codes, photo budgets and photo credits",
    "caption": "image captions and credits of web pages",
    "video": "video, audio and JavaScript notices",
    "share": "share, comment and print prompts",
    "related": "related-story and read-more prompts",
    "promo": "newsletter, subscription and app promotions",
    "print": "print-edition notes",
    "links": "web link lists (On the Net)",
    "typesetting": "typesetting codes inside the text ((SET ITAL), (END BOLD))",
    "heading": "section headings and budget lines in capitals",
    "advisory": "a whole report that is an editors' advisory or news budget, not a report",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of report packaging."""

    kind: str
    where: Where
    pattern: re.Pattern[str]
    example: str  # a line the rule removes (shape only; tests check every example)
    # Cheap checks before the pattern is tried (speed only): the lower-cased line must
    # hold one of ``words``, and be at most ``max_len`` characters long. For a suffix rule,
    # ``words`` are how a line it takes ends, in the case the pattern writes them.
    words: tuple[str, ...] = ()
    max_len: int = 0
    words_re: re.Pattern[str] | None = None  # ``words`` as one pattern

    def matches(self, line: str, lower: str) -> bool:
        """True when the whole ``line`` (``lower`` is it lower-cased) is this packaging."""
        if self.max_len and len(line) > self.max_len:
            return False
        if self.words_re is not None and self.words_re.search(lower) is None:
            return False
        return self.pattern.fullmatch(line) is not None


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, factored by common prefixes: Python's ``re`` tries
    a flat alternation one literal at a time, a trie once per character."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            return ""  # a word ends here: a longer one adds nothing to a search
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return build(trie)


def _rule(
    kind: str, where: Where, pattern: str, example: str, words: str = "", max_len: int = 0
) -> Rule:
    flags = re.IGNORECASE if kind in _CASELESS or where == "title" else 0
    if where == "inline":
        flags |= re.MULTILINE  # "$" is the end of a line
    return Rule(
        kind,
        where,
        re.compile(pattern, flags),
        example,
        tuple(words.split("|")) if words else (),
        max_len,
        re.compile(trie_pattern(words.split("|"))) if words else None,
    )


_CASELESS = {
    "service",
    "copyright",
    "contact",
    "credit",
    "caption",
    "video",
    "share",
    "related",
    "promo",
    "print",
    "links",
}

_NAME = r"[A-Z][A-Za-z.'\-]+(?: (?:[A-Z][A-Za-z.'\-]+|de|van|von|da|del|la|le|[A-Z]\.))*"
_CAPS_NAME = r"[A-Z][A-Z.'\-]+(?: (?:[A-Z][A-Z.'\-]+|[A-Z]\.|de|van|von|del|la))*"
_SERVICE = (
    r"(?:N\.Y\. Times|New York Times|Times|Cox|Scripps Howard|Knight[- ]Ridder|Hearst|"
    r"Los Angeles Times|Washington Post|Bloomberg|States News|Chicago Tribune)"
    r"(?: News)? (?:Service|Syndicate|Newspapers|Wire)"
)
_WIRES = r"(?:Associated Press|AP|Reuters|AFP|Agence France-Presse|Xinhua|UPI|Bloomberg|Dow Jones)"
# A wire service's name where packaging puts it: a wire tag after a dateline ("(Xinhua) --"),
# or "UNDATED" for a dateline without a place. Named in a sentence, the service is news.
WIRE_TAG = re.compile(
    rf"\((?:The )?(?:{_WIRES}|NYT|New York Times(?: News Service)?)\)|(?:UNDATED|Undated)\b"
)
_STAFF = r"(?:Staff )?(?:Writer|Correspondent|Reporter|Editor|Columnist|Staff)"
_OPERATOR = r"\((?:[a-z]{1,4}|[A-Z]{1,3}\d*)\)"
_PROMO = (
    r"(?:Sign up|Subscribe|Get|Download|Support|Become|Join|Start|Try|Already a|Log ?in|Unlock|"
    r"Don't miss|Never miss|Enter your e-?mail|Want|Stay)\b[^\n]{0,160}"
    r"(?:newsletter|inbox|subscri\w+|\bapp\b|journalism|membership|free trial|alerts|"
    r"unlimited access|sign up|informed)[^\n]{0,120}"
)
# A newspaper's name after a byline's copyright year: "c.2000, Valley Post".
_PAPER = (
    r"(?:The )?(?:[A-Z][\w.&'\-]+ ){0,4}(?:Chronicle|Times|Post|News|Herald|Journal|Tribune|"
    r"Globe|Star(?:-Telegram)?|Sun|Examiner|Inquirer|Gazette|Press|Review|Daily|Bee|Register|"
    r"Record|Observer|Courier|Constitution|Dispatch|Magazine|Monitor|Weekly|Service|Syndicate)"
)
# An author's description in brackets: "(Ana Ruiz is film critic for the Valley Post.)".
_BLURB = (
    r"\([A-Z][\w.'\- ]{2,60},?(?: [^()\n]{0,60},)? (?:is|was) (?:a |an |the )?"
    r"(?:[^()\n]|\(\d{3}\)){0,120}?\b(?:columnist|writer|reporter|correspondent|editor|"
    r"critic|contributor)s?\b(?:[^()\n]|\(\d{3}\)){0,400}\)\.?"
)
_PHONE = r"(?:\(\d{3}\) ?|\b\d{3}[-. /])\d{3}[-.]\d{4}"
_YEAR = r"(?:19|20)\d\d"

# Words after which "by" starts an agent, not a reporter's name ("Hit by Storm Surge").
_PARTICIPLES = (
    *("hit", "hurt", "set", "led", "run", "won", "shot", "cut", "struck", "held", "made"),
    *("seen", "met", "beat", "bought", "caught", "fought", "sought", "taught", "brought"),
    *("built", "sent", "spent", "kept", "left", "lost", "paid", "said", "told", "sold"),
    *("found", "bound", "hung", "shut", "split", "spread", "upset", "put", "read", "let"),
    *("bit", "hid", "slain", "stung", "swept", "dug", "stood"),
)
# A reporter's name in a tagline: two or three words, none of them a small word ("BY WAY OF").
_TAG_WORD = r"(?!(?:of|the|and|a|an|for|to|in|on|at|with|from|way|or)\b)[A-Z][\w.'\-]+"
_TAG_NAME = rf"{_TAG_WORD}(?: {_TAG_WORD}){{1,2}}"
# Words after "by" that make it a time: "by Next Week", "BY MARCH 1".
_TIMES = (
    *("next", "this", "the end", "end", "early", "late", "mid", "monday", "tuesday"),
    *("wednesday", "thursday", "friday", "saturday", "sunday", "january", "february"),
    *("march", "april", "may", "june", "july", "august", "september", "october"),
    *("november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep"),
    *("sept", "oct", "nov", "dec", "spring", "summer", "autumn", "fall", "winter", "year"),
    *("week", "month", "noon", "midnight", "tonight", "tomorrow", "\\d"),
)

RULES: tuple[Rule, ...] = (
    # --- bylines and credits -------------------------------------------------------
    _rule(
        "byline",
        "head",
        rf"(?:{_OPERATOR} )?By:? (?:{_CAPS_NAME}|{_NAME})(?:(?:,| and) (?:{_CAPS_NAME}|{_NAME}))*"
        rf"(?: \([^)]{{1,60}}\))?(?:,? (?:{_WIRES}|The [A-Z][\w.\-]+(?: [A-Z][\w.\-]+){{0,3}})"
        rf"(?: {_STAFF}s?)?)?(?:,? c\. ?{_YEAR} {_SERVICE})?(?: \([^)]*\))?\.?",
        "By HOLCOMB B. NOBLE c.1999 N.Y. Times News Service",
    ),
    _rule(
        "byline",
        "line",
        rf"(?:{_OPERATOR} )?By (?:{_CAPS_NAME}|{_NAME}),? (?:an? )?{_WIRES} {_STAFF}s?\.?",
        "By CHRIS ROBERTS, Associated Press Writer",
    ),
    _rule(
        "byline",
        "head",
        rf"{_CAPS_NAME}(?:,| and) (?:{_WIRES}|[A-Z][\w.\-]+(?: [A-Z][\w.\-]+){{0,3}}) {_STAFF}s?",
        "RODRIQUE NGOWI, Associated Press Writer",
        words="writer|correspondent|reporter|editor|columnist|staff",
    ),
    _rule(
        "byline",
        "prefix",
        rf"(?:{_OPERATOR} )?By (?>{_CAPS_NAME})(?:,? {_WIRES} {_STAFF})?"
        rf"(?: c\. ?{_YEAR} {_SERVICE}|,? c\. ?{_YEAR},? {_PAPER})?(?= [A-Z])\s*",
        "By JERE LONGMAN c.2000 N.Y. Times News Service WASHINGTON _ The Senate voted ...",
    ),
    _rule(
        "byline",
        "line",
        rf"\*?{_WIRES} {_STAFF}s?\.?",
        "*Associated Press Writer",
    ),
    _rule(
        "credit",
        "line",
        r"(?:[\w.,'\- ]{2,160}) (?:contributed|also contributed) (?:to )?(?:to )?"
        r"(?:this|the) (?:report|story|article)[^\n]{0,200}",
        "Associated Press Writer David Ho contributed to this story.",
        words="contributed",
    ),
    _rule(
        "credit",
        "tail",
        r"\(?[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,3} (?:is|was) (?:a|an|the) "
        r"[^.\n]{0,80}(?:columnist|writer|reporter|correspondent|editor|critic|contributor)"
        r"(?: (?:for|at|of|with) [^\n]{0,120})?\.?\)?",
        "(Veronica Flores is a columnist for the San Antonio Express-News, P.O. Box 1, X.)",
        words="columnist|writer|reporter|correspondent|editor|critic|contributor",
    ),
    _rule(
        "credit",
        "line",
        rf"{_BLURB}(?:\s+nn)?",
        "(Ana Ruiz is film critic for the Valley Post. You can call her at (555) 010-2345. Visit "
        "the Valley Post online at www.valleypost.example.com) nn",
        words="columnist|writer|reporter|correspondent|editor|critic|contributor",
    ),
    # The blurb with a note to editors, a web promo or a purchase note after it: packaging
    # whatever the note quotes (a film's title), so not a guarded kind.
    _rule(
        "note",
        "line",
        rf"{_BLURB}(?:\s+(?:EDITORS?|Eds?)\s*:[^\n]*|\s+(?:And )?(?:don'?t forget to )?visit\b"
        r"[^\n]*|\s+\((?:To (?:publish|purchase|buy|order)|For (?:information|purchase))[^\n]*)",
        '(Tom Ellery is a free-lance writer.) EDITOR: For further information on "Bridges," '
        "consult the film's web site at www.bridges.example.com.",
        words="columnist|writer|reporter|correspondent|editor|critic|contributor",
    ),
    _rule(
        "credit",
        "tail",
        r"(?:Story Filed By|Filed by|Compiled by|Written by|Reporting by|Editing by|"
        r"Additional reporting by) [^\n]{2,120}",
        "Story Filed By Cox Newspapers",
    ),
    # --- service lines and copyright ----------------------------------------------
    _rule(
        "service",
        "line",
        rf"(?:{_OPERATOR} )?(?:c\. ?{_YEAR} |\(c\) ?{_YEAR} |_ )?(?:The )?{_SERVICE}\.?",
        "c.1999 N.Y. Times News Service",
    ),
    _rule(
        "service",
        "line",
        r"(?:[A-Z][A-Za-z. ]{0,60} )?\(?Distributed by [^\n)]{3,80}\)?"
        r"(?: To purchase [^\n]{0,200})?",
        "NEW AMERICA NEWS SERVICE (Distributed by New York Times Special Features)",
        words="distributed by",
    ),
    _rule(
        "service",
        "line",
        r"For (?:use|release) by (?:clients|subscribers) of [^\n]{3,80}",
        "For Use By Clients of the New York Times News Service",
    ),
    _rule(
        "service",
        "line",
        r"[A-Z][\w .\-]{0,40} BUDGET INFORMATION FOR SUBSCRIBERS [^\n]{0,80}|"
        r"(?:The )?[A-Z][\w.\- ]{2,50} plans to move the following for clients of [^\n]{0,400}",
        "The Valley Post plans to move the following for clients of the Valley News Service.",
        words="budget information|plans to move",
    ),
    _rule(
        "service",
        "line",
        r"\(For (?:use|release|publication) (?:by|to|in|on) [^\n()]{3,100}\)(?: ?\([a-z]\))?|"
        r"For (?:use|release) by [^\n]{0,60}(?:clients|subscribers|News Service|Syndicate)"
        r"[^\n]{0,40}",
        "(For use by Valley News Service clients)",
        words="for use|for release|for publication",
    ),
    _rule(
        "copyright",
        "line",
        rf"(?:Copyright|\(c\)|©) ?(?:{_YEAR}|[A-Z])[^\n]{{0,120}}|c\. ?{_YEAR} [^\n]{{0,120}}|"
        r"This material may not be published, broadcast, rewritten,? or redistributed\.?",
        "Copyright 2000 The Associated Press. All rights reserved.",
        words="copyright|(c)|©|c.1|c.2|c. 1|c. 2|this material",
    ),
    _rule(
        "copyright",
        "line",
        r"[^\n]{0,120}All rights reserved\.?[^\n]{0,120}",
        "The Valley Post, 2024. All rights reserved.",
        words="rights reserved",
    ),
    # A distributor's notice in capitals, with its address before it: "WASHINGTON, D.C. 20003
    # TEL: ... COPYRIGHT 1998 BY EXAMPLE SOURCES, INC. NO PORTION ... MAY BE USED ..."
    _rule(
        "copyright",
        "line",
        r"(?-i:[^\n]{0,160}?\bCOPYRIGHT (?:19|20)\d\d\b[^a-z\n]{0,800})",
        "WASHINGTON, D.C. 20003 Tel: 555-0100 COPYRIGHT 1998 BY EXAMPLE SOURCES, INC. NO PORTION "
        "MAY BE USED WITHOUT ATTRIBUTION TO EXAMPLE SOURCES, INC.",
        words="copyright",
    ),
    _rule(
        "copyright",
        "prefix",
        r"(?-i:[^\n]{0,160}?\bCOPYRIGHT (?:19|20)\d\d\b[A-Z0-9 ,.:;&'()\-]{0,400}\.\s+"
        r"(?=[^\n]{0,40}?[a-z]))",  # the lead: "Floods ...", "MACAU'S police", "RIVERTON (VP): A"
        "TEL: 555-0100 COPYRIGHT 1998 BY EXAMPLE SOURCES, INC. NO PORTION MAY BE USED WITHOUT "
        "ATTRIBUTION TO EXAMPLE SOURCES, INC. Greenhouse gases may melt the ice sheet.",
        words="copyright",
    ),
    # --- slugs and routing ----------------------------------------------------------
    _rule(
        "slug",
        "line",
        r"(?:[A-Z]{1,3}\d{3,5} )?\(?(?:BC|AM|PM|FBC)-[A-Z0-9][\w&,.:\-/ ]{1,80}\)?"
        r"(?: \d{1,2}-\d{1,2})?(?: \d{2,5})?",
        "BC-NJ--Evolution & Schools,730",
    ),
    _rule(
        "slug",
        "line",
        r"(?:AP|NYT|APW|XIE|A[A-Z]{1,2})-(?:[A-Z]{2}-)?\d\d-\d\d-\d\d \d{3,4}(?:E[DS]T|GMT|"
        r"[A-Z]{3})",
        "NYT-05-17-99 1920EDT",
    ),
    _rule(
        "slug",
        "line",
        r"\(?(?:PROFILE|\(?WS SL:|\(?REG:|\(?LANG:|CT:|\(?SL:)[^\n]{0,200}",
        "(PROFILE (WS SL:BC-Pakistan-Embassy-Bombings; CT:i; (REG:EURO;)",
    ),
    _rule(
        "slug",
        "line",
        r"(?:&[A-Z][A-Za-z0-9]*;\s*)+|[-=_*#~$]{3,}|\*?[-=_]{3,}|"
        r"nn [A-Z][^\n]{0,40}|"
        r"WITH: [A-Z][\w\-]+|\d{1,2}/\d{1,2}/\d{2,4}|"
        r"[A-Z0-9]+(?:-[A-Z0-9]+){2,}(?: \(\w[\w .,]*\))?",
        "&HT;",
    ),
    _rule(
        "slug",
        "line",
        r"\(?[a-z]{1,4}\)?|\([A-Z]{2}\)",  # operator codes alone on a line
        "(mk)",
    ),
    _rule(
        "slug",
        "prefix",
        r"(?:BC|AM|PM)-[A-Z0-9][\w\-]{2,60}(?: UNDATED| [A-Z]{3,})?:?\s+",
        "BC-KANSAS-CREATIONISM-REVIEW-2NDTAKE-NYT UNDATED: over time.",
    ),
    _rule(
        "slug",
        "prefix",
        rf"{_OPERATOR}\s+(?=[A-Z])",
        "(lh) WASHINGTON _ The Senate ...",
    ),
    # --- notes to editors, corrections ------------------------------------------------
    _rule(
        "note",
        "line",
        r"\((?:Eds?|EDS?|Editors?|EDITORS?|ATTN|ART ADV|ADV|Adv|Optional|OPTIONAL|CORRECTS|"
        r"Corrects|"
        r"Updates|UPDATES|Recasts|RECASTS|Subs|SUBS|With|WITH|Note|NOTE|Embargoed|EMBARGOED)\b"
        r"[^\n)]{0,400}\)?\.?|(?:Eds?|EDS|EDs|ATTN|ATTENTION|Attention|ART ADV|ADV|Adv) ?:"
        r"[^\n]{0,400}",
        "(Eds: Wednesday in lede cq.)",
    ),
    _rule(
        "note",
        "line",
        r"(?:ATTENTION )?EDITORS?(?:'S NOTE| NOTE)?\s*(?:[:_]|--?)[^\n]{0,600}|"
        r"EDITOR'?S NOTE[^\n]{0,600}|(?:Editor'?s note|NOTE TO EDITORS)\s*[:\-_][^\n]{0,600}",
        "ATTENTION EDITORS: This article from The Denver Post is for use by clients only.",
    ),
    _rule(
        "note",
        "line",
        r"(?:-0-\s*)?\((?:To (?:purchase|publish|buy|order|subscribe)|For (?:information|purchase|"
        r"questions)|The following [^\n)]{0,80}(?:article|column|story|feature)|"
        r"Available|This (?:article|story|column) (?:is|was|may))[^\n]{0,400}\)?|"
        r"For (?:questions|information|purchase information)[^\n]{0,40}(?:call|contact|e-mail|see)"
        r"[^\n]{0,300}|To (?:purchase|publish|buy) (?:this|rights)[^\n]{0,300}|"
        r"(?:Another sample column|Mail [\w ]{0,30} questions to|"
        r"Visit The New York Times Syndicate)"
        r"[^\n]{0,400}",
        "(To publish this article, call a New York Times Syndicate sales representative.)",
        words="(to |(for |(available|(this |(the following|for questions|for information|"
        "for purchase|to purchase|to publish|to buy|another sample|questions to|"
        "visit the new york times",
    ),
    # A syndicate's pitch to editors: "Are you prepared to give your readers the coverage
    # they crave?", "Ask about our 30-day free trial!" (not in reported speech).
    _rule(
        "note",
        "line",
        r"(?![^\n]*\b(?:said|says|told|tells)\b)[^\n]{0,300}\b(?i:give your readers|"
        r"your readers (?:want|need|crave|will)|ask about our|syndicate can help)\b[^\n]{0,300}",
        "Are you prepared to give your readers the coverage they crave?",
        words="your readers|ask about our|syndicate can help",
    ),
    # A note on where a column's facts came from: "This column is based on an AP story
    # that was for use on Oct. 14." (what a story is based on in its own words is news)
    _rule(
        "note",
        "line",
        rf"(?:This|The) (?:column|story|article|report|feature|item) (?:is|was) based on "
        rf"(?:an? |the )?(?:{_WIRES}|wire|news service) (?:story|stories|report|reports|"
        r"dispatch(?:es)?)\b[^\n]{0,120}",
        "This column is based on an AP story that was for use on Oct. 14.",
        words="based on",
    ),
    _rule(
        "note",
        "prefix",
        r"\((?:Eds?|Editors?|ATTN|ART ADV|ADV|Optional|Corrects|Updates|Recasts|"
        r"Subs)\b[^)\n]{0,300}"
        r"\)\s*",
        "(Eds: Updates with vote) WASHINGTON (AP) -- The Senate ...",
    ),
    _rule(
        "note",
        "line",
        r"[^\n]{0,300}\((?:Story|Stories|It|This) will move in the \"?\w\"? categor(?:y|ies)\.?\)|"
        r"[A-Z][A-Z ,&]{3,40} \(\"\w\" category\)",
        'By Heath Foster. (Story will move in the "a" category.)',
        words="category|categories",
    ),
    _rule(
        "note",
        "line",
        r"[A-Z][A-Z0-9\-]{3,40}(?: \([^)\n]{1,40}\))? _ [^\n]{0,300}\bBy [A-Z][\w.' ]{2,40}\.?",
        "FLOODS-RIVERTON (Riverton) _ The river rose four metres overnight. By Heath Foster.",
    ),
    _rule(
        "note",
        "line",
        r"(?:Here (?:is|are)|These are|Following (?:is|are)) [^\n]{0,120}\b(?:package|budget|"
        r"(?:stories|features|columns)[^\n]{0,120}\b(?:moves?|moving|moved|files?|filed))\b"
        r"[^\n]{0,300}",
        "Here is MONDAY'S package of Valley News health stories and features.",
        words="package|budget|move|moving|file",
    ),
    _rule(
        "correction",
        "line",
        r"\(?(?:CORRECTION|Correction|CLARIFICATION|Clarification|Corrected|An earlier version of "
        r"this (?:article|story))\b[^\n]{0,400}",
        "Correction: An earlier version of this article misstated the date of the vote.",
    ),
    # --- story-end markers ----------------------------------------------------------
    _rule(
        "end",
        "line",
        r"\(?(?:END|ENDIT|END OPTIONAL TRIM|OPTIONAL TRIM|END ADV(?:ANCE)?[^\n]{0,40}|MORE|"
        r"more|-?30-|NNNN|xxx|XXX|\(?AP\)?|\(?Reuters\)?|ENDS|Ends|ADVANCE|"
        r"(?:1st|2nd|3rd|\d+th) (?:Add|Lead|Take)[^\n]{0,60}|(?:BEGIN |"
        r"END )?OPTIONAL TRIM(?: FOLLOWS)?|"
        r"COMING (?:TOMORROW|UP|NEXT)[^\n]{0,40}|HOW TO REACH US)\)?\.?",
        "ENDIT",
    ),
    _rule(
        "end",
        "suffix",
        r"\s+(?:ENDIT|\(END\)|NNNN|(?:AP|NYT)-[A-Z\d\-]{6,12} \d{3,4}E[DS]T)\s*",
        "... the vote was 52-48. ENDIT",
        words="ENDIT|(END)|NNNN|EDT|EST",  # suffix rules: how the line ends, as written
    ),
    _rule(
        "note",
        "suffix",
        r"\s*(?:_{3,}\s*)?\((?:To (?:publish|purchase|buy|order) (?:this|these)|For (?:purchase|"
        r"information on (?:purchasing|buying)))[^\n()]{0,400}(?:\([^\n()]{0,40}\)[^\n()]{0,200})*"
        r"\.?\)\s*",
        "The bridge will close. ____ (To publish this article, call a Valley Syndicate sales "
        "representative.)",
        words=")",
    ),
    _rule(
        "slug",
        "suffix",
        r"\s*\((?:[^()\n]{0,40} )?(?:\d+(?:st|nd|rd|th) (?:Ld|Lead|Add|Take)(?:[- ]Writethru)?|"
        r"Writethru|Write-thru)\)\s*",
        "The land will be handed over in stages. (Bridge-Vote 1st Ld Writethru)",
        words=")",
    ),
    # --- contact lines -----------------------------------------------------------------
    _rule(
        "contact",
        "line",
        r"(?:E-?mail|Write to|Contact|Reach|Send|Mail|Call|Phone|Fax|Follow)[^\n]{0,80}"
        r"(?:@|\(at\)|\(AT\)|\bat\b \S+\.(?:com|org|net)|https?://|www\.|\d{3}[-. )]\d{3}[-.]\d{4}|"
        r"on (?:Twitter|X|Facebook|Instagram|Threads|Bluesky))[^\n]{0,120}",
        "E-mail Benny Evangelista at bennye(AT)sfgate.com .",
    ),
    _rule(
        "contact",
        "line",
        r"\(?(?:[^\n.]|\b[A-Z]\.){0,80}(?:can|may) be (?:reached|contacted|e-mailed|emailed)"
        r" (?:at|by|via)[^\n]{0,200}",
        "Jena Heath can be reached at jheath(at)statesman.com.",
        words="be reached|be contacted|be e-mailed|be emailed",
    ),
    _rule(
        "contact",
        "tail",
        r"@[A-Za-z0-9_]{2,30}|[\w.\-]+@[\w\-]+\.[\w.]+|"
        r"[^\n]{0,60}\b(?:is on|on) (?:Twitter|X|Instagram|Bluesky|Threads)\b[^\n]{0,60}",
        "@janedoe",
        words="@|twitter|instagram|bluesky|threads| x ",
    ),
    _rule(
        "contact",
        "line",
        r"(?:If you (?:have|need)|Questions?|For (?:more )?(?:information|questions|photos|"
        r"graphics|stories|a resend)|Please|Call|Contact|To (?:order|reach|request|buy))\b"
        r"(?=[^\n]*\b(?:resend|desk|syndicate|clients|subscribers|budgets?|news service|editors?|"
        r"sales representatives?|layouts?)\b)"
        rf"(?=[^\n]*(?:{_PHONE}|@|\(at\)|https?://|www\.))"
        r"[^\n]{0,160}\b(?:call|contact|e-?mail|reach|write to|directed to|fax|phone)\b"
        r"[^\n]{0,400}",
        "If you have questions or need a resend, please call the Valley News Service desk at "
        "555-010-2345.",
        max_len=700,
    ),
    # --- photo codes and credits -------------------------------------------------------
    _rule(
        "photo",
        "line",
        r"\((?:NYT|AP|BOS|COX|LAT|WP)\d{1,3}\)[^\n]*|"
        r"AP Photo(?:s)?(?: [A-Z]{2,4}\d{2,4})?(?:[^\n]{0,120})?|"
        r"\(?(?:AP|Reuters|AFP|Getty Images|EPA)(?: Photo)?/[^\n)]{2,80}\)?|"
        r"ATTENTION EDITORS: The following photos[^\n]*|"
        r"(?:PHOTOS?|GRAPHICS?|ILLUSTRATIONS?|MAPS?|CHARTS?) (?:ARE |IS )?(?:AVAILABLE|MOVING|"
        r"SENT)[^\n]{0,200}|\(?ART (?:IS )?(?:AVAILABLE|ADV)[^\n]{0,200}",
        "AP Photo NAI101 By RODRIQUE NGOWI Associated Press Writer",
    ),
    _rule(
        "photo",
        "line",
        r"(?i:(?:(?:the|a|all|color|colour|two|three|four|\d+) )?"
        r"(?:photos?|graphics?|art|illustrations?|pictures?|maps?)\b"
        r"(?=[^\n]*\b(?:story|stories|article|budget|clients|subscribers|editors?'?|"
        r"news service)\b)"
        r"[^\n]{0,80}?\b(?:(?:are|is) (?:available|being sent|listed)|"
        r"(?:can|may) be (?:found|ordered|obtained)|(?:have|has) been sent)\b[^\n]{0,300})",
        "Photos of this story are available to clients of the Valley News Service.",
        max_len=600,
    ),
    _rule(
        "photo",
        "suffix",
        r"\s*\((?:[A-Z][\w.'\-]+ ?){1,3}/ ?[^\n)]{2,60}(?:Photo|Staff|Getty|Images|AP|"
        r"Reuters)\)\s*|"
        r"\s*\((?:AP|Reuters|AFP) Photo/[^\n)]{2,60}\)\s*",
        "Lee in Boston. (David Ryan/Boston Globe Photo)",
        words=")",  # suffix rules: how the line ends
    ),
    # --- web boilerplate that survives extraction --------------------------------------
    _rule(
        "caption",
        "line",
        r"(?:Photo|Photograph|Image|Picture|Illustration|Graphic|Caption|Credit|Photo credit|"
        r"Image credit|Image source|Source|Photo illustration)s?\s*(?::|by\b)[^\n]{0,200}|"
        r"(?:Enlarge|Expand) (?:this )?(?:image|photo)|Open (?:image|"
        r"gallery)[^\n]{0,40}|"
        r"(?:View|See) (?:the )?(?:photos?|gallery|slideshow)[^\n]{0,40}",
        "Protesters gather outside the ministry on Tuesday. Photo: Jane Doe/Reuters",
        words="photo|image|picture|illustration|graphic|caption|credit|source|enlarge|expand|"
        "gallery|slideshow",
    ),
    _rule(
        "caption",
        "line",
        r"[^\n]{0,200}\((?:Photo|Image|Picture)(?: by| credit:|:)? [^\n)]{2,80}\)|"
        r"[^\n]{0,160}(?:/ ?(?:Getty Images|AFP|AP|Reuters|EPA|Shutterstock|Bloomberg)"
        r"(?: via Getty Images)?|\bvia Getty Images)\.?",
        "Protesters gather outside the ministry on Tuesday. Jane Doe/Reuters",
        words="(photo|(image|(picture|getty|/",
    ),
    _rule(
        "caption",
        "prefix",
        r"(?:[A-Z][^\n.]{5,160}\. )?(?:Photo|Image|Picture)(?: by|:) [A-Z][\w.'\- ]{1,40}/"
        r"(?:Getty Images|AFP|AP|Reuters|EPA|Shutterstock|Bloomberg)\s+",
        "Image: John Doe/Reuters LONDON — The prime minister ...",
        words="photo|image|picture",
    ),
    _rule(
        "video",
        "line",
        r"(?:Watch|Play|Replay)(?: the)?(?: full)? (?:video|clip|live stream|live)\b[^\n]{0,80}|"
        r"(?:WATCH|Watch|LISTEN|Listen)\s*:[^\n]{0,120}|"
        r"(?:Video|Audio|Listen|Podcast)\s*[:|]\s*[^\n]{0,120}|"
        r"(?:This|The) (?:video|content|media|embed) (?:is|was|has been) (?:not available|"
        r"unavailable|no longer available|loading)[^\n]{0,80}|"
        r"(?:Now playing|Up next|Loading(?: video)?|Duration|Transcript)\b[^\n]{0,60}|"
        r"Skip (?:Advertisement|ad|to content)[^\n]{0,40}|Story continues below[^\n]{0,40}",
        "Now playing: Floods in the valley",
        max_len=200,
    ),
    _rule(
        "video",
        "line",
        r"[^\n]{0,80}(?:enable|enabled|turn on) JavaScript[^\n]{0,120}|"
        r"[^\n]{0,80}browser (?:does not|doesn't) support[^\n]{0,120}",
        "Your browser does not support the video tag.",
        words="javascript|browser",
    ),
    _rule(
        "share",
        "line",
        r"(?:Share|Tweet|Email|E-mail|Print|Save|Copy link|Pin|Comment|Comments|Like|"
        r"Facebook|Twitter|LinkedIn|WhatsApp|Reddit|Flipboard|Gift)"
        r"(?:(?:\s*[|/·•,]\s*|\s+)(?:Share|Tweet|Email|E-mail|Print|Save|Copy link|Pin|Comments?|"
        r"Facebook|Twitter|LinkedIn|WhatsApp|Reddit|Flipboard|this|article|story|on|via|page|"
        r"link|\(\d+\)|\d+))*|"
        r"(?:Share|Email|Print|Save) (?:this|the) (?:article|story|page|link)[^\n]{0,60}|"
        r"Click (?:here )?to (?:share|email|print|comment)[^\n]{0,60}|"
        r"(?:Join|Read|View|Show|Leave|Post) (?:the )?(?:\d+ )?(?:comments?|conversation|"
        r"discussion)[^\n]{0,40}|Gift this article[^\n]{0,40}|\d+ [Cc]omments?",
        "Share this article",
        max_len=80,
    ),
    _rule(
        "related",
        "line",
        r"(?:Related|Read (?:more|also|next|the full story)|More on this (?:story|topic)|"
        r"More from [^\n:]{1,40}|Recommended(?: for you| stories| reading)?|See also|Also read|"
        r"Also on [^\n:]{1,40}|Trending(?: now| stories)?|Most (?:read|popular|viewed|shared)|"
        r"Top stories|You (?:may|might) also like|What to read next|Further reading|"
        r"Keep reading|Continue reading|Related (?:stories|coverage|content|articles?|video|links?"
        r"|topics))(?:\s*[:>»|\-–—]\s*[^\n]{0,200}|\s*)",
        "READ MORE: Floods force thousands from their homes",
        words="related|read|more |recommended|see also|also on|trending|most |top stories|you m",
        max_len=260,
    ),
    _rule(
        "promo",
        "line",
        _PROMO,
        "Sign up for our daily newsletter to get the latest news delivered to your inbox.",
    ),
    _rule(
        "promo",
        "line",
        rf"[^\n]{{0,80}}[.!:]\s+{_PROMO}",
        "Thanks for reading. Subscribe to our newsletter for the latest news.",
        words="newsletter|subscri|journalism|membership",
    ),
    _rule(
        "promo",
        "line",
        r"\(?(?:And )?(?:don'?t forget to |please |be sure to )?"
        r"(?:visit|see|read|find|check out|go to)"
        r"\b[^\n]{0,120}(?:\bweb ?site|\bonline\b|\bon the (?:world wide )?web\b|https?://|"
        r"\bwww\.)[^\n]{0,160}|"
        r"(?:See|Read|Get|Find) (?:the )?(?:full|complete|entire|whole|rest of the) "
        r"(?:story|article|report|text|interview)\b[^\n]{0,160}",
        "And don't forget to visit the Valley Syndicate web site at http://www.valley.example.com.",
        words="visit|see|read|find|check out|go to",
    ),
    _rule(
        "print",
        "line",
        r"(?:A version of this (?:article|story|report)|This (?:article|story) (?:appeared|"
        r"appears|was published) (?:in|on)|Appeared in the|An? (?:shorter |earlier )?version of "
        r"this (?:article|story) (?:appeared|appears|was published))[^\n]{0,240}|"
        r"Published (?:in|on) [^\n]{0,40}(?:print|edition|page)[^\n]{0,80}|"
        r"(?:Updated|Published|Posted|Last updated|First published)\s*(?:on|at)?\s*:?\s*"
        r"[A-Z]?[\w,.: ]{0,50}\d[\w,.: ]{0,40}(?:[AaPp]\.?[Mm]\.?|GMT|UTC|E[DS]T|BST|CET)?",
        "A version of this article appears in print on June 5, Section A, Page 1.",
    ),
    _rule(
        "links",
        "line",
        r"On the (?:Net|Web|Internet)\s*:?[^\n]{0,200}",
        "On the Web: Riverton council minutes",
    ),
    _rule(
        "links",
        "line",
        r"[^\n]{0,100}(?::|-|—)?\s*(?:https?://|www\.)\S+(?: \S+){0,2}|"
        r"(?:https?://|www\.)\S+",
        "Bureau of Indian Affairs Web site: http://www.doi.gov/bureau-indian-affairs.html",
        words="://|www.",
    ),
    _rule(
        "video",
        "line",
        r"\d{1,2}:\d{2}(?: min)?|Advertisement|ADVERTISEMENT|Ad|AD|Sponsored(?: content)?",
        "Advertisement",
    ),
    _rule(
        "caption",
        "line",
        r"\d+ of \d+|(?:Getty Images|Shutterstock|Alamy|iStock)(?: Images)?",
        "3 of 12",
    ),
    _rule(
        "heading",
        "line",
        r"(?:[A-Z0-9][A-Z0-9,.'&:/\-]*)(?: [A-Z0-9,.'&:/\-]+){0,11}",
        "AN ARREST AND A CONFESSION IN THE CASE",
    ),
    # --- pieces of titles ----------------------------------------------------------------
    # Release, use and editors' notes in brackets, anywhere in a title.
    _rule(
        "note",
        "title",
        r"\s*\((?:for (?:release|use|immediate release|publication)|note\b|art adv|attn\b|"
        r"attention\b|eds?\b|editors?\b|embargoed|optional|updated|corrected|corrects|updates|"
        r"with (?:photos?|graphics?|art)\b)[^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)",
        "Council closes the old bridge (FOR RELEASE SUNDAY, NOV. 3)",
    ),
    # Urgency and edition tags before a title: capitals alone, any case with a colon.
    _rule(
        "note",
        "title",
        r"^(?:(?-i:URGENT|BULLETIN|FLASH|ADVISORY|CORRECTED|REPEAT|ALERT|EXCLUSIVE)\b[ :\-_]*|"
        r"(?:urgent|bulletin|flash|advisory|corrected|correction|repeat|update|updated)\s*:\s*)",
        "URGENT: Council closes the old bridge",
    ),
    # Editors' notes glued to a title: "EDS-Updates with vote" after it, "Eds: adds quotes"
    # (lower-case words) before it.
    _rule(
        "note",
        "title",
        r"\s+(?-i:EDS?|Eds?|EDs)\s*[-:][^\n]*$|^(?-i:EDS?|Eds?|EDs)\s*[-:]\s*"
        r"(?:(?-i:[a-z][\w,;']*)\s+)+",
        "Council closes the old bridge EDS-Updates with vote",
    ),
    # Wire slugs before a title, alone or with a dateline: "BC-BRIDGE-VOTE", "DAM-FISH (Undated) _",
    # "QUAKE (Istanbul) _".
    _rule(
        "slug",
        "title",
        r"^(?-i:\(?(?:BC|AM|PM|FBC)-[\w&,.:/\-]+\)?\s+|"
        r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?: \([^()\n]{1,40}\))?\s*(?:_|--|—|–)\s+|"
        r"[A-Z][A-Z0-9]+ \((?:[A-Z][a-z]|Undated|UNDATED)[^()\n]{0,40}\)\s*(?:_|--|—|–|-)\s+|"
        r"[a-z]{2,}-[a-z]+-\S+\s+)",
        "BRIDGE-VOTE (Riverton) _ Council closes the old bridge",
    ),
    # A wire digest's label is not the headline of an event: "AP Top News at 2 a.m.".
    _rule(
        "service",
        "title",
        r"^(?:AP|Xinhua|Reuters|AFP|UPI|NYT)\b[^\n]{0,40}\b(?:Top News|News Summary|News Briefs?|"
        r"NewsBrief|Digest|Roundup)\b[^\n]*$",
        "AP Top News at 2 a.m. EST",
    ),
    # The end of a note cut off before a title: "555-010-2345.) Council closes ...".
    _rule(
        "note",
        "title",
        r"^[^()]{1,80}\)\s+(?=\S)",
        "555-010-2345.) Council closes the old bridge",
    ),
    # A desk's section label before a title: "SCIENCE/HEALTH: Virus reaches the valley".
    _rule(
        "heading",
        "title",
        r"^(?-i:[A-Z]{3,}(?:/[A-Z]{3,})+)\s*:\s+",
        "SCIENCE/HEALTH: Council closes the old bridge",
    ),
    # Advance codes: "$Adv12", "$ADV03".
    _rule(
        "slug",
        "title",
        r"(?:^|\s)\$adv\w*\b\s*",
        "$Adv12 Council closes the old bridge",
    ),
    # Operator, desk and agency codes in brackets before or after a title: "(lh)", "(DW)", "(AP)".
    _rule(
        "slug",
        "title",
        r"(?-i:^\((?:[a-z]{1,4}|[A-Z]{1,3})\)\s*|\s*\((?:[a-z]{1,4}|[A-Z]{1,3}|"
        r"AFP|Reuters|REUTERS|Xinhua|XINHUA|NYT)\)$)",
        "Council closes the old bridge (DW)",
    ),
    # Version markers: "1st Ld-Writethru", "2nd Add", "Writethru".
    _rule(
        "slug",
        "title",
        r"^\(?(?:\d+(?:st|nd|rd|th) (?:Ld|Lead|Lede|Add|Take|Update)(?:[- ]writethru)?|writethru|"
        r"write-thru)\)?[\s,:;_\-]*|[\s,:;_\-]*\(?(?:\d+(?:st|nd|rd|th) (?:Ld|Lead|Lede|Add|"
        r"Take|Update)"
        r"(?:[- ]writethru)?|writethru|write-thru)\)?$",
        "Council closes the old bridge, 1st Ld-Writethru",
    ),
    # Part markers: "(2)", "(2-2)", "(Part 1 of 2)".
    _rule(
        "end",
        "title",
        r"\s*\((?:\d{1,2}(?:-\d{1,2})?|(?:part|pt\.?) \d{1,2}(?: of \d{1,2})?|\d{1,2} of \d{1,2})\)"
        r"\s*$|^\((?:part|pt\.?) \d{1,2}(?: of \d{1,2})?\)\s*",
        "Council closes the old bridge (Part 1 of 2)",
    ),
    # A source credit after a title in normal case: ", THE VALLEY POST", "| Valley Post".
    _rule(
        "credit",
        "title",
        r"(?-i:(?<=[a-z'’\".!?])\s*,\s*(?:THE [A-Z][A-Z .&'\-]{2,40}|"
        r"[A-Z][A-Z&'.\-]+(?: [A-Z][A-Z&'.\-]+){1,4})$)|\s+\|\s+[^|\n]{2,40}$",
        "Council closes the old bridge, THE VALLEY POST",
    ),
    # A reporter's tagline after a title: "... BY JANE OKORO", "... by Ana Ruiz, Tom Ellery";
    # not "Closed by Flood Waters" (a verb before "by") nor "by Next Week" (a time).
    _rule(
        "byline",
        "title",
        "".join(rf"(?<!\b{w})" for w in _PARTICIPLES)
        + r"(?<!ed)(?<!en)(?<!wn)\s+by\s+(?!(?:"
        + "|".join(_TIMES)
        + rf")\b)(?-i:{_TAG_NAME}(?:, {_TAG_NAME})*)$",
        "Council closes the old bridge BY JANE OKORO",
    ),
    # --- pieces anywhere in the text ---------------------------------------------------
    # Typesetting codes of wire text: "(SET ITAL)", "(END ITAL)", "(SET BOLD)".
    _rule(
        "typesetting",
        "inline",
        r"\((?:SET|END|BEGIN) (?:ITAL|ITALICS|BOLD|CAPS|SMALL CAPS|UNDERLINE|UNDERSCORE)\)",
        "(SET ITAL)",
        words="(set |(end |(begin ",
    ),
    # A subhead code glued to the end of a paragraph: "... he said. brk:Fliers at malls".
    _rule(
        "typesetting",
        "inline",
        r"brk:(?<=\sbrk:)(?:[^\n]{0,80}?\s*tx:|[^\n]{0,80}$)",
        "The council met on Tuesday. brk:The vote",
        words="brk:",
    ),
    # Where a write-through's paragraph goes: "The hunt, 3rd graf pvs".
    _rule(
        "note",
        "inline",
        r"^[ \t]*[^\n]{0,60}?,? \d{1,2}(?:st|nd|rd|th) grafs? pvs\b[^\n]{0,40}$",
        "The vote, 3rd graf pvs",
        words=" pvs",
    ),
    # A reporting credit in parentheses at the end of a paragraph: "... at 3:28 a.m.
    # (Staff writer Ann Lee contributed to this report.)".
    _rule(
        "credit",
        "inline",
        r"\((?<=[ \t\n]\()[^()\n]{2,160} (?:also )?contributed (?:reporting )?(?:to )?"
        r"(?:this|the) (?:report|story|article)\.?\)(?=[ \t]*$)",
        "The search ended at noon. (Staff writer Ann Lee contributed to this report.)",
        words="contributed",
    ),
    # A byline glued to the last word of a title line: "... still eludesBy Jane Okoro".
    _rule(
        "byline",
        "inline",
        r"By(?<=[A-Za-z]By)\s+(?:(?:[A-Z]\.){2,4}|[A-Z][a-z'\-]+ (?:[A-Z]\. )?[A-Z][a-z'\-]+"
        r"(?:(?:,| and) [A-Z][a-z'\-]+ (?:[A-Z]\. )?[A-Z][a-z'\-]+)*)(?=[ \t]*$)",
        "Council closes the old bridgeBy Jane Okoro",
    ),
)

# --- whole reports that are advisories or news budgets ----------------------------------
# A budget line: a slug in capitals, maybe a date code and a (Dateline), then a separator and
# the story's description ("BRIDGE-VOTE (Riverton) _ The council votes..."), or a byline in
# capitals. Every one starts with two capitals (see newsbrief.clean.is_advisory).
BUDGET_LINE = re.compile(
    r"[A-Z][A-Z0-9&'/.,:?!]+(?:[- ][A-Z0-9&'/.,:?!]+){0,11}(?: \d{2,4})?"
    r"(?: \((?!(?:AP|AFP|Reuters|Xinhua|UPI)\))[^()\n]{1,60}\))?\s*(?:_|--?|—|–|\{ndash\})\s+\S"
    r"[^\n]*|"
    r"BY [A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,3}\.?"
)
# A note in a budget line: a word count, a story that moves or moved.
BUDGET_NOTE = re.compile(
    r"\b\d{2,4} words\b|\bMOVED\b|\b(?:[Ww]ill|[Tt]o) move\b|\b[Mm]oving (?:today|tonight)\b"
)
# What only advisories say (lower case): a report holding none of these is never one. An
# editor's note alone ("Eds: updates with vote") is not enough; these talk of stories
# that move.
ADVISORY_WORDS = (
    "plans to move",
    "will move",
    "will file",
    "has filed",
    "are moving",
    "is moving",
    "have moved",
    "has moved",
    "following stories",
    "following photos",
    "following features",
    "following articles",
    "following columns",
    "following for",
    "section stories",
    "news budget",
    "budget for",
    "budget information",
    "budget lines",
    "of this budget",
    " words",
    "photo package",
    # a syndicate selling features to editors: "these articles have been sent to clients"
    "purchase information",
    "sent to clients",
    "sent to subscribers",
    "available exclusively from",
    "free trial",
)

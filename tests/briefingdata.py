"""A made-up briefing with every section filled, for the HTML renderers' tests.

Every piece of text in it (headline, summary, claims, divergences, figures, quotes,
timeline, entities, sources, notes, and the reports the citations quote) carries a
``marker`` string, so a test can pass hostile markup and look for it, escaped, in each
section; ``n`` items per section let a test go over the caps.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

from newsbrief.config import Settings
from newsbrief.models import (
    Analysis,
    Briefing,
    Claim,
    ClaimGroup,
    Coverage,
    DateMention,
    Divergence,
    DivergentValue,
    Document,
    Entity,
    EntityType,
    Evidence,
    Figure,
    Measure,
    Mention,
    Quote,
    SourceInfo,
    SummarySentence,
    TimelineEntry,
)

HOSTILE = "<script>alert(\"x\")</script> & 'q'"
N_REPORTS = 3
DAY = dt.date(2024, 5, 6)


def sentence_text(report: int, k: int, marker: str) -> str:
    """Sentence ``k`` of report ``report`` (both 0-based)."""
    return f"Officials in Arlen told report {report + 1} that {marker} fact {k} was confirmed."


def documents(n: int, marker: str = "") -> tuple[Document, ...]:
    """Three reports of ``n`` one-sentence paragraphs each."""
    return tuple(
        Document(
            id=f"report-{r + 1}",
            text="\n\n".join(sentence_text(r, k, marker) for k in range(n)),
            date=DAY + dt.timedelta(days=r),
            title=f"{marker} title {r + 1}",
            outlet=f"{marker} outlet {r + 1}",
            origin="briefingdata",
        )
        for r in range(N_REPORTS)
    )


def _span(docs: tuple[Document, ...], report: int, k: int) -> tuple[int, int]:
    paragraphs = docs[report].text.split("\n\n")
    start = sum(len(p) + 2 for p in paragraphs[:k])
    return start, start + len(paragraphs[k])


def mention(docs: tuple[Document, ...], report: int, k: int) -> Mention:
    """The whole of sentence ``k`` of ``report`` as a mention."""
    start, end = _span(docs, report, k)
    return Mention(report, docs[report].id, k, start, end, docs[report].text[start:end])


def evidence(
    docs: tuple[Document, ...], report: int, k: int, relation: str = "selected"
) -> Evidence:
    """Sentence ``k`` of ``report`` as evidence."""
    m = mention(docs, report, k)
    return Evidence(report, m.doc_id, k, m.start, m.end, relation)  # type: ignore[arg-type]


def briefing(n: int = 3, marker: str = HOSTILE) -> Briefing:
    """A briefing of three reports with ``n`` items in every analysis section."""
    docs = documents(n, marker)

    def group(k: int, status: str, reports: tuple[int, ...]) -> ClaimGroup:
        return ClaimGroup(
            id=f"{status}-{k}",
            status=status,  # type: ignore[arg-type]
            text=f"{marker} {status} claim {k}",
            claims=tuple(Claim(f"claim {k}", mention(docs, r, k)) for r in reports),
            sources=tuple(r + 1 for r in reports),
            covered=k % 2 == 0,
        )

    divergence = Divergence(
        measure="m-div",
        label=f"{marker} people evacuated",
        kind="update",
        values=tuple(
            DivergentValue(
                source=r + 1,
                date=DAY + dt.timedelta(days=r),
                value=str(100 * (r + 1)),
                text=f"{marker} {100 * (r + 1)}",
                mention=mention(docs, r, 0),
            )
            for r in range(2)
        ),
        explanation="later reports revise the figure",
    )

    def measure(k: int) -> Measure:
        figure = Figure(
            text=f"{marker} {k} people",
            value=float(k),
            high=None,
            normalised=str(k),
            unit="",
            counts="people",
            qualifier="",
            mention=mention(docs, 0, k),
            measure=f"m{k}",
        )
        return Measure(f"m{k}", f"{marker} measure {k}", "", (figure,), (1,))

    def quote(k: int) -> Quote:
        return Quote(
            id=f"q{k}",
            text=f"{marker} quote {k}",
            speaker=f"{marker} Speaker {k}",
            role=f"{marker} role {k}",
            cue="said",
            speaker_text=None,
            mentions=(mention(docs, 0, k), mention(docs, 1, k)),
            sources=(1, 2),
            identical=False,
        )

    def entry(k: int) -> TimelineEntry:
        day = DAY - dt.timedelta(days=n - k)
        said = DateMention(
            f"{marker} day {k}", day.isoformat(), "day", True, False, DAY, mention(docs, 0, k)
        )
        return TimelineEntry(
            date=day.isoformat(),
            granularity="day",
            approximate=False,
            event=f"{marker} event {k}",
            expressions=(said,),
            evidence=(evidence(docs, 0, k),),
            sources=(1,),
        )

    def entity(kind: EntityType, k: int) -> Entity:
        return Entity(
            name=f"{marker} {kind} {k}",
            type=kind,
            aliases=(),
            counts=(n - k, 1, 0),
            role=f"{marker} {kind} role" if kind == "person" else None,
            mentions=(),
        )

    undated = DateMention(
        f"{marker} yesterday", None, "day", True, False, None, mention(docs, 2, 0)
    )
    analysis = Analysis(
        claims=(
            group(0, "divergent", (0, 1)),
            *(group(k, "agreed", (0, 1)) for k in range(n)),
            *(group(k, "single", (2,)) for k in range(n)),
        ),
        figures=tuple(measure(k) for k in range(n)),
        quotes=tuple(quote(k) for k in range(n)),
        timeline=tuple(entry(k) for k in range(n)),
        entities=tuple(
            entity(kind, k) for kind in ("person", "organization", "place") for k in range(n)
        ),
        coverage=Coverage(2 * n + 1, n, n, n // 2, n, n // 2, 1, 0, ()),
        divergences=(divergence,),
        unresolved_dates=(undated,),
        notes=(f"{marker} analysis note",),
    )
    summary = tuple(
        SummarySentence(
            text=f"{marker} summary {k}",
            evidence=(evidence(docs, 0, k), evidence(docs, 1, k, "paraphrase")),
        )
        for k in range(min(n, 2))
    )
    sources = tuple(
        SourceInfo(
            number=r + 1,
            id=d.id,
            date=d.date,
            title=d.title,
            kind="article",
            origin=d.origin,
            outlet=d.outlet,
        )
        for r, d in enumerate(docs)
    )
    return Briefing(
        headline=f"{marker} headline",
        summary=summary,
        sources=sources,
        max_words=100,
        query=f"{marker} query",
        analysis=analysis,
        notes=(f"{marker} briefing note",),
        documents=docs,
    )


# ----------------------------------------------------------------------------- reading pages

# Every section and the text of one of its items (``briefingdata`` puts the marker first).
SECTION_ITEMS = {
    "summary": ["summary 0", "query"],
    "relations": ["agreed claim 0", "single claim 0", "people evacuated", "100"],
    "chart": ["divergent claim 0", "agreed claim 1"],
    "key-figures": ["measure 0", "0 people"],
    "quotes": ["quote 0", "Speaker 0", "role 0"],
    "timeline": ["event 0", "day 0", "yesterday"],
    "entity-list": ["person 0", "organization 0", "place 0", "person role"],
    "sources": ["title 1", "outlet 1"],
}

CAPS = Settings(
    max_agreed=2, max_single=2, max_figures=2, max_quotes=2, max_timeline=2, max_entities=2
)
# expander summary -> the items it holds (the first two of five are shown above it)
EXPANDED = {
    "3 more agreed claims": "agreed claim {k}",
    "3 more single-source claims": "single claim {k}",
    "3 more measures": "measure {k}",
    "3 more quotes": "quote {k}",
    "3 more events": "event {k}",
    "3 more people": "person {k}",
    "3 more organisations": "organization {k}",
    "3 more places": "place {k}",
}


def check_expanders(page: str) -> None:
    """Each capped section shows items 0 and 1, and holds 2 to 4 behind "3 more"."""
    found = {k: html.unescape(v) for k, v in expanders(page).items()}
    assert set(EXPANDED) <= set(found), sorted(found)
    outside = html.unescape(re.sub(r"<details.*?</details>", "", page, flags=re.S))
    for summary, item in EXPANDED.items():
        for k in range(5):
            text = f"{HOSTILE} {item.format(k=k)}"
            assert (text in found[summary]) == (k >= 2), (summary, k)
            assert (text in outside) == (k < 2), (summary, k)
    # the chart holds the claims the lists show; the rest of them behind its own expander
    assert "6 more claims" in found


class _Text(HTMLParser):
    """The text a reader sees without hovering: hover boxes (``.tip``) left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            self.skip += 1
        elif "tip" in (dict(attrs).get("class") or "").split():
            self.skip = 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible_text(fragment: str) -> str:
    """The fragment's text, hover boxes left out, whitespace runs made one space."""
    parser = _Text()
    parser.feed(fragment)
    return " ".join("".join(parser.parts).split())


def briefing_part(page: str) -> str:
    """The shared briefing sections of a page (``<div class="briefing">``)."""
    start = page.index('<div class="briefing">')
    return page[start : page.index("</div>", start) + len("</div>")]


def sections(page: str) -> dict[str, str]:
    """Each ``<section class=...>`` of a page by its class."""
    return dict(re.findall(r'<section class="([\w-]+)">(.*?)</section>', page, re.S))


def expanders(page: str) -> dict[str, str]:
    """Each ``<details class="more">`` expander's content by its summary line."""
    found = re.findall(r'<details class="more"><summary>(.*?)</summary>(.*?)</details>', page, re.S)
    return {summary: body for summary, body in found}

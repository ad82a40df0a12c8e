"""One self-contained HTML page for a briefing: inline CSS and SVG, no network fetches.

Hovering (or focusing) a citation shows the evidence sentences it points to; a
timeline chart places the dated events; a claims × reports chart shows which
report states which claim and what the summary covers. Every piece of source
text is escaped: article text is untrusted.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from newsbrief.config import Settings
from newsbrief.models import (
    Analysis,
    Briefing,
    ClaimGroup,
    Divergence,
    Document,
    Entity,
    Evidence,
    Measure,
    Mention,
    Quote,
    SourceInfo,
    TimelineEntry,
)
from newsbrief.render.analysis_md import ranked, speaker_label

T = TypeVar("T")

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#7f7f7f", "#bcbd22")  # fmt: skip
STATUS_COLOUR = {"agreed": "#2ca02c", "divergent": "#d62728", "single": "#7f7f7f"}
MAX_CHART_CLAIMS = 24

CSS = """
body{font:16px/1.5 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.7rem;line-height:1.25}h2{font-size:1.2rem;border-bottom:1px solid #ddd;
margin-top:2rem}.meta{color:#666;font-style:italic}ul{padding-left:1.2rem}li{margin:.35rem 0}
.cite{position:relative;color:#1f5fa8;cursor:help;font-size:.85em;white-space:nowrap;
border-bottom:1px dotted #1f5fa8}.cite .tip{display:none;position:absolute;left:0;top:1.4em;
z-index:10;width:26rem;max-width:80vw;background:#fffbe6;border:1px solid #c9b458;padding:.5rem;
font-size:.85rem;color:#222;white-space:normal;box-shadow:0 2px 8px rgba(0,0,0,.2)}
.cite:hover .tip,.cite:focus .tip{display:block}.tip q{display:block;margin:.2rem 0}
.tip b{color:#555}table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ddd;
padding:.25rem .5rem;text-align:left}.warn{color:#d62728}.tag{font:600 .75rem sans-serif;
padding:0 .3rem;border-radius:3px;color:#fff}.tag.update{background:#ff7f0e}
.tag.contradiction{background:#d62728}.tag.undetermined{background:#7f7f7f}
svg text{font:12px sans-serif}.muted{color:#777}
"""


def render_html(briefing: Briefing, settings: Settings | None = None) -> str:
    """The briefing as one HTML document (UTF-8, no external resources)."""
    docs = briefing.documents
    body = [
        f"<h1>{_e(briefing.headline)}</h1>",
        f'<p class="meta">{_e(_meta(briefing))}</p>',
        "<h2>Summary</h2>",
        _summary(briefing, docs),
    ]
    if briefing.analysis is not None:
        body += _analysis(briefing.analysis, briefing.sources, docs, settings or Settings())
    body += ["<h2>Sources</h2>", _sources(briefing.sources)]
    body += [f'<p class="muted">note: {_e(n)}</p>' for n in briefing.notes]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(briefing.headline)}</title><style>{CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _meta(b: Briefing) -> str:
    dates = sorted(s.date for s in b.sources if s.date)
    span = f", {dates[0]} to {dates[-1]}" if dates else ""
    return f"{len(b.sources)} reports{span} · {b.word_count}/{b.max_words} words"


# ----------------------------------------------------------------------------- citations


def _evidence_text(docs: Sequence[Document], doc_index: int, start: int, end: int) -> str:
    if 0 <= doc_index < len(docs):
        return docs[doc_index].text[start:end]
    return ""


def cite_html(
    sources: Iterable[int], spans: Sequence[Evidence | Mention], docs: Sequence[Document]
) -> str:
    """``[1,2]`` whose hover box quotes each evidence span with its source number."""
    numbers = sorted(set(sources))
    quotes = []
    for span in spans:
        text = _evidence_text(docs, span.doc_index, span.start, span.end)
        if text:
            quotes.append(f"<q><b>[{span.doc_index + 1}]</b> {_e(text)}</q>")
    tip = f'<span class="tip" role="tooltip">{"".join(quotes)}</span>' if quotes else ""
    mark = "[" + ",".join(str(n) for n in numbers) + "]"
    return f'<span class="cite" tabindex="0">{mark}{tip}</span>'


def _summary(b: Briefing, docs: Sequence[Document]) -> str:
    if not b.summary:
        return '<p class="muted">(no sentence fits the word budget)</p>'
    items = [
        f"<li>{_e(s.text)} {cite_html(s.doc_numbers, s.evidence, docs)}</li>" for s in b.summary
    ]
    return "<ul>" + "".join(items) + "</ul>"


# ----------------------------------------------------------------------------- analysis


def _analysis(
    a: Analysis, sources: Sequence[SourceInfo], docs: Sequence[Document], settings: Settings
) -> list[str]:
    out = ["<h2>How the reports relate</h2>"]
    if a.coverage is not None:
        c = a.coverage
        out.append(
            f"<p><i>Coverage: the summary covers {c.n_covered} of {c.n_claims} distinct claims "
            f"({c.n_agreed_covered}/{c.n_agreed} agreed, {c.n_divergent_covered}/"
            f"{c.n_divergent} divergent, {c.n_single_covered}/{c.n_single} single-source)."
            "</i></p>"
        )
    out.append(coverage_chart(a.claims, len(sources)))
    shown = ranked(a, settings)
    out += _claim_lists(a, docs, shown)
    out += _figures(a, docs, shown)
    out += _quotes(a, docs, shown)
    out += ["<h2>Timeline</h2>", timeline_chart(a.timeline, len(sources))]
    out.append(_timeline_list(a, docs, shown))
    out += _entities(a, shown)
    return out


def _split(
    items: Sequence[T], shown: dict[str, tuple[tuple[object, ...], int]], key: str
) -> tuple[list[T], list[T]]:
    """The items shown first and the rest (behind an expander), in the ranked order."""
    ids = {id(x) for x in shown[key][0]}
    first = sorted((x for x in items if id(x) in ids), key=_rank_of(shown[key][0]))
    return first, [x for x in items if id(x) not in ids]


def _rank_of(order: Sequence[object]) -> Callable[[object], int]:
    rank = {id(x): k for k, x in enumerate(order)}
    return lambda x: rank[id(x)]


def _expander(rest_html: str, n: int, what: str) -> str:
    return f"<details><summary>{n} more {what}</summary>{rest_html}</details>" if n else ""


def _claim_lists(
    a: Analysis, docs: Sequence[Document], shown: dict[str, tuple[tuple[object, ...], int]]
) -> list[str]:
    out: list[str] = []
    for status, title in (("agreed", "Agreed"), ("single", "Single-source")):
        groups = [g for g in a.claims if g.status == status]
        if groups:
            first, rest = _split(groups, shown, status)

            def items(gs: Sequence[ClaimGroup]) -> str:
                return "".join(
                    f"<li>{_e(g.text)} "
                    f"{cite_html(g.sources, [c.mention for c in g.claims], docs)}"
                    f"{'' if g.covered else ' <span class=muted>(not in summary)</span>'}</li>"
                    for g in gs
                )

            more = _expander(f"<ul>{items(rest)}</ul>", len(rest), "claims")
            out += [f"<h3>{title}</h3>", f"<ul>{items(first)}</ul>{more}"]
        if status == "agreed" and a.divergences:
            out += ["<h3>Divergent</h3>", "<ul>" + "".join(_divergence(d, docs) for d in
                                                           a.divergences) + "</ul>"]  # fmt: skip
    return out


def _divergence(d: Divergence, docs: Sequence[Document]) -> str:
    values = " → ".join(
        f"{_e(v.text)} "
        f"{cite_html([v.source], [v.mention], docs)} "
        f"<span class=muted>{v.date.isoformat() if v.date else 'undated'}</span>"
        for v in d.values
    )
    why = {"update": "later reports give a revised figure",
           "contradiction": "the reports disagree; the later figure is not a revision",
           "undetermined": "an undated report differs"}[d.kind]  # fmt: skip
    return (
        f'<li><span class="tag {d.kind}">{d.kind}</span> {_e(d.label)}: {values} '
        f"<span class=muted>({why})</span></li>"
    )


def _figures(
    a: Analysis, docs: Sequence[Document], shown: dict[str, tuple[tuple[object, ...], int]]
) -> list[str]:
    if not a.figures:
        return []
    head = "<tr><th>measure</th><th>value</th><th>as written</th><th>sources</th></tr>"
    first, rest = _split(a.figures, shown, "figures")

    def rows(measures: Sequence[Measure]) -> str:
        out = []
        for m in measures:
            flag = ' <span class="warn" title="reports differ">⚠</span>' if m.divergence else ""
            for f in m.figures:
                unit = "" if f.unit in {"", "date"} else f" {f.unit}"
                out.append(
                    f"<tr><td>{_e(m.label)}{flag}</td><td>{_e(f.normalised + unit)}</td>"
                    f"<td>{_e(f.text)}</td>"
                    f"<td>{cite_html([f.mention.source], [f.mention], docs)}</td></tr>"
                )
        return "".join(out)

    more = _expander(f"<table>{head}{rows(rest)}</table>", len(rest), "measures")
    return ["<h2>Key figures</h2>", f"<table>{head}{rows(first)}</table>{more}"]


def _quotes(
    a: Analysis, docs: Sequence[Document], shown: dict[str, tuple[tuple[object, ...], int]]
) -> list[str]:
    if not a.quotes:
        return []
    first, rest = _split(a.quotes, shown, "quotes")

    def items(quotes: Sequence[Quote]) -> str:
        out = []
        for q in quotes:
            who = _e(speaker_label(q)) + (f", <i>{_e(q.role)}</i>" if q.role else "")
            same = ""
            if len(q.sources) > 1:
                same = " (same wording)" if q.identical else " (wording differs)"
            out.append(
                f"<li>“{_e(q.text)}” — {who} {cite_html(q.sources, q.mentions, docs)}{same}</li>"
            )
        return "".join(out)

    more = _expander(f"<ul>{items(rest)}</ul>", len(rest), "quotes")
    return ["<h2>Quotes</h2>", f"<ul>{items(first)}</ul>{more}"]


def _timeline_list(
    a: Analysis, docs: Sequence[Document], shown: dict[str, tuple[tuple[object, ...], int]]
) -> str:
    first, rest = _split(a.timeline, shown, "timeline")

    def items(entries: Sequence[TimelineEntry]) -> list[str]:
        return [
            f"<li><b>{'~' if e.approximate else ''}{_e(e.date)}</b> "
            f"({_e(', '.join(sorted({d.text for d in e.expressions})))}): {_e(e.event)} "
            f"{cite_html(e.sources, e.evidence, docs)}</li>"
            for e in entries
        ]

    out = items(first)
    if a.unresolved_dates:
        words = ", ".join(sorted({f"“{d.text}” [{d.mention.source}]" for d in a.unresolved_dates}))
        out.append(f"<li class=muted>not dated (undated report): {_e(words)}</li>")
    more = _expander("<ul>" + "".join(items(rest)) + "</ul>", len(rest), "timeline entries")
    return "<ul>" + "".join(out) + "</ul>" + more


def _entities(a: Analysis, shown: dict[str, tuple[tuple[object, ...], int]]) -> list[str]:
    if not a.entities:
        return []
    head = "<tr><th>name</th><th>type</th><th>role</th><th>mentions per report</th></tr>"

    def rows(entities: Sequence[Entity]) -> str:
        return "".join(
            f"<tr><td>{_e(e.name)}</td><td>{_e(e.type)}</td><td>{_e(e.role or '')}</td>"
            f"<td>{_e(' / '.join(str(c) for c in e.counts))}</td></tr>"
            for e in entities
        )

    first: list[Entity] = []
    rest: list[Entity] = []
    for kind in ("person", "organization", "place"):
        f, r = _split([e for e in a.entities if e.type == kind], shown, kind)
        first += f
        rest += r
    more = _expander(f"<table>{head}{rows(rest)}</table>", len(rest), "entities")
    return ["<h2>Entities</h2>", f"<table>{head}{rows(first)}</table>{more}"]


def _sources(sources: Sequence[SourceInfo]) -> str:
    items = []
    for s in sources:
        colour = PALETTE[(s.number - 1) % len(PALETTE)]
        parts = [s.id, s.date.isoformat() if s.date else "undated", s.kind]
        parts += [p for p in (s.outlet, s.title) if p]
        items.append(f'<li><span style="color:{colour}">■</span> {_e(" · ".join(parts))}</li>')
    return "<ol>" + "".join(items) + "</ol>"


# ----------------------------------------------------------------------------- charts


def timeline_chart(entries: Sequence[TimelineEntry], n_sources: int) -> str:
    """SVG: one column per distinct date (in order), one dot per report dating an event there."""
    if not entries:
        return '<p class="muted">(no dated events)</p>'
    dates = list(dict.fromkeys(e.date for e in entries))
    step, left, top = 90, 30, 20
    width = left * 2 + step * max(1, len(dates) - 1)
    rows: dict[str, int] = {}
    marks = []
    for e in entries:
        x = left + step * dates.index(e.date)
        for source in e.sources:
            row = rows.get(e.date, 0)
            rows[e.date] = row + 1
            y = top + 40 + 16 * row
            colour = PALETTE[(source - 1) % len(PALETTE)]
            marks.append(
                f'<circle cx="{x}" cy="{y}" r="6" fill="{colour}" class="event">'
                f"<title>{_e(e.date)} [{source}]: {_e(e.event)}</title></circle>"
            )
    height = top + 60 + 16 * max(rows.values())
    axis = [f'<line x1="{left}" y1="{top + 20}" x2="{width - left}" y2="{top + 20}" '
            'stroke="#999"/>']  # fmt: skip
    for k, d in enumerate(dates):
        x = left + step * k
        axis.append(f'<line x1="{x}" y1="{top + 14}" x2="{x}" y2="{top + 26}" stroke="#999"/>')
        axis.append(f'<text x="{x}" y="{top + 8}" text-anchor="middle">{_e(d)}</text>')
    legend = " ".join(
        f'<span style="color:{PALETTE[j % len(PALETTE)]}">●</span> [{j + 1}]'
        for j in range(n_sources)
    )
    return (
        f'<svg class="timeline-chart" role="img" aria-label="timeline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">' + "".join(axis + marks) + "</svg>"
        f'<p class="muted">one dot per report dating an event: {legend}</p>'
    )


def coverage_chart(groups: Sequence[ClaimGroup], n_sources: int) -> str:
    """SVG: claims (rows) × reports (columns); a filled cell where the report states the claim.

    Agreed claims are green, divergent red, single-source grey; a ✓ marks the claims
    the summary covers. Multi-source claims first, then single-source up to a cap.
    """
    shown = [g for g in groups if g.status != "single"]
    shown += [g for g in groups if g.status == "single"][: max(0, MAX_CHART_CLAIMS - len(shown))]
    if not shown:
        return '<p class="muted">(no claims)</p>'
    cell, label_w, top = 18, 330, 24
    width = label_w + cell * n_sources + 30
    height = top + cell * len(shown) + 10
    parts = [
        f'<text x="{label_w + cell * j + cell // 2}" y="{top - 8}" text-anchor="middle">'
        f"{j + 1}</text>"
        for j in range(n_sources)
    ]
    for i, g in enumerate(shown):
        y = top + cell * i
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">'
                     f"{_e(_short(g.text, 48))}</text>")  # fmt: skip
        for j in range(n_sources):
            filled = STATUS_COLOUR[g.status] if j + 1 in g.sources else "#f2f2f2"
            parts.append(
                f'<rect class="cell" x="{label_w + cell * j}" y="{y}" width="{cell - 2}" '
                f'height="{cell - 2}" fill="{filled}"><title>{_e(g.id)} · report {j + 1} · '
                f"{_e(g.status)}: {_e(g.text)}</title></rect>"
            )
        if g.covered:
            parts.append(f'<text x="{label_w + cell * n_sources + 6}" y="{y + 13}">✓</text>')
    return (
        f'<svg class="coverage-chart" role="img" aria-label="claims by report" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">' + "".join(parts) + "</svg>"
    )


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

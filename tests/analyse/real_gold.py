"""The analysis gold on real reports (DUC 2006/2007): conversion and scoring.

The reports are NIST-licensed, so the repository holds no report text: each gold file
in ``tests/gold/real/`` locates its items by document id and character offsets, with the
sha256 of every item's words and of every report's text. The scorer reads the reports
from a local DUC copy, checks every hash, briefs each event's reports and scores the
analysis part by part. Annotation rules: ``docs/annotation/analysis.md``.

Score (DEV and TEST reported apart; tune on DEV only)::

    python tests/analyse/real_gold.py score --duc2006 PATH --duc2007 PATH [--split dev]

(or set ``NEWSBRIEF_DUC2006`` / ``NEWSBRIEF_DUC2007``). Convert annotation files that
locate items by exact words (``text`` + optional ``near``) into repository gold files::

    python tests/analyse/real_gold.py convert ANNOTATIONS_DIR TEXTS_DIR
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.models import Analysis, Briefing, Document, Mention

try:
    from .gold_scoring import Score, table
except ImportError:  # run as a script
    from gold_scoring import Score, table  # type: ignore[no-redef]

log = logging.getLogger("real_gold")

REAL = Path(__file__).resolve().parents[1] / "gold" / "real"
# Sets annotated for divergences (and agreements) only: their files say ``"parts"``.
# The second group was annotated later, before the system was run on it, as fresh data.
DEV_DIVERGENCES_FRESH = ("D0604", "D0624", "D0644", "D0705", "D0713")
DEV_DIVERGENCES = ("D0622", "D0636", "D0649", "D0710", "D0715", "D0717", *DEV_DIVERGENCES_FRESH)
# Sets annotated for quotes, speakers, figures, dates and entities only, before the system
# was run on them (fresh data); their files say ``"parts"`` too.
DEV_FRESH = ("D0629", "D0642", "D0712", "D0745")
DEV = ("D0617", "D0640", "D0742", "D0741", "D0721", "D0626", *DEV_DIVERGENCES, *DEV_FRESH)
TEST = ("D0631", "D0616", "D0647", "D0743", "D0740", "D0729")
PARTS = (
    "quotes", "speakers", "figures", "dates", "entities", "divergences", "citations",
    "agreed claims",
)  # fmt: skip
_LOCATED = ("quotes", "figures", "dates")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parts_of(gold: dict[str, Any]) -> tuple[str, ...]:
    """The parts a gold file was annotated for (all unless it lists ``"parts"``)."""
    listed = gold.get("parts")
    return tuple(p for p in PARTS if p in listed) if listed else PARTS


# ---------------------------------------------------------------------------
# Conversion: exact words -> offsets and hashes
# ---------------------------------------------------------------------------


def _offsets(texts: dict[str, str], item: dict[str, Any], where: str) -> dict[str, Any]:
    """``{"doc", "start", "end", "sha256"}`` of an item located by ``text`` (+ ``near``)."""
    doc, words = item["doc"], item["text"]
    if doc not in texts:
        raise ValueError(f"{where}: report {doc} is not among the event's reports")
    text = texts[doc]
    near = item.get("near", words)
    base = text.find(near)
    if base < 0 or near.find(words) < 0:
        raise ValueError(f"{where}: {words!r} not found in {doc}")
    if text.find(near, base + 1) >= 0:
        raise ValueError(f"{where}: {near!r} occurs more than once in {doc}; add a longer near")
    start = base + near.index(words)
    return {"doc": doc, "start": start, "end": start + len(words), "sha256": sha(words)}


def _labels(item: dict[str, Any], keep: Sequence[str]) -> dict[str, Any]:
    return {k: item[k] for k in keep if k in item}


def convert_event(source: dict[str, Any], texts: dict[str, str], name: str) -> dict[str, Any]:
    """A repository gold file (offsets, hashes and labels; no report text) of one event."""
    set_id = source["set"]
    split = "dev" if set_id in DEV else "test" if set_id in TEST else "other"
    if source.get("split", split) != split:
        raise ValueError(f"{name}: {set_id} is {split}, the file says {source['split']}")
    out: dict[str, Any] = {
        "set": set_id,
        "event": source.get("event", ""),
        "split": split,
        **({"parts": list(source["parts"])} if source.get("parts") else {}),
        "reports": {
            doc: {**info, "chars": len(texts[doc]), "sha256": sha(texts[doc])}
            for doc, info in source["reports"].items()
        },
    }
    keep = {
        "quotes": ("speaker", "description", "role"),
        "figures": ("value", "unit", "counts", "measure", "scope", "qualifier"),
        "dates": ("value", "granularity"),
    }
    for part in _LOCATED:
        out[part] = [
            {**_offsets(texts, it, f"{name} {part} {k}"), **_labels(it, keep[part])}
            for k, it in enumerate(source.get(part, []))
        ]
    out["entities"] = [
        _labels(e, ("name", "type", "aliases", "mentions")) for e in source.get("entities", [])
    ]
    for part in ("divergences", "agreements"):
        out[part] = [
            {
                **_labels(d, ("counts", "measure", "scope", "kind", "value")),
                "values": [
                    {**_offsets(texts, v, f"{name} {part} {k}"), **_labels(v, ("value",))}
                    for v in d.get("values", [])
                ],
            }
            for k, d in enumerate(source.get(part, []))
        ]
    out["facts"] = [
        {
            "fact": f.get("fact", ""),
            "statements": [_offsets(texts, s, f"{name} fact {k}") for s in f["statements"]],
        }
        for k, f in enumerate(source.get("facts", []))
    ]
    return out


def convert(annotations: Path, texts_dir: Path, out_dir: Path = REAL) -> list[Path]:
    """Every ``<set>-*.json`` annotation file into ``out_dir/<set>.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(annotations.glob("D*.json")):
        source = json.loads(path.read_text("utf-8"))
        year = "2006" if source["set"].startswith("D06") else "2007"
        folder = texts_dir / year / source["set"]
        texts = {d: (folder / f"{d}.txt").read_text("utf-8") for d in source["reports"]}
        gold = convert_event(source, texts, path.name)
        target = out_dir / f"{source['set']}.json"
        target.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", "utf-8")
        written.append(target)
    return written


# ---------------------------------------------------------------------------
# Reading the reports from a local DUC copy
# ---------------------------------------------------------------------------


def _set_folder(root: Path, set_id: str) -> Path:
    for folder in sorted(root.glob(f"**/{set_id}*")):
        if folder.is_dir() and re.fullmatch(rf"{set_id}[A-Z]?", folder.name):
            return folder
    raise FileNotFoundError(f"{root}: no document folder for {set_id}")


def read_reports(root: Path, gold: dict[str, Any]) -> tuple[Document, ...]:
    """The event's reports from the DUC copy, each checked against the gold file's hash."""
    from newsbrief.evaluate.duc import parse_sgml_documents

    folder = _set_folder(root, gold["set"])
    wanted = gold["reports"]
    found: dict[str, Document] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if path.name in wanted or any(path.name.startswith(d.split(".")[0]) for d in wanted):
            text = path.read_text("utf-8", errors="replace")
            for d in parse_sgml_documents(text, str(path)):
                if d.id in wanted:
                    found[d.id] = d
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise FileNotFoundError(f"{folder}: reports {', '.join(missing)} not found")
    for doc_id, d in found.items():
        if sha(d.text) != wanted[doc_id]["sha256"]:
            raise ValueError(f"{folder}/{doc_id}: text differs from the annotated text (hash)")
    return tuple(found[d] for d in wanted)


def check_items(gold: dict[str, Any], docs: Sequence[Document]) -> None:
    """Every located item's words hash as annotated (offsets still point at the words)."""
    texts = {d.id: d.text for d in docs}

    def located() -> Iterable[dict[str, Any]]:
        for part in _LOCATED:
            yield from gold[part]
        for part in ("divergences", "agreements"):
            for d in gold[part]:
                yield from d["values"]
        for f in gold["facts"]:
            yield from f["statements"]

    for it in located():
        if sha(texts[it["doc"]][it["start"] : it["end"]]) != it["sha256"]:
            raise ValueError(f"{gold['set']} {it['doc']}:{it['start']}: item hash differs")


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    gold: dict[str, Any]
    briefing: Briefing

    @property
    def analysis(self) -> Analysis:
        assert self.briefing.analysis is not None
        return self.briefing.analysis

    def where(self, item: dict[str, Any]) -> tuple[int, int, int]:
        index = next(i for i, d in enumerate(self.briefing.documents) if d.id == item["doc"])
        return index, item["start"], item["end"]


def _overlaps(m: Mention | tuple[int, int, int], w: tuple[int, int, int]) -> bool:
    doc, start, end = (m.doc_index, m.start, m.end) if isinstance(m, Mention) else m
    return doc == w[0] and start < w[2] and w[1] < end


def _surname_key(name: str) -> str:
    words = re.sub(r"[.’']", "", name).lower().replace("-", " ").split()
    words = [w for w in words if w not in {"jr", "sr", "ii", "iii"}]
    return words[-1] if words else ""


def speaker_ok(system: str | None, gold: dict[str, Any]) -> bool:
    """Named gold speakers: same person (same surname, or same organisation name);
    unnamed gold speakers: the system names nobody."""
    want = gold.get("speaker")
    if want is None:
        return system is None
    if system is None:
        return False
    from newsbrief.analyse.entities import alias_key

    return alias_key(system) == alias_key(want) or _surname_key(system) == _surname_key(want)


def score_quotes(e: Event) -> tuple[Score, Score]:
    gold = [(e.where(q), q) for q in e.gold["quotes"]]
    system = [(m, q.speaker) for q in e.analysis.quotes for m in q.mentions]
    found = [any(_overlaps(m, w) for w, _ in gold) for m, _ in system]
    hit = [any(_overlaps(m, w) for m, _ in system) for w, _ in gold]
    said = [any(_overlaps(m, w) and speaker_ok(s, g) for w, g in gold) for m, s in system]
    heard = [any(_overlaps(m, w) and speaker_ok(s, g) for m, s in system) for w, g in gold]
    return (
        Score(sum(found), len(system), sum(hit), len(gold)),
        Score(sum(said), len(system), sum(heard), len(gold)),
    )


def _value_ok(normalised: str, want: str) -> bool:
    if normalised == want:
        return True
    try:
        return abs(float(normalised) - float(want)) < 1e-3 * max(1.0, abs(float(want)))
    except ValueError:
        return False


def score_figures(e: Event) -> Score:
    gold = [(e.where(f), f) for f in e.gold["figures"]]
    system = [f for m in e.analysis.figures for f in m.figures if f.unit != "date"]

    def ok(f: Any, g: dict[str, Any]) -> bool:
        return _value_ok(f.normalised, str(g["value"]))

    tp_p = sum(any(_overlaps(f.mention, w) and ok(f, g) for w, g in gold) for f in system)
    tp_r = sum(any(_overlaps(f.mention, w) and ok(f, g) for f in system) for w, g in gold)
    return Score(tp_p, len(system), tp_r, len(gold))


def score_dates(e: Event) -> Score:
    gold = [(e.where(d), d) for d in e.gold["dates"]]
    system = [d for t in e.analysis.timeline for d in t.expressions]
    system += list(e.analysis.unresolved_dates)

    def ok(d: Any, g: dict[str, Any]) -> bool:
        return d.value == g.get("value")

    tp_p = sum(any(_overlaps(d.mention, w) and ok(d, g) for w, g in gold) for d in system)
    tp_r = sum(any(_overlaps(d.mention, w) and ok(d, g) for d in system) for w, g in gold)
    return Score(tp_p, len(system), tp_r, len(gold))


_TYPES = {"PERSON": "person", "ORG": "organization", "PLACE": "place"}


def score_entities(e: Event) -> Score:
    """One to one: each gold entity matches at most one system entity (same type, a shared
    name) and the other way round; split entities count as false positives."""
    owner = _entity_matching(e)
    matched = sum(o >= 0 for o in owner)
    return Score(matched, len(e.analysis.entities), matched, len(e.gold["entities"]))


def _entity_matching(e: Event) -> list[int]:
    """For each gold entity, the system entity matched to it one to one (-1: none)."""
    from newsbrief.analyse.entities import alias_key

    gold = e.gold["entities"]
    names = [{alias_key(n) for n in [g["name"], *g.get("aliases", [])]} for g in gold]
    edges = [
        [
            j
            for j, g in enumerate(gold)
            if _TYPES.get(g["type"], g["type"]) == s.type
            and {alias_key(n) for n in (s.name, *s.aliases)} & names[j]
        ]
        for s in e.analysis.entities
    ]
    return _matching(edges, len(gold))


def entity_errors(e: Event) -> list[str]:
    """Gold entities matched to no system entity (MISS, with any same-name system entity
    of another type) and system entities matched to no gold one (FALSE)."""
    from newsbrief.analyse.entities import alias_key

    owner = _entity_matching(e)
    system = e.analysis.entities
    out = []
    for g, o in zip(e.gold["entities"], owner, strict=True):
        if o >= 0:
            continue
        keys = {alias_key(n) for n in [g["name"], *g.get("aliases", [])]}
        near = [
            f"{s.name} ({s.type})"
            for s in system
            if {alias_key(n) for n in (s.name, *s.aliases)} & keys
        ]
        out.append(f"MISS {g['type']} {g['name']!r} aliases={g.get('aliases', [])} near={near}")
    taken = set(owner)
    out += [
        f"FALSE {s.type} {s.name!r} aliases={list(s.aliases)}"
        for k, s in enumerate(system)
        if k not in taken
    ]
    return out


def _matching(edges: list[list[int]], n_right: int) -> list[int]:
    """A maximum bipartite matching (augmenting paths): the left item owning each right
    one, -1 where none does."""
    owner = [-1] * n_right

    def augment(left: int, seen: set[int]) -> bool:
        for r in edges[left]:
            if r not in seen:
                seen.add(r)
                if owner[r] < 0 or augment(owner[r], seen):
                    owner[r] = left
                    return True
        return False

    for i in range(len(edges)):
        augment(i, set())
    return owner


def score_divergences(e: Event) -> Score:
    """A system divergence is right when two of its values with different numbers lie on
    values of one gold divergence and the kind (update/contradiction) agrees."""
    gold = [(g, [(e.where(v), v["value"]) for v in g["values"]]) for g in e.gold["divergences"]]

    def match(d: Any, g: dict[str, Any], where: list[tuple[tuple[int, int, int], str]]) -> bool:
        hits = {
            gv for v in d.values for w, gv in where if _overlaps(v.mention, w)
        }  # gold values the system's values land on
        return len(hits) >= 2 and d.kind == g.get("kind", d.kind)

    system = e.analysis.divergences
    tp_p = sum(any(match(d, g, w) for g, w in gold) for d in system)
    tp_r = sum(any(match(d, g, w) for d in system) for g, w in gold)
    return Score(tp_p, len(system), tp_r, len(gold))


def _corroboration(e: Event, groups: list[list[tuple[int, int, int]]]) -> Score:
    """For each group (first member, then the reports cited with it) whose first member
    states a gold fact: is every other cited report's sentence a statement of that same
    fact? Precision over the judged citations; recall over the gold statements of those
    facts in other reports that could have been cited."""
    facts = [[e.where(s) for s in f["statements"]] for f in e.gold["facts"]]
    judged = right = possible = cited = 0
    for spans in groups:
        first, rest = spans[0], spans[1:]
        mine = [f for f in facts if any(_overlaps(first, w) for w in f)]
        if not mine:
            continue
        for sp in rest:
            if sp[0] == first[0]:
                continue
            judged += 1
            right += any(any(_overlaps(sp, w) for w in f) for f in mine)
        docs = {sp[0] for sp in spans}
        other = {w[0] for f in mine for w in f} - {first[0]}
        possible += len(other)
        cited += len(other & docs)
    return Score(right, judged, cited, possible)


def score_citations(e: Event) -> Score:
    """Summary citations: a summary sentence's other cited reports state its fact."""
    return _corroboration(
        e, [[(ev.doc_index, ev.start, ev.end) for ev in s.evidence] for s in e.briefing.summary]
    )


def score_agreed_claims(e: Event) -> Score:
    """Agreed claim groups: every member states the fact of the group's first claim."""
    groups = [
        [(c.mention.doc_index, c.mention.start, c.mention.end) for c in g.claims]
        for g in e.analysis.claims
        if g.status == "agreed"
    ]
    return _corroboration(e, groups)


def brief_event(gold: dict[str, Any], docs: Sequence[Document]) -> Event:
    from newsbrief.pipeline import brief

    return Event(gold, brief(docs, cluster_id=gold["set"]))


def score_event(e: Event) -> dict[str, Score]:
    quotes, speakers = score_quotes(e)
    return {
        "quotes": quotes,
        "speakers": speakers,
        "figures": score_figures(e),
        "dates": score_dates(e),
        "entities": score_entities(e),
        "divergences": score_divergences(e),
        "citations": score_citations(e),
        "agreed claims": score_agreed_claims(e),
    }


# ---------------------------------------------------------------------------
# Error listing (DEV only: TEST errors are never inspected)
# ---------------------------------------------------------------------------


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"{left}[{text[start:end]}]{right}".replace("\n", " ")


def speaker_errors(e: Event) -> list[str]:
    """Gold quotes whose speaker is missed or wrong, and system speakers no gold quote
    confirms (quotes the gold does not have are listed by ``quote_errors``)."""
    texts = [d.text for d in e.briefing.documents]
    gold = [(e.where(q), q) for q in e.gold["quotes"]]
    system = [(m, q) for q in e.analysis.quotes for m in q.mentions]
    out = []
    for w, g in gold:
        mine = [(m, q) for m, q in system if _overlaps(m, w)]
        if any(speaker_ok(q.speaker, g) for _, q in mine):
            continue
        said = ", ".join(f"{q.speaker!r} ({q.speaker_text!r})" for _, q in mine) or "no quote"
        want = g.get("speaker") or f"unnamed: {g.get('description')!r}"
        out.append(f"MISS {g['doc']} want {want}; got {said}\n    {_context(texts[w[0]], *w[1:])}")
    for m, q in system:
        overlapping = [g for w, g in gold if _overlaps(m, w)]
        if overlapping and not any(speaker_ok(q.speaker, g) for g in overlapping):
            want = overlapping[0].get("speaker") or overlapping[0].get("description")
            out.append(
                f"FALSE {m.doc_id} {q.speaker!r} ({q.speaker_text!r}) for {want!r}\n"
                f"    {_context(texts[m.doc_index], m.start, m.end)}"
            )
    return out


def quote_errors(e: Event) -> list[str]:
    texts = [d.text for d in e.briefing.documents]
    gold = [e.where(q) for q in e.gold["quotes"]]
    system = [m for q in e.analysis.quotes for m in q.mentions]
    out = [
        f"MISS {e.briefing.documents[w[0]].id}\n    {_context(texts[w[0]], *w[1:])}"
        for w in gold
        if not any(_overlaps(m, w) for m in system)
    ]
    out += [
        f"FALSE {m.doc_id}\n    {_context(texts[m.doc_index], m.start, m.end)}"
        for m in system
        if not any(_overlaps(m, w) for w in gold)
    ]
    return out


def date_errors(e: Event) -> list[str]:
    texts = [d.text for d in e.briefing.documents]
    dates = e.briefing.documents
    gold = [(e.where(d), d) for d in e.gold["dates"]]
    system = [d for t in e.analysis.timeline for d in t.expressions]
    system += list(e.analysis.unresolved_dates)
    out = []
    for w, g in gold:
        mine = [d for d in system if _overlaps(d.mention, w)]
        if any(d.value == g.get("value") for d in mine):
            continue
        got = ", ".join(f"{d.value}" for d in mine) or "nothing"
        out.append(
            f"MISS {g['doc']} ({dates[w[0]].date}) want {g.get('value')} got {got}\n"
            f"    {_context(texts[w[0]], *w[1:])}"
        )
    for d in system:
        over = [g for w, g in gold if _overlaps(d.mention, w)]
        if any(d.value == g.get("value") for g in over):
            continue
        m = d.mention
        want = ", ".join(str(g.get("value")) for g in over) or "no gold date"
        out.append(
            f"FALSE {m.doc_id} ({d.report_date}) {d.value} for {want}\n"
            f"    {_context(texts[m.doc_index], m.start, m.end)}"
        )
    return out


def _corroboration_errors(e: Event, groups: list[list[tuple[int, int, int]]]) -> list[str]:
    """Each judged group's false members (another report's sentence that does not state the
    first member's fact): the first member, its gold fact and the wrong member."""
    facts = [(f["fact"], [e.where(s) for s in f["statements"]]) for f in e.gold["facts"]]
    ids = [d.id for d in e.briefing.documents]
    texts = [d.text for d in e.briefing.documents]
    out = []
    for spans in groups:
        first = spans[0]
        mine = [(name, f) for name, f in facts if any(_overlaps(first, w) for w in f)]
        wrong = [
            sp
            for sp in spans[1:]
            if mine and sp[0] != first[0]
            and not any(_overlaps(sp, w) for _, f in mine for w in f)
        ]  # fmt: skip
        for sp in wrong:
            out.append(
                f"FALSE fact {mine[0][0]!r}\n"
                f"    FIRST {ids[first[0]]}: {texts[first[0]][first[1] : first[2]]!r}\n"
                f"    WRONG {ids[sp[0]]}: {texts[sp[0]][sp[1] : sp[2]]!r}"
            )
    return out


def claim_errors(e: Event) -> list[str]:
    """Agreed claim groups' members that do not state the first claim's gold fact."""
    return _corroboration_errors(
        e,
        [
            [(c.mention.doc_index, c.mention.start, c.mention.end) for c in g.claims]
            for g in e.analysis.claims
            if g.status == "agreed"
        ],
    )


def citation_errors(e: Event) -> list[str]:
    """Summary sentences' cited reports whose sentence does not state the sentence's fact."""
    return _corroboration_errors(
        e, [[(ev.doc_index, ev.start, ev.end) for ev in s.evidence] for s in e.briefing.summary]
    )


ERRORS = {
    "quotes": quote_errors,
    "speakers": speaker_errors,
    "dates": date_errors,
    "entities": entity_errors,
    "claims": claim_errors,
    "citations": citation_errors,
}


def list_errors(
    golds: Sequence[dict[str, Any]], roots: dict[str, Path | None], part: str
) -> list[str]:
    """Every missed and false item of ``part`` on the DEV events, with its context."""
    lines = []
    for gold in golds:
        if gold["split"] != "dev":
            raise SystemExit("error listings are for DEV only")
        if {"claims": "agreed claims"}.get(part, part) not in parts_of(gold):
            continue
        docs = read_reports(root_for(gold, roots), gold)
        lines += [f"{gold['set']} {x}" for x in ERRORS[part](brief_event(gold, docs))]
    return lines


def load_gold(folder: Path = REAL) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("D*.json"))]


def root_for(gold: dict[str, Any], roots: dict[str, Path | None]) -> Path:
    year = "2006" if gold["set"].startswith("D06") else "2007"
    root = roots.get(year)
    if root is None:
        raise SystemExit(f"{gold['set']}: give --duc{year} or set NEWSBRIEF_DUC{year}")
    return root


def _event_context(e: Event, doc: int, start: int, end: int, width: int = 50) -> str:
    text = e.briefing.documents[doc].text
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"


def show_figures(e: Event) -> list[str]:
    """Missed gold figures and false system figures of one event (DEV debugging only)."""
    gold = [(e.where(f), f) for f in e.gold["figures"]]
    system = [f for m in e.analysis.figures for f in m.figures if f.unit != "date"]
    lines = []
    for w, g in gold:
        if not any(_overlaps(f.mention, w) and _value_ok(f.normalised, str(g["value"]))
                   for f in system):  # fmt: skip
            near = [f.normalised for f in system if _overlaps(f.mention, w)]
            lines.append(f"  MISSED {g['value']!r} (system {near}): {_event_context(e, *w)}")
    for f in system:
        m = f.mention
        if not any(_overlaps(m, w) and _value_ok(f.normalised, str(g["value"])) for w, g in gold):
            where = _event_context(e, m.doc_index, m.start, m.end)
            lines.append(f"  FALSE {f.normalised!r}: {where}")
    return lines


def show_divergences(e: Event) -> list[str]:
    """Gold divergences with the measures of the system figures on their values, and every
    system divergence (DEV debugging only)."""
    figures = [(f, m) for m in e.analysis.figures for f in m.figures]
    ids = [d.id for d in e.briefing.documents]
    dates = {ids[d.source - 1]: d.date for d in e.analysis.report_dates}
    lines = []
    for g in e.gold["divergences"]:
        lines.append(f"  GOLD {g.get('counts')} | {g.get('measure')} | {g.get('scope')} | "
                     f"{g.get('kind')}")  # fmt: skip
        for v in g["values"]:
            w = e.where(v)
            on = [f"{m.id}:{m.label}={f.normalised}" for f, m in figures if _overlaps(f.mention, w)]
            lines.append(f"    {v['doc']} {dates.get(v['doc'])} {v['value']!r} -> {on}: "
                         f"{_event_context(e, *w, width=60)}")  # fmt: skip
    for d in e.analysis.divergences:
        lines.append(f"  SYSTEM {d.kind}: {d.explanation}")
    return lines


def score_split(
    golds: Sequence[dict[str, Any]],
    roots: dict[str, Path | None],
    *,
    per_event: bool = False,
    show: str = "",
) -> dict[str, Score]:
    total = {p: Score(0, 0, 0, 0) for p in PARTS}
    for gold in golds:
        docs = read_reports(root_for(gold, roots), gold)
        check_items(gold, docs)
        event = brief_event(gold, docs)
        scores = score_event(event)
        if show and gold["split"] == "dev" and show in parts_of(gold):
            shown = show_figures(event) if show == "figures" else show_divergences(event)
            sys.stdout.write("\n".join([gold["set"], *shown]) + "\n")
        if per_event:
            sys.stdout.write(table([(gold["set"], scores)]) + "\n")
        add_scores(total, gold, scores)
    return total


def add_scores(total: dict[str, Score], gold: dict[str, Any], scores: dict[str, Score]) -> None:
    """Add one event's scores to ``total``: only the parts its gold was annotated for (the
    others are skipped, not counted as misses or false items)."""
    for part in parts_of(gold):
        total[part] = total[part] + scores[part]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    conv = sub.add_parser("convert", help="annotation files -> tests/gold/real/*.json")
    conv.add_argument("annotations", type=Path)
    conv.add_argument("texts", type=Path, help="folder of <year>/<set>/<DOCID>.txt")
    sc = sub.add_parser("score", help="score the analysis against the real gold")
    sc.add_argument("--duc2006", type=Path, default=os.environ.get("NEWSBRIEF_DUC2006"))
    sc.add_argument("--duc2007", type=Path, default=os.environ.get("NEWSBRIEF_DUC2007"))
    sc.add_argument("--split", choices=("dev", "test", "all"), default="all")
    sc.add_argument("--per-event", action="store_true", help="a table per event too")
    sc.add_argument(
        "--sets", default="", help="only these sets (comma-separated, e.g. D0622,D0636)"
    )
    sc.add_argument(
        "--errors",
        choices=sorted(ERRORS),
        help="list the missed and false items of one part instead (DEV only)",
    )
    sc.add_argument(
        "--show",
        choices=("figures", "divergences"),
        default="",
        help="list missed and false items of DEV events (never TEST: tune on DEV only)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.command == "convert":
        for path in convert(args.annotations, args.texts):
            sys.stdout.write(f"{path}\n")
        return 0
    roots = {
        "2006": Path(args.duc2006) if args.duc2006 else None,
        "2007": Path(args.duc2007) if args.duc2007 else None,
    }
    golds = load_gold()
    if args.sets:
        golds = [g for g in golds if g["set"] in args.sets.split(",")]
    if args.errors:
        if args.split != "dev":
            parser.error("--errors needs --split dev: TEST errors are never inspected")
        dev = [g for g in golds if g["split"] == "dev"]
        sys.stdout.write("\n".join(list_errors(dev, roots, args.errors)) + "\n")
        return 0
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    rows = [
        (
            split,
            score_split(
                [g for g in golds if g["split"] == split],
                roots,
                per_event=args.per_event,
                show=args.show,
            ),
        )
        for split in splits
    ]
    sys.stdout.write(table(rows) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

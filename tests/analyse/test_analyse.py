"""The whole analysis on the seeds: offsets resolve, JSON serialises, spaCy is optional."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newsbrief.analyse import analyse_reports
from newsbrief.errors import MissingDependency
from newsbrief.models import Mention
from newsbrief.pipeline import brief
from newsbrief.render import render_json, render_markdown


def mentions_in(value: object):
    """Every Mention inside a record tree."""
    if isinstance(value, Mention):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from mentions_in(getattr(value, f.name))
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from mentions_in(v)


def test_every_mention_points_at_its_text(seed_documents, seed_briefing_full) -> None:
    analysis = seed_briefing_full.analysis
    found = list(mentions_in(analysis))
    assert len(found) > 100
    for m in found:
        assert seed_documents[m.doc_index].text[m.start : m.end] == m.text
        assert seed_documents[m.doc_index].id == m.doc_id


def test_analysis_in_json_and_markdown(seed_briefing_full) -> None:
    b = seed_briefing_full
    data = json.loads(render_json(b))["analysis"]
    assert data["divergences"] == []  # "an undefined number" then 3,000 troops: no divergence
    assert data["report_dates"][2]["status"] == "undated"
    assert "documents" not in json.loads(render_json(b))  # source texts stay out of JSON
    md = render_markdown(b)
    for heading in ("## How the reports relate", "## Key figures", "## Quotes", "## Timeline",
                    "## Entities", "*Coverage:"):  # fmt: skip
        assert heading in md


def test_without_spacy_entities_come_from_context_with_a_note(seed_documents, monkeypatch) -> None:
    import newsbrief.analyse.nlp as nlp

    def missing(model: str = "") -> None:
        raise MissingDependency("spacy", "analysis", "entity analysis")

    monkeypatch.setattr(nlp, "load_model", missing)
    monkeypatch.setattr(nlp, "_IDLE", {})  # none loaded earlier either
    b = brief(seed_documents)
    assert b.analysis is not None
    assert any("entity model missing" in n for n in b.analysis.notes)
    # names whose context types them: "spokesman Ned Price said" names a person
    assert ("Ned Price", "person") in {(e.name, e.type) for e in b.analysis.entities}
    # quotes still keep the speakers named next to them
    assert any(q.speaker == "Ned Price" for q in b.analysis.quotes)


def test_bad_spacy_model_setting_is_a_clear_error(seed_documents) -> None:
    from newsbrief.errors import ConfigError

    sentences = ()
    with pytest.raises(ConfigError, match="spacy_model"):
        analyse_reports(seed_documents, sentences, (), None, spacy_model="/no/such/model")  # type: ignore[arg-type]


def test_names_past_the_entity_budget_are_read_where_they_are_new() -> None:
    """Half the budget reads the reports' openings; the rest reads later sentences that
    hold a capitalised word no name found so far has, and their spans point at the
    report's own text."""
    pytest.importorskip("spacy")
    from newsbrief.analyse import _read_names
    from newsbrief.analyse.spans import Locator
    from newsbrief.models import Document
    from newsbrief.segment import segment_documents

    opening = "Mayor Ann Lee of Riverton closed the old bridge on Monday. " * 3
    text = (
        opening + "The council agreed with the mayor after a long debate. " * 4
        + "Ann Lee spoke again in Riverton. "
        + "Later, Governor Boris Kettering of Ohio praised the decision."
    )  # fmt: skip
    docs = (Document("a", text),)
    locator = Locator.build(docs, segment_documents(docs))
    (spans,), notes = _read_names(docs, locator, 2 * len(opening) + 200, "")
    assert not notes
    assert all(text[e.start : e.end] == e.text for e in spans)
    late = [e for e in spans if e.start > text.index("Later")]
    assert "Boris Kettering" in {e.text for e in late}
    # the sentence that only repeats names met before was not read again
    repeat = text.index("Ann Lee spoke")
    assert not [e for e in spans if repeat <= e.start < repeat + 30]

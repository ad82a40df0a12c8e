"""The batched greedy entity decoder gives spaCy's own entities (spaCy model where installed)."""

from __future__ import annotations

from typing import Any

import pytest

from newsbrief.analyse.greedy_ner import decodable, entity_tokens
from newsbrief.analyse.nlp import EntitySpan, entity_spans, load_model
from newsbrief.errors import MissingDependency

TEXTS = [
    # a dateline, titles, organisations and places over several tokens
    "NAIROBI, Kenya (AP) — Sen. Ann Lee met officials of the United Nations Development "
    "Programme in Nairobi on Tuesday, two days after the floods.",
    # money, percentages, ordinals, a quantity and a date range
    "The World Bank pledged $250 million, about 12 percent of the cost, for the third "
    "phase, which will run from March 2021 to June 2023 and cover 4,000 square kilometres.",
    # whitespace tokens (double spaces, a line break) inside and between names
    "President  Joe Biden\nand Prime Minister Boris Johnson spoke with  NATO leaders.",
    # an entity at the very end of the text, and a one-token text
    "The talks were held in Geneva",
    "Paris",
    # no entity at all, and an empty text
    "it rained all day and nobody came.",
    "",
]


@pytest.fixture(scope="module")
def nlp() -> Any:
    try:
        return load_model()
    except MissingDependency:
        pytest.skip("no spaCy model installed")


def _spacy(nlp: Any, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]


def test_same_entities_as_spacy(nlp: Any) -> None:
    assert decodable(nlp)
    docs = [nlp.make_doc(t) for t in TEXTS]
    assert entity_tokens(nlp, docs) == _spacy(nlp, TEXTS)


def test_batch_does_not_change_a_text(nlp: Any) -> None:
    # each text alone, and all of them together in one batch (longest first inside)
    together = entity_tokens(nlp, [nlp.make_doc(t) for t in TEXTS])
    alone = [entity_tokens(nlp, [nlp.make_doc(t)])[0] for t in TEXTS]
    assert together == alone


def test_spans_in_characters(nlp: Any) -> None:
    spans = entity_spans(TEXTS)
    expected = [
        tuple(EntitySpan(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
        for doc in nlp.pipe(TEXTS)
    ]
    assert spans == tuple(expected)
    assert any(s.text == "Geneva" for s in spans[3])


def test_other_pipelines_are_not_decoded(nlp: Any) -> None:
    # a pipeline with more than the entity recogniser goes through nlp.pipe
    import spacy

    blank = spacy.blank("en")
    assert not decodable(blank)


def test_saved_tokenizer_is_kept(tmp_path: Any) -> None:
    # a model folder whose tokenizer differs from the language default (a special case
    # added) is loaded with its own tokenizer; one that does not is left with the default
    spacy = pytest.importorskip("spacy")
    from newsbrief.analyse.nlp import _try_load

    custom = spacy.blank("en")
    custom.tokenizer.add_special_case("Acmeco", [{"ORTH": "Acme"}, {"ORTH": "co"}])
    custom.to_disk(tmp_path / "custom")
    spacy.blank("en").to_disk(tmp_path / "plain")
    assert [t.text for t in _try_load(spacy, str(tmp_path / "custom"))("Acmeco")] == ["Acme", "co"]
    assert [t.text for t in _try_load(spacy, str(tmp_path / "plain"))("Acmeco")] == ["Acmeco"]


def test_installed_model_tokenizer_unchanged(nlp: Any) -> None:
    # the pipeline's tokenizer is the one saved with the model
    from pathlib import Path

    saved = Path(nlp.path) / "tokenizer"
    assert nlp.tokenizer.to_bytes(exclude=["vocab"]) == saved.read_bytes()

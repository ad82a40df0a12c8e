"""Dense report vectors for story grouping, from static token embeddings.

The packaged model (``data/minilm-static.npz``, made by
:mod:`newsbrief.stories.distill`) holds one vector per WordPiece token of
all-MiniLM-L6-v2. A report's vector is the mean of its title and lead tokens'
vectors, L2-normalised: two reports of one event told in different words still
land close, which shared terms alone cannot see. Tokenising needs the
``tokenizers`` package (the ``embed`` extra); without it, or with the
``story_model`` setting ``"none"``, grouping falls back to terms and entities.
Nothing is downloaded: the vocabulary and the vectors ship with the package,
and ``story_model`` may point at another ``.npz`` of the same layout (``codes``
int8 and ``scales`` float32, one row per token of the vocabulary file beside it
or the packaged one).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsbrief.errors import ConfigError

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "minilm-static.npz"
VOCAB_PATH = DATA / "minilm-vocab.txt"
MAX_TOKENS = 256  # title and lead: where a report says which event it is about
LEAD_CHARS = 1500
NO_MODEL = ("none", "off", "")


def read_vocab(path: Path) -> list[str]:
    """The WordPiece vocabulary, one token a line."""
    return path.read_text("utf-8").splitlines()


@dataclass(frozen=True, slots=True)
class StaticEmbedder:
    """Mean of static token vectors; ``embed`` returns unit rows (zeros for no tokens)."""

    matrix: np.ndarray  # (vocabulary, dimensions) float32
    tokenizer: object
    name: str

    @property
    def dimensions(self) -> int:
        """Length of a vector."""
        return int(self.matrix.shape[1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (a zero row for a text without known tokens)."""
        out = np.zeros((len(texts), self.dimensions), np.float32)
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)  # type: ignore[attr-defined]
        for row, encoding in enumerate(encodings):
            ids = encoding.ids[:MAX_TOKENS]
            if not ids:
                continue
            vector = self.matrix[ids].mean(axis=0)
            norm = float(np.linalg.norm(vector))
            if norm:
                out[row] = vector / norm
        return out


def report_text(title: str | None, text: str) -> str:
    """What a report's vector is made of: its title and lead."""
    return f"{title}. {text[:LEAD_CHARS]}" if title else text[:LEAD_CHARS]


def load_embedder(model: str | None) -> StaticEmbedder | None:
    """The embedder named by the ``story_model`` setting, or None to group without one.

    ``"default"`` (or None) is the packaged model; ``"none"`` turns embeddings
    off; anything else is a path to a model file. The packaged model without the
    ``tokenizers`` package falls back (logged once); a named path that cannot be
    read is a :class:`~newsbrief.errors.ConfigError`.
    """
    if model is not None and model.strip().lower() in NO_MODEL:
        return None
    path = MODEL_PATH if model in (None, "default") else Path(model)
    return _load(str(path), model not in (None, "default"))


@lru_cache(maxsize=4)
def _load(path: str, named: bool) -> StaticEmbedder | None:
    try:
        from tokenizers import BertWordPieceTokenizer
    except ImportError:
        if named:
            raise ConfigError(
                f"story_model {path}: needs the 'tokenizers' package "
                "(pip install 'newsbrief[embed]')"
            ) from None
        log.warning(
            "story grouping without embeddings: install the 'embed' extra "
            "(pip install 'newsbrief[embed]') for event similarity beyond shared words"
        )
        return None
    model_file = Path(path)
    vocab = model_file.with_name(VOCAB_PATH.name)
    vocab = vocab if vocab.is_file() else VOCAB_PATH
    try:
        with np.load(model_file) as data:
            codes, scales = data["codes"], data["scales"]
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"story_model {path}: cannot read a model file ({exc})") from None
    n_vocab = len(read_vocab(vocab))
    if codes.ndim != 2 or codes.shape[0] != n_vocab or scales.shape != (n_vocab,):
        raise ConfigError(
            f"story_model {path}: {codes.shape} vectors do not match "
            f"the {n_vocab} tokens of {vocab}"
        )
    matrix = codes.astype(np.float32) * scales[:, None]
    tokenizer = BertWordPieceTokenizer(str(vocab), lowercase=True)
    return StaticEmbedder(matrix=matrix, tokenizer=tokenizer, name=model_file.name)

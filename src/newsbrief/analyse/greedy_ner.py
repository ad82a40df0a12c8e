"""spaCy's greedy entity decoding, one batched array step per token position.

spaCy's own decoder (``Parser.greedy_parse``) steps through the transitions in compiled
code, but the build in use takes and releases the GIL in every state query (several
hundred times per token): that loop costs more than the network itself. Here the
network's parts are spaCy's (``tok2vec``, the precomputed ``lower`` layer, ``upper``),
and only the loop is ours: at step ``t`` every report still open is at token ``t`` (each
BILUO move reads exactly one token), so the hidden layer, the scores and the choice of
the best valid move are a few array operations over all reports at once.

The moves and their validity are spaCy's ``BiluoPushDown`` ones for texts without preset
entities or sentence starts (what ``nlp.make_doc`` gives). :func:`decodable` tells whether
a pipeline's entity recogniser has the shape this decoder knows; callers fall back to
``nlp.pipe`` otherwise. The entities are the same as spaCy's (checked on whole corpora by
``tests/analyse/test_greedy_ner.py`` against ``nlp.pipe``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

# (move letter, label) of each class, read from the model's move names ("B-ORG", "O", "U-")
_LETTERS = "BILUO"


def decodable(nlp: Any) -> bool:
    """True when ``nlp`` is a bare ``ner`` pipeline this decoder reproduces."""
    if nlp.pipe_names != ["ner"]:
        return False
    ner = nlp.get_pipe("ner")
    model = ner.model
    if type(ner.moves).__name__ != "BiluoPushDown" or ner.cfg.get("beam_width", 1) != 1:
        return False
    if model.name != "parser_model" or len(model.layers) != 3 or not model.attrs["has_upper"]:
        return False
    lower = model.layers[1]
    return bool(
        lower.name == "precomputable_affine"
        and lower.get_dim("nF") == 3
        and lower.get_dim("nP") >= 1
        and not model.attrs.get("unseen_classes")
    )


class _Moves:
    """The classes as arrays, and which are valid in each kind of state."""

    def __init__(self, ner: Any) -> None:
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        labels = sorted({n[2:] for n in names if len(n) > 2})
        self.labels = labels
        index = {label: k for k, label in enumerate(labels)}
        n = len(names)
        self.letter = np.array([_LETTERS.index(name[0]) for name in names], dtype=np.int8)
        # label number of each class, -1 for "O" and for the label-less "U-"
        self.label = np.array([index.get(name[2:], -1) for name in names], dtype=np.int64)
        named = self.label >= 0
        is_ = {c: (self.letter == _LETTERS.index(c)) for c in _LETTERS}
        # rows 0-3: no entity open, (last token, whitespace token) as bits 2 and 1;
        # then per label, rows for an open entity of that label: not last, last
        table = np.zeros((4 + 2 * len(labels), n), dtype=bool)
        for last in (0, 1):
            for space in (0, 1):
                row = table[last * 2 + space]
                row |= is_["O"]
                if not space:
                    row |= is_["U"] & named
                    if not last:
                        row |= is_["B"] & named
        for k in range(len(labels)):
            same = self.label == k
            table[4 + 2 * k] = (is_["I"] | is_["L"]) & same
            table[4 + 2 * k + 1] = is_["L"] & same
        self.valid = table


def entity_tokens(nlp: Any, docs: Sequence[Any]) -> list[list[tuple[int, int, str]]]:
    """``(start token, end token, label)`` of the entities of each ``Doc`` (made by
    ``nlp.make_doc``), as spaCy's own greedy decoding finds them."""
    ner = nlp.get_pipe("ner")
    moves = _Moves(ner)
    tok2vec, lower, upper = ner.model.layers
    out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
    live = [i for i, d in enumerate(docs) if len(d)]
    if not live:
        return out
    batch = [docs[i] for i in live]
    lengths = np.array([len(d) for d in batch])
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    cached = lower.predict(tok2vec.predict(batch))  # (tokens + 1, F, hidden, pieces); row 0 pads
    hidden, pieces = cached.shape[2:]
    feats = [np.ascontiguousarray(cached[:, f].reshape(-1, hidden * pieces)) for f in range(3)]
    bias = lower.get_param("b").reshape(hidden * pieces)
    weights, out_bias = upper.get_param("W"), upper.get_param("b")
    ops = upper.ops
    space = np.zeros(int(lengths.sum()) + 1, dtype=np.int64)  # whitespace tokens, as 1
    space[:-1] = np.concatenate([d.to_array("IS_SPACE") for d in batch])
    # longest first: the reports still going at step t are a prefix, ``going[t]`` long
    order = np.argsort(-lengths, kind="stable")
    lengths, offsets = lengths[order], offsets[order]
    going = np.searchsorted(-lengths, -np.arange(int(lengths[0])), side="left")
    doc_of = [live[i] for i in order]
    open_start = np.full(len(batch), -1, dtype=np.int64)  # entity start token, -1: none
    open_label = np.zeros(len(batch), dtype=np.int64)
    for t, n in enumerate(going.tolist()):
        at = offsets[:n] + t
        starts = open_start[:n]
        is_open = starts >= 0
        first = np.where(is_open, offsets[:n] + starts, -1)
        prev = np.where(is_open, at - 1, -1)
        # the sum in spaCy's order: features 0, 1, 2, then the bias
        unmaxed = feats[0][at + 1] + feats[1][first + 1]
        unmaxed += feats[2][prev + 1]
        unmaxed += bias
        if pieces == 2:
            hiddens = np.maximum(unmaxed[:, 0::2], unmaxed[:, 1::2])
        else:
            hiddens = unmaxed.reshape(n, hidden, pieces).max(axis=2)
        scores = ops.gemm(hiddens, weights, trans2=True)
        scores += out_bias
        last = (lengths[:n] - 1 == t).astype(np.int64)
        key = np.where(is_open, 4 + 2 * open_label[:n] + last, last * 2 + space[at])
        choice = np.where(moves.valid[key], scores, -np.inf).argmax(axis=1)
        moved = np.flatnonzero(moves.letter[choice] != 4)  # "O" changes nothing
        if moved.size:
            _apply(t, choice[moved], moved, moves, open_start, open_label, out, doc_of)
    return out


def _apply(
    t: int,
    choice: np.ndarray,
    states: np.ndarray,
    moves: _Moves,
    open_start: np.ndarray,
    open_label: np.ndarray,
    out: list[list[tuple[int, int, str]]],
    doc_of: list[int],
) -> None:
    """Take the chosen moves (other than "O") of the reports ``states`` at token ``t``."""
    for c, i in zip(choice.tolist(), states.tolist(), strict=True):
        move, label = moves.letter[c], moves.label[c]
        if move == 0:  # B
            open_start[i], open_label[i] = t, label
        elif move == 2:  # L
            out[doc_of[i]].append((int(open_start[i]), t + 1, moves.labels[open_label[i]]))
            open_start[i] = -1
        elif move == 3:  # U
            out[doc_of[i]].append((t, t + 1, moves.labels[label]))

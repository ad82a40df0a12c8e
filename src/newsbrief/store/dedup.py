"""Exact and near-duplicate detection: content hashes and MinHash with LSH bands.

The same report ingested twice has the same content hash and is skipped. The
same wire story carried by several outlets (a new headline, a trimmed last
paragraph) has a different hash but nearly the same word 3-shingles: MinHash
signatures estimate their Jaccard similarity, and LSH band keys, stored in the
``minhash_bands`` table, find the candidates without comparing against every
stored document. A report linked as a near-duplicate leaves the band index, so the
copies of a story syndicated to thousands of outlets are each compared with its first
copy only (linear, not quadratic), and no lookup reads more than ``MAX_CANDIDATES``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

import numpy as np

from newsbrief._imports import require

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS  # 16 bands of 4 rows: pairs above ~0.5 Jaccard become candidates
SEED = 20210812
SHINGLE = 3
SHINGLE_CHUNK = 20_000
MAX_CANDIDATES = 50  # signatures compared per new report, those sharing most bands first
_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace collapsed: the identity of a report."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> list[bytes]:
    """Lower-cased word ``size``-grams, the unit near-duplicates share."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


@lru_cache(maxsize=1)
def _minhash_class() -> Any:
    # Imported here: only ingest pays for it, and a missing extra says how to install it.
    return require("datasketch", "stream", "near-duplicate detection").MinHash


@lru_cache(maxsize=1)
def _template() -> Any:
    return _minhash_class()(num_perm=NUM_PERM, seed=SEED)


def signature(text: str) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` uint32 values) of the text's shingles."""
    template = _template()
    sketch = _minhash_class()(
        num_perm=NUM_PERM, seed=SEED, permutations=template.permutations, scheme="affine32"
    )
    parts = shingles(text)
    # In chunks: one batch hashes every shingle under every permutation at once (64 x 8
    # bytes each), which for a 10 MB report would take gigabytes. The minimum is the same.
    for start in range(0, len(parts), SHINGLE_CHUNK):
        sketch.update_batch(parts[start : start + SHINGLE_CHUNK])
    return np.asarray(sketch.hashvalues, dtype=np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (the band number is part of the key)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    """Signature as bytes for the ``documents.minhash`` column."""
    return np.asarray(sig, dtype="<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """Signature from the ``documents.minhash`` column."""
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)

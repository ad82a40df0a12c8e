"""Content hashes and MinHash near-duplicate estimates."""

from __future__ import annotations

from newsbrief.store import dedup

WIRE = (
    "Heavy rain flooded the river town of Riverton on Tuesday, forcing hundreds of residents "
    "from their homes. Emergency crews used boats to reach families stranded on rooftops. "
    "Mayor Alma Ortiz said the Cobb River rose four metres in six hours, the highest level "
    "since records began, and that more rain was expected overnight across the valley."
)


def test_content_hash_ignores_whitespace_only() -> None:
    assert dedup.content_hash(WIRE) == dedup.content_hash("  " + WIRE.replace(" ", "\n  ") + "\n")
    assert dedup.content_hash(WIRE) != dedup.content_hash(WIRE.replace("Tuesday", "Monday"))


def test_signatures_tell_copies_from_other_texts() -> None:
    copy = WIRE + " Copyright Morning Post."  # the same wire story, another outlet's footer
    other = "The Vale party won the parliamentary election in Nordmark on Sunday night."
    sig = dedup.signature(WIRE)
    assert dedup.similarity(sig, dedup.signature(copy)) > 0.8
    assert dedup.similarity(sig, dedup.signature(other)) < 0.2


def test_copies_share_an_lsh_band_and_blobs_round_trip() -> None:
    a = dedup.signature(WIRE)
    b = dedup.signature(WIRE + " Copyright Morning Post.")
    assert set(dedup.band_keys(a)) & set(dedup.band_keys(b))
    assert (dedup.from_blob(dedup.to_blob(a)) == a).all()


def test_tiny_and_empty_texts_have_signatures() -> None:
    assert len(dedup.signature("Hi")) == dedup.NUM_PERM
    assert len(dedup.signature("")) == dedup.NUM_PERM

"""Turning character spans of a report into :class:`~newsbrief.models.Mention` records."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.models import Document, Mention, Sentence


@dataclass(frozen=True, slots=True)
class Locator:
    """Finds the sentence holding a span; builds mentions with offsets into ``Document.text``."""

    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    _starts: tuple[tuple[int, ...], ...]
    _positions: tuple[tuple[int, ...], ...]  # positions in ``sentences``, per document

    @classmethod
    def build(cls, documents: Sequence[Document], sentences: Sequence[Sentence]) -> Locator:
        """Index the sentences of each document by start offset."""
        starts: list[list[int]] = [[] for _ in documents]
        positions: list[list[int]] = [[] for _ in documents]
        for pos, s in enumerate(sentences):
            starts[s.doc_index].append(s.start)
            positions[s.doc_index].append(pos)
        return cls(
            tuple(documents),
            tuple(sentences),
            tuple(tuple(x) for x in starts),
            tuple(tuple(x) for x in positions),
        )

    def sentence_at(self, doc_index: int, offset: int) -> Sentence | None:
        """The sentence of ``doc_index`` whose span holds ``offset``."""
        k = bisect.bisect_right(self._starts[doc_index], offset) - 1
        if k < 0:
            return None
        s = self.sentences[self._positions[doc_index][k]]
        return s if s.start <= offset < max(s.end, s.start + 1) else None

    def mention(self, doc_index: int, start: int, end: int) -> Mention:
        """A mention of ``text[start:end]`` in document ``doc_index``."""
        doc = self.documents[doc_index]
        s = self.sentence_at(doc_index, start)
        return Mention(doc_index, doc.id, s.index if s else -1, start, end, doc.text[start:end])

    def position(self, doc_index: int, sentence_index: int) -> int:
        """Position in ``sentences`` (and in the similarity matrix) of a sentence."""
        return self._positions[doc_index][sentence_index]

    def doc_sentences(self, doc_index: int) -> list[Sentence]:
        """Sentences of one document, in order."""
        return [self.sentences[p] for p in self._positions[doc_index]]

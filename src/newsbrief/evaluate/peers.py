"""Systems compared in one evaluation run: newsbrief and the classic peers.

Each system maps (cluster, word budget, query) to summary sentences.

* ``newsbrief``: :func:`newsbrief.pipeline.brief_cluster`, whole sentences within
  the budget (never cut), the topic as query when the run is query-focused;
* ``lead``: first sentences of the reports round-robin (sentence 1 of every
  report in date order, then sentence 2, ...);
* ``lexrank``, ``textrank``, ``lsa``: sumy's summarizers, fed the sentences of
  newsbrief's segmenter (sumy's own splitter needs NLTK punkt data);
* ``summa``: summa's TextRank on the same sentences.

The peers are generic (they ignore the query) and are given the benefit of
the doubt on length: they rank sentences and fill the budget, the last one
cut at the budget, as DUC participants' summaries were truncated by NIST.
Official DUC participant summaries come from the dataset, not from here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from newsbrief._imports import require
from newsbrief.models import Cluster, Sentence

SystemFn = Callable[[Cluster, int, str | None], tuple[str, ...]]
_WORD = re.compile(r"\w+(?:[-'.]\w+)*")


def newsbrief_system(cluster: Cluster, max_words: int, query: str | None) -> tuple[str, ...]:
    """newsbrief's extractive summary with default settings (no analysis), toward
    ``query`` only when one is given.

    Defaults, not the user's config file or environment: published figures must be
    reproducible.
    """
    from newsbrief.config import Settings
    from newsbrief.pipeline import brief

    settings = Settings().with_overrides({"analysis": False, "max_words": max_words})
    # brief(), not brief_cluster(): a generic run must not fall back on the cluster's
    # own topic (brief_cluster uses it when no query is given).
    briefing = brief(
        cluster.documents, max_words, query=query, settings=settings, cluster_id=cluster.id
    )
    return tuple(s.text for s in briefing.summary)


def lead_system(cluster: Cluster, max_words: int, query: str | None) -> tuple[str, ...]:
    """Leading sentences round-robin over the reports in date order."""
    by_doc = _sentences_by_document(cluster)
    order = sorted(
        range(len(by_doc)),
        key=lambda d: (cluster.documents[d].date is None, cluster.documents[d].date, d),
    )
    ranked = [
        by_doc[d][k]
        for k in range(max(map(len, by_doc), default=0))
        for d in order
        if k < len(by_doc[d])
    ]
    return fill_budget(ranked, max_words)


def sumy_system(name: str) -> SystemFn:
    """A sumy summarizer (``lexrank``, ``textrank`` or ``lsa``) as a system."""

    def run(cluster: Cluster, max_words: int, query: str | None) -> tuple[str, ...]:
        summarizer = _sumy_summarizer(name)
        document, texts = _sumy_document(cluster)
        picked: list[str] = []

        def take(infos: list[Any]) -> list[Any]:
            ranked = [texts[id(info.sentence)] for info in infos]
            picked.extend(fill_budget(ranked, max_words))
            return []

        summarizer(document, take)
        return tuple(picked)

    return run


def summa_system(cluster: Cluster, max_words: int, query: str | None) -> tuple[str, ...]:
    """summa's TextRank over the cluster's sentences."""
    summarizer = require("summa.summarizer", "eval", "the summa peer", package="summa")
    text = "\n".join(s.text for doc in _sentences_by_document(cluster) for s in doc)
    scored = summarizer.summarize(text, scores=True, ratio=1.0)
    ranked = [t for t, _ in sorted(scored, key=lambda pair: -pair[1])]
    return fill_budget(ranked, max_words)


def fill_budget(ranked: Sequence[str | Sentence], max_words: int) -> tuple[str, ...]:
    """Sentences in rank order until ``max_words``; the last one cut at the budget."""
    chosen: list[str] = []
    left = max_words
    for item in ranked:
        words = (item.text if isinstance(item, Sentence) else item).split()
        if left <= 0:
            break
        chosen.append(" ".join(words[:left]))
        left -= len(words)
    return tuple(chosen)


SYSTEMS: dict[str, SystemFn] = {
    "newsbrief": newsbrief_system,
    "lead": lead_system,
    "lexrank": sumy_system("lexrank"),
    "textrank": sumy_system("textrank"),
    "lsa": sumy_system("lsa"),
    "summa": summa_system,
}


def _sentences_by_document(cluster: Cluster) -> list[list[Sentence]]:
    from newsbrief.segment import segment_documents

    by_doc: list[list[Sentence]] = [[] for _ in cluster.documents]
    for s in segment_documents(cluster.documents):
        if not s.is_chatter:
            by_doc[s.doc_index].append(s)
    return by_doc


class _WordTokenizer:
    """What sumy asks of a tokenizer; sentences are already split by newsbrief."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def _sumy_document(cluster: Cluster) -> tuple[Any, dict[int, str]]:
    dom = require("sumy.models.dom", "eval", "the sumy peers", package="sumy")
    tokenizer = _WordTokenizer()
    texts: dict[int, str] = {}
    paragraphs = []
    for doc in _sentences_by_document(cluster):
        sentences = [dom.Sentence(s.text, tokenizer) for s in doc]
        texts.update((id(obj), s.text) for obj, s in zip(sentences, doc, strict=True))
        paragraphs.append(dom.Paragraph(sentences))
    return dom.ObjectDocumentModel(paragraphs), texts


def _sumy_summarizer(name: str) -> Any:
    require("sumy", "eval", "the sumy peers")
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer}
    summarizer = classes[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer

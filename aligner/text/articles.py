"""Documents -> Articles: lines classified, prose split into sentences, and the sentences'
features (in forked processes for a large corpus)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from itertools import chain
from pathlib import Path

from aligner.load.corpus import Document
from aligner.result.model import Article, LineKind, Sentence, article_id, sentence_id
from aligner.runtime.cancel import checked
from aligner.runtime.parallel import split_map
from aligner.text.features import (
    ReadSentence,
    SentenceFeatures,
    read_sentence,
    sentence_features,
    stem,
    with_stems,
)
from aligner.text.line_kinds import (
    classify_lines,
    find_title,
    furniture_prefix_end,
    furniture_suffix_start,
    labels_a_caption,
    sentence_kind,
)
from aligner.text.segment import sentence_spans

# Below this much text (about 800 sentences) a second process costs more than it saves.
PARALLEL_MIN_CHARS = 100_000


def build_articles(
    documents: Sequence[Document],
    workers: int,
    max_sentences: int,
    *,
    alongside: Callable[[], object] | None = None,
    alongside_weight: int = 0,
) -> tuple[tuple[Article, ...], list[SentenceFeatures] | None]:
    """One Article per document, in order, and the features of their prose sentences when
    computed in parallel (else None: they are computed after the sentence limit check).

    In parallel, the processes that split the documents also read their sentences (words,
    names, quantities: no waiting for the whole corpus to be split), then the corpus's
    distinct words are stemmed, each once, shared among the processes. Stemming each
    process's own words would stem most of the vocabulary in every process.
    ``alongside()`` is called once, while a child splits when there is one (see ``split_map``;
    ``alongside_weight``: its cost in characters of text).
    """
    weights = [len(document.text) for document in documents]
    numbered = list(enumerate(documents))
    if workers < 2 or sum(weights) < PARALLEL_MIN_CHARS:
        if alongside is not None:
            alongside()
        return tuple(_build_numbered(numbered)), None
    work = partial(_build_and_read, max_sentences)
    # Pickling the articles and read sentences takes a child an eighth of the time it
    # spends making them (msrp/10k and 20k).
    built = split_map(
        work,
        numbered,
        weights=weights,
        workers=workers,
        send_cost=0.12,
        alongside=alongside,
        alongside_weight=alongside_weight,
    )
    articles = tuple(article for article, _ in built)
    if any(read is None for _, read in built):
        return articles, None  # over the sentence limit: the comparison refuses it
    return articles, _stemmed([r for _, read in built for r in read or ()], workers)


def _build_numbered(numbered: Sequence[tuple[int, Document]]) -> list[Article]:
    return [build_article(position, document) for position, document in checked(numbered)]


def _build_and_read(
    max_sentences: int, numbered: Sequence[tuple[int, Document]]
) -> list[tuple[Article, list[ReadSentence] | None]]:
    """Each document's Article and its prose sentences read. Past ``max_sentences``
    sentences in this share alone the corpus is refused anyway: the rest stay unread (None).
    """
    built: list[tuple[Article, list[ReadSentence] | None]] = []
    sentences = 0
    for article in _build_numbered(numbered):
        prose = article.prose
        sentences += len(article.sentences)
        read = [read_sentence(s.text) for s in prose] if sentences <= max_sentences else None
        built.append((article, read))
    return built


def _stemmed(read: Sequence[ReadSentence], workers: int) -> list[SentenceFeatures]:
    """The features of read sentences, each distinct word stemmed once."""
    vocabulary = list(dict.fromkeys(chain.from_iterable(r.tokens for r in read)))
    weights = [len(word) for word in vocabulary]
    stems = split_map(_stems_of, vocabulary, weights=weights, workers=workers)
    stem_of = dict(zip(vocabulary, stems, strict=True))
    return [with_stems(r, tuple(map(stem_of.__getitem__, r.tokens))) for r in read]


def _stems_of(words: Sequence[str]) -> list[str]:
    return [stem(word) for word in checked(words, every=1024)]


def analyse(texts: Sequence[str], *, workers: int) -> list[SentenceFeatures]:
    """``sentence_features`` of every text, in order."""
    weights = [len(text) for text in texts]
    workers = workers if sum(weights) >= PARALLEL_MIN_CHARS else 1
    return split_map(_features_of, texts, weights=weights, workers=workers)


def _features_of(texts: Sequence[str]) -> list[SentenceFeatures]:
    return [sentence_features(text) for text in checked(texts, every=16)]


def _kinded(
    text: str, spans: Sequence[tuple[int, int]], line_kind: LineKind
) -> list[tuple[int, int, LineKind]]:
    """The spans of one line with their kinds. In prose, furniture glued to the start of a
    sentence ("Image caption Bob Dudley took over …") or to its end (an embedded tweet's
    signature) becomes a sentence of its own, and what a picture or player label introduces
    is that picture's caption, shown but not compared."""
    if line_kind is not LineKind.PROSE:
        return [(start, end, line_kind) for start, end in spans]
    kinded: list[tuple[int, int, LineKind]] = []
    for start, end in spans:
        cut = start + furniture_prefix_end(text[start:end])
        if cut > start:
            kinded.append((start, start + len(text[start:cut].rstrip()), LineKind.BOILERPLATE))
        tail = cut + furniture_suffix_start(text[cut:end])
        rest = text[cut:tail].rstrip()
        if rest:
            labelled = cut > start and labels_a_caption(text[start:cut])
            kind = LineKind.CAPTION if labelled else sentence_kind(rest)
            kinded.append((cut, cut + len(rest), kind))
        if tail < end:
            kinded.append((tail, end, LineKind.BOILERPLATE))
    return kinded


def build_article(position: int, document: Document) -> Article:
    """Lines -> sentences with offsets; non-prose lines stay whole, one 'sentence' each."""
    ident = article_id(position)
    lines = classify_lines(document.text)
    sentences: list[Sentence] = []
    # A checkpoint every few lines: one file may hold millions of them.
    for line in checked(lines, every=64):
        spans = (
            sentence_spans(document.text, line.start, line.end)
            if line.kind == "prose"
            else [(line.start, line.end)]
        )
        for start, end, kind in _kinded(document.text, spans, line.kind):
            sentences.append(
                Sentence(
                    id=sentence_id(ident, len(sentences)),
                    article_id=ident,
                    index=len(sentences),
                    text=document.text[start:end],
                    kind=kind,
                    start=start,
                    end=end,
                    paragraph=line.paragraph,
                )
            )
    title = document.title or find_title(document.text, lines) or Path(document.path).name
    return Article(
        id=ident,
        path=document.path,
        title=title,
        source=document.source,
        text=document.text,
        sentences=tuple(sentences),
    )

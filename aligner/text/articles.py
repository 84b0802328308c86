"""Documents -> Articles (lines classified, prose split into sentences), and the features
of their sentences."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aligner.load.corpus import Document
from aligner.result.model import Article, Sentence, article_id, sentence_id
from aligner.runtime.cancel import checked
from aligner.text.features import SentenceFeatures, sentence_features
from aligner.text.line_kinds import classify_lines, find_title, sentence_kind
from aligner.text.segment import sentence_spans


def build_articles(documents: Sequence[Document]) -> tuple[Article, ...]:
    """One Article per document, in order."""
    return tuple(
        build_article(position, document) for position, document in enumerate(checked(documents))
    )


def analyse(texts: Sequence[str]) -> list[SentenceFeatures]:
    """``sentence_features`` of every text, in order."""
    return [sentence_features(text) for text in checked(texts, every=16)]


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
        for start, end in spans:
            kind = sentence_kind(document.text[start:end]) if line.kind == "prose" else line.kind
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

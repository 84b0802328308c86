"""A sentence quoted with its source, as it is copied to the clipboard and listed with notes."""

from __future__ import annotations

from pathlib import Path

from aligner.result.model import Article
from tui.safe_text import strip_controls


def source_name(article: Article) -> str:
    """The outlet when the file names one, else its title, else its file name."""
    return article.source or article.title or Path(article.path).name


def one_line(text: str) -> str:
    """``text`` on one line with nothing a terminal would act on: it leaves the app."""
    return " ".join(strip_controls(text).split())


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary before ``limit`` characters."""
    line = one_line(text)
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    word_end = cut.rfind(" ")
    return (cut[:word_end] if word_end > limit // 2 else cut).rstrip() + "…"


def citation(article: Article, sentence_text: str) -> str:
    """``“sentence” — Source (file)``: a quote that says where it comes from."""
    file_name = Path(article.path).name
    source = source_name(article)
    origin = file_name if source == file_name else f"{source} ({file_name})"
    return one_line(f"“{sentence_text}” — {origin}")

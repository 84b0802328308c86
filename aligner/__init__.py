"""Parallax engine: load articles, align sentences, find shared, unique and contradicting claims.

Never imports Textual or the ``tui`` package (an import-linter contract and
tests/test_engine_isolation.py hold it to that). Not pure Python: rapidfuzz and numpy are
compiled, and NLTK's Punkt splits sentences.
"""

from __future__ import annotations

from aligner.result.model import (
    Article,
    CompareOptions,
    Comparison,
    Conflict,
    ConflictKind,
    FileNotice,
    Group,
    Label,
    LineKind,
    Link,
    Sentence,
    Severity,
    SkippedFile,
    SourceStats,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CompareOptions",
    "Comparison",
    "Conflict",
    "ConflictKind",
    "FileNotice",
    "Group",
    "Label",
    "LineKind",
    "Link",
    "Sentence",
    "Severity",
    "SkippedFile",
    "SourceStats",
    "__version__",
    "compare",
    "compare_pair",
]


def __getattr__(name: str):  # pragma: no cover - thin lazy re-export
    # compare/compare_pair pull in rapidfuzz and NLTK; load them only when asked for.
    if name == "compare":
        from aligner.pipeline import compare

        return compare
    if name == "compare_pair":
        from aligner.pair import compare_pair

        return compare_pair
    raise AttributeError(name)

"""Exports of a Comparison: pick a format by name or by file suffix and render it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal, get_args

from aligner.result.model import Comparison

ExportFormat = Literal["markdown", "json"]
FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)

# The file suffixes of each format, the one a new file gets first.
SUFFIXES: dict[ExportFormat, tuple[str, ...]] = {
    "markdown": (".md", ".markdown"),
    "json": (".json",),
}


def format_for_path(path: str | Path) -> ExportFormat | None:
    """The format a file name asks for (``.md``/``.markdown``, ``.json``), else ``None``."""
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt, suffixes in SUFFIXES.items() if suffix in suffixes), None)


def render(
    comparison: Comparison,
    *,
    fmt: ExportFormat,
    notes: Mapping[str, str] | None = None,
    workers: int = 1,
) -> str:
    """The comparison in ``fmt``; ``ValueError`` for a format Parallax does not write.
    ``workers`` > 1 lets forked processes share the JSON encoding (never the reader's: it
    renders in a thread, where forking is unsafe)."""
    if fmt == "markdown":
        from aligner.export.markdown import to_markdown

        return to_markdown(comparison, notes=notes)
    if fmt == "json":
        from aligner.export.json import to_json

        return to_json(comparison, notes=notes, workers=workers)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "SUFFIXES", "ExportFormat", "format_for_path", "render"]

"""Locate the data the engine ships: the sample corpus (the reader's themes: tui.themes)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def shipped_dir(package: str, name: str) -> Path:
    """Folder ``name`` that ``package`` ships: a wheel carries it inside the package
    (``<package>/data/<name>``); a source checkout or an editable install has it at the
    repository root."""
    packaged = Path(str(resources.files(package) / "data" / name))
    if packaged.is_dir():
        return packaged
    return _REPO_ROOT / name


def sample_corpus_dir() -> Path:
    """Folder of the five sample articles used when no path is given."""
    return shipped_dir("aligner", "sample_corpus")

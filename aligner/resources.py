"""Locate the data the project ships: the sample corpus and the theme files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def _shipped_dir(name: str) -> Path:
    # A wheel carries the folder inside the package (aligner/data/<name>); a source
    # checkout or an editable install has it at the repository root.
    packaged = Path(str(resources.files("aligner") / "data" / name))
    if packaged.is_dir():
        return packaged
    return _REPO_ROOT / name


def sample_corpus_dir() -> Path:
    """Folder of the five sample articles used when no path is given."""
    return _shipped_dir("sample_corpus")


def themes_dir() -> Path:
    """Folder of the built-in ``*.toml`` theme files."""
    return _shipped_dir("themes")

"""NLTK's Punkt and Porter modules, imported without the rest of NLTK.

Importing any NLTK module first runs ``nltk/__init__.py``, which imports all of NLTK (parsers,
corpus readers, the downloader, ...): about 0.25 s of CPU, half of a small export. Punkt and
Porter need only a few of NLTK's helper modules, so their packages stand in as empty
placeholders while the two are imported.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
import threading
from types import ModuleType

PUNKT = "nltk.tokenize.punkt"
PORTER = "nltk.stem.porter"


_LOCK = threading.Lock()


def nltk_module(name: str) -> ModuleType:
    """``PUNKT`` or ``PORTER``, imported once."""
    with _LOCK:  # two threads must not swap placeholders in and out at once
        return _imported()[name]


@functools.cache
def _imported() -> dict[str, ModuleType]:
    names = (PUNKT, PORTER)
    if "nltk" in sys.modules:  # the whole of NLTK is loaded anyway: share its modules
        return {name: importlib.import_module(name) for name in names}
    try:
        return _imported_alone(names)
    except Exception:  # an NLTK whose modules need its package code: load it whole
        return {name: importlib.import_module(name) for name in names}


def _imported_alone(names: tuple[str, ...]) -> dict[str, ModuleType]:
    """``names`` imported under placeholder packages (see the module's docstring)."""
    before = set(sys.modules)
    try:
        for package in sorted({p for name in names for p in _packages_of(name)}, key=len):
            sys.modules[package] = _placeholder(package)
        return {name: importlib.import_module(name) for name in names}
    finally:
        # The modules imported here are private copies: taken out of sys.modules with the
        # placeholders, so a later ``import nltk`` elsewhere imports the real, whole package
        # (its submodules bound as its attributes) instead of finding half of it.
        for module in set(sys.modules) - before:
            if module.split(".")[0] == "nltk":
                del sys.modules[module]


def _packages_of(name: str) -> list[str]:
    """ "nltk.tokenize.punkt" -> ["nltk", "nltk.tokenize"]."""
    parts = name.split(".")
    return [".".join(parts[:k]) for k in range(1, len(parts))]


def _placeholder(package: str) -> ModuleType:
    """The package as an empty module that can hold submodules: its code is not run."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.submodule_search_locations is None:
        raise ModuleNotFoundError(f"no package {package!r}", name=package)
    return importlib.util.module_from_spec(spec)

"""Tests for aligner.text.nltk_modules: Punkt and Porter without the rest of NLTK."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]


def run_python(script: str) -> list[str]:
    env = {**os.environ}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_splitting_and_stemming_do_not_import_the_whole_of_nltk() -> None:
    script = """
import sys
from aligner.text.features import stem
from aligner.text.segment import sentence_spans
print(len(sentence_spans("He met Gen. Smith in the U.S. on Monday. Then he left.")))
print(stem("running"))
print(sorted(m for m in ("nltk", "nltk.parse", "nltk.corpus", "nltk.tag") if m in sys.modules))
"""
    assert run_python(script) == ["2", "run", "[]"]


def test_nltk_imported_afterwards_is_the_whole_package() -> None:
    script = """
from aligner.text.segment import sentence_spans
import nltk, nltk.tokenize.punkt
print(callable(nltk.download), callable(nltk.tokenize.punkt.PunktSentenceTokenizer))
print(callable(nltk.stem.porter.PorterStemmer), callable(nltk.word_tokenize))
"""
    assert run_python(script) == ["True", "True", "True", "True"]


def test_nltk_imported_before_is_shared() -> None:
    script = """
import nltk.tokenize.punkt, nltk.stem.porter
from aligner.text.nltk_modules import PORTER, PUNKT, nltk_module
print(nltk_module(PUNKT) is nltk.tokenize.punkt, nltk_module(PORTER) is nltk.stem.porter)
"""
    assert run_python(script) == ["True", "True"]


def test_an_nltk_whose_modules_need_the_package_code_is_imported_whole() -> None:
    # A future NLTK whose Punkt reads a name set up by ``nltk/__init__.py`` must still work:
    # the placeholder import fails, is cleaned up, and NLTK is imported as usual.
    script = """
import importlib
import aligner.text.nltk_modules as modules
real = importlib.import_module
def fussy(name, *args):
    if name == modules.PUNKT and "nltk" in __import__("sys").modules and not hasattr(
        __import__("sys").modules["nltk"], "download"
    ):
        raise AttributeError("module 'nltk' has no attribute 'download'")
    return real(name, *args)
modules.importlib.import_module = fussy
punkt = modules.nltk_module(modules.PUNKT)
import sys
print(callable(punkt.PunktSentenceTokenizer), callable(sys.modules["nltk"].download))
"""
    assert run_python(script) == ["True", "True"]

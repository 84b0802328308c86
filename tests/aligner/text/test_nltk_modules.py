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

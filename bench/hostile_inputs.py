"""Hostile inputs that once exhausted time or memory (issue 15, items 2 to 4), as folders.

Run by hand, then time a comparison of each folder, e.g.:

    python bench/hostile_inputs.py OUT            # writes OUT/<kind>/ folders
    /usr/bin/time -v parallax export OUT/vocab-4x2mb -o /tmp/out.json --force

Kinds (each within the 5 MB default file size limit):

- ``vocab-2x2mb``, ``vocab-4x2mb``: files of random sentences over an 800-word vocabulary
  (about 17k sentences per 2 MB file): every sentence shares words with thousands of others.
- ``vocab-20000-tiny``: 20,000 files of one paragraph of 3 such sentences each.
- ``short-lines-1``, ``short-lines-3``, ``short-lines-6``: files of ``a`` lines, 2,250,000
  lines each (4.5 MB); ``short-lines-limit``: one file of 199,999 (just within the default
  sentence limit, so it is compared and exported).
- ``links-10k``, ``links-40k``: one HTML page whose article is one paragraph of 10,000 links
  (0.3 MB; trafilatura takes 15 s of CPU on it, more than on 40,000: past some size it
  skips its slow fallback extractors) or 40,000 (1.3 MB, 5.5 s).

The text is seeded, so every run writes the same bytes.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

SEED = 15
VOCABULARY_SIZE = 800
SHORT_LINES = 2_250_000


def vocabulary(rng: random.Random, size: int = VOCABULARY_SIZE) -> list[str]:
    """``size`` distinct made-up lower-case words of 3 to 9 letters."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9))))
    return sorted(words)


def random_sentence(rng: random.Random, words: list[str]) -> str:
    """A capitalised sentence of 10 to 25 words drawn from ``words``, ending with a stop."""
    drawn = rng.choices(words, k=rng.randint(10, 25))
    return " ".join(drawn).capitalize() + "."


def vocabulary_text(rng: random.Random, words: list[str], size: int) -> str:
    """Paragraphs of three random sentences, one per line, up to about ``size`` characters."""
    lines: list[str] = []
    total = 0
    while total < size:
        line = " ".join(random_sentence(rng, words) for _ in range(3))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def write_vocabulary_files(
    folder: Path, files: int, size: int, *, vocabulary_size: int = VOCABULARY_SIZE
) -> None:
    """``files`` files of about ``size`` characters of ``vocabulary_text``."""
    rng = random.Random(SEED)
    words = vocabulary(rng, vocabulary_size)
    for number in range(files):
        (folder / f"{number:05d}.txt").write_text(vocabulary_text(rng, words, size), "utf-8")


def write_short_lines(folder: Path, files: int, *, lines: int = SHORT_LINES) -> None:
    for number in range(files):
        (folder / f"{number}.txt").write_bytes(b"a\n" * lines)


def write_links_page(folder: Path, links: int) -> None:
    anchors = "".join(f'<a href="/p/{k}">link {k}</a> ' for k in range(links))
    body = f"<article><p>{anchors}</p></article>"
    page = f"<html><head><title>Links</title></head><body>{body}</body></html>\n"
    (folder / "links.html").write_text(page, "utf-8")


KINDS: dict[str, Callable[[Path], None]] = {
    "vocab-2x2mb": lambda folder: write_vocabulary_files(folder, 2, 2_000_000),
    "vocab-4x2mb": lambda folder: write_vocabulary_files(folder, 4, 2_000_000),
    "vocab-20000-tiny": lambda folder: write_vocabulary_files(folder, 20_000, 1),
    "short-lines-1": lambda folder: write_short_lines(folder, 1),
    "short-lines-3": lambda folder: write_short_lines(folder, 3),
    "short-lines-6": lambda folder: write_short_lines(folder, 6),
    "short-lines-limit": lambda folder: write_short_lines(folder, 1, lines=199_999),
    "links-10k": lambda folder: write_links_page(folder, 10_000),
    "links-40k": lambda folder: write_links_page(folder, 40_000),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write one sub-folder per kind into")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    args = parser.parse_args()
    for kind in args.kinds.split(","):
        folder = args.out / kind
        folder.mkdir(parents=True, exist_ok=True)
        KINDS[kind](folder)
        print(folder)


if __name__ == "__main__":
    main()

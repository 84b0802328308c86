"""Prose "sentences" of one or two words in the news folders: mostly split fragments ("Mr.",
"O.J.") and furniture ("Q.", "[2][16]") read as claims; the figure issue 16 item 2 tracks.

usage: python bench/fragments.py [--data ../shared/data] [--words 2] [--list]

Reads every cluster folder of news_clusters/ and dev_clusters/ at run time (copies nothing),
builds its articles exactly as the pipeline does, and prints how many prose sentences there
are and how many of them have at most ``--words`` words; ``--list`` prints each of those with
its file. Not run in CI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.load.corpus import load_documents  # noqa: E402
from aligner.result.model import Sentence  # noqa: E402
from aligner.text.articles import build_article  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
DATASETS = ("news_clusters", "dev_clusters")


def cluster_folders(data: Path) -> list[Path]:
    """Every cluster folder of the news datasets, in name order."""
    return [
        folder
        for dataset in DATASETS
        if (data / dataset).is_dir()
        for folder in sorted((data / dataset).iterdir())
        if folder.is_dir()
    ]


def prose_sentences(folder: Path) -> Iterator[tuple[str, Sentence]]:
    """(file, sentence) of every prose sentence of the folder's articles."""
    documents = load_documents([folder]).documents
    for position, document in enumerate(documents):
        for sentence in build_article(position, document).prose:
            yield document.path, sentence


def short_prose(folders: list[Path], words: int) -> tuple[int, list[tuple[str, Sentence]]]:
    """How many prose sentences the folders hold, and (file, sentence) of those of at most
    ``words`` words."""
    total = 0
    short: list[tuple[str, Sentence]] = []
    for folder in folders:
        for path, sentence in prose_sentences(folder):
            total += 1
            if len(sentence.text.split()) <= words:
                short.append((path, sentence))
    return total, short


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--words", type=int, default=2, help="count prose of at most this many")
    parser.add_argument("--list", action="store_true", help="print every short prose sentence")
    args = parser.parse_args()
    folders = cluster_folders(args.data)
    if not folders:
        sys.exit(f"no cluster folders under {args.data}")
    total, short = short_prose(folders, args.words)
    if args.list:
        for path, sentence in short:
            print(f"{path}\t{sentence.text!r}")
    print(
        f"{len(folders)} folders: {len(short)} of {total} prose sentences "
        f"have at most {args.words} words"
    )


if __name__ == "__main__":
    main()

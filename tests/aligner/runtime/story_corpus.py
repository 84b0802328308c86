"""A generated folder of sources retelling one story, for the runtime tests."""

from __future__ import annotations

import random
from pathlib import Path


def write_corpus(folder: Path, *, sources: int = 6, sentences: int = 30) -> None:
    """Sources that retell one story in a small vocabulary, with figures that differ: every
    stage has work (candidate pairs, groups, conflicts)."""
    rng = random.Random(15)
    words = [f"w{k}ord" for k in range(80)]
    story = [[rng.choice(words) for _ in range(rng.randint(10, 16))] for _ in range(sentences)]
    for source in range(sources):
        lines = []
        for told in story:
            retold = [rng.choice(words) if rng.random() < 0.15 else w for w in told]
            figure = rng.choice((12, 12, 15, 40))
            lines.append(" ".join(retold).capitalize() + f" killed {figure} people.")
        (folder / f"source{source:02d}.txt").write_text("\n\n".join(lines), encoding="utf-8")

"""The reader says what a comparison left out to stay within its limits."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from snapshot_apps.harness import settle

from aligner import candidates, pipeline
from bench.hostile_inputs import random_sentence, vocabulary
from tui.app import ParallaxApp


def small_vocabulary_folder(folder: Path) -> Path:
    folder.mkdir()
    rng = random.Random(3)
    words = vocabulary(rng, 100)
    for number in range(4):
        text = "\n".join(random_sentence(rng, words) for _ in range(60))
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    return folder


async def test_pairs_cut_to_the_budget_are_told(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = small_vocabulary_folder(tmp_path / "words")
    monkeypatch.setattr(pipeline, "ALL_PAIRS_LIMIT", 0)
    monkeypatch.setattr(candidates, "PAIR_BUDGET_PER_SENTENCE", 2)
    app = ParallaxApp([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.comparison is not None and app.comparison.limit_notices
        messages = [n.message for n in app._notifications]
        assert list(app.comparison.limit_notices) == [
            m for m in messages if m.startswith("too many sentences share words")
        ]

"""The reader says what a comparison left out to stay within its limits."""

from __future__ import annotations

import pytest
from snapshot_apps.harness import settle

from aligner.match import candidates, scoring
from bench.hostile_inputs import write_vocabulary_files
from tui.app import ParallaxApp


async def test_pairs_cut_to_the_budget_are_told(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "words"
    folder.mkdir()
    write_vocabulary_files(folder, 4, 6_000, vocabulary_size=100)  # shares many words
    monkeypatch.setattr(scoring, "ALL_PAIRS_LIMIT", 0)
    monkeypatch.setattr(candidates, "PAIR_BUDGET_PER_SENTENCE", 2)
    app = ParallaxApp([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.comparison is not None and app.comparison.limit_notices
        messages = [n.message for n in app._notifications]
        assert list(app.comparison.limit_notices) == [
            m for m in messages if m.startswith("too many sentences share words")
        ]

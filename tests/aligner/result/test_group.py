"""A group's scores: the row's (its weakest member's best) and each member's own."""

from __future__ import annotations

import pytest

from aligner.result.model import Group, Label


def test_a_member_without_a_recorded_score_is_taken_at_the_groups() -> None:
    scored = Group("g1", Label.SHARED, ("a1s1", "a2s1", "a3s1"), 43.0, (97.0, 43.0, 97.0))
    assert [scored.member_score(m) for m in scored.members] == [97.0, 43.0, 97.0]
    unscored = Group("g1", Label.SHARED, ("a1s1", "a2s1"), 80.0)
    assert [unscored.member_score(m) for m in unscored.members] == [80.0, 80.0]
    with pytest.raises(ValueError, match="one member score per member"):
        Group("g1", Label.SHARED, ("a1s1", "a2s1"), 80.0, (80.0,))

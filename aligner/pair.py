"""``compare_pair``: the aligner's decision for two sentences, for evaluation and tools."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from aligner.calibration import PAIR_RELATED_MARGIN, PAIR_THRESHOLD
from aligner.conflicts.checks import find_conflicts
from aligner.match.similarity import score_pair
from aligner.text.features import sentence_features

PairLabel = Literal["shared", "contradicting", "distinct"]


@dataclass(frozen=True, slots=True)
class PairVerdict:
    """How two sentences relate: ``label``, similarity ``score`` (0-100) and ``reasons``."""

    label: PairLabel
    score: float
    reasons: tuple[str, ...]


def compare_pair(a: str, b: str, *, threshold: float | None = None) -> PairVerdict:
    """Decide whether ``a`` and ``b`` say the same, disagree, or neither, by their wording
    alone: a folder's comparison also weighs words by how rare they are in the folder
    (aligner/match/counterparts.py), which two sentences on their own cannot tell.

    Sentences at or above the threshold align: shared, or contradicting when a conflict is
    found. Sentences a little below it are contradicting only when they give different
    figures for the same counted thing; otherwise they are distinct.
    """
    limit = PAIR_THRESHOLD if threshold is None else threshold
    fa, fb = sentence_features(a), sentence_features(b)
    score = round(score_pair(fa, fb), 2)
    if score >= limit:
        findings = find_conflicts(fa, fb)
        label: PairLabel = "contradicting" if findings else "shared"
    elif score >= limit - PAIR_RELATED_MARGIN:
        findings = find_conflicts(fa, fb, numbers_only=True)
        label = "contradicting" if findings else "distinct"
    else:
        findings = []
        label = "distinct"
    reasons = tuple(f"{f.kind.value}: {f.detail}" for f in findings)
    return PairVerdict(label=label, score=score, reasons=reasons)

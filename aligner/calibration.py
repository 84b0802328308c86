"""Decision thresholds of the engine, in one place (see bench/quality.py for how they were set)."""

from __future__ import annotations

# Pairs scoring at least this (0-100) say the same thing and align.
DEFAULT_THRESHOLD = 62.0

# Sentences that did not align but score at most this far below the threshold are still
# checked for figures about the same thing ("four people in custody" / "three people in
# custody"): related enough to be about one fact, too differently worded to align.
RELATED_MARGIN = 22.0

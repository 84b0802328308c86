"""Decision thresholds of the engine, in one place (see bench/quality.py for how they were set)."""

from __future__ import annotations

# Pairs scoring at least this (0-100: the similarity model's probability, in percent, that
# both state the same claim) align. MSRP alone would put it near 45-50, but MSRP's
# paraphrases are closer rewrites than the way outlets retell one fact: at 45 the sample
# corpus's call-length retellings no longer all align and the dev clusters lose a right
# group, at 40 they keep them while MSRP training accuracy is 0.748 instead of 0.756
# (bench/quality.py prints the figures).
DEFAULT_THRESHOLD = 40.0

# Sentences that did not align but score at most this far below the threshold are still
# checked for figures about the same thing ("four people in custody" / "three people in
# custody"): related enough to be about one fact, too differently worded to align.
RELATED_MARGIN = 20.0

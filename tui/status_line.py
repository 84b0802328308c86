"""The status line's text: its parts by importance, the least important dropped to fit."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

SEPARATOR = " · "

# Importance of a part: what the reader just asked for first, what the screen already shows
# (the view's mode, the default filter, every source in sight) last. The hint to F1 gives
# way before a setting but not before those: a first-time reader needs it more.
ACTIVITY, POSITION, SETTING, HINT, CONTEXT = 0, 1, 2, 3, 4


def fit_status(parts: Sequence[tuple[int, str]], width: int) -> str:
    """``parts`` as ``(importance, text)`` joined in their order, leaving out the least
    important ones (the last of equal importance first) until the line fits ``width``."""
    kept = list(range(len(parts)))

    def line() -> str:
        return SEPARATOR.join(parts[k][1] for k in kept)

    while len(kept) > 1 and cell_len(line()) > width:
        least = max(kept, key=lambda k: (parts[k][0], k))
        kept.remove(least)
    return line()

"""Pausing Python's cyclic garbage collector around bulk work that makes no cyclic garbage."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block (if it was running).

    A comparison (or its export) allocates hundreds of thousands of long-lived objects
    (sentences, features, pairs, records) and next to no cyclic garbage; the full
    collections those allocations trigger walk every object again and free nothing (a
    quarter of a second at 10k sentences).
    The collector is process-wide: another thread's garbage waits until the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

"""When Python's cyclic garbage collector may run: the one place Parallax changes it.

A comparison allocates hundreds of thousands of long-lived objects (sentences, features,
pairs, records) and next to no cyclic garbage, so the collections those allocations trigger
walk every object again and free nothing. Three situations, one helper each:

- ``collector_paused()``: around bulk work in any process (the engine's comparison and its
  JSON export); the collector is restored afterwards.
- ``collector_off_for_this_process()``: a process that ends soon after its one job
  (``parallax export``), where even the collection after the pause and the one at exit
  would walk everything for nothing.
- ``keep_out_of_collections()`` / ``let_kept_objects_go()``: objects that outlive many
  collections (the reader's comparison and caches until the next comparison), moved out
  of the collector's way so that no full collection walks them.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (if it was running).

    Saves a quarter of a second at 10k sentences. The collector is process-wide: another
    thread's garbage waits until the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collector_off_for_this_process() -> None:
    """No cyclic garbage collection for the rest of this short-lived process.

    Pausing around the work is not enough in a process that ends soon after: the first
    collection after the pause, and the one Python runs at exit, walk every object again
    (0.15 s at 10k sentences). Freezing at exit makes that last collection skip them.
    """
    gc.disable()
    atexit.register(gc.freeze)


def keep_out_of_collections() -> None:
    """Move every object alive now out of the collector's reach, garbage collected first.

    For objects that live long in an interactive process: on 10k sentences every full
    collection would otherwise walk them, a 45-90 ms pause every few key presses
    (bench/tui.py). Call ``let_kept_objects_go()`` before they are replaced.
    """
    gc.collect()
    gc.freeze()


def let_kept_objects_go() -> None:
    """Give the objects ``keep_out_of_collections`` kept back to the collector, so that
    those no longer used (a previous comparison) are freed by its next collections."""
    gc.unfreeze()

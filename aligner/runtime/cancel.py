"""Stopping a long computation from outside: ``checkpoint()`` calls in the long loops.

The engine runs in its caller's thread (the reader runs it in a worker thread), so it can only
stop where it looks. Every long loop (loading files, splitting, analysis, candidate blocks,
scoring chunks, grouping, conflict checks, export sections, waiting for a child process) calls
``checkpoint()``. Inside ``stopping_when(should_stop)`` a checkpoint raises ``Cancelled`` once
``should_stop()`` is true; elsewhere it costs one attribute lookup. The stop test is kept per
thread: two computations in two threads never stop each other.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")

StopTest = Callable[[], bool]


class Cancelled(Exception):
    """The caller's ``should_stop`` asked the computation to stop."""


_state = threading.local()


@contextlib.contextmanager
def stopping_when(should_stop: StopTest | None) -> Iterator[None]:
    """Within the block, checkpoints in this thread raise ``Cancelled`` once ``should_stop()``
    is true (None: never). The previous stop test is restored after the block."""
    previous = getattr(_state, "should_stop", None)
    _state.should_stop = should_stop
    try:
        yield
    finally:
        _state.should_stop = previous


def checkpoint() -> None:
    """Raise ``Cancelled`` if this thread's stop test says so."""
    should_stop = getattr(_state, "should_stop", None)
    if should_stop is not None and should_stop():
        raise Cancelled("cancelled")


def checked(items: Iterable[Item], every: int = 1) -> Iterator[Item]:
    """``items``, with a checkpoint before every ``every``-th one: for loops whose single
    steps are too quick to be worth a checkpoint each."""
    for count, item in enumerate(items):
        if count % every == 0:
            checkpoint()
        yield item

"""Share work with forked processes: opt-in, for large inputs only. ``split_map`` shares a
list-to-list computation; ``Aside`` runs one computation while this process does another.

Forking copies the parent's memory, so the children need nothing sent to them; only their
results travel back, pickled through a pipe (see aligner/result/pickling.py). A fork copies
locks that other threads might hold, so nothing forks while another Python thread runs (the
reader compares in a worker thread and so always computes serially), nor on platforms where
forking is unsafe or absent. Waiting for a child is a checkpoint (aligner/runtime/cancel.py): a
cancelled computation stops waiting, and its children are killed on the way out.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import pickle
import select
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from aligner.runtime.cancel import checkpoint, stopping_when

Item = TypeVar("Item")
Result = TypeVar("Result")

Work = Callable[[Sequence[Item]], list[Result]]


def can_fork() -> bool:
    """Whether forking is safe here: POSIX fork, not macOS (several of its system libraries
    break in a forked child), and no other Python thread running."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def split_map(
    work: Work[Item, Result],
    items: Sequence[Item],
    *,
    weights: Sequence[int],
    workers: int,
    send_cost: float = 0.0,
    alongside: Callable[[], object] | None = None,
    alongside_weight: int = 0,
) -> list[Result]:
    """``work(items)``, computed by up to ``workers`` processes at once.

    ``work`` must return one result per item, each depending on its item alone. The items
    are cut into contiguous slices of about equal total ``weights`` (the cost of each item);
    this process computes the first slice while forked children compute the others. A child
    that fails has its slice recomputed here, so the outcome is always that of ``work(items)``.
    ``send_cost`` is what pickling a child's results costs it, as a share of computing them:
    children get that much less to compute, so that they are done sending when this process
    is done computing.
    ``alongside()``, when given, is called once by this process while the children compute
    (first, when nothing forks); ``alongside_weight`` is what it costs, in ``weights``' units,
    and this process's slice is that much lighter.
    """
    bounds = _bounds_after(alongside_weight, weights, workers, send_cost)
    if len(bounds) < 2 or not can_fork():
        if alongside is not None:
            alongside()
        return work(items)
    children: list[_Child[Item, Result]] = []
    try:
        for lo, hi in bounds[1:]:
            children.append(_Child.start(work, items[lo:hi]))
    except OSError:
        pass  # no more processes to be had: this process computes the remaining slices
    try:
        if alongside is not None:
            alongside()
        left_over = bounds[len(children) + 1 :]
        first_lo, first_hi = bounds[0]
        results = work(items[first_lo:first_hi])
        for child in children:
            results.extend(child.results())
        for lo, hi in left_over:
            results.extend(work(items[lo:hi]))
        return results
    finally:
        for child in children:
            child.stop()


class Aside(Generic[Result]):
    """``work()`` computed in a forked child while this process does something else.

    Use as a context manager: ``result()`` waits for the child's result, or computes it here
    when forking is unsafe or not ``wanted``, or when the child fails; leaving the block
    reaps the child whatever happened.
    """

    def __init__(self, work: Callable[[], Result], *, wanted: bool) -> None:
        self._work = work
        self._child: _Child[Callable[[], Result], Result] | None = None
        self._results: list[Result] | None = None
        if wanted and can_fork():
            with contextlib.suppress(OSError):  # no process to be had: computed here
                self._child = _Child.start(_call_each, [work])

    def __enter__(self) -> Aside[Result]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._child is not None:
            self._child.stop()

    def result(self) -> Result:
        if self._results is None:
            self._results = self._child.results() if self._child else _call_each([self._work])
        return self._results[0]


def _call_each(works: Sequence[Callable[[], Result]]) -> list[Result]:
    return [work() for work in works]


def slice_bounds(
    weights: Sequence[int], parts: int, *, first_extra: float = 0.0
) -> list[tuple[int, int]]:
    """Contiguous, non-empty (lo, hi) index ranges covering ``weights``, at most ``parts``
    of them, each ending where the running total comes closest to its share of the total.

    The shares are equal, except that the first is ``1 + first_extra`` times the others.
    """
    if not weights:
        return []
    cumulative = list(itertools.accumulate(max(0, w) for w in weights))
    total = cumulative[-1]
    bounds: list[tuple[int, int]] = []
    lo = 0
    for part in range(1, parts if total else 1):
        target = total * (part + first_extra) / (parts + first_extra)
        reached = bisect.bisect_left(cumulative, target, lo)  # the item that reaches the share
        hi = reached + 1  # the slice takes that item...
        if reached > lo and target - cumulative[reached - 1] < cumulative[reached] - target:
            hi = reached  # ...unless stopping short of it comes closer to the share
        if lo < hi < len(weights):
            bounds.append((lo, hi))
            lo = hi
    bounds.append((lo, len(weights)))
    return bounds


def _bounds_after(
    lead: int, weights: Sequence[int], parts: int, first_extra: float
) -> list[tuple[int, int]]:
    """``slice_bounds`` as if the first slice began with an item of weight ``lead``: the
    first range may then be empty (``lead`` alone is worth a share)."""
    if lead <= 0:
        return slice_bounds(weights, parts, first_extra=first_extra)
    bounds = slice_bounds([lead, *weights], parts, first_extra=first_extra)
    return [(max(lo - 1, 0), hi - 1) for lo, hi in bounds]


@dataclass(slots=True)
class _Child(Generic[Item, Result]):
    """One forked process computing ``work(part)`` and writing the pickled results to a pipe."""

    pid: int
    pipe: int  # read end
    work: Work[Item, Result]
    part: Sequence[Item]
    reaped: bool = field(default=False)

    @classmethod
    def start(cls, work: Work[Item, Result], part: Sequence[Item]) -> _Child[Item, Result]:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _run_child(work, part, write_end)
        os.close(write_end)
        return cls(pid, read_end, work, part)

    def results(self) -> list[Result]:
        """The child's results; computed here instead if the child failed."""
        payload = self._received()
        _, status = os.waitpid(self.pid, 0)
        self.reaped = True
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                results = pickle.loads(payload)
            except Exception:
                results = None
            if isinstance(results, list) and len(results) == len(self.part):
                return results
        return self.work(self.part)

    def _received(self) -> bytes:
        """Everything the child writes to the pipe, with a checkpoint at least every
        ``_WAIT_STEP`` seconds while waiting."""
        chunks: list[bytes] = []
        while True:
            checkpoint()
            ready, _, _ = select.select([self.pipe], [], [], _WAIT_STEP)
            if not ready:
                continue
            chunk = os.read(self.pipe, _READ_SIZE)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def stop(self) -> None:
        """Close the pipe; kill and reap the child unless it was already reaped."""
        os.close(self.pipe)
        if not self.reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.reaped = True


def _run_child(work: Work[Item, Result], part: Sequence[Item], pipe: int) -> None:
    """Compute, send, and leave with ``os._exit``: a forked child must not run the parent's
    exit handlers or flush its copies of the parent's output buffers."""
    status = 1
    try:
        # The parent stops a child by killing it; the child's copy of the stop test, taken
        # at the fork, would never change anyway.
        with stopping_when(None):
            results = work(part)
        payload = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(pipe, "wb") as stream:
            stream.write(payload)
        status = 0
    except BaseException:
        pass  # any failure: the parent recomputes the slice
    finally:
        os._exit(status)


# How long waiting for a child goes without a checkpoint, and how much is read at once.
_WAIT_STEP = 0.05
_READ_SIZE = 1 << 20

"""The collector helpers: paused around work, off for a short process, kept objects frozen."""

from __future__ import annotations

import gc
import subprocess
import sys

from aligner.runtime.collector import keep_out_of_collections, let_kept_objects_go


def test_kept_objects_are_frozen_until_let_go() -> None:
    kept = [[index] for index in range(100)]
    try:
        keep_out_of_collections()
        assert gc.get_freeze_count() >= len(kept)
        let_kept_objects_go()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_a_short_process_runs_no_collection_and_freezes_before_the_last() -> None:
    # Registered first, so it runs last at exit: after the helper's own exit hook.
    program = (
        "import atexit, gc, sys\n"
        "from aligner.runtime.collector import collector_off_for_this_process\n"
        "atexit.register(lambda: print(gc.isenabled(), gc.get_freeze_count() > 0))\n"
        "collector_off_for_this_process()\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]

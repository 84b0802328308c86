"""Runtime helpers: cancellation checkpoints, the paused collector, forked workers."""

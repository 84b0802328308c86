"""Runtime helpers: cancellation checkpoints and the paused collector."""

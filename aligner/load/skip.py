"""The exception every file-loading step raises when a file cannot become an article."""

from __future__ import annotations


class SkipFile(Exception):
    """This file cannot be loaded; ``reason`` is shown to people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

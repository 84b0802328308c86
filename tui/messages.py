"""Small messages that travel up from workers and widgets to the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.notifications import SeverityLevel

from aligner.result.model import Comparison


@dataclass
class ComparisonProgress(Message):
    """The comparison worker reached a stage; ``fraction`` is 0..1."""

    generation: int
    stage: str
    fraction: float


@dataclass
class ComparisonReady(Message):
    """The comparison worker finished."""

    generation: int
    comparison: Comparison


@dataclass
class ComparisonFailed(Message):
    """The comparison worker stopped: an error a person can read, or a cancellation."""

    generation: int
    reason: str
    cancelled: bool = False


@dataclass
class ComparisonEnded(Message):
    """The comparison worker's thread returned: its memory is free for the next one."""

    generation: int


@dataclass
class ExportProgress(Message):
    """The export worker reached a stage ("rendering Markdown", "writing 61.2 MB")."""

    stage: str


@dataclass
class ExportEnded(Message):
    """The export worker ended: what to tell the user, and how loudly."""

    notice: str
    severity: SeverityLevel = "information"


@dataclass
class ViewStateChanged(Message):
    """The aligned view moved its selection or changed its mode, filter, shown sources or
    focused column: the one message it posts."""

    mode: str
    label_filter: str
    hidden: frozenset[int]
    shown: tuple[int, ...]
    focused_column: int

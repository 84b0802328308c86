"""The look every dialog and panel shares: a framed box in the middle of a dimmed screen."""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType


class ParallaxModal(ModalScreen[ScreenResultType]):
    """A modal screen whose ``#dialog`` (a form) or ``#panel`` (a list or table) is framed.

    Its children get the shared parts by name: ``.title``, ``.hint``, ``#error`` (hidden while
    it has the ``-empty`` class) and a right-aligned ``#buttons`` row. A subclass states only
    what differs (size, a warning border); its rules win over these.
    """

    DEFAULT_CSS = """
    ParallaxModal {
        align: center middle;
    }
    ParallaxModal > #dialog, ParallaxModal > #panel {
        border: thick $primary;
        background: $surface;
    }
    ParallaxModal > #dialog {
        height: auto;
        padding: 1 2;
    }
    ParallaxModal > #panel {
        padding: 0 1;
    }
    ParallaxModal .title {
        text-style: bold;
    }
    ParallaxModal .hint {
        color: $text-muted;
        margin-top: 1;
    }
    ParallaxModal #error {
        color: $text-error;
        height: auto;
    }
    ParallaxModal #error.-empty {
        display: none;
    }
    ParallaxModal #buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    ParallaxModal #buttons Button {
        margin-left: 2;
    }
    """

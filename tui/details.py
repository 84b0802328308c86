"""DetailsPanel: the selected row's details, wrapped and drawn line by line."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from aligner.result.model import Comparison
from tui.details_text import details_text
from tui.scroll_range import set_scroll_range


class DetailsPanel(ScrollView, can_focus=False):
    """Shows one selection of the aligned view; the app hands it what to show.

    A Line-API widget rather than a scrolling container around a ``Static``: a new selection
    changes how tall the text is, and a container would have the screen laid out again, the
    scroll bar following a frame or two after the view. Here the text is wrapped to the
    panel's width, and the scroll bar updated, in the same turn as the view moves.
    """

    DEFAULT_CSS = """
    DetailsPanel {
        background: $panel;
        padding: 0 1;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text(end="")
        self._lines: list[Strip] = []

    def show(
        self,
        comparison: Comparison | None,
        *,
        group_id: str | None,
        sentence_id: str | None,
        notes: Mapping[str, str],
        colours: Mapping[str, str],
    ) -> None:
        """Describe the group ``group_id`` (or the non-prose line ``sentence_id``)."""
        if comparison is None:
            self._text = Text(end="")
        else:
            self._text = details_text(comparison, group_id, sentence_id, notes, colours)
        self._wrap()

    @property
    def plain_text(self) -> str:
        """What the panel says, without styles (for tests)."""
        return self._text.plain

    # ------------------------------------------------------------------ wrapping

    def _wrap(self) -> None:
        """Wrap the text to the width left beside a scroll bar when it needs one, then size the
        scroll range to it without a screen layout: the panel's own size never depends on it."""
        width, height = self.content_size
        if width <= 0 or not self.is_mounted:
            self._lines = []  # not laid out yet: its first resize wraps it
            return
        lines = self._strips(width)
        if len(lines) > height and self.styles.overflow_y != "hidden":
            lines = self._strips(max(1, width - self.styles.scrollbar_size_vertical))
        self._lines = lines
        set_scroll_range(self, Size(width, len(lines)))
        self.refresh()

    def _strips(self, width: int) -> list[Strip]:
        """The text wrapped to ``width``, each line padded to it, as a ``Static`` draws it; never
        read as markup (article text is untrusted)."""
        content = Content.from_rich_text(self._text, console=self.app.console)
        strips = Visual.to_strips(self, content, width, None, self.visual_style)
        return [strip.extend_cell_length(width, self._blank_style) for strip in strips]

    @property
    def _blank_style(self) -> Style:
        """Empty cells: the panel's background only, as the compositor pads a ``Static``."""
        return Style(bgcolor=self.visual_style.rich_style.bgcolor)

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._wrap()  # the strips hold the theme's colours

    # ------------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = round(self.scroll_y) + y
        style = self._blank_style
        if 0 <= line < len(self._lines):
            return self._lines[line].crop_extend(0, width, style)
        return Strip.blank(width, style)

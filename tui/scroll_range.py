"""The scroll range of a Line-API widget, resized without laying the screen out."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget


def set_scroll_range(view: ScrollView, size: Size) -> None:
    """Give ``view`` the virtual ``size``, its vertical scroll bar sized in the same turn.

    Assigning ``virtual_size`` lays the whole screen out again. The aligned view and the
    details panel fill the space they are given whatever they hold, so a layout is needed
    only when the scroll bar appears or goes (it takes a column); otherwise the bar is told
    the new range directly, as Textual's own OptionList does.
    """
    if size == view.virtual_size:
        return
    if not view.is_mounted:
        view.set_reactive(Widget.virtual_size, size)  # its first layout sizes the scroll bar
        return
    overflow = view.styles.overflow_y
    wants_bar = overflow == "scroll" or (
        overflow == "auto" and size.height > view.container_size.height
    )
    view.set_reactive(Widget.virtual_size, size)
    if wants_bar != view.show_vertical_scrollbar:
        # Both set here, as Textual's layout would set them: left to it, that layout would
        # find them changed and ask for a second one.
        view.show_vertical_scrollbar = wants_bar
        view.vertical_scrollbar.display = wants_bar
    if wants_bar:
        bar = view.vertical_scrollbar
        bar.window_virtual_size = size.height
        bar.window_size = view.container_size.height - view.scrollbar_size_horizontal
    view.scroll_y = view.scroll_y  # validated: kept within the new range

"""set_scroll_range: a Line-API widget's scroll range and scroll bar, through public API only."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.scroll_range import set_scroll_range

TUI = Path(__file__).resolve().parents[2] / "tui"


class Lines(ScrollView):
    DEFAULT_CSS = "Lines { height: 10; overflow-y: auto; }"

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Lines()


async def test_the_scroll_bar_follows_the_range_in_the_same_turn() -> None:
    app = Host()
    async with app.run_test(size=(40, 20)) as pilot:
        view = app.query_one(Lines)
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(view, layouts.append, immediate=True)
        set_scroll_range(view, Size(30, 30))  # the bar appears: a layout places it
        await pilot.pause()
        assert view.show_vertical_scrollbar
        view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)
        layouts.clear()
        set_scroll_range(view, Size(30, 15))  # the bar stays: sized now, no layout
        assert view.vertical_scrollbar.window_virtual_size == 15
        assert view.vertical_scrollbar.window_size == 10
        assert view.scroll_y == view.max_scroll_y == 5
        await pilot.pause()
        assert layouts == []
        set_scroll_range(view, Size(30, 4))  # the bar goes: one layout
        await pilot.pause()
        assert not view.show_vertical_scrollbar
        assert view.scroll_y == 0
        assert len(layouts) == 1
        set_scroll_range(view, Size(30, 30))  # and comes back: one layout
        await pilot.pause()
        assert view.show_vertical_scrollbar
        assert len(layouts) == 2


def test_the_reader_calls_no_private_scroll_update() -> None:
    callers = [path.name for path in TUI.rglob("*.py") if "_scroll_update(" in path.read_text()]
    assert callers == []

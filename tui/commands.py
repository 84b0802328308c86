"""ParallaxCommands: the command palette lists every action of the key table, and every theme."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from rich.style import Style as RichStyle
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.style import Style

from tui.aligned_view import AlignedView
from tui.keys import KEYS
from tui.row_layout import FILTER_COMMANDS, FILTER_NAMES
from tui.safe_text import strip_controls

PaletteCommand = tuple[str, str, Callable[[], object]]
"""(name shown, help shown, what to run)."""


class ParallaxCommands(Provider):
    """Every key-table action (keys named in the help text) plus one command per theme."""

    def _commands(self) -> Iterator[PaletteCommand]:
        app = self.app
        # The aligned view owns the moving keys; run its actions on it, not on the app.
        view = next(iter(self.screen.query(AlignedView)), None)
        for key in KEYS:
            if key.scope == "builtin":
                continue
            target = view if key.scope == "view" else app
            if target is None:
                continue
            if key.action.startswith("toggle_source"):
                yield from self._source_commands(target)
                continue
            yield key.description, f"key: {key.display}", partial(target.run_action, key.action)
            if key.action == "cycle_filter" and view is not None:
                yield from self._filter_commands(view)
        for name in sorted(app.available_themes, key=lambda n: (not n.startswith("parallax"), n)):
            yield (
                f"Theme: {name}",
                "switch theme (remembered)",
                partial(setattr, app, "theme", name),
            )

    def _filter_commands(self, view: AlignedView) -> Iterator[PaletteCommand]:
        for label_filter, name in FILTER_COMMANDS.items():
            help_text = f"filter: {FILTER_NAMES[label_filter]}"
            yield name, help_text, partial(setattr, view, "label_filter", label_filter)

    def _source_commands(self, view: object) -> Iterator[PaletteCommand]:
        comparison = getattr(self.app, "comparison", None)
        if comparison is None:
            return
        for index, article in enumerate(comparison.articles):
            key = f"key: {index + 1}" if index < 9 else "no key"
            source = strip_controls(article.source or article.title)
            name = f"Show / hide source {index + 1}: {source}"
            yield name, key, partial(view.run_action, f"toggle_source({index})")  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), callback, text=name, help=help_text)


def highlighted(matcher: Matcher, name: str) -> Content:
    """``name`` with the matched letters styled. Unlike ``Matcher.highlight`` this never reads
    ``name`` as markup: source names come from article files."""
    content = Content(name)
    style = matcher.match_style
    if isinstance(style, RichStyle):
        style = Style.from_rich_style(style)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        content = content.stylize(style, offset, offset + 1)
    return content

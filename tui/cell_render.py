"""Cached strips of the aligned view: sentence cells with gutter and highlights, gaps, header."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from aligner.result.model import Label
from tui.row_layout import GUTTER_WIDTH, styled_segments, text_width
from tui.safe_text import strip_controls
from tui.view_model import Sign, ViewModel

if TYPE_CHECKING:
    from textual.widget import Widget

GLYPHS: Mapping[Label | None, str] = {
    Label.SHARED: "=",
    Label.UNIQUE: "+",
    Label.CONTRADICTING: "!",
    None: "¶",
}
"""Gutter glyph per label, so colour is never the only signal."""
SOFT_MARK = "?"
"""Gutter glyph of a contradicting row whose conflicts are all soft (a bound against a
figure, a name spelled two ways): to check, not impossible together."""
TOLD_ELSEWHERE_MARK = "~"
"""Gutter glyph of a sentence alone in its row whose fact another source tells in another
row (a link): drawn in the shared colour, since it is not only in its source."""
PROBABLE_MARK = "≈"
"""Gutter glyph of a shared row scoring under ``SURE_ROW_SCORE``: alike, but in such rows
the sources often tell different facts. Drawn in the shared colour."""
PERHAPS_MARK = "±"
"""Gutter glyph of a sentence alone in its row with no link, but with a related sentence in
another source (aligner/match/near.py): only here as far as the comparison can tell, but
often told there too. Drawn in the unique colour."""
SIGN_GLYPHS: Mapping[Sign, str] = {
    "shared": GLYPHS[Label.SHARED],
    "probable": PROBABLE_MARK,
    "elsewhere": TOLD_ELSEWHERE_MARK,
    "only_here": GLYPHS[Label.UNIQUE],
    "perhaps": PERHAPS_MARK,
    "contradicting": GLYPHS[Label.CONTRADICTING],
    "softly": SOFT_MARK,
    "non_prose": GLYPHS[None],
}
"""Gutter glyph per sign (``ViewModel.sign``), in the order the header counts them."""
NOTE_MARK = "✎"
EARLIER_MARK = "↑"
"""Gutter mark, in the quiet gap colour, of a sentence that comes earlier in its article than
the one above it in its column (rows follow the pivot): where a note mark is not."""
GAP_MARK = "·"
PIVOT_MARK = "★"
MANY_SOURCES = "*"
"""Shown for ten sources or more in the one cell a row's source count has."""
SEPARATOR = "│"

LABEL_CLASS: Mapping[Label | None, str] = {
    Label.SHARED: "aligned-view--shared",
    Label.UNIQUE: "aligned-view--unique",
    Label.CONTRADICTING: "aligned-view--contradicting",
    None: "aligned-view--nonprose",
}

SOFT_CLASS = "aligned-view--soft"

# How a cell is highlighted beyond plain: as part of the selected row, or as the cursor.
ROW, CURSOR = "aligned-view--row", "aligned-view--cursor"
# A sentence joined to the selection by a link (told in another row): weaker than ROW.
LINKED = "aligned-view--linked"

_MATCH = "aligned-view--match"


class ComponentStyles:
    """A widget's style with a highlight blended over it and partial component styles on top;
    cached until ``clear`` (the theme or CSS changed), since resolving styles is not cheap."""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._styles: dict[tuple[str | None, ...], Style] = {}

    def __call__(self, highlight: str | None = None, *layers: str) -> Style:
        key = (highlight, *layers)
        style = self._styles.get(key)
        if style is None:
            style = self._widget.rich_style
            if highlight is not None:
                style += self._widget.get_component_rich_style(highlight)
            for layer in layers:
                style += self._widget.get_component_rich_style(layer, partial=True)
            self._styles[key] = style
        return style

    def clear(self) -> None:
        self._styles.clear()


class CellRenderer:
    """Draws the pieces of the view's lines. Strips are cached by sentence, line, width and
    highlight only, so call ``clear`` whenever notes, matches, the comparison or styles change."""

    def __init__(self, style: ComponentStyles, *, cache_size: int = 4096) -> None:
        self.style = style
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(cache_size)

    def clear(self) -> None:
        self._cache.clear()

    def empty_line(self, y: int, width: int, message: str) -> Strip:
        """Line ``y`` of the view while it has nothing to show: ``message`` on the second."""
        if y != 1:
            return Strip.blank(width, self.style())
        segment = Segment(f"  {message}", self.style("aligned-view--empty"))
        return Strip([segment]).adjust_cell_length(width, self.style())

    def content_line(self, cells: Sequence[Strip], *, layout_width: int, width: int) -> Strip:
        """Column cells side by side with separators, fitted to ``width``."""
        separator = Segment(SEPARATOR, self.style("aligned-view--separator"))
        segments: list[Segment] = []
        for k, cell in enumerate(cells):
            if k:
                segments.append(separator)
            segments.extend(cell)
        return Strip(segments, layout_width).adjust_cell_length(width, self.style())

    def blank(self, width: int, highlight: str | None) -> Strip:
        key = ("blank", width, highlight)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = Strip.blank(width, self.style(highlight))
        return strip

    def gap(self, width: int, highlight: str | None) -> Strip:
        """A row's first line in a column without a sentence: a quiet mark in the middle."""
        key = ("gap", width, highlight)
        strip = self._cache.get(key)
        if strip is None:
            base, middle = self.style(highlight), width // 2
            segments = [
                Segment(" " * middle, base),
                Segment(GAP_MARK, self.style(highlight, "aligned-view--gap")),
                Segment(" " * (width - middle - 1), base),
            ]
            strip = self._cache[key] = Strip(segments, width)
        return strip

    def sentence(
        self,
        model: ViewModel,
        sid: str,
        line: int,
        width: int,
        highlight: str | None,
        *,
        noted: bool,
        matches: Sequence[tuple[int, int]],
        earlier: bool = False,
    ) -> Strip:
        """Wrapped line ``line`` of sentence ``sid`` in a cell ``width`` wide: the gutter (label
        glyph, and note mark or ``earlier`` mark, on the first line), then the words with
        diffs and matches marked."""
        key = (sid, line, width, highlight, earlier)
        strip = self._cache.get(key)
        if strip is not None:
            return strip
        spans = model.wrap(sid, text_width(width))
        base = self.style(highlight)
        if line >= len(spans):
            strip = Strip.blank(width, base)
        else:
            label = model.labels.get(sid)
            soft = label is Label.CONTRADICTING and sid in model.soft_only
            label_class = SOFT_CLASS if soft else LABEL_CLASS[label]
            label_style = self.style(highlight, label_class)
            if line == 0:
                note = Segment(
                    NOTE_MARK if noted else " ", self.style(highlight, "aligned-view--note")
                )
                if earlier and not noted:
                    note = Segment(EARLIER_MARK, self.style(highlight, "aligned-view--gap"))
                sign = model.sign(sid)
                glyph, glyph_style = SIGN_GLYPHS[sign], label_style
                if sign == "elsewhere":
                    glyph_style = self.style(highlight, LABEL_CLASS[Label.SHARED])
                gutter = [
                    Segment(glyph, glyph_style),
                    Segment(source_count(model.tellers.get(sid, 1)), glyph_style),
                    note,
                    Segment(" ", base),
                ]
            else:
                gutter = [Segment(" " * GUTTER_WIDTH, base)]
            start, end = spans[line]
            # Matches come after diffs, so a match shows over a diff.
            marked = [
                *((s, e, f"aligned-view--{kind}") for s, e, kind in model.changes(sid)),
                *((s, e, _MATCH) for s, e in matches),
            ]
            ranges = [
                (s, e, self.style(highlight, label_class, name))
                for s, e, name in marked
                if s < end and e > start
            ]
            words = styled_segments(model.texts[sid], start, end, label_style, ranges)
            strip = Strip([*gutter, *words]).adjust_cell_length(width, base)
        self._cache[key] = strip
        return strip

    def header(
        self,
        model: ViewModel,
        y: int,
        *,
        shown: tuple[int, ...],
        widths: tuple[int, ...],
        focused_column: int,
        width: int,
    ) -> Strip:
        """Header line ``y``: source names (the focused one marked), then per-source counts."""
        key = ("header", y, focused_column, shown, widths)
        strip = self._cache.get(key)
        if strip is not None:
            return strip
        header = self.style("aligned-view--header")
        focused = self.style("aligned-view--header-focused")
        segments: list[Segment] = []
        for k, (column, column_width) in enumerate(zip(shown, widths, strict=True)):
            if k:
                segments.append(Segment(SEPARATOR, header))
            if y == 0:
                style = focused if column == focused_column else header
                cell = [Segment(source_name(model, column), style)]
            else:
                cell = self._counts(model, column)
            segments.extend(Strip(cell).adjust_cell_length(column_width, header))
        strip = Strip(segments).adjust_cell_length(width, header)
        self._cache[key] = strip
        return strip

    def _counts(self, model: ViewModel, column: int) -> list[Segment]:
        """A source's sentences counted by the signs its column shows (see ``SignCounts``)."""
        counts = model.sign_counts[column]
        header = "aligned-view--header"
        segments = [Segment(" ", self.style(header))]
        # A sign no sentence of the source has is left out: a narrow column keeps the rest.
        for sign, glyph in SIGN_GLYPHS.items():
            count = getattr(counts, sign)
            if count:
                label_class = _SIGN_CLASS.get(sign) or LABEL_CLASS[_SIGN_LABEL[sign]]
                segments.append(Segment(f"{glyph}{count} ", self.style(header, label_class)))
        return segments


# The label whose colour each sign is drawn in (a "~" sentence in the shared colour: it is
# not only in its source), and the sign with a colour of its own.
_SIGN_LABEL: Mapping[Sign, Label | None] = {
    "shared": Label.SHARED,
    "probable": Label.SHARED,
    "elsewhere": Label.SHARED,
    "only_here": Label.UNIQUE,
    "perhaps": Label.UNIQUE,
    "contradicting": Label.CONTRADICTING,
    "softly": Label.CONTRADICTING,
    "non_prose": None,
}
_SIGN_CLASS: Mapping[Sign, str] = {"softly": SOFT_CLASS}


def source_count(count: int) -> str:
    """The one cell after a row's glyph: how many sources tell it, when more than one (so
    ``=5`` of five sources reads "all agree" even with columns off-screen)."""
    if count < 2:
        return " "
    return str(count) if count < 10 else MANY_SOURCES


def source_name(model: ViewModel, column: int) -> str:
    """A column's header: its number for the 1…9 keys, its source and a star on the pivot."""
    article = model.comparison.articles[column]
    number = f"{column + 1} " if column < 9 else ""
    pivot = f" {PIVOT_MARK}" if column == model.pivot else ""
    return f" {number}{strip_controls(article.source or article.title)}{pivot}"

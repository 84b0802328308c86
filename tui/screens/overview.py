"""The sources overview: counts per source, the similarity heat table, the skipped files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color, ColorParseError
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from aligner.result.model import Comparison, Conflict
from aligner.result.summary import conflict_counts
from tui.cell_render import PERHAPS_MARK, PROBABLE_MARK, SOFT_MARK
from tui.citation import source_name
from tui.row_layout import aligned_rows
from tui.safe_text import safe_text
from tui.screens.modal import ParallaxModal
from tui.view_model import SignCounts

_LEGEND_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)
_FALLBACK_LOW = Color.parse("#202020")
_FALLBACK_HIGH = Color.parse("#0178d4")
# Long titles would push the counts off screen; the overview is a summary.
_SOURCE_WIDTH = 24
_TITLE_WIDTH = 40
_FILE_WIDTH = 30


def _shortened(text: str, width: int) -> Text:
    shown = safe_text(text)
    shown.truncate(width, overflow="ellipsis")
    return shown


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _conflicts(conflicts: Sequence[Conflict]) -> str:
    """ "3 conflicts (2 hard, 1 soft) · 1 spelling to check", as the Markdown export counts
    them (``conflict_counts``)."""
    hard, soft, spellings = conflict_counts(conflicts)
    counted = _count(hard + soft, "conflict") + (
        f" ({hard} hard, {soft} soft)" if hard + soft else ""
    )
    return counted + (f" · {_count(spellings, 'spelling')} to check" if spellings else "")


def off_story_lines(comparison: Comparison) -> Text:
    """One line per source that may be about another story, with why."""
    return Text(
        "\n".join(
            f"{source_name(comparison.article_by_id[off.article_id])}: {off.reason}."
            for off in comparison.off_story
        )
    )


def _with_weaker(count: int, weaker: int, sign: str) -> str:
    """A count with how many of it the reader draws with the weaker ``sign``: "13 (≈5)"."""
    return f"{count} ({sign}{weaker})" if weaker else str(count)


def percent(value: float) -> str:
    """A share in [0, 1] as a whole percentage, e.g. ``"42%"``."""
    return f"{round(max(0.0, min(1.0, value)) * 100)}%"


def heat_style(value: float, *, low: Color, high: Color) -> Style:
    """Background blended from ``low`` (0) to ``high`` (1), with readable text on top."""
    background = low.blend(high, max(0.0, min(1.0, value)), alpha=1.0)
    foreground = background.get_contrast_text(1.0)
    return Style(color=foreground.rich_color, bgcolor=background.rich_color)


class OverviewScreen(ParallaxModal[None]):
    """What the comparison is made of; Escape or q close it."""

    DEFAULT_CSS = """
    OverviewScreen > #panel {
        width: 95%;
        height: 95%;
    }
    OverviewScreen #body {
        height: 1fr;
    }
    OverviewScreen .section {
        text-style: bold;
        color: $text-primary;
        margin-top: 1;
    }
    OverviewScreen .note {
        color: $text-muted;
    }
    OverviewScreen DataTable {
        height: auto;
        max-height: 24;
    }
    """

    AUTO_FOCUS = "#body"  # arrows scroll the whole overview; Tab enters the tables

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(
        self, comparison: Comparison, signs: Mapping[int, SignCounts] | None = None
    ) -> None:
        """``signs``: each source's sentences by the sign the reader draws (by column), so
        the counts can say how many of them are only maybe shared, perhaps only here, or
        softly contradicting, as the column headers do."""
        super().__init__()
        self._comparison = comparison
        self._signs = signs or {}

    def compose(self) -> ComposeResult:
        with Vertical(id="panel"):
            yield Static("Sources overview", classes="title", markup=False)
            yield Static(self._summary(), id="summary", classes="note")
            yield from self._sections()
        yield Footer()

    def _sections(self) -> ComposeResult:
        comparison = self._comparison
        with VerticalScroll(id="body"):
            yield Static("Sources", classes="section", markup=False)
            yield self._sources_table()
            if comparison.off_story:
                yield Static("May be about another story", classes="section", markup=False)
                yield Static(off_story_lines(comparison), id="off-story", classes="note")
            yield Static("Similarity", classes="section", markup=False)
            yield Static(
                "Share of the row source's prose sentences that have a counterpart in the "
                "column source.",
                classes="note",
                markup=False,
            )
            yield DataTable(id="similarity", cursor_type="none", cell_padding=0)
            yield Static(id="legend")
            yield Static("Skipped files", classes="section", markup=False)
            if comparison.skipped:
                yield self._skipped_table()
            else:
                yield Static("No files skipped.", id="no-skipped", markup=False)
            if comparison.notices:
                yield Static("Repaired files", classes="section", markup=False)
                yield self._file_table(
                    "repaired",
                    "What was repaired",
                    [(n.path, n.message) for n in comparison.notices],
                )

    def on_mount(self) -> None:
        # The heat colours come from the theme, so follow it when it changes.
        self.watch(self.app, "theme", self._fill_similarity, init=True)

    def action_close(self) -> None:
        self.dismiss(None)

    def _summary(self) -> Text:
        comparison = self._comparison
        parts = [
            _count(len(comparison.articles), "source"),
            # As the status line counts them: headings and captions have rows of their own.
            f"{_count(len(aligned_rows(comparison)), 'row')} ({len(comparison.groups)} compared)",
            _conflicts(comparison.conflicts),
            _count(len(comparison.skipped), "file") + " skipped",
            f"threshold {comparison.options.threshold:g}",
        ]
        return Text("  ·  ".join(parts))

    def _sources_table(self) -> DataTable[Text]:
        table: DataTable[Text] = DataTable(id="sources", cursor_type="row", zebra_stripes=True)
        # The counts come right after the source, so a narrow screen cuts titles, not them.
        numbers = ("Prose", "Shared", "Unique", "Conflicts", "Non-prose")
        table.add_column(Text("ID"), key="id")
        table.add_column(Text("Source"), key="source")
        for heading in numbers:
            table.add_column(Text(heading, justify="right"), key=heading.lower())
        table.add_column(Text("Title"), key="title")
        table.add_column(Text("File"), key="file")
        stats = {s.article_id: s for s in self._comparison.stats}
        for column, article in enumerate(self._comparison.articles):
            counts = stats.get(article.id)
            signs = self._signs.get(column)
            values = (
                (
                    str(counts.prose),
                    _with_weaker(counts.shared, signs.probable if signs else 0, PROBABLE_MARK),
                    _with_weaker(counts.unique, signs.perhaps if signs else 0, PERHAPS_MARK),
                    _with_weaker(counts.contradicting, signs.softly if signs else 0, SOFT_MARK),
                    str(counts.non_prose),
                )
                if counts
                else ("–",) * len(numbers)
            )
            table.add_row(
                safe_text(article.id),
                _shortened(article.source, _SOURCE_WIDTH),
                *(Text(v, justify="right") for v in values),
                _shortened(article.headline or "—", _TITLE_WIDTH),  # not the file name again
                _shortened(Path(article.path).name, _FILE_WIDTH),
                key=article.id,
            )
        return table

    def _skipped_table(self) -> DataTable[Text]:
        rows = [(skipped.path, skipped.reason) for skipped in self._comparison.skipped]
        return self._file_table("skipped", "Reason", rows)

    @staticmethod
    def _file_table(ident: str, heading: str, rows: list[tuple[str, str]]) -> DataTable[Text]:
        """A table of files, each with what happened to it."""
        table: DataTable[Text] = DataTable(id=ident, cursor_type="row")
        table.add_column(Text("File"), key="file")
        table.add_column(Text(heading), key="reason")
        for path, reason in rows:
            table.add_row(safe_text(path), safe_text(reason))
        return table

    def _heat_colours(self) -> tuple[Color, Color]:
        # Read the theme itself: when the theme changes, this runs before the app has
        # refreshed ``theme_variables``.
        colours = self.app.current_theme.to_color_system().generate()
        try:
            low = Color.parse(colours["surface"])
            high = Color.parse(colours["primary"])
        except (ColorParseError, KeyError):
            return _FALLBACK_LOW, _FALLBACK_HIGH
        if low.ansi is not None or high.ansi is not None or low.a < 1:
            # ANSI themes name terminal colours we cannot blend; use fixed ones.
            return _FALLBACK_LOW, _FALLBACK_HIGH
        return low, high

    def _fill_similarity(self) -> None:
        low, high = self._heat_colours()
        articles = self._comparison.articles
        similarity = self._comparison.similarity
        table = self.query_one("#similarity", DataTable)
        table.clear(columns=True)
        # ID and name under headings of their own, as in the Sources table; each figure,
        # padded as its heading is, ends under the end of its source's ID.
        table.add_column(Text(" ID "), key="id")
        table.add_column(Text("Source "), key="source")
        for article in articles:
            table.add_column(safe_text(f" {article.id:>4} "), key=article.id)
        for row in articles:
            name = _shortened(row.source, _SOURCE_WIDTH)
            name.append(" ")
            cells = [safe_text(f" {row.id} "), name]
            for column in articles:
                # The engine leaves out pairs of sources that share nothing: that is 0.
                value = similarity.get(row.id, {}).get(column.id, 0.0)
                if row.id == column.id:
                    cells.append(Text(f" {'–':>4} "))
                else:
                    style = heat_style(value, low=low, high=high)
                    cells.append(Text(f" {percent(value):>4} ", style=style))
            table.add_row(*cells, key=row.id)
        self.query_one("#legend", Static).update(self._legend(low, high))

    @staticmethod
    def _legend(low: Color, high: Color) -> Text:
        legend = Text("Legend: ")
        for step in _LEGEND_STEPS:
            legend.append(f" {percent(step):>4} ", style=heat_style(step, low=low, high=high))
        legend.append("   – : same source or no value")
        return legend

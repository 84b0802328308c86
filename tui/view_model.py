"""The aligned view's model of one comparison: safe texts, labels, rows, wraps, diffs, layouts."""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Literal

from aligner.match.trust import doubted_members
from aligner.result.model import Comparison, Label, Sentence
from tui.row_layout import (
    Counterparts,
    FilterFacts,
    LabelFilter,
    LineIndex,
    Mode,
    Row,
    aligned_rows,
    earlier_than_above,
    keep_row,
    keep_sentence,
    pivot_index,
    sentence_labels,
    text_width,
    word_changes,
    wrap_spans,
)
from tui.safe_text import strip_controls

# Layouts kept per comparison (one per mode, filter, column window and width).
MAX_KEPT_LAYOUTS = 32

Spans = tuple[tuple[int, int], ...]
"""Character ranges ``(start, end)`` of a sentence, one per wrapped line."""
Changes = tuple[tuple[int, int, str], ...]
"""Character ranges of a sentence that differ from its reference version, with their kind."""


@dataclass(frozen=True, slots=True, eq=False)
class Layout:
    """What the view scrolls through for one mode, filter and set of shown columns.

    Aligned mode fills the ``row`` fields: the rows that pass, each sentence's row and the
    rows' heights, and ``earlier``: the sentences that come earlier in their article than
    the one above them in their column (``earlier_than_above``). Reading mode fills the
    ``stream`` fields: each shown column's sentences as written, each sentence's entry and
    the entries' heights.
    """

    rows: tuple[Row, ...] = ()
    row_of: Mapping[str, int] = field(default_factory=dict)
    row_lines: LineIndex = field(default_factory=lambda: LineIndex([]))
    earlier: frozenset[str] = frozenset()
    streams: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    stream_pos: Mapping[int, Mapping[str, int]] = field(default_factory=dict)
    stream_lines: Mapping[int, LineIndex] = field(default_factory=dict)


Sign = Literal[
    "shared", "probable", "elsewhere", "only_here", "perhaps", "contradicting", "softly",
    "non_prose",
]  # fmt: skip
"""The sign a sentence is drawn with, each a field of ``SignCounts``."""


@dataclass(frozen=True, slots=True)
class SignCounts:
    """One source's sentences by the sign the reader sees, a weaker sign apart from its
    stronger one: shared in their row (``=``), maybe (``≈``), told in another row (``~``),
    only here (``+``), perhaps (``±``), contradicting (``!``), softly (``?``) and headings,
    captions, boilerplate (``¶``)."""

    shared: int
    probable: int
    elsewhere: int
    only_here: int
    perhaps: int
    contradicting: int
    softly: int
    non_prose: int


EMPTY_LAYOUT = Layout()
"""The layout with nothing to show (no comparison yet)."""


class ViewModel:
    """One comparison as the aligned view draws it: computed once per comparison, while
    wraps, diffs and layouts are made on first use and kept, so redrawing costs lookups."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        # Article text is untrusted: control characters never get as far as a strip.
        self.texts: dict[str, str] = {
            sid: strip_controls(s.text) for sid, s in comparison.sentences.items()
        }
        self.labels: dict[str, Label | None] = sentence_labels(comparison)
        # Alone in its row, but linked to a counterpart in another row at the threshold or
        # more: not "only in" its source, so it is not drawn as unique.
        self.told_elsewhere: frozenset[str] = frozenset(
            sid for sid in comparison.told_in_other_words if self.labels.get(sid) is Label.UNIQUE
        )
        # Alone, no sure link, but a close sentence in another source: "only here, perhaps".
        self.perhaps_elsewhere: frozenset[str] = frozenset(
            sid for sid in comparison.close_elsewhere if self.labels.get(sid) is Label.UNIQUE
        )
        # Members of shared rows that tell the row's fact only probably, each for itself
        # (aligner/match/trust.py): best score in the row under SURE_ROW_SCORE, or a thin
        # member no other words alike, or no sure partner left.
        doubts = {g.id: doubted_members(comparison, g) for g in comparison.groups}
        self.probable: frozenset[str] = frozenset(m for d in doubts.values() for m in d)
        self.rows = aligned_rows(comparison)
        # Members of rows whose conflicts, in the row or with another, are all soft: drawn
        # apart from hard ones, and left out by the "hard" filter.
        self.soft_only: frozenset[str] = frozenset(
            m for g in comparison.groups if comparison.softly_contradicting(g) for m in g.members
        )
        # Each sentence's position in its article, to tell where a column runs backwards.
        self.place: dict[str, int] = {sid: s.index for sid, s in comparison.sentences.items()}
        index_of = {a.id: k for k, a in enumerate(comparison.articles)}
        self.article_of: dict[str, int] = {
            sid: index_of[s.article_id] for sid, s in comparison.sentences.items()
        }
        # How many sources tell each sentence in its row: its group's size, but for a "="
        # sentence beside "≈" ones only the sure members, as the status line counts them.
        self.tellers: dict[str, int] = {
            m: len(g.members) - len(doubts[g.id]) if m not in doubts[g.id] else len(g.members)
            for g in comparison.groups
            for m in g.members
        }
        self.sign_counts: dict[int, SignCounts] = {
            column: self._sign_counts(article.sentences)
            for column, article in enumerate(comparison.articles)
        }
        self.filter_facts = FilterFacts(
            soft=self.soft_only,
            told_elsewhere=self.told_elsewhere,
            everywhere=self._told_by_every_source(),
            unsure=self._unsure(),
        )
        self.pivot = pivot_index(comparison)
        self.counterparts = Counterparts(comparison, self.rows)
        self._wraps: dict[tuple[str, int], Spans] = {}
        self._row_numbers: dict[LabelFilter, dict[int, int]] = {}
        self._changes: dict[str, Changes] = {}
        # Recently used layouts only: cycling through column windows would otherwise keep
        # every one alive and slow every later garbage collection.
        self._layouts: OrderedDict[tuple[object, ...], Layout] = OrderedDict()

    def sign(self, sid: str) -> Sign:
        """The sign sentence ``sid`` is drawn with: its label's, or the weaker or other sign
        the comparison gives it (told elsewhere, perhaps elsewhere, maybe, softly)."""
        label = self.labels.get(sid)
        if label is Label.SHARED:
            return "probable" if sid in self.probable else "shared"
        if label is Label.UNIQUE:
            if sid in self.told_elsewhere:
                return "elsewhere"
            return "perhaps" if sid in self.perhaps_elsewhere else "only_here"
        if label is Label.CONTRADICTING:
            return "softly" if sid in self.soft_only else "contradicting"
        return "non_prose"

    def _sign_counts(self, sentences: Sequence[Sentence]) -> SignCounts:
        """An article's sentences counted by the sign the reader sees on them."""
        counts: Counter[str] = Counter(self.sign(s.id) for s in sentences)
        return SignCounts(**{f.name: counts[f.name] for f in fields(SignCounts)})

    def _unsure(self) -> frozenset[str]:
        """Sentences drawn with a sign of doubt: ``≈`` (a shared row only probably one fact),
        ``±`` (only here, perhaps) and ``?`` (contradicting softly)."""
        probable = {sid for sid in self.probable if self.labels.get(sid) is Label.SHARED}
        softly = {sid for sid in self.soft_only if self.labels.get(sid) is Label.CONTRADICTING}
        return frozenset(probable | softly | self.perhaps_elsewhere)

    def _told_by_every_source(self) -> frozenset[str]:
        """Members of groups with a sentence of every article (of two or more)."""
        count = len(self.comparison.articles)
        if count < 2:
            return frozenset()
        return frozenset(
            m
            for g in self.comparison.groups
            if len({self.article_of[m] for m in g.members}) == count
            for m in g.members
        )

    def row_numbers(self, label_filter: LabelFilter) -> Mapping[int, int]:
        """Each row's number (from 1) among the rows that pass the filter over every source,
        by ``Row.order``: the same whichever sources are on screen."""
        numbers = self._row_numbers.get(label_filter)
        if numbers is None:
            every = frozenset(range(len(self.comparison.articles)))
            passing = (
                row
                for row in self.rows
                if keep_row(row, label_filter=label_filter, columns=every, facts=self.filter_facts)
            )
            numbers = self._row_numbers[label_filter] = {
                row.order: k for k, row in enumerate(passing, start=1)
            }
        return numbers

    def wrap(self, sid: str, width: int) -> Spans:
        """The lines of sentence ``sid`` wrapped to ``width`` cells."""
        key = (sid, width)
        spans = self._wraps.get(key)
        if spans is None:
            spans = self._wraps[key] = wrap_spans(self.texts[sid], width)
        return spans

    def changes(self, sid: str) -> Changes:
        """Words of ``sid`` that differ from the pivot's version (or the first version)."""
        cached = self._changes.get(sid)
        if cached is not None:
            return cached
        changes: Changes = ()
        group = self.comparison.group_of.get(sid)
        if group is not None and len(group.members) > 1:
            by_column = {self.article_of[m]: m for m in group.members}
            reference = by_column.get(self.pivot, group.members[0])
            if reference != sid:
                changes = word_changes(self.texts[reference], self.texts[sid])
        self._changes[sid] = changes
        return changes

    def stream(self, column: int, *, label_filter: LabelFilter) -> tuple[str, ...]:
        """The sentences of one article, as written, that pass the label filter."""
        return tuple(
            s.id
            for s in self.comparison.articles[column].sentences
            if keep_sentence(
                s.id, self.labels[s.id], label_filter=label_filter, facts=self.filter_facts
            )
        )

    def counterpart(self, sid: str, column: int) -> str | None:
        """The sentence of article ``column`` that stands beside ``sid`` (itself if it is there)."""
        if self.article_of.get(sid) == column:
            return sid
        return self.counterparts.counterpart(sid, column)

    def layout(
        self,
        *,
        mode: Mode,
        label_filter: LabelFilter,
        shown: tuple[int, ...],
        widths: tuple[int, ...],
    ) -> Layout:
        """The layout for these settings; kept, so toggling back and forth costs nothing."""
        key = (mode, label_filter, shown, widths)
        layout = self._layouts.get(key)
        if layout is not None:
            self._layouts.move_to_end(key)
        else:
            text_widths = {c: text_width(w) for c, w in zip(shown, widths, strict=True)}
            if mode == "aligned":
                layout = self._aligned_layout(label_filter, text_widths)
            else:
                layout = self._reading_layout(label_filter, text_widths)
            self._layouts[key] = layout
            if len(self._layouts) > MAX_KEPT_LAYOUTS:
                self._layouts.popitem(last=False)
        return layout

    def rows_passing(self, label_filter: LabelFilter, columns: Iterable[int]) -> tuple[Row, ...]:
        """The rows, in order, that pass ``label_filter`` with a sentence in one of ``columns``."""
        wanted = frozenset(columns)
        return tuple(
            row
            for row in self.rows
            if keep_row(row, label_filter=label_filter, columns=wanted, facts=self.filter_facts)
        )

    def _aligned_layout(self, label_filter: LabelFilter, text_widths: Mapping[int, int]) -> Layout:
        shown = frozenset(text_widths)
        rows = self.rows_passing(label_filter, shown)
        # A row is as tall as its tallest shown cell, so the columns stay level.
        heights = [
            max(
                (len(self.wrap(sid, text_widths[c])) for c, sid in row.cells.items() if c in shown),
                default=1,
            )
            for row in rows
        ]
        return Layout(
            rows=rows,
            row_of={sid: r for r, row in enumerate(rows) for sid in row.cells.values()},
            row_lines=LineIndex(heights),
            earlier=earlier_than_above(rows, self.place),
        )

    def _reading_layout(self, label_filter: LabelFilter, text_widths: Mapping[int, int]) -> Layout:
        streams = {c: self.stream(c, label_filter=label_filter) for c in text_widths}
        return Layout(
            streams=streams,
            stream_pos={c: {sid: e for e, sid in enumerate(ids)} for c, ids in streams.items()},
            stream_lines={
                c: LineIndex(self._entry_heights(ids, text_widths[c])) for c, ids in streams.items()
            },
        )

    def _entry_heights(self, stream: Sequence[str], width: int) -> list[int]:
        # A blank line closes each paragraph, so the article reads as the author set it out.
        sentences = self.comparison.sentences
        heights = []
        for e, sid in enumerate(stream):
            ends_paragraph = (
                e + 1 < len(stream)
                and sentences[stream[e + 1]].paragraph != sentences[sid].paragraph
            )
            heights.append(len(self.wrap(sid, width)) + ends_paragraph)
        return heights

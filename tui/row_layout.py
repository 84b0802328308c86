"""Pure helpers of the aligned view: rows, counterparts, wrapping, columns, offsets, highlights.

Nothing here imports Textual, so it is cheap to test and to run on 10k-sentence corpora.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from typing import Literal

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style

from aligner.result.model import Comparison, Group, Label

LabelFilter = Literal["all", "every", "shared", "unique", "contradicting", "hard", "check"]
FILTERS: tuple[LabelFilter, ...] = (
    "all", "every", "shared", "unique", "contradicting", "hard", "check",
)  # fmt: skip
FILTER_NAMES: Mapping[LabelFilter, str] = {
    "all": "all",
    "every": "told by every source",
    "shared": "shared",
    "unique": "told by one source only",
    "contradicting": "contradicting",
    "hard": "hard contradictions",
    "check": "to check (≈ ± ?)",
}
FILTER_COMMANDS: Mapping[LabelFilter, str] = {
    "all": "Show every row (no filter)",
    "every": "Show only what every source tells",
    "shared": "Show only what several sources tell",
    "unique": "Show only what one source says",
    "contradicting": "Show only contradictions",
    "hard": "Show only hard contradictions",
    "check": "Show only what to check: probable rows, perhaps only here, soft contradictions",
}
"""How the status line names each filter (FILTER_NAMES) and the palette offers it (here).
``every``: rows with a sentence of every source, agreeing or not; ``unique``: sentences no
other source tells, in this row or another; ``hard``: contradicting rows with at least one
hard conflict (soft ones left out); ``check``: what the reader marks unsure (``≈`` shared,
probably; ``±`` only here, perhaps; ``?`` contradicting softly)."""

Mode = Literal["aligned", "reading"]

READABLE_COLUMN = 28
"""How narrow columns may get: 23 cells of words, four or five to a line, a narrow newspaper
column. As many sources as fit at this width are shown, so a hidden source is rarer than a
narrower column (five sources beside the details panel at 160 columns: three of 30, not
two of 45)."""
NARROW_COLUMN = 24
"""How narrow columns may get to show every source of a row jumped to (80 columns: three)."""
SEPARATOR_WIDTH = 1
GUTTER_WIDTH = 4
"""Label glyph, how many sources tell it, note marker, space."""
RIGHT_PADDING = 1

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True, eq=False)
class Row:
    """One aligned row: at most one sentence per article, by article index.

    ``order`` is the row's position among all rows, so a row hidden by a filter can still be
    found by its nearest visible neighbour. ``label`` is None for a non-prose row.
    """

    key: str
    order: int
    label: Label | None
    cells: Mapping[int, str]


def sentence_labels(comparison: Comparison) -> dict[str, Label | None]:
    """The label of every sentence as the reader draws it: None for non-prose lines,
    contradicting for any sentence a conflict touches, also one with a sentence of another
    row (``Comparison.sentence_labels``: the reader looks for every disagreement, not only
    those inside a row), else its group's label."""
    labels: dict[str, Label | None] = dict.fromkeys(comparison.sentences)
    labels.update(comparison.sentence_labels)
    return labels


def row_label(comparison: Comparison, group: Group) -> Label:
    """A group's row label: contradicting when a conflict touches any member (see
    ``sentence_labels``), so ``c`` and the filters find it; else the group's label."""
    labels = comparison.sentence_labels
    if any(labels.get(member) is Label.CONTRADICTING for member in group.members):
        return Label.CONTRADICTING
    return group.label


def pivot_index(comparison: Comparison) -> int:
    """The pivot article's index, clamped to the articles that exist."""
    return comparison.options.pivot_among(len(comparison.articles))


def aligned_rows(comparison: Comparison) -> tuple[Row, ...]:
    """Groups in display order, with every source's non-prose lines (headings, captions) as
    quiet rows just before the row of the sentence that follows them in that source, so each
    source's structure shows and all of its text can be found."""
    index_of = {article.id: k for k, article in enumerate(comparison.articles)}
    sentences = comparison.sentences
    pivot = pivot_index(comparison)
    before: dict[str, list[str]] = {}
    trailing: dict[int, list[str]] = {}
    for column, article in enumerate(comparison.articles):
        pending: list[str] = []
        for sentence in article.sentences:
            if sentence.is_prose:
                if pending:
                    before[sentence.id] = pending
                    pending = []
            else:
                pending.append(sentence.id)
        if pending:
            trailing[column] = pending
    rows: list[Row] = []

    def quiet_rows(lines: Mapping[int, Sequence[str]]) -> None:
        # Line i of each source's run shares quiet row i: runs stay in order, side by side.
        for depth in range(max((len(run) for run in lines.values()), default=0)):
            cells = {c: run[depth] for c, run in sorted(lines.items()) if depth < len(run)}
            key = cells.get(pivot) or next(iter(cells.values()))
            rows.append(Row(key, len(rows), None, cells))

    for group in comparison.groups:
        cells = {index_of[sentences[sid].article_id]: sid for sid in group.members}
        quiet_rows({c: before.pop(sid) for c, sid in cells.items() if sid in before})
        rows.append(Row(group.id, len(rows), row_label(comparison, group), cells))
    # Headings whose following prose never made it into a group still belong somewhere.
    leftover: dict[int, list[str]] = {}
    for ids in before.values():
        leftover.setdefault(index_of[sentences[ids[0]].article_id], []).extend(ids)
    quiet_rows(leftover)
    quiet_rows(trailing)
    return tuple(rows)


def earlier_than_above(rows: Iterable[Row], place: Mapping[str, int]) -> frozenset[str]:
    """Sentences that come earlier in their article (``place``: a sentence's position there)
    than the sentence shown above them in their column: rows follow the pivot's order, so
    another source's column can run backwards, and the reader should see where it does."""
    above: dict[int, int] = {}
    earlier: set[str] = set()
    for row in rows:
        for column, sid in row.cells.items():
            here = place[sid]
            if here < above.get(column, here):
                earlier.add(sid)
            above[column] = here
    return frozenset(earlier)


@dataclass(frozen=True, slots=True)
class FilterFacts:
    """What the filters ask of a sentence beyond its label: its row's conflicts are all soft,
    another source tells it in another row, its row has a sentence of every source, the
    reader marks it unsure (``≈``, ``±`` or ``?``)."""

    soft: frozenset[str] = frozenset()
    told_elsewhere: frozenset[str] = frozenset()
    everywhere: frozenset[str] = frozenset()
    unsure: frozenset[str] = frozenset()


NO_FACTS = FilterFacts()


def keep_sentence(
    sid: str, label: Label | None, *, label_filter: LabelFilter, facts: FilterFacts = NO_FACTS
) -> bool:
    """Whether sentence ``sid`` with ``label`` passes the label filter."""
    if label_filter == "all":
        return True
    if label_filter == "every":
        return sid in facts.everywhere
    if label_filter == "hard":
        return label is Label.CONTRADICTING and sid not in facts.soft
    if label_filter == "check":
        return sid in facts.unsure
    if label_filter == "unique" and sid in facts.told_elsewhere:
        return False
    return label is not None and label.value == label_filter


def keep_row(
    row: Row,
    *,
    label_filter: LabelFilter,
    columns: frozenset[int],
    facts: FilterFacts = NO_FACTS,
) -> bool:
    """Whether ``row`` passes the label filter and has a sentence in a shown column."""
    return any(column in columns for column in row.cells) and any(
        keep_sentence(sid, row.label, label_filter=label_filter, facts=facts)
        for sid in row.cells.values()
    )


class Counterparts:
    """For a sentence and another article: that article's matching sentence, or the nearest
    one before it in display order (after it when there is none before)."""

    def __init__(self, comparison: Comparison, rows: Sequence[Row]) -> None:
        self._rows = rows
        self._articles = comparison.articles
        position: dict[str, int] = {}
        self._positions_of: dict[int, list[int]] = {}
        for pos, row in enumerate(rows):
            if row.label is None:
                continue  # a heading is never another sentence's counterpart
            for column, sid in row.cells.items():
                position[sid] = pos
                self._positions_of.setdefault(column, []).append(pos)
        # Headings and captions (and anything in no row) stand where the sentence after
        # them in their article stands, the one they introduce; the last ones, where the
        # sentence before them does.
        self._position: dict[str, int] = {}
        for article in comparison.articles:
            last: int | None = None
            unplaced: list[str] = []
            for sentence in article.sentences:
                here = position.get(sentence.id)
                if here is None:
                    unplaced.append(sentence.id)
                    continue
                last = here
                self._position[sentence.id] = here
                for sid in unplaced:
                    self._position[sid] = here
                unplaced = []
            if last is not None:
                for sid in unplaced:
                    self._position[sid] = last

    def position(self, sentence_id: str) -> int | None:
        """The aligned row position a sentence stands at (or borrows)."""
        return self._position.get(sentence_id)

    def counterpart(self, sentence_id: str, column: int) -> str | None:
        """The sentence of article ``column`` that best stands beside ``sentence_id``."""
        positions = self._positions_of.get(column)
        if not positions:
            sentences = self._articles[column].sentences if column < len(self._articles) else ()
            return sentences[0].id if sentences else None
        here = self._position.get(sentence_id)
        at = 0 if here is None else max(bisect_right(positions, here) - 1, 0)
        return self._rows[positions[at]].cells[column]


def wrap_spans(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """Greedy word wrap by terminal cells: ``(start, end)`` character spans, one per line.

    Whitespace at a break is dropped; a word wider than the line is cut. Always at least one
    span, so an empty sentence still takes a line.
    """
    width = max(1, width)
    measure: Callable[[str], int] = len if text.isascii() else cell_len
    spans: list[tuple[int, int]] = []
    line_start = line_end = -1
    used = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        size = measure(match.group())
        if line_start >= 0:
            gap = measure(text[line_end:start])
            if used + gap + size <= width:
                line_end, used = end, used + gap + size
                continue
            spans.append((line_start, line_end))
        if size <= width:
            line_start, line_end, used = start, end, size
            continue
        pieces = _cut_word(text, start, end, width)
        spans.extend(pieces[:-1])
        (line_start, line_end), used = pieces[-1], measure(text[pieces[-1][0] : pieces[-1][1]])
    if line_start >= 0:
        spans.append((line_start, line_end))
    return tuple(spans) or ((0, 0),)


def _cut_word(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    piece_start, used = start, 0
    for index in range(start, end):
        size = get_character_cell_size(text[index])
        if used + size > width and index > piece_start:
            pieces.append((piece_start, index))
            piece_start, used = index, 0
        used += size
    pieces.append((piece_start, end))
    return pieces


def columns_that_fit(total_width: int, *, min_width: int = READABLE_COLUMN) -> int:
    """How many columns of at least ``min_width`` cells fit side by side (at least one)."""
    return max(1, (total_width + SEPARATOR_WIDTH) // (min_width + SEPARATOR_WIDTH))


def columns_to_show(total_width: int, sources: int) -> int:
    """How many columns to lay out: as many sources as fit at ``READABLE_COLUMN`` (a hidden
    source is worse than narrower columns), at least one."""
    return max(1, min(sources, columns_that_fit(total_width)))


def column_window(
    candidates: Sequence[int],
    *,
    focused: int,
    fits: int,
    previous: Sequence[int] = (),
    pinned: int | None = None,
    wanted: Sequence[int] = (),
) -> tuple[int, ...]:
    """The columns shown, in source order: ``fits`` of the candidates. The focused one
    always; then the ``wanted`` ones (the sources of a row jumped to, the source a jump came
    from); then the ``pinned`` one (the pivot, the reference every other is read against, as
    Meld and vimdiff keep theirs) whenever two fit; the rest filled from the ``previous``
    window, so it moves as little as possible (the columns nearest the focused one kept),
    then from the focused column's neighbours."""
    if not candidates:
        return ()
    fits = max(1, min(fits, len(candidates)))
    rank = {column: k for k, column in enumerate(candidates)}
    at = rank.get(focused, 0)
    first = [candidates[at]]
    first += [c for c in wanted if c in rank]
    if fits >= 2 and pinned in rank:
        first.append(pinned)  # type: ignore[arg-type]

    def nearest_first(columns: Iterable[int]) -> list[int]:
        return sorted(columns, key=lambda c: (abs(rank[c] - at), rank[c] < at))

    first += nearest_first(c for c in previous if c in rank)
    first += nearest_first(candidates)
    chosen = list(dict.fromkeys(first))[:fits]
    return tuple(sorted(chosen, key=rank.__getitem__))


def column_widths(total_width: int, count: int) -> tuple[int, ...]:
    """Split ``total_width`` between ``count`` columns and the separators between them."""
    if count <= 0:
        return ()
    usable = max(count, total_width - SEPARATOR_WIDTH * (count - 1))
    base, extra = divmod(usable, count)
    return tuple(base + (1 if k < extra else 0) for k in range(count))


def column_at(x: int, *, columns: Sequence[int], widths: Sequence[int]) -> int | None:
    """The column under screen cell ``x`` (a separator belongs to the column on its left)."""
    left = 0
    for column, width in zip(columns, widths, strict=True):
        if left <= x < left + width + SEPARATOR_WIDTH:
            return column
        left += width + SEPARATOR_WIDTH
    return None


def text_width(column_width: int) -> int:
    """Cells left for the words once the gutter and padding are taken."""
    return max(1, column_width - GUTTER_WIDTH - RIGHT_PADDING)


def find_matches(texts: Mapping[str, str], query: str) -> dict[str, list[tuple[int, int]]]:
    """Where ``query`` occurs (literally, any case) in each text, by sentence id."""
    if not query:
        return {}
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    found = {}
    for sid, text in texts.items():
        spans = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
        if spans:
            found[sid] = spans
    return found


def styled_segments(
    text: str, start: int, end: int, style: Style, ranges: Iterable[tuple[int, int, Style]]
) -> list[Segment]:
    """Segments of ``text[start:end]`` in ``style``, with each range's style where it applies
    (later ranges win, so a search match shows over a diff)."""
    ranges = list(ranges)
    if not ranges:
        return [Segment(text[start:end], style)]
    cuts = sorted(
        {start, end, *(max(s, start) for s, _, _ in ranges), *(min(e, end) for _, e, _ in ranges)}
    )
    segments = []
    for left, right in pairwise(cuts):
        piece = style
        for s, e, extra in ranges:
            if s <= left and right <= e:
                piece = extra
        segments.append(Segment(text[left:right], piece))
    return segments


def word_changes(reference: str, text: str) -> tuple[tuple[int, int, str], ...]:
    """Ranges of ``text`` that differ from ``reference``: ``(start, end, "diff")``, and
    ``"diff-number"`` for the numbers inside a change, so they stand out most strongly."""
    # difflib and the tokeniser load only once a matched row is first drawn.
    from aligner.text.diff import is_number_token, token_spans, word_diff

    ranges: list[tuple[int, int, str]] = []
    for op in word_diff(reference, text):
        if op.kind == "equal" or op.b_end <= op.b_start:
            continue
        if not op.numeric:
            ranges.append((op.b_start, op.b_end, "diff"))
            continue
        cursor = op.b_start
        for start, end in token_spans(text[op.b_start : op.b_end]):
            start, end = start + op.b_start, end + op.b_start
            if is_number_token(text[start:end]):
                if start > cursor:
                    ranges.append((cursor, start, "diff"))
                ranges.append((start, end, "diff-number"))
                cursor = end
        if cursor < op.b_end:
            ranges.append((cursor, op.b_end, "diff"))
    return tuple(ranges)


class LineIndex:
    """Items of known heights stacked top to bottom; maps a line to (item, line in item)."""

    __slots__ = ("tops",)

    def __init__(self, heights: Sequence[int]) -> None:
        self.tops = list(accumulate(heights, initial=0))

    def __len__(self) -> int:
        return len(self.tops) - 1

    @property
    def total(self) -> int:
        return self.tops[-1]

    def top(self, item: int) -> int:
        return self.tops[item]

    def height(self, item: int) -> int:
        return self.tops[item + 1] - self.tops[item]

    def locate(self, line: int) -> tuple[int, int] | None:
        """``(item, line within the item)`` for a line, None outside every item."""
        if line < 0 or line >= self.total:
            return None
        item = bisect_right(self.tops, line) - 1
        return item, line - self.tops[item]

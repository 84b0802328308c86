"""One weak member of a shared row is marked "≈" alone: the grid, the details panel, the
status line and the "to check" filter agree (aligner/match/trust.py ``member_doubts``)."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import replace

from snapshot_apps.harness import settle, story_app
from snapshot_apps.story import story_comparison

from aligner.calibration import SURE_ROW_SCORE
from aligner.result.model import Comparison, Label
from tui.aligned_view import AlignedView
from tui.cell_render import PROBABLE_MARK
from tui.details import DetailsPanel

WEAK = SURE_ROW_SCORE - 32


def _one_weak_member() -> tuple[Comparison, str, str]:
    """The story with its three-source shared row's middle member matching the others at
    ``WEAK`` while they match each other at 97; the row's id and that member's id."""
    story = story_comparison()
    row = next(g for g in story.groups if g.label is Label.SHARED and len(g.members) == 3)
    scored = replace(row, score=WEAK, member_scores=(97.0, WEAK, 97.0))
    groups = tuple(scored if g is row else g for g in story.groups)
    return replace(story, groups=groups), row.id, row.members[1]


def _status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.query_one("#status").content)


@asynccontextmanager
async def _reader(comparison: Comparison, row: str | None = None):  # type: ignore[no-untyped-def]
    """The reader on ``comparison`` at 160x40, on ``row`` when given: (app, pilot, view)."""
    app = story_app(compare=lambda *args, **kwargs: comparison)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        while row is not None and view.selected_row.key != row:
            await pilot.press("j")
        yield app, pilot, view


async def test_the_status_line_counts_a_weak_member_as_maybe() -> None:
    comparison, row, weak = _one_weak_member()
    async with _reader(comparison, row) as (app, pilot, view):
        sure = next(m for m in comparison.group_of[weak].members if m != weak)
        view.select_sentence(sure)
        await pilot.pause()
        assert "told by 2/4 (1 more maybe)" in _status(app)
        view.select_sentence(weak)  # from the weak one's side, both others are maybe
        await pilot.pause()
        assert "told by 1/4 (2 more maybe)" in _status(app)


async def test_the_details_panel_marks_the_weak_version_alone_and_says_why() -> None:
    comparison, row, weak = _one_weak_member()
    async with _reader(comparison, row) as (app, pilot, _):
        await pilot.press("d")
        text = app.query_one(DetailsPanel).plain_text
        assert text.startswith("= Shared, 1 of 3 versions maybe another fact (≈ below)")
        names = {a.id: a.source for a in comparison.articles}
        members = comparison.group_of[weak].members
        for member in members:
            source = names[comparison.sentences[member].article_id]
            sign = PROBABLE_MARK if member == weak else "="
            line = next(line for line in text.splitlines() if line.startswith(f"{sign} {source}"))
            if member == weak:
                assert line.endswith(
                    f"best match here {WEAK:.0f}: maybe the same fact, under "
                    f"{SURE_ROW_SCORE:.0f}, sources often tell different facts"
                )
            else:
                assert line.endswith("best match here 97")


async def test_the_check_filter_shows_the_weak_member_and_not_its_partners() -> None:
    comparison, row, weak = _one_weak_member()
    async with _reader(comparison) as (_, pilot, view):
        while view.label_filter != "check":
            await pilot.press("f")
        assert row in [r.key for r in view._layout.rows]  # the row has something to check
        await pilot.press("r")  # each source as written: only the weak sentence is to check
        shown = {sid for stream in view._layout.streams.values() for sid in stream}
        assert weak in shown
        assert not shown & (set(comparison.group_of[weak].members) - {weak})


async def test_the_overview_counts_the_weaker_signs_as_the_headers_do() -> None:
    from textual.widgets import DataTable

    from aligner.result.model import Severity

    comparison, _, weak = _one_weak_member()
    soft = tuple(replace(c, severity=Severity.SOFT) for c in comparison.conflicts)
    comparison = replace(comparison, conflicts=soft)
    column = next(k for k, a in enumerate(comparison.articles) if a.id == weak.split("s")[0])
    stats = next(s for s in comparison.stats if s.article_id == comparison.articles[column].id)
    async with _reader(comparison) as (app, pilot, view):
        counts = view.sign_counts[column]
        assert counts.probable == 1 and counts.softly == stats.contradicting > 0
        await pilot.press("v")
        table = app.screen.query_one("#sources", DataTable)
        cells = [str(cell) for cell in table.get_row_at(column)]
        assert cells[3] == f"{stats.shared} ({PROBABLE_MARK}1)"
        assert cells[5] == f"{stats.contradicting} (?{stats.contradicting})"
        assert cells[4] == str(stats.unique)  # no "±" sentence: the count alone

"""Screenshots of the reader, compared with the approved SVGs in __snapshots__/.

They run on the hand-built story, so tuning the engine does not move them. Regenerate with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at every changed SVG.
"""

from __future__ import annotations

from pathlib import Path

from snapshot_apps.harness import settle, story_app
from snapshot_apps.story import build_article, build_comparison
from textual.pilot import Pilot
from textual.widgets import Input

from aligner.result.model import Label, LineKind
from tui.app import ParallaxApp
from tui.config import remember_folder, update_config
from tui.screens import FolderTree

HOSTILE = (
    "Literal [bold]x[/bold], [@click=app.quit]click[/] and [link=file:///etc/passwd]x[/link]; "
    "\x1b[31mred\x1b[0m \x1b]0;pwned title\x07 \x1b]52;c;SGVsbG8=\x07 bell\x07 back\x08space "
    "\u202eevil\u202c end."
)


async def ready(pilot: Pilot) -> None:
    """The comparison is on screen and no toast covers it."""
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_aligned_view_80x24(snap_compare) -> None:
    assert snap_compare(story_app(), press=["j", "j"], terminal_size=(80, 24), run_before=ready)


def test_aligned_view_200x50(snap_compare) -> None:
    assert snap_compare(story_app(), press=["j", "j"], terminal_size=(200, 50), run_before=ready)


def test_reading_view(snap_compare) -> None:
    assert snap_compare(
        story_app(), press=["j", "j", "r", "j", "j"], terminal_size=(140, 36), run_before=ready
    )


def test_details_panel(snap_compare) -> None:
    assert snap_compare(
        story_app(), press=["j", "j", "d"], terminal_size=(160, 40), run_before=ready
    )


def test_sources_overview(snap_compare) -> None:
    assert snap_compare(story_app(), press=["v"], terminal_size=(120, 36), run_before=ready)


def test_help_screen(snap_compare) -> None:
    assert snap_compare(story_app(), press=["f1"], terminal_size=(120, 40), run_before=ready)


def test_light_theme(snap_compare) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "parallax-light"
        await ready(pilot)

    assert snap_compare(
        story_app(), press=["j", "j", "/", *"harbour"], terminal_size=(140, 36), run_before=light
    )


def test_high_contrast_theme(snap_compare) -> None:
    async def high_contrast(pilot: Pilot) -> None:
        pilot.app.theme = "parallax-high-contrast"
        await ready(pilot)

    assert snap_compare(
        story_app(), press=["j", "j"], terminal_size=(140, 36), run_before=high_contrast
    )


def test_hostile_markup_is_rendered_literally(snap_compare) -> None:
    articles = [
        build_article(
            0, "x/[b]a[/b].txt", "[red]Wire\x1b[0m", "[bold]A[/bold]", [[(HOSTILE, LineKind.PROSE)]]
        ),
        build_article(
            1,
            "x/b.txt",
            "Plain Post",
            "B",
            [[("Officials said nothing else happened.", LineKind.PROSE)]],
        ),
    ]
    comparison = build_comparison(articles, [(Label.UNIQUE, ("a1s1",)), (Label.UNIQUE, ("a2s1",))])

    def fixed(paths=None, *, progress=None, should_stop=None, **options):
        return comparison

    assert snap_compare(
        story_app(compare=fixed), press=["d"], terminal_size=(120, 30), run_before=ready
    )


def test_help_screen_80x24(snap_compare) -> None:
    assert snap_compare(story_app(), press=["f1"], terminal_size=(80, 24), run_before=ready)


def test_note_dialog(snap_compare) -> None:
    assert snap_compare(
        story_app(),
        press=["j", "j", "a", *"Check the toll"],
        terminal_size=(100, 30),
        run_before=ready,
    )


def test_export_dialog(snap_compare, monkeypatch) -> None:
    monkeypatch.chdir("/")  # the suggested file name sits in the working folder
    assert snap_compare(story_app(), press=["e"], terminal_size=(100, 30), run_before=ready)


def test_open_folder_dialog_80x24(snap_compare, tmp_path: Path, monkeypatch) -> None:
    """Recent folders (one gone), the sample, the tree with `..`, and a typed path explained."""
    monkeypatch.chdir(tmp_path)
    for folder in ("harbour/2024-storm", "harbour/archive"):
        (tmp_path / folder).mkdir(parents=True)
    # Absolute paths that read the same on every machine: one that exists, one that does not.
    for folder in ("/no/such/folder/old-news", "/tmp"):
        update_config(lambda config, folder=folder: remember_folder(config, folder))
    # The story's own folder would be remembered at start under this machine's tmp path.
    monkeypatch.setattr(ParallaxApp, "_remember", lambda self, paths: None)

    async def typed_a_missing_folder(pilot: Pilot) -> None:
        await ready(pilot)
        await pilot.press("o")
        dialog = pilot.app.screen
        await dialog.query_one(FolderTree).reload()
        dialog.query_one("#path", Input).value = "harbour/gone"
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(story_app(), terminal_size=(80, 24), run_before=typed_a_missing_folder)


def test_notes_list(snap_compare) -> None:
    async def with_notes(pilot: Pilot) -> None:
        await ready(pilot)
        app = pilot.app
        notes = {"a1s3": "[b]29[/b] or 19? \x1b[31mask", "a2s4": "no other source says this"}
        for sid, note in notes.items():
            sentence = app.comparison.sentences[sid]
            article = app.comparison.article_by_id[sentence.article_id]
            app.notes_store.set(article.path, sentence.text, note)
        app.view.set_notes(app.notes_store.for_comparison(app.comparison))
        await pilot.press("A")
        await pilot.pause()

    assert snap_compare(story_app(), terminal_size=(100, 30), run_before=with_notes)

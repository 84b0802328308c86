"""The key table is the single source of bindings, help and palette, and every key is wired."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from snapshot_apps.harness import settle, story_app

from tui import legend
from tui.aligned_view import AlignedView
from tui.app import ParallaxApp
from tui.commands import ParallaxCommands, highlighted
from tui.keys import KEYS, bindings, help_rows, markdown_table


def _action_name(action: str) -> str:
    return action.split("(")[0]


def test_every_key_runs_an_action_that_exists_where_it_is_bound() -> None:
    for key in KEYS:
        if key.scope == "builtin":
            continue
        owner = AlignedView if key.scope == "view" else ParallaxApp
        assert hasattr(owner, f"action_{_action_name(key.action)}"), key


def test_bindings_help_and_readme_come_from_the_same_table() -> None:
    bound = {(b.key, b.action) for scope in ("app", "view") for b in bindings(scope)}
    assert ("j", "cursor_down") not in bound  # keys are bound in groups, as listed
    assert ("down,j", "cursor_down") in bound
    assert {f"toggle_source({n})" for n in range(9)} <= {action for _, action in bound}
    assert len(help_rows()) == len(KEYS)
    table = markdown_table()
    for key in KEYS:
        assert f"| `{key.display}` | {key.description} |" in table
    shown = {b.key for scope in ("app", "view") for b in bindings(scope) if b.show}
    assert {"n", "c", "f", "r", "slash"} <= shown  # the core keys are in sight
    assert len(shown) <= 9  # the footer holds the main keys only


def test_importing_the_app_does_not_load_the_engine() -> None:
    code = (
        "import sys, tui.app; "
        "print(sorted(m for m in ('numpy', 'rapidfuzz', 'nltk', 'aligner.pipeline') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


async def test_palette_lists_every_action_sources_and_themes_literally() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = ParallaxCommands(app.screen)
        names = [hit.text async for hit in provider.discover()]
        for key in KEYS:
            if key.scope != "builtin" and not key.action.startswith("toggle_source"):
                assert key.description in names
        assert "Show / hide source 3: Daily Wire" in names
        assert "Theme: parallax-high-contrast" in names
        hits = [hit async for hit in provider.search("contrad")]
        assert hits and all(hit.score > 0 for hit in hits)


def test_palette_highlight_never_reads_markup() -> None:
    from textual.fuzzy import Matcher

    content = highlighted(Matcher("src"), "Show / hide source 1: [@click=app.quit]Src[/]")
    assert content.plain == "Show / hide source 1: [@click=app.quit]Src[/]"


def test_readme_lists_exactly_the_key_table() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- keys:begin -->")[1].split("<!-- keys:end -->")[0]
    assert section.strip() == markdown_table().strip()


def test_readme_explains_exactly_the_signs_of_the_help_screen() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- signs:begin -->")[1].split("<!-- signs:end -->")[0]
    assert section.strip() == legend.markdown_table().strip()
    assert [row[1] for row in legend.help_rows()] == [sign for sign, _ in legend.SIGNS]

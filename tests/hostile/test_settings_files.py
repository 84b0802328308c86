"""Settings, notes and themes on disk that are hostile or shared: whatever a parser raises the
file is moved aside (or, for a theme, skipped) with a message and the reader starts; two
windows writing settings keep each other's changes."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from tui.config import Config, config_path, load_config, update_config, with_hidden_sources
from tui.notes import NotesStore
from tui.themes import load_themes

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPTH = 100_000
DEEP_TOML = ("x = " + "[" * DEPTH + "]" * DEPTH + "\n").encode()
DEEP_JSON = ("[" * DEPTH + "]" * DEPTH).encode()


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Settings and notes folders inside tmp_path, so no test touches the real home."""
    config, data = tmp_path / "user-config", tmp_path / "user-data"
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(config))
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(data))
    return config, data


def write(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def moved_copy(path: Path) -> Path:
    (moved,) = path.parent.glob(f"{path.name}.damaged-*")
    return moved


# -- item 7: any parser failure ------------------------------------------------------------


def test_deeply_nested_settings_are_moved_aside_with_a_message() -> None:
    path = write(config_path(), DEEP_TOML)
    config, warning = load_config()
    assert config == Config()
    assert warning is not None and "nested too deeply" in warning
    assert str(moved_copy(path)) in warning and moved_copy(path).read_bytes() == DEEP_TOML
    assert not path.exists()


def test_deeply_nested_notes_are_moved_aside_with_a_message(tmp_path: Path) -> None:
    store_path = NotesStore([tmp_path]).path
    write(store_path, DEEP_JSON)
    store = NotesStore([tmp_path])
    assert store.notes == {}
    assert store.warning is not None and "nested too deeply" in store.warning
    assert moved_copy(store_path).read_bytes() == DEEP_JSON
    store.set("a.txt", "One sentence.", "a note")  # and the store works again
    assert NotesStore([tmp_path]).get("a.txt", "One sentence.") == "a note"


def test_a_deeply_nested_user_theme_is_skipped_with_a_message(user_dirs) -> None:
    write(user_dirs[0] / "themes" / "deep.toml", DEEP_TOML)
    themes, warnings = load_themes()
    assert "parallax-dark" in {theme.name for theme in themes}
    assert [w for w in warnings if "deep.toml" in w and "nested too deeply" in w]


@pytest.mark.parametrize("error", [MemoryError(), ValueError("odd"), RuntimeError("bug")])
def test_whatever_the_toml_parser_raises_the_settings_are_moved_aside(
    error: Exception, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(config_path(), b'theme = "parallax-light"\n')

    def failing_parser(text: str) -> dict[str, object]:
        raise error

    monkeypatch.setattr(tomllib, "loads", failing_parser)
    config, warning = load_config()
    assert config == Config() and warning is not None and "moved them to" in warning
    assert moved_copy(path).exists()


def test_whatever_the_json_parser_raises_the_notes_are_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_path = NotesStore([tmp_path]).path
    write(store_path, b"{}")

    def failing_parser(text: str) -> object:
        raise MemoryError

    monkeypatch.setattr(json, "loads", failing_parser)
    store = NotesStore([tmp_path])
    assert store.warning is not None and "too large to read" in store.warning
    assert moved_copy(store_path).exists()


def test_the_reader_starts_and_shows_every_message(corpus, user_dirs) -> None:
    from tui.app import ParallaxApp

    corpus.articles()
    settings = write(config_path(), DEEP_TOML)
    write(user_dirs[0] / "themes" / "deep.toml", DEEP_TOML)
    notes = write(NotesStore([corpus.root]).path, DEEP_JSON)

    async def run() -> list[str]:
        app = ParallaxApp([corpus.root])
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert app.comparison is not None and len(app.comparison.articles) == 2
            return [n.message for n in app._notifications]

    messages = asyncio.run(run())
    assert any(str(settings) in m and "nested too deeply" in m for m in messages), messages
    assert any("deep.toml" in m and "nested too deeply" in m for m in messages), messages
    assert any(str(notes) in m and "nested too deeply" in m for m in messages), messages
    assert moved_copy(settings).exists() and moved_copy(notes).exists()


# -- item 13: an unknown theme is said, not silently replaced ------------------------------


def test_an_unknown_theme_in_the_settings_is_reported(corpus) -> None:
    from tui.app import ParallaxApp

    corpus.articles()
    write(config_path(), b'theme = "gone"\n')

    async def run() -> tuple[str, list[str]]:
        app = ParallaxApp([corpus.root])
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return app.theme, [n.message for n in app._notifications]

    theme, messages = asyncio.run(run())
    assert theme == "parallax-dark"
    assert "Theme 'gone' in settings not found; using 'parallax-dark'." in messages
    assert load_config()[0].theme == "gone", "kept for when the theme is back"


# -- item 8: two windows -------------------------------------------------------------------


def test_two_reader_windows_keep_each_others_settings(corpus) -> None:
    """Window A hides a source, then window B (started before) changes the theme."""
    from tui.app import ParallaxApp

    corpus.articles()
    window_a, window_b = ParallaxApp([corpus.root]), ParallaxApp([corpus.root])

    async def hide_second_source() -> None:
        async with window_a.run_test(size=(120, 40)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("2")

    async def next_theme() -> str:
        async with window_b.run_test(size=(120, 40)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("t")
            return window_b.theme

    asyncio.run(hide_second_source())
    hidden = load_config()[0].hidden_sources
    assert len(hidden) == 1
    theme = asyncio.run(next_theme())

    config, warning = load_config()
    assert warning is None
    assert (config.theme, config.hidden_sources) == (theme, hidden)


def test_concurrent_writers_lose_no_change(tmp_path: Path) -> None:
    """Two processes each remember 40 corpora at once; all 80 end up in the file."""
    settings = tmp_path / "shared" / "config.toml"
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from tui.config import update_config, with_hidden_sources
        path, writer = Path(sys.argv[1]), sys.argv[2]
        for n in range(40):
            update_config(lambda c: with_hidden_sources(c, f"{writer}{n}", ["x.txt"]), path)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    writers = [
        subprocess.Popen([sys.executable, "-c", script, str(settings), name], env=env)
        for name in ("a", "b")
    ]
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    config, warning = load_config(settings)
    assert warning is None
    assert sorted(config.hidden_sources) == sorted(f"{w}{n}" for w in "ab" for n in range(40))


def test_an_update_changes_only_its_key_and_skips_a_write_that_changes_nothing() -> None:
    path = config_path()
    update_config(lambda c: with_hidden_sources(c, "corpus", ["a.txt"]))
    written = path.stat().st_mtime_ns
    config, _ = update_config(lambda c: with_hidden_sources(c, "corpus", ["a.txt"]))
    assert path.stat().st_mtime_ns == written
    config, _ = update_config(lambda c: with_hidden_sources(c, "corpus", []))
    assert config == Config() == load_config()[0]


def test_an_update_never_replaces_settings_it_could_not_read(monkeypatch) -> None:
    # Simulated: the tests may run as root, which reads any file.
    path = write(config_path(), b'theme = "parallax-light"\n')
    read_bytes = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    with monkeypatch.context() as patch, pytest.raises(PermissionError):
        patch.setattr(Path, "read_bytes", denied)
        update_config(lambda c: with_hidden_sources(c, "corpus", ["a.txt"]))
    assert load_config()[0] == Config(theme="parallax-light")


def test_a_theme_value_textuals_css_tokenizer_rejects_is_skipped(user_dirs) -> None:
    theme = b'name = "odd"\nprimary = "#000000"\n[variables]\nblock-cursor-text-style = "bold {"\n'
    write(user_dirs[0] / "themes" / "odd.toml", theme)
    themes, warnings = load_themes()
    assert "odd" not in {theme.name for theme in themes}
    assert [w for w in warnings if "odd.toml" in w and "'block-cursor-text-style'" in w]

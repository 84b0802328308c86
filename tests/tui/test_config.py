"""Settings: locations, forgiving reads, atomic writes, the TOML serialiser, recent folders."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path

import platformdirs
import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import config as config_module
from tui.config import (
    Config,
    config_dir,
    config_to_toml,
    corpus_key,
    data_dir,
    load_config,
    remember_folder,
    save_config,
    update_config,
    with_source_name,
)

REPO = Path(__file__).resolve().parents[2]


def test_directories_follow_the_environment(user_dirs: tuple[Path, Path]) -> None:
    assert (config_dir(), data_dir()) == user_dirs


def test_directories_default_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARALLAX_CONFIG_DIR")
    monkeypatch.delenv("PARALLAX_DATA_DIR")
    assert config_dir() == Path(platformdirs.user_config_dir("parallax", appauthor=False))
    assert data_dir() == Path(platformdirs.user_data_dir("parallax", appauthor=False))


def test_missing_file_gives_defaults_without_warning() -> None:
    assert load_config() == (Config(), None)


def test_save_then_load_round_trips_and_creates_the_folder(user_dirs: tuple[Path, Path]) -> None:
    config = Config(
        theme="parallax-light",
        recent_folders=['/tmp/with "quotes"', "C:\\Users\\me\\news", "/tmp/tab\there"],
        hidden_sources={"0123456789abcdef": ["/a/b.txt", "/a/c d.txt"], "key.with.dots": []},
        view="reading",
    )
    save_config(config)
    path = user_dirs[0] / "config.toml"
    assert load_config() == (config, None)
    assert "threshold" not in tomllib.loads(path.read_text("utf-8"))
    # Written atomically: no temporary file is left behind.
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


def test_the_threshold_is_never_written() -> None:
    assert "threshold" not in tomllib.loads(config_to_toml(Config()))


@pytest.mark.parametrize(
    "value",
    [
        'say "hi"',
        "back\\slash\\",
        "line\nbreak\r\n",
        "tab\tand\fform\bfeed",
        "nul\x00esc\x1b[31mbel\x07del\x7f",
        "c1\x85\x9b",
        "unicode: Zelenskiy, Зеленский, 习近平, 🙂",
        "",
        "'''",
        '"""',
    ],
)
def test_strings_round_trip_and_control_characters_stay_escaped(value: str) -> None:
    config = Config(recent_folders=[value], source_names={value: {value: value or "x"}})
    text = config_to_toml(config)
    table = tomllib.loads(text)
    assert table["recent_folders"] == [value]
    assert table["source_names"] == {value: {value: value or "x"}}
    # Nothing in the file can act on a terminal it is printed to.
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text.replace("\n", ""))


_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    theme=_text.filter(str.strip),
    recent=st.lists(_text, unique=True, max_size=10),
    hidden=st.dictionaries(st.text(max_size=20), st.lists(_text, max_size=4), max_size=4),
    view=st.sampled_from(["aligned", "reading"]),
    names=st.dictionaries(
        st.text(max_size=20), st.dictionaries(_text, _text, max_size=3), max_size=3
    ),
)
def test_any_valid_config_round_trips(
    theme: str,
    recent: list[str],
    hidden: dict[str, list[str]],
    view: str,
    names: dict[str, dict[str, str]],
) -> None:
    config = Config(
        theme=theme, recent_folders=recent, hidden_sources=hidden, view=view, source_names=names
    )
    table = tomllib.loads(config_to_toml(config))
    rebuilt, problems = config_module._config_from_table(table)
    assert problems == []
    assert rebuilt == config


def test_strings_toml_cannot_hold_are_dropped_when_saving() -> None:
    config = Config(recent_folders=["/ok", "/bad\udcff"], hidden_sources={"k\udcff": ["/x"]})
    save_config(config)
    loaded, warning = load_config()
    assert warning is None
    assert loaded.recent_folders == ["/ok"]
    assert loaded.hidden_sources == {}


@pytest.mark.parametrize(
    "content",
    [b"theme = \n[[[", b"\xff\xfe\x00not utf-8", b'theme = "a"\ntheme = "b"\n'],
    ids=["not-toml", "not-utf8", "duplicate-key"],
)
def test_damaged_file_is_moved_aside_with_a_message(
    content: bytes, user_dirs: tuple[Path, Path]
) -> None:
    path = user_dirs[0] / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)

    config, warning = load_config()

    assert config == Config()
    (moved,) = path.parent.glob("config.toml.damaged-*")
    assert moved.read_bytes() == content
    assert not path.exists()
    assert warning is not None and str(path) in warning and str(moved) in warning
    # The damaged copy stays put: the next start is quiet and uses defaults.
    assert load_config() == (Config(), None)


def test_damaged_copies_never_replace_each_other(
    user_dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return datetime(2024, 5, 6, 7, 8, 9)

    monkeypatch.setattr(config_module, "datetime", FrozenClock)
    path = user_dirs[0] / "config.toml"
    path.parent.mkdir(parents=True)
    for attempt in range(3):
        path.write_bytes(b"[[[ broken %d" % attempt)
        load_config()
    names = sorted(p.name for p in path.parent.glob("config.toml.damaged-*"))
    assert names == [
        "config.toml.damaged-20240506-070809",
        "config.toml.damaged-20240506-070809-2",
        "config.toml.damaged-20240506-070809-3",
    ]


def test_wrong_values_fall_back_one_by_one(user_dirs: tuple[Path, Path]) -> None:
    path = user_dirs[0] / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        'theme = 5\nthreshold = "high"\nview = "sideways"\nrecent_folders = "/not/a/list"\n'
        'future_setting = "ignored"\n'
        "[hidden_sources]\n"
        'good = ["/a.txt"]\nbad = [1, 2]\n',
        "utf-8",
    )
    config, warning = load_config()
    assert config == Config(hidden_sources={"good": ["/a.txt"]})
    assert warning is not None
    for name in ("'theme'", "'view'", "'recent_folders'", "'hidden_sources.bad'"):
        assert name in warning
    assert "future_setting" not in warning
    assert path.exists(), "a readable file with bad values is not moved aside"


@pytest.mark.parametrize("line", ["threshold = 55", "threshold = 40.0", 'threshold = "high"'])
def test_a_threshold_remembered_by_earlier_versions_is_ignored(
    line: str, user_dirs: tuple[Path, Path]
) -> None:
    # One rule for the reader and `parallax export`: the engine's default unless given.
    path = user_dirs[0] / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(line + "\n", "utf-8")
    assert load_config() == (Config(), None)


def test_recent_folders_are_deduplicated_and_capped_on_load(user_dirs: tuple[Path, Path]) -> None:
    path = user_dirs[0] / "config.toml"
    path.parent.mkdir(parents=True)
    folders = ["/a", "/b", "/a", *(f"/f{i}" for i in range(12))]
    path.write_text(tomli_w.dumps({"recent_folders": folders}), "utf-8")
    config, warning = load_config()
    assert warning is None
    assert config.recent_folders == ["/a", "/b", *(f"/f{i}" for i in range(8))]


def test_unreadable_file_gives_defaults_and_is_left_alone(user_dirs: tuple[Path, Path]) -> None:
    path = user_dirs[0] / "config.toml"
    path.mkdir(parents=True)  # a folder where the file should be: reading fails
    config, warning = load_config()
    assert config == Config()
    assert warning is not None and "Could not read" in warning
    assert path.is_dir()


def test_saving_into_a_read_only_folder_raises_and_keeps_the_old_file(
    tmp_path: Path, unprivileged
) -> None:
    path = tmp_path / "ro" / "config.toml"
    save_config(Config(theme="old"), path)
    path.parent.chmod(0o500)
    script = (
        "import sys; from pathlib import Path; from tui.config import Config, save_config\n"
        "try:\n    save_config(Config(theme='new'), Path(sys.argv[1]))\n"
        "except OSError as error:\n    print('refused', error.errno)\n"
    )
    try:
        result = unprivileged("-c", script, path)
    finally:
        path.parent.chmod(0o700)
    assert result.stdout == "refused 13\n", result.stderr
    assert load_config(path)[0].theme == "old"
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


def test_remember_folder_puts_the_newest_first_without_duplicates(tmp_path: Path) -> None:
    config = Config(recent_folders=[f"/f{i}" for i in range(10)])
    updated = remember_folder(config, "/f5")
    assert updated.recent_folders[:3] == ["/f5", "/f0", "/f1"]
    assert len(updated.recent_folders) == 10
    assert config.recent_folders[0] == "/f0", "the original config is not changed"

    updated = remember_folder(updated, "/new")
    assert updated.recent_folders[0] == "/new"
    assert len(updated.recent_folders) == 10
    assert "/f9" not in updated.recent_folders


def test_remember_folder_stores_absolute_normalised_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = remember_folder(Config(), "news/./today/../today")
    config = remember_folder(config, str(tmp_path / "news" / "today"))
    assert config.recent_folders == [str(tmp_path / "news" / "today")]


def test_remember_folder_ignores_names_toml_cannot_store() -> None:
    assert remember_folder(Config(), "/bad\udcff").recent_folders == []


def test_corpus_key_ignores_order_and_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    key = corpus_key([tmp_path / "a", tmp_path / "b"])
    assert len(key) == 16 and int(key, 16) >= 0
    assert corpus_key(["b", "./a"]) == key
    assert corpus_key([str(tmp_path / "b" / ".." / "a"), "b", "a"]) == key
    assert corpus_key(["a"]) != key
    assert corpus_key(["b"]) != key
    assert corpus_key(["a"]) != corpus_key(["b"])


def test_settings_and_notes_do_not_need_textual() -> None:
    # `parallax export` reads settings and notes without loading the interface.
    code = "import sys, tui.config, tui.notes; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "False"


def test_source_names_are_kept_per_folder_and_forgotten_when_emptied() -> None:
    update_config(lambda c: with_source_name(c, "folder-a", "a/1.txt", "Herald"))
    update_config(lambda c: with_source_name(c, "folder-a", "a/2.txt", "Courier"))
    update_config(lambda c: with_source_name(c, "folder-b", "b/1.txt", "Times"))
    assert load_config()[0].source_names == {
        "folder-a": {"a/1.txt": "Herald", "a/2.txt": "Courier"},
        "folder-b": {"b/1.txt": "Times"},
    }
    update_config(lambda c: with_source_name(c, "folder-a", "a/1.txt", ""))
    update_config(lambda c: with_source_name(c, "folder-b", "b/1.txt", ""))
    assert load_config()[0].source_names == {"folder-a": {"a/2.txt": "Courier"}}


def test_wrong_source_names_are_dropped_and_said(user_dirs: tuple[Path, Path]) -> None:
    path = user_dirs[0] / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        '[source_names.good]\n"a.txt" = "Herald"\n[source_names.bad]\n"b.txt" = 5\n', "utf-8"
    )
    config, warning = load_config()
    assert config.source_names == {"good": {"a.txt": "Herald"}}
    assert warning is not None and "'source_names.bad'" in warning

"""The reader's settings file: where it lives, reading it forgivingly, writing it atomically."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from tui.atomic import write_text_atomic
from tui.file_lock import locked

APP_NAME = "parallax"
CONFIG_FILE_NAME = "config.toml"
MAX_RECENT_FOLDERS = 10
VIEWS = ("aligned", "reading")
DEFAULT_THEME = "parallax-dark"


@dataclass
class Config:
    """Everything the reader remembers between runs."""

    theme: str = DEFAULT_THEME
    recent_folders: list[str] = field(default_factory=list)  # most recent first
    hidden_sources: dict[str, list[str]] = field(default_factory=dict)  # corpus key -> paths
    view: str = "aligned"  # "aligned" | "reading"
    # corpus key -> {article path: the name the user gave its source}
    source_names: dict[str, dict[str, str]] = field(default_factory=dict)


def config_dir() -> Path:
    """Folder of the settings file and user themes (``PARALLAX_CONFIG_DIR`` overrides)."""
    override = os.environ.get("PARALLAX_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Folder of the notes (``PARALLAX_DATA_DIR`` overrides)."""
    override = os.environ.get("PARALLAX_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def corpus_key(paths: Sequence[str | Path]) -> str:
    """Stable 16-hex-digit key for a set of opened paths, whatever their order or spelling."""
    resolved = sorted({Path(p).expanduser().resolve().as_posix() for p in paths})
    # NUL cannot occur in a path, so distinct path sets never join to the same bytes;
    # surrogatepass keeps file names that are not valid UTF-8 hashable.
    joined = "\0".join(resolved).encode("utf-8", "surrogatepass")
    return hashlib.sha256(joined).hexdigest()[:16]


def move_aside_damaged(path: Path) -> Path:
    """Rename a damaged file to ``<name>.damaged-<YYYYmmdd-HHMMSS>`` and return the new path.

    Never replaces an earlier damaged copy: a numeric suffix keeps names unique.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 2
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        counter += 1
    path.rename(target)
    return target


class DamagedFile(ValueError):
    """A settings, theme or notes file whose bytes cannot be parsed; the message says why."""


def damage_reason(error: BaseException, language: str) -> str:
    """Why a file could not be parsed as ``language`` (TOML, JSON), in a few words."""
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(error, RecursionError):
        return f"{language} nested too deeply to read"
    if isinstance(error, MemoryError):
        return f"{language} too large to read"
    return f"not {language}: {error}"


def parse_toml(raw: bytes) -> dict[str, Any]:
    """The table in a TOML file's bytes; raises ``DamagedFile`` whatever goes wrong."""
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except Exception as error:  # 100,000 nested '[' raise RecursionError, not TOMLDecodeError
        raise DamagedFile(damage_reason(error, "TOML")) from None


def load_config(path: Path | None = None) -> tuple[Config, str | None]:
    """Read the settings; never raises. Returns the config and a message for the user, if any.

    A missing file gives the defaults. A file that cannot be parsed as UTF-8 TOML is moved
    aside (and the message says where). A setting with a wrong value falls back to its
    default on its own.
    """
    path = path if path is not None else config_path()
    try:
        return _read_config(path)
    except OSError as error:
        return Config(), f"Could not read settings {path} ({error}); using defaults."


def update_config(
    change: Callable[[Config], Config], path: Path | None = None
) -> tuple[Config, str | None]:
    """Apply ``change`` to the settings on disk now and write the result, under a lock.

    Another reader window may have written since this one read the file; changing only what
    this window changed keeps the other's settings. Returns the settings now on disk and, as
    ``load_config`` does, a message when the file was damaged (and moved aside) or had wrong
    values. Raises ``OSError`` (nothing written) when the file cannot be read, the lock
    cannot be had, or the folder is not writable.
    """
    path = path if path is not None else config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        current, warning = _read_config(path)
        changed = change(current)
        if changed != current:
            save_config(changed, path)
    return changed, warning


def config_path() -> Path:
    """The settings file: ``config.toml`` in the settings folder."""
    return config_dir() / CONFIG_FILE_NAME


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the settings atomically; raises ``OSError`` when the folder is not writable.

    This replaces whatever is on disk: a reader window changes settings with
    ``update_config`` instead, so that it keeps what other windows wrote.
    """
    path = path if path is not None else config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, config_to_toml(config), overwrite=True)


def _read_config(path: Path) -> tuple[Config, str | None]:
    """Like ``load_config`` but raises ``OSError`` when the file exists and cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(), None
    try:
        table = parse_toml(raw)
    except DamagedFile as error:
        return Config(), _damaged_message(path, error)
    config, problems = _config_from_table(table)
    if not problems:
        return config, None
    return config, f"Settings {path}: {'; '.join(problems)}. Using the defaults for those."


def remember_folder(config: Config, folder: str) -> Config:
    """A copy of ``config`` with ``folder`` first among the recent folders (no duplicates)."""
    absolute = os.path.normpath(os.path.abspath(os.path.expanduser(folder)))
    if not _storable(absolute):
        return dataclasses.replace(config, recent_folders=list(config.recent_folders))
    others = [f for f in config.recent_folders if f != absolute]
    return dataclasses.replace(config, recent_folders=[absolute, *others][:MAX_RECENT_FOLDERS])


def with_hidden_sources(config: Config, key: str, paths: Sequence[str]) -> Config:
    """A copy of ``config`` remembering ``paths`` as the hidden sources of corpus ``key``."""
    sources = dict(config.hidden_sources)
    if paths:
        sources[key] = list(paths)
    else:
        sources.pop(key, None)
    return dataclasses.replace(config, hidden_sources=sources)


def with_source_name(config: Config, key: str, path: str, name: str) -> Config:
    """A copy of ``config`` where corpus ``key`` calls the source at ``path`` ``name``; an
    empty name forgets it (the source is named by its file again)."""
    names = {corpus: dict(renamed) for corpus, renamed in config.source_names.items()}
    renamed = names.setdefault(key, {})
    if name:
        renamed[path] = name
    else:
        renamed.pop(path, None)
    if not renamed:
        names.pop(key)
    return dataclasses.replace(config, source_names=names)


_HEADER = "# Parallax settings, rewritten by the app. Edit them while it is closed.\n"
# tomli-w escapes C0 controls and DEL but writes tabs and C1 controls raw: legal TOML, yet a C1
# control acts on a terminal the file is printed to. It writes every string as a basic
# ("...") string, so a \uXXXX escape there reads back as the very same character.
_RAW_CONTROLS = re.compile(r"[\t\x80-\x9f]")


def config_to_toml(config: Config) -> str:
    """The TOML text of ``config``; strings TOML cannot hold (lone surrogates) are left out."""
    table: dict[str, Any] = {
        "theme": config.theme,
        "view": config.view,
        "recent_folders": _storable_strings(config.recent_folders),
    }
    hidden = {
        key: _storable_strings(paths)
        for key, paths in sorted(config.hidden_sources.items())
        if _storable(key)
    }
    if hidden:
        table["hidden_sources"] = hidden
    source_names = {
        key: {p: n for p, n in sorted(renamed.items()) if _storable(p) and _storable(n)}
        for key, renamed in sorted(config.source_names.items())
        if _storable(key)
    }
    if source_names:
        table["source_names"] = source_names
    text = tomli_w.dumps(table)
    return _HEADER + _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def _storable_strings(values: Sequence[str]) -> list[str]:
    return [value for value in values if _storable(value)]


def _storable(value: str) -> bool:
    # Undecodable file names reach Python as lone surrogates, which TOML cannot encode.
    return not any(0xD800 <= ord(c) <= 0xDFFF for c in value)


def _damaged_message(path: Path, reason: DamagedFile) -> str:
    try:
        moved = move_aside_damaged(path)
    except OSError as move_error:
        return (
            f"Settings {path} are damaged ({reason}) and could not be moved aside "
            f"({move_error}); using defaults."
        )
    return f"Settings {path} were damaged ({reason}); moved them to {moved}; using defaults."


def _config_from_table(table: dict[str, Any]) -> tuple[Config, list[str]]:
    """Build a Config from parsed TOML, replacing each wrong value by its default."""
    defaults = Config()
    problems: list[str] = []

    theme = table.get("theme", defaults.theme)
    if not isinstance(theme, str) or not theme.strip():
        problems.append("'theme' must be a theme name")
        theme = defaults.theme

    # A 'threshold' written by earlier versions is left unread: the threshold is no
    # longer remembered (the reader and `parallax export` use one default), and the score
    # it was on has changed since.

    view = table.get("view", defaults.view)
    if view not in VIEWS:
        problems.append("'view' must be 'aligned' or 'reading'")
        view = defaults.view

    recent = _string_list(table.get("recent_folders", []))
    if recent is None:
        problems.append("'recent_folders' must be a list of folder paths")
        recent = []
    recent = list(dict.fromkeys(recent))[:MAX_RECENT_FOLDERS]

    hidden_table = table.get("hidden_sources", {})
    hidden: dict[str, list[str]] = {}
    if isinstance(hidden_table, dict):
        for key, value in hidden_table.items():
            paths = _string_list(value)
            if paths is None:
                problems.append(f"'hidden_sources.{key}' must be a list of paths")
            else:
                hidden[key] = paths
    else:
        problems.append("'hidden_sources' must be a table of path lists")

    source_names = _source_names(table.get("source_names", {}), problems)
    config = Config(
        theme=theme,
        recent_folders=recent,
        hidden_sources=hidden,
        view=view,
        source_names=source_names,
    )
    return config, problems


def _source_names(table: object, problems: list[str]) -> dict[str, dict[str, str]]:
    """The ``[source_names]`` tables; a table that is not path -> name is dropped and said."""
    if not isinstance(table, dict):
        problems.append("'source_names' must be a table of tables")
        return {}
    names: dict[str, dict[str, str]] = {}
    for key, renamed in table.items():
        if isinstance(renamed, dict) and all(
            isinstance(name, str) and name for name in renamed.values()
        ):
            names[key] = dict(renamed)
        else:
            problems.append(f"'source_names.{key}' must map file paths to names")
    return names


def _string_list(value: object) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return None
    return list(value)

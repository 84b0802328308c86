"""Themes as data: ``*.toml`` files (built in and the user's) loaded into Textual ``Theme``s."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.css.tokenizer import TokenError
from textual.theme import Theme

from aligner.load.resources import shipped_dir
from tui.config import DEFAULT_THEME, DamagedFile, config_dir, parse_toml

# Colours the reader draws with, as theme variables (``$parallax-shared`` in CSS,
# ``app.theme_variables["parallax-shared"]`` in code). The first seven and the note are text
# colours; diff, diff-number, match and cursor are backgrounds drawn behind text.
LABEL_VARIABLES: tuple[str, ...] = (
    "parallax-shared",
    "parallax-unique",
    "parallax-contradicting",
    "parallax-soft",
    "parallax-nonprose",
    "parallax-diff",
    "parallax-diff-number",
    "parallax-gap",
    "parallax-note",
    "parallax-match",
    "parallax-cursor",
)

# The same colours as parallax-dark / parallax-light, for themes that do not set them
# (Textual's own themes, or a user theme that only sets the basics).
_DARK_LABELS = {
    "parallax-shared": "#7fbdea",
    "parallax-unique": "#e6c15c",
    "parallax-contradicting": "#ff7a70",
    "parallax-soft": "#e89ad6",
    "parallax-nonprose": "#a0a8b5",
    "parallax-diff": "#4a3f1c",
    "parallax-diff-number": "#6b2a2a",
    "parallax-gap": "#8b93a0",
    "parallax-note": "#c9a0ff",
    "parallax-match": "#1f5260",
    "parallax-cursor": "#2b3445",
}
_LIGHT_LABELS = {
    "parallax-shared": "#0b5cad",
    "parallax-unique": "#8a5a00",
    "parallax-contradicting": "#b3261e",
    "parallax-soft": "#8e2f7a",
    "parallax-nonprose": "#5f6670",
    "parallax-diff": "#f7e3a1",
    "parallax-diff-number": "#f6c2bb",
    "parallax-gap": "#737a84",
    "parallax-note": "#7a3fb8",
    "parallax-match": "#bfe4fa",
    "parallax-cursor": "#dce6f2",
}

_THEME_FIELDS = {f.name: f for f in dataclasses.fields(Theme)}
_COLOUR_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
_BOOL_FIELDS = ("dark", "ansi")
_NUMBER_FIELDS = ("luminosity_spread", "text_alpha")
_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class ThemeError(ValueError):
    """A theme file that cannot be used, with a message naming the file and the problem."""


def themes_dir() -> Path:
    """Folder of the built-in ``*.toml`` theme files (the reader's, so not the engine's)."""
    return shipped_dir("tui", "themes")


def default_label_variables(dark: bool) -> dict[str, str]:
    """Label colours for a theme that does not define them (for ``get_theme_variable_defaults``)."""
    return dict(_DARK_LABELS if dark else _LIGHT_LABELS)


def theme_to_start(
    wanted: str, available: Collection[str], default: str = DEFAULT_THEME
) -> tuple[str, str | None]:
    """``wanted`` when it is among ``available``, else the default and a message saying so
    (a user theme that was deleted or failed to load must not be replaced silently)."""
    if wanted in available:
        return wanted, None
    fallback = default if default in available else "textual-dark"
    return fallback, f"Theme {wanted!r} in settings not found; using {fallback!r}."


def load_theme_file(path: Path) -> Theme:
    """A ``Theme`` from a TOML file whose keys are ``Theme`` arguments; raises ``ThemeError``."""
    try:
        data = parse_toml(path.read_bytes())
    except OSError as error:
        raise ThemeError(f"{path}: cannot be read ({error})") from None
    except DamagedFile as error:
        raise ThemeError(f"{path}: {error}") from None
    problem = _problem_with(data)
    if problem:
        raise ThemeError(f"{path}: {problem}")
    theme = Theme(**data)
    try:
        # Overrides of derived colours (e.g. background-darken-1) are only parsed here.
        theme.to_color_system().generate()
    except Exception as error:  # ColorParseError, ValueError for NaN: a user file, never fatal
        raise ThemeError(f"{path}: {error}") from None
    problem = _css_variable_problem(theme)
    if problem:
        raise ThemeError(f"{path}: {problem}")
    return theme


def load_themes(*, user_dir: Path | None = None) -> tuple[list[Theme], list[str]]:
    """Built-in themes, then the user's (which may replace a built-in of the same name).

    Returns the themes in registration order and one message per file that was skipped.
    """
    user_dir = user_dir if user_dir is not None else config_dir() / "themes"
    builtin, builtin_warnings = _load_folder(themes_dir())
    user, user_warnings = _load_folder(user_dir)
    return builtin + user, builtin_warnings + user_warnings


def _load_folder(folder: Path) -> tuple[list[Theme], list[str]]:
    themes: list[Theme] = []
    warnings: list[str] = []
    seen: dict[str, Path] = {}
    for path in _theme_files(folder):
        try:
            theme = load_theme_file(path)
        except ThemeError as error:
            warnings.append(f"Skipped theme {error}")
            continue
        if theme.name in seen:
            warnings.append(
                f"Theme {theme.name!r} is defined by {seen[theme.name]} and {path}; using {path}."
            )
        seen[theme.name] = path
        themes.append(theme)
    return themes, warnings


def _theme_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


def _problem_with(data: dict[str, Any]) -> str | None:
    """What is wrong with a theme table, or None."""
    unknown = sorted(set(data) - set(_THEME_FIELDS))
    if unknown:
        return f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_THEME_FIELDS))})"
    name = data.get("name")
    if not isinstance(name, str) or not _THEME_NAME.fullmatch(name):
        return "'name' must be 1-64 letters, digits, '-', '_' or '.'"
    if "primary" not in data:
        return "'primary' is required"
    for key in _COLOUR_FIELDS:
        if key in data and not _is_colour(data[key]):
            return f"{key!r} is not a colour: {data[key]!r}"
    for key in _BOOL_FIELDS:
        if key in data and not isinstance(data[key], bool):
            return f"{key!r} must be true or false"
    for key in _NUMBER_FIELDS:
        value = data.get(key, 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{key!r} must be a number"
    variables = data.get("variables", {})
    if not isinstance(variables, dict) or not all(isinstance(v, str) for v in variables.values()):
        return "'variables' must be a table of strings"
    for key in LABEL_VARIABLES:
        if key in variables and not _is_colour(variables[key]):
            return f"variable {key!r} is not a colour: {variables[key]!r}"
    return None


@functools.cache
def _textual_variable_names() -> frozenset[str]:
    return frozenset(Theme(name="reference", primary="#000000").to_color_system().generate())


def _css_variable_problem(theme: Theme) -> str | None:
    """The first override of a Textual variable that its CSS cannot parse, or None.

    Textual substitutes variables into every widget's CSS when a theme is applied; a bad
    value there would stop the app, so it is caught at load time instead.
    """
    variables = theme.to_color_system().generate() | theme.variables
    for name in sorted(theme.variables.keys() & _textual_variable_names()):
        css_property = "text-style" if name.endswith("style") else "color"
        sheet = Stylesheet(variables=variables)
        sheet.add_source(f"Widget {{ {css_property}: ${name}; }}", read_from=("theme", name))
        try:
            sheet.parse()
        except (StylesheetParseError, TokenError):  # TokenError: a value such as 'bold {'
            return f"variable {name!r} has a value Textual cannot use: {variables[name]!r}"
    return None


def _is_colour(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True

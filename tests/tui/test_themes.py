"""Themes: shipped files load and apply, user themes are optional and safe, colours are legible."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.theme import BUILTIN_THEMES
from textual.widgets import Static

from tui.themes import (
    LABEL_VARIABLES,
    ThemeError,
    default_label_variables,
    load_theme_file,
    load_themes,
    themes_dir,
)

SHIPPED = ("parallax-colourblind", "parallax-dark", "parallax-high-contrast", "parallax-light")
TEXT_COLOURS = (
    "parallax-shared",
    "parallax-unique",
    "parallax-contradicting",
    "parallax-soft",
    "parallax-nonprose",
    "parallax-gap",
    "parallax-note",
)
# Label colours are also drawn over the word-diff, search-match and cursor highlights.
HIGHLIGHTS = ("parallax-diff", "parallax-diff-number", "parallax-match", "parallax-cursor")
LABELS = ("parallax-shared", "parallax-unique", "parallax-contradicting", "parallax-soft")


def shipped_themes():
    themes, warnings = load_themes(user_dir=Path("/nonexistent"))
    assert warnings == []
    return {theme.name: theme for theme in themes}


# --- colour science: WCAG 2 contrast and a colour-vision-deficiency simulation ---------------


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    hex_digits = colour.lstrip("#")
    assert len(hex_digits) == 6, colour
    return int(hex_digits[0:2], 16), int(hex_digits[2:4], 16), int(hex_digits[4:6], 16)


def contrast_ratio(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        r, g, b = (_linear(c) for c in _rgb(colour))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD_MATRICES = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def lab_as_seen(colour: str, deficiency: str | None) -> tuple[float, float, float]:
    """CIELAB (D65) of ``colour`` as a person with ``deficiency`` sees it."""
    rgb = [_linear(c) for c in _rgb(colour)]
    if deficiency is not None:
        matrix = CVD_MATRICES[deficiency]
        rgb = [
            min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
        ]
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)


def test_simulation_confuses_red_and_green_for_deuteranopes() -> None:
    # Sanity check of the simulation itself: a classic confusion pair collapses.
    normal = math.dist(lab_as_seen("#d62728", None), lab_as_seen("#2ca02c", None))
    seen = math.dist(lab_as_seen("#d62728", "deuteranopia"), lab_as_seen("#2ca02c", "deuteranopia"))
    assert seen < normal / 3


# --- the shipped themes ----------------------------------------------------------------------


def test_all_shipped_themes_load_and_define_every_label_colour() -> None:
    themes = shipped_themes()
    assert sorted(themes) == list(SHIPPED)
    for theme in themes.values():
        assert set(LABEL_VARIABLES) <= set(theme.variables), theme.name
        for name in LABEL_VARIABLES:
            _rgb(theme.variables[name])  # a plain #rrggbb colour, usable as a Rich style


def test_shipped_files_match_their_theme_names() -> None:
    for path in sorted(themes_dir().glob("*.toml")):
        assert load_theme_file(path).name == path.stem


def test_light_theme_is_light_and_the_others_dark() -> None:
    themes = shipped_themes()
    assert [name for name in SHIPPED if not themes[name].dark] == ["parallax-light"]


@pytest.mark.parametrize("name", SHIPPED)
def test_text_colours_are_legible(name: str) -> None:
    theme = shipped_themes()[name]
    minimum = 4.5 if name == "parallax-high-contrast" else 3.0
    colours = {**theme.variables, "foreground": theme.foreground, "background": theme.background}
    colours["surface"] = theme.surface
    failures = []
    for text in ("foreground", *TEXT_COLOURS):
        for background in ("background", "surface", "parallax-cursor"):
            ratio = contrast_ratio(colours[text], colours[background])
            if ratio < minimum:
                failures.append(f"{text} on {background}: {ratio:.2f}")
    for text in ("foreground", *LABELS):
        for background in HIGHLIGHTS:
            ratio = contrast_ratio(colours[text], colours[background])
            if ratio < minimum:
                failures.append(f"{text} on {background}: {ratio:.2f}")
    assert failures == []


@pytest.mark.parametrize("deficiency", [None, "deuteranopia", "protanopia", "tritanopia"])
def test_colourblind_theme_keeps_the_labels_apart(deficiency: str | None) -> None:
    variables = shipped_themes()["parallax-colourblind"].variables
    for a, b in itertools.combinations(LABELS, 2):
        distance = math.dist(
            lab_as_seen(variables[a], deficiency), lab_as_seen(variables[b], deficiency)
        )
        assert distance >= 20, f"{a} vs {b} for {deficiency}: ΔE {distance:.1f}"


@pytest.mark.parametrize(
    "textual_theme", sorted(name for name, theme in BUILTIN_THEMES.items() if not theme.ansi)
)
def test_default_label_colours_suit_textual_themes(textual_theme: str) -> None:
    theme = BUILTIN_THEMES[textual_theme]
    generated = theme.to_color_system().generate()
    defaults = default_label_variables(theme.dark)
    assert set(defaults) == set(LABEL_VARIABLES)
    for text in TEXT_COLOURS:
        for background in ("background", "surface"):
            ratio = contrast_ratio(defaults[text], generated[background][:7])
            assert ratio >= 3.0, f"{text} on {textual_theme} {background}: {ratio:.2f}"


def test_default_label_variables_returns_a_fresh_copy() -> None:
    defaults = default_label_variables(True)
    defaults["parallax-shared"] = "#000000"
    assert default_label_variables(True)["parallax-shared"] != "#000000"


class ThemedApp(App[None]):
    """Uses every label variable in CSS, as the reader does."""

    CSS = "\n".join(
        f"#{name} {{ color: ${name}; background: $background; }}" for name in LABEL_VARIABLES
    )

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return default_label_variables(self.current_theme.dark)

    def compose(self) -> ComposeResult:
        for name in LABEL_VARIABLES:
            yield Static(name, id=name)


async def test_every_theme_registers_and_applies_in_an_app() -> None:
    themes = shipped_themes()
    app = ThemedApp()
    async with app.run_test() as pilot:
        for theme in themes.values():
            app.register_theme(theme)
        for name, theme in themes.items():
            app.theme = name
            await pilot.pause()
            for variable in LABEL_VARIABLES:
                assert app.theme_variables[variable] == theme.variables[variable]
            shared = app.query_one("#parallax-shared", Static)
            assert shared.styles.color.hex.lower() == theme.variables["parallax-shared"].lower()
        # Textual's own themes fall back to the defaults.
        app.theme = "textual-light"
        await pilot.pause()
        assert (
            app.theme_variables["parallax-unique"]
            == default_label_variables(False)["parallax-unique"]
        )


# --- user themes -----------------------------------------------------------------------------

GOOD_USER_THEME = """
name = "my-sepia"
dark = false
primary = "#8b5a2b"
background = "#f4ecd8"
[variables]
parallax-shared = "#204080"
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    return path


def test_user_themes_come_from_the_config_dir_after_the_built_ins(
    user_dirs: tuple[Path, Path],
) -> None:
    write(user_dirs[0] / "themes", "sepia.toml", GOOD_USER_THEME)
    write(user_dirs[0] / "themes", "dark.toml", 'name = "parallax-dark"\nprimary = "#ff00ff"\n')
    themes, warnings = load_themes()
    assert warnings == []
    names = [theme.name for theme in themes]
    assert names[: len(SHIPPED)] == list(SHIPPED)
    assert names[len(SHIPPED) :] == ["parallax-dark", "my-sepia"]
    # Registered in order, the user's "parallax-dark" replaces the built-in one.
    assert themes[-2].primary == "#ff00ff"


def test_a_missing_user_folder_is_not_a_problem(tmp_path: Path) -> None:
    themes, warnings = load_themes(user_dir=tmp_path / "nope")
    assert len(themes) == len(SHIPPED) and warnings == []


BAD_THEMES = {
    "not-toml.toml": ("name = [", "not TOML"),
    "not-utf8.toml": (b'name = "\xff"\nprimary = "#000000"\n', "not UTF-8"),
    "unknown-key.toml": ('name = "x"\nprimary = "#000000"\nprimry = "#111111"\n', "'primry'"),
    "no-primary.toml": ('name = "x"\n', "'primary' is required"),
    "bad-colour.toml": ('name = "x"\nprimary = "blurple"\n', "'primary' is not a colour"),
    "bad-name.toml": ('name = "[b]x"\nprimary = "#000000"\n', "'name'"),
    "bad-dark.toml": ('name = "x"\nprimary = "#000000"\ndark = "yes"\n', "'dark'"),
    "bad-label.toml": (
        'name = "x"\nprimary = "#000000"\n[variables]\nparallax-unique = "loud"\n',
        "'parallax-unique'",
    ),
    "bad-textual-variable.toml": (
        'name = "x"\nprimary = "#000000"\n[variables]\nfooter-key-foreground = "loud"\n',
        "'footer-key-foreground'",
    ),
    "bad-text-style.toml": (
        'name = "x"\nprimary = "#000000"\n[variables]\nblock-cursor-text-style = "wobbly"\n',
        "'block-cursor-text-style'",
    ),
    "variables-not-strings.toml": (
        'name = "x"\nprimary = "#000000"\n[variables]\nparallax-gap = 3\n',
        "'variables'",
    ),
}


@pytest.mark.parametrize("file_name", sorted(BAD_THEMES))
def test_a_bad_user_theme_is_skipped_with_a_warning(file_name: str, tmp_path: Path) -> None:
    content, expected = BAD_THEMES[file_name]
    user_dir = tmp_path / "themes"
    path = write(user_dir, file_name, content)
    write(user_dir, "sepia.toml", GOOD_USER_THEME)

    themes, warnings = load_themes(user_dir=user_dir)

    assert [theme.name for theme in themes][-1] == "my-sepia"
    assert len(themes) == len(SHIPPED) + 1
    (warning,) = warnings
    assert str(path) in warning and expected in warning
    with pytest.raises(ThemeError, match=expected.replace("[", r"\[")):
        load_theme_file(path)


def test_duplicate_user_theme_names_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", GOOD_USER_THEME)
    write(tmp_path, "b.toml", GOOD_USER_THEME.replace("#8b5a2b", "#000000"))
    themes, warnings = load_themes(user_dir=tmp_path)
    assert themes[-1].primary == "#000000"
    (warning,) = warnings
    assert "'my-sepia'" in warning and "b.toml" in warning


def test_a_user_theme_with_good_textual_variables_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "fine.toml",
        'name = "fine"\nprimary = "#000000"\n[variables]\n'
        'input-selection-background = "#81a1c1 35%"\nbutton-focus-text-style = "b reverse"\n'
        'my-own-variable = "anything at all"\n',
    )
    assert load_theme_file(path).variables["my-own-variable"] == "anything at all"


# --- what the reader draws, as drawn ------------------------------------------------------


def _hex(color: object) -> str:
    """A Rich colour (or Textual ``Color``) as #rrggbb."""
    triplet = color.get_truecolor() if hasattr(color, "get_truecolor") else color.rgb  # type: ignore[union-attr]
    return "#{:02x}{:02x}{:02x}".format(*triplet)


@pytest.mark.parametrize("name", SHIPPED)
async def test_every_line_and_label_the_reader_draws_is_visible(name: str) -> None:
    # WCAG 2.1: 4.5:1 for text (3:1 is allowed for the coloured labels, tested above),
    # 3:1 for the lines that separate the columns and panels (1.4.11).
    from snapshot_apps.harness import settle, story_app

    app = story_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.theme = name
        await pilot.press("d")  # the details panel and its border
        await pilot.pause()
        view = app.query_one("AlignedView")
        background = _hex(view.background_colors[1])
        failures = []

        def check(what: str, fg: str, bg: str, minimum: float) -> None:
            ratio = contrast_ratio(fg, bg)
            if ratio < minimum:
                failures.append(f"{what}: {fg} on {bg} is {ratio:.2f}:1")

        separator = view.get_component_rich_style("aligned-view--separator")
        check("column separator", _hex(separator.color), background, 3.0)
        header = view.get_component_rich_style("aligned-view--header")
        check("source names", _hex(header.color), _hex(header.bgcolor), 4.5)
        focused = view.get_component_rich_style("aligned-view--header-focused")
        check("focused source name", _hex(focused.color), _hex(focused.bgcolor), 4.5)
        status = app.query_one("#status")
        check("status line", _hex(status.rich_style.color), _hex(status.rich_style.bgcolor), 4.5)
        details = app.query_one("#details")
        border = details.styles.border_left[1] if not details.parent.has_class("-narrow") else None
        if border is None:
            border = details.styles.border_top[1]
        check("details border", _hex(border), background, 3.0)
    assert failures == []

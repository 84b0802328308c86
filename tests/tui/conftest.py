"""Shared fixtures for the reader's tests: isolated user folders and a hand-built comparison.

``async def`` tests (Textual pilots) run under pytest-asyncio (``asyncio_mode = "auto"``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.result.model import (
    Article,
    CompareOptions,
    Comparison,
    Conflict,
    ConflictKind,
    Group,
    Label,
    LineKind,
    Sentence,
    SkippedFile,
    SourceStats,
    article_id,
    sentence_id,
)

MARKUP_TITLE = "[bold]x[/bold]"
MARKUP_SOURCE = "[@click=app.quit]Wire"


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Config and data folders inside tmp_path, so no test touches the real home."""
    config = tmp_path / "user-config"
    data = tmp_path / "user-data"
    monkeypatch.setenv("PARALLAX_CONFIG_DIR", str(config))
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(data))
    return config, data


def _article(
    index: int, path: str, title: str, source: str, lines: list[tuple[str, LineKind]]
) -> Article:
    aid = article_id(index)
    sentences = []
    text = ""
    for number, (line, kind) in enumerate(lines):
        start = len(text)
        text += line + "\n\n"
        sentences.append(
            Sentence(
                id=sentence_id(aid, number),
                article_id=aid,
                index=number,
                text=line,
                kind=kind,
                start=start,
                end=start + len(line),
                paragraph=number,
            )
        )
    return Article(
        id=aid, path=path, title=title, source=source, text=text, sentences=tuple(sentences)
    )


def build_small_comparison() -> Comparison:
    """Three sources: one shared row, one contradiction, unique sentences, a skipped file.

    The third source's title and name carry markup that must be shown literally.
    """
    prose, heading = LineKind.PROSE, LineKind.HEADING
    a1 = _article(
        0,
        "corpus/alpha.txt",
        "Storm hits the coast",
        "Alpha News",
        [
            ("Storm hits the coast", heading),
            ("The storm killed 29 people on Tuesday.", prose),
            ("Officials opened three shelters.", prose),
        ],
    )
    a2 = _article(
        1,
        "corpus/beta.txt",
        "Coastal storm",
        "Beta Daily",
        [
            ("The storm killed 19 people on Tuesday.", prose),
            ("Officials opened three shelters overnight.", prose),
            ("Schools will stay closed.", prose),
        ],
    )
    a3 = _article(
        2,
        "corpus/[gamma].txt",
        MARKUP_TITLE,
        MARKUP_SOURCE,
        [("A reporter wrote [@click=app.quit]this[/] and \x1b]0;pwned\x07 here.", prose)],
    )
    groups = (
        Group("g1", Label.CONTRADICTING, ("a1s2", "a2s1"), 81.0),
        Group("g2", Label.SHARED, ("a1s3", "a2s2"), 90.0),
        Group("g3", Label.UNIQUE, ("a2s3",), 100.0),
        Group("g4", Label.UNIQUE, ("a3s1",), 100.0),
    )
    return Comparison(
        articles=(a1, a2, a3),
        skipped=(
            SkippedFile("corpus/photo.png", "binary file (PNG image)"),
            SkippedFile("corpus/[b]huge[/b].txt", "larger than the 5 MB limit"),
        ),
        groups=groups,
        conflicts=(Conflict("a1s2", "a2s1", ConflictKind.NUMBER, "29 vs 19 (killed)"),),
        similarity={
            "a1": {"a1": 1.0, "a2": 1.0, "a3": 0.0},
            "a2": {"a1": 2 / 3, "a2": 1.0, "a3": 0.0},
            "a3": {"a1": 0.0, "a2": 0.0, "a3": 1.0},
        },
        stats=(
            SourceStats("a1", prose=2, shared=1, unique=0, contradicting=1, non_prose=1),
            SourceStats("a2", prose=3, shared=1, unique=1, contradicting=1, non_prose=0),
            SourceStats("a3", prose=1, shared=0, unique=1, contradicting=0, non_prose=0),
        ),
        options=CompareOptions(),
    )


@pytest.fixture
def small_comparison() -> Comparison:
    return build_small_comparison()

"""A hand-built comparison of four short articles, so view tests and snapshots do not move
whenever the engine's heuristics are tuned."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

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
    article_id,
    sentence_id,
)
from aligner.result.summary import similarity_matrix, source_stats

P, H, C = LineKind.PROSE, LineKind.HEADING, LineKind.CAPTION

# Each article: (file, source, title, paragraphs of (text, kind)).
ARTICLES: tuple[tuple[str, str, str, tuple[tuple[tuple[str, LineKind], ...], ...]], ...] = (
    (
        "harbour-herald.txt",
        "Harbour Herald",
        "Storm floods the old harbour",
        (
            (("Storm floods the old harbour", H),),
            (
                (
                    "A storm flooded the old harbour district on Tuesday night, forcing 300 "
                    "residents from their homes.",
                    P,
                ),
                ("The fire brigade said 29 people were taken to hospital.", P),
            ),
            (("Boats lie on the quay after the storm. Photo: Herald", C),),
            (
                ("Mayor Ines Ruiz opened three emergency shelters in school halls.", P),
                ("The harbour wall had not been repaired since 1998.", P),
                ("Power returned to most streets by Wednesday morning.", P),
            ),
        ),
    ),
    (
        "coast-courier.txt",
        "Coast Courier",
        "Old harbour under water",
        (
            (
                (
                    "Some 300 residents had to leave their homes when a storm flooded the old "
                    "harbour district late on Tuesday.",
                    P,
                ),
                ("According to the fire brigade, 19 people were taken to hospital.", P),
                ("Mayor Ines Ruiz opened three emergency shelters in school halls.", P),
            ),
            (
                ("Insurers expect claims to pass ten million euros.", P),
                ("Power did not return to most streets until Thursday.", P),
            ),
        ),
    ),
    (
        "daily-wire.txt",
        "Daily Wire",
        "Harbour storm: what we know",
        (
            (("What we know", H),),
            (
                ("The mayor opened three shelters in school halls on Tuesday night.", P),
                ("The harbour wall had not been repaired since 1998, records show.", P),
                ("Residents criticised the slow warning.", P),
            ),
        ),
    ),
    (
        "evening-post.txt",
        "Evening Post",
        "Flood in the harbour",
        (
            (
                ("A storm flooded the harbour district on Tuesday night.", P),
                ("Twenty-nine people were taken to hospital, the fire brigade said.", P),
            ),
        ),
    ),
)

# Groups in display order (pivot: the first article), as (label, member ids).
GROUPS: tuple[tuple[Label, tuple[str, ...]], ...] = (
    (Label.SHARED, ("a1s2", "a2s1", "a4s1")),
    (Label.CONTRADICTING, ("a1s3", "a2s2", "a4s2")),
    (Label.SHARED, ("a1s5", "a2s3", "a3s2")),
    (Label.UNIQUE, ("a2s4",)),
    (Label.SHARED, ("a1s6", "a3s3")),
    (Label.CONTRADICTING, ("a1s7", "a2s5")),
    (Label.UNIQUE, ("a3s4",)),
)

CONFLICTS: tuple[Conflict, ...] = (
    Conflict("a1s3", "a2s2", ConflictKind.NUMBER, "29 vs 19 (taken to hospital)"),
    Conflict("a2s2", "a4s2", ConflictKind.NUMBER, "19 vs 29 (taken to hospital)"),
    Conflict("a1s7", "a2s5", ConflictKind.ENTITY, "Wednesday vs Thursday (power returned)"),
)

SKIPPED = (SkippedFile("photo.jpg", "not text (JPEG image)"),)


def build_article(
    index: int,
    path: str,
    source: str,
    title: str,
    paragraphs: Sequence[Sequence[tuple[str, LineKind]]],
) -> Article:
    """An Article whose text is its paragraphs, one line per sentence, blank line between."""
    aid = article_id(index)
    sentences: list[Sentence] = []
    text = ""
    for number, paragraph in enumerate(paragraphs):
        for line, kind in paragraph:
            start = len(text)
            text += line + "\n"
            sentences.append(
                Sentence(
                    sentence_id(aid, len(sentences)),
                    aid,
                    len(sentences),
                    line,
                    kind,
                    start,
                    start + len(line),
                    number,
                )
            )
        text += "\n"
    return Article(aid, path, title, source, text, tuple(sentences))


def build_comparison(
    articles: Sequence[Article],
    groups: Sequence[tuple[Label, tuple[str, ...]]],
    conflicts: Sequence[Conflict] = (),
    skipped: Sequence[SkippedFile] = (),
    options: CompareOptions | None = None,
) -> Comparison:
    """A consistent Comparison: stats and similarity derived from the groups."""
    built = tuple(
        Group(f"g{k + 1}", label, members, 100.0 if len(members) == 1 else 80.0 - k)
        for k, (label, members) in enumerate(groups)
    )
    return Comparison(
        articles=tuple(articles),
        skipped=tuple(skipped),
        groups=built,
        conflicts=tuple(conflicts),
        similarity=similarity_matrix(articles, built),
        stats=source_stats(articles, built, conflicts),
        options=options or CompareOptions(),
    )


def story_comparison(
    *, folder: str = "harbour", options: CompareOptions | None = None
) -> Comparison:
    articles = [
        build_article(k, f"{folder}/{path}", source, title, paragraphs)
        for k, (path, source, title, paragraphs) in enumerate(ARTICLES)
    ]
    return build_comparison(articles, GROUPS, CONFLICTS, SKIPPED, options)


def story_compare(
    paths: Sequence[str | Path] | None = None,
    *,
    progress: Callable[[str, float], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    **options: object,
) -> Comparison:
    """Stands in for ``aligner.pipeline.compare``: the story, with the options asked for."""
    if progress is not None:
        progress("aligning", 0.5)
    # A fixed default, so the screenshots do not follow the engine's tuning.
    settings = dataclasses.replace(CompareOptions(threshold=60.0), **options)  # type: ignore[arg-type]
    return story_comparison(options=settings)

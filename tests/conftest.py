"""Shared test fixtures: a small hand-built Comparison full of hostile text; CI exit-code hook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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
    Severity,
    SkippedFile,
    article_id,
    sentence_id,
)
from aligner.result.summary import similarity_matrix, source_stats
from aligner.text.features import sentence_features

REPO_ROOT = Path(__file__).resolve().parent.parent

P, H, C = LineKind.PROSE, LineKind.HEADING, LineKind.CAPTION

# Every piece of text below tries to break a Markdown document or a terminal in some way.
HOSTILE_ARTICLES: tuple[tuple[str, str, str, tuple[tuple[LineKind, str], ...]], ...] = (
    (
        "corpus/bbc|news.txt",
        "# Breaking | <script>alert(1)</script> *news* `now`",
        "BBC | News",
        (
            (H, "# Breaking | <script>alert(1)</script> *news* `now`"),
            (P, "The conversation went very well, said `Mr. Smith` | officials."),
            (P, "At least 29 people were killed & 3 injured [link](x)."),
            (P, "1. <html>Secret</html> ![img](y) *emph* _u_ &amp; \\ back\\slash"),
        ),
    ),
    (
        "corpus/reuters.md",
        "Reuters* report",
        "Reuters*",
        (
            (C, "Photo: ~~credit~~ <img src=x onerror=alert(1)>"),
            (P, "The conversation went very well, officials said."),
            (P, "At least 19 people were killed."),
            (P, "---\n# injected heading\n| a | b |\n|---|---|\n> quote"),
        ),
    ),
    (
        "corpus/ap.html",
        "AP",
        "[AP](http://x)",
        (
            (P, "> The conversation went very well."),
            (P, "+ $5 million & &lt;tag&gt; was pledged; see &#60;b&#62; \\| pipes || here"),
            (P, "#hashtag and trailing hashes ##"),
        ),
    ),
)

# (label, member ids, score) in display order.
HOSTILE_GROUPS: tuple[tuple[Label, tuple[str, ...], float], ...] = (
    (Label.SHARED, ("a1s2", "a2s2", "a3s1"), 81.5),
    (Label.CONTRADICTING, ("a1s3", "a2s3"), 90.25),
    (Label.UNIQUE, ("a1s4",), 100.0),
    (Label.UNIQUE, ("a2s4",), 100.0),
    (Label.UNIQUE, ("a3s2",), 100.0),
    (Label.UNIQUE, ("a3s3",), 100.0),
)

HOSTILE_CONFLICTS = (
    Conflict("a1s3", "a2s3", ConflictKind.NUMBER, "29 vs 19 (killed)"),
    # Across groups: same subject in two unique sentences; the detail is hostile too.
    Conflict("a1s4", "a3s2", ConflictKind.ENTITY, "<b>x</b> | `y` vs *z*"),
)

HOSTILE_SKIPPED = (SkippedFile("corpus/photo|<x>.png", "binary file, not text"),)


def build_article(index: int, path: str, title: str, source: str, lines) -> Article:
    """An Article whose text is its lines, one paragraph each, with true offsets."""
    aid = article_id(index)
    sentences = []
    text = ""
    for position, (kind, line) in enumerate(lines):
        if text:
            text += "\n\n"
        start = len(text)
        text += line
        sentences.append(
            Sentence(
                id=sentence_id(aid, position),
                article_id=aid,
                index=position,
                text=line,
                kind=kind,
                start=start,
                end=len(text),
                paragraph=position,
            )
        )
    return Article(aid, path, title, source, text, tuple(sentences))


def build_comparison(
    articles: Sequence[Article],
    groups: Sequence[tuple[Label, tuple[str, ...], float]],
    conflicts: Sequence[Conflict] = (),
    skipped: Sequence[SkippedFile] = (),
    *,
    options: CompareOptions | None = None,
) -> Comparison:
    """A Comparison with stats and the similarity matrix derived from ``groups``."""
    built_groups = tuple(
        Group(id=f"g{i + 1}", label=label, members=members, score=score)
        for i, (label, members, score) in enumerate(groups)
    )
    return Comparison(
        articles=tuple(articles),
        skipped=tuple(skipped),
        groups=built_groups,
        conflicts=tuple(conflicts),
        similarity=similarity_matrix(articles, built_groups),
        stats=source_stats(articles, built_groups, conflicts),
        options=options or CompareOptions(),
    )


def with_text(comparison: Comparison, sentence: str, text: str) -> Comparison:
    """``comparison`` with one sentence's text replaced (its groups and scores kept)."""
    from dataclasses import replace

    articles = tuple(
        replace(
            a,
            sentences=tuple(replace(s, text=text) if s.id == sentence else s for s in a.sentences),
        )
        for a in comparison.articles
    )
    return replace(comparison, articles=articles)


def hostile_comparison() -> Comparison:
    articles = [build_article(i, *spec) for i, spec in enumerate(HOSTILE_ARTICLES)]
    return build_comparison(articles, HOSTILE_GROUPS, HOSTILE_CONFLICTS, HOSTILE_SKIPPED)


@pytest.fixture
def comparison() -> Comparison:
    """Three articles, one shared, one contradicting and four unique groups, one skipped file."""
    return hostile_comparison()


@pytest.fixture
def notes() -> dict[str, str]:
    """User notes, deliberately not in reading order, one on a sentence that does not exist."""
    return {
        "a3s2": "check the <b>figure</b> | [source](x)",
        "a1s3": "Casualty figures differ\n# not a heading",
        "zz9": "stale note",
    }


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # A run that collects no test proves nothing; CI must not read it as a pass.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


Unprivileged = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def unprivileged() -> Unprivileged:
    """Runs ``python ARGS`` in a child bound by file permissions as any user is. CI runs as
    root, which ignores them: there the capabilities that let it (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH) are dropped from the child with setpriv, so a read-only folder or
    an unreadable file fails for it as it would for a person."""
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, and no setpriv to drop root's file powers")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        env.pop("PARALLAX_DEBUG", None)
        return subprocess.run(
            [*prefix, sys.executable, *map(str, args)],
            capture_output=True,
            text=True,
            cwd=REPO_ROOT,
            env=env,
            timeout=300,
        )

    return run


def lone_and_other(comparison: Comparison) -> tuple[str, str]:
    """A unique sentence with no close sentence elsewhere, and a prose sentence of the last
    source that is not it: a pair to link at a chosen score."""
    lone = next(
        g.members[0]
        for g in comparison.groups
        if g.label is Label.UNIQUE and g.members[0] not in comparison.near_of
    )
    other = next(s.id for s in comparison.articles[-1].prose if s.id != lone)
    return lone, other


def counterpart_details(
    check: Callable[..., Sequence[Any]],
    one: str,
    other: str,
    score: float,
    counterparts_from: float,
    kind: ConflictKind = ConflictKind.ENTITY,
) -> list[str]:
    """The details a check of counterparts (``slot_name_conflicts`` and its like: features,
    article_of, similar, counterparts_from) finds between ``one`` (source 0) and ``other``
    (source 1), scored ``score`` against each other; each must be a soft one of ``kind``."""
    features = [sentence_features(one), sentence_features(other)]
    found = check(features, [0, 1], [{1: score}, {0: score}], counterparts_from)
    for c in found:
        assert (c.a, c.b) == (0, 1)
        assert c.finding.kind is kind and c.finding.severity is Severity.SOFT
    return [c.finding.detail for c in found]


def links_of(
    texts: Sequence[str],
    clusters: Sequence[Sequence[int]],
    pairs: Any,
    article_of: Any,
    settings: CompareOptions | None = None,
) -> list[tuple[str, str]]:
    """The links ``links_across_rows`` draws between sentences ``s0``, ``s1``, ... of
    ``texts`` in rows ``clusters``, scored as ``pairs`` (a ``ScoredPairs``), as (a, b) ids."""
    from types import SimpleNamespace

    from aligner.match.counterparts import concept_terms
    from aligner.match.links import links_across_rows

    prose = [SimpleNamespace(id=f"s{k}", text=text) for k, text in enumerate(texts)]
    features = [sentence_features(text) for text in texts]
    links = links_across_rows(
        prose,  # type: ignore[arg-type]
        features,
        concept_terms(features),
        clusters,
        pairs,
        article_of,
        settings or CompareOptions(),
    )
    return [(k.a, k.b) for k in links]


def counterpart_item(anchor: str, match: str, strength: str = "strong") -> dict:
    """One gold counterpart of the cluster ``write_labelled_cluster`` writes: the sentence
    holding ``match`` reports what the one holding ``anchor`` does (GOLD.md)."""
    return {
        "cluster": "event",
        "anchor": anchor,
        "matches": [{"text": match, "strength": strength}],
    }


def write_labelled_cluster(root: Path, texts: Sequence[str], items: Sequence[dict]) -> None:
    """A gold set under ``root`` as ``../shared/data`` holds one (GOLD.md): the cluster
    ``event`` of ``dev_clusters``, its articles ``a1.txt``, ``a2.txt``, ... holding ``texts``,
    and ``gold.json`` listing ``items`` (``counterpart_item``) as its counterparts."""
    folder = root / "dev_clusters" / "event"
    folder.mkdir(parents=True)
    for number, text in enumerate(texts, start=1):
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")
    (root / "dev_clusters" / "gold.json").write_text(
        json.dumps({"counterparts": list(items)}), encoding="utf-8"
    )

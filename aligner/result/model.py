"""Frozen data model shared by the engine, the exports and the reader."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from aligner.calibration import DEFAULT_THRESHOLD
from aligner.result.pickling import pickled_by_constructor


class LineKind(StrEnum):
    """What a stretch of article text is; only PROSE takes part in alignment."""

    PROSE = "prose"
    HEADING = "heading"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"


class Label(StrEnum):
    """How a group of aligned sentences relates across sources."""

    SHARED = "shared"
    UNIQUE = "unique"
    CONTRADICTING = "contradicting"


class ConflictKind(StrEnum):
    """Why two sentences disagree."""

    NUMBER = "number"
    NEGATION = "negation"
    ANTONYM = "antonym"
    ENTITY = "entity"
    QUOTE = "quote"
    # A name written two ways by different sources (a typo, a transliteration): for a reader
    # to check, never a disagreement about the facts (``Conflict.disputes``).
    SPELLING = "spelling"


class Severity(StrEnum):
    """How sure a disagreement is: ``hard`` when both versions cannot be true as told,
    ``soft`` when they are told differently in a way a reader should check (a bound against
    a figure, a name spelled two ways)."""

    HARD = "hard"
    SOFT = "soft"


@pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Finding:
    """One reason two sentences disagree."""

    kind: ConflictKind
    detail: str
    severity: Severity = Severity.HARD


@pickled_by_constructor
@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or one non-prose line) of an article.

    ``start``/``end`` are character offsets into ``Article.text``; ``paragraph`` is the
    0-based index of the paragraph (non-empty line block) the sentence sits in.
    """

    id: str
    article_id: str
    index: int
    text: str
    kind: LineKind
    start: int
    end: int
    paragraph: int

    @property
    def is_prose(self) -> bool:
        return self.kind is LineKind.PROSE


@dataclass(frozen=True, slots=True)
class Article:
    """One loaded source: its decoded text and its sentences in reading order."""

    id: str
    path: str
    title: str
    source: str
    text: str
    sentences: tuple[Sentence, ...]

    @property
    def prose(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.is_prose)

    @property
    def headline(self) -> str | None:
        """The title the file gives or the article's own headline; None when ``title`` is
        only the file name, what it falls back to when no headline was found."""
        return None if self.title == Path(self.path).name else self.title


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that could not be loaded, with a reason a person understands."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class FileNotice:
    """A file that loaded, but not exactly as written (invalid bytes replaced, say)."""

    path: str
    message: str


@pickled_by_constructor  # worker processes send back tens of thousands (conflicts/passes.py)
@dataclass(frozen=True, slots=True)
class Conflict:
    """Two sentences from different sources that disagree, and why.

    ``detail`` is a short human sentence such as ``"29 vs 19 (killed)"``.
    """

    a: str
    b: str
    kind: ConflictKind
    detail: str
    severity: Severity = Severity.HARD

    @property
    def disputes(self) -> bool:
        """Whether the two sentences disagree about the facts, which makes them contradicting.
        A spelling does not: "Los Angles" in one outlet puts no "!" on another outlet's "Los
        Angeles", nor on the row of either; it is listed for a reader to check."""
        return self.kind is not ConflictKind.SPELLING


@pickled_by_constructor  # sent back by the thousand (aligner/stages.py)
@dataclass(frozen=True, slots=True)
class Link:
    """Two sentences of different groups that report the same fact: counterparts that could
    not share a row (a row holds one sentence per source, and one sentence often retells
    what another source says in two). ``score`` is their counterpart score (0-100)."""

    a: str
    b: str
    score: float


@dataclass(frozen=True, slots=True)
class Group:
    """Aligned sentences: at most one per article, ordered by article order.

    ``score`` (0-100) is how firmly the weakest member is held: every member's best
    counterpart score inside the group, and the lowest of those. A group formed by
    counterparts is never below the threshold that formed it; only a group that a conflict
    between facts joined can be (its members disagree rather than retell). 100 for a unique
    group. ``member_scores``: each member's best counterpart score inside the group, in
    ``members`` order (their lowest is ``score``), so one weak member does not make the
    others look weak; empty when not known, and each member is then taken at ``score``.
    """

    id: str
    label: Label
    members: tuple[str, ...]
    score: float
    member_scores: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.member_scores and len(self.member_scores) != len(self.members):
            raise ValueError(f"group {self.id}: one member score per member expected")

    @property
    def scores_of_members(self) -> tuple[float, ...]:
        """Each member's best counterpart score inside the group, in ``members`` order
        (``score`` for each when not known)."""
        return self.member_scores or (self.score,) * len(self.members)

    def member_score(self, member: str) -> float:
        """``member``'s best counterpart score inside the group (``score`` when not known)."""
        return self.scores_of_members[self.members.index(member)]


@dataclass(frozen=True, slots=True)
class SourceStats:
    """Per-article counts over prose sentences."""

    article_id: str
    prose: int
    shared: int
    unique: int
    contradicting: int
    non_prose: int


@dataclass(frozen=True, slots=True)
class OffStory:
    """A source that may be about another story than the others: it names almost no one and
    nothing they name, and almost none of its sentences has a counterpart among theirs (a
    folder of downloads often holds one such page: a related older story, a reference page)."""

    article_id: str
    names: int  # mentions of name words in its prose
    names_shared: int  # of those, mentions of a word some other source names too
    sentences: int  # its prose sentences
    sentences_shared: int  # of those, shared with another source or contradicted by one

    @property
    def reason(self) -> str:
        """Why, in words a reader checks: "0 of its 58 name mentions and 2 of its 32
        sentences are found in the other sources"."""
        return (
            f"{self.names_shared} of its {self.names} name mentions and "
            f"{self.sentences_shared} of its {self.sentences} sentences are found in the "
            "other sources"
        )


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Every knob of a comparison; keyword-only so call sites stay readable."""

    threshold: float = DEFAULT_THRESHOLD
    pivot: int = 0
    recursive: bool = False
    max_file_bytes: int = 5_000_000
    max_sentences: int = 200_000
    max_convert_seconds: float = 5.0

    def pivot_among(self, articles: int) -> int:
        """The pivot article's index among ``articles`` articles (clamped to those that exist)."""
        return min(max(self.pivot, 0), max(articles - 1, 0))


@dataclass(frozen=True)
class Comparison:
    """The result every consumer reads: articles, groups in display order, conflicts."""

    articles: tuple[Article, ...]
    skipped: tuple[SkippedFile, ...]
    groups: tuple[Group, ...]
    conflicts: tuple[Conflict, ...]
    similarity: Mapping[str, Mapping[str, float]]
    stats: tuple[SourceStats, ...]
    options: CompareOptions = field(default_factory=CompareOptions)
    links: tuple[Link, ...] = ()
    # Per sentence alone in its row with no link: the closest sentences of other sources
    # (``a`` is the lone one), for a reader to check "only in this source"
    # (aligner/match/near.py).
    near: tuple[Link, ...] = ()
    notices: tuple[FileNotice, ...] = ()  # files loaded with repairs, in path order
    # What the comparison left out to stay within its limits, for people (one line each).
    limit_notices: tuple[str, ...] = ()
    # Sources that may be about another story (aligner/match/off_story.py), in source order.
    off_story: tuple[OffStory, ...] = ()

    @cached_property
    def sentences(self) -> Mapping[str, Sentence]:
        """Every sentence of every article by id."""
        return {s.id: s for a in self.articles for s in a.sentences}

    @cached_property
    def article_by_id(self) -> Mapping[str, Article]:
        return {a.id: a for a in self.articles}

    @cached_property
    def group_of(self) -> Mapping[str, Group]:
        """The group each prose sentence belongs to, by sentence id."""
        return {m: g for g in self.groups for m in g.members}

    @cached_property
    def sentence_labels(self) -> Mapping[str, Label]:
        """Each prose sentence's label as a reader counts it (see ``sentence_labels``)."""
        return sentence_labels(self.groups, self.conflicts)

    @cached_property
    def conflicts_of(self) -> Mapping[str, tuple[Conflict, ...]]:
        """Conflicts touching each sentence, by sentence id (absent: none)."""
        return _by_sentence(self.conflicts)

    @cached_property
    def links_of(self) -> Mapping[str, tuple[Link, ...]]:
        """Links touching each sentence, by sentence id (absent: none)."""
        return _by_sentence(self.links)

    @cached_property
    def near_of(self) -> Mapping[str, tuple[Link, ...]]:
        """Each lone sentence's closest sentences of other sources, best first (absent:
        none)."""
        found: dict[str, list[Link]] = {}
        for link in self.near:
            found.setdefault(link.a, []).append(link)
        return {sid: tuple(links) for sid, links in found.items()}

    @cached_property
    def told_in_other_words(self) -> frozenset[str]:
        """Sentences with a link at or above the threshold: told in other words in another
        row (the reader's ``~``). A weaker link (two sentences each other's best, under the
        threshold) is only a close sentence, as a ``near`` one is."""
        threshold = self.options.threshold
        return frozenset(
            sid
            for sid, links in self.links_of.items()
            if any(link.score >= threshold for link in links)
        )

    @cached_property
    def close_elsewhere(self) -> frozenset[str]:
        """Sentences with a close sentence in another source but no sure link: a ``near``
        one, or links all under the threshold (the reader's ``±``)."""
        return frozenset({*self.near_of, *self.links_of} - self.told_in_other_words)

    def with_source_names(self, names: Mapping[str, str]) -> Comparison:
        """This comparison with the sources at the paths in ``names`` called by those names
        (a reader's own names for its sources); nothing else changes."""
        if not any(a.path in names and names[a.path] != a.source for a in self.articles):
            return self
        articles = tuple(
            replace(a, source=names[a.path]) if a.path in names else a for a in self.articles
        )
        return replace(self, articles=articles)

    def softly_contradicting(self, group: Group) -> bool:
        """Whether ``group``'s members are disputed only softly: every conflict touching a
        member, inside the group or with a sentence of another group, is soft (told
        differently, for the reader to check), and there is one."""
        touching = [c for m in group.members for c in self.conflicts_of.get(m, ()) if c.disputes]
        return bool(touching) and all(c.severity is Severity.SOFT for c in touching)

    def group_conflicts(self, group: Group) -> tuple[Conflict, ...]:
        """Conflicts between two members of ``group``."""
        members = set(group.members)
        return tuple(c for c in self.conflicts if c.a in members and c.b in members)


def sentence_labels(groups: Sequence[Group], conflicts: Sequence[Conflict]) -> dict[str, Label]:
    """Each prose sentence's label as a reader counts it: its group's, but contradicting
    for any sentence a conflict disputing the facts touches (``Conflict.disputes``), also one
    with a sentence of another group (the same fact told with another figure in a sentence
    that did not align)."""
    disputed = {side for c in conflicts if c.disputes for side in (c.a, c.b)}
    return {m: Label.CONTRADICTING if m in disputed else g.label for g in groups for m in g.members}


_Pair = TypeVar("_Pair", Conflict, Link)


def _by_sentence(pairs: Sequence[_Pair]) -> dict[str, tuple[_Pair, ...]]:
    """Each pair under both of its sentences' ids, in the pairs' order."""
    found: dict[str, list[_Pair]] = {}
    for pair in pairs:
        found.setdefault(pair.a, []).append(pair)
        found.setdefault(pair.b, []).append(pair)
    return {k: tuple(v) for k, v in found.items()}


def article_id(index: int) -> str:
    """Stable article id from its position in natural sort order."""
    return f"a{index + 1}"


def sentence_id(article: str, index: int) -> str:
    """Stable sentence id, unique across a comparison."""
    return f"{article}s{index + 1}"


def display_path(path: Path) -> str:
    """Path as shown to people and stored in exports (POSIX separators). Bytes of a file
    name that are not UTF-8 (Python keeps them as lone surrogates, which no JSON reader can
    print and no UTF-8 writer can write) are spelled ``\\xNN``: ``caf\\xe9.txt``."""
    text = path.as_posix()
    if not any("\udc80" <= char <= "\udcff" for char in text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

"""``compare``: files -> Articles -> aligned, classified groups -> one Comparison."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from itertools import chain
from pathlib import Path

import numpy as np

from aligner.align import (
    WORST_SLACK,
    ScoredPairs,
    display_order,
    group_score,
    group_sentences,
    neighbours,
)
from aligner.calibration import LINK_MARGIN, MUTUAL_LINK_MARGIN, RELATED_MARGIN
from aligner.cancel import Cancelled, checked, checkpoint, stopping_when  # noqa: F401 (Cancelled: re-exported)
from aligner.candidates import Candidates, budgeted_candidates
from aligner.classify import find_conflicts, group_label
from aligner.clean import classify_lines, find_title, sentence_kind
from aligner.collector import collector_paused
from aligner.corpus import Document, load_documents, natural_sort_key
from aligner.counterparts import CounterpartScorer, prose_positions
from aligner.fact_conflicts import (
    UNNAMED_AGE,
    attribute_unnamed_ages,
    fact_conflicts,
    sentence_facts,
)
from aligner.features import (
    ReadSentence,
    SentenceFeatures,
    read_sentence,
    sentence_features,
    stem,
    with_stems,
)
from aligner.figure_conflicts import (
    ArticleFigures,
    people_number_findings,
    tells_counted_people,
)
from aligner.model import (
    Article,
    CompareOptions,
    Comparison,
    Conflict,
    ConflictKind,
    Finding,
    Group,
    Link,
    Sentence,
    Severity,
    SkippedFile,
    article_id,
    sentence_id,
)
from aligner.name_conflicts import wrong_name_conflicts
from aligner.parallel import Aside, split_map
from aligner.resources import sample_corpus_dir
from aligner.segment import sentence_spans
from aligner.spelling_conflicts import spelling_conflicts
from aligner.summary import similarity_matrix, source_stats

Progress = Callable[[str, float], None]
_DEFAULTS = CompareOptions()


class TooManySentences(ValueError):
    """The corpus has more sentences (prose or not: every line kept counts) than
    ``max_sentences`` allows."""


def compare(
    paths: Sequence[str | Path] | None = None,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    workers: int = 1,
    threshold: float = _DEFAULTS.threshold,
    pivot: int = _DEFAULTS.pivot,
    recursive: bool = _DEFAULTS.recursive,
    max_file_bytes: int = _DEFAULTS.max_file_bytes,
    max_sentences: int = _DEFAULTS.max_sentences,
    max_convert_seconds: float = _DEFAULTS.max_convert_seconds,
) -> Comparison:
    """Load ``paths`` (default: the sample corpus) and compare every article with every other.

    The options after ``workers`` are ``CompareOptions``'s fields, recorded in the result:
    ``threshold`` (0-100) two sentences need to be one claim, the ``pivot`` article whose
    order rows follow, ``recursive`` into sub-folders, and the limits on a file's bytes, on
    the sentences and lines of a comparison, and on a converter's seconds. ``progress(stage,
    fraction)`` is
    called between stages; once ``should_stop()`` returns true, ``Cancelled`` is raised at the
    next checkpoint: every long loop of every stage has them (aligner/cancel.py), and forked
    children are killed.
    ``workers`` > 1 lets the sentence splitting, sentence analysis and conflict checks of a
    large corpus run in that many processes (forked, and only where that is safe: see
    aligner/parallel.py); the result is the same.
    """
    settings = CompareOptions(
        threshold=threshold,
        pivot=pivot,
        recursive=recursive,
        max_file_bytes=max_file_bytes,
        max_sentences=max_sentences,
        max_convert_seconds=max_convert_seconds,
    )
    report = _Reporter(progress)
    with collector_paused(), stopping_when(should_stop):
        report("loading", 0.0)
        loaded = load_documents(
            list(paths) if paths else [sample_corpus_dir()],
            recursive=settings.recursive,
            max_file_bytes=settings.max_file_bytes,
            max_convert_seconds=settings.max_convert_seconds,
        )
        documents = loaded.documents if paths else tuple(map(_as_sample_path, loaded.documents))
        documents, too_long = _within_line_limit(documents, settings.max_sentences)
        skipped = sorted((*loaded.skipped, *too_long), key=lambda s: natural_sort_key(s.path))
        report("splitting sentences", 0.2)
        articles, features = _build_articles(documents, workers, settings.max_sentences)
        result = _compare_articles(articles, skipped, settings, report, workers, features)
        return replace(result, notices=loaded.notices)


def _within_line_limit(
    documents: Sequence[Document], max_sentences: int
) -> tuple[tuple[Document, ...], list[SkippedFile]]:
    """The documents that fit ``max_sentences``, and the others as skipped; refuses a corpus
    whose documents together have too many lines before any is split into sentences.

    Every non-blank line becomes at least one sentence, so the lines are a cheap floor: a
    4.5 MB file of 2,250,000 one-letter lines would otherwise be built, aligned and exported
    (2.8 GB and 29 s to JSON) before the sentence limit saw it, as none of them is prose.
    """
    kept: list[Document] = []
    skipped: list[SkippedFile] = []
    total = 0
    for document in documents:
        lines = _kept_lines(document.text)
        if lines > max_sentences:
            reason = (
                f"too many lines ({lines:,}; the limit is {max_sentences:,} sentences and lines)"
            )
            skipped.append(SkippedFile(document.path, reason))
        else:
            kept.append(document)
            total += lines
    _check_sentence_limit(total, max_sentences)
    return tuple(kept), skipped


def _kept_lines(text: str) -> int:
    """Lines holding more than white space: each is kept as one sentence or more."""
    return sum(1 for line in text.split("\n") if line and not line.isspace())


def _check_sentence_limit(sentences: int, max_sentences: int) -> None:
    if sentences > max_sentences:
        raise TooManySentences(
            f"{sentences:,} sentences and other lines exceed the limit of {max_sentences:,}"
        )


def compare_articles(
    articles: Sequence[Article],
    skipped: Sequence[SkippedFile],
    settings: CompareOptions,
    report: Callable[[str, float], None] | None = None,
    *,
    workers: int = 1,
) -> Comparison:
    """Align and classify already segmented articles (``workers``: see ``compare``)."""
    with collector_paused():
        return _compare_articles(articles, skipped, settings, report or _no_report, workers)


def _compare_articles(
    articles: Sequence[Article],
    skipped: Sequence[SkippedFile],
    settings: CompareOptions,
    report: Callable[[str, float], None],
    workers: int,
    features: Sequence[SentenceFeatures] | None = None,
) -> Comparison:
    """``compare_articles``; ``features`` of the prose sentences, when already analysed."""
    _check_sentence_limit(sum(len(a.sentences) for a in articles), settings.max_sentences)
    prose = [s for article in articles for s in article.prose]
    report("analysing sentences", 0.35)
    if features is None:
        features = _analyse([s.text for s in prose], workers=workers)
    index_of_article = {a.id: k for k, a in enumerate(articles)}
    article_of = np.array([index_of_article[s.article_id] for s in prose], dtype=np.int64)

    report("aligning", 0.5)
    parallel = workers > 1 and len(prose) >= PARALLEL_MIN_SENTENCES
    position_of = prose_positions(article_of)
    pairs, scorer, notices = _scored_pairs(
        features, article_of, position_of, floor=_useful_score(settings), parallel=parallel
    )
    similar, clusters, conflicts = _grouped(
        prose, features, pairs, article_of, settings, report, workers
    )

    _score_unproposed_members(scorer, clusters, similar)

    def score_of(i: int, j: int) -> float:
        return similar[i].get(j, 0.0)

    pivot = min(max(settings.pivot, 0), max(len(articles) - 1, 0))
    # Each of these steps takes up to a second on a large corpus: a checkpoint between them.
    checkpoint()
    order = display_order(clusters, article_of.tolist(), [s.index for s in prose], pivot=pivot)
    checkpoint()
    groups = _build_groups(prose, clusters, order, conflicts, score_of)
    checkpoint()
    links = _links(prose, clusters, pairs, article_of, settings)
    report("summarising", 0.95)
    result = Comparison(
        articles=tuple(articles),
        skipped=tuple(skipped),
        groups=tuple(groups),
        conflicts=tuple(conflicts),
        similarity=similarity_matrix(articles, groups),
        stats=source_stats(articles, groups),
        options=settings,
        links=links,
        limit_notices=notices,
    )
    report("done", 1.0)
    return result


def _scored_pairs(
    features: Sequence[SentenceFeatures],
    article_of: np.ndarray,
    position_of: np.ndarray,
    *,
    floor: float,
    parallel: bool,
) -> tuple[ScoredPairs, CounterpartScorer, tuple[str, ...]]:
    """The pairs worth scoring with their counterpart scores, the folder's scorer, and what
    was left out to stay within the candidate budget (see ``_candidate_notices``).

    A folder of the size people compare (up to ``ALL_PAIRS_LIMIT`` cross-article pairs,
    about 600 sentences) has every pair scored: a fact retold in other words shares few
    words, and the inverted index, which needs a quarter of the longer sentence's stems in
    common, would miss most such counterparts. Larger folders get candidate pairs from the
    index (aligner/candidates.py); in ``parallel``, a child finds them while the folder's
    term weights and codes are computed. Only candidates scoring at least ``floor`` are
    kept: a large folder can propose millions of pairs, few of which matter.
    """
    if _cross_pairs(article_of) <= ALL_PAIRS_LIMIT:
        left, right = _all_cross_pairs(article_of)
        scorer = CounterpartScorer(features, article_of.tolist(), position_of.tolist())
        return ScoredPairs(left, right, scorer.scores(left, right)), scorer, ()
    with Aside(partial(budgeted_candidates, features, article_of), wanted=parallel) as found:
        scorer = CounterpartScorer(features, article_of.tolist(), position_of.tolist())
        checkpoint()
        candidates = found.result()
    workers = 2 if parallel else 1
    scored = _scored_at_least(scorer, candidates, floor, workers=workers)
    return scored, scorer, _candidate_notices(candidates)


def _useful_score(settings: CompareOptions) -> float:
    """The lowest score that can change a comparison at ``settings.threshold``: a pair under
    it neither passes a merge check (``WORST_SLACK``), nor is related (``RELATED_MARGIN``)
    or a mutual link (``MUTUAL_LINK_MARGIN``); it counts as unscored (0), as it would then."""
    return settings.threshold - max(WORST_SLACK, RELATED_MARGIN, MUTUAL_LINK_MARGIN)


# Candidate pairs scored per step: bounds the memory of scoring (about 500 bytes a pair)
# whatever the number of candidates.
_SCORE_CHUNK = 500_000


def _scored_at_least(
    scorer: CounterpartScorer, candidates: Candidates, floor: float, *, workers: int
) -> ScoredPairs:
    """The candidates scoring at least ``floor``, in order, scored a chunk at a time (the
    chunks shared among ``workers`` processes)."""
    chunks = [
        (lo, min(lo + _SCORE_CHUNK, len(candidates.left)))
        for lo in range(0, len(candidates.left), _SCORE_CHUNK)
    ]
    work = partial(_score_chunks, scorer, candidates, floor)
    kept = split_map(work, chunks, weights=[hi - lo for lo, hi in chunks], workers=workers)
    if not kept:
        return ScoredPairs(
            np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, np.float32)
        )
    left, right, scores = (np.concatenate(parts) for parts in zip(*kept, strict=True))
    return ScoredPairs(left, right, scores)


def _score_chunks(
    scorer: CounterpartScorer,
    candidates: Candidates,
    floor: float,
    chunks: Sequence[tuple[int, int]],
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per chunk ``lo:hi`` of the candidates, those scoring at least ``floor`` and their
    scores."""
    kept = []
    for lo, hi in chunks:
        checkpoint()
        left, right = candidates.left[lo:hi], candidates.right[lo:hi]
        scores = scorer.scores(left, right)
        useful = scores >= floor
        kept.append((left[useful], right[useful], scores[useful]))
    return kept


def _candidate_notices(candidates: Candidates) -> tuple[str, ...]:
    """What the comparison left out to stay within its time and memory budget."""
    if not candidates.cut:
        return ()
    share = f"{candidates.least_overlap:.0%}"
    return (
        f"too many sentences share words (a small vocabulary?): to stay within time and "
        f"memory, only {len(candidates.left):,} pairs sharing at least {share} of their "
        f"words were compared",
    )


# Cross-article pairs up to which every pair is scored (168,000 pairs of 600 MSRP sentences
# scored in 0.25 s on 2 cores).
ALL_PAIRS_LIMIT = 150_000


def _cross_pairs(article_of: np.ndarray) -> int:
    n = len(article_of)
    sizes = np.bincount(article_of) if n else np.zeros(0, dtype=np.int64)
    return int((n * n - int((sizes.astype(np.int64) ** 2).sum())) // 2)


def _all_cross_pairs(article_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) of sentences of different articles, ordered by (i, j)."""
    left, right = np.triu_indices(len(article_of), k=1)
    cross = article_of[left] != article_of[right]
    return left[cross].astype(np.int64), right[cross].astype(np.int64)


def _links(
    prose: Sequence[Sentence],
    clusters: Sequence[Sequence[int]],
    pairs: ScoredPairs,
    article_of: np.ndarray,
    settings: CompareOptions,
) -> tuple[Link, ...]:
    """Counterparts that ended in different groups: pairs scoring at least the threshold plus
    ``LINK_MARGIN``, and pairs of sentences that are each other's best counterpart in the
    other's source scoring at least the threshold minus ``MUTUAL_LINK_MARGIN``."""
    cluster_of = np.empty(len(prose), dtype=np.int64)
    for number, members in enumerate(clusters):
        cluster_of[members] = number
    wanted = (pairs.scores >= settings.threshold + LINK_MARGIN) | (
        (pairs.scores >= settings.threshold - MUTUAL_LINK_MARGIN) & _mutual_best(pairs, article_of)
    )
    wanted &= cluster_of[pairs.left] != cluster_of[pairs.right]
    left, right, scores = pairs.left[wanted], pairs.right[wanted], pairs.scores[wanted]
    return tuple(
        Link(prose[i].id, prose[j].id, round(float(score), 2))
        for i, j, score in zip(left.tolist(), right.tolist(), scores.tolist(), strict=True)
    )


def _mutual_best(pairs: ScoredPairs, article_of: np.ndarray) -> np.ndarray:
    """Per pair, whether each sentence is the other's best-scoring counterpart in its source
    (ties count for both)."""
    if len(pairs.scores) == 0:
        return np.zeros(0, dtype=bool)
    articles = int(article_of.max()) + 1
    scores = pairs.scores.astype(np.float64)
    # Key: (sentence, the other sentence's article); the best score under each key. Only the
    # keys that occur get a slot: a table of every sentence x article took 9.6 GB for
    # 20,000 files of 3 sentences.
    forward = pairs.left * articles + article_of[pairs.right]
    backward = pairs.right * articles + article_of[pairs.left]
    keys, slot = np.unique(np.concatenate((forward, backward)), return_inverse=True)
    best_here = np.full(len(keys), -np.inf)
    np.maximum.at(best_here, slot, np.concatenate((scores, scores)))
    count = len(scores)
    return (scores >= best_here[slot[:count]]) & (scores >= best_here[slot[count:]])


def _grouped(
    prose: Sequence[Sentence],
    features: Sequence[SentenceFeatures],
    pairs: ScoredPairs,
    article_of: np.ndarray,
    settings: CompareOptions,
    report: Callable[[str, float], None],
    workers: int,
) -> tuple[list[dict[int, float]], list[list[int]], list[Conflict]]:
    """The pairs' neighbour rows (see ``neighbours``), the groups, merged across
    conflicts between related sentences, and the conflicts."""
    # Related pairs, and so their checks, follow from the scores alone: a child checks
    # them while the sentences are grouped.
    related = _related_pairs(features, pairs, settings)
    figures = ArticleFigures(features, article_of.tolist())
    check_related = partial(
        _check_pairs, features, figures, [(i, j, True, False) for i, j in related]
    )
    wanted = workers > 1 and len(related) >= PARALLEL_MIN_CHECKS
    with Aside(check_related, wanted=wanted) as related_checked:
        similar = neighbours(len(prose), pairs)
        clusters = group_sentences(
            article_of.tolist(), pairs, threshold=settings.threshold, similar=similar
        )
        report("finding contradictions", 0.75)
        # Counterparts in different rows, checked as the rows stand before merges: a merge
        # joins a related pair's rows, never splits a row.
        across = _aligned_across_rows(features, pairs, clusters, settings)
        inner, inner_found, across_found = _inner_checks(
            features, figures, clusters, workers, across
        )
        sure = settings.threshold + LINK_MARGIN
        inner_found = [
            _softened(found, similar[i].get(j, 0.0) < sure)
            for (i, j), found in zip(inner, inner_found, strict=True)
        ]
        related_found = related_checked.result()
    linked = [(i, j, found) for (i, j), found in zip(related, related_found, strict=True)]
    conflicts, clusters = _conflicts(prose, clusters, inner, inner_found, linked, article_of)
    conflicts += _conflicts_across_rows(
        prose,
        clusters,
        [(i, j, found) for (i, j), found in zip(across, across_found, strict=True)],
    )
    told = _fact_conflicts(features, article_of, conflicts, {s.id: k for k, s in enumerate(prose)})
    conflicts, clusters = _conflicts(prose, clusters, [], [], told, article_of, conflicts)
    # After the facts: a soft "a woman vs two women" must not hide an age told differently.
    conflicts += _people_number_conflicts(prose, features, pairs, settings)
    # Names spelled two ways only link their sentences: those need not tell one fact.
    paired = {frozenset((c.a, c.b)) for c in conflicts}
    articles = article_of.tolist()
    score_of = lambda i, j: similar[i].get(j, 0.0)  # noqa: E731
    related_from = settings.threshold - RELATED_MARGIN
    for spelled in [
        *spelling_conflicts(features, articles, score_of),
        *wrong_name_conflicts(features, articles, score_of, related_from),
    ]:
        a, b = prose[spelled.a].id, prose[spelled.b].id
        if frozenset((a, b)) not in paired:
            conflicts.append(_conflict(a, b, spelled.finding))
    return similar, clusters, conflicts


PARALLEL_MIN_SCORES = 2_000


def _score_unproposed_members(
    scorer: CounterpartScorer,
    clusters: Sequence[Sequence[int]],
    similar: list[dict[int, float]],
) -> None:
    """Score, into ``similar``, the pairs inside groups that the candidate step never proposed
    (a large folder's members joined through a third sentence or by a conflict between
    facts): their counterpart score is measured, not taken for 0."""
    missing = [
        (a, b)
        for members in clusters
        for k, a in enumerate(members)
        for b in members[k + 1 :]
        if b not in similar[a]
    ]
    if not missing:
        return
    left = np.array([a for a, _ in missing], dtype=np.int64)
    right = np.array([b for _, b in missing], dtype=np.int64)
    # Usually a few pairs, for which threads would cost more than they save; chained groups
    # of a large folder can hold tens of thousands.
    workers = 1 if len(missing) < PARALLEL_MIN_SCORES else -1
    scores = scorer.scores(left, right, workers=workers)
    for (a, b), score in zip(missing, scores.tolist(), strict=True):
        similar[a][b] = similar[b][a] = score


def _fact_conflicts(
    features: Sequence[SentenceFeatures],
    article_of: np.ndarray,
    conflicts: Sequence[Conflict],
    index_of: Mapping[str, int],
) -> list[tuple[int, int, Sequence[Finding]]]:
    """Fact conflicts (see aligner/fact_conflicts.py) between sentences that the sentence
    checks did not already set against each other with a number conflict."""
    articles = article_of.tolist()
    facts = [sentence_facts(f) for f in checked(features, every=256)]
    if any(f.key == UNNAMED_AGE for told in facts for f in told):
        facts = attribute_unnamed_ages(facts, [frozenset(f.tokens) for f in features], articles)
    found = fact_conflicts(facts, articles)
    known = {
        frozenset((index_of[c.a], index_of[c.b]))
        for c in conflicts
        if c.kind is ConflictKind.NUMBER
    }
    return [(c.a, c.b, [c.finding]) for c in found if frozenset((c.a, c.b)) not in known]


def _build_groups(
    prose: Sequence[Sentence],
    clusters: Sequence[Sequence[int]],
    order: Sequence[int],
    conflicts: Sequence[Conflict],
    score_of: Callable[[int, int], float],
) -> list[Group]:
    """Groups in display order, numbered g1, g2, ..., labelled by size and inner conflicts."""
    cluster_of = {prose[i].id: k for k, members in enumerate(clusters) for i in members}
    conflicted = {cluster_of[c.a] for c in conflicts if cluster_of[c.a] == cluster_of[c.b]}
    return [
        Group(
            id=f"g{number}",
            label=group_label(len(clusters[k]), k in conflicted),
            members=tuple(prose[i].id for i in clusters[k]),
            score=round(group_score(clusters[k], score_of), 2),
        )
        for number, k in enumerate(order, start=1)
    ]


def _no_report(stage: str, fraction: float) -> None:
    pass


class _Reporter:
    def __init__(self, progress: Progress | None):
        self._progress = progress

    def __call__(self, stage: str, fraction: float) -> None:
        checkpoint()
        if self._progress is not None:
            self._progress(stage, fraction)


def _as_sample_path(document: Document) -> Document:
    # The sample corpus lives wherever the package is installed; name it the same way on
    # every machine so that its exports are byte-identical everywhere.
    return replace(document, path=f"sample_corpus/{Path(document.path).name}")


# Below this much text (about 800 sentences) a second process costs more than it saves.
PARALLEL_MIN_CHARS = 100_000
PARALLEL_MIN_SENTENCES = 800


def _build_articles(
    documents: Sequence[Document], workers: int, max_sentences: int
) -> tuple[tuple[Article, ...], list[SentenceFeatures] | None]:
    """One Article per document, in order, and the features of their prose sentences when
    computed in parallel (else None: they are computed after the sentence limit check).

    In parallel, the processes that split the documents also read their sentences (words,
    names, quantities: no waiting for the whole corpus to be split), then the corpus's
    distinct words are stemmed, each once, shared among the processes. Stemming each
    process's own words would stem most of the vocabulary in every process.
    """
    weights = [len(document.text) for document in documents]
    numbered = list(enumerate(documents))
    if workers < 2 or sum(weights) < PARALLEL_MIN_CHARS:
        return tuple(_build_numbered(numbered)), None
    work = partial(_build_and_read, max_sentences)
    # Pickling the articles and read sentences takes a child an eighth of the time it
    # spends making them (msrp/10k and 20k).
    built = split_map(work, numbered, weights=weights, workers=workers, send_cost=0.12)
    articles = tuple(article for article, _ in built)
    if any(read is None for _, read in built):
        return articles, None  # over the sentence limit: the comparison refuses it
    return articles, _stemmed([r for _, read in built for r in read or ()], workers)


def _build_numbered(numbered: Sequence[tuple[int, Document]]) -> list[Article]:
    return [build_article(position, document) for position, document in checked(numbered)]


def _build_and_read(
    max_sentences: int, numbered: Sequence[tuple[int, Document]]
) -> list[tuple[Article, list[ReadSentence] | None]]:
    """Each document's Article and its prose sentences read. Past ``max_sentences``
    sentences in this share alone the corpus is refused anyway: the rest stay unread (None).
    """
    built: list[tuple[Article, list[ReadSentence] | None]] = []
    sentences = 0
    for article in _build_numbered(numbered):
        prose = article.prose
        sentences += len(article.sentences)
        read = [read_sentence(s.text) for s in prose] if sentences <= max_sentences else None
        built.append((article, read))
    return built


def _stemmed(read: Sequence[ReadSentence], workers: int) -> list[SentenceFeatures]:
    """The features of read sentences, each distinct word stemmed once."""
    vocabulary = list(dict.fromkeys(chain.from_iterable(r.tokens for r in read)))
    weights = [len(word) for word in vocabulary]
    stems = split_map(_stems_of, vocabulary, weights=weights, workers=workers)
    stem_of = dict(zip(vocabulary, stems, strict=True))
    return [with_stems(r, tuple(map(stem_of.__getitem__, r.tokens))) for r in read]


def _stems_of(words: Sequence[str]) -> list[str]:
    return [stem(word) for word in checked(words, every=1024)]


def _analyse(texts: Sequence[str], *, workers: int) -> list[SentenceFeatures]:
    """``sentence_features`` of every text, in order."""
    weights = [len(text) for text in texts]
    workers = workers if sum(weights) >= PARALLEL_MIN_CHARS else 1
    return split_map(_features_of, texts, weights=weights, workers=workers)


def _features_of(texts: Sequence[str]) -> list[SentenceFeatures]:
    return [sentence_features(text) for text in checked(texts, every=16)]


def build_article(position: int, document: Document) -> Article:
    """Lines -> sentences with offsets; non-prose lines stay whole, one 'sentence' each."""
    ident = article_id(position)
    lines = classify_lines(document.text)
    sentences: list[Sentence] = []
    # A checkpoint every few lines: one file may hold millions of them.
    for line in checked(lines, every=64):
        spans = (
            sentence_spans(document.text, line.start, line.end)
            if line.kind == "prose"
            else [(line.start, line.end)]
        )
        for start, end in spans:
            kind = sentence_kind(document.text[start:end]) if line.kind == "prose" else line.kind
            sentences.append(
                Sentence(
                    id=sentence_id(ident, len(sentences)),
                    article_id=ident,
                    index=len(sentences),
                    text=document.text[start:end],
                    kind=kind,
                    start=start,
                    end=end,
                    paragraph=line.paragraph,
                )
            )
    title = document.title or find_title(document.text, lines) or Path(document.path).name
    return Article(
        id=ident,
        path=document.path,
        title=title,
        source=document.source,
        text=document.text,
        sentences=tuple(sentences),
    )


def _inner_checks(
    features: Sequence[SentenceFeatures],
    figures: ArticleFigures,
    clusters: Sequence[Sequence[int]],
    workers: int,
    across: Sequence[tuple[int, int]] = (),
) -> tuple[list[tuple[int, int]], list[list[Finding]], list[list[Finding]]]:
    """Every pair of sentences inside a group, and the findings of each (``_check_pairs``);
    and those about figures of each ``across`` pair (counterparts in different rows)."""
    inner = [
        (i, j) for members in clusters for k, i in enumerate(members) for j in members[k + 1 :]
    ]
    checks = [(i, j, False, True) for i, j in inner] + [(i, j, True, True) for i, j in across]
    workers = workers if len(checks) >= PARALLEL_MIN_CHECKS else 1
    # Pickling the findings costs a child about a tenth of finding them (msrp/10k and 20k).
    check = partial(_check_pairs, features, figures)
    found = split_map(check, checks, weights=[1] * len(checks), workers=workers, send_cost=0.1)
    return inner, found[: len(inner)], found[len(inner) :]


def _conflicts(
    prose: Sequence[Sentence],
    clusters: list[list[int]],
    inner: Sequence[tuple[int, int]],
    inner_found: Sequence[Sequence[Finding]],
    linked: Sequence[tuple[int, int, Sequence[Finding]]],
    article_of: np.ndarray,
    earlier: Sequence[Conflict] = (),
) -> tuple[list[Conflict], list[list[int]]]:
    """``earlier`` conflicts, then conflicts inside groups, then between sentences of
    different groups (related sentences, facts), from the findings of their checks.

    Two groups linked by such a conflict merge when their articles are disjoint, so the
    versions stand side by side; otherwise the conflict links the groups. Every linked
    pair was checked up front: find_conflicts depends on the two sentences alone, so
    checking a pair the merges below skip changes nothing.
    """
    conflicts: list[Conflict] = list(earlier)
    for (i, j), findings in zip(inner, inner_found, strict=True):
        for finding in findings:
            conflicts.append(_conflict(prose[i].id, prose[j].id, finding))

    cluster_of = {m: c for c, members in enumerate(clusters) for m in members}
    article_list = article_of.tolist()  # plain ints: numpy scalars are slow one at a time
    merged: dict[int, int] = {}
    for i, j, findings in checked(linked, every=256):
        ci, cj = _root(merged, cluster_of[i]), _root(merged, cluster_of[j])
        if ci == cj or not findings:
            continue
        for finding in findings:
            conflicts.append(_conflict(prose[i].id, prose[j].id, finding))
        articles_i = {article_list[m] for m in clusters[ci]}
        articles_j = {article_list[m] for m in clusters[cj]}
        if not articles_i & articles_j:
            keep, gone = min(ci, cj), max(ci, cj)
            clusters[keep] = sorted(clusters[keep] + clusters[gone])
            clusters[gone] = []
            merged[gone] = keep
    return conflicts, [c for c in clusters if c]


def _conflicts_across_rows(
    prose: Sequence[Sentence],
    clusters: Sequence[Sequence[int]],
    checked: Sequence[tuple[int, int, Sequence[Finding]]],
) -> list[Conflict]:
    """Conflicts between counterparts that ended in different rows (``checked``: their
    findings). Their rows stay apart: each already holds its own counterparts."""
    cluster_of = {m: c for c, members in enumerate(clusters) for m in members}
    return [
        _conflict(prose[i].id, prose[j].id, finding)
        for i, j, findings in checked
        if cluster_of[i] != cluster_of[j]
        for finding in findings
    ]


def _people_number_conflicts(
    prose: Sequence[Sentence],
    features: Sequence[SentenceFeatures],
    pairs: ScoredPairs,
    settings: CompareOptions,
) -> list[Conflict]:
    """Soft conflicts between related or aligned sentences that tell people as one and as
    several ("a woman" / "two women"). They link the sentences and merge no rows."""
    tells = np.array([tells_counted_people(f) for f in features], dtype=bool)
    wanted = (
        (pairs.scores >= settings.threshold - RELATED_MARGIN)
        & tells[pairs.left]
        & tells[pairs.right]
    )
    return [
        _conflict(prose[i].id, prose[j].id, finding)
        for i, j in zip(pairs.left[wanted].tolist(), pairs.right[wanted].tolist(), strict=True)
        for finding in people_number_findings(features[i], features[j])
    ]


# Fewer conflict checks than this are done in one process: a fork would cost more.
PARALLEL_MIN_CHECKS = 2_000


def _related_pairs(
    features: Sequence[SentenceFeatures], pairs: ScoredPairs, settings: CompareOptions
) -> list[tuple[int, int]]:
    """Pairs just below the threshold whose sentences both hold figures, in pair order."""
    has_figures = np.array([bool(f.quantities) for f in features], dtype=bool)
    related = (
        (pairs.scores >= settings.threshold - RELATED_MARGIN)
        & (pairs.scores < settings.threshold)
        & has_figures[pairs.left]
        & has_figures[pairs.right]
    )
    return list(zip(pairs.left[related].tolist(), pairs.right[related].tolist(), strict=True))


def _aligned_across_rows(
    features: Sequence[SentenceFeatures],
    pairs: ScoredPairs,
    clusters: Sequence[Sequence[int]],
    settings: CompareOptions,
) -> list[tuple[int, int]]:
    """Sure counterparts (scoring ``LINK_MARGIN`` over the threshold, linked beside their
    rows: see ``_links``) that ended in different rows, one sentence of each source per row,
    whose sentences both hold figures, in pair order."""
    has_figures = np.array([bool(f.quantities) for f in features], dtype=bool)
    cluster_of = np.empty(len(features), dtype=np.int64)
    for number, members in enumerate(clusters):
        cluster_of[members] = number
    across = (
        (pairs.scores >= settings.threshold + LINK_MARGIN)
        & has_figures[pairs.left]
        & has_figures[pairs.right]
        & (cluster_of[pairs.left] != cluster_of[pairs.right])
    )
    return list(zip(pairs.left[across].tolist(), pairs.right[across].tolist(), strict=True))


def _check_pairs(
    features: Sequence[SentenceFeatures],
    figures: ArticleFigures,
    checks: Sequence[tuple[int, int, bool, bool]],
) -> list[list[Finding]]:
    """``find_conflicts`` of each (i, j, numbers_only, counterparts) check, less the figures
    an article tells elsewhere (``_unless_told_elsewhere``): done where the check is, so that
    worker processes share that work too and send back fewer findings."""
    return [
        _unless_told_elsewhere(
            figures,
            i,
            j,
            find_conflicts(features[i], features[j], numbers_only=only, counterparts=counterparts),
        )
        for i, j, only, counterparts in checked(checks, every=64)
    ]


def _softened(findings: Sequence[Finding], unsure: bool) -> list[Finding]:
    """``findings`` of two sentences that are not surely counterparts (their score is under
    the link level, ``unsure``): differing figures are soft (told differently, for the reader
    to check) and findings soft already are dropped. The
    row may set two facts side by side ("12 to 18 months" recommended by the probation
    report beside the agreed "7-year-and-one-month" term), and a hard false alarm costs a
    reader's trust more than a soft one."""
    if not unsure:
        return list(findings)
    # A finding soft already (a limit against a limit, one against several) in a row that is
    # not surely one fact is two doubts: "within hours" (fired) beside "within three months"
    # (given the job) is no difference a reader should check.
    return [
        replace(f, severity=Severity.SOFT) if f.kind is ConflictKind.NUMBER else f
        for f in findings
        if f.severity is not Severity.SOFT
    ]


def _unless_told_elsewhere(
    figures: ArticleFigures, i: int, j: int, findings: Sequence[Finding]
) -> list[Finding]:
    """``findings`` without the number ones when either article gives the other sentence's
    figures elsewhere (see ``ArticleFigures.told_elsewhere``)."""
    numbers = any(f.kind is ConflictKind.NUMBER for f in findings)
    if not numbers or not figures.told_elsewhere(i, j):
        return list(findings)
    return [f for f in findings if f.kind is not ConflictKind.NUMBER]


def _conflict(a: str, b: str, finding: Finding) -> Conflict:
    return Conflict(a, b, finding.kind, finding.detail, finding.severity)


def _root(merged: dict[int, int], cluster: int) -> int:
    while cluster in merged:
        cluster = merged[cluster]
    return cluster

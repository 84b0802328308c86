"""The conflict passes of a comparison, around the grouping: checks inside rows, between
related sentences and counterparts in different rows, facts of the event, people counted
differently, and names spelled two ways; rows merge across conflicts between related
sentences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from itertools import chain

import numpy as np

from aligner.calibration import (
    PAIRWISE_VERSIONS,
    RELATED_MARGIN,
    SURE_PAIR_MARGIN,
    WORST_SLACK,
)
from aligner.conflicts.addresses import address_conflicts
from aligner.conflicts.checks import find_conflicts
from aligner.conflicts.day_parts import day_part_conflicts
from aligner.conflicts.event_facts import (
    UNNAMED_AGE,
    FactConflict,
    attribute_unnamed_ages,
    fact_conflicts,
    sentence_facts,
)
from aligner.conflicts.figure_index import Matched
from aligner.conflicts.home_names import home_name_conflicts
from aligner.conflicts.ordinals import ordinal_conflicts
from aligner.conflicts.pair_figures import (
    ArticleFigures,
    people_number_findings,
    tells_counted_people,
)
from aligner.conflicts.slot_names import slot_name_conflicts
from aligner.conflicts.spellings import SpellingConflict, spelling_conflicts
from aligner.conflicts.wrong_names import wrong_name_conflicts
from aligner.match.align import ScoredPairs, group_sentences, neighbours
from aligner.match.trust import thin_partners_apart
from aligner.result.model import (
    CompareOptions,
    Conflict,
    ConflictKind,
    Finding,
    Sentence,
    Severity,
)
from aligner.runtime.cancel import checked
from aligner.runtime.parallel import Aside, split_map
from aligner.text.features import SentenceFeatures


def rows_and_conflicts(
    prose: Sequence[Sentence],
    features: Sequence[SentenceFeatures],
    pairs: ScoredPairs,
    article_of: np.ndarray,
    settings: CompareOptions,
    report: Callable[[str, float], None],
    workers: int,
    *,
    pivot: int = 0,
) -> tuple[list[dict[int, float]], list[list[int]], list[Conflict]]:
    """The pairs' neighbour rows (see ``neighbours``), the groups, merged across
    conflicts between related sentences, and the conflicts. ``pivot``: the pivot article,
    whose version is a large row's reference (``row_pairs``)."""
    # The facts, the people told differently and the names spelled two ways follow from
    # the scores alone: a child finds them while the sentences are grouped. The related
    # pairs, which need no groups either, are checked with the rows' pairs (``_inner_checks``):
    # a check works out what a sentence's figures tell, and a sentence's rows and related
    # pairs checked in one process work that out once, not in two (msrp10k14: 2,500 figures
    # told twice).
    related = _related_pairs(features, pairs, settings)
    similar = neighbours(len(prose), pairs)
    beside = partial(_beside_grouping, prose, features, pairs, similar, article_of, settings)
    # The related pairs' number tells a large folder, as when the child checked them.
    wanted = workers > 1 and len(related) >= PARALLEL_MIN_CHECKS
    with Aside(beside, wanted=wanted) as done_beside:
        # Only the checks read the figures: indexed once the child has set off.
        figures = ArticleFigures(features, article_of.tolist())
        # A thin sentence joins no row through a pair worded otherwise (trust.py).
        apart = thin_partners_apart(
            [s.text for s in prose], pairs, settings.threshold - WORST_SLACK
        )
        clusters = group_sentences(
            article_of.tolist(), pairs, threshold=settings.threshold, similar=similar, apart=apart
        )
        report("finding contradictions", 0.75)
        # Counterparts in different rows, checked as the rows stand before merges: a merge
        # joins a related pair's rows, never splits a row.
        across = _aligned_across_rows(features, pairs, clusters, settings)
        article_list = article_of.tolist()
        inner_found, across_found, related_found = _inner_checks(
            prose,
            features,
            figures,
            clusters,
            [row_pairs(members, article_list, pivot) for members in clusters],
            workers,
            across,
            related,
            similar,
            settings.threshold + SURE_PAIR_MARGIN,
        )
        facts_found, people, spelled_pairs = done_beside.result()
    linked = [(i, j, found) for (i, j), found in zip(related, related_found, strict=True)]
    conflicts, clusters = _conflicts(clusters, inner_found, linked, article_of)
    conflicts += _conflicts_across_rows(
        clusters, [(i, j, found) for (i, j), found in zip(across, across_found, strict=True)]
    )
    told = _unless_numbers_told(facts_found, conflicts, prose)
    conflicts, clusters = _conflicts(clusters, [], told, article_of, conflicts)
    # After the facts: a soft "a woman vs two women" must not hide an age told differently.
    conflicts += people
    # A large folder has tens of thousands of conflicts: a pair is made only of those that
    # involve a sentence of a name spelled two ways (either of a pair's is its ``a``).
    spelled_ids = {prose[k].id for spelled in spelled_pairs for k in (spelled.a, spelled.b)}
    paired = {frozenset((c.a, c.b)) for c in conflicts if c.a in spelled_ids}
    for spelled in spelled_pairs:
        a, b = prose[spelled.a].id, prose[spelled.b].id
        if frozenset((a, b)) not in paired:
            conflicts.append(_conflict(a, b, spelled.finding))
    return similar, clusters, conflicts


def _beside_grouping(
    prose: Sequence[Sentence],
    features: Sequence[SentenceFeatures],
    pairs: ScoredPairs,
    similar: Sequence[dict[int, float]],
    article_of: np.ndarray,
    settings: CompareOptions,
) -> tuple[list[FactConflict], list[Conflict], list[SpellingConflict]]:
    """What follows from the pairs' scores alone, without the groups: the fact conflicts
    (``_fact_conflicts``), the people counted differently (``_people_number_conflicts``) and
    the names spelled two ways (``_spelled_pairs``; ``similar``: the pairs' ``neighbours``)."""
    return (
        _fact_conflicts(features, article_of),
        _people_number_conflicts(prose, features, pairs, settings),
        _spelled_pairs(features, similar, article_of, settings),
    )


def _spelled_pairs(
    features: Sequence[SentenceFeatures],
    similar: Sequence[dict[int, float]],
    article_of: np.ndarray,
    settings: CompareOptions,
) -> list[SpellingConflict]:
    """Names spelled two ways (``spelling_conflicts``), people called by a wrong name
    (``wrong_name_conflicts``), two names in one slot (``slot_name_conflicts``), two homes
    of the same people (``home_name_conflicts``), one street told two ways
    (``address_conflicts``), two people at one place of a list (``ordinal_conflicts``) and
    one day's part told two ways (``day_part_conflicts``).
    They only link their sentences: those need not tell one fact."""
    articles = article_of.tolist()
    score_of = lambda i, j: similar[i].get(j, 0.0)  # noqa: E731
    related_from = settings.threshold - RELATED_MARGIN
    return [
        *spelling_conflicts(features, articles, score_of),
        *wrong_name_conflicts(features, articles, score_of, related_from),
        *slot_name_conflicts(features, articles, similar, settings.threshold),
        *home_name_conflicts(features, articles, similar, settings.threshold),
        *address_conflicts(features, articles, similar, settings.threshold),
        *ordinal_conflicts(features, articles),
        # Sure counterparts only, as for any soft finding (``_softened``): two sentences
        # scoring just over the threshold mostly tell two events of the day.
        *day_part_conflicts(features, articles, similar, settings.threshold + SURE_PAIR_MARGIN),
    ]


def _fact_conflicts(
    features: Sequence[SentenceFeatures], article_of: np.ndarray
) -> list[FactConflict]:
    """Fact conflicts (see aligner/conflicts/event_facts.py)."""
    articles = article_of.tolist()
    facts = [sentence_facts(f) for f in checked(features, every=256)]
    if any(f.key == UNNAMED_AGE for told in facts for f in told):
        facts = attribute_unnamed_ages(facts, [frozenset(f.tokens) for f in features], articles)
    return fact_conflicts(facts, articles)


def _unless_numbers_told(
    found: Sequence[FactConflict], conflicts: Sequence[Conflict], prose: Sequence[Sentence]
) -> list[tuple[int, int, Sequence[Conflict]]]:
    """The fact conflicts ``found`` between sentences that the sentence checks did not
    already set against each other with a number conflict: each as its two sentences (by
    number) and its conflict, to merge rows by."""
    if not found:
        return []  # most folders: spares a look through every conflict
    # Few sentences tell facts, and a large folder has tens of thousands of conflicts: a
    # pair is made only of the conflicts that involve one of them.
    told = {prose[k].id for c in found for k in (c.a, c.b)}
    known = {
        frozenset((c.a, c.b)) for c in conflicts if c.a in told and c.kind is ConflictKind.NUMBER
    }
    told_pairs: list[tuple[int, int, Sequence[Conflict]]] = []
    for c in found:
        a, b = prose[c.a].id, prose[c.b].id
        if frozenset((a, b)) not in known:
            told_pairs.append((c.a, c.b, [_conflict(a, b, c.finding)]))
    return told_pairs


# Fewer conflict checks than this are done in one process: a fork would cost more.
PARALLEL_MIN_CHECKS = 2_000


def row_pairs(
    members: Sequence[int], article_of: Sequence[int], pivot: int
) -> list[tuple[int, int]]:
    """The pairs of a row's ``members`` (sorted) checked for conflicts, each (lower, higher):
    every pair in a row of up to ``PAIRWISE_VERSIONS`` versions; in a larger one, each version
    with the row's reference version, the ``pivot`` article's or else the first (the one the
    reader's details panel shows the others' word changes against)."""
    if len(members) <= PAIRWISE_VERSIONS:
        return [(i, j) for k, i in enumerate(members) for j in members[k + 1 :]]
    reference = next((m for m in members if article_of[m] == pivot), members[0])
    return [(min(m, reference), max(m, reference)) for m in members if m != reference]


def _inner_checks(
    prose: Sequence[Sentence],
    features: Sequence[SentenceFeatures],
    figures: ArticleFigures,
    clusters: Sequence[Sequence[int]],
    rows: Sequence[Sequence[tuple[int, int]]],
    workers: int,
    across: Sequence[tuple[int, int]],
    related: Sequence[tuple[int, int]],
    similar: Sequence[dict[int, float]],
    sure: float,
) -> tuple[list[list[Conflict]], list[list[Conflict]], list[list[Conflict]]]:
    """The conflicts of each pair of sentences of ``rows`` (each of the ``clusters``'
    ``row_pairs``), row by row (``_check_pairs``; softened where the pair scores under
    ``sure`` in ``similar``, the pairs' ``neighbours``: not surely one fact); those about
    figures of each ``across`` pair (counterparts in different rows); and those of each
    ``related`` pair (``_related_pairs``)."""
    checks = [
        (i, j, False, True, similar[i].get(j, 0.0) < sure) for pairs in rows for i, j in pairs
    ]
    inner_count = len(checks)
    checks += [(i, j, True, True, False) for i, j in across]
    # Related pairs score under the threshold: never surely one fact ("came just a day after"
    # / "went 11 days without"), so their figures are a soft difference at most.
    checks += [(i, j, True, False, True) for i, j in related]
    workers = workers if len(checks) >= PARALLEL_MIN_CHECKS else 1
    order = _row_order(clusters, rows, len(features), [*across, *related])
    # Pickling the findings costs a child about a tenth of finding them (msrp/10k and 20k).
    # Checked in row order, msrp10k14's slices took about as long: the child's 0.68 s and
    # 0.02 s of pickling, the parent's 0.67 s (CPU).
    check = partial(_conflicts_of_checks, prose, features, figures)
    found_in_order = split_map(
        check, [checks[k] for k in order], weights=[1] * len(checks), workers=workers, send_cost=0.1
    )
    found: list[list[Conflict]] = [[]] * len(checks)
    for k, conflicts in zip(order, found_in_order, strict=True):
        found[k] = conflicts
    rows_end, across_end = inner_count, inner_count + len(across)
    return found[:rows_end], found[rows_end:across_end], found[across_end:]


def _conflicts_of_checks(
    prose: Sequence[Sentence],
    features: Sequence[SentenceFeatures],
    figures: ArticleFigures,
    checks: Sequence[Check],
) -> list[list[Conflict]]:
    """The conflicts between the sentences of each check, of its findings (``_check_pairs``):
    made where the check is, so that a worker process makes its share, not this one all
    of them once the workers are done (34,599 on msrp10k14)."""
    return [
        [_conflict(prose[check[0]].id, prose[check[1]].id, finding) for finding in findings]
        for check, findings in zip(checks, _check_pairs(features, figures, checks), strict=True)
    ]


def _row_order(
    clusters: Sequence[Sequence[int]],
    rows: Sequence[Sequence[tuple[int, int]]],
    count: int,
    between: Sequence[tuple[int, int]],
) -> list[int]:
    """The order to check in the pairs of each row (``rows``: the ``clusters``' pairs, listed
    row by row) followed by pairs ``between`` sentences of any rows (``count`` sentences in
    all): each of the latter right after the later of its two rows. Worker processes check
    contiguous slices, so that a slice reads few sentences another reads too; what a check
    works out of one sentence (its figure sheet, what its figures tell) is worked out in one
    process."""
    sizes = np.array([len(members) for members in clusters], dtype=np.int64)
    row_of = np.empty(count, dtype=np.int64)
    row_of[np.fromiter(chain.from_iterable(clusters), dtype=np.int64)] = np.repeat(
        np.arange(len(clusters)), sizes
    )
    in_rows = np.repeat(np.arange(len(rows)), [len(pairs) for pairs in rows])
    ends = np.array(between, dtype=np.int64).reshape(-1, 2)
    later = np.maximum(row_of[ends[:, 0]], row_of[ends[:, 1]])
    order: list[int] = np.argsort(np.concatenate([in_rows, later]), kind="stable").tolist()
    return order


def _conflicts(
    clusters: list[list[int]],
    inner: Sequence[Sequence[Conflict]],
    linked: Sequence[tuple[int, int, Sequence[Conflict]]],
    article_of: np.ndarray,
    earlier: Sequence[Conflict] = (),
) -> tuple[list[Conflict], list[list[int]]]:
    """``earlier`` conflicts, then conflicts inside groups (``inner``, of each pair), then
    between sentences of different groups (``linked``: related sentences, facts).

    Two groups linked by such a conflict merge when their articles are disjoint, so the
    versions stand side by side; otherwise the conflict links the groups. Every linked
    pair was checked up front: find_conflicts depends on the two sentences alone, so
    checking a pair the merges below skip changes nothing.
    """
    conflicts: list[Conflict] = [*earlier, *chain.from_iterable(inner)]

    cluster_of = {m: c for c, members in enumerate(clusters) for m in members}
    article_list = article_of.tolist()  # plain ints: numpy scalars are slow one at a time
    merged: dict[int, int] = {}
    # Each group's articles, made once per group (msrp10k14: 2,472 linked pairs between
    # groups of up to 235 members) and joined when two groups merge.
    articles_in: dict[int, set[int]] = {}
    for i, j, found in checked(linked, every=256):
        ci, cj = _root(merged, cluster_of[i]), _root(merged, cluster_of[j])
        if ci == cj or not found:
            continue
        conflicts += found
        articles_i = _articles_in(articles_in, ci, clusters, article_list)
        articles_j = _articles_in(articles_in, cj, clusters, article_list)
        if articles_i.isdisjoint(articles_j):
            keep, gone = min(ci, cj), max(ci, cj)
            clusters[keep] = sorted(clusters[keep] + clusters[gone])
            clusters[gone] = []
            merged[gone] = keep
            articles_in[keep] = articles_i | articles_j
    return conflicts, [c for c in clusters if c]


def _articles_in(
    known: dict[int, set[int]],
    cluster: int,
    clusters: Sequence[Sequence[int]],
    article_of: Sequence[int],
) -> set[int]:
    """The articles of ``cluster``'s members, from ``known`` or made and kept there."""
    if cluster not in known:
        known[cluster] = {article_of[m] for m in clusters[cluster]}
    return known[cluster]


def _conflicts_across_rows(
    clusters: Sequence[Sequence[int]], checked: Sequence[tuple[int, int, Sequence[Conflict]]]
) -> list[Conflict]:
    """Conflicts between counterparts that ended in different rows (``checked``: those
    their checks found). Their rows stay apart: each already holds its own counterparts."""
    cluster_of = {m: c for c, members in enumerate(clusters) for m in members}
    return [
        conflict for i, j, found in checked if cluster_of[i] != cluster_of[j] for conflict in found
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
    """Sure counterparts (scoring ``SURE_PAIR_MARGIN`` over the threshold) that ended in
    different rows, one sentence of each source per row,
    whose sentences both hold figures, in pair order."""
    has_figures = np.array([bool(f.quantities) for f in features], dtype=bool)
    cluster_of = np.empty(len(features), dtype=np.int64)
    for number, members in enumerate(clusters):
        cluster_of[members] = number
    across = (
        (pairs.scores >= settings.threshold + SURE_PAIR_MARGIN)
        & has_figures[pairs.left]
        & has_figures[pairs.right]
        & (cluster_of[pairs.left] != cluster_of[pairs.right])
    )
    return list(zip(pairs.left[across].tolist(), pairs.right[across].tolist(), strict=True))


# A check of two sentences: (i, j, numbers_only, counterparts) as ``find_conflicts`` takes
# them, and whether the two are not surely counterparts (``_softened``'s ``unsure``).
Check = tuple[int, int, bool, bool, bool]


def _check_pairs(
    features: Sequence[SentenceFeatures],
    figures: ArticleFigures,
    checks: Sequence[Check],
) -> list[list[Finding]]:
    """``find_conflicts`` of each check, less the figures an article tells elsewhere
    (``_unless_told_elsewhere``), softened when the two sentences are not surely
    counterparts (``_softened``): done where the check is, so that worker processes share
    that work too and send back fewer findings. Which figures of each pair the other
    matches is worked out for a slice of the checks at once."""
    found = []
    # A check of sentences not surely counterparts (``unsure``) keeps no soft finding
    # (``_softened``): its figures' soft findings are not worked out at all (``hard_only``).
    # Whether an article tells a figure elsewhere does not depend on the findings, and drops
    # every number finding alike: the same hard ones stay.
    for start in range(0, len(checks), _MATCHED_AT_ONCE):
        part = checks[start : start + _MATCHED_AT_ONCE]
        batch = figures.index.matches_at_once([(i, j) for i, j, _, _, _ in part])
        matches = batch.matched
        # Where the two sentences' figures may find nothing (``may_find``: a test for the
        # whole part at once), they are not compared one by one, and a check of figures
        # alone is not made at all. Ages and months are compared (``dated``) by all but
        # related pairs' checks (``find_conflicts``).
        dated = [not only or counterparts for _, _, only, counterparts, _ in part]
        findings = [
            find_conflicts(
                features[i],
                features[j],
                numbers_only=only,
                counterparts=counterparts,
                numbers=partial(figures.number_conflicts, i, j, matched=matched, hard_only=unsure)
                if may
                else _no_numbers,
            )
            if may or not only
            else []
            for (i, j, only, counterparts, unsure), matched, may in zip(
                checked(part, every=64), matches, figures.may_find(batch, dated), strict=True
            )
        ]
        findings = _unless_told_elsewhere(figures, part, matches, findings)
        found += [
            _softened(told, unsure)
            for told, (_, _, _, _, unsure) in zip(findings, part, strict=True)
        ]
    return found


def _no_numbers(**_: bool) -> list[Finding]:
    """The number findings of two sentences whose figures may find none (``may_find``)."""
    return []


# Checks whose figure matches (``FigureIndex.matches``) are kept at once: a few megabytes.
_MATCHED_AT_ONCE = 4_096


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
        # A Finding built anew: dataclasses.replace costs several times more, once per finding.
        Finding(f.kind, f.detail, Severity.SOFT) if f.kind is ConflictKind.NUMBER else f
        for f in findings
        if f.severity is not Severity.SOFT
    ]


def _unless_told_elsewhere(
    figures: ArticleFigures,
    checks: Sequence[Check],
    matches: Sequence[Matched],
    findings: list[list[Finding]],
) -> list[list[Finding]]:
    """The ``findings`` of each check, without the number ones when either article gives
    the other sentence's figures elsewhere (see ``ArticleFigures.told_elsewhere``;
    ``matches``: the checks' ``FigureIndex.matches``), asked of all such checks at once."""
    # Most checks find nothing: an empty list is passed over before any walk of it.
    asked = [
        k
        for k, found in enumerate(findings)
        if found and any(f.kind is ConflictKind.NUMBER for f in found)
    ]
    told = figures.told_elsewhere_each([(*checks[k][:2], matches[k]) for k in asked])
    for k, elsewhere in zip(asked, told, strict=True):
        if elsewhere:
            findings[k] = [f for f in findings[k] if f.kind is not ConflictKind.NUMBER]
    return findings


def _conflict(a: str, b: str, finding: Finding) -> Conflict:
    return Conflict(a, b, finding.kind, finding.detail, finding.severity)


def _root(merged: dict[int, int], cluster: int) -> int:
    while cluster in merged:
        cluster = merged[cluster]
    return cluster

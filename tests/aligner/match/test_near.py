"""Near counterparts: the close sentences of other sources named for a lone sentence."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from aligner.calibration import NEAR_PER_SENTENCE, RELATED_MARGIN
from aligner.match.align import ScoredPairs
from aligner.match.near import near_counterparts
from aligner.result.model import CompareOptions, LineKind, Link, Sentence

SETTINGS = CompareOptions()
FLOOR = SETTINGS.threshold - RELATED_MARGIN


def prose_of(article_of: list[int], texts: dict[int, str] | None = None) -> list[Sentence]:
    """Sentences of the articles; each says several things unless ``texts`` says otherwise."""
    texts = texts or {}
    return [
        Sentence(f"a{a}s{k}", f"a{a}", k, texts.get(k, _FULL.format(k)), LineKind.PROSE, 0, 1, 0)
        for k, a in enumerate(article_of)
    ]


_FULL = "Sentence {} tells how the ferry left the harbour before the storm closed the port."


def near(
    article_of: list[int],
    clusters: list[list[int]],
    scored: dict[tuple[int, int], float],
    links: tuple[Link, ...] = (),
    texts: dict[int, str] | None = None,
) -> list[tuple[int, int, float]]:
    """``near_counterparts`` on sentence indices: (lone, close, score)."""
    prose = prose_of(article_of, texts)
    pairs = ScoredPairs(
        np.array([i for i, _ in scored], dtype=np.int64),
        np.array([j for _, j in scored], dtype=np.int64),
        np.array(list(scored.values()), dtype=np.float32),
    )
    index = {s.id: k for k, s in enumerate(prose)}
    found = near_counterparts(
        prose, clusters, pairs, np.array(article_of, dtype=np.int64), links, SETTINGS
    )
    return [(index[k.a], index[k.b], k.score) for k in found]


# Articles 0, 1, 2, one story: a row holds a sentence of each (0, 2, 4); 1, 3, 5, 6 are alone.
ARTICLES = [0, 0, 1, 1, 2, 2, 0]
ROWS = [[0, 2, 4], [1], [3], [5], [6]]


def test_a_lone_sentence_names_the_closest_sentence_of_each_source_best_first() -> None:
    scored = {(3, 6): FLOOR + 1, (1, 3): FLOOR + 5, (3, 5): FLOOR + 8, (3, 4): FLOOR + 2}
    # Sentence 3 (article 1): the best of article 0 is sentence 1 (better than 6), of
    # article 2 sentence 5 (better than 4, which is named nowhere although a partner need
    # not be alone: 3 is 4's partner but 4 is in a row).
    found = near(ARTICLES, ROWS, scored)
    assert [(i, j) for i, j, _ in found if i == 3] == [(3, 5), (3, 1)]
    assert (5, 3, FLOOR + 8) in found and (6, 3, FLOOR + 1) in found


def test_a_thin_sentence_is_near_only_a_sentence_wording_it_the_same() -> None:
    scored = {(3, 5): FLOOR + 9, (3, 1): FLOOR + 5}
    texts = {3: "Until the storm.", 1: "“Until the storm."}
    # Sentence 3 says one thing: close to 5 only by its word, to 1 by its wording.
    assert near(ARTICLES, ROWS, scored, texts=texts) == [(1, 3, FLOOR + 5), (3, 1, FLOOR + 5)]


def test_grouped_linked_and_too_distant_sentences_get_none() -> None:
    scored = {(0, 5): FLOOR + 9, (3, 5): FLOOR - 0.5}
    link = (Link("a2s5", "a2s4", 70.0),)
    # 0 shares a row; 5 is in a link; 3's only other partner is under the floor.
    assert near(ARTICLES, ROWS, scored, link) == []


def test_only_sources_that_share_a_row_with_the_sentences_own() -> None:
    # Articles 1 and 2 share no row here: a folder of two events.
    rows = [[0, 2], [1], [3], [4], [5], [6]]
    scored = {(3, 5): FLOOR + 9, (6, 3): FLOOR + 3}
    assert near(ARTICLES, rows, scored) == [(3, 6, FLOOR + 3), (6, 3, FLOOR + 3)]


def test_at_most_a_few_close_sentences_per_lone_sentence() -> None:
    sources = NEAR_PER_SENTENCE + 3
    article_of = [*range(sources), 0]
    lone = sources  # article 0's second sentence, beside a row of every article's first
    rows = [list(range(sources)), [lone]]
    scored = {(lone, k): FLOOR + k for k in range(1, sources)}
    found = near(article_of, rows, scored)
    assert [j for _, j, _ in found] == list(range(sources - 1, 0, -1))[:NEAR_PER_SENTENCE]


@given(
    st.lists(st.integers(0, 3), min_size=2, max_size=12),
    st.data(),
)
def test_every_named_pair_is_a_lone_sentence_and_its_best_in_that_source(
    article_of: list[int], data: st.DataObject
) -> None:
    n = len(article_of)
    cross = [(i, j) for i in range(n) for j in range(i + 1, n) if article_of[i] != article_of[j]]
    chosen = data.draw(st.lists(st.sampled_from(cross), unique=True) if cross else st.just([]))
    scored = {p: data.draw(st.floats(0, 100, width=32)) for p in chosen}
    # Rows: each sentence alone, except a random set of cross pairs joined two by two.
    rows: list[list[int]] = []
    used: set[int] = set()
    for i, j in data.draw(st.lists(st.sampled_from(cross), max_size=3) if cross else st.just([])):
        if i not in used and j not in used:
            rows.append([i, j])
            used |= {i, j}
    rows += [[k] for k in range(n) if k not in used]
    found = near(article_of, rows, scored)

    together = {(article_of[r[0]], article_of[r[1]]) for r in rows if len(r) == 2}
    together |= {(b, a) for a, b in together} | {(a, a) for a in set(article_of)}
    score_of = {**scored, **{(j, i): s for (i, j), s in scored.items()}}
    per_lone: dict[int, list[tuple[int, float]]] = {}
    for i, j, score in found:
        assert i not in used and article_of[i] != article_of[j]
        assert (article_of[i], article_of[j]) in together
        assert score >= FLOOR and abs(score - score_of[(i, j)]) < 0.01
        # The best of its source: no partner of i in j's article scores more.
        assert all(
            s <= score + 0.01
            for (a, b), s in score_of.items()
            if a == i and article_of[b] == article_of[j]
        )
        per_lone.setdefault(i, []).append((article_of[j], score))
    for named in per_lone.values():
        assert len(named) <= NEAR_PER_SENTENCE
        assert len({a for a, _ in named}) == len(named)
        assert [s for _, s in named] == sorted((s for _, s in named), reverse=True)

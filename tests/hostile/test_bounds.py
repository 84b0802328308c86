"""Inputs within the file size limit that once exhausted time or memory (issue 15, items 2-4):
each limit is exercised with small inputs and a low limit passed in, never timed."""

from __future__ import annotations

import random
import tracemalloc
from collections import Counter
from dataclasses import astuple

import numpy as np
import pytest

from aligner import stages
from aligner.calibration import CANDIDATE_OVERLAP
from aligner.load import limits, timed_convert
from aligner.load.corpus import load_documents
from aligner.load.formats import html_text, markdown_text
from aligner.load.limits import TooManySentences
from aligner.load.skip import SkipFile
from aligner.match import candidates, links, scoring
from aligner.match.align import ScoredPairs
from aligner.match.candidates import budgeted_candidates, candidate_pairs
from aligner.match.counterparts import idf_weights
from aligner.pipeline import compare
from aligner.text.features import sentence_features
from aligner.text.synonyms import concept_of
from bench.hostile_inputs import vocabulary, write_vocabulary_files


def comparison_outcome(comparison) -> tuple:
    return comparison.groups, comparison.links, comparison.conflicts


# -- item 2: candidate pairs bounded in count and memory ---------------------------------------


def overlap_corpus(seed: int, sentences: int = 80):
    rng = random.Random(seed)
    words = vocabulary(rng, 12)
    texts = [" ".join(rng.choices(words, k=rng.randint(2, 6))) for _ in range(sentences)]
    article_of = np.array(sorted(rng.randrange(8) for _ in range(sentences)), dtype=np.int64)
    return [sentence_features(t) for t in texts], article_of


def overlap_of(features, i: int, j: int) -> float:
    """The share of the lighter sentence's idf-weighted concepts the pair shares (every
    concept within the posting cap these tests pass)."""
    concepts = [{concept_of(s) for s in f.content_set} for f in features]
    frequency = Counter(c for held in concepts for c in held)
    weights = idf_weights(len(features), np.array(list(frequency.values())))
    weight = dict(zip(frequency, weights.tolist(), strict=True))
    a, b = concepts[i], concepts[j]
    lighter = min(sum(weight[c] for c in a), sum(weight[c] for c in b))
    return sum(weight[c] for c in a & b) / max(lighter, 1e-12)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("chunk", [5, 250_000])
def test_candidates_past_the_budget_are_those_of_most_overlap(seed, chunk, monkeypatch) -> None:
    monkeypatch.setattr(candidates, "_EMIT_CHUNK", chunk)  # many blocks: shrinks on the way
    features, article_of = overlap_corpus(seed)
    every = candidate_pairs(features, article_of, max_postings=80, max_pairs=10**9)
    limit = len(every[0]) // 3
    found = budgeted_candidates(features, article_of, max_postings=80, max_pairs=limit)

    assert found.cut and len(found.left) == limit
    kept = set(zip(found.left.tolist(), found.right.tolist(), strict=True))
    assert kept <= set(zip(*(side.tolist() for side in every), strict=True))
    assert np.all(np.diff(found.left * len(features) + found.right) > 0)  # (left, right) order
    # No pair left out overlaps more than one kept: the cut follows the overlap.
    least_kept = min(overlap_of(features, i, j) for i, j in kept)
    dropped = set(zip(*(side.tolist() for side in every), strict=True)) - kept
    assert all(overlap_of(features, i, j) <= least_kept + 1 / 64 for i, j in dropped)
    assert found.least_overlap == pytest.approx(least_kept, abs=1 / 64)


def test_candidates_within_the_budget_are_not_cut() -> None:
    features, article_of = overlap_corpus(0)
    every = candidate_pairs(features, article_of, max_postings=80, max_pairs=10**9)
    found = budgeted_candidates(features, article_of, max_postings=80, max_pairs=len(every[0]))
    assert not found.cut and found.least_overlap == CANDIDATE_OVERLAP
    assert (found.left.tolist(), found.right.tolist()) == (every[0].tolist(), every[1].tolist())


def test_pairs_held_stay_within_twice_the_budget() -> None:
    budget = candidates._PairBudget(100)
    rng = np.random.default_rng(1)
    start = 0
    for _ in range(50):
        left = np.arange(start, start + 40, dtype=np.int64)
        start += 40
        budget.add(left, left + 1, rng.uniform(0.25, 1.0, 40), left * 0.5)
        assert budget._held <= 2 * 100 + 40
    left, right, shared, _ = budget.result()
    assert len(left) == 100 and budget.cut
    assert np.array_equal(right, left + 1) and np.array_equal(shared, left * 0.5)


def test_a_small_vocabulary_folder_is_compared_within_budget_and_says_so(
    corpus, cli, monkeypatch
) -> None:
    # Random sentences over 100 words: each shares words with many others.
    write_vocabulary_files(corpus.root, 4, 6_000, vocabulary_size=100)
    monkeypatch.setattr(scoring, "ALL_PAIRS_LIMIT", 0)  # the candidate step, as for a large one
    monkeypatch.setattr(candidates, "PAIR_BUDGET_PER_SENTENCE", 2)

    comparison = compare([corpus.root])
    (notice,) = comparison.limit_notices
    assert notice.startswith("too many sentences share words (a small vocabulary?)")
    sentences = sum(len(article.prose) for article in comparison.articles)
    assert f"only {2 * sentences:,} pairs sharing at least" in notice

    result = cli("export", corpus.root)
    assert result.code == 0
    assert result.err == f"note: {notice}\n"


def test_the_budget_is_capped_whatever_the_number_of_sentences(corpus, monkeypatch) -> None:
    write_vocabulary_files(corpus.root, 4, 6_000, vocabulary_size=100)
    monkeypatch.setattr(scoring, "ALL_PAIRS_LIMIT", 0)
    monkeypatch.setattr(candidates, "MAX_CANDIDATE_PAIRS", 50)
    (notice,) = compare([corpus.root]).limit_notices
    assert "only 50 pairs sharing at least" in notice


def test_a_folder_within_the_budget_has_no_notice(corpus, monkeypatch) -> None:
    write_vocabulary_files(corpus.root, 4, 6_000, vocabulary_size=100)
    monkeypatch.setattr(scoring, "ALL_PAIRS_LIMIT", 0)
    assert compare([corpus.root]).limit_notices == ()


def test_dropping_pairs_under_the_useful_score_changes_nothing(monkeypatch) -> None:
    monkeypatch.setattr(scoring, "ALL_PAIRS_LIMIT", 0)  # the sample corpus through candidates
    kept = compare()
    monkeypatch.setattr(stages, "useful_score", lambda settings: -np.inf)
    assert comparison_outcome(kept) == comparison_outcome(compare())
    # A floor any higher would change the comparison: the sample corpus can tell.
    monkeypatch.setattr(stages, "useful_score", lambda settings: settings.threshold - 10)
    assert comparison_outcome(kept) != comparison_outcome(compare())


def test_candidates_are_scored_a_chunk_at_a_time_with_the_same_result(monkeypatch) -> None:
    monkeypatch.setattr(scoring, "ALL_PAIRS_LIMIT", 0)
    whole = compare()
    monkeypatch.setattr(scoring, "_SCORE_CHUNK", 7)
    assert comparison_outcome(compare()) == comparison_outcome(whole)


def test_mutual_best_needs_memory_for_the_pairs_not_sentences_times_sources() -> None:
    # 2,000 sources of 3 sentences: a sentence x source table would take 48 MB.
    rng = np.random.default_rng(4)
    article_of = np.repeat(np.arange(2_000), 3)
    left = rng.integers(0, 5_994, 3_000)
    right = left - left % 3 + rng.integers(3, 6, 3_000)  # a sentence of a later source
    pairs = ScoredPairs(left, right, rng.uniform(0, 100, 3_000).astype(np.float32))
    tracemalloc.start()
    try:
        found = links._mutual_best(pairs, article_of)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000
    assert found.tolist() == mutual_best_by_looking(pairs, article_of)


def mutual_best_by_looking(pairs, article_of) -> list[bool]:
    triples = list(zip(*(side.tolist() for side in astuple(pairs)), strict=True))
    best: dict[tuple[int, int], float] = {}
    for i, j, score in triples:
        for one, other in ((i, j), (j, i)):
            key = (one, int(article_of[other]))
            best[key] = max(best.get(key, -1.0), score)
    return [
        score >= best[(i, int(article_of[j]))] and score >= best[(j, int(article_of[i]))]
        for i, j, score in triples
    ]


# -- item 3: every line kept counts against the sentence limit ---------------------------------


def test_a_file_of_more_lines_than_the_limit_is_skipped_and_the_rest_loads(corpus, cli) -> None:
    corpus.articles()
    lines = corpus.write("lines.txt", "a\n" * 60)
    result = cli("export", corpus.root, "--max-sentences", "50")
    assert result.code == 0
    assert result.err == (
        f"skipped {lines.as_posix()}: too many lines (60; the limit is 50 sentences and lines)\n"
    )
    assert "2 sources" in result.out


def test_short_lines_of_several_files_count_against_the_limit(corpus) -> None:
    corpus.write("one.txt", "a\n" * 30)
    corpus.write("two.txt", "b\n" * 30)
    with pytest.raises(TooManySentences, match=r"^60 sentences and other lines exceed the limit"):
        compare([corpus.root], max_sentences=50)
    assert len(compare([corpus.root], max_sentences=60).articles) == 2


def test_sentences_of_every_kind_count_once_split(corpus) -> None:
    # 10 lines, so within the limit as lines; 3 sentences and a heading each past splitting.
    paragraph = "The bridge fell. The river rose. The city wept."
    corpus.write("one.txt", "\n".join(["Headline of the day"] + [paragraph] * 9))
    comparison = compare([corpus.root])
    sentences = sum(len(article.sentences) for article in comparison.articles)
    assert sentences == 28 and sum(len(a.prose) for a in comparison.articles) == 27
    with pytest.raises(TooManySentences, match=r"^28 sentences and other lines exceed"):
        compare([corpus.root], max_sentences=27)


def test_white_space_lines_are_not_counted(corpus) -> None:
    corpus.write("one.txt", "The bridge fell on Monday.\n \t\n\n" * 5)
    assert limits._kept_lines((corpus.root / "one.txt").read_text()) == 5
    assert compare([corpus.root], max_sentences=5).articles


# -- item 4: converters under a time budget ----------------------------------------------------


def links_page(links: int) -> str:
    """An article that is one paragraph of links: trafilatura takes time quadratic in them
    (10,000: about 28 s; see bench/hostile_inputs.py)."""
    body = "".join(f'<a href="/p/{k}">link {k}</a> ' for k in range(links))
    head = "<html><head><title>Links</title></head>"
    return f"{head}<body><article><p>{body}</p></article></body></html>"


ARTICLE_PAGE = (
    "<html><head><title>Bridge falls</title></head><body><article>"
    "<p>The old bridge over the river collapsed on Monday morning, officials said.</p>"
    "<p>Rescue teams searched the water for survivors through the night.</p>"
    "</article></body></html>"
)


def test_a_page_slow_to_convert_is_skipped_and_the_rest_loads(corpus, cli) -> None:
    corpus.articles()
    slow = corpus.write("links.html", links_page(10_000))
    result = cli("export", corpus.root, "--max-convert-seconds", "0.5")
    assert result.code == 0
    assert result.err == f"skipped {slow.as_posix()}: took longer than 0.5 s to convert\n"
    assert "2 sources" in result.out


def test_the_converter_helper_gives_what_converting_here_gives(corpus) -> None:
    page = corpus.write("page.html", ARTICLE_PAGE)
    empty = corpus.write("empty.html", "<html><body><noscript>Enable it</noscript></body></html>")
    notes = corpus.write("notes.md", "# Bridge falls\n\nThe old *bridge* fell.\n")
    loaded = load_documents([corpus.root])
    assert [(d.path, d.text, d.title) for d in loaded.documents] == [
        (notes.as_posix(), *markdown_text(notes.read_text())[:2]),
        (page.as_posix(), *html_text(ARTICLE_PAGE)[:2]),
    ]
    (skipped,) = loaded.skipped
    assert (skipped.path, skipped.reason) == (empty.as_posix(), "no article text found in HTML")


def test_a_killed_helper_is_replaced_for_the_next_file(corpus) -> None:
    corpus.write("links.html", links_page(10_000))
    first = load_documents([corpus.root], max_convert_seconds=0.5)
    assert [s.reason for s in first.skipped] == ["took longer than 0.5 s to convert"]
    corpus.write("page.html", ARTICLE_PAGE)
    (corpus.root / "links.html").unlink()
    (document,) = load_documents([corpus.root]).documents
    assert document.title == "Bridge falls"


def test_without_a_helper_files_are_converted_here(corpus, monkeypatch) -> None:
    corpus.write("page.html", ARTICLE_PAGE)
    monkeypatch.setattr(timed_convert.sys, "executable", "")
    (document,) = load_documents([corpus.root]).documents
    assert (document.text, document.title) == html_text(ARTICLE_PAGE)[:2]


def test_a_converter_failing_in_the_helper_skips_its_file_and_the_next_one_converts() -> None:
    # A converter the helper does not know fails there as a broken converter would.
    with pytest.raises(SkipFile, match=r"^could not convert: KeyError: 'no_such_converter'$"):
        timed_convert._HELPER.convert("no_such_converter", "text", seconds=30)
    assert timed_convert.convert_within(html_text, ARTICLE_PAGE, seconds=30) == html_text(
        ARTICLE_PAGE
    )

"""Smoke tests of the scale benchmark (bench/scale.py) at a tiny size, so the script cannot rot."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from aligner.match.counterparts import CounterpartScorer, prose_positions
from aligner.pipeline import compare
from aligner.result.model import Label
from bench import scale


def _sentences(corpus: scale.DraftCorpus) -> list[str]:
    return [s for article in corpus.articles for paragraph in article.paragraphs for s in paragraph]


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scale") / "synthetic"
    scale.write_corpus(scale.synthetic_corpus(sentences=200, seed=scale.SEED), folder)
    return folder


def test_synthetic_corpus_is_deterministic_and_about_the_asked_size() -> None:
    corpus = scale.synthetic_corpus(sentences=200, seed=7)
    assert corpus == scale.synthetic_corpus(sentences=200, seed=7)
    assert corpus != scale.synthetic_corpus(sentences=200, seed=8)
    assert len(corpus.articles) == 5
    assert 180 <= len(_sentences(corpus)) <= 220


def test_synthetic_corpus_has_shared_and_unique_sentences(small_folder: Path) -> None:
    comparison = compare([small_folder])
    labels = {group.label for group in comparison.groups}
    assert {Label.SHARED, Label.UNIQUE} <= labels
    prose = sum(len(article.prose) for article in comparison.articles)
    assert prose == sum(len(article.sentences) for article in comparison.articles)


def _fake_msrp(path: Path, rows: int) -> Path:
    lines = ["Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"]
    for k in range(rows):
        first = f"Officials in harbour town {k} said on Monday that {k + 3} ships had docked."
        second = f"On Monday {k + 3} ships docked in harbour town {k}, officials said."
        lines.append(f"1\t{k}\t{k + 1000}\t{first}\t{second}")
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_msrp_corpus_keeps_counterparts_apart_and_perturbs_reused_pairs(tmp_path: Path) -> None:
    pairs = scale.read_msrp_pairs(_fake_msrp(tmp_path / "msrp.txt", rows=50))
    assert len(pairs) == 50 and not pairs[0][0].startswith("\ufeff")

    corpus = scale.msrp_corpus(pairs, sentences=160, seed=1)
    assert corpus == scale.msrp_corpus(pairs, sentences=160, seed=1)
    article_of = {
        s: k
        for k, article in enumerate(corpus.articles)
        for paragraph in article.paragraphs
        for s in paragraph
    }
    originals = [pair for pair in pairs if pair[0] in article_of and pair[1] in article_of]
    assert len(originals) == 50
    assert all(article_of[first] != article_of[second] for first, second in originals)
    # 80 pairs from 50: 30 are reused, perturbed, and the table notes say so.
    assert len(_sentences(corpus)) == 160
    assert len(article_of) > 100
    assert corpus.notes and "30 pairs are reused" in corpus.notes[0]


def test_msrp_corpus_articles_hold_the_asked_number_of_sentences(tmp_path: Path) -> None:
    pairs = scale.read_msrp_pairs(_fake_msrp(tmp_path / "msrp.txt", rows=50))
    # Issue 13's scale corpus: one article per 14 sentences by default.
    default = scale.msrp_corpus(pairs, sentences=100, seed=1)
    assert [len(_article_sentences(a)) for a in default.articles] == [14] * 6 + [8] * 2
    wide = scale.msrp_corpus(pairs, sentences=100, seed=1, per_article=40)
    assert [len(_article_sentences(a)) for a in wide.articles] == [40, 40, 10, 10]


def _article_sentences(article: scale.DraftArticle) -> list[str]:
    return [s for paragraph in article.paragraphs for s in paragraph]


def test_stage_clock_books_time_between_reports_to_the_reported_stage() -> None:
    ticks = iter([0.0, 1.0, 3.0, 3.5, 6.0, 10.0])
    clock = scale.StageClock(lambda: next(ticks))
    for report in ("loading", "splitting sentences", "analysing sentences", "aligning"):
        clock(report, 0.0)
    clock("finding contradictions", 0.0)
    clock("done", 1.0)
    assert clock.seconds == {"load": 1.0, "segment": 2.0, "align": 3.0, "classify": 4.0,
                             "export": 0.0}  # fmt: skip
    with pytest.raises(scale.UnknownStage):
        clock("a stage the benchmark has never heard of", 0.5)


def test_brute_force_scores_every_cross_pair_and_counts_missed_ones(small_folder: Path) -> None:
    prose = scale.prose_sentences(small_folder)
    sizes = np.bincount(prose.article_of)
    n = len(prose.features)
    cross = n * (n - 1) // 2 - int((sizes * (sizes - 1) // 2).sum())
    threshold = 35.0

    ours = scale.brute_force(prose, threshold=threshold)
    assert ours.pairs == cross and ours.candidates == len(prose.candidates[0])
    scorer = CounterpartScorer(
        prose.features, prose.article_of.tolist(), prose_positions(prose.article_of).tolist()
    )
    candidate_scores = scorer.scores(*prose.candidates)
    assert ours.found == int(np.count_nonzero(candidate_scores >= threshold)) > 0
    # Every cross pair scored independently of brute_force's chunking.
    left, right = np.triu_indices(n, k=1)
    across = prose.article_of[left] != prose.article_of[right]
    every_score = scorer.scores(left[across], right[across])
    assert ours.true_pairs == int(np.count_nonzero(every_score >= threshold))
    assert ours.recall == ours.found / ours.true_pairs
    # Chunk size changes the memory bound, never the figures.
    chunked = scale.brute_force(prose, threshold=threshold, chunk_pairs=500)
    assert (chunked.pairs, chunked.true_pairs, chunked.found) == (
        ours.pairs,
        ours.true_pairs,
        ours.found,
    )

    empty = np.zeros(0, dtype=np.int64)
    nothing = scale.brute_force(replace(prose, candidates=(empty, empty)), threshold=threshold)
    assert nothing.true_pairs == ours.true_pairs
    assert nothing.found == 0 and nothing.recall == 0.0


def test_main_prints_the_table_and_writes_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scale.json"
    args = ["--sizes", "200", "--runs", "1", "--source", "synthetic", "--json", str(out)]
    assert scale.main(args) == 0

    printed = capsys.readouterr().out
    assert "Machine:" in printed and "synthetic/200" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    (row,) = data["rows"]
    assert 180 <= row["sentences"] <= 220
    assert all(row["stages"][stage] > 0 for stage in scale.STAGES)
    assert row["e2e"] > 0 and row["peak_rss_mb"] > 10
    assert row["candidates"] > 0 and row["brute"]["true_pairs"] > 0
    brute = row["brute"]
    assert brute["recall"] == brute["found"] / brute["true_pairs"] and row["speed_ratio"] > 0

"""Sources that may be about another story: few of their names and few of their sentences
are found in the other sources."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from aligner.calibration import OFF_STORY_MIN_NAMES, OFF_STORY_NAME_SHARE, OFF_STORY_ROW_SHARE
from aligner.match.off_story import off_story_sources
from aligner.pipeline import compare
from aligner.result.model import OffStory, SourceStats
from aligner.text.features import sentence_features

HARBOUR = (
    "The Portsmouth harbour bridge reopened on Monday after repairs, Mayor Alice Grant said.",
    "Engineers from Solent Marine replaced the beams, the Portsmouth Harbour Authority said.",
)
# Names none of the harbour sentences has; each sentence names four words.
FOOTBALL = "Yesterday Vinicius Junior scored for Real Madrid against Sevilla."


def stats(article_id: str, prose: int, shared: int = 0, contradicting: int = 0) -> SourceStats:
    return SourceStats(article_id, prose, shared, prose - shared - contradicting, contradicting, 0)


def sources(third: list[str], shared: int = 0, contradicting: int = 0) -> tuple[OffStory, ...]:
    """Two harbour articles and a third of ``third``, its sentences ``shared`` with them."""
    texts = [*HARBOUR * 3, *HARBOUR * 3, *third]
    article_of = [0] * 6 + [1] * 6 + [2] * len(third)
    return off_story_sources(
        [sentence_features(t) for t in texts],
        article_of,
        [stats("a1", 6, 6), stats("a2", 6, 6), stats("a3", len(third), shared, contradicting)],
    )


def test_a_source_naming_nothing_the_others_name_and_sharing_no_row_is_found() -> None:
    third = [FOOTBALL] * 10
    found = sources(third)
    assert [o.article_id for o in found] == ["a3"]
    (off,) = found
    names = sum(len(n) for n in sentence_features(FOOTBALL).name_words) * 10
    assert (off.names, off.names_shared, off.sentences, off.sentences_shared) == (names, 0, 10, 0)
    assert off.reason == (
        f"0 of its {names} name mentions and 0 of its 10 sentences are found in the other sources"
    )


def test_the_harbour_articles_are_not_found_beside_it() -> None:
    assert all(o.article_id == "a3" for o in sources([FOOTBALL] * 10))


def test_sharing_rows_keeps_a_source_on_the_story_whatever_its_names() -> None:
    # Another angle with other witnesses: its rows show it tells the same story.
    needed = math.ceil(OFF_STORY_ROW_SHARE * 10)
    assert sources([FOOTBALL] * 10, shared=needed) == ()
    assert sources([FOOTBALL] * 10, contradicting=needed) == ()
    assert sources([FOOTBALL] * 10, shared=needed - 1) != ()


def test_naming_the_story_s_people_keeps_a_source_on_it_whatever_its_rows() -> None:
    # Each of these names the mayor and the authority: over half its name mentions.
    third = ["Mayor Alice Grant visited Portsmouth Harbour Authority staff at the docks."] * 10
    assert sources(third) == ()


@pytest.mark.parametrize("extra", range(0, 16, 3))
def test_the_name_share_is_compared_with_its_bound(extra: int) -> None:
    # Twenty football sentences and ``extra`` that name the harbour town once each.
    portsmouth = "We then drove on towards Portsmouth."
    assert sum(map(len, sentence_features(portsmouth).name_words)) == 1
    football = sum(map(len, sentence_features(FOOTBALL).name_words)) * 20
    share = extra / (football + extra)
    found = sources([FOOTBALL] * 20 + [portsmouth] * extra)
    assert (found != ()) == (share < OFF_STORY_NAME_SHARE)


def test_the_name_share_cases_fall_on_both_sides_of_the_bound() -> None:
    football = sum(map(len, sentence_features(FOOTBALL).name_words)) * 20
    shares = [extra / (football + extra) for extra in range(0, 16, 3)]
    assert min(shares) < OFF_STORY_NAME_SHARE <= max(shares)


def test_too_few_names_say_nothing() -> None:
    per_sentence = sum(map(len, sentence_features(FOOTBALL).name_words))
    few = (OFF_STORY_MIN_NAMES - 1) // per_sentence
    assert few * per_sentence < OFF_STORY_MIN_NAMES
    assert sources([FOOTBALL] * few) == ()


def test_one_source_has_no_other_story() -> None:
    features = [sentence_features(FOOTBALL)] * 10
    assert off_story_sources(features, [0] * 10, [stats("a1", 10)]) == ()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    texts = {
        "harbour-herald.txt": (
            "The Portsmouth harbour bridge reopened on Monday after six months of repairs, "
            "Mayor Alice Grant said.\nEngineers from Solent Marine replaced the cracked steel "
            "beams that closed the bridge in March.\nThe repairs cost 4 million pounds, "
            "according to the Portsmouth Harbour Authority.\n"
        ),
        "coast-news.txt": (
            "Portsmouth's harbour bridge opened again on Monday after repairs lasting six "
            "months, said Mayor Alice Grant.\nSolent Marine engineers replaced cracked steel "
            "beams that had closed the bridge in March.\nThe Portsmouth Harbour Authority "
            "said the repairs cost 4 million pounds.\n"
        ),
        "match-report.txt": (
            "Real Madrid beat Sevilla 3-1 at the Santiago Bernabeu on Sunday night.\n"
            "Vinicius Junior opened the scoring for Real Madrid after twelve minutes.\n"
            "Jude Bellingham restored the lead for Real Madrid with a header from a Toni "
            "Kroos corner.\nRodrygo sealed the win for Carlo Ancelotti's side in stoppage "
            "time.\nSevilla coach Jose Luis Mendilibar praised his players at the Bernabeu.\n"
        ),
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_comparison_names_the_match_report_among_harbour_stories(folder: Path) -> None:
    comparison = compare([str(folder)])
    report = comparison.article_by_id[comparison.off_story[0].article_id]
    assert [Path(report.path).name] == ["match-report.txt"]
    assert len(comparison.off_story) == 1
    assert comparison.off_story[0].names_shared == 0

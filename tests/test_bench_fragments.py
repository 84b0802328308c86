"""bench/fragments.py, the count of one- or two-word prose sentences (issue 16 item 2), on a
made-up folder, and on the project's news folders when they are there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import fragments

STORY = (
    "The council met on Friday to discuss the police chief.\n"
    "Q. What did the mayor say about the chief?\n"
    "“Mr. Johnson’s actions were unacceptable,” the mayor said. O.J. Simpson was not there.\n"
    "The council met again on Monday.[2][16] It voted. Nobody spoke against it.\n"
    "jane.roe@example-tribune.com\n"
)


def test_counts_short_prose_of_every_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for dataset in fragments.DATASETS:
        folder = tmp_path / dataset / "event"
        folder.mkdir(parents=True)
        (folder / "a1.txt").write_text(STORY, encoding="utf-8")
    folders = fragments.cluster_folders(tmp_path)
    total, short = fragments.short_prose(folders, words=2)
    # Per folder: the meeting, the question, the quotation, Simpson, and three on Monday.
    assert total == 14
    assert [sentence.text for _, sentence in short] == ["It voted.", "It voted."]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.argv", ["fragments.py", "--data", str(tmp_path)])
        fragments.main()
    assert capsys.readouterr().out.endswith(
        "2 folders: 2 of 14 prose sentences have at most 2 words\n"
    )


# What issue 16 item 2 found as one- or two-word "claims" in the news folders: a lone "“Mr."
# or "O.J.", reference marks, interview labels, credits, addresses, a "Read more" link.
_FRAGMENT = re.compile(
    r"“?Mr\.|.*O\.J\.|\[.*\]|[QA]\.|\(.*/.*\)|.*@.*|Read more|Related Story:|--.*|VPC|\(CW33\)"
)


@pytest.mark.skipif(
    not (fragments.DEFAULT_DATA / "news_clusters").is_dir(), reason="needs ../shared/data"
)
def test_the_news_folders_have_no_fragment_left() -> None:
    _, short = fragments.short_prose(fragments.cluster_folders(fragments.DEFAULT_DATA), words=2)
    left = [sentence.text for _, sentence in short if _FRAGMENT.fullmatch(sentence.text)]
    assert left == []

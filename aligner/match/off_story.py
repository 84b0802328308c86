"""Sources that may be about another story than the rest of the folder.

A folder of downloaded articles often holds a page about something else: an older story on a
related subject, a reference page. Its rows are then nearly all "only in" that source, and a
reader should be told why rather than read them as what the other outlets left out. Such a
source names almost no one and nothing the others name (its people, places and organisations
are another story's) and almost none of its sentences shares a row with theirs. Both must
hold: an article on the story can tell few of the others' facts (another angle) or name
people they do not (other witnesses), but not both at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from aligner.calibration import OFF_STORY_MIN_NAMES, OFF_STORY_NAME_SHARE, OFF_STORY_ROW_SHARE
from aligner.result.model import OffStory, SourceStats
from aligner.text.features import SentenceFeatures


def off_story_sources(
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    stats: Sequence[SourceStats],
) -> tuple[OffStory, ...]:
    """The sources of ``stats`` (one per article, in order) that may be about another story.

    ``features``: each prose sentence's, article by article; ``article_of``: the index of
    each one's article. A folder of one source has no other story to compare with."""
    if len(stats) < 2:
        return ()
    mentions: list[Counter[str]] = [Counter() for _ in stats]
    for sentence, article in zip(features, article_of, strict=True):
        for name in sentence.name_words:
            mentions[article].update(name)
    # How many sources name each word: a word two or more name is shared by each of them.
    namers = Counter(word for counted in mentions for word in counted)
    found = []
    for counted, source in zip(mentions, stats, strict=True):
        names = sum(counted.values())
        if names < OFF_STORY_MIN_NAMES or source.prose == 0:
            continue
        names_shared = sum(times for word, times in counted.items() if namers[word] > 1)
        in_rows = source.shared + source.contradicting
        if names_shared < OFF_STORY_NAME_SHARE * names and in_rows < OFF_STORY_ROW_SHARE * (
            source.prose
        ):
            found.append(OffStory(source.article_id, names, names_shared, source.prose, in_rows))
    return tuple(found)

"""Property tests over the whole engine: any text, no crash, no lost sentence, valid groups."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.pipeline import compare

# Words from news prose, so that generated articles really share sentences sometimes.
VOCAB = [
    "Trump",
    "Putin",
    "said",
    "the",
    "call",
    "lasted",
    "90",
    "minutes",
    "nearly",
    "an",
    "hour",
    "not",
    "no",
    "Kyiv",
    "29",
    "killed",
    ".",
]

sentence = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=12).map(" ".join)
news_like = st.lists(sentence, min_size=0, max_size=8).map("\n".join)
any_text = st.text(max_size=400)
article_text = st.one_of(news_like, any_text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article_text, min_size=1, max_size=4))
def test_any_texts_give_a_valid_comparison(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for k, text in enumerate(texts):
            Path(folder, f"{k}.txt").write_text(text, encoding="utf-8")
        comparison = compare([folder], threshold=60)
    prose = [s.id for a in comparison.articles for s in a.prose]
    counts = Counter(m for g in comparison.groups for m in g.members)
    assert sorted(counts) == sorted(prose)
    assert all(n == 1 for n in counts.values())
    for group in comparison.groups:
        articles = [comparison.sentences[m].article_id for m in group.members]
        assert len(articles) == len(set(articles))
    assert len(comparison.articles) + len(comparison.skipped) == len(texts)
    for article in comparison.articles:
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text
            assert s.text.strip() == s.text and s.text

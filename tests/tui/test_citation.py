"""Quoting a sentence with its source: one inert line, shortened at a word when asked."""

from __future__ import annotations

import dataclasses

from aligner.result.model import Comparison
from tui.citation import citation, shortened, source_name
from tui.screens import note_entries


def test_shortened_cuts_at_a_word_and_says_so() -> None:
    assert shortened("Officials opened three shelters.", 40) == "Officials opened three shelters."
    assert shortened("Officials opened three shelters.", 20) == "Officials opened…"
    assert shortened("x" * 30, 10) == "x" * 9 + "…"  # no space to cut at: cut the word
    assert shortened("two\nlines\tand\x1b[31m colour", 40) == "two lines and[31m colour"


def test_citation_names_source_and_file_once(small_comparison: Comparison) -> None:
    alpha = small_comparison.articles[0]
    quote = citation(alpha, "It rained\n  all day.")
    assert quote == "“It rained all day.” — Alpha News (alpha.txt)"
    unnamed = dataclasses.replace(alpha, source="", title="")
    assert source_name(unnamed) == "alpha.txt"
    assert citation(unnamed, "It rained.") == "“It rained.” — alpha.txt"


def test_note_entries_follow_reading_order(small_comparison: Comparison) -> None:
    notes = {"a3s1": "third", "a1s2": "first", "a2s3": "second"}
    entries = note_entries(small_comparison, notes)
    assert [(e.sentence_id, e.source, e.note) for e in entries] == [
        ("a1s2", "Alpha News", "first"),
        ("a2s3", "Beta Daily", "second"),
        ("a3s1", "[@click=app.quit]Wire", "third"),
    ]

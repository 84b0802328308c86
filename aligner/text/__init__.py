"""Text: line kinds, sentences and per-sentence features, with the word lists they use."""

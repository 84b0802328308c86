"""Result: the frozen data model of a Comparison, its per-source summary and word diffs."""

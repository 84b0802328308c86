"""Matching: candidate pairs -> similarity and counterpart scores -> rows (alignment)."""

"""Conflicts: the checks that mark aligned or related sentences as contradicting."""

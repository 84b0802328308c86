"""Parallax reader: the Textual app and the command line.

Importing this package must stay cheap and must not import Textual, so that
``parallax export`` runs without it; the app lives in ``tui.app``.
"""

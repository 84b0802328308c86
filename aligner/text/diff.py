"""Word-level diff between two sentences, as character ranges a reader can colour."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from aligner.text.quantities import NUMBER_WORDS
from aligner.text.typography import plain_typography

__all__ = [
    "DiffKind",
    "DiffOp",
    "is_number_token",
    "kept_share",
    "token_spans",
    "word_diff",
]


class DiffKind(StrEnum):
    """What happened to a run of tokens between sentence ``a`` and sentence ``b``."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of whole tokens; offsets are the truth, ``a``/``b`` are the text they cover.

    ``a == a_text[a_start:a_end]`` (inner spaces included), likewise for ``b``. An INSERT has an
    empty ``a`` range at the point where ``b``'s words would go, a DELETE an empty ``b`` range.
    ``numeric`` is True when a change touches a number (digits or a number word).
    """

    kind: DiffKind
    a: str
    b: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    numeric: bool = False


_TOKEN = re.compile(
    r"""
      (?:[^\W\d_]\.){2,}                # dotted abbreviations: U.S., a.m., D.C.
    | [$€£¥₹]?\w+                       # words and numbers, with currency sign ...
      (?:(?:(?<=\d)[.,:](?=\d)          # ... inner separators of numbers: 3.5, 1,000, 9:30
          |[-‐‑–'’](?=\w))\w+)*         # ... hyphens and apostrophes: pre-2014, Zelenskiy’s
      %?                                # ... and a percent sign: 20%
    | ([^\w\s])\1*                      # punctuation; a run of one mark ("...", "--") is one
    """,
    re.VERBOSE,
)

_DASH_RUN = re.compile(r"-+")

# Numbers to a reader, marked in a diff: the words figures are read from, and the plurals,
# "twice" and ordinals that carry no figure of their own.
_NUMBER_LIKE_WORDS = (
    NUMBER_WORDS
    | {scale + "s" for scale in ("dozen", "hundred", "thousand", "million", "billion", "trillion")}
    | {"twice"}
    | {"first", "second", "third", "fourth", "fifth", "sixth"}
    | {"seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"}
)

# Beyond this many token pairs the changed middle is shown as one replacement: SequenceMatcher
# is quadratic in the worst case and a reader gains nothing from a fine diff of such a blob.
_MAX_COMPARED_PAIRS = 250_000

_MIRRORED_TAG = {"equal": "equal", "replace": "replace", "insert": "delete", "delete": "insert"}

Opcode = tuple[str, int, int, int, int]


def token_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every word, number and punctuation token, in order.

    Every non-whitespace character of ``text`` lies in exactly one token.
    """
    return [match.span() for match in _TOKEN.finditer(text)]


def is_number_token(token: str) -> bool:
    """Whether ``token`` is a number: it has a digit or is a number word ("thirty-five")."""
    if any(char.isdigit() for char in token):
        return True
    parts = _token_key(token).split("-")
    return all(part in _NUMBER_LIKE_WORDS for part in parts)


def kept_share(ops: Sequence[DiffOp]) -> float:
    """The share of the shorter sentence's words that ``ops`` (a ``word_diff``) keep: under
    a third or so, two versions are worded apart and their diff lists every word."""
    kept = sum(_word_count(op.a) for op in ops if op.kind is DiffKind.EQUAL)
    shorter = min(sum(_word_count(op.a) for op in ops), sum(_word_count(op.b) for op in ops))
    return kept / shorter if shorter else 1.0


def _word_count(text: str) -> int:
    return sum(1 for start, end in token_spans(text) if _WORD.search(text, start, end))


_WORD = re.compile(r"\w")


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Diff ``a`` and ``b`` word by word.

    Tokens compare case-insensitively with quotes and dashes folded, so "Zelenskiy’s" equals
    "Zelenskiy's". The ops cover every token of both sentences in order; only whitespace lies
    between consecutive ops. Changes never touch each other: a deletion next to an insertion
    is one REPLACE, so EQUAL and change ops alternate.
    """
    a_spans, b_spans = token_spans(a), token_spans(b)
    a_keys = [_token_key(a[start:end]) for start, end in a_spans]
    b_keys = [_token_key(b[start:end]) for start, end in b_spans]
    # SequenceMatcher breaks ties by position in its first sequence, so diff(a, b) and
    # diff(b, a) could align differently. Diffing in a canonical order and mirroring back
    # makes swapping the two panes swap INSERT and DELETE and nothing else.
    if b_keys < a_keys:
        mirrored = _token_opcodes(b_keys, a_keys)
        opcodes = [(_MIRRORED_TAG[tag], j1, j2, i1, i2) for tag, i1, i2, j1, j2 in mirrored]
    else:
        opcodes = _token_opcodes(a_keys, b_keys)
    return tuple(_diff_op(a, b, a_spans, b_spans, opcode) for opcode in opcodes)


# Words repeat across the sentences of a folder: the Markdown export of a large one diffs
# tens of thousands of pairs.
@functools.lru_cache(maxsize=1 << 16)
def _token_key(token: str) -> str:
    key = unicodedata.normalize("NFKC", plain_typography(token)).casefold()
    return _DASH_RUN.sub("-", key)


def _token_opcodes(a_keys: list[str], b_keys: list[str]) -> list[Opcode]:
    """difflib opcodes over token keys, with the common prefix and suffix matched first.

    difflib already reports a deletion next to an insertion as one "replace" and never puts
    two "equal" runs side by side; trimming a maximal prefix and suffix keeps it that way.
    """
    prefix = 0
    while prefix < min(len(a_keys), len(b_keys)) and a_keys[prefix] == b_keys[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(a_keys), len(b_keys)) - prefix
        and a_keys[-1 - suffix] == b_keys[-1 - suffix]
    ):
        suffix += 1
    a_mid = a_keys[prefix : len(a_keys) - suffix]
    b_mid = b_keys[prefix : len(b_keys) - suffix]

    opcodes: list[Opcode] = []
    if prefix:
        opcodes.append(("equal", 0, prefix, 0, prefix))
    if len(a_mid) * len(b_mid) > _MAX_COMPARED_PAIRS:
        opcodes.append(("replace", prefix, prefix + len(a_mid), prefix, prefix + len(b_mid)))
    elif a_mid or b_mid:
        matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
        opcodes.extend(
            (tag, i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        )
    if suffix:
        a_from, b_from = len(a_keys) - suffix, len(b_keys) - suffix
        opcodes.append(("equal", a_from, len(a_keys), b_from, len(b_keys)))
    return opcodes


def _diff_op(
    a: str,
    b: str,
    a_spans: list[tuple[int, int]],
    b_spans: list[tuple[int, int]],
    opcode: Opcode,
) -> DiffOp:
    tag, i1, i2, j1, j2 = opcode
    kind = DiffKind(tag)
    a_start, a_end = _char_range(a_spans, i1, i2)
    b_start, b_end = _char_range(b_spans, j1, j2)
    numeric = kind is not DiffKind.EQUAL and any(
        is_number_token(text[start:end])
        for text, spans in ((a, a_spans[i1:i2]), (b, b_spans[j1:j2]))
        for start, end in spans
    )
    return DiffOp(kind, a[a_start:a_end], b[b_start:b_end], a_start, a_end, b_start, b_end, numeric)


def _char_range(spans: list[tuple[int, int]], first: int, stop: int) -> tuple[int, int]:
    """Characters covered by tokens ``first:stop``; an empty range sits after the token before."""
    if first < stop:
        return spans[first][0], spans[stop - 1][1]
    if first > 0:
        return spans[first - 1][1], spans[first - 1][1]
    point = spans[0][0] if spans else 0
    return point, point

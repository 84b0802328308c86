"""JSON export: a Comparison in the versioned ``parallax.comparison/1`` schema for programs."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from aligner.collector import collector_paused
from aligner.model import Comparison, Label

SCHEMA = "parallax.comparison/1"

_TOP_LEVEL_KEYS = ("schema", "articles", "skipped", "groups", "conflicts", "similarity")
# json.dumps(ensure_ascii=False) leaves these raw; escaped as \uXXXX they stay the same
# string for a parser but cannot act on a terminal the JSON is printed to (C1 controls,
# DEL), reorder what a reader sees (bidi overrides) or end a JavaScript line (U+2028/9).
# Lone surrogates (file-name bytes that are not UTF-8) cannot be encoded as UTF-8 raw;
# escaped, they parse back to the very same path.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class SchemaError(ValueError):
    """The text is not a Parallax comparison in a schema this version understands."""


def comparison_to_dict(
    comparison: Comparison, *, notes: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The comparison as plain JSON-ready data, keys in schema order."""
    from aligner import __version__

    articles = comparison.articles
    groups = comparison.groups
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "generator": {"name": "parallax", "version": __version__},
        "options": {
            "threshold": comparison.options.threshold,
            "pivot": comparison.options.pivot,
        },
        "articles": [
            {
                "id": article.id,
                "path": article.path,
                "title": article.title,
                "source": article.source,
                "sentences": [
                    {
                        "id": s.id,
                        "text": s.text,
                        "kind": str(s.kind),
                        "start": s.start,
                        "end": s.end,
                        "paragraph": s.paragraph,
                    }
                    for s in article.sentences
                ],
            }
            for article in articles
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in comparison.skipped],
        "groups": [
            {
                "id": g.id,
                "label": str(g.label),
                "sentences": list(g.members),
                "score": round(g.score, 4),
            }
            for g in groups
        ],
        "conflicts": [
            {"a": c.a, "b": c.b, "kind": str(c.kind), "detail": c.detail}
            for c in comparison.conflicts
        ],
        "similarity": _similarity(comparison),
        "stats": {
            "articles": len(articles),
            "groups": len(groups),
            "shared": sum(g.label is Label.SHARED for g in groups),
            "unique": sum(g.label is Label.UNIQUE for g in groups),
            "contradicting": sum(g.label is Label.CONTRADICTING for g in groups),
            "conflicts": len(comparison.conflicts),
            "skipped": len(comparison.skipped),
            "sources": {
                s.article_id: {
                    "prose": s.prose,
                    "shared": s.shared,
                    "unique": s.unique,
                    "contradicting": s.contradicting,
                    "non_prose": s.non_prose,
                }
                for s in comparison.stats
            },
        },
    }
    if notes is not None:
        # Reading order, whatever order the caller's mapping has; notes on sentences that
        # are not in this comparison have nothing to stand next to and are left out.
        data["notes"] = {sid: notes[sid] for sid in comparison.sentences if sid in notes}
    return data


def _similarity(comparison: Comparison) -> dict[str, dict[str, float]]:
    order = [a.id for a in comparison.articles]
    rank = {article_id: i for i, article_id in enumerate(order)}

    def ordered(ids: Mapping[str, Any]) -> list[str]:
        return sorted(ids, key=lambda k: (rank.get(k, len(rank)), k))

    matrix = comparison.similarity
    return {
        row: {col: round(float(matrix[row][col]), 4) for col in ordered(matrix[row])}
        for row in ordered(matrix)
    }


def to_json(comparison: Comparison, *, notes: Mapping[str, str] | None = None) -> str:
    """The comparison as JSON text ending in a newline; same comparison, same bytes."""
    with collector_paused():
        text = _indented(comparison_to_dict(comparison, notes=notes), level=0)
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _indented(value: Any, *, level: int) -> str:
    """Two-space indented JSON in which every flat record (a sentence, a group, a conflict,
    one row of the similarity matrix) sits on one line.

    Flat records go through json's C encoder; ``indent=`` would force the pure-Python one,
    many times slower on a 10k-sentence comparison, and a record per line reads better.
    """
    if _is_flat(value):
        return _encode_flat(value)
    inner = "  " * (level + 1)
    if isinstance(value, dict):
        items = [
            f"{inner}{_encode_flat(key)}: {_indented(item, level=level + 1)}"
            for key, item in value.items()
        ]
        brackets = "{}"
    else:
        items = [f"{inner}{_indented(item, level=level + 1)}" for item in value]
        brackets = "[]"
    if not items:
        return brackets
    return f"{brackets[0]}\n" + ",\n".join(items) + f"\n{'  ' * level}{brackets[1]}"


# json.dumps with these options would build a new encoder for every record.
_encode_flat = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _is_flat(value: Any) -> bool:
    """A scalar, or a record/list holding only scalars and lists of scalars."""
    # Plain loops: this runs once per sentence record, and generators of helper calls
    # cost more than the encoding itself.
    if isinstance(value, list):
        return not _holds_container(value)
    if not isinstance(value, dict):
        return True
    for item in value.values():
        if isinstance(item, dict) or (isinstance(item, list) and _holds_container(item)):
            return False
    return True


def _holds_container(values: list[Any]) -> bool:
    return any(isinstance(item, _CONTAINERS) for item in values)


_CONTAINERS = (dict, list)


def from_json(text: str) -> dict[str, Any]:
    """Parse an exported comparison; ``SchemaError`` unless it is ``parallax.comparison/1``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemaError(f"not JSON: {error}") from error
    if not isinstance(data, dict):
        raise SchemaError("not a Parallax comparison: the top level is not an object")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise SchemaError(f"unsupported schema {schema!r}; expected {SCHEMA!r}")
    missing = [key for key in _TOP_LEVEL_KEYS if key not in data]
    if missing:
        raise SchemaError(f"not a complete comparison: missing {', '.join(missing)}")
    return data

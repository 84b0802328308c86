"""JSON export: a Comparison in the versioned ``parallax.comparison/1`` schema for programs."""

from __future__ import annotations

import json
import math
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from aligner.result.model import Comparison, Label, Link, Sentence, Severity
from aligner.runtime.cancel import checked, checkpoint
from aligner.runtime.collector import collector_paused
from aligner.runtime.parallel import Aside
from aligner.text.terminal_safety import UNSAFE_BEYOND_C0

SCHEMA = "parallax.comparison/1"

_TOP_LEVEL_KEYS = ("schema", "articles", "skipped", "groups", "conflicts", "similarity")
# json.dumps(ensure_ascii=False) escapes the C0 controls but leaves the rest of what the
# terminal rule refuses raw; escaped as \uXXXX they stay the same string for a parser but
# cannot act on a terminal the JSON is printed to (C1 controls, DEL), reorder what a reader
# sees (bidi overrides), hide text (tag characters) or end a JavaScript line (U+2028/9).
# Lone surrogates (file-name bytes that are not UTF-8) cannot be encoded as UTF-8 raw;
# escaped, they parse back to the very same path.
_TERMINAL_UNSAFE = re.compile(f"[{UNSAFE_BEYOND_C0}]")
_ASCII_UNSAFE = "".join(char for char in map(chr, range(128)) if _TERMINAL_UNSAFE.match(char))


class SchemaError(ValueError):
    """The text is not a Parallax comparison in a schema this version understands."""


Section = Callable[[Comparison], Any]


def _sections(notes: Mapping[str, str] | None) -> list[tuple[str, Section]]:
    """The top-level keys in schema order, each with what builds its value."""
    sections: list[tuple[str, Section]] = [
        ("schema", lambda _: SCHEMA),
        ("generator", _generator),
        ("options", _options),
        ("articles", _articles),
        ("skipped", _skipped),
        ("repaired", _repaired),
        ("groups", _groups),
        ("conflicts", _conflicts),
        ("links", _links),
        ("near", _near),
        ("similarity", _similarity),
        ("stats", _stats),
        ("off_story", _off_story),
    ]
    if notes is not None:
        sections.append(("notes", partial(_notes, notes)))
    return sections


def _generator(comparison: Comparison) -> dict[str, str]:
    from aligner import __version__

    return {"name": "parallax", "version": __version__}


def _options(comparison: Comparison) -> dict[str, Any]:
    return {"threshold": comparison.options.threshold, "pivot": comparison.options.pivot}


def _articles(comparison: Comparison) -> list[dict[str, Any]]:
    return [
        {
            "id": article.id,
            "path": article.path,
            "title": article.title,
            "source": article.source,
            "sentences": _sentence_records(article.sentences),
        }
        for article in comparison.articles
    ]


def _sentence_records(sentences: Sequence[Sentence]) -> _EncodedRecords:
    # Written straight as text, as the conflicts are (msrp10k14: 11,000 sentences).
    text, number = _encode_text, _encode_number
    return _EncodedRecords(
        f'{{"id": {text(s.id)}, "text": {text(s.text)}, "kind": {text(str(s.kind))}, '
        f'"start": {number(s.start)}, "end": {number(s.end)}, '
        f'"paragraph": {number(s.paragraph)}}}'
        for s in sentences
    )


def _skipped(comparison: Comparison) -> list[dict[str, str]]:
    return _Records({"path": s.path, "reason": s.reason} for s in comparison.skipped)


def _repaired(comparison: Comparison) -> list[dict[str, str]]:
    return _Records({"path": n.path, "repair": n.message} for n in comparison.notices)


def _groups(comparison: Comparison) -> _EncodedRecords:
    # Written straight as text, as the conflicts are (msrp10k14: 2,800 groups).
    checkpoint()
    text, number = _encode_text, _encode_number
    return _EncodedRecords(
        f'{{"id": {text(g.id)}, "label": {text(str(g.label))}, '
        f'"sentences": [{", ".join(map(text, g.members))}], '
        f'"score": {number(round(g.score, 4))}, '
        # Added without a schema change: each member's best counterpart score in the row.
        f'"member_scores": [{", ".join(number(round(s, 4)) for s in g.scores_of_members)}]}}'
        for g in comparison.groups
    )


def _conflicts(comparison: Comparison) -> _EncodedRecords:
    # Written straight as text (see ``_EncodedRecords``): a large comparison has tens of
    # thousands of conflicts, and a dict for each plus its walk by the encoder cost three
    # times as much (msrp10k14: 34,599 conflicts built and encoded in 0.058 s -> 0.024 s).
    checkpoint()
    text = _encode_text
    return _EncodedRecords(
        f'{{"a": {text(c.a)}, "b": {text(c.b)}, "kind": {text(str(c.kind))}, '
        f'"detail": {text(c.detail)}, "severity": {text(str(c.severity))}}}'
        for c in comparison.conflicts
    )


def _links(comparison: Comparison) -> _EncodedRecords:
    return _scored_pairs(comparison.links)


def _near(comparison: Comparison) -> _EncodedRecords:
    return _scored_pairs(comparison.near)


def _scored_pairs(pairs: Sequence[Link]) -> _EncodedRecords:
    checkpoint()
    text, number = _encode_text, _encode_number
    return _EncodedRecords(
        f'{{"a": {text(k.a)}, "b": {text(k.b)}, "score": {number(round(k.score, 4))}}}'
        for k in pairs
    )


def _stats(comparison: Comparison) -> dict[str, Any]:
    groups = comparison.groups
    return {
        "articles": len(comparison.articles),
        "groups": len(groups),
        "shared": sum(g.label is Label.SHARED for g in groups),
        "unique": sum(g.label is Label.UNIQUE for g in groups),
        "contradicting": sum(g.label is Label.CONTRADICTING for g in groups),
        "conflicts": len(comparison.conflicts),
        "soft_conflicts": sum(c.severity is Severity.SOFT for c in comparison.conflicts),
        "links": len(comparison.links),
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
    }


def _off_story(comparison: Comparison) -> list[dict[str, Any]]:
    return _Records(
        {
            "article": o.article_id,
            "names": o.names,
            "names_shared": o.names_shared,
            "sentences": o.sentences,
            "sentences_shared": o.sentences_shared,
        }
        for o in comparison.off_story
    )


def _notes(notes: Mapping[str, str], comparison: Comparison) -> dict[str, str]:
    # Reading order, whatever order the caller's mapping has; notes on sentences that are
    # not in this comparison have nothing to stand next to and are left out.
    return {sid: notes[sid] for sid in comparison.sentences if sid in notes}


def _similarity(comparison: Comparison) -> _EncodedRows:
    rank = {a.id: i for i, a in enumerate(comparison.articles)}
    matrix = comparison.similarity
    # A large folder's matrix holds hundreds of thousands of shares but few distinct ones
    # and one column name per source: each is encoded once, and a row is their join, as
    # json writes a flat record.
    share_text, key_text = _ShareText(), _KeyText()
    rows = _EncodedRows()
    for row in _in_article_order(matrix, rank):
        shares = matrix[row]
        columns = _in_article_order(shares, rank)
        values = map(share_text.__getitem__, map(shares.__getitem__, columns))
        items = map(operator.add, map(key_text.__getitem__, columns), values)
        rows[row] = "{" + ", ".join(items) + "}"
    return rows


class _EncodedRows(dict[str, str]):
    """Rows already encoded as JSON text, by key: ``_indented`` writes one a line."""


class _EncodedRecords(list[str]):
    """Flat records already encoded as JSON text, as the encoder writes them (``_encode_flat``:
    its separators; strings by ``_encode_text``, numbers by ``_encode_number``): ``_indented``
    writes one a line, as it writes ``_Records``."""


class _ShareText(dict[float, str]):
    """The JSON text of ``round(float(share), 4)`` by share. Zero is never stored: 0.0 and
    -0.0 are one key but are written differently."""

    def __missing__(self, share: float) -> str:
        text = _encode_flat(round(float(share), 4))
        if share:
            self[share] = text
        return text


class _KeyText(dict[str, str]):
    """``"key": `` as json writes a key of a record (a key that is no string too)."""

    def __missing__(self, key: str) -> str:
        text = self[key] = _encode_flat({key: None})[1 : -len("null}")]
        return text


def _in_article_order(ids: Mapping[str, Any], rank: Mapping[str, int]) -> list[str]:
    """``ids`` in article order, ids of no article last by name."""
    keys = list(ids)
    ranks = [rank.get(k, -1) for k in keys]
    # A matrix from summary.similarity_matrix is in article order already: checking that
    # costs a fraction of sorting by a key function.
    if -1 not in ranks and ranks == sorted(ranks):
        return keys
    return sorted(keys, key=lambda k: (rank.get(k, len(rank)), k))


def to_json(
    comparison: Comparison, *, notes: Mapping[str, str] | None = None, workers: int = 1
) -> str:
    """The comparison as JSON text ending in a newline; same comparison, same bytes.

    ``workers`` > 1 lets a forked child encode some sections of a large comparison while
    this process encodes the others (see ``_encoded_in_two``).
    """
    sections = _sections(notes)
    with collector_paused():
        if workers > 1 and _records(comparison) >= PARALLEL_MIN_RECORDS:
            parts = _encoded_in_two(comparison, sections)
        else:
            parts = _encoded_sections(comparison, sections)
    # The braces join the first and last sections (a few bytes each), not the whole text:
    # every copy of a large folder's 12 MB document costs milliseconds.
    parts[0], parts[-1] = "{\n" + parts[0], parts[-1] + "\n}\n"
    return ",\n".join(parts)


# Records (sentences, conflicts, links) below which one process encodes the whole export: a
# fork and the text sent back would cost more than they save.
PARALLEL_MIN_RECORDS = 20_000

# The sections a child encodes, about half of a large comparison's encoding (msrp10k14:
# conflicts and links 0.085 s of 0.21 s; the child, slowed by copying the pages it touches
# and sending its text back, takes about as long as this process takes for the rest).
_ENCODED_ASIDE = frozenset({"conflicts", "links", "near"})


def _records(comparison: Comparison) -> int:
    sentences = sum(len(article.sentences) for article in comparison.articles)
    return sentences + len(comparison.conflicts) + len(comparison.links)


def _encoded_in_two(comparison: Comparison, sections: Sequence[tuple[str, Section]]) -> list[str]:
    """``_encoded_sections``, those named in ``_ENCODED_ASIDE`` encoded by a forked child.

    Each section's text depends on that section alone, so the parts put back in schema
    order are the serial ones; the child sends back text, which pickles at memory speed."""
    aside = [(key, build) for key, build in sections if key in _ENCODED_ASIDE]
    here = [(key, build) for key, build in sections if key not in _ENCODED_ASIDE]
    with Aside(partial(_encoded_sections, comparison, aside), wanted=True) as child:
        encoded = _encoded_sections(comparison, here)
        by_key = dict(zip([key for key, _ in here], encoded, strict=True))
        by_key.update(zip([key for key, _ in aside], child.result(), strict=True))
    return [by_key[key] for key, _ in sections]


def _encoded_sections(comparison: Comparison, sections: Sequence[tuple[str, Section]]) -> list[str]:
    """Each top-level section as its lines of the document (see ``_indented``), with what
    must not reach a terminal raw escaped."""
    return [
        _terminal_safe(f"  {_encode_flat(key)}: {_indented(build(comparison), level=1)}")
        for key, build in sections
    ]


def _terminal_safe(text: str) -> str:
    """``text`` with what must not reach a terminal raw escaped."""
    # Sections of ids and numbers (groups, links, the similarity matrix) are ASCII, where
    # the rule refuses only DEL: str.isascii() answers at once, a scan takes milliseconds
    # a megabyte.
    if any(char in text for char in _ASCII_UNSAFE):
        return _TERMINAL_UNSAFE.sub(_escaped, text)
    if text.isascii():
        return text
    # Few lines of a section hold anything but ASCII (120 of 87,000 in the export of
    # msrp10k14): only those are scanned. The rule escapes single characters and never a
    # line break, so a line at a time escapes the very same ones.
    return "\n".join(
        line if line.isascii() else _TERMINAL_UNSAFE.sub(_escaped, line)
        for line in text.split("\n")
    )


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    # Beyond the BMP (tag characters) JSON has only the UTF-16 surrogate pair.
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def _indented(value: Any, *, level: int) -> str:
    """Two-space indented JSON in which every flat record (a sentence, a group, a conflict,
    one row of the similarity matrix) sits on one line.

    Flat records go through json's C encoder; ``indent=`` would force the pure-Python one,
    many times slower on a 10k-sentence comparison, and a record per line reads better.
    """
    if isinstance(value, _Records) and value:
        return _record_lines(value, level)
    if isinstance(value, _EncodedRecords):
        inner = "  " * (level + 1)
        lines = ",\n".join(inner + record for record in value)
        return f"[\n{lines}\n{'  ' * level}]" if value else "[]"
    if isinstance(value, _EncodedRows) and value:
        inner = "  " * (level + 1)
        items = [f"{inner}{_encode_flat(key)}: {row}" for key, row in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{'  ' * level}}}"
    if _is_flat(value):
        return _encode_flat(value)
    inner = "  " * (level + 1)
    if isinstance(value, dict):
        items = [
            f"{inner}{_encode_flat(key)}: {_indented(item, level=level + 1)}"
            for key, item in checked(value.items(), every=256)
        ]
        brackets = "{}"
    else:
        items = [f"{inner}{_indented(item, level=level + 1)}" for item in checked(value, every=256)]
        brackets = "[]"
    if not items:
        return brackets
    return f"{brackets[0]}\n" + ",\n".join(items) + f"\n{'  ' * level}{brackets[1]}"


class _Records(list[dict[str, Any]]):
    """A list of flat records (see ``_is_flat``) that all start with the same key, a plain
    name, as a section builder makes them: written by ``_record_lines``."""


def _record_lines(records: _Records, level: int) -> str:
    """``records`` (not empty) one per line, as ``_indented`` writes a list of flat records.

    One encoder call for the whole list instead of a walk and a call per record (a large
    comparison has tens of thousands of sentences, conflicts and links). The encoder writes
    ``}, {"key": `` between two records, and that text occurs nowhere else: the quote
    before ``key`` opens a string (a closing quote is never followed by a letter), so the
    ``}, {`` before it lies outside every string, where a flat record holds no brace.
    """
    checkpoint()
    first = next(iter(records[0]))
    if not (isinstance(first, str) and first.isidentifier()):
        return _indented(list(records), level=level)  # the reasoning above needs a name
    inner = "  " * (level + 1)
    key = _encode_flat(first)
    body = _encode_flat(records)[1:-1]  # the list without its brackets
    body = body.replace("}, {" + key + ": ", "},\n" + inner + "{" + key + ": ")
    return f"[\n{inner}{body}\n{'  ' * level}]"


# json.dumps with these options would build a new encoder for every record.
_encode_flat = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
# A string as that encoder writes one (ensure_ascii=False): the very function it calls.
_encode_text = json.encoder.encode_basestring


def _encode_number(value: float) -> str:
    """A number as ``_encode_flat`` writes it: int's or float's own repr for an int or a
    finite float (what the encoder calls), the encoder itself for anything else (NaN,
    infinities, a bool, a subclass)."""
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return _encode_flat(value)


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
        if isinstance(item, _EncodedRecords) and item:
            return False  # records to write one a line, as ``_Records`` of dicts are
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

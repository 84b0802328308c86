"""Load article files (.txt, .md, .html) into clean plain text, with reasons for skipped files."""

from __future__ import annotations

import html
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.model import SkippedFile, display_path

if TYPE_CHECKING:
    from markdown_it.token import Token

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
DEFAULT_MAX_FILE_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Document:
    """One loaded file: its clean text (one paragraph per line) and what it says about itself."""

    path: str
    source: str
    text: str
    title: str | None


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Documents in natural path order, and the files that could not be loaded."""

    documents: tuple[Document, ...]
    skipped: tuple[SkippedFile, ...]


class NoInputError(Exception):
    """A path given by the user does not exist."""


class _SkipFile(Exception):
    """Internal: this file cannot be loaded; ``reason`` is shown to people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def load_documents(
    paths: Sequence[str | Path],
    *,
    recursive: bool = False,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> LoadResult:
    """Load every supported file found in ``paths`` (files and/or folders).

    Bad files never raise; they come back in ``LoadResult.skipped`` with a reason.
    Raises NoInputError when a given path does not exist.
    """
    files, skipped = _collect_files(paths, recursive=recursive)
    loaded: list[tuple[Path, str, str | None]] = []
    for path in files:
        try:
            text, title = _load_file(path, max_file_bytes=max_file_bytes)
        except _SkipFile as skip:
            skipped.append(SkippedFile(display_path(path), skip.reason))
        else:
            loaded.append((path, text, title))
    sources = _unique_names([source_name(path) for path, _, _ in loaded])
    documents = tuple(
        Document(path=display_path(path), source=source, text=text, title=title)
        for (path, text, title), source in zip(loaded, sources, strict=True)
    )
    skipped.sort(key=lambda item: natural_sort_key(item.path))
    return LoadResult(documents=documents, skipped=tuple(skipped))


# --- finding files -------------------------------------------------------------------------


def natural_sort_key(text: str) -> tuple[tuple[int | str, ...], str]:
    """Sort key putting "2.txt" before "10.txt", ignoring case; ties broken by the raw string."""
    # re.split with a group alternates text and digit runs, so equal positions compare alike.
    parts = re.split(r"(\d+)", text)
    key = tuple(int(part) if index % 2 else part.casefold() for index, part in enumerate(parts))
    return key, text


def _collect_files(
    paths: Sequence[str | Path], *, recursive: bool
) -> tuple[list[Path], list[SkippedFile]]:
    """Expand folders, order naturally and drop paths that resolve to the same file."""
    found: list[Path] = []
    skipped: list[SkippedFile] = []
    for given in paths:
        path = Path(given)
        if _given_path_is_folder(path):
            _list_folder(path, recursive=recursive, found=found, skipped=skipped)
        else:
            found.append(path)  # given files are always attempted, whatever their name
    found.sort(key=lambda path: natural_sort_key(display_path(path)))
    return _without_duplicates(found), skipped


def _given_path_is_folder(path: Path) -> bool:
    """Whether a path the user gave is a folder; raises NoInputError when it does not exist."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        raise NoInputError(f"no such file or folder: {display_path(path)}") from None
    except OSError:
        return False  # e.g. a symlink loop or no permission: loading it reports why


def _list_folder(
    folder: Path, *, recursive: bool, found: list[Path], skipped: list[SkippedFile]
) -> None:
    """Append the visible files under ``folder``; never enter the same real folder twice."""
    pending = [folder]
    seen: set[tuple[int, int]] = set()
    while pending:
        current = pending.pop()
        try:
            info = os.stat(current)
            if (info.st_dev, info.st_ino) in seen:
                continue  # a symlink back into a folder already listed
            seen.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as error:
            skipped.append(SkippedFile(display_path(current), _os_error_reason(error)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _entry_is(entry, "file"):
                found.append(current / entry.name)
            elif recursive and _entry_is(entry, "dir"):
                pending.append(current / entry.name)


def _entry_is(entry: os.DirEntry[str], kind: str) -> bool:
    # Following a symlink can fail (loops, dangling links); such entries are ignored.
    try:
        return entry.is_file() if kind == "file" else entry.is_dir()
    except OSError:
        return False


def _without_duplicates(paths: Iterable[Path]) -> list[Path]:
    kept: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            kept.append(path)
    return kept


# --- reading one file ----------------------------------------------------------------------


def _load_file(path: Path, *, max_file_bytes: int) -> tuple[str, str | None]:
    """Text and title of one file; raises _SkipFile with a reason for people."""
    convert = _converter_for(path)
    data = _read_limited(path, max_file_bytes=max_file_bytes)
    text = sanitize_text(_decode_bytes(data))
    if not text.strip():
        raise _SkipFile("empty file")  # blank whatever its format, not "empty after markup"
    text, title = convert(text)
    text = sanitize_text(text)  # markup can hide control characters in entities
    if not text.strip():
        raise _SkipFile("file is empty after removing markup")
    return text, _clean_title(title)


def _converter_for(path: Path) -> Callable[[str], tuple[str, str | None]]:
    suffix = path.suffix.lower()
    converters: dict[str, Callable[[str], tuple[str, str | None]]] = {
        ".txt": _plain_text,
        ".md": _markdown_text,
        ".markdown": _markdown_text,
        ".html": _html_text,
        ".htm": _html_text,
    }
    if suffix not in converters:
        shown = suffix or "without extension"
        expected = ", ".join(SUPPORTED_SUFFIXES)
        raise _SkipFile(f"unsupported file type {shown} (expected {expected})")
    return converters[suffix]


def _read_limited(path: Path, *, max_file_bytes: int) -> bytes:
    """The file's bytes; the size is checked with stat first so huge files are never read."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _SkipFile("not a regular file")  # reading a FIFO or device could block forever
        _check_size(info.st_size, max_file_bytes=max_file_bytes)
        with open(path, "rb") as handle:
            # read(n) allocates n bytes up front, so ask for the size stat gave (which is within
            # the limit), not for the limit; one byte more shows a file still being written.
            data = handle.read(info.st_size + 1)
    except OSError as error:
        raise _SkipFile(_os_error_reason(error)) from None
    if len(data) > info.st_size:
        raise _SkipFile("file changed while it was read (still being written?)")
    _check_size(len(data), max_file_bytes=max_file_bytes)  # it may have shrunk since stat
    return data


def _check_size(size: int, *, max_file_bytes: int) -> None:
    if size == 0:
        raise _SkipFile("empty file")
    if size > max_file_bytes:
        limit, actual = format_size(max_file_bytes), format_size(size)
        if limit == actual:  # "the 5.0 MB limit (5.0 MB)" would not say what is wrong
            limit, actual = f"{max_file_bytes:,} bytes", f"{size:,} bytes"
        raise _SkipFile(f"larger than the {limit} limit ({actual})")


def format_size(size: int) -> str:
    """Human size in decimal units: "512 bytes", "12.5 kB", "7.3 MB"."""
    if size < 1000:
        return f"{size} bytes"
    if size < 999_950:  # anything larger would round to "1000.0 kB"
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def _os_error_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"could not read: {error.strerror or error}"


# --- decoding ------------------------------------------------------------------------------

_MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
)
# UTF-32 BOMs start with the UTF-16 ones, so they are tested first.
_BYTE_ORDER_MARKS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_UTF16_SAMPLE_BYTES = 65_536
# Stray NULs (a glitchy editor or download) are dropped when they are rare and the rest is
# valid UTF-8; anything NUL-heavier is treated as binary rather than guessed at.
_MAX_STRAY_NUL_RATIO = 0.01
_MAX_CHAOS = 0.15
_UNKNOWN_ENCODING = "could not determine the text encoding"


def _decode_bytes(data: bytes) -> str:
    """Decode file bytes to text, or raise _SkipFile for binary or undecodable data."""
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise _SkipFile(f"binary file ({kind})")
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_strict(data, codec)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        data = _without_stray_nuls(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data)


def _decode_strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise _SkipFile(_UNKNOWN_ENCODING) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: Latin-script text puts a NUL in every other byte."""
    sample = data[:_UTF16_SAMPLE_BYTES]
    if len(sample) < 4:
        return None
    half = len(sample) / 2
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    codec = None
    if odd_nuls > 0.4 and even_nuls < 0.05:
        codec = "utf-16-le"
    elif even_nuls > 0.4 and odd_nuls < 0.05:
        codec = "utf-16-be"
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _without_stray_nuls(data: bytes) -> bytes:
    cleaned = data.replace(b"\x00", b"")
    if (len(data) - len(cleaned)) > _MAX_STRAY_NUL_RATIO * len(data):
        raise _SkipFile("binary file (contains NUL bytes)")
    try:
        cleaned.decode("utf-8")
    except UnicodeDecodeError:
        raise _SkipFile("binary file (contains NUL bytes)") from None
    return cleaned


def _decode_legacy(data: bytes) -> str:
    """Guess a legacy encoding with charset-normalizer, leaning towards Windows-1252.

    charset-normalizer cannot tell the Western code pages apart on short texts and then picks
    an arbitrary one (cp1257 for French, say); Windows-1252 is by far the most common legacy
    encoding of English and Western European news, so it wins unless another encoding fits
    the language clearly better.
    """
    from charset_normalizer import from_bytes

    # UTF-16/32 were handled above from BOMs and NUL patterns; a guess here is a false positive.
    matches = [
        match
        for match in from_bytes(data)
        if match.chaos <= _MAX_CHAOS and not match.encoding.startswith("utf")
    ]
    if not matches:
        raise _SkipFile(_UNKNOWN_ENCODING)
    best_coherence = max(match.coherence for match in matches)
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.coherence >= best_coherence - 0.05:
            return _decode_strict(data, "cp1252")
    return str(matches[0])


# --- text hygiene --------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# ANSI/VT escape sequences (CSI, OSC, two-character escapes) go whole, not just their ESC byte.
_ESCAPE_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
)
_INVISIBLE = (
    "\u00ad"  # soft hyphen: splits words for matching, invisible when shown
    "\u061c\u200e\u200f"  # bidi marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u200b\u2060\ufeff"  # zero-width space, word joiner, stray BOM
)
# ZWJ/ZWNJ (U+200C/U+200D) are kept: they change spelling in Persian and Indic scripts.
_DELETE_CHARACTERS = {
    code: None
    for code in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *map(ord, _INVISIBLE)]
}
_DELETE_CHARACTERS[ord("\t")] = " "


def sanitize_text(text: str) -> str:
    """Normalise newlines, drop control/bidi/invisible characters, tabs to spaces, then NFC.

    Offsets in the rest of the engine refer to text after this step; it is idempotent.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _ESCAPE_SEQUENCES.sub("", text)
    text = text.translate(_DELETE_CHARACTERS)
    return unicodedata.normalize("NFC", text)


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    title = " ".join(sanitize_text(title).split())
    return title or None


# --- plain text ----------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d{1,3}[.)])\s")
_MIN_WRAP_WIDTH = 50
_MAX_WRAP_WIDTH = 120


def _plain_text(text: str) -> tuple[str, str | None]:
    if not text.strip():
        raise _SkipFile("empty file")
    blocks = _blocks(text.split("\n"))
    if _is_hard_wrapped(blocks):
        text = "\n\n".join("\n".join(_unwrap_block(block)) for block in blocks)
    return text, None


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines, split at blank lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _is_hard_wrapped(blocks: list[list[str]]) -> bool:
    """True when paragraphs were broken at a fixed width (e.g. 72 columns) with blank lines
    between them: most lines sit just under one width and most lines belong to such blocks.

    A file with one paragraph per line (the sample corpus) has no multi-line blocks or lines of
    very different lengths, and stays line for line.
    """
    # Lines followed by another line of the same block: in wrapped text, all near the width.
    inner = [len(line.rstrip()) for block in blocks for line in block[:-1]]
    total = sum(len(block) for block in blocks)
    if len(inner) < 3 or sum(len(block) for block in blocks if len(block) > 1) < 0.6 * total:
        return False
    width = max(inner)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return False
    near_width = sum(1 for length in inner if length >= 0.7 * width)
    # A wrap falls after a sentence end only now and then; one short paragraph per line
    # (equal lengths are possible) ends nearly every line with a full stop.
    sentence_ends = sum(1 for block in blocks for line in block[:-1] if _ends_sentence(line))
    return near_width >= 0.8 * len(inner) and sentence_ends < 0.5 * len(inner)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip("\"'”’)")[-1:] in (".", "!", "?")


def _unwrap_block(block: list[str]) -> list[str]:
    """Join a wrapped block into paragraphs; a list item starts a new paragraph."""
    paragraphs: list[str] = []
    for line in block:
        if paragraphs and not _LIST_ITEM.match(line):
            paragraphs[-1] = _join_wrapped(paragraphs[-1], line.strip())
        else:
            paragraphs.append(line.rstrip())
    return paragraphs


def _join_wrapped(left: str, right: str) -> str:
    # "well-" + "known" was one hyphenated word broken at the margin.
    if re.search(r"\w-$", left) and right[:1].islower():
        return left + right
    return f"{left} {right}"


# --- Markdown ------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FRONT_MATTER_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)


def _markdown_text(text: str) -> tuple[str, str | None]:
    """Markdown -> one line per block; list items keep a "- " bullet; images and HTML dropped."""
    from markdown_it import MarkdownIt

    title = None
    front_matter = _FRONT_MATTER.match(text)
    if front_matter:
        text = text[front_matter.end() :]
        found = _FRONT_MATTER_TITLE.search(front_matter.group(1))
        title = found.group(1).strip("\"'") if found else None
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    lines, heading = _render_blocks(parser.parse(text))
    body = "\n".join(lines)
    if not body.strip():
        raise _SkipFile("file is empty after removing markup")
    return body, title or heading


def _render_blocks(tokens: Sequence[Token]) -> tuple[list[str], str | None]:
    """Walk markdown-it block tokens; returns the lines and the first level-1 heading."""
    lines: list[str] = []
    title: str | None = None
    bullet_pending = False
    row: list[str] | None = None
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "list_item_open":
            bullet_pending = True
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            lines.append(" | ".join(row))
            row = None
        elif kind == "inline":
            content = _render_inline(token.children or [])
            if row is not None:
                row.append(content)
                continue
            if heading_level == 1 and title is None:
                title = content
            if content:  # e.g. a paragraph that held only an image
                prefix = "- " if bullet_pending else ""
                lines.extend((prefix + content).split("\n"))
            bullet_pending = False
            heading_level = 0
        elif kind in ("fence", "code_block"):
            lines.extend(token.content.rstrip("\n").split("\n"))
        elif kind == "html_block":
            lines.extend(_html_block_lines(token.content))
    return lines, title


def _render_inline(children: Sequence[Token]) -> str:
    """Inline tokens to text: link text kept; images (alt text too) and inline HTML dropped."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")  # soft-wrapped source lines are one paragraph
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts).strip()


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]*>")


def _html_block_lines(block: str) -> list[str]:
    """Visible text of raw HTML inside Markdown (tags, scripts, styles and comments dropped)."""
    block = _HTML_TAG.sub("", _HTML_COMMENT.sub("", _SCRIPT_OR_STYLE.sub("", block)))
    return [html.unescape(line).strip() for line in block.split("\n") if line.strip()]


# --- HTML ----------------------------------------------------------------------------------


def _html_text(text: str) -> tuple[str, str | None]:
    """Main article text of a web page via trafilatura (comments and navigation left out)."""
    import trafilatura

    try:
        tree = trafilatura.load_html(text)
        if tree is None:
            raise _SkipFile("no article text found in HTML")
        # <noscript> holds a page's "enable JavaScript" notice, never its article; trafilatura's
        # fallback extractors would return it as the text of a page that has no article.
        for element in tree.xpath("//noscript"):
            element.drop_tree()
        metadata = trafilatura.extract_metadata(tree)
        body = trafilatura.extract(
            tree, include_comments=False, favor_precision=False, output_format="txt"
        )
    except _SkipFile:
        raise
    except Exception as error:  # a third-party parser on untrusted input must not crash us
        raise _SkipFile(f"could not parse HTML: {error}") from None
    if not body or not body.strip():
        raise _SkipFile("no article text found in HTML")
    return body, metadata.title if metadata is not None else None


# --- source names --------------------------------------------------------------------------

_ORDERING_PREFIX = re.compile(r"^(?:\d+|[a-z]\d+)[_\-. ]+", re.IGNORECASE)
_HASH_TOKEN = re.compile(r"(?=.*\d)[0-9a-f]{8,}", re.IGNORECASE)


def source_name(path: Path) -> str:
    """Readable source name from a file name: "a2_sun-sentinel.txt" -> "sun sentinel".

    A leading ordering prefix ("001_", "a1_") and a trailing hash ("…_7d4413c7") are dropped;
    when nothing is left the whole stem is used.
    """
    stem = _displayable_stem(path)
    words = re.split(r"[_\-.\s]+", _ORDERING_PREFIX.sub("", stem))
    words = [word for word in words if word]
    if words and _HASH_TOKEN.fullmatch(words[-1]):
        words.pop()
    return " ".join(words) or stem


def _displayable_stem(path: Path) -> str:
    """The file name's stem as text people can read: bytes that are not UTF-8 shown as U+FFFD,
    control characters and escape sequences removed (they would act on a terminal)."""
    stem = os.fsencode(path.stem).decode("utf-8", errors="replace")
    cleaned = " ".join(sanitize_text(stem).split())
    return cleaned or stem.encode("unicode_escape").decode("ascii")


def _unique_names(names: list[str]) -> list[str]:
    """Append " (2)", " (3)" … to repeated names, in order."""
    unique: list[str] = []
    taken: set[str] = set()
    for name in names:
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{name} ({number})"
        taken.add(candidate)
        unique.append(candidate)
    return unique

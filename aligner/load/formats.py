"""Each supported format (plain text, Markdown, HTML) to one paragraph per line, and a title."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from aligner.load.decode import sanitize_text
from aligner.load.outlets import outlet_from_front_matter, outlet_from_html
from aligner.load.skip import SkipFile

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from markdown_it.token import Token

Converted = tuple[str, str | None, str | None]
"""What a format gives: text (one paragraph per line), title and outlet when it says them."""

# --- plain text ----------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d{1,3}[.)])\s")
_MIN_WRAP_WIDTH = 50
_MAX_WRAP_WIDTH = 120


def plain_text(text: str) -> Converted:
    """Plain text line for line, or one line per paragraph when it was hard-wrapped."""
    if not text.strip():
        raise SkipFile("empty file")
    blocks = _blocks(text.split("\n"))
    if _is_hard_wrapped(blocks):
        text = "\n\n".join("\n".join(_unwrap_block(block)) for block in blocks)
    return text, None, None


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


def markdown_text(text: str) -> Converted:
    """Markdown -> one line per block; list items keep a "- " bullet; images and HTML dropped.

    Code blocks keep their fences and a table its header's delimiter row ("--- | ---"), so
    line kinds (aligner.text.line_kinds) can tell code and column names from prose."""
    from markdown_it import MarkdownIt

    title = outlet = None
    front_matter = _FRONT_MATTER.match(text)
    if front_matter:
        text = text[front_matter.end() :]
        found = _FRONT_MATTER_TITLE.search(front_matter.group(1))
        title = found.group(1).strip("\"'") if found else None
        outlet = outlet_from_front_matter(front_matter.group(1))
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    lines, heading = _render_blocks(parser.parse(text))
    body = "\n".join(lines)
    if not body.strip():
        raise SkipFile("file is empty after removing markup")
    return body, title or heading, outlet


def _render_blocks(tokens: Sequence[Token]) -> tuple[list[str], str | None]:
    """Walk markdown-it block tokens; returns the lines and the first level-1 heading."""
    lines: list[str] = []
    title: str | None = None
    bullet_pending = False
    row: list[str] | None = None
    in_header = False
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind == "list_item_open":
            bullet_pending = True
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "tr_open":
            row = []
        elif kind in ("thead_open", "thead_close"):
            in_header = kind == "thead_open"
        elif kind == "tr_close" and row is not None:
            lines.append(_CELL_SEPARATOR.join(row))
            if in_header:
                lines.append(_CELL_SEPARATOR.join(["---"] * len(row)))
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
            fence = token.markup or _CODE_FENCE  # an indented block gets the usual fence
            lines.extend([fence, *token.content.rstrip("\n").split("\n"), fence])
        elif kind == "html_block":
            lines.extend(_html_block_lines(token.content))
    return lines, title


_CODE_FENCE = "```"
_CELL_SEPARATOR = " | "


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


# A consent banner names itself in its class or id (cookie-banner, consent, gdpr, a
# consent-management platform), is short, and asks the reader to accept or choose. A page
# that is nothing but a banner then has no article text; a recipe in a "cookie-recipe" box
# is long or asks nothing, and stays.
_BANNER_NAME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|cmp|onetrust|privacy-banner)(?:$|[\s_-])", re.I
)
_BANNER_ASKS = re.compile(r"\b(?:accept|agree|consent|preferences|privacy)\b", re.I)
_MAX_BANNER_WORDS = 150
# A banner with no telling class or id still has its buttons ("Accept all", "Reject",
# "Manage preferences") and speaks of cookies.
_BANNER_BUTTON = re.compile(
    r"^\s*(?:accept|agree|allow|reject|decline|manage|i understand|got it|ok(?:ay)?)\b", re.I
)
_MENTIONS_COOKIES = re.compile(r"\bcookies?\b", re.I)
# Buttons looked at: a page of 150,000 of them must stay linear.
_MAX_BANNER_BUTTONS = 20
_MAX_BANNER_DEPTH = 8


def _consent_banners(tree: HtmlElement) -> list[HtmlElement]:
    """The page's cookie and consent banners, outermost only."""
    found: list[HtmlElement] = []
    # A set: a page of 150,000 banner-like elements made a list search quadratic.
    inside: set[HtmlElement] = set()
    for element in tree.iter():
        name = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not _BANNER_NAME.search(name) or any(a in inside for a in element.iterancestors()):
            continue
        words = element.text_content()
        if len(words.split()) <= _MAX_BANNER_WORDS and _BANNER_ASKS.search(words):
            found.append(element)
            inside.add(element)
    return found


def _unnamed_banners(tree: HtmlElement) -> list[HtmlElement]:
    """Cookie notices with no banner-like class or id: around an "Accept" (or "Reject",
    "Manage", …) button, the largest element of at most ``_MAX_BANNER_WORDS`` words that
    speaks of cookies. An article about cookie rules has no such button in its text."""
    found: list[HtmlElement] = []
    buttons = (
        element
        for element in tree.iter("button", "a", "input")
        if _BANNER_BUTTON.match(element.text_content() or element.get("value") or "")
    )
    for button in itertools.islice(buttons, _MAX_BANNER_BUTTONS):
        banner = None
        # A banner wraps its buttons closely; a deep page costs no more than these levels.
        for ancestor in itertools.islice(button.iterancestors(), _MAX_BANNER_DEPTH):
            if ancestor.tag in ("body", "html", "article", "main"):
                break
            words = ancestor.text_content()
            if len(words.split()) > _MAX_BANNER_WORDS:
                break
            if _MENTIONS_COOKIES.search(words):
                banner = ancestor
        inside_found = banner is not None and any(
            banner is f or f in banner.iterancestors() for f in found
        )
        if banner is not None and not inside_found:
            found.append(banner)
    return found


def html_text(text: str) -> Converted:
    """Main article text of a web page via trafilatura (comments and navigation left out)."""
    import trafilatura

    try:
        tree = trafilatura.load_html(text)
        if tree is None:
            raise SkipFile("no article text found in HTML")
        # <noscript> holds a page's "enable JavaScript" notice, never its article; trafilatura's
        # fallback extractors would return it as the text of a page that has no article.
        for element in tree.xpath("//noscript"):
            element.drop_tree()
        for element in _consent_banners(tree):
            element.drop_tree()
        for element in _unnamed_banners(tree):
            element.drop_tree()
        metadata = trafilatura.extract_metadata(tree)
        outlet = outlet_from_html(tree)
        body = trafilatura.extract(
            tree, include_comments=False, favor_precision=False, output_format="txt"
        )
    except SkipFile:
        raise
    except Exception as error:  # a third-party parser on untrusted input must not crash us
        raise SkipFile(f"could not parse HTML: {error}") from None
    if not body or not body.strip():
        raise SkipFile("no article text found in HTML")
    return body, metadata.title if metadata is not None else None, outlet


# --- by file type --------------------------------------------------------------------------

Converter = Callable[[str], Converted]
# Keyed by lower-case suffix, in the order the "unsupported file type" reason lists them.
CONVERTERS: dict[str, Converter] = {
    ".txt": plain_text,
    ".md": markdown_text,
    ".markdown": markdown_text,
    ".html": html_text,
    ".htm": html_text,
}
SUPPORTED_SUFFIXES = tuple(CONVERTERS)


def clean_title(title: str | None) -> str | None:
    """A title on one line with control characters removed; None when nothing is left."""
    if title is None:
        return None
    title = " ".join(sanitize_text(title).split())
    return title or None

"""The outlet a file names itself: HTML metadata, Markdown front matter, a credit at its start.

Each finder returns a name people can read, or None when the file does not say. A name is
only taken from where it names who published the text: a page's own metadata, the front
matter a person or clipper wrote, or the credit that opens the article ("WASHINGTON (AP) —",
"By Jane Doe, BBC News"). A photo credit ("REUTERS/Kevin Lamarque", "(AP Photo/Evan Vucci)")
names who took a picture, and a wire credit further down names a wire an outlet reprinted:
neither is used.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aligner.load.decode import sanitize_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_OUTLET_CHARS = 60
"""Longer "names" are a sentence or a slogan, not an outlet."""


def clean_outlet(value: object) -> str | None:
    """``value`` as an outlet name on one line, or None when it cannot be one.

    A URL gives its host ("https://www.reuters.com/world/…" -> "reuters.com"): web clippers
    write the page's address as its ``source``.
    """
    # Far longer than any name: not read at all (a 5 MB attribute would cost a second).
    if not isinstance(value, str) or len(value) > 4 * MAX_OUTLET_CHARS:
        return None
    name = " ".join(sanitize_text(value).split()).strip("\"'").lstrip("@").strip()
    if re.match(r"(?i)https?://", name):
        host = urlsplit(name).hostname or ""
        name = host.removeprefix("www.")
    if not name or len(name) > MAX_OUTLET_CHARS or not any(c.isalpha() for c in name):
        return None
    return name


# --- HTML metadata -------------------------------------------------------------------------

_META_XPATHS = (
    '//meta[@property="og:site_name" or @name="og:site_name"]/@content',
    '//meta[@name="application-name"]/@content',
)
_MAX_JSON_LD_CHARS = 200_000
"""A JSON-LD block larger than this is not a page's description of itself; not parsed."""
_PUBLISHER_TYPES = {"newsmediaorganization"}


def outlet_from_html(tree: HtmlElement) -> str | None:
    """The site's name from ``og:site_name``, ``application-name`` or JSON-LD ``publisher``."""
    for xpath in _META_XPATHS:
        for value in tree.xpath(xpath):
            if name := clean_outlet(str(value)):
                return name
    for block in tree.xpath('//script[@type="application/ld+json"]/text()'):
        if name := _json_ld_publisher(str(block)):
            return name
    return None


def _json_ld_publisher(block: str) -> str | None:
    """The publisher's name in one JSON-LD block; None when it has none or is not JSON."""
    if len(block) > _MAX_JSON_LD_CHARS:
        return None
    try:
        data = json.loads(block)
    except (ValueError, RecursionError):  # untrusted page: broken or nested 100,000 deep
        return None
    for item in _json_ld_items(data):
        if name := clean_outlet(_publisher_name(item.get("publisher"))):
            return name
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        is_outlet = any(str(kind).casefold() in _PUBLISHER_TYPES for kind in kinds)
        if is_outlet and (name := clean_outlet(item.get("name"))):
            return name
    return None


def _publisher_name(publisher: object) -> object:
    """A JSON-LD ``publisher``'s name: it may be a name, an object or a list of either."""
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    if isinstance(publisher, dict):
        return publisher.get("name")
    return publisher


def _json_ld_items(data: Any) -> Iterator[dict[str, Any]]:
    """The objects a JSON-LD block describes: itself, a list of them, or an ``@graph``."""
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from (node for node in graph if isinstance(node, dict))


# --- Markdown front matter -----------------------------------------------------------------

# Most specific first: "source" is often the page's address (web clippers write it).
_FRONT_MATTER_KEYS = ("outlet", "publisher", "source")
# A value longer than a name could be is no match (and not scanned to its end).
_FRONT_MATTER_LINE = re.compile(r"^(\w+)[ \t]*:[ \t]*(.{0,240}?)[ \t]*$", re.MULTILINE)


def outlet_from_front_matter(front_matter: str) -> str | None:
    """The value of ``outlet:``, ``publisher:`` or ``source:`` in YAML front matter."""
    values = {
        key.casefold(): value for key, value in _FRONT_MATTER_LINE.findall(front_matter) if value
    }
    for key in _FRONT_MATTER_KEYS:
        value = values.get(key, "")
        # A list, a mapping or a block scalar is not one name.
        if value[:1] not in ("[", "{", "|", ">") and (name := clean_outlet(value)):
            return name
    return None


# --- a credit at the start of the text -----------------------------------------------------

CREDIT_LINES = 6
"""How many of the first non-blank lines may hold the opening credit: a page's captions
and headline often come before it ("WASHINGTON (AP) —" is the fourth line of one AP page)."""

_PLACE_WORD = r"(?:[A-Z][\w.'’-]*|\d{1,4})"  # "NEW YORK, Feb. 12 (Reuters) -"
_PLACE = rf"{_PLACE_WORD}(?:(?:,[ ]?|[ ]|/){_PLACE_WORD}){{0,5}}"
_DATELINE = re.compile(
    rf"(?:(?P<place>{_PLACE})[ ]?)?"
    r"\((?P<outlet>[A-Z][\w.&'’ ]{1,30})\)"
    r"(?P<dash>[ ]?(?:[-–—:]|>>))?"
)
# Credits known to open an article without a dash after them ("Seoul (CNN) North and…").
_KNOWN_CREDITS = frozenset(
    {"abc", "afp", "ap", "bbc", "bloomberg", "cbs", "cnbc", "cnn", "dpa", "efe", "nbc", "npr",
     "pa", "reuters", "upi", "xinhua"}
)  # fmt: skip
# Parentheses at the start of a line that are not credits.
_NOT_OUTLETS = frozenset(
    {"analysis", "editorial", "listen", "live", "opinion", "photo", "photos", "update",
     "updated", "video", "watch"}
)  # fmt: skip

_BYLINE = re.compile(
    r"By[ ]+(?P<names>[A-Z][\w.'’-]*(?:[ ]+(?:and[ ]+)?[A-Z][\w.'’-]*){1,7})"
    r"[ ]*(?:,|/|\||[-–—])[ ]*(?P<outlet>[A-Z][\w.&'’ -]{1,40})"
)
# "By Jane Doe, Staff Writer" names a role, "By Jane Doe, Feb. 3" a date: not outlets.
_ROLE_OR_DATE = re.compile(
    r"(?i)\b(?:writer|reporter|correspondent|editor|staff|contributor|columnist|special|"
    r"updated|published|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\b|\d{1,2}:\d\d"
)
_MAX_BYLINE_CHARS = 80
_MAX_DATELINE_CHARS = 160


def outlet_from_credit(text: str) -> str | None:
    """The outlet of a dateline or byline opening one of the first lines of ``text``.

    A dateline is a place and the outlet in parentheses, often before a dash ("LOS ANGELES
    (Reuters) -", "MONTPELIER, Vt. (AP) —"). It counts when the credit is a known wire or
    network ("Seoul (CNN) North…"), the place is in capitals, or call letters come before a
    dash ("Los Angeles (KTLA) —"); so "Tesla (TSLA) shares fell" and a headline's "Trump
    Says (Again) - …" are no credits. A byline names the outlet after the writers on a short
    line of its own ("By Jane Doe, BBC News").
    """
    lines = (found.group().strip() for found in re.finditer(r"[^\n]+", text))
    for line in itertools.islice(filter(None, lines), CREDIT_LINES):
        if name := _dateline_outlet(line) or _byline_outlet(line):
            return name
    return None


def _dateline_outlet(line: str) -> str | None:
    # A dateline is a few words long; a 5 MB one-word line would cost a second to try.
    found = _DATELINE.match(line[:_MAX_DATELINE_CHARS])
    if found is None:
        return None
    outlet, place = found["outlet"].strip(), found["place"]
    if outlet.casefold() in _NOT_OUTLETS:
        return None
    credited = (
        outlet.casefold() in _KNOWN_CREDITS
        or _in_capitals(place)
        or (found["dash"] is not None and _in_capitals(outlet.replace(".", "")))
    )
    return clean_outlet(outlet) if credited else None


def _in_capitals(words: str | None) -> bool:
    """Whether the first word is two or more capital letters ("WASHINGTON", "KTLA")."""
    first = words.split()[0] if words and words.strip() else ""
    return sum(c.isalpha() for c in first) >= 2 and first.isupper()


def _byline_outlet(line: str) -> str | None:
    if len(line) > _MAX_BYLINE_CHARS:
        return None
    found = _BYLINE.fullmatch(line)
    if found is None or _ROLE_OR_DATE.search(found["outlet"]):
        return None
    return clean_outlet(found["outlet"].strip(" -–—"))

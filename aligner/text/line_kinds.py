"""Tell article prose from headings, photo captions and page boilerplate, line by line.

Heuristics, no model: scraped news text mixes the article with page furniture, and the
furniture has tell-tale shapes. Each rule below says which shape it looks for and why it
does not catch ordinary sentences; anything no rule claims is PROSE.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

from aligner.load.decode import fold_invisible
from aligner.result.model import LineKind
from aligner.text.segment import sentence_spans


@dataclass(frozen=True, slots=True)
class TextLine:
    """One non-empty line of a document: ``text[start:end]`` without a list bullet."""

    start: int
    end: int
    kind: LineKind
    paragraph: int


def classify_lines(text: str) -> tuple[TextLine, ...]:
    """Every non-empty line of ``text`` in order, with what kind of text it is."""
    spans = _line_spans(text)
    # Judged as a reader sees them: a ZWJ or tag character between letters splits no word.
    lines = [fold_invisible(text[start:end]) for start, end, _ in spans]
    bulleted = [is_bulleted for _, _, is_bulleted in spans]
    kinds = [
        _classify_line(line, bulleted=flag) for line, flag in zip(lines, bulleted, strict=True)
    ]
    kinds = _demote_headline_runs(lines, kinds)
    kinds = _mark_story_highlights(lines, kinds)
    kinds = _mark_related_links(lines, kinds)
    kinds = _promote_leading_headline(lines, kinds, bulleted=bulleted)
    kinds = _mark_code_and_table_headers(lines, kinds)
    return tuple(
        TextLine(start=start, end=end, kind=kind, paragraph=index)
        for index, ((start, end, _), kind) in enumerate(zip(spans, kinds, strict=True))
    )


def sentence_kind(sentence: str) -> LineKind:
    """Kind of one sentence of a prose line: a paragraph can end in furniture of its own
    ("… make a difference. Read more", "… already! (CW33)", "… 2017. (Kevin Lamarque/Reuters)")."""
    words = sentence.split()
    if (
        _is_boilerplate_phrase(sentence, words)
        or _is_contact(sentence, words)
        or _is_tag(sentence, words)
        or _is_tweet_signature(sentence)
        or _is_dateline(sentence)
        or _is_broadcast_credit(sentence)
        or _is_parenthesised_promo(sentence)
    ):
        return LineKind.BOILERPLATE
    if (
        _PARENTHESISED_CREDIT.fullmatch(sentence.rstrip(". "))
        or _is_handout_caption(sentence)
        or _PARENTHESISED_PHOTO_NOTE.fullmatch(sentence)
        or _SLASHED_CREDIT_AT_START.match(sentence)
    ):
        return LineKind.CAPTION
    return LineKind.PROSE


def furniture_prefix_end(sentence: str) -> int:
    """Where page furniture glued to the start of a sentence ends (0 if there is none):
    the fixed labels of big outlets' pictures and players ("Image copyright PA Image caption
    Bob Dudley took over …", "View Images The skull of …", "Media playback is unsupported on
    your device Media caption …"), a credit left of a heading ("| Getty …") and a stock
    ticker ("BP BP., +0.88% BP, +0.60% Chairman …"). The sentence after it stays a sentence:
    cutting the furniture off loses less than calling the whole sentence furniture."""
    if (
        not sentence.startswith(_FURNITURE_PREFIX_STARTS)
        and sentence.find("%", 0, _TICKER_REACH) < 0
        and not (sentence[:1].isdigit() and " of " in sentence[:_GALLERY_COUNT_REACH])
    ):
        return 0  # most sentences: C-speed tests spare them the search
    prefix = _FURNITURE_PREFIX.match(sentence)
    return prefix.end() if prefix else 0


def furniture_suffix_start(sentence: str) -> int:
    """Where the name, handle and date under an embedded tweet start when glued to the end of
    its text, with the tweet's picture link ("The latest on the investigation at 11pm
    pic.twitter.com/zfnu02RjyU — Jane Roe (@janeroe) August 12, 2018"); ``len(sentence)``
    if there are none. The tweet's text is what someone said and stays a sentence."""
    if "(@" not in sentence:
        return len(sentence)  # most sentences: no handle in brackets, no search
    signature = _GLUED_TWEET_SIGNATURE.search(sentence)
    return signature.start() if signature else len(sentence)


def labels_a_caption(prefix: str) -> bool:
    """Whether furniture cut off by ``furniture_prefix_end`` is a picture's or a player's
    label ("Image caption", "View Images", "Media playback is unsupported …"), so that what
    follows it is a caption; a credit ("| Getty") or a ticker precedes ordinary text."""
    return _CAPTION_LABEL.search(prefix) is not None


# USA Today's video player bar ("CLOSE Skip in Skip x Embed x Share") tops the video's blurb.
_CAPTION_LABEL = re.compile(r"(?i:caption|image|media\ playback|skip\ x\ embed)")


def _opens_with_caption_label(line: str) -> bool:
    """A caption behind its picture's label ("Image copyright AFP Image caption Timbuktu's
    mud and wood architecture is unique"): never a heading, though it has a headline's shape.
    It stays a prose line, which ``articles._kinded`` cuts into the label and the caption."""
    cut = furniture_prefix_end(line)
    return cut > 0 and labels_a_caption(line[:cut])


_WEB_ADDRESS = re.compile(r"\bhttps?://|\bwww\.\w", re.IGNORECASE)


def find_title(text: str, lines: Sequence[TextLine]) -> str | None:
    """The article's own headline: a heading of 3+ words above the first prose line."""
    for line in lines:
        if line.kind is LineKind.PROSE:
            return None
        candidate = text[line.start : line.end]
        if line.kind is LineKind.HEADING and len(candidate.split()) >= _MIN_TITLE_WORDS:
            return candidate
    return None


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- line spans ----------------------------------------------------------------------------

_BULLET = re.compile(r"[ ]*[-*•][ ]+(?=\S)")
_MIN_TITLE_WORDS = 3


def _line_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, bulleted) of each non-empty line; start skips indentation and bullet."""
    spans: list[tuple[int, int, bool]] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.rstrip()
        if stripped.strip():
            bullet = _BULLET.match(stripped)
            skip = bullet.end() if bullet else len(stripped) - len(stripped.lstrip())
            spans.append((offset + skip, offset + len(stripped), bullet is not None))
        offset += len(raw) + 1
    return spans


# --- furniture glued to the start of a sentence ---------------------------------------------

_FURNITURE_PREFIX_STARTS = (
    *("Image ", "Image:", "Media ", "View Image", "Enlarge ", "toggle caption", "|", "CLOSE "),
    "Caption ",
)
# A ticker: symbols and the day's change in percent with two decimals, as quote widgets print
# them. At most four symbols: its first "%" lies within _TICKER_REACH, as the pre-check needs.
_TICKER = r"(?:[A-Z][A-Z.]{0,7},?\ ){1,4}[+\-−]\d+\.\d\d%"
_TICKER_REACH = 60
_PLAYER_BUTTON = r"(?:Full\ Screen|Autoplay|Close|Skip\ Ad|×|Next|Previous|Prev|Pause|Play|Replay)"
_GALLERY_COUNT_REACH = 9  # "123 of 456" and a space
_FURNITURE_PREFIX = re.compile(
    rf"""(?:
        # NPR repeats the credit after its toggle: the whole sentence is furniture.
        (?:Enlarge\ this\ image\ )?toggle\ caption\ (?P<credit>[^\n]{{1,80}}?)\ (?P=credit)$
      | Image\ copyright\ [^\n]{{1,60}}?\ Image\ caption
      | (?:Image|Media)\ caption
      # A picture's caption behind a bare label: "Image: North Koreans (red shirts) cheer …".
      | Image:(?=\ [A-Z])
      # A gallery's bare label before the picture's caption: "Caption Republicans and …".
      | Caption(?=\ [A-Z])
      | Media\ playback\ is\ unsupported\ on\ your\ device(?:\ Media\ caption)?
      | View\ Images?
      | (?:Enlarge\ (?:this\ )?image\ )?toggle\ caption
      | Enlarge\ (?:this\ )?image
      | \|\ ?(?:Getty(?:\ Images)?|AP|AFP|Reuters)
      # USA Today's video player: its close button and share bar above the video's blurb.
      | CLOSE(?:\ Skip\ in\ Skip\ x\ Embed\ x\ Share)?(?=\ [A-Z])
      | {_TICKER}(?:\ {_TICKER})*
      # A photo gallery's bar: "1 of 50 Full Screen Autoplay Close Skip Ad × Behind the
      # scenes of the shutdown debate View Photos", up to the gallery's name and its button.
      | \d{{1,3}}\ of\ \d{{1,3}}(?:\ {_PLAYER_BUTTON}){{2,}}
        (?:\ [^\n]{{1,100}}?\ View\ (?:Photos|Gallery|Slideshow)\b)?
    )(?:\s+|$)""",
    re.VERBOSE,
)


# --- one line on its own -------------------------------------------------------------------


def _classify_line(line: str, *, bulleted: bool) -> LineKind:
    """Kind of a line judged alone; context rules refine it afterwards."""
    words = line.split()
    if (
        _is_boilerplate_phrase(line, words)
        or _is_stray_token(line, words)
        or _is_contact(line, words)
        or _is_share_bar(words)
    ):
        return LineKind.BOILERPLATE
    if bulleted:
        return LineKind.PROSE  # list items in articles are statements, whatever their shape
    if _is_caption(line, words) or _is_credit_then_names(words) or _is_mugshot_caption(line):
        return LineKind.CAPTION
    if _is_dateline(line) or _is_byline(words) or _is_signature(words):
        return LineKind.BOILERPLATE
    if _is_tweet_signature(line):
        return LineKind.BOILERPLATE
    if _is_link_list_item(line, words):
        return LineKind.BOILERPLATE
    if _looks_like_heading(line, words):
        return LineKind.HEADING
    return LineKind.PROSE


_SENTENCE_END = ".!?…:;。！？"
_CLOSERS = "\"'”’»)]"
_OPENING_QUOTES = "\"'“‘«„"


def _ends_like_sentence(line: str) -> bool:
    # ".”" and "?)" end sentences too; ":" introduces a list ("has seen significant shifts:").
    last = _final_mark(line)
    return bool(last) and last in _SENTENCE_END


# What scraped pages often show for a closing quote (the file's "called it “wild.�?"):
# the quote mark lost, with a "?" where its undecodable byte was.
_DAMAGED_CLOSER = "\ufffd?"


def _final_mark(line: str) -> str:
    """The line's last character before its closing quotes and brackets ("" if none);
    a damaged closing quote is a closing quote, not a question mark."""
    core = line.rstrip(_CLOSERS + " ")
    while core.endswith(_DAMAGED_CLOSER):
        core = core[: -len(_DAMAGED_CLOSER)].rstrip(_CLOSERS + " ")
    return core[-1:]


# Page furniture that is never article text: comment prompts, share buttons, promos.
_BOILERPLATE_PHRASES = frozenset(
    (
        *("comments", "comment", "leave a reply", "leave a comment", "post a comment"),
        *("add a comment", "cancel reply", "join the conversation", "join the discussion"),
        *("view comments", "show comments", "hide comments", "about the author"),
        *("about the authors", "share", "share this", "share this article", "share this story"),
        *("tweet", "email", "print", "copy link", "read more", "read next", "read also"),
        *("see also", "continue reading", "advertisement", "advertisements", "sponsored"),
        *("sponsored content", "related", "related stories", "related articles", "related news"),
        *("related story", "related article", "related links", "related content"),
        *("related posts", "more stories", "recommended"),
        *("recommended for you", "you may also like", "you might also like", "trending"),
        *("trending now", "most read", "most popular", "latest news", "top stories"),
        *("follow us", "subscribe", "subscribe now", "sign up", "sign in", "log in"),
        *("newsletter", "skip to content", "skip to main content", "back to top"),
        *("listen to this article", "loading", "story continues below", "topics", "tags"),
        "filed under",
    )
)
_BOILERPLATE_START = re.compile(
    r"""^(?:
        your\ email\ address\ will\ not\ be\ published
      | required\ fields\ are\ marked
      | sign\ up\ (?:for|to|now|here)
      | subscribe\ (?:to|for|now|today|here)
      | click\ here
      | read\ (?:more|next|also)\b
      | also\ read\b
      | see\ also\b
      | related:
      | share\ (?:this|on|via)\b
      | follow\ (?:us|@)
      | (?:additional\ )?(?:reporting|writing|editing|compiled|edited)\ by\b
      | ©
      | copyright\ (?:©|\(c\)|\d{4})
      | by\ (?:clicking|signing\ up|subscribing)\b
      | we\ may\ earn\ (?:a\ )?commission
      | this\ (?:article|story|post)\ (?:contains|may\ contain)\ affiliate\ links
      | download\ (?:the|our)\ app
      | \d+\ comments?$
      | \d+\s*(?:min|mins|minute|minutes)\ read$
      # Players, ad slots and page navigation: "Story continues below advertisement",
      # "Advertisement Continue reading the main story", "Please enable Javascript to watch
      # this video", "Scroll down for video", "Top of Page", and a video's credit line.
      | story\ continue[sd]\ below(?:\ advertisement)?$
      | (?:photo\ )?advertisement\ continue\ reading\ the\ main\ story$
      | please\ enable\ javascript\b
      | scroll\ down\ for\ (?:video|more)$
      | (?:back\ to\ )?top\ of\ (?:the\ )?page$
      | read\ or\ share\ this\ story\b
      | usa\ today(?:\ sports|\ network)?$
      # A form's prompts: a CAPTCHA ("You must enter the characters with black color that
      # stand out from the other characters", "Type the text shown in the image").
      | (?:please\ |you\ must\ )?(?:enter|type)\ the\ (?:characters|letters|text|code|word)s?
        \ (?:with|that|you\ see|shown|in\ the\ (?:image|picture|box))\b
      # What an e-mail-a-friend form sends: "Message: * A friend wanted you to see this item".
      | (?:message:\ [*\s]*)?a\ friend\ (?:wanted\ you\ to\ see|thought\ you\ (?:would|might))\b
      # A live stream's banner: "*** Join it LIVE here ! ***", "Watch live now".
      | (?:join|watch|follow|listen|tune\ in)(?:\ (?:it|us|them|along))?\ live
        (?:\ (?:here|now|online))?$
      # A wiki's hatnote: "\"FASD\" redirects here. For other uses, see …"
      | [^.]{1,60}?\ redirects\ here\.
      # A commentator's disclaimer: "The opinions expressed are his own.", "The views
      # expressed in this commentary are solely those of the author."
      | the\ (?:opinions?|views?)\ expressed\b[^.]{0,60}?\ (?:is|are)\ (?:solely\ |entirely\ )?
        (?:(?:his|her|their|my)\ own|those\ of\ the\ (?:authors?|writers?|commentators?))\b
      # Where the full story runs: "An expanded version of this report appears on WSJ.com",
      # "This is an expanded version of the review that ran in the Dec. 7 issue of TIME".
      | (?:this\ is\ )?an?\ (?:expanded|longer|fuller|full)\ version\ of\ (?:this|the)
        \ (?:report|story|article|review|interview)\ (?:that\ )?
        (?:appears|appeared|ran|runs|was\ published|is\ available)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# The credit line ending a wire story: "AP writers Margie Mason in Jakarta … contributed to
# this report.", "Jane Doe contributed reporting."
_CONTRIBUTED = re.compile(r"\bcontributed\ (?:reporting|to\ this\ (?:report|story|article))\b")
# What a page shows where its audio or video player did not load, after the player's own
# title: "LISTEN: Seattle's sugary drink tax … Your browser does not support the audio element."
_PLAYER_NOTICE = re.compile(
    r"\byour browser does not support (?:the )?(?:audio|video) (?:element|tag)\b"
)
_MAX_BOILERPLATE_WORDS = 25
_DECORATION = " \t:.!»›>|*-–—()[]"


_WHITE_SPACE = re.compile(r"\s+")


def _is_boilerplate_phrase(line: str, words: list[str]) -> bool:
    """Known page-furniture wording; long lines are never furniture, whatever they start with.
    ``words`` are the line's words (``line.split()``)."""
    if len(words) > _MAX_BOILERPLATE_WORDS:
        return False
    core = line.strip(_DECORATION).casefold()
    # Each run of white space becomes one space. Most lines have single spaces only, which
    # this C-speed test tells; the regex substitution costs as much as the rest together.
    if " ".join(core.split()) != core:
        core = _WHITE_SPACE.sub(" ", core)
    if core in _BOILERPLATE_PHRASES or _BOILERPLATE_START.match(core):
        return True
    if "browser" in core and _PLAYER_NOTICE.search(core):
        return True
    return "contributed" in core and _CONTRIBUTED.search(core) is not None


_MAX_STRAY_TOKEN_CHARS = 24
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")


# The words of a share bar and its counters: "936 SHARES Share Tweet", "Share Pin Email".
_SHARE_BAR_WORDS = _word_set(
    "share shares shared tweet tweets pin email e-mail print comment comments facebook "
    "twitter linkedin whatsapp reddit pinterest flipboard messenger sms copy link save"
)
_COUNTER = re.compile(r"[\d.,]+[km]?")
_MAX_SHARE_BAR_WORDS = 10


def _is_share_bar(words: list[str]) -> bool:
    """Share buttons and their counts with nothing else ("936 SHARES Share Tweet"): a
    sentence has words of its own ("The post was shared 936 times.")."""
    if not 1 < len(words) <= _MAX_SHARE_BAR_WORDS:
        return False
    cores = [word.strip(_DECORATION).casefold() for word in words]
    return any(core.startswith("share") for core in cores) and all(
        core in _SHARE_BAR_WORDS or _COUNTER.fullmatch(core) for core in cores if core
    )


def _is_stray_token(line: str, words: list[str]) -> bool:
    """Counters, tags and separators ("0", "Trump4", "-", "***"): a lone word without a full
    stop, or a line without two letters in a row. A lone word is far more often a tag or a
    widget label than a section title; real one-word sentences keep their punctuation."""
    if not _TWO_LETTERS.search(line):
        return True
    lone = len(words) == 1 and len(line) <= _MAX_STRAY_TOKEN_CHARS
    return lone and not _ends_like_sentence(line)


# A reporter's address on a line of its own, at the end of a story.
_EMAIL_ADDRESS = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_CONTACT = re.compile(rf"(?:e-?mail(?:\ me)?:?\s*)?{_EMAIL_ADDRESS}\.?", re.IGNORECASE)
# How to reach the reporter, in a short line of its own: "Contact Sean Whaley at
# swhaley@reviewjournal.com or 775-461-3820.", "To reach Tony Rizzo, call 816-234-4435 …",
# "Write to Jane Doe at jane.doe@wsj.com". It must start so and give an address or a phone
# number: a police appeal ("Anyone with information is urged to contact …") is news.
_CONTACT_START = (
    *("contact ", "to contact ", "to reach ", "reach ", "write to ", "e-mail ", "email "),
)
_CONTACT_ADDRESS = re.compile(rf"{_EMAIL_ADDRESS}|\(?\b\d{{3}}\)?[ .-]\d{{3}}[ .-]\d{{4}}\b")
_CONTACT_INITIALS = frozenset("CcTtRrWwEe")
_MAX_CONTACT_WORDS = 25


def _is_contact(line: str, words: list[str]) -> bool:
    if "@" in line and _CONTACT.fullmatch(line) is not None:
        return True
    if line[:1] not in _CONTACT_INITIALS or len(words) > _MAX_CONTACT_WORDS:
        return False  # most lines: a look at the first letter tells
    return line[:11].lower().startswith(_CONTACT_START) and bool(_CONTACT_ADDRESS.search(line))


def _is_tag(sentence: str, words: list[str]) -> bool:
    """A tag a paragraph ends with ("VPC", "(CW33)", "C+"): one word in capitals without a
    full stop. Caseless scripts have no tags: a Chinese clause without its final mark, or a
    sentence of one character, is one "word" too."""
    if len(words) != 1 or _ends_like_sentence(sentence):
        return False
    return any(char.isupper() for char in sentence) and not any(char.islower() for char in sentence)


# Credits sit at the very end of a caption: "… July 16, 2018. REUTERS/Kevin Lamarque/File Photo",
# "(Photo: Jane Doe/USA TODAY)", "… AP Photo/Evan Vucci", "… AFP via Getty Images". Where a
# credit word also occurs in prose ("the picture by the artist"), a capitalised name must follow.
_NAME = r"[A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){0,4}"
# A photographer of two to four names and the agency or desk: "(Kevin Lamarque/Reuters)",
# "(David M Warren / Staff Photographer)". One name each side ("(TCP/IP)") is not a credit.
# Wire captions add where the picture came from: "(Julie Jacobson/AP, Pool, file)".
_PARENTHESISED_CREDIT_PATTERN = (
    rf"\([A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){{1,3}}\ ?/\ ?{_NAME}(?:\ ?/\ ?{_NAME})?"
    r"(?:,\ (?i:pool|file)(?:\ (?i:photo))?){0,2}\)"
)
_PARENTHESISED_CREDIT = re.compile(_PARENTHESISED_CREDIT_PATTERN)
_CREDIT_AT_END = re.compile(
    rf"""(?:
        \b[A-Z][A-Z-]+/{_NAME}(?:/{_NAME}){{0,2}}
      | \bAP\ Photo\b(?:/[^/]{{1,40}}){{0,2}}
      | (?i:\b(?:getty\ images|shutterstock|file\ photo|pool\ photo
                |via\ (?:reuters|ap|afp|getty)))(?:\ (?:for|via)\ {_NAME})?
      | (?i:\((?:photo|photograph|image|picture|credit|video)s?\b[^()]{{0,80}}\))
      | {_PARENTHESISED_CREDIT_PATTERN}
      | (?i:\b(?:photo|photograph|image|picture)s?)\ (?:by|courtesy\ of)\ {_NAME}
      # A gallery's caption, cut short, with its agency: "… of policemen... (Associated Press)".
      | (?:\.\.\.|…)\ ?\((?:Associated\ Press|AP|Reuters|AFP)\)
      # USA Today's picture credit, its "Story Highlights" glued after it (the first one).
      | \((?i:photo):\ [^()]{{1,60}}\)\ Story\ Highlights\ [^.]{{1,120}}
      | (?:^|[.|]\s)(?i:(?:photo|photograph|image|picture)?\s?credits?|photo|image):\ [^.]{{1,60}}
    )[\s.)]*$""",
    re.VERBOSE,
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z“\"‘])")
_MAX_CAPTION_WORDS = 60
_MAX_CAPTION_SENTENCES = 2


# Every credit above holds one of these (matched on the line folded as below): lines without
# any skip the credit search, the costly part of judging a line.
_CREDIT_WORDS = (
    *("/", "photo", "getty", "shutterstock", "via ", "image", "picture", "credit", "video"),
    *("(associated press)", "(ap)", "(reuters)", "(afp)"),
)
# The only non-ASCII characters that case-insensitive regexes equate with ASCII letters.
_ASCII_CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _may_hold_credit(line: str) -> bool:
    """False only for lines ``_CREDIT_AT_END`` cannot match."""
    folded = line.translate(_ASCII_CASE_FOLD).lower()
    return any(word in folded for word in _CREDIT_WORDS)


def _is_caption(line: str, words: list[str]) -> bool:
    """A photo credit at the end of a short line. A credit inside a paragraph of several
    sentences does not make it a caption: that paragraph is prose quoting a credit."""
    if len(words) > _MAX_CAPTION_WORDS or not _may_hold_credit(line):
        return False  # checked first: the credit search is the costly part on long lines
    credit = _CREDIT_AT_END.search(line)
    if credit is None:
        return False
    before = line[: credit.start()]
    return len(_SENTENCE_BREAK.findall(before)) <= _MAX_CAPTION_SENTENCES


# A picture agency's credit opening a line, the caption after it: "Getty Images House
# Speaker John Boehner", "AFP/Getty Images Jane Roe".
_CREDIT_AT_START = re.compile(
    r"(?:(?:AFP|AP|EPA|Reuters)\ ?(?:/|via)\ ?)?(?:Getty\ Images|Shutterstock|Alamy|AP\ Photo)\b"
)
_CREDIT_STARTS = ("Getty", "Shutterstock", "Alamy", "AP", "AFP", "EPA", "Reuters")
_MAX_CREDITED_NAME_WORDS = 8


def _is_credit_then_names(words: list[str]) -> bool:
    """A credit and then only capitalised words, no full stop: who the picture shows. A
    headline about the agency has a verb in lower case ("Getty Images sues a rival")."""
    if not words or not words[0].startswith(_CREDIT_STARTS):
        return False  # most lines: a look at the first word tells
    line = " ".join(words)
    credit = _CREDIT_AT_START.match(line)
    if credit is None or _ends_like_sentence(line):
        return False
    names = line[credit.end() :].split()
    return 0 < len(names) <= _MAX_CREDITED_NAME_WORDS and all(map(_is_name_part, names))


# Who a portrait or booking photo shows, alone on its line: "Lizandra Cosme, 32, of
# Chicago". The sentence that names the person goes on ("…, of Chicago, was arrested …").
_MUGSHOT_CAPTION = re.compile(
    r"[A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){1,3},\ \d{1,3},\ (?:of|from)"
    r"\ [A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){0,3}(?:,\ [A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){0,2})?"
)


_MAX_MUGSHOT_CAPTION_CHARS = 100


def _is_mugshot_caption(line: str) -> bool:
    if len(line) > _MAX_MUGSHOT_CAPTION_CHARS or not line[:1].isupper():
        return False  # paragraphs: no regex
    return _MUGSHOT_CAPTION.fullmatch(line) is not None


_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_DATE_WORD = (
    rf"(?:{_MONTH}|{_WEEKDAY}|updated|published|posted|last|modified|on|at|of"
    r"|[ap]\.?m|utc|gmt|[ecmp][sd]?t|bst|cest|cet|ist|aest)\b\.?"
)
_DATE_NUMBER = r"\d{1,4}(?:st|nd|rd|th)?\b|\d{1,2}:\d{2}(?::\d{2})?|\d{4}-\d{2}-\d{2}(?:t[\d:]+z?)?"
_DATELINE = re.compile(rf"(?:{_DATE_WORD}|{_DATE_NUMBER}|[\s,.:|/()–—-])+", re.IGNORECASE)
_HAS_DATE = re.compile(
    rf"\b(?:{_MONTH})\b\.?\s*\d|\d\s*(?:{_MONTH})\b|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}",
    re.IGNORECASE,
)


_MAX_DATELINE_CHARS = 120


def _is_dateline(line: str) -> bool:
    """Nothing but a date, time and words like "Updated" ("April 28, 2025", "Published
    10:32 a.m. ET, Wed Feb 12, 2025"). Classified BOILERPLATE: it is page metadata."""
    if len(line) > _MAX_DATELINE_CHARS:
        return False  # a paragraph is never just a date; skip the regexes on long lines
    # The anchored match first: it fails within the first word of nearly every sentence.
    return _DATELINE.fullmatch(line) is not None and bool(_HAS_DATE.search(line))


# A video's credit under its blurb: "Kim Tobin reports for the NBC4 News at 5 on Saturday,
# Aug. 11, 2018." A reporter's name, an outlet's capitalised name and the day it aired;
# "reports for duty" is a verb's object, not an outlet.
_BROADCAST_CREDIT = re.compile(
    r"[A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){1,3}\ reports?\ (?:for|from|on)\ (?:the\ )?[A-Z0-9]"
)
_MAX_BROADCAST_CREDIT_WORDS = 20


def _is_broadcast_credit(sentence: str) -> bool:
    if _BROADCAST_CREDIT.match(sentence) is None:
        return False  # most sentences fail within their first words
    return len(sentence.split()) <= _MAX_BROADCAST_CREDIT_WORDS and _ends_in_date(sentence)


_DATE_AT_END = re.compile(rf"(?:{_MONTH})\.?\ \d{{1,2}},\ \d{{4}}[.)]*$", re.IGNORECASE)


def _ends_in_date(sentence: str) -> bool:
    return _DATE_AT_END.search(sentence) is not None


# A link to other coverage in parentheses, a sentence of its own: "(See the top 10 fiction
# books of 2009.)", "(Learn more about how feathers evolved.)", "(Government shutdown full
# coverage)". An aside in parentheses ("(Clinton may have been more careful.)") is prose.
_PARENTHESISED_PROMO = re.compile(
    r"""\(\s*(?:
        (?:see|read|watch|listen\ to|learn\ more|click|more\ on|related)\b(?!,)[^()]{0,100}
      | [^()]{1,60}\ full\ coverage
    )\s*\)\.?""",
    re.IGNORECASE | re.VERBOSE,
)


def _is_parenthesised_promo(sentence: str) -> bool:
    return sentence[:1] == "(" and _PARENTHESISED_PROMO.fullmatch(sentence.strip()) is not None


# A wire photo's caption: "This image provided by the Montgomery County Correctional
# Facility shows Bill Cosby …", "This undated photo released by the police shows …".
_HANDOUT_CAPTION = re.compile(
    r"""(?:This|In\ this)\ (?:undated\ |handout\ |file\ |booking\ |video\ )?
    (?:image|photo|photograph|picture|mugshot|screenshot|screen\ grab|still)s?,?
    \ (?:provided|released|made\ available|obtained|taken|posted|distributed|shared)
    \ (?:by|to)\ [^.]{1,120}?,?\ shows?\b""",
    re.VERBOSE,
)


# A note on the picture above, all in brackets: "(In this photo, Krystle Campbell is seen on
# the left and Karen Rand is one the right.)", "(Pictured: the shroud in 2010.)".
_PARENTHESISED_PHOTO_NOTE = re.compile(
    r"""\((?:In\ (?:this|the)\ (?:undated\ |file\ |handout\ )?
    (?:photo|photograph|image|picture|video)s?|Pictured|From\ left)\b[^()]*\)\.?""",
    re.VERBOSE,
)
# A photographer's name and agency, slashed, before the caption they credit: "Gerard Julien /
# AFP / Getty Images Pope John Paul II prays …", "Luigi Garlaschelli / Via youtube.com A
# screengrab of the research.": two to four names (a person's), then the slash. A slash
# between words in prose has no spaces around it, and "The AP / Reuters poll" names no person.
_SLASHED_CREDIT_AT_START = re.compile(
    r"""(?!The\ |A\ |An\ )(?:[A-Z][a-z][\w.'’-]*\ ){2,4}
    /\ (?:AFP|AP|EPA|Reuters|Getty\ Images|Shutterstock|Alamy|Bloomberg|Handout|Via\ \S+)\b""",
    re.VERBOSE,
)


def _is_handout_caption(sentence: str) -> bool:
    return sentence.startswith(("This ", "In this ")) and bool(_HANDOUT_CAPTION.match(sentence))


_BYLINE_START = re.compile(r"^(?:(?:written|words|posted|reported|story|text)\s+)?by$", re.I)
_BYLINE_CONNECTORS = _word_set(
    "and & | , - the in for at de da del di van von der den la le al bin staff"
)
_MAX_BYLINE_WORDS = 12


def _is_byline(words: list[str]) -> bool:
    """ "By Jane Doe", "By JANE DOE and John Roe, Reuters": "By" followed only by capitalised
    names and connectors. "By the end of the year, …" fails at "end"."""
    for split in (1, 2):
        head, names = words[:split], words[split:]
        if _BYLINE_START.match(" ".join(head)) and 0 < len(names) <= _MAX_BYLINE_WORDS:
            return all(_is_name_part(word) for word in names)
    return False


_SIGNATURE_DASHES = "-–—"
_MAX_SIGNATURE_WORDS = 5


def _is_signature(words: list[str]) -> bool:
    """A letter's or a statement's signature on a line of its own: "--Tawni Cranz"."""
    if not words or words[0][:1] not in _SIGNATURE_DASHES:
        return False
    names = [word.lstrip(_SIGNATURE_DASHES) for word in words]
    names = [name for name in names if name]
    return 0 < len(names) <= _MAX_SIGNATURE_WORDS and all(map(_is_name_part, names))


# What an embedded tweet shows under its text: "— Jane Roe (@janeroe) May 21, 2013". Its
# text before it is the author's to judge; the line of name, handle and date is no claim.
_TWEET_SIGNATURE = re.compile(
    rf"[{_SIGNATURE_DASHES}]{{1,2}}\ ?[^()\n]{{1,60}}\ \(@\w{{1,30}}\)"
    rf"\ (?i:{_MONTH})\.?\ \d{{1,2}},\ \d{{4}}"
)


# The same after a tweet's text; no dash in the name, so a dash of the text stays in it.
_GLUED_TWEET_SIGNATURE = re.compile(
    rf"(?:(?<=\s)|^)(?:pic\.twitter\.com/\w+\ )?[{_SIGNATURE_DASHES}]{{1,2}}\ ?"
    rf"[^()\n—–]{{1,60}}\ \(@\w{{1,30}}\)\ (?i:{_MONTH})\.?\ \d{{1,2}},\ \d{{4}}$"
)


def _is_tweet_signature(line: str) -> bool:
    return line[:1] in _SIGNATURE_DASHES and _TWEET_SIGNATURE.fullmatch(line) is not None


def _is_name_part(word: str) -> bool:
    core = word.strip(",.;|")
    return not core or core.casefold() in _BYLINE_CONNECTORS or core[0].isupper()


_LINK_SEPARATORS = "-|»›"
_LINK_SEPARATOR_END = re.compile(rf"\s[{_LINK_SEPARATORS}]$")
_MAX_LINK_WORDS = 20


def _is_link_list_item(line: str, words: list[str]) -> bool:
    """Headlines of other stories rendered as "Headline -" or "Headline |" links."""
    return len(words) <= _MAX_LINK_WORDS and _ends_in_link_separator(line)


def _ends_in_link_separator(line: str) -> bool:
    # The separator ends the line (or comes before its final newline, for "$"): a look at
    # that character spares nearly every line the search through it for a separator.
    if line.rstrip("\n")[-1:] not in _LINK_SEPARATORS:
        return False
    return _LINK_SEPARATOR_END.search(line) is not None


_SMALL_WORDS = _word_set(
    "a an and as at but by for from in into nor of on or per than the to up via vs with"
)
_MAX_HEADING_WORDS = 16
_MAX_SENTENCE_CASE_HEADING_WORDS = 6
_MAX_FULL_STOP_HEADING_WORDS = 4
_MIN_TITLE_CASE_SHARE = 0.75


def _looks_like_heading(line: str, words: list[str]) -> bool:
    """A short unpunctuated line starting with a capital: Title Case ("Zelenskiy's Contingency
    Plan") or a handful of words ("What happens next"). Sentences end with punctuation; a
    quotation is speech, unless it is a handful of words with none ("'Bars ransacked'")."""
    if len(words) > _MAX_HEADING_WORDS or _opens_with_caption_label(line):
        return False
    if line[0] in _OPENING_QUOTES:
        return _is_quoted_subhead(line, words)
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if _ends_like_sentence(line):
        end = _final_mark(line)
        if end == ".":
            # A run-in heading on a line of its own: "Gesture Control."
            return len(words) <= _MAX_FULL_STOP_HEADING_WORDS and _is_title_case(words)
        if end != "?":
            return False
        # "What Comes Next?", and the short questions news sites put above a section ("How
        # did he die?", "Who did it?"): a line of its own, not a sentence of a paragraph.
        return _is_title_case(words) or _is_question_heading(words)
    if _LABELLED_FIGURE.match(line):
        return False  # "Estimated net worth: $250,000": a fact to compare, not a title
    return len(words) <= _MAX_SENTENCE_CASE_HEADING_WORDS or _is_title_case(words)


# A label, a colon and a figure: "Estimated net worth: $250,000", "Running time: 2 hours".
_LABELLED_FIGURE = re.compile(r"[^:]{1,40}:\s+[^\s\d]{0,3}\d")


def _is_quoted_subhead(line: str, words: list[str]) -> bool:
    """The BBC's subheads quote a few words of the section below them ("'Very intelligent'",
    "‘IT’S NOT THE TIME’"): a quotation alone on its line without a sentence's punctuation.
    Speech in a paragraph ends in punctuation ("“We will win,” he said.", "“Why?”")."""
    if len(words) > _MAX_SENTENCE_CASE_HEADING_WORDS or line[-1] not in _CLOSERS:
        return False
    inside = line[1:].rstrip(_CLOSERS).rstrip()
    return bool(inside) and inside[-1] not in _SENTENCE_END + ","


# Question words that open section questions; "Will the war end soon?" stays prose (the
# sample corpus asks it inside the story).
_QUESTION_WORDS = frozenset(
    ["how", "what", "who", "whom", "whose", "why", "where", "when", "which", "is", "are"]
)
_MAX_QUESTION_HEADING_WORDS = 7


def _is_question_heading(words: list[str]) -> bool:
    return len(words) <= _MAX_QUESTION_HEADING_WORDS and words[0].casefold() in _QUESTION_WORDS


def _is_title_case(words: list[str]) -> bool:
    """Most words that matter start with a capital (small words like "of", "with" do not count)."""
    cores = [word.strip(_OPENING_QUOTES + _CLOSERS + ",:;-–—") for word in words]
    significant = [
        core
        for index, core in enumerate(cores)
        if core[:1].isalpha() and (index == 0 or core.casefold() not in _SMALL_WORDS)
    ]
    if len(significant) < 2:
        return False
    capitalised = sum(1 for core in significant if core[0].isupper())
    return capitalised >= _MIN_TITLE_CASE_SHARE * len(significant)


# --- context rules -------------------------------------------------------------------------

_MIN_HEADLINE_RUN = 3


def _demote_headline_runs(lines: list[str], kinds: list[LineKind]) -> list[LineKind]:
    """Three or more headline-shaped lines in a row are a list of links to other stories
    ("Lorde Makes Major Donation Amid Tour -" …): a section heading is followed by prose."""
    result = list(kinds)
    shaped = [_is_headline_shaped(line, kind) for line, kind in zip(lines, kinds, strict=True)]
    for is_shaped, run in groupby(range(len(lines)), key=shaped.__getitem__):
        members = list(run)
        if is_shaped and len(members) >= _MIN_HEADLINE_RUN:
            for member in members:
                result[member] = LineKind.BOILERPLATE
    return result


def _mark_story_highlights(lines: list[str], kinds: list[LineKind]) -> list[LineKind]:
    """USA Today's "Story Highlights": the label glued to the first one (after a picture's
    credit), the others on the short lines after it ("Name withheld pending family's
    permission", "Second victim was Krystle Campbell, 29, …"): a summary of the story, told
    again below, not claims of their own. The story's dateline ends them."""
    return _furniture_after(
        lines,
        kinds,
        labels=lambda line: _STORY_HIGHLIGHTS in line,
        ends=_is_dateline,
        most=_MORE_HIGHLIGHTS,
    )


def _mark_related_links(lines: list[str], kinds: list[LineKind]) -> list[LineKind]:
    """The links under a "Related Story:" label, headlines of other stories ("Former Frost
    Heaves player fatally shot in Montpelier"), up to the first line that ends as a sentence
    does: a page whose links were stripped goes on with its prose at once (mn145's
    "RELATED:" then "Simpson's release from prison … will produce a spectacle …")."""
    return _furniture_after(
        lines,
        kinds,
        labels=lambda line: line.strip(" :").lower() in _RELATED_LABELS,
        ends=_ends_like_sentence,
        most=_MAX_RELATED_LINKS,
    )


def _furniture_after(
    lines: list[str],
    kinds: list[LineKind],
    *,
    labels: Callable[[str], bool],
    ends: Callable[[str], bool],
    most: int,
) -> list[LineKind]:
    """``kinds`` with up to ``most`` lines after each line a widget ``labels`` made
    boilerplate: the widget's items, short lines, up to the first long one or one that
    ``ends`` it."""
    result = list(kinds)
    for index, line in enumerate(lines):
        if not labels(line):
            continue
        for k in range(index + 1, min(index + 1 + most, len(lines))):
            if len(lines[k].split()) > _MAX_WIDGET_ITEM_WORDS or ends(lines[k]):
                break
            result[k] = LineKind.BOILERPLATE
    return result


_RELATED_LABELS = frozenset(
    ["related", "related story", "related stories", "related articles", "related links"]
)
_MAX_RELATED_LINKS = 5
_MAX_WIDGET_ITEM_WORDS = 20


_STORY_HIGHLIGHTS = "Story Highlights"
_MORE_HIGHLIGHTS = 2  # three in all, the first on the label's line


def _mark_code_and_table_headers(lines: list[str], kinds: list[LineKind]) -> list[LineKind]:
    """Markdown's structure, in Markdown files and in text pasted from them: the lines of a
    fenced code block are code, not claims (BOILERPLATE, with their fences), and a line
    above a table's delimiter row ("Name | Age" over "--- | ---") names columns (HEADING).
    A fence never closed marks nothing: one stray "```" must not swallow an article."""
    result = list(kinds)
    opening: re.Match[str] | None = None
    opened_at = 0
    for index, line in enumerate(lines):
        fence = _CODE_FENCE.fullmatch(line)
        if opening is None:
            if fence:
                opening, opened_at = fence, index
            elif _is_table_header(line, lines[index + 1 : index + 2]):
                result[index] = LineKind.HEADING
        elif fence and _closes(opening, fence):
            result[opened_at : index + 1] = [LineKind.BOILERPLATE] * (index + 1 - opened_at)
            opening = None
    return result


_CODE_FENCE = re.compile(r"(?P<marks>`{3,}|~{3,})[^`]*")
_TABLE_DELIMITER_CELL = re.compile(r":?-{3,}:?")


def _closes(opening: re.Match[str], fence: re.Match[str]) -> bool:
    """CommonMark: the same character, at least as many, and nothing after them."""
    marks, opened = fence["marks"], opening["marks"]
    return fence.group() == marks and marks[0] == opened[0] and len(marks) >= len(opened)


def _is_table_header(line: str, below: list[str]) -> bool:
    """``line`` has as many cells as the delimiter row below it, two or more."""
    if not below:
        return False
    delimiter = _table_cells(below[0])
    if len(delimiter) < 2 or not all(map(_TABLE_DELIMITER_CELL.fullmatch, delimiter)):
        return False
    return len(_table_cells(line)) == len(delimiter)


def _table_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _is_headline_shaped(line: str, kind: LineKind) -> bool:
    if kind is LineKind.HEADING:
        return True
    # Most lines end in no separator: they need not be split into words to tell.
    return _ends_in_link_separator(line) and _is_link_list_item(line, line.split())


_MAX_HEADLINE_WORDS = 20


def _promote_leading_headline(
    lines: list[str], kinds: list[LineKind], *, bulleted: list[bool]
) -> list[LineKind]:
    """The first real line above the article is its headline even in sentence case ("Speaking
    to Putin, Zelensky: Trump makes first big foray into Ukraine diplomacy"): short, no full
    stop, not a list item. Datelines, captions and furniture before it are passed over."""
    result = list(kinds)
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind in (LineKind.BOILERPLATE, LineKind.CAPTION):
            continue
        if kind is LineKind.PROSE and not bulleted[index] and _could_be_headline(line):
            result[index] = LineKind.HEADING
        break
    return result


def _headline_ending_in_abbreviation(line: str) -> bool:
    """A line whose full stop is a closing abbreviation's, written as headlines are, without
    articles: "Frail Robert Durst sentenced … to low-security federal prison in L.A.", not the
    lede "The company said it would cut jobs in the U.S." """
    ending = _FINAL_ABBREVIATION.search(line)
    return ending is not None and not _ARTICLE.search(line[: ending.start()])


_FINAL_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}[\"'”’]?\s*$")
_ARTICLE = re.compile(r"\b(?:the|a|an)\b", re.IGNORECASE)


def _could_be_headline(line: str) -> bool:
    """A headline is one clause without a full stop: a lede ending in one ("… CNN's Jake
    Tapper called it “unhinged” and “wild.”", however its quotes are damaged) is prose, and
    so is a line of two sentences ("\"FASD\" redirects here. For other uses, see …")."""
    words = line.split()
    starts_well = line[0].isupper() or line[0].isdigit() or line[0] in _OPENING_QUOTES
    last = _final_mark(line)
    ends_well = not last or last not in ".:;…" or _headline_ending_in_abbreviation(line)
    if not (starts_well and ends_well and len(words) <= _MAX_HEADLINE_WORDS):
        return False
    if _opens_with_caption_label(line) or _WEB_ADDRESS.search(line):
        return False  # a caption behind its label; a form or a link ("… from WRAL.com: http://…")
    return len(sentence_spans(line)) == 1

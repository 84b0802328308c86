"""Offline sentence splitting: NLTK Punkt with shipped parameters, offsets into the text kept."""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING

from aligner.load.decode import fold_invisible, is_kept_invisible
from aligner.text.nltk_modules import PUNKT, nltk_module

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktToken
else:  # without the rest of NLTK (see aligner/text/nltk_modules.py)
    _punkt = nltk_module(PUNKT)
    PunktParameters = _punkt.PunktParameters
    PunktSentenceTokenizer = _punkt.PunktSentenceTokenizer
    PunktToken = _punkt.PunktToken

__all__ = ["MAX_SENTENCE_CHARS", "punkt_parameters", "sentence_spans"]

#: Longest sentence handed to the aligner and the reader. A longer run (a paragraph without
#: punctuation, a pasted blob) is cut at the last whitespace before the limit, or hard-cut
#: when it has none, so nothing downstream ever sees a gigantic "sentence".
MAX_SENTENCE_CHARS = 2_000

# Punkt sees at most this many characters at once: NLTK runs each regex scan under a 5 s
# wall-clock guard, and one scan over a multi-megabyte paragraph can trip it.
_PUNKT_WINDOW_CHARS = 10_000

_PARAMETERS_RESOURCE = "punkt_parameters.toml"

# Punkt's orthographic flag "seen lower-case inside a sentence" (punkt._ORTHO_MID_LC); with it
# a capitalised "The" after an abbreviation or an initial reads as a sentence start.
_ORTHO_MID_LC = 1 << 5
_NUMBER_TYPE = "##number##"

# A sentence ending in one of these, followed by a piece that starts in lower case, is a
# quotation with its attribution: "“Why?” he asked." stays one sentence.
_ATTRIBUTION_ENDS = frozenset("\"'”’»›)]}!?")

_LAST_WHITESPACE = re.compile(r".*\s", re.DOTALL)
_NON_WHITESPACE = re.compile(r"\S")

Span = tuple[int, int]


# Marks that open a quotation or an aside. Punkt splits off a straight double quote or a
# bracket, but keeps curly and single quotes on the word: "“Mr." and "‘Dr." are words of
# their own to it, which no abbreviation list holds.
_OPENING_MARKS = "\"'“‘«‹„([{"

# Letters joined by periods ("O.J.", "A.D.", "J.R.R."): initials and initialisms, read like a
# listed abbreviation (a sentence ends after one only before a sentence starter: "in the
# U.S. The next day").
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


class _AbbreviationTypes(set[str]):
    """The shipped abbreviations, also behind an opening mark, and every initialism.

    Punkt asks ``word in abbrev_types`` with the word as written, lower-cased and without
    its final period ("“mr", "o.j").
    """

    def __contains__(self, word: object) -> bool:
        if set.__contains__(self, word):
            return True
        if not isinstance(word, str):
            return False
        bare = word.lstrip(_OPENING_MARKS)  # asked of every word with a period: kept cheap
        if len(bare) < len(word) and set.__contains__(self, bare):
            return True
        return "." in bare and _INITIALISM.fullmatch(bare) is not None


class _Token(PunktToken):
    """A Punkt token read without its opening marks, so "“No. 1" is the collocation "no" +
    number and a capitalised "“The" is the sentence starter "the"."""

    __slots__ = ()

    def _get_type(self, tok: str) -> str:
        return PunktToken._get_type(self, self._bare(tok) if tok[0] in _OPENING_MARKS else tok)

    @property
    def first_upper(self) -> bool:
        return self._bare(self.tok)[0].isupper()

    @property
    def first_lower(self) -> bool:
        return self._bare(self.tok)[0].islower()

    @staticmethod
    def _bare(tok: str) -> str:
        return tok.lstrip(_OPENING_MARKS) or tok


class _OrthoContext(dict[str, int]):
    """Punkt's ortho_context without defaultdict's insert-on-read.

    Punkt looks up every word after a period; a defaultdict would grow with each one, so the
    shared tokenizer would mutate (and keep growing) while threads read it.
    """

    def __missing__(self, key: str) -> int:
        return 0


def punkt_parameters() -> PunktParameters:
    """Punkt parameters built from ``aligner/text/punkt_parameters.toml`` (a fresh object)."""
    source = resources.files("aligner.text").joinpath(_PARAMETERS_RESOURCE)
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    params = PunktParameters()
    params.ortho_context = _OrthoContext()
    params.abbrev_types = _AbbreviationTypes(
        word for group in data["abbreviations"].values() for word in group
    )
    starters = data["sentence_starters"]
    params.sent_starters = set(starters)
    for word in starters:
        # Lone letters stay out: "J. A. Smith" must read as initials, not "J." + a sentence.
        if len(word) > 1:
            params.add_ortho_context(word, _ORTHO_MID_LC)
    params.collocations = {(word, _NUMBER_TYPE) for word in data["number_prefixes"]}
    return params


# The commonest sentence end: a plain word of two or more letters and its full stop, then a
# closing quote or bracket, or a space and a word (perhaps behind an opening quote).
_PLAIN_SENTENCE_END = re.compile(r"""([A-Za-z]{2,})\.(?:["”’)\]]| +["“‘]?[A-Za-z])""")


class _Tokenizer(PunktSentenceTokenizer):
    """Punkt, told the commonest sentence end at once."""

    def text_contains_sentbreak(self, text: str) -> bool:
        """Punkt's answer for the context around one possible sentence end ("said. The").

        For a plain word that is no abbreviation, Punkt's first pass marks its full stop a
        break, and its second pass can undo that only after an abbreviation, an initial or a
        number, or before a number (a collocation such as "no. 5"); a token follows. So the
        answer is yes without tokenizing and annotating the context (over half of all
        contexts, most of Punkt's time); any other context is Punkt's to judge.
        """
        plain = _PLAIN_SENTENCE_END.match(text)
        if plain is not None and plain.group(1).lower() not in self._params.abbrev_types:
            return True
        return _punkt_sees_break(text)


@functools.lru_cache(maxsize=8_192)
def _punkt_sees_break(context: str) -> bool:
    """Punkt's own answer for a context ("Mr. Snow", "U.S. Attorney", "1991. The"). It
    depends on the context alone (the parameters never change), and contexts recur: a third
    of msrp/10k's are asked again, and each costs Punkt a tokenizing and two annotations."""
    return bool(PunktSentenceTokenizer.text_contains_sentbreak(_tokenizer(), context))


@functools.cache
def _tokenizer() -> PunktSentenceTokenizer:
    # Built once; a race on first use only builds an identical tokenizer twice.
    return _Tokenizer(punkt_parameters(), token_cls=_Token)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split ``text[start:end]`` (one paragraph) into sentences.

    Returns absolute ``(start, end)`` offsets into ``text``, in order, without surrounding
    whitespace, covering every non-whitespace character of the range exactly once. Punkt
    decides the breaks, with full stops glued to the next sentence ("this week.Los Angeles
    County") as breaks too, and reference marks after a full stop ("[2][16]") stay with the
    sentence they follow; then a fragment without letters or digits (a stray closing quote)
    joins its neighbour, a quotation followed by its attribution is rejoined, a paragraph's
    leading label ("Q.", "Etymology.", "SPOKANE, Wash.") joins the sentence it introduces, and
    sentences longer than :data:`MAX_SENTENCE_CHARS` are cut at whitespace. Invisible
    characters kept for display (a ZWJ, a tag character) play no part in these decisions.
    """
    start, end, _ = slice(start, end).indices(len(text))
    if start >= end:
        return []
    paragraph = text[start:end]
    visible = fold_invisible(paragraph)
    if len(visible) == len(paragraph) or not visible.strip():
        return _visible_sentence_spans(text, start, end)
    offsets = [k for k, char in enumerate(paragraph) if not is_kept_invisible(char)]
    spans = _unfolded(paragraph, offsets, _visible_sentence_spans(visible, 0, len(visible)))
    # Capped again: a run of invisible characters after every letter must not make a
    # sentence of visible length 2,000 tens of thousands of characters long.
    return [(start + lo, start + hi) for span in spans for lo, hi in _capped(paragraph, span)]


def _visible_sentence_spans(text: str, start: int, end: int) -> list[Span]:
    breaks = {
        *_punkt_breaks(text, start, end),
        *_full_width_breaks(text, start, end),
        *_glued_breaks(text, start, end),
    }
    pieces = _split_at(text, start, end, _past_citation_marks(text, breaks, end))
    return [chunk for span in _rejoin_fragments(text, pieces) for chunk in _capped(text, span)]


def _unfolded(paragraph: str, offsets: list[int], spans: list[Span]) -> list[Span]:
    """Spans of the paragraph without its invisible characters as spans of the paragraph.

    ``offsets[k]`` is where the k-th visible character stands in ``paragraph``. Invisible
    characters right before a sentence (no space between) belong to it; any others to the
    sentence before them (or, before the first sentence, to the first). So each invisible
    character is covered exactly once, like every visible one.
    """
    mapped = [[offsets[lo], offsets[hi - 1] + 1] for lo, hi in spans]
    for span in mapped:
        while span[0] > 0 and is_kept_invisible(paragraph[span[0] - 1]):
            span[0] -= 1
    following_starts = [*(span[0] for span in mapped[1:]), len(paragraph)]
    for span, following in zip(mapped, following_starts, strict=True):
        span[1] += len(paragraph[span[1] : following].rstrip())
    lead = paragraph[: mapped[0][0]]
    mapped[0][0] = len(lead) - len(lead.lstrip())
    return [(lo, hi) for lo, hi in mapped]


def _punkt_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets where Punkt starts a new sentence, scanning in bounded windows."""
    breaks: list[int] = []
    position = start
    while True:
        window_end = end
        if end - position > _PUNKT_WINDOW_CHARS:
            window_end = _cut_point(text, position, position + _PUNKT_WINDOW_CHARS)
        starts = [position + s for s in _sentence_starts(text[position:window_end])]
        breaks.extend(starts)
        if window_end == end:
            return breaks
        # Punkt decides a break from the word before it and the word after it, and windows end
        # at whitespace, so rescanning from the window's last sentence (or, without a break,
        # from its last word) sees every decision with its full context.
        if starts:
            position = starts[-1]
        else:
            last_space = _last_whitespace(text, position + 1, window_end)
            position = window_end if last_space is None else last_space + 1


# Chinese and Japanese end sentences with full-width marks and no space after them, which
# Punkt (it splits at whitespace) never sees as breaks. A mark inside a closing quote is not
# a break: "“会谈很顺利。”他说。" is one sentence, the quote and its attribution.
_FULL_WIDTH_END = re.compile(r"[。！？](?=[^\s」』）”’])")


def _full_width_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets right after a full-width sentence end that is followed by more text."""
    if text.isascii():  # no full-width mark, and a check that takes no time: no scan
        return []
    return [match.end() for match in _FULL_WIDTH_END.finditer(text, start, end)]


# Scraped pages lose the space after a full stop where a line ended ("earlier this
# week.Los Angeles County sheriff's homicide detectives ...", "on Dec. 26.Cosme allegedly"),
# and Punkt, which splits at whitespace, reads two sentences as one word. A full stop after a
# word of two lower-case letters or more, or after a figure, then a capitalised word that
# more words follow, is a sentence end. Not matched: "Mr.Smith" and "p.m.Friday" (a capital
# or a period before the last letter), "CNN.com" and "3.5", and names written with a dot,
# whose capitalised part is one letter, ends the sentence or runs into more ("Sobig.F
# became", "Visual Studio.Net.", "www.HollywoodIsCalling.com"); of one-letter words, only
# "A" and "I" before a lower-case word start a sentence ("authorities said.A second woman").
# The mark and what follows it; what stands before it is checked apart (``_glued_breaks``):
# a pattern that starts with its mark is found in a fifth of the time one that starts with a
# look-behind takes (msrp10k14: 0.01 s against 0.05 s).
_GLUED_END = re.compile(r"[.?!](?=[\"“‘]?(?:[A-Z][\w’'-]+[\s,;:]|[AI]\ [a-z]))")
_BEFORE_GLUED_END = re.compile(r"[a-z][a-z]|[0-9]")


def _glued_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets right after a sentence end that has no space after it (``_GLUED_END``, after
    two lower-case letters or a figure), unless the word before it is a listed abbreviation
    ("approx.")."""
    abbreviations = _tokenizer()._params.abbrev_types
    found = []
    for match in _GLUED_END.finditer(text, start, end):
        mark = match.start()
        if mark - start < 1 or not _BEFORE_GLUED_END.fullmatch(
            text, max(start, mark - (1 if text[mark - 1].isdigit() else 2)), mark
        ):
            continue
        # The word is short: looked for in the few characters before the mark.
        word = _WORD_BEFORE.search(text, max(start, mark - _LONGEST_WORD), mark)
        if word is not None and word.group().lower() in abbreviations:
            continue
        # "said.A second woman", not "Sobig.A that": a name's dotted part is one letter.
        if _ONE_LETTER_WORD.match(text, match.end()) and not (word and word.group().islower()):
            continue
        found.append(match.end())
    return found


_WORD_BEFORE = re.compile(r"\w+$")
_ONE_LETTER_WORD = re.compile(r"[\"“‘]?[AI]\ ")
_LONGEST_WORD = 40


def _sentence_starts(window: str) -> list[int]:
    """Offsets into ``window`` where Punkt starts a sentence, the first one excluded."""
    body = window[:-1]
    if "." not in body and "?" not in body and "!" not in body:
        # Punkt weighs a break only after one of these marks with more text after it: a
        # window without one before its last character (a quarter of msrp paragraphs, two
        # fifths of news ones) is one sentence, and Punkt's machinery is spared.
        return []
    # Punkt's span_tokenize, its two passes run here: the second is needed for few windows.
    tokenizer = _tokenizer()
    try:
        slices = list(tokenizer._slices_from_text(window))
    except TimeoutError:
        # NLTK's regex guard tripped (a pathological window on a very slow machine): leave
        # the window unsplit rather than fail; the length cap still bounds the result.
        return []
    if any(map(functools.partial(_realigned, tokenizer, window), slices[1:])):
        slices = list(tokenizer._realign_boundaries(window, iter(slices)))
    else:
        slices = [piece for piece in slices if piece.start < piece.stop]  # all it would do
    return sorted({piece.start for piece in slices[1:] if piece.start > 0})


# The marks Punkt's ``_realign_boundaries`` moves: its pattern ``re_boundary_realignment``
# matches only at one of them (tests/aligner/text/test_segment.py checks every character).
_REALIGNED_MARKS = frozenset("\"')]}\u2018\u2019\u201c\u201d\u00ab\u00bb")


def _realigned(tokenizer: PunktSentenceTokenizer, window: str, piece: slice) -> bool:
    """Whether Punkt's second pass, ``_realign_boundaries``, moves the closing marks that
    start this sentence ('He left.) Then') to the end of the one before.

    That pass matches a pattern on a copy of each sentence but the first; where none
    matches, all it does is drop empty slices. Only a sentence that starts with one of the
    marks can match: they are asked as Punkt asks them, and the others (six in seven of
    msrp10k14's windows have none that match) are spared the copy and the match.
    """
    if piece.start >= piece.stop or window[piece.start] not in _REALIGNED_MARKS:
        return False
    return tokenizer._lang_vars.re_boundary_realignment.match(window[piece]) is not None


# Wikipedia-style reference marks: "[2]", "[a]", "[note 3]", "[citation needed]".
_CITATION_MARKS = re.compile(
    r"(?:\[(?:\d{1,4}|[a-z]|note\ \d{1,4}|[a-z]+(?:\ [a-z]+)?\ needed)\])+\s*", re.VERBOSE
)


def _past_citation_marks(text: str, breaks: set[int], end: int) -> list[int]:
    """``breaks`` in order, each moved past the reference marks that start it: Punkt ends a
    sentence at "2017." in "2017.[2][16] Next", and the marks would start the next one."""
    moved = set()
    for position in breaks:
        marks = _CITATION_MARKS.match(text, position, end)
        if marks:
            position = marks.end()
        if position < end:
            moved.add(position)
    return sorted(moved)


def _split_at(text: str, start: int, end: int, breaks: list[int]) -> list[Span]:
    bounds = [start, *breaks, end]
    return [span for lo, hi in itertools.pairwise(bounds) if (span := _strip(text, lo, hi))]


def _strip(text: str, lo: int, hi: int) -> Span | None:
    piece = text[lo:hi]
    stripped = piece.strip()
    if not stripped:
        return None
    first = lo + len(piece) - len(piece.lstrip())
    return first, first + len(stripped)


def _rejoin_fragments(text: str, pieces: list[Span]) -> list[Span]:
    joined: list[Span] = []
    for piece in pieces:
        if joined and _continues(text, joined[-1], piece):
            joined[-1] = (joined[-1][0], piece[1])
        else:
            joined.append(piece)
    # A leading fragment without words has no previous sentence, and a leading label is not
    # a sentence of its own: either joins the next one.
    if len(joined) > 1 and (
        not _has_word_character(text, joined[0]) or _is_lead_label(text, joined[0])
    ):
        joined[:2] = [(joined[0][0], joined[1][1])]
    return joined


def _continues(text: str, previous: Span, piece: Span) -> bool:
    """Whether ``piece`` belongs to the sentence before it rather than starting one."""
    if not _has_word_character(text, piece):
        return True  # a lone closing quote, dash or ellipsis is never a sentence of its own
    if _CONTINUATION_START.match(text, piece[0]):
        return True  # "… the managers [are.],” Oliver said.": Punkt broke inside brackets
    first = text[piece[0]]
    last = text[previous[1] - 1]
    if first.isalpha() and first.islower():
        return last in _ATTRIBUTION_ENDS
    return last in _CLOSING_QUOTES and _ATTRIBUTION.fullmatch(text, *piece) is not None


_CLOSING_QUOTES = frozenset("\"'”’»›")
# What no sentence starts with: a closing bracket, or closing marks before a comma or a
# semicolon (the sentence they close goes on).
_CONTINUATION_START = re.compile(r"[)\]}]|[\"'”’»›]+[,;]")
# "“Are you OK?” Sarpong said.": a capitalised speaker and a verb of saying after a quotation.
_ATTRIBUTION = re.compile(
    r"[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,3}\s+"
    r"(?:said|says|asked|asks|added|adds|replied|replies|wrote|writes|recalled|explained"
    r"|responded|continued|insisted|tweeted|told\s+[\w’'-]+)\.",
)

# Labels a paragraph can open with: an interview's "Q." and "A:", a run-in heading
# ("Etymology. Caihong is …"), a dateline ("SPOKANE, Wash. - Seattle is …").
_LEAD_LABEL = re.compile(
    r"""[^\W\d_][.:]
      | [^\W\d_][^\W\d_’'-]*\.
      | [A-Z][A-Z’'.-]+(?:\ [A-Z][A-Z’'.-]+)*,\ [A-Z][\w.]*(?:\ [A-Z][\w.]*)?""",
    re.VERBOSE,
)


def _is_lead_label(text: str, span: Span) -> bool:
    return text[span[0]].isupper() and _LEAD_LABEL.fullmatch(text, *span) is not None


def _has_word_character(text: str, span: Span) -> bool:
    return any(char.isalnum() for char in text[span[0] : span[1]])


def _capped(text: str, span: Span) -> Iterator[Span]:
    lo, hi = span
    while hi - lo > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, lo, lo + MAX_SENTENCE_CHARS)
        chunk = _strip(text, lo, cut)
        assert chunk is not None  # text[lo] is not whitespace
        yield chunk
        next_word = _NON_WHITESPACE.search(text, cut, hi)
        assert next_word is not None  # text[hi - 1] is not whitespace
        lo = next_word.start()
    yield lo, hi


def _cut_point(text: str, lo: int, limit: int) -> int:
    """Where to end a piece starting at ``lo``: its last whitespace up to ``limit``, else there."""
    space = _last_whitespace(text, lo + 1, limit + 1)
    return limit if space is None else space


def _last_whitespace(text: str, lo: int, hi: int) -> int | None:
    """Index of the last whitespace character in ``text[lo:hi]``, if any."""
    match = _LAST_WHITESPACE.match(text, lo, hi)
    return match.end() - 1 if match else None

"""Markdown export: a Comparison as a document for people, with every article text escaped."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from aligner.calibration import CONTRADICTION_DIFF_KEPT_SHARE, SURE_ROW_SCORE
from aligner.match.trust import doubted_members, row_doubt, row_reason, texts_and_articles
from aligner.result.model import Article, Comparison, Conflict, Group, Label, Sentence
from aligner.result.summary import conflict_counts
from aligner.runtime.cancel import checkpoint
from aligner.text.diff import DiffOp, kept_share, word_diff
from aligner.text.terminal_safety import TAG_CHARACTERS, UNSAFE_IN_BMP_BEYOND_C0

# Characters turned into one space: line breaks of every flavour and other layout whitespace,
# so that a sentence never spans two Markdown lines.
_LAYOUT_WHITESPACE = re.compile("[\t\n\r\f\v\x85\u2028\u2029 ]+")
# What the terminal rule refuses (controls, bidi overrides, invisible characters): inert in
# Markdown but able to act on a terminal (the export can go to stdout), reorder what the
# reader sees or hide text. Tag characters are kept, written as character references.
_INVISIBLE_CONTROLS = re.compile(f"[\x00-\x1f{UNSAFE_IN_BMP_BEYOND_C0}]")
_TAG_CHARACTER = re.compile(f"[{TAG_CHARACTERS}]")
# Lone surrogates stand for file-name bytes that are not UTF-8 ("caf\udce9.txt"); they cannot
# be written as UTF-8 at all, so they are shown as the replacement character.
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")
# ASCII punctuation that starts Markdown syntax anywhere in a line: code spans, emphasis,
# strikethrough, links/images, headings (and the closing `#` run of a heading), escapes,
# and GitHub's `$` math.
_INLINE_SPECIAL = re.compile(r"([\\`*_~\[\]#$])")
# `&` only matters where it would start a character reference such as `&amp;` or `&#60;`.
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Block markers that only mean something at the start of a line: list bullets, setext
# underlines and ordered-list numbers ("1." / "1)").
_LEADING_MARKER = re.compile(r"^(?:([-+=])|(\d+)([.)]))")

_NO_VALUE = "—"

# Above this many sources the similarity matrix becomes a list of the most similar pairs.
MAX_MATRIX_SOURCES = 16
MAX_LISTED_PAIRS = 20


def clean_text(text: str) -> str:
    """``text`` on one line: controls and invisible characters dropped (tag characters
    kept), runs of whitespace and line breaks as one space, lone surrogates (undecodable
    file-name bytes) as U+FFFD."""
    text = _LAYOUT_WHITESPACE.sub(" ", text)
    text = _LONE_SURROGATES.sub("\ufffd", text)
    return _INVISIBLE_CONTROLS.sub("", text).strip()


def _escape(text: str, *, pipe: str) -> str:
    text = clean_text(text)
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_START.sub("&amp;", text)
    # `<` would open raw HTML or an autolink; `>` would open a block quote.
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", pipe)
    # Invisible in a document, tag characters are written where a reader of the file sees them.
    text = _TAG_CHARACTER.sub(lambda match: f"&#x{ord(match.group()):X};", text)
    return _LEADING_MARKER.sub(_escape_leading_marker, text, count=1)


def _escape_leading_marker(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def escape_inline(text: str) -> str:
    """``text`` as literal Markdown inline content: renders as exactly ``clean_text(text)``.

    Safe anywhere inside a line and at the start of one: no emphasis, code, link, image,
    raw HTML, character reference, heading, list, quote or table syntax survives.
    """
    return _escape(text, pipe="\\|")


def escape_cell(text: str) -> str:
    """``text`` as the literal content of one GFM table cell (pipes cannot split the cell)."""
    # GFM splits rows on `|` before inline parsing and treats any `\|` as an escaped pipe,
    # even after an escaped backslash; a character reference never splits a row.
    return _escape(text, pipe="&#124;")


def render_changes(ops: Sequence[DiffOp]) -> str:
    """Word changes as ``~~old~~ → **new**``, ``+ **added**`` and ``− ~~removed~~``.

    Each marked run sits between spaces so emphasis delimiters always open and close,
    whatever punctuation the escaped words start or end with. Changes of punctuation alone
    (a comma added) are left out as noise. Empty when no word differs.
    """
    parts: list[str] = []
    for op in ops:
        old = _changed_words(op.a) if op.kind in ("delete", "replace") else ""
        new = _changed_words(op.b) if op.kind in ("insert", "replace") else ""
        if old and new:
            parts.append(f"~~{old}~~ → **{new}**")
        elif new:
            parts.append(f"+ **{new}**")
        elif old:
            parts.append(f"− ~~{old}~~")
    return " · ".join(parts)


def _changed_words(run: str) -> str:
    """The escaped run, or "" when it holds nothing but punctuation and spaces."""
    text = clean_text(run)
    if all(ch.isspace() or unicodedata.category(ch).startswith("P") for ch in text):
        return ""
    return escape_inline(text)


@dataclass(slots=True)
class _Place:
    """One contradiction section: its sentences, their conflicts, and the sentences close
    enough to the first for a word diff to say what changed (one confident row or a sure
    link; between two facts worded apart a diff is noise)."""

    members: list[Sentence]
    conflicts: list[Conflict]
    comparable: set[str]

    def take_in(self, conflict: Conflict, sentences: Sequence[Sentence]) -> None:
        """Add a conflict between rows telling the same disagreement, and its sentences."""
        self.conflicts.append(conflict)
        known = {s.id for s in self.members}
        self.members.extend(s for s in sentences if s.id not in known)


def disagreement_key(conflict: Conflict) -> tuple[str, str] | None:
    """What a conflict disagrees about, as its reason names it: its kind and the thing in
    the closing brackets ("73-year-old vs 72-year-old (Durst's age)"); None when the reason
    names none. Conflicts with one key are one disagreement, however many sentences tell it."""
    detail = conflict.detail.rstrip()
    if not detail.endswith(")") or "(" not in detail:
        return None
    return str(conflict.kind), detail[detail.rindex("(") :]


class _Document:
    """Builds the Markdown text of one comparison."""

    def __init__(self, comparison: Comparison, notes: Mapping[str, str]) -> None:
        self.comparison = comparison
        self.notes = notes
        self.lines: list[str] = []
        self._places: list[_Place] | None = None
        self._labels = _source_labels(comparison.articles)
        # A large folder's document repeats the same sources, sentence pairs and links
        # thousands of times (msrp/10k: 4 million lines); each is escaped once, and every
        # later use reads the same text back.
        self._escaped_labels = {
            a.id: escape_inline(self._labels[a.id]) or escape_inline(a.id)
            for a in comparison.articles
        }
        self._paths = shown_paths(
            [a.path for a in comparison.articles]
            + [s.path for s in comparison.skipped]
            + [n.path for n in comparison.notices]
        )
        self._texts: dict[str, str] = {}
        self._link_lines: dict[str, list[tuple[str, str]]] = {}
        self._differences: dict[tuple[str, str], str] = {}
        self._diffs: dict[tuple[str, str], tuple[DiffOp, ...]] = {}

    # -- small pieces ---------------------------------------------------------------------

    def label(self, article_id: str) -> str:
        """Escaped, unambiguous name of a source."""
        known = self._escaped_labels.get(article_id)
        if known is not None:
            return known
        return escape_inline(self._labels.get(article_id, "")) or escape_inline(article_id)

    def emit(self, *lines: str) -> None:
        checkpoint()  # a large comparison's document takes seconds: every line may stop it
        self.lines.extend(lines)

    def section(self, heading: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.emit("")
        self.emit(heading, "")

    def text(self, sentence: Sentence) -> str:
        """The sentence's text, escaped (once per sentence)."""
        escaped = self._texts.get(sentence.id)
        if escaped is None:
            escaped = self._texts[sentence.id] = escape_inline(sentence.text)
        return escaped

    def sentence_item(
        self,
        sentence: Sentence,
        *,
        reference: Sentence | None = None,
        shown: AbstractSet[str] = frozenset(),
    ) -> None:
        """One list item: the source in bold, the sentence, its note and word changes;
        ``shown``: the sentences of the same section, which its links need not name again."""
        self.emit(f"- **{self.label(sentence.article_id)}**: {self.text(sentence)}")
        self.sub_items(sentence, reference=reference, shown=shown)

    def plain_item(self, sentence: Sentence) -> None:
        self.emit(f"- {self.text(sentence)}")
        self.sub_items(sentence, reference=None)

    def sub_items(
        self,
        sentence: Sentence,
        *,
        reference: Sentence | None,
        shown: AbstractSet[str] = frozenset(),
    ) -> None:
        if reference is not None:
            self.emit(self.differences(reference, sentence))
        self.emit(*(line for other, line in self.link_lines(sentence) if other not in shown))
        note = escape_inline(self.notes.get(sentence.id, ""))
        if note:
            self.emit(f"  - Note: {note}")

    def differences(self, reference: Sentence, sentence: Sentence) -> str:
        """The sub-item with ``sentence``'s word changes from ``reference`` (computed once
        per pair: a pair with several conflicts has a section for each)."""
        key = (reference.id, sentence.id)
        line = self._differences.get(key)
        if line is None:
            changes = render_changes(self.word_diff(reference, sentence)) or "same words"
            line = f"  - Differences from {self.label(reference.article_id)}: {changes}"
            self._differences[key] = line
        return line

    def word_diff(self, reference: Sentence, sentence: Sentence) -> tuple[DiffOp, ...]:
        """The pair's word diff, computed once (a contradiction first asks whether its
        versions are close enough, then shows the changes)."""
        key = (reference.id, sentence.id)
        ops = self._diffs.get(key)
        if ops is None:
            ops = self._diffs[key] = word_diff(reference.text, sentence.text)
        return ops

    def link_lines(self, sentence: Sentence) -> list[tuple[str, str]]:
        """The sub-items naming ``sentence``'s counterparts in other rows, each with the id
        of the sentence it names (built once per sentence: one sentence can stand in many
        contradiction sections)."""
        lines = self._link_lines.get(sentence.id)
        if lines is None:
            lines = []
            for link in self.comparison.links_of.get(sentence.id, ()):
                other = self.comparison.sentences[link.b if link.a == sentence.id else link.a]
                # Under the threshold: best for each other in their sources, worded too
                # differently to score more (see the reader's details panel).
                weak = link.score < self.comparison.options.threshold
                lines.append(
                    (
                        other.id,
                        f"  - {'Perhaps also' if weak else 'Also'} told in "
                        f"**{self.label(other.article_id)}** "
                        f"(counterpart {link.score:.0f}/100"
                        f"{', under the threshold' if weak else ''}): {self.text(other)}",
                    )
                )
            for near in self.comparison.near_of.get(sentence.id, ()):
                other = self.comparison.sentences[near.b]
                lines.append(
                    (
                        other.id,
                        f"  - Perhaps told in **{self.label(other.article_id)}**, closest there "
                        f"(counterpart {near.score:.0f}/100): {self.text(other)}",
                    )
                )
            self._link_lines[sentence.id] = lines
        return lines

    def table(
        self, header: Sequence[str], align: Sequence[str], rows: Iterable[Sequence[str]]
    ) -> None:
        self.emit("| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |")
        self.emit(*("| " + " | ".join(row) + " |" for row in rows))

    # -- sections -------------------------------------------------------------------------

    def build(self) -> str:
        self.title()
        self.sources()
        self.similarity()
        self.contradictions()
        self.spellings()
        self.shared()
        self.only_in()
        self.skipped()
        self.repaired()
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def title(self) -> None:
        articles = self.comparison.articles
        topic = document_topic(articles, self.comparison.options.pivot)
        self.emit(
            f"# Parallax comparison: {escape_inline(topic)}" if topic else "# Parallax comparison",
            "",
        )
        groups = self.comparison.groups
        # A row is counted contradicting as the reader draws it: when a conflict touches one
        # of its sentences, inside the row or from another (mn195: "0 contradicting · 1
        # conflict ... in 1 contradiction" for two lone sentences that disagree).
        labels = self.comparison.sentence_labels
        rows = Counter(
            Label.CONTRADICTING
            if any(labels.get(m) is Label.CONTRADICTING for m in g.members)
            else g.label
            for g in groups
        )
        counts = [
            _count(len(articles), "source"),
            _count(len(groups), "group"),
            f"{rows[Label.SHARED]} shared",
            f"{rows[Label.UNIQUE]} unique",
            f"{rows[Label.CONTRADICTING]} contradicting",
            _conflict_counts(self.comparison.conflicts, len(self._contradiction_places())),
            _count(len(self.comparison.skipped), "skipped file"),
        ]
        self.emit(" · ".join(counts), "", _HOW_TO_READ)

    def sources(self) -> None:
        self.section("## Sources")
        if not self.comparison.articles:
            self.emit("No article could be read.")
            return
        stats = {s.article_id: s for s in self.comparison.stats}
        rows = []
        for article in self.comparison.articles:
            s = stats.get(article.id)
            numbers = (s.prose, s.shared, s.unique, s.contradicting) if s else (0, 0, 0, 0)
            rows.append(
                [
                    escape_cell(article.id),
                    escape_cell(article.source),
                    escape_cell(article.headline or _NO_VALUE),
                    escape_cell(self._paths[article.path]),
                    *(str(n) for n in numbers),
                ]
            )
        header = ["ID", "Source", "Title", "File", "Prose", "Shared", "Unique", "Contradicting"]
        self.table(header, ["---"] * 4 + ["---:"] * 4, rows)
        for off in self.comparison.off_story:
            self.emit(
                "",
                f"**{escape_inline(self._labels[off.article_id])} may be about another story:** "
                f"{off.reason}.",
            )

    def similarity(self) -> None:
        articles = self.comparison.articles
        if not articles:
            return
        self.section("## Similarity")
        if len(articles) > MAX_MATRIX_SOURCES:
            self._most_similar_pairs()
            return
        self.emit(
            "Share of each row source's prose sentences that have a counterpart in the column "
            "source.",
            "",
        )
        names = [escape_cell(self._labels[a.id]) for a in articles]
        rows = []
        for row_article, row_name in zip(articles, names, strict=True):
            shares = self.comparison.similarity.get(row_article.id, {})
            cells = [
                _NO_VALUE if column.id == row_article.id else _percent(shares.get(column.id))
                for column in articles
            ]
            rows.append([row_name, *cells])
        self.table(["Source", *names], ["---"] + ["---:"] * len(articles), rows)

    def _most_similar_pairs(self) -> None:
        """Too many sources for a readable matrix: list the pairs that share the most."""
        pairs = sorted(
            (
                (-share, row, column)
                for row, shares in self.comparison.similarity.items()
                for column, share in shares.items()
                if row != column and share > 0
            ),
        )[:MAX_LISTED_PAIRS]
        if not pairs:
            self.emit("No two sources share a sentence.", "")
            return
        self.emit(
            f"The {len(pairs)} most similar pairs of sources (share of the first source's prose "
            "sentences with a counterpart in the second):",
            "",
        )
        for negative_share, row, column in pairs:
            self.emit(
                f"- {escape_inline(self._labels[row])} → {escape_inline(self._labels[column])}: "
                f"{_percent(-negative_share)}"
            )
        self.emit("")

    def contradictions(self) -> None:
        self.section("## Contradictions")
        places = self._contradiction_places()
        for number, place in enumerate(places, start=1):
            self.contradiction(number, place)
        if not places:
            self.emit("No contradictions found.")

    def _contradiction_places(self) -> list[_Place]:
        """Each contradiction section's sentences and conflicts: a contradicting group with
        the conflicts inside it, then each conflict between sentences of different groups
        (same subject, other figures). A conflict between groups that tells a disagreement
        already in a section (``disagreement_key``: one age told twice by one outlet) joins
        that section rather than opening another."""
        if self._places is not None:
            return self._places
        sentences = self.comparison.sentences
        explained: set[Conflict] = set()
        inside = self._conflicts_inside_groups()
        places: list[_Place] = []
        place_of: dict[tuple[str, str], _Place] = {}
        for group in self.comparison.groups:
            if group.label is not Label.CONTRADICTING:
                continue
            conflicts = inside.get(group.id, [])
            explained.update(conflicts)
            members = [sentences[m] for m in group.members if m in sentences]
            sure = row_doubt(group, *texts_and_articles(self.comparison, group)) is None
            place = _Place(members, list(conflicts), {s.id for s in members} if sure else set())
            places.append(place)
            for conflict in conflicts:
                if (key := disagreement_key(conflict)) is not None:
                    place_of.setdefault(key, place)
        for conflict in self.comparison.conflicts:
            if conflict in explained or conflict.a not in sentences or conflict.b not in sentences:
                continue
            if not conflict.disputes:
                continue  # a spelling: listed apart (``spellings``)
            explained.add(conflict)
            pair = [sentences[conflict.a], sentences[conflict.b]]
            key = disagreement_key(conflict)
            if key is not None and key in place_of:
                place_of[key].take_in(conflict, pair)
                continue
            comparable = {s.id for s in pair} if self._surely_one_fact(*pair) else set()
            place = _Place(pair, [conflict], comparable)
            places.append(place)
            if key is not None:
                place_of[key] = place
        self._places = places
        return places

    def spellings(self) -> None:
        """Names written two ways by different sources, one item per spelling with the
        sentences that write it (none: no section)."""
        sentences = self.comparison.sentences
        by_reason: dict[str, list[Conflict]] = {}
        for conflict in self.comparison.conflicts:
            if not conflict.disputes and conflict.a in sentences and conflict.b in sentences:
                by_reason.setdefault(conflict.detail, []).append(conflict)
        if not by_reason:
            return
        self.section("## Spellings to check")
        self.emit(
            "Names written differently by different sources, a typo or another transliteration: "
            "not a disagreement about the facts.",
            "",
        )
        for detail, conflicts in by_reason.items():
            sides = ((sentences[c.a], sentences[c.b]) for c in conflicts)
            pairs = dict.fromkeys(
                f"{self.label(a.article_id)} vs {self.label(b.article_id)}" for a, b in sides
            )
            self.emit(f"- {escape_inline(detail)} — {', '.join(pairs)}")
            told = dict.fromkeys(side for c in conflicts for side in (c.a, c.b))
            for sid in told:
                sentence = sentences[sid]
                self.emit(f"  - **{self.label(sentence.article_id)}**: {self.text(sentence)}")

    def _close_wording(self, reference: Sentence, sentence: Sentence) -> bool:
        """Whether ``sentence`` keeps enough of ``reference``'s words for a word diff to
        show what changed (``CONTRADICTION_DIFF_KEPT_SHARE``)."""
        return kept_share(self.word_diff(reference, sentence)) >= CONTRADICTION_DIFF_KEPT_SHARE

    def _surely_one_fact(self, one: Sentence, other: Sentence) -> bool:
        """Whether two sentences of different rows are linked as sure counterparts (a
        conflict between rows often joins two facts about one subject, worded apart)."""
        return any(
            other.id in (link.a, link.b) and link.score >= SURE_ROW_SCORE
            for link in self.comparison.links_of.get(one.id, ())
        )

    def _conflicts_inside_groups(self) -> dict[str, list[Conflict]]:
        """Per group id, the conflicts between two of its members in conflict order (what
        ``Comparison.group_conflicts`` gives, for every group in one pass over the
        conflicts: a large folder has hundreds of such groups and tens of thousands of
        conflicts)."""
        group_of = self.comparison.group_of
        inside: dict[str, list[Conflict]] = {}
        for conflict in self.comparison.conflicts:
            group = group_of.get(conflict.a)
            if conflict.disputes and group is not None and group is group_of.get(conflict.b):
                inside.setdefault(group.id, []).append(conflict)
        return inside

    def contradiction(self, number: int, place: _Place) -> None:
        members, conflicts = place.members, place.conflicts
        names = " vs ".join(dict.fromkeys(self.label(s.article_id) for s in members))
        self.section(f"### Contradiction {number}: {names}")
        first = members[0]
        compared = [
            index > 0
            and {first.id, sentence.id} <= place.comparable
            and self._close_wording(first, sentence)
            for index, sentence in enumerate(members)
        ]
        if len(members) > 1 and not any(compared):
            self.emit("(no word differences shown: the versions are worded too differently)", "")
        shown = {s.id for s in members}
        for sentence, diff in zip(members, compared, strict=True):
            self.sentence_item(sentence, reference=members[0] if diff else None, shown=shown)
        if conflicts:
            self.emit("", "Why they disagree:", "")
            # One outlet telling a figure twice gives the same reason twice: said once.
            reasons = Counter(self.reason(conflict) for conflict in conflicts)
            for reason, times in reasons.items():
                self.emit(f"- {reason}" + (f" ({times} pairs of sentences)" if times > 1 else ""))

    def reason(self, conflict: Conflict) -> str:
        sentences = self.comparison.sentences
        sides = " vs ".join(
            self.label(sentences[side].article_id) if side in sentences else escape_inline(side)
            for side in (conflict.a, conflict.b)
        )
        kind = escape_inline(str(conflict.kind))
        return f"**{kind}**, {conflict.severity}: {escape_inline(conflict.detail)} — {sides}"

    def shared(self) -> None:
        self.section("## Shared by several sources")
        sentences = self.comparison.sentences
        number = 0
        for group in self.comparison.groups:
            if group.label is not Label.SHARED:
                continue
            number += 1
            members = [sentences[m] for m in group.members if m in sentences]
            names = ", ".join(self.label(s.article_id) for s in members)
            doubts = doubted_members(self.comparison, group)
            partly = 0 < len(doubts) < len(group.members)
            check = ", partly to check" if partly else ", to check" if doubts else ""
            self.section(f"### Shared {number}{check}: {names}")
            self.emit(self._shared_similarity(group, members, doubts), "")
            # A word diff between sentences that may tell different facts is noise: only
            # the versions surely telling the row's fact are compared.
            sure = [s for s in members if s.id not in doubts]
            reference = sure[0] if len(sure) > 1 else None
            for sentence in members:
                compared = sentence is not reference and sentence.id not in doubts
                self.sentence_item(sentence, reference=reference if compared else None)
        if number == 0:
            self.emit("No sentence is shared by several sources.")

    def _shared_similarity(
        self, group: Group, members: Sequence[Sentence], doubts: Mapping[str, str]
    ) -> str:
        """The line under a shared row's heading: its similarity and, for a row with members
        only maybe telling its fact (``doubts``), which and why."""
        similarity = f"Similarity {group.score:.0f}/100"
        if doubts and len(doubts) == len(group.members):
            doubt = row_reason(doubts)
            return (
                f"{similarity} · maybe the same fact: {doubt}, compare the versions"
                " (no word differences shown: they may not tell the same fact)"
            )
        if not doubts:
            return similarity
        bests = ", ".join(
            f"{self.label(s.article_id)} {group.member_score(s.id):.0f}" for s in members
        )
        by_reason: dict[str, list[str]] = {}
        for s in members:
            if s.id in doubts:
                by_reason.setdefault(doubts[s.id], []).append(self.label(s.article_id))
        maybe = "; ".join(f"{', '.join(names)} ({why})" for why, names in by_reason.items())
        return (
            f"{similarity} (each version's best match in the row: {bests}) · only maybe the "
            f"same fact: {maybe}, compare its version (no word differences shown for it)"
        )

    def only_in(self) -> None:
        unique_by_article: dict[str, list[Sentence]] = {}
        sentences = self.comparison.sentences
        for group in self.comparison.groups:
            if group.label is Label.UNIQUE:
                for member in group.members:
                    if member in sentences:
                        sentence = sentences[member]
                        unique_by_article.setdefault(sentence.article_id, []).append(sentence)
        told, close = self.comparison.told_in_other_words, self.comparison.close_elsewhere
        off_story = {off.article_id for off in self.comparison.off_story}
        for article in self.comparison.articles:
            self.section(f"## Only in {self.label(article.id)}")
            if article.id in off_story:
                # Its sentences are no omissions of the others: it tells another story.
                self.emit(
                    "This source may be about another story (see Sources): what only it "
                    "tells is not what the others left out.",
                    "",
                )
            alone = sorted(unique_by_article.get(article.id, ()), key=lambda s: s.index)
            # Alone in their rows, but another source tells the same fact in another row.
            elsewhere = [s for s in alone if s.id in told]
            # Of the others, the ones with a close sentence in another source (a weak link
            # included): often told there too.
            perhaps = [s for s in alone if s.id in close]
            own = [s for s in alone if s.id not in told and s.id not in close]
            if not own and not perhaps:
                self.emit("Nothing: every sentence of this source is told by another one too.")
            for sentence in own:
                self.plain_item(sentence)
            if perhaps:
                self.emit(
                    "",
                    "Only here as far as Parallax can tell, but another source has a close "
                    "sentence (check it):",
                    "",
                )
                for sentence in perhaps:
                    self.plain_item(sentence)
            if elsewhere:
                self.emit("", "Told by another source in other words, in another row:", "")
                for sentence in elsewhere:
                    self.plain_item(sentence)

    def skipped(self) -> None:
        rows = [(self._paths[s.path], s.reason) for s in self.comparison.skipped]
        self.file_list("## Skipped files", rows)

    def repaired(self) -> None:
        rows = [(self._paths[n.path], n.message) for n in self.comparison.notices]
        self.file_list("## Repaired files", rows)

    def file_list(self, heading: str, rows: Sequence[tuple[str, str]]) -> None:
        """A section of files, each with what happened to it; none when there are none."""
        if not rows:
            return
        self.section(heading)
        for path, what in rows:
            self.emit(f"- {escape_inline(path)}: {escape_inline(what)}")


_HOW_TO_READ = (
    "How to read this: Parallax compares wording; it does not check facts. "
    "**Contradictions**: sentences giving different figures, names or statements (hard: they "
    "cannot both hold; soft: check them). **Shared**: told by several sources, with the words "
    'that differ from the first version; a row marked "to check" (similarity under '
    f"{SURE_ROW_SCORE:.0f}/100, or a very short sentence) often joins different facts, and "
    'one "partly to check" has versions that may tell another fact. '
    "**Only in**: told by one source alone."
)

# A longer headline is cut at a word for the document's title (a page's <title> can run on).
_MAX_TITLE_CHARS = 120


def document_topic(articles: Sequence[Article], pivot: int) -> str:
    """What the comparison is about, as a reader recognises it: the pivot source's headline,
    else the first headline another source has, else the name of the compared folder; never
    a file name. One line, cut at a word past ``_MAX_TITLE_CHARS``; "" for no articles."""
    if not articles:
        return ""
    # The engine clamps an out-of-range pivot the same way.
    first = articles[min(max(pivot, 0), len(articles) - 1)]
    headline = next((a.headline for a in (first, *articles) if a.headline), None)
    topic = clean_text(headline) if headline else _folder_name([a.path for a in articles])
    if len(topic) <= _MAX_TITLE_CHARS:
        return topic
    return topic[: _MAX_TITLE_CHARS + 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _folder_name(paths: Sequence[str]) -> str:
    """The name of the folder the files share ("mn039"), "" when they share none."""
    try:
        shared = os.path.commonpath([os.path.dirname(path) for path in paths])
    except ValueError:
        return ""
    return clean_text(os.path.basename(shared))


def _source_labels(articles: Sequence[Article]) -> dict[str, str]:
    # A source name alone is ambiguous when two files come from the same outlet.
    names = [a.source.strip() for a in articles]
    return {
        a.id: name if name and names.count(name) == 1 else f"{name} ({a.id})".strip()
        for a, name in zip(articles, names, strict=True)
    }


def _conflict_counts(conflicts: Sequence[Conflict], places: int) -> str:
    """ "6 conflicts (4 hard, 2 soft) in 5 contradictions · 2 spellings to check": a
    contradiction below (a row, or sentences of different rows) can hold several conflicts,
    one reason each; names spelled two ways are counted apart (``conflict_counts``)."""
    hard, soft, spellings = conflict_counts(conflicts)
    counted = f"{_count(hard + soft, 'conflict')} ({hard} hard, {soft} soft)"
    if hard + soft:
        counted += f" in {_count(places, 'contradiction')}"
    return counted + (f" · {_count(spellings, 'spelling')} to check" if spellings else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _percent(share: float | None) -> str:
    # Shares are fractions in [0, 1]; a missing pair means no counterpart at all.
    return f"{(share or 0.0) * 100:.0f}%"


def shown_paths(paths: Sequence[str]) -> dict[str, str]:
    """Each path as the document shows it: from the folder the files share on ("mn039/a1.txt"),
    not from the root of one's own disk, which tells another reader nothing and may tell too
    much about one's machine. Paths that share no folder (absolute and relative) stay whole."""
    if not paths:
        return {}
    try:
        shared = os.path.commonpath([os.path.dirname(path) for path in paths])
    except ValueError:
        return {path: path for path in paths}
    base = os.path.dirname(shared) or os.curdir
    return {path: os.path.relpath(path, base) for path in paths}


def to_markdown(comparison: Comparison, *, notes: Mapping[str, str] | None = None) -> str:
    """The comparison as a CommonMark + GFM document; same comparison, same bytes."""
    return _Document(comparison, notes or {}).build()


__all__ = [
    "clean_text",
    "escape_cell",
    "escape_inline",
    "render_changes",
    "to_markdown",
]

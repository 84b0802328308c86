"""The details panel's text: every version of a row, its differences, agreement and conflicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from aligner.calibration import PAIRWISE_VERSIONS
from aligner.match.trust import doubted_members, row_reason
from aligner.result.model import Comparison, Conflict, Group, Label, Sentence, Severity
from tui.cell_render import PERHAPS_MARK, PROBABLE_MARK, SOFT_MARK, TOLD_ELSEWHERE_MARK
from tui.row_layout import pivot_index, word_changes
from tui.safe_text import safe_text, strip_controls

_LABEL_GLYPH = {Label.SHARED: "=", Label.UNIQUE: "+", Label.CONTRADICTING: "!"}


def details_text(
    comparison: Comparison,
    group_id: str | None,
    sentence_id: str | None,
    notes: Mapping[str, str],
    colours: Mapping[str, str],
) -> Text:
    """The panel's text for a selection. Article text is inserted literally, never as markup."""
    palette = _Palette(colours)
    out = Text(end="")
    group = next((g for g in comparison.groups if g.id == group_id), None) if group_id else None
    if group is None:
        sentence = comparison.sentences.get(sentence_id) if sentence_id else None
        if sentence is None:
            out.append("Nothing selected.", palette.quiet)
            return out
        source = _source_name(comparison, sentence.article_id)
        out.append(f"{sentence.kind.value.capitalize()} line of {source}", palette.title)
        out.append(" — not compared\n\n", palette.quiet)
        out.append_text(safe_text(sentence.text))
        _append_note(out, notes.get(sentence.id), palette)
        return out

    members = [comparison.sentences[m] for m in group.members]
    article_ids = {s.article_id for s in members}
    told = [_source_name(comparison, s.article_id) for s in members]
    elsewhere = told_in_other_rows(comparison, group)
    told_elsewhere = [
        _source_name(comparison, a.id) for a in comparison.articles if a.id in elsewhere
    ]
    silent = [
        _source_name(comparison, a.id)
        for a in comparison.articles
        if a.id not in article_ids and a.id not in elsewhere
    ]
    conflicts = comparison.group_conflicts(group)
    doubts = doubted_members(comparison, group)
    # A shared or unique group disputed from another row keeps its own title (below).
    glyph, title = _sign_and_title(comparison, group, doubts)
    style = (
        palette.soft
        if glyph == SOFT_MARK
        else palette.label(Label.SHARED if glyph == TOLD_ELSEWHERE_MARK else group.label)
    )
    out.append(f"{glyph} {title}", style)
    if group.label is Label.SHARED and _disputed_from_another_row(comparison, group):
        # The grid marks such a row "!": say at once why the label reads otherwise.
        out.append(", contradicted by another row (below)", palette.label(Label.CONTRADICTING))
    out.append(f"  ·  group {group.id}", palette.quiet)
    if len(members) > 1:
        out.append(f"  ·  similarity {group.score:.0f}", palette.quiet)
        out.append(_similarity_reason(comparison, group), palette.quiet)
    out.append("\n")
    count = len(told) + len(told_elsewhere)
    out.append(f"Told by {count} of {len(comparison.articles)}: ", palette.quiet)
    out.append(strip_controls(", ".join(told)))
    if told_elsewhere:
        out.append(f"; {TOLD_ELSEWHERE_MARK} in another row: ", palette.quiet)
        out.append(strip_controls(", ".join(told_elsewhere)))
    out.append("\n")
    if silent:
        out.append("Not in: ", palette.quiet)
        out.append(strip_controls(", ".join(silent)))
        out.append("\n")

    in_conflict = {sid for c in conflicts for sid in (c.a, c.b)}
    if len(members) > 1:
        agreeing = [
            _source_name(comparison, s.article_id) for s in members if s.id not in in_conflict
        ]
        if conflicts and agreeing:
            # A large row's versions are checked against its reference only (passes.row_pairs).
            if len(members) > PAIRWISE_VERSIONS:
                against = _source_name(comparison, _reference(comparison, members).article_id)
                out.append(strip_controls(f"Agree with {against}: "), palette.quiet)
            else:
                out.append("Agree: ", palette.quiet)
            out.append(strip_controls(", ".join(agreeing)) + "\n")
    for conflict in conflicts:
        a, b = comparison.sentences[conflict.a], comparison.sentences[conflict.b]
        _append_conflict_sign(out, conflict, palette)
        pair = (
            f"{_source_name(comparison, a.article_id)} vs {_source_name(comparison, b.article_id)}"
        )
        out.append(strip_controls(pair))
        out.append(f" — {conflict.kind.value}, {conflict.severity.value}: ", palette.quiet)
        out.append(strip_controls(conflict.detail) + "\n")

    _append_conflicts_elsewhere(out, comparison, group, palette)
    _append_links(out, comparison, group, palette)
    _append_near(out, comparison, group, palette)

    reference = _reference(comparison, members)
    partly = 0 < len(doubts) < len(members)
    for sentence in members:
        out.append("\n")
        source = _source_name(comparison, sentence.article_id)
        doubt = doubts.get(sentence.id) if partly else None
        out.append(f"{PROBABLE_MARK if doubt else glyph} ", style)
        out.append(strip_controls(source), palette.title)
        if sentence is reference and len(members) > 1:
            out.append("  (reference for differences)", palette.quiet)
        if partly:
            # Which versions surely tell the row's fact, and why the others only maybe.
            score = f"  ·  best match here {group.member_score(sentence.id):.0f}"
            out.append(score + (f": maybe the same fact, {doubt}" if doubt else ""), palette.quiet)
        out.append("\n")
        out.append_text(_sentence_with_changes(sentence, reference, palette))
        out.append("\n")
        _append_note(out, notes.get(sentence.id), palette)
    return out


def _sign_and_title(
    comparison: Comparison, group: Group, doubts: Mapping[str, str]
) -> tuple[str, str]:
    """The row's sign, as the grid draws it, and the panel's title for it; ``doubts``: the
    members marked ``≈`` (``doubted_members``)."""
    if group.label is Label.CONTRADICTING and comparison.softly_contradicting(group):
        return SOFT_MARK, "Contradicting softly (told differently: check)"
    if group.label is Label.UNIQUE and _disputed_from_another_row(comparison, group):
        # A lone sentence another row disputes: the grid draws it "!" or "?", whatever else
        # is close to it, so the title leads with that (audit: "± Unique, perhaps ...,
        # contradicted by another row" for one sentence drawn "?").
        if comparison.softly_contradicting(group):
            return SOFT_MARK, "Told differently by another row: check (below)"
        return _LABEL_GLYPH[Label.CONTRADICTING], "Contradicted by another row (below)"
    told = comparison.told_in_other_words
    if group.label is Label.UNIQUE and any(m in told for m in group.members):
        return (
            TOLD_ELSEWHERE_MARK,
            "Alone in its row, but told in other words in another row (below)",
        )
    if group.label is Label.UNIQUE and any(m in comparison.close_elsewhere for m in group.members):
        return PERHAPS_MARK, "Unique, perhaps: close sentences in other sources (below)"
    if doubts and len(doubts) == len(group.members):
        return PROBABLE_MARK, f"Maybe shared: {row_reason(doubts)}: compare the versions"
    if doubts:
        return _LABEL_GLYPH[group.label], (
            f"Shared, {len(doubts)} of {len(group.members)} versions maybe another fact "
            f"({PROBABLE_MARK} below)"
        )
    return _LABEL_GLYPH[group.label], group.label.value.capitalize()


def _disputed_from_another_row(comparison: Comparison, group: Group) -> bool:
    """Whether a conflict disputing the facts joins a member to a sentence of another row."""
    members = set(group.members)
    touching = comparison.conflicts_of
    return any(
        c.disputes and not (c.a in members and c.b in members)
        for m in group.members
        for c in touching.get(m, ())
    )


def _append_conflicts_elsewhere(
    out: Text, comparison: Comparison, group: Group, palette: _Palette
) -> None:
    """Conflicts between a member and a sentence of another group: a source that tells the
    same fact with another figure in a sentence that did not align with this one."""
    group_of = comparison.group_of
    for member in group.members:
        for conflict in comparison.conflicts_of.get(member, ()):
            other_id = conflict.b if conflict.a == member else conflict.a
            other_group = group_of.get(other_id)
            if other_group is None or other_group.id == group.id:
                continue
            mine, other = comparison.sentences[member], comparison.sentences[other_id]
            _append_conflict_sign(out, conflict, palette)
            pair = (
                f"{_source_name(comparison, mine.article_id)} vs "
                f"{_source_name(comparison, other.article_id)} (group {other_group.id})"
            )
            out.append(strip_controls(pair))
            out.append(f" — {conflict.kind.value}, {conflict.severity.value}: ", palette.quiet)
            out.append(strip_controls(conflict.detail) + "\n")
            _append_quoted(out, other, palette)


def _append_conflict_sign(out: Text, conflict: Conflict, palette: _Palette) -> None:
    """The sign the grid draws for this conflict: "?" for a soft one (to check), "!" else."""
    if conflict.severity is Severity.SOFT:
        out.append(f"{SOFT_MARK} ", palette.soft)
    else:
        out.append("! ", palette.label(Label.CONTRADICTING))


def _similarity_reason(comparison: Comparison, group: Group) -> str:
    """What a row's similarity is, and why it is under the threshold when it is: rows form
    from pairs at or above it, and only a contradiction sets a version beside a row for the
    figures it tells differently, however it is worded."""
    threshold = comparison.options.threshold
    if group.score >= threshold:
        return " (weakest member's best match)"
    return (
        f" (weakest member's best match, under the threshold of {threshold:.0f}: a version set"
        " beside the others for a figure it tells differently, not for its wording)"
    )


def told_in_other_rows(comparison: Comparison, group: Group) -> set[str]:
    """The articles, none of the row's, that tell a member's fact in another row through a
    link at the threshold or more (what makes a lone sentence ``~``)."""
    sentences, threshold = comparison.sentences, comparison.options.threshold
    in_row = {sentences[m].article_id for m in group.members}
    return {
        sentences[sid].article_id
        for member in group.members
        for link in comparison.links_of.get(member, ())
        if link.score >= threshold
        for sid in (link.a, link.b)
    } - in_row


def _append_links(out: Text, comparison: Comparison, group: Group, palette: _Palette) -> None:
    """Counterparts beyond the row: sentences of other groups that tell a member's fact (a
    row holds one sentence per source, and one sentence can retell what another tells in
    two)."""
    group_of = comparison.group_of
    for member in group.members:
        for link in comparison.links_of.get(member, ()):
            other_id = link.b if link.a == member else link.a
            other_group = group_of.get(other_id)
            if other_group is None:
                continue
            mine, other = comparison.sentences[member], comparison.sentences[other_id]
            # A link under the threshold joins two sentences best for each other in their
            # sources, worded too differently to score more: the reader judges it, and its
            # sign is the row's "perhaps" one.
            weak = link.score < comparison.options.threshold
            out.append(f"{PERHAPS_MARK if weak else TOLD_ELSEWHERE_MARK} ", palette.quiet)
            told = (
                f"{_source_name(comparison, mine.article_id)} "
                f"{'perhaps also' if weak else 'also'} told in "
                f"{_source_name(comparison, other.article_id)} (group {other_group.id}, "
                f"counterpart {link.score:.0f}{', under the threshold' if weak else ''})"
            )
            out.append(strip_controls(told) + "\n")
            _append_quoted(out, other, palette)


def _append_near(out: Text, comparison: Comparison, group: Group, palette: _Palette) -> None:
    """For a sentence no other source seems to tell, the closest sentence of each other
    source that relates to it: often the same fact told in other words, for the reader to
    judge."""
    group_of = comparison.group_of
    for member in group.members:
        for near in comparison.near_of.get(member, ()):
            other = comparison.sentences[near.b]
            where = f"group {group_of[near.b].id}, " if near.b in group_of else ""
            source = _source_name(comparison, other.article_id)
            out.append(f"{PERHAPS_MARK} ", palette.quiet)
            out.append(strip_controls(f"Perhaps told in {source}, closest there "))
            out.append(f"({where}counterpart {near.score:.0f})\n")
            _append_quoted(out, other, palette)


def _append_quoted(out: Text, sentence: Sentence, palette: _Palette) -> None:
    """Another row's sentence, indented under the line that says why it is shown."""
    out.append("  ", palette.quiet)
    out.append_text(safe_text(strip_controls(sentence.text)))
    out.append("\n")


def _reference(comparison: Comparison, members: Sequence[Sentence]) -> Sentence:
    """The pivot's version when it has one, else the first version."""
    pivot_id = comparison.articles[pivot_index(comparison)].id if comparison.articles else None
    return next((s for s in members if s.article_id == pivot_id), members[0])


def _sentence_with_changes(sentence: Sentence, reference: Sentence, palette: _Palette) -> Text:
    text = strip_controls(sentence.text)
    out = safe_text(text)
    if sentence is not reference:
        for start, end, name in word_changes(strip_controls(reference.text), text):
            out.stylize(palette.diff_number if name == "diff-number" else palette.diff, start, end)
    return out


def _append_note(out: Text, note: str | None, palette: _Palette) -> None:
    if note:
        out.append("✎ ", palette.note)
        out.append(strip_controls(note), palette.note)
        out.append("\n")


def _source_name(comparison: Comparison, article_id: str) -> str:
    article = comparison.article_by_id[article_id]
    return article.source or article.title or article.path


class _Palette:
    """Rich styles from the theme's label variables."""

    def __init__(self, colours: Mapping[str, str]) -> None:
        def colour(name: str) -> str | None:
            try:
                return Color.parse(colours[f"parallax-{name}"]).hex
            except (KeyError, ColorParseError):
                return None

        self._labels = {
            Label.SHARED: Style(color=colour("shared"), bold=True),
            Label.UNIQUE: Style(color=colour("unique"), bold=True),
            Label.CONTRADICTING: Style(color=colour("contradicting"), bold=True),
        }
        self.soft = Style(color=colour("soft"), bold=True)
        self.title = Style(bold=True)
        self.quiet = Style(dim=True)
        self.note = Style(color=colour("note"), italic=True)
        self.diff = Style(bgcolor=colour("diff"), underline=True)
        self.diff_number = Style(bgcolor=colour("diff-number"), bold=True, underline=True)

    def label(self, label: Label) -> Style:
        return self._labels[label]

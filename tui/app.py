"""ParallaxApp: compares in a worker and wires the view, panels, dialogs and settings."""

from __future__ import annotations

import dataclasses
import functools
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.widgets import Footer, Label, ProgressBar, Static
from textual.worker import Worker, get_current_worker

from aligner.match.trust import doubted_members
from aligner.result.model import CompareOptions, Comparison
from aligner.runtime.cancel import Cancelled, stopping_when
from aligner.runtime.collector import keep_out_of_collections, let_kept_objects_go
from tui.aligned_view import AlignedView
from tui.atomic import RefusedOverwrite, write_text_atomic
from tui.citation import source_name
from tui.commands import ParallaxCommands
from tui.config import (
    Config,
    corpus_key,
    load_config,
    remember_folder,
    update_config,
    with_hidden_sources,
    with_source_name,
)
from tui.details import DetailsPanel
from tui.details_text import told_in_other_rows
from tui.keys import bindings, help_rows
from tui.legend import help_rows as signs_help_rows
from tui.messages import (
    ComparisonEnded,
    ComparisonFailed,
    ComparisonProgress,
    ComparisonReady,
    ExportEnded,
    ExportProgress,
    ViewStateChanged,
)
from tui.notes import NotesStore
from tui.row_layout import FILTER_NAMES
from tui.safe_text import strip_controls
from tui.search_bar import SearchBar, count_text
from tui.status_line import ACTIVITY, CONTEXT, HINT, POSITION, SETTING, fit_status
from tui.themes import default_label_variables, load_themes, theme_to_start

if TYPE_CHECKING:
    from tui.screens.export_dialog import ExportRequest

CompareFunction = Callable[..., Comparison]
"""``aligner.pipeline.compare``'s signature; tests may hand in their own."""

THRESHOLD_STEP = 5.0
THRESHOLD_RANGE = (10.0, 95.0)
WIDE_LAYOUT = 130
"""From this many columns on, the details panel sits beside the view instead of below it."""
PALETTE_IN_FOOTER = 100
"""From this many columns on, the footer names ctrl+p too."""
COPIED_SHOWN = 60
"""Characters of a copied sentence the toast repeats."""


def files_not_loaded_as_written(comparison: Comparison) -> str:
    """The toast for skipped files and files loaded with repairs (invalid bytes replaced)."""
    parts = []
    if comparison.skipped:
        count = len(comparison.skipped)
        parts.append(f"{count} file{'s' * (count != 1)} skipped")
    if comparison.notices:
        count = len(comparison.notices)
        parts.append(f"{count} file{'s' * (count != 1)} repaired")
    return f"{', '.join(parts)}; press v for the reasons."


def off_story_warning(comparison: Comparison) -> str:
    """The toast for sources that may be about another story (aligner/match/off_story.py)."""
    names = [source_name(comparison.article_by_id[off.article_id]) for off in comparison.off_story]
    verb = "is" if len(names) == 1 else "are"
    return (
        f"{', '.join(names)} {verb} perhaps about another story: "
        "almost nothing in it is in the other sources; press v."
    )


STOPPING_PREVIOUS = "stopping the previous comparison"


@dataclasses.dataclass(frozen=True)
class CompareRequest:
    """One comparison asked for: its generation, the paths and the engine's options."""

    generation: int
    paths: list[str]
    options: dict[str, Any]  # compare()'s keyword options, each of its own type


class ParallaxApp(App[int]):
    """The reader: one comparison of a folder of articles, shown source by source."""

    TITLE = "Parallax"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar = bindings("app")
    COMMANDS = App.COMMANDS | {ParallaxCommands}

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        *,
        threshold: float | None = None,
        recursive: bool = False,
        max_convert_seconds: float | None = None,
        config_path: Path | None = None,
        compare: CompareFunction | None = None,
    ) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        self.recursive = recursive
        # A slow HTML or Markdown file's time budget (None: the engine's, 5 s).
        self.max_convert_seconds = max_convert_seconds
        self.comparison: Comparison | None = None
        # The comparison as the engine named its sources; ``comparison`` has the reader's names.
        self._compared: Comparison | None = None
        self.notes_store: NotesStore | None = None
        self._config_path = config_path
        self.config, config_warning = load_config(config_path)
        self._warnings = [config_warning] if config_warning else []
        # This session's threshold (None: the engine's default, as `parallax export` uses);
        # never remembered, so reader and export always start from the same rule.
        self.threshold = threshold
        self.pivot = 0
        self._compare = compare
        self._generation = 0
        self._comparing = False
        # While another folder opens: the paths and pivot to go back to if it gives nothing.
        self._opening: tuple[list[str], int] | None = None
        # The comparison whose thread still runs (also one cancelled but not yet stopped) and
        # the latest request waiting for that thread to end: one comparison at a time.
        self._compare_worker: Worker[None] | None = None
        self._waiting: CompareRequest | None = None
        # The running export and the stage it reached, for Escape and the status line.
        self._export_worker: Worker[None] | None = None
        # What on_view_state_changed last saw: only a change is compared with the settings.
        self._remembered_view: tuple[Comparison | None, str, frozenset[int]] | None = None
        self._export_stage = ""
        # Where `l` started and the counterparts it walks through: (origin, targets, at).
        self._link_trail: tuple[str, list[str], int] | None = None
        themes, theme_warnings = load_themes()
        self._warnings += theme_warnings
        for theme in themes:
            self.register_theme(theme)
        # `t` cycles these (the project's and the user's); Textual's own stay in the palette.
        self._own_themes = [theme.name for theme in themes]
        self._settled = False
        theme_name, theme_warning = theme_to_start(self.config.theme, self.available_themes)
        self._warnings += [theme_warning] if theme_warning else []
        self.theme = theme_name

    # ------------------------------------------------------------------ layout

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry paths, folder names and error text from outside: never markup.

        ``markup`` is accepted for compatibility (``Widget.notify`` passes True) and ignored.
        """
        del markup
        super().notify(
            strip_controls(message),
            title=strip_controls(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield AlignedView(id="view")
            yield DetailsPanel(id="details")
        with Horizontal(id="progress"):
            yield Label("", id="stage", markup=False)
            yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="bar")
        yield SearchBar(id="search")
        yield Static("", id="status", markup=False)
        # Compact: the main keys fit in 80 columns.
        yield Footer(compact=True)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's own themes know nothing of the label colours; give them ours.
        return default_label_variables(self.current_theme.dark)

    def on_mount(self) -> None:
        view = self.query_one(AlignedView)
        view.mode = "reading" if self.config.view == "reading" else "aligned"
        view.focus()
        self._fit_layout(self.size.width)
        for warning in self._warnings:
            self.notify(warning, title="Settings", severity="warning", timeout=10)
        self._settled = True
        self.start_comparison()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_layout(event.size.width)
        self._update_status()

    def _fit_layout(self, width: int) -> None:
        self.query_one("#body").set_class(width < WIDE_LAYOUT, "-narrow")
        # Below this the main keys fill the footer; ctrl+p is still listed under F1.
        self.query_one(Footer).show_command_palette = width >= PALETTE_IN_FOOTER

    @property
    def view(self) -> AlignedView:
        return self.query_one(AlignedView)

    # ------------------------------------------------------------------ comparing

    @property
    def corpus_paths(self) -> list[str]:
        """The paths notes and hidden sources are remembered under."""
        if self.paths:
            return self.paths
        from aligner.load.resources import sample_corpus_dir

        return [str(sample_corpus_dir())]

    def start_comparison(self) -> None:
        """(Re)compute the comparison in a worker; the old one stays on screen meanwhile.

        A comparison still running, or still stopping after Escape, is asked to stop, and
        this request waits for its thread to end (a later request replaces it): two would
        hold twice the memory, and the abandoned one's work is wasted anyway.
        """
        self._generation += 1
        self._comparing = True
        options: dict[str, Any] = {"pivot": self.pivot, "recursive": self.recursive}
        if self.max_convert_seconds is not None:
            options["max_convert_seconds"] = self.max_convert_seconds
        if self.threshold is not None:
            options["threshold"] = self.threshold
        request = CompareRequest(self._generation, list(self.paths), options)
        if self._compare_worker is None:
            self._launch_comparison(request)
        else:
            self._compare_worker.cancel()
            self._waiting = request
            self._show_progress(STOPPING_PREVIOUS, 0.0)
        self._update_status()

    def _launch_comparison(self, request: CompareRequest) -> None:
        self._show_progress("loading", 0.0)
        self._compare_worker = self._compare_in_thread(request)

    def on_comparison_ended(self, message: ComparisonEnded) -> None:
        """The comparison thread returned: start the request that waited for it, if any."""
        self._compare_worker = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting.generation == self._generation:
            self._launch_comparison(waiting)

    @work(thread=True, group="compare")
    def _compare_in_thread(self, request: CompareRequest) -> None:
        try:
            self._compare_and_report(request)
        finally:
            self.post_message(ComparisonEnded(request.generation))

    def _compare_and_report(self, request: CompareRequest) -> None:
        """Run the comparison; post its result, or why it stopped."""
        generation = request.generation
        worker = get_current_worker()
        compare = self._compare
        if compare is None:
            # The engine (numpy, rapidfuzz, NLTK) loads here, off the start-up path.
            from aligner.pipeline import compare as engine_compare

            compare = engine_compare

        def progress(stage: str, fraction: float) -> None:
            self.post_message(ComparisonProgress(generation, stage, fraction))

        try:
            comparison = compare(
                request.paths or None,
                progress=progress,
                should_stop=lambda: worker.is_cancelled,
                **request.options,
            )
        except Exception as error:  # any failure becomes a message, never a traceback
            # Once asked to stop, whatever the engine raises is how it stopped.
            reason = str(error) or type(error).__name__
            self.post_message(ComparisonFailed(generation, reason, worker.is_cancelled))
            return
        if not worker.is_cancelled:
            self.post_message(ComparisonReady(generation, comparison))

    def on_comparison_progress(self, message: ComparisonProgress) -> None:
        if message.generation == self._generation and self._comparing:
            self._show_progress(message.stage, message.fraction)

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        if message.generation != self._generation:
            return
        self._comparing = False
        self._hide_progress()
        comparison = message.comparison
        if not self._opened(comparison):
            self._update_status()
            return
        let_kept_objects_go()  # the previous comparison may be freed
        self._compared = comparison
        comparison = self._with_own_names(comparison)
        self.comparison = comparison
        self.threshold = comparison.options.threshold
        self.pivot = comparison.options.pivot
        self.notes_store = NotesStore(self.corpus_paths)
        if self.notes_store.warning:
            self.notify(self.notes_store.warning, title="Notes", severity="warning", timeout=10)
        view = self.view
        view.notes = self.notes_store.for_comparison(comparison)
        hidden_paths = set(self.config.hidden_sources.get(self._corpus_key(), ()))
        hidden = [k for k, a in enumerate(comparison.articles) if a.path in hidden_paths]
        view.empty_message = "No articles found." if not comparison.articles else ""
        view.show_comparison(comparison, hidden=hidden)
        if comparison.skipped or comparison.notices:
            self.notify(files_not_loaded_as_written(comparison), severity="warning")
        if comparison.off_story:
            self.notify(off_story_warning(comparison), severity="warning", timeout=15)
        for notice in comparison.limit_notices:  # what was left out to stay within the limits
            self.notify(notice, severity="warning", timeout=15)
        self._refresh_details()
        self._update_status()
        # Kept until the next comparison: no full collection should walk it on a key press.
        self.call_after_refresh(keep_out_of_collections)

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        if message.generation != self._generation:
            return
        self._comparing = False
        self._hide_progress()
        self._abandon_opening()
        if message.cancelled:
            self._cancelled()
        else:
            self._keep_shown_threshold()
            self.notify(message.reason, title="Could not compare", severity="error", timeout=10)
            if self.comparison is None:
                self.view.empty_message = f"Could not compare: {message.reason}"
                self.view.refresh()
        self._update_status()

    def _cancelled(self) -> None:
        self.notify("Comparison cancelled.")
        self._keep_shown_threshold()
        if self.comparison is None:
            self.view.empty_message = "Cancelled. Press o to open a folder, + or - to retry."
            self.view.refresh()

    def _keep_shown_threshold(self) -> None:
        # A re-align that was cancelled or failed leaves the shown comparison, and its
        # threshold is the one the next + or - starts from.
        if self.comparison is not None:
            self.threshold = self.comparison.options.threshold

    def _show_progress(self, stage: str, fraction: float) -> None:
        panel = self.query_one("#progress")
        panel.add_class("-running")
        self.query_one("#stage", Label).update(f"{stage.capitalize()}…")
        self.query_one("#bar", ProgressBar).update(progress=round(fraction * 100))

    def _hide_progress(self) -> None:
        self.query_one("#progress").remove_class("-running")

    # ------------------------------------------------------------------ view events

    def on_view_state_changed(self, message: ViewStateChanged) -> None:
        """The view moved or changed what it shows: the details and the status line follow
        (handled before the screen's next frame, so one frame shows all of it), and the view
        (reading or aligned) and the hidden sources are remembered for this corpus."""
        self._refresh_details()
        self._update_status()
        comparison = self.comparison
        last = self._remembered_view
        if last and last[0] is comparison and last[1:] == (message.mode, message.hidden):
            return  # a move: nothing new to remember
        self._remembered_view = (comparison, message.mode, message.hidden)
        if comparison is not None:
            hidden = sorted(comparison.articles[k].path for k in message.hidden)
            key = self._corpus_key()
            if sorted(self.config.hidden_sources.get(key, [])) != hidden:
                self._save(lambda config: with_hidden_sources(config, key, hidden))
            if self.config.view != message.mode:
                self._save(lambda config: dataclasses.replace(config, view=message.mode))

    def _corpus_key(self) -> str:
        return corpus_key(self.corpus_paths)

    def _refresh_details(self) -> None:
        details = self.query_one(DetailsPanel)
        if not details.display:
            return
        view = self.view
        details.show(
            self.comparison,
            group_id=view.selected_group_id,
            sentence_id=view.focused_sentence or next(iter(view.selected_sentences), None),
            notes=view.notes,
            colours=self.theme_variables,
        )

    def _update_status(self) -> None:
        if not self.screen_stack or not self.query(AlignedView):
            return  # shutting down: a late message may arrive after the view is gone
        view = self.view
        parts: list[tuple[int, str]] = []
        comparison = self.comparison
        if self._export_stage:
            # The stage may name the file, and file names may hold control characters.
            stage = strip_controls(self._export_stage)
            parts.append((ACTIVITY, f"exporting: {stage}… (Esc cancels)"))
        if self._comparing:
            parts.append((ACTIVITY, self._aligning_text()))
        if comparison is not None:
            total = len(comparison.articles)
            # The default view, like the default filter, the screen shows; the other is a choice.
            parts.append((CONTEXT if view.mode == "aligned" else SETTING, f"{view.mode} view"))
            label_filter = view.label_filter
            importance = CONTEXT if label_filter == "all" else SETTING
            parts.append((importance, f"filter: {FILTER_NAMES[label_filter]}"))
            shown = len(view.shown_columns)
            sources = f"{total} sources"
            if shown < total:
                sources += f", {shown} shown"
            if view.hidden:
                sources += f", {len(view.hidden)} hidden"
            # Sources out of sight are worth saying; every one in sight, the screen says.
            parts.append((CONTEXT if shown == total else SETTING, sources))
            parts.append((SETTING, f"threshold {comparison.options.threshold:g}"))
            number, total = view.position
            unit = "row" if view.mode == "aligned" else "sentence"
            if number:
                parts.append((POSITION, f"{unit} {number}/{total}"))
            elif not total and label_filter != "all":
                # Blank panes alone would look like a screen that failed to draw.
                parts.append((ACTIVITY, f"no {unit} passes this filter (f: the next one)"))
            elif total:
                parts.append((ACTIVITY, f"no {unit} here in the shown sources: {total} in others"))
            told_by = _told_by(comparison, view.focused_sentence or view.selected_sentences)
            if told_by:
                parts.append((POSITION, told_by))
        search = self.query_one(SearchBar)
        if search.query_text:
            count = view.match_count
            current = view.current_match()
            text = count_text(count, current)
            if not count and view.label_filter != "all":
                # The text may well be there, in rows this filter hides.
                text += " in the rows this filter shows"
            search.show_count(text, matches=count)
            parts.append((ACTIVITY, f"“{strip_controls(search.query_text)}”: {text}"))
        if comparison is not None:
            parts.append((HINT, "F1: what the signs mean"))
        # The line spans the screen, less a cell of padding on each side.
        line = fit_status(parts, self.size.width - 2)
        # One line of fixed height: no need to lay the whole screen out again for it.
        self.query_one("#status", Static).update(line, layout=False)

    def _aligning_text(self) -> str:
        """What the running comparison does: a re-align names the threshold it aligns at,
        the shown comparison's being the one the status line gives."""
        shown = self.comparison
        if shown is not None and self.threshold not in (None, shown.options.threshold):
            return f"re-aligning at threshold {self.threshold:g}…"
        return "aligning…"

    # ------------------------------------------------------------------ search

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # `/` is a priority key (so the letters typed right after it reach the search);
        # it opens the search only from the view, and is a character in any text field.
        if action == "search":
            return isinstance(self.focused, AlignedView)
        return True

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    def on_search_bar_query_changed(self, message: SearchBar.QueryChanged) -> None:
        self.view.set_search(message.query)
        self._update_status()

    def on_search_bar_step(self, message: SearchBar.Step) -> None:
        self._step_match(forward=message.forward)

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        """Enter ends the typing: the keys go back to the view, at the selected sentence if it
        holds a match, else at the next one; the bar stays to show the query and the count
        (`/` edits it, Esc closes it)."""
        search, view = self.query_one(SearchBar), self.view
        if view.search_query != message.query:
            view.set_search(message.query)  # Enter came in the burst of the last letters
        if message.query:
            if view.current_match():
                self._update_status()
            else:
                self._step_match(forward=True)
        else:
            search.close()  # nothing to find: no bar to keep

    def on_search_bar_typing_changed(self, message: SearchBar.TypingChanged) -> None:
        self._update_status()

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.query_one(SearchBar).close()
        self.view.focus()

    def _forget_search(self) -> bool:
        """Close the search bar and clear its query and highlights; False if there was none."""
        search = self.query_one(SearchBar)
        if not (search.is_open or search.query_text):
            return False
        search.close(clear=True)
        self.view.set_search("")
        self.view.focus()
        return True

    def action_next_match(self) -> None:
        self._step_match(forward=True)

    def action_previous_match(self) -> None:
        self._step_match(forward=False)

    def _step_match(self, *, forward: bool) -> None:
        _, count = self.view.goto_match(forward=forward)
        if not count:
            self.bell()
        self._update_status()

    # ------------------------------------------------------------------ actions

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit (Textual's own toast is markup, and ours never is)."""
        self.notify("Press q or ctrl+q to quit.", title="Do you want to quit?")

    def action_cancel(self) -> None:
        """Escape: stop a running export, else a running comparison, else close the search,
        else the details."""
        if self._export_worker is not None:
            self._export_worker.cancel()
            self._export_stage = "cancelling"
            self._update_status()
            return
        if self._comparing:
            if self._compare_worker is not None:
                self._compare_worker.cancel()
            self._waiting = None
            self._generation += 1
            self._comparing = False
            self._hide_progress()
            self._abandon_opening()
            self._cancelled()
            self._update_status()
            return
        if self._forget_search():
            self._update_status()
            return
        details = self.query_one(DetailsPanel)
        if details.display:
            details.display = False

    def action_toggle_details(self) -> None:
        details = self.query_one(DetailsPanel)
        details.display = not details.display
        self._refresh_details()

    def action_follow_link(self) -> None:
        """Go to a sentence of another row that tells the selected sentence's fact: the
        focused sentence's counterparts first, then the rest of the row's, then the close
        sentences of a sentence no other source seems to tell. Pressed again
        at one of them, go to the next, and after the last back to where it started."""
        view = self.view
        comparison = view.comparison
        if comparison is None:
            return
        focused = view.focused_sentence
        trail = self._link_trail
        if trail is not None and focused == trail[1][trail[2]]:
            origin, targets, index = trail
            index += 1
            if index == len(targets):
                self._link_trail = None
                view.select_sentence(origin)
                return
            self._link_trail = (origin, targets, index)
            # The sentence the reader started from stays in sight for every jump of the row.
            view.select_sentence(targets[index], came_from=origin)
            return
        row = [focused] if focused else []
        row += [sid for sid in view.selected_sentences if sid != focused]
        # Links first; a sentence with none may have close sentences of other sources.
        targets = list(
            dict.fromkeys(
                [
                    *(
                        link.b if link.a == sid else link.a
                        for sid in row
                        for link in comparison.links_of.get(sid, ())
                    ),
                    *(near.b for sid in row for near in comparison.near_of.get(sid, ())),
                ]
            )
        )
        if not targets:
            self._link_trail = None
            self.notify("No counterpart beyond this row.", timeout=3)
            return
        self._link_trail = (row[0], targets, 0)
        view.select_sentence(targets[0])

    def action_threshold_up(self) -> None:
        self._change_threshold(+THRESHOLD_STEP)

    def action_threshold_down(self) -> None:
        self._change_threshold(-THRESHOLD_STEP)

    def _change_threshold(self, step: float) -> None:
        current = self.threshold if self.threshold is not None else CompareOptions().threshold
        low, high = THRESHOLD_RANGE
        # Snap to the step grid, so 62 goes to 65 or 60 and then moves in whole steps.
        snapped = (
            math.floor(current / step) * step if step > 0 else math.ceil(current / -step) * -step
        )
        new = min(max(snapped + step, low), high)
        if new == current:
            self.bell()
            return
        self.threshold = new
        self.start_comparison()  # the status line says it re-aligns (a toast covered text)

    def action_make_pivot(self) -> None:
        if self.comparison is None:
            return
        column = self.view.focused_column
        if column == self.pivot:
            self.notify("That source is already the pivot.", timeout=2)
            return
        self.pivot = column
        self.start_comparison()

    def action_cycle_theme(self) -> None:
        names = self._own_themes or sorted(self.available_themes)
        at = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(at + 1) % len(names)]
        self.notify(f"Theme: {self.theme}", timeout=2)

    def watch_theme(self, theme: str) -> None:
        if self._settled and theme != self.config.theme:
            self._save(lambda config: dataclasses.replace(config, theme=theme))
        if self._settled:
            self._refresh_details()

    def action_help(self) -> None:
        from tui.screens import HelpScreen

        self.push_screen(HelpScreen(signs_help_rows() + help_rows()))

    def action_overview(self) -> None:
        if self.comparison is None:
            self.bell()
            return
        from tui.screens import OverviewScreen

        self.push_screen(OverviewScreen(self.comparison, self.view.sign_counts))

    def _selected_sentence_id(self) -> str | None:
        """The sentence `a` and `y` act on: the focused one, else the row's first."""
        view = self.view
        return view.focused_sentence or next(iter(view.selected_sentences), None)

    def action_annotate(self) -> None:
        view = self.view
        sid = self._selected_sentence_id()
        if self.comparison is None or self.notes_store is None or sid is None:
            self.bell()
            return
        from tui.screens import NoteDialog

        sentence = self.comparison.sentences[sid]
        article = self.comparison.article_by_id[sentence.article_id]
        store = self.notes_store

        def save_note(note: str | None) -> None:
            if note is None or self.comparison is None:
                return
            try:
                store.set(article.path, sentence.text, note)
            except OSError as error:
                self.notify(f"Could not save the note: {error}", severity="error")
                return
            view.set_notes(store.for_comparison(self.comparison))
            self._refresh_details()
            self.notify("Note deleted." if not note else "Note saved.", timeout=2)

        self.push_screen(
            NoteDialog(sentence.text, store.get(article.path, sentence.text)), save_note
        )

    def action_notes_list(self) -> None:
        if self.comparison is None or self.notes_store is None:
            self.bell()
            return
        from tui.screens import NotesListScreen, note_entries

        notes = self.notes_store.for_comparison(self.comparison)
        entries = note_entries(self.comparison, notes)
        self.push_screen(NotesListScreen(entries), self._go_to_note)

    def _go_to_note(self, sentence_id: str | None) -> None:
        comparison = self.comparison
        if sentence_id is None or comparison is None or sentence_id not in comparison.sentences:
            return
        view = self.view
        article_id = comparison.sentences[sentence_id].article_id
        column = next(k for k, a in enumerate(comparison.articles) if a.id == article_id)
        if column in view.hidden:
            view.action_toggle_source(column)
        view.select_sentence(sentence_id)
        if view.focused_sentence != sentence_id and view.label_filter != "all":
            # The filter hides the note's row: show every row rather than a neighbour.
            view.label_filter = "all"
            view.select_sentence(sentence_id)
            self.notify("Filter: all rows, to show the note's sentence.", timeout=3)

    def action_copy_sentence(self) -> None:
        """Put the selected sentence and its source on the clipboard (OSC 52)."""
        sid = self._selected_sentence_id()
        if self.comparison is None or sid is None:
            self.bell()
            return
        from tui.citation import citation, shortened

        sentence = self.comparison.sentences[sid]
        article = self.comparison.article_by_id[sentence.article_id]
        self.copy_to_clipboard(citation(article, sentence.text))
        shown = citation(article, shortened(sentence.text, COPIED_SHOWN))
        self.notify(f"Copied {shown}", timeout=3)

    def action_export(self) -> None:
        if self.comparison is None:
            self.bell()
            return
        if self._export_worker is not None:
            self.notify("An export is running; Esc cancels it.", title="Export", timeout=3)
            return
        from aligner.export import SUFFIXES
        from tui.screens import ExportDialog

        name = Path(self.paths[0]).resolve().name if self.paths else "sample-corpus"
        default = Path.cwd() / f"parallax-{name or 'export'}{SUFFIXES['markdown'][0]}"
        self.push_screen(ExportDialog(default, "markdown"), self._export)

    def _export(self, request: ExportRequest | None) -> None:
        """Export in a worker: a large comparison takes seconds to render and write."""
        if request is None or self.comparison is None:
            return
        self._export_stage = "starting"
        self._update_status()
        self._export_worker = self._export_in_thread(request, self.comparison, self.notes_store)

    @work(thread=True, group="export")
    def _export_in_thread(
        self, request: ExportRequest, comparison: Comparison, store: NotesStore | None
    ) -> None:
        worker = get_current_worker()
        # Matching the notes to 20,000 sentences takes a sixth of a second: not on the UI.
        notes = store.for_comparison(comparison) if store else {}
        with stopping_when(lambda: worker.is_cancelled):
            notice, severity = self._write_export(request, comparison, notes)
        self.post_message(ExportEnded(notice, severity))

    def _write_export(
        self, request: ExportRequest, comparison: Comparison, notes: Mapping[str, str]
    ) -> tuple[str, SeverityLevel]:
        """Render and write the export (in the export worker); what to tell the user."""
        from aligner.export import render

        shown_format = "Markdown" if request.fmt == "markdown" else "JSON"
        try:
            self.post_message(ExportProgress(f"rendering {shown_format}"))
            text = render(comparison, fmt=request.fmt, notes=notes)
            self.post_message(ExportProgress(f"writing {request.path.name}"))
            path = write_text_atomic(request.path, text, overwrite=request.overwrite)
        except Cancelled:
            return "Export cancelled; nothing was written.", "information"
        except RefusedOverwrite:
            return f"{request.path} exists; not overwritten.", "warning"
        except (OSError, ValueError) as error:
            return f"Could not export: {error}", "error"
        return f"Exported to {path}", "information"

    def on_export_progress(self, message: ExportProgress) -> None:
        if self._export_worker is not None and not self._export_worker.is_cancelled:
            self._export_stage = message.stage
            self._update_status()

    def on_export_ended(self, message: ExportEnded) -> None:
        self._export_worker = None
        self._export_stage = ""
        self.notify(message.notice, title="Export", severity=message.severity)
        self._update_status()

    def action_rename_source(self) -> None:
        if self.comparison is None or self._compared is None:
            self.bell()
            return
        from tui.screens import RenameSourceDialog

        column = self.view.focused_column
        article = self.comparison.articles[column]
        named_by_file = self._compared.articles[column].source
        key = self._corpus_key()

        def rename(name: str | None) -> None:
            if name is None:
                return
            own = "" if name == named_by_file else name  # the file's name: nothing to keep
            self._save(lambda config: with_source_name(config, key, article.path, own))
            self._show_own_names()
            self.notify(f"Source {column + 1}: {name or named_by_file}", timeout=2)

        self.push_screen(RenameSourceDialog(column + 1, article.source, named_by_file), rename)

    def _with_own_names(self, comparison: Comparison) -> Comparison:
        """``comparison`` with the names the reader gave sources of this folder."""
        return comparison.with_source_names(self.config.source_names.get(self._corpus_key(), {}))

    def _show_own_names(self) -> None:
        if self._compared is None:
            return
        self.comparison = self._with_own_names(self._compared)
        view = self.view
        view.show_comparison(self.comparison, hidden=view.hidden)
        self._refresh_details()
        self._update_status()

    def action_open_folder(self) -> None:
        from tui.screens import OpenFolderDialog

        start = Path(self.paths[0]) if self.paths else Path.cwd()
        self.push_screen(OpenFolderDialog(self.config.recent_folders, start), self._open_folder)

    def _open_folder(self, folder: Path | None) -> None:
        if folder is None:
            return
        from aligner.load.resources import sample_corpus_dir

        # The sample is what no path means: opened as at start-up, not a recent folder.
        sample = folder == sample_corpus_dir().resolve()
        self.open_paths([] if sample else [str(folder)])

    def open_paths(self, paths: Sequence[str]) -> None:
        """Compare another folder (or files). The shown comparison stays until the new one is
        ready; a folder with no article keeps it, and only a folder that opened is remembered
        among the recent folders."""
        if self._opening is None:
            self._opening = (self.paths, self.pivot)
        self.paths = list(paths)
        self.pivot = 0
        self.start_comparison()

    def _opened(self, comparison: Comparison) -> bool:
        """Settle a pending ``open_paths``: False (and the previous folder back) when the new
        folder gave no article and there is a comparison to go back to."""
        if self._opening is None:
            # The folder given on the command line is a recent folder too, once it opened.
            if self.comparison is None and comparison.articles and self.paths:
                self._remember(self.paths)
            return True
        previous_paths, previous_pivot = self._opening
        self._opening = None
        if not comparison.articles and self.comparison is not None:
            self.paths, self.pivot = previous_paths, previous_pivot
            self.notify(_why_nothing_opened(comparison), title="Nothing opened", severity="warning")
            return False
        self._remember(self.paths)
        self._forget_search()  # a search belongs to the folder it was typed in
        return True

    def _remember(self, paths: Sequence[str]) -> None:
        """Put ``paths`` first among the recent folders, the first of them first."""
        opened = list(reversed(paths))
        self._save(lambda config: functools.reduce(remember_folder, opened, config))

    def _abandon_opening(self) -> None:
        """A new folder was cancelled or failed: the shown comparison's folder stays current."""
        if self._opening is not None and self.comparison is not None:
            self.paths, self.pivot = self._opening
        self._opening = None

    def _save(self, change: Callable[[Config], Config]) -> None:
        """Apply ``change`` to this window's settings and to those on disk now, so another
        window's changes survive; a read-only disk costs a warning, not the session."""
        self.config = change(self.config)
        try:
            _, warning = update_config(change, self._config_path)
        except OSError as error:
            self.notify(f"Could not save settings: {error}", severity="warning")
            return
        if warning:
            self.notify(warning, title="Settings", severity="warning", timeout=10)


def _told_by(comparison: Comparison, selection: str | Sequence[str]) -> str:
    """How many sources tell the selected sentence's fact, of all of them (those off-screen
    and hidden too): in its row, and in other rows through a sure link (the ``~`` sign), so
    a ``~`` sentence is not said to be told by its source alone; nothing for a heading."""
    sid = selection if isinstance(selection, str) else next(iter(selection), None)
    group = comparison.group_of.get(sid) if sid else None
    if group is None:
        return ""
    total, in_row = len(comparison.articles), len(group.members)
    elsewhere = len(told_in_other_rows(comparison, group))
    # Members marked "≈" tell the row's fact only maybe; a "≈" sentence, only maybe any
    # other member's (the signs the grid draws, aligner/match/trust.py).
    doubted = doubted_members(comparison, group)
    sure = 1 if sid in doubted else in_row - len(doubted)
    details = [f"{sure} in this row"] if elsewhere else []
    if in_row > sure:
        details.append(f"{in_row - sure} more maybe")
    told = f"told by {sure + elsewhere}/{total}"
    return f"{told} ({', '.join(details)})" if details else told


def _why_nothing_opened(comparison: Comparison) -> str:
    """Why a folder gave no article, in the CLI's words, with the first skip reasons (the
    overview shows the current comparison's, not these)."""
    skipped = comparison.skipped
    if not skipped:
        return "No article files found there; the current comparison stays."
    reasons = [f"{Path(item.path).name}: {item.reason}" for item in skipped[:3]]
    if len(skipped) > 3:
        reasons.append(f"and {len(skipped) - 3} more")
    return f"Every file there was skipped ({'; '.join(reasons)}); the current comparison stays."


def run_app(
    paths: list[str],
    *,
    threshold: float | None,
    recursive: bool,
    max_convert_seconds: float | None = None,
) -> int:
    """Run the reader on ``paths`` (none: the sample corpus); the process exit status."""
    app = ParallaxApp(
        paths, threshold=threshold, recursive=recursive, max_convert_seconds=max_convert_seconds
    )
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(run_app(sys.argv[1:], threshold=None, recursive=False))

"""Tests for aligner.text.line_kinds: prose vs headings, captions and boilerplate, headline."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.load.resources import sample_corpus_dir
from aligner.result.model import LineKind
from aligner.text import line_kinds
from aligner.text.line_kinds import TextLine, classify_lines, find_title

PROSE, HEADING, CAPTION, BOILERPLATE = (
    LineKind.PROSE,
    LineKind.HEADING,
    LineKind.CAPTION,
    LineKind.BOILERPLATE,
)
INTRO = "The talks began on Wednesday after weeks of preparation by both sides."
OUTRO = "Officials said further meetings were planned for the coming weeks."


@cache
def sample(prefix: str) -> tuple[str, tuple[TextLine, ...]]:
    # The sample files are a1_… to a5_…; tests name them 000 to 004 by their old prefixes.
    (path,) = sample_corpus_dir().glob(f"a{int(prefix) + 1}_*.txt")
    text = path.read_text(encoding="utf-8")
    return text, classify_lines(text)


def kinds_by_text(prefix: str) -> list[tuple[str, LineKind]]:
    text, lines = sample(prefix)
    return [(text[line.start : line.end], line.kind) for line in lines]


def kind_of(prefix: str, start: str) -> LineKind:
    (kind,) = [kind for line, kind in kinds_by_text(prefix) if line.startswith(start)]
    return kind


def kind_in_article(line: str) -> LineKind:
    """Kind of ``line`` placed between two prose paragraphs (so it is not the first line)."""
    lines = classify_lines(f"{INTRO}\n{line}\n{OUTRO}")
    assert [entry.kind for entry in (lines[0], lines[-1])] == [PROSE, PROSE]
    (middle,) = lines[1:-1]
    return middle.kind


# --- the sample corpus ---------------------------------------------------------------------


def test_sample_000_caption_headings_bullets_and_comments_prompt() -> None:
    text, lines = sample("000")
    assert kind_of("000", "U.S. President Donald Trump and Russian President") is CAPTION
    assert lines[0].kind is CAPTION and "REUTERS/Kevin Lamarque/File Photo" in text.split("\n")[1]
    headline = "Trump Engages in Diplomatic Talks with Putin and Zelenskiy on Ukraine Conflict"
    assert kind_of("000", headline) is HEADING
    assert find_title(text, lines) == headline
    for heading in [
        "Diplomatic Discussions",
        "U.S. Position on Ukraine’s Future",
        "European Allies’ Response",
        "Zelenskiy Proposes Economic Cooperation",
        "Military Developments and War Progress",
        "Zelenskiy’s Contingency Plan",
    ]:
        assert kind_of("000", heading) is HEADING, heading
    assert lines[-1].kind is BOILERPLATE and text[lines[-1].start : lines[-1].end] == "COMMENTS"
    bullets = [line for line in lines if text[line.start - 2 : line.start] == "- "]
    assert len(bullets) == 14
    assert all(line.kind is PROSE for line in bullets)
    assert kind_of("000", "The conflict, now nearing its third anniversary") is PROSE  # ends ":"
    assert kind_of("000", "“If Ukraine is not in NATO") is PROSE
    assert kind_of("000", "“For all this, we need weapons and money.") is PROSE


def test_sample_001_headline_and_unrelated_headline_list() -> None:
    text, lines = sample("001")
    first = text.split("\n")[0]
    assert lines[0].kind is HEADING
    assert find_title(text, lines) == first
    article, related = lines[1:13], lines[13:]
    assert len(related) == 17
    assert text[related[0].start : related[0].end] == "-"
    assert text[related[1].start : related[1].end] == "Lorde Makes Major Donation Amid Tour -"
    last = "Elon Musk Slams BBC Over Epstein Files Photo Controversy"
    assert text[related[-1].start : related[-1].end] == last
    assert all(line.kind is BOILERPLATE for line in related)
    assert all(line.kind is PROSE for line in article)


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_samples_002_003_are_all_prose_without_title(prefix: str) -> None:
    text, lines = sample(prefix)
    assert len(lines) == len(text.strip().split("\n"))
    assert all(line.kind is PROSE for line in lines)
    assert find_title(text, lines) is None


def test_sample_004_dateline_headline_stray_tokens_and_comment_form() -> None:
    text, lines = sample("004")
    headline = "Trump Announces Start of Ukraine War Talks Following Call with Putin"
    assert kind_of("004", "April 28, 2025") is BOILERPLATE  # dateline: page metadata
    assert kind_of("004", headline) is HEADING
    assert find_title(text, lines) == headline
    for noise in ["0", "Trump4", "About The Author", "Leave a Reply"]:
        assert [kind for line, kind in kinds_by_text("004") if line == noise] == [BOILERPLATE]
    assert kind_of("004", "Your email address will not be published.") is BOILERPLATE
    paragraphs = [kind for line, kind in kinds_by_text("004") if len(line.split()) > 20]
    assert len(paragraphs) == 11
    assert all(kind is PROSE for kind in paragraphs)


# --- noise kinds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Getty Images",
        "(Photo: Jane Doe/USA TODAY)",
        "President Biden speaks in Washington on Monday. AP Photo/Evan Vucci",
        "A soldier walks past a damaged building in Kharkiv. AFP via Getty Images",
        "Photo: John Smith",
        "FILE PHOTO: Vladimir Putin attends a meeting in Moscow. REUTERS/Maxim Shemetov/File Photo",
        "Rescue workers search the rubble. EPA-EFE/SERGEY DOLZHENKO",
        "Image credit: NASA",
        "The launch pad at dawn. Photo by Jane Doe",
        "The crater seen from orbit (Image courtesy of NASA)",
        "A protester holds a sign outside City Hall on Monday, Feb. 16, 2017. (Jane Roe/Reuters)",
        "Protesters remain at City Hall into the evening. (David M Warren / Staff Photographer)",
        "(Pool Photo/ Julie Jacobson)",
        # Wire credits naming a pool or a file picture (reader audit, 2026-12-06).
        "O.J. Simpson appears at a hearing in Las Vegas on May 15, 2013. (Jane Roe/AP, Pool, file)",
        "The defendant looks at his lawyer in court on Friday. (John Doe/AP, Pool)",
        "(AP Photo/Jane Roe, Pool, File)",
        # A wire gallery's caption cut short (reader audit round 3, mn199).
        "The ex-president is wheeled into court. His trial has resumed amid... (Associated Press)",
    ],
)
def test_captions_and_photo_credits(line: str) -> None:
    assert kind_in_article(line) is CAPTION


# Pieces of credits, their letters in other cases (and the non-ASCII letters a
# case-insensitive regex equates with ASCII ones), and ordinary text around them.
_CREDIT_PIECES = st.sampled_from(
    [
        *("Getty Images", "(Photo: x)", "AP Photo/Ap", "REUTERS/Jane Doe", "via AFP", "FILE PHOTO"),
        *("Picture by Jane", "credits: x", "(video of it)", "Image: x", "Shutterstock"),
        *("\u0130MAGE: x", "\u0131mage: x", "\u017fhutter\u017ftoc\u212a", "pool photo", "."),
        *(" ", "The", " the talks went well", ")", "|", "-", "\u201c", "Doe/X", "courtesy of Ann"),
    ]
)


@given(st.lists(_CREDIT_PIECES, max_size=6).map("".join))
def test_the_credit_pre_check_never_hides_a_credit(line: str) -> None:
    if line_kinds._CREDIT_AT_END.search(line):
        assert line_kinds._may_hold_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "The photo, credited REUTERS/Kevin Lamarque, shows the two leaders in Helsinki.",
        "Officials said the meeting lasted an hour. Both sides called it productive. Analysts "
        "were less sure. Markets barely moved. REUTERS/Kevin Lamarque",
        "It was a photo op for both leaders, said one aide.",
        "Leaders met at the NATO/EU summit.",
        "The government offered a cash handout.",
        "The picture by the artist was sold for $2 million.",
        "She described the image: a girl running from the fire.",
        "The vote split along party lines (Democrats/Republicans).",
    ],
)
def test_prose_mentioning_a_credit_stays_prose(line: str) -> None:
    assert kind_in_article(line) is PROSE


@pytest.mark.parametrize(
    "line",
    [
        "April 28, 2025",
        "28 April 2025",
        "2025-04-28",
        "Updated: April 28, 2025 10:32 a.m. ET",
        "Published 3:45 PM EDT, Wed February 12, 2025",
        "By Jane Doe",
        "By JANE DOE and John Roe, Reuters",
        "Written by Jane Doe",
        "0",
        "Trump4",
        "-",
        "***",
        "12:30",
        "COMMENTS",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "About The Author",
        "Share this",
        "Share this article:",
        "Read more: Trump says talks will begin",
        "Advertisement",
        "Sign up for our newsletter",
        "Click here to subscribe",
        "Related Stories",
        "Related Story:",
        # Wire credit lines, reporters' addresses and signatures (issue 16 item 2).
        "AP writers Jane Roe in Jakarta, Indonesia, and John Doe in Tokyo contributed to this "
        "report.",
        "City News Service contributed to this report.",
        "Jane Doe contributed reporting.",
        "jane.doe@example-tribune.com",
        "Email: jdoe@example.org",
        "--Jane Roe",
        "— Jane Roe",
        "You may also like",
        "12 Comments",
        "5 min read",
        "© 2025 Reuters. All rights reserved.",
        "Reporting by Jane Doe; Editing by John Roe",
        "Lorde Makes Major Donation Amid Tour -",
        "Talks Resume In Geneva |",
    ],
)
def test_boilerplate(line: str) -> None:
    assert kind_in_article(line) is BOILERPLATE


@pytest.mark.parametrize(
    "sentence",
    [
        "Read more",
        "Leave a \t reply",  # runs of white space of any kind read as one space
        "Leave\u00a0a reply",
        "Jane Doe contributed  to this report.",
        "Jane Doe contributed\u2003reporting.",
        "Share   this",
    ],
)
def test_furniture_ending_a_paragraph_is_boilerplate_however_it_is_spaced(sentence: str) -> None:
    assert line_kinds.sentence_kind(sentence) is BOILERPLATE
    assert classify_lines(sentence)[0].kind is BOILERPLATE


@pytest.mark.parametrize(
    "sentence",
    [
        # Long lines are never furniture, whatever they start with.
        "Read more about the talks in our report: the two sides met on Wednesday in Geneva and "
        "agreed to meet again next week after the holiday, officials of both governments said.",
        "Rising costs contributed to this year's losses, the company said.",
        # Worded like video credits, parenthesised links and handout captions.
        "Jane Roe reports for duty on Monday, Aug. 13, 2018.",
        "John Doe reports for the Guardian and lives in Cairo.",  # no date: the story's own
        "(See, the thing is, he never paid a cent.)",
        "(Clinton may also have been even more careful than usual.)",
        "(The full coverage of the trial ran to 40 pages.)",
        "This image shows how far the ice has retreated, the agency said.",
        "This photo provided an insight into the family, her lawyer said.",
        "(The vote was held on Saturday, Aug. 11, 2018, after a long debate.)",
    ],
)
def test_prose_that_starts_like_furniture_stays_prose(sentence: str) -> None:
    assert line_kinds.sentence_kind(sentence) is PROSE


@pytest.mark.parametrize(
    "line",
    [
        "Diplomatic Discussions",
        "Zelenskiy’s Contingency Plan",
        "U.S. Position on Ukraine’s Future",
        "What happens next",
        "What Comes Next for Ukraine?",
        "Kyiv, Ukraine",
        "“We will win”",  # a quoted subhead: a few words, no punctuation
        "'Bars ransacked'",
        "‘IT’S NOT THE TIME’",
        "Gesture Control.",  # a run-in heading on a line of its own
        "Key Findings.",
    ],
)
def test_headings(line: str) -> None:
    assert kind_in_article(line) is HEADING


@pytest.mark.parametrize(
    "line",
    [
        "Arrests have been made.",
        "He denied it.",
        "Yes.",
        "“We will never give up.”",
        '"Peace now," she said.',
        "“We will win,”",
        "By the end of the year, prices had risen sharply.",
        "By Tuesday, officials had left.",
        "Mayor Smith spoke on May 5 about the budget.",
        "Will the war end soon?",
        "Key points:",
        "The talks, which began Tuesday, were described as productive by both sides",
        "Readers can comment on the proposal until Friday, the ministry said.",
        "Share prices fell sharply after the announcement.",
        "Copyright lawyers said the case was weak.",
        "Rising costs contributed to this year's losses, the company said.",
        "Thank you.",
        "Not necessarily.",
        # Worded like share bars, live banners, CAPTCHAs, credits and booking captions.
        "The post was shared 936 times in an hour, the police said.",
        "Viewers could watch live as the rocket lifted off, the agency said.",
        "Voters must enter the characters of their ID number, officials said.",
        "Getty Images said on Tuesday it would appeal the ruling.",
        "Jane Roe, 32, of Chicago, was arrested Sunday and charged with battery.",
    ],
)
def test_real_sentences_stay_prose(line: str) -> None:
    assert kind_in_article(line) is PROSE


def test_bullets_are_prose_with_the_bullet_outside_the_span() -> None:
    text = f"{INTRO}\n- After speaking with him, Trump said it went well.\n  * Nested item\n• Dot"
    lines = classify_lines(text)
    assert [text[line.start : line.end] for line in lines[1:]] == [
        "After speaking with him, Trump said it went well.",
        "Nested item",
        "Dot",
    ]
    assert [line.kind for line in lines[1:]] == [PROSE, PROSE, BOILERPLATE]  # "Dot": stray


def test_a_leading_list_item_is_not_a_headline() -> None:
    text = f"- Ukraine made early gains\n{INTRO}"
    assert [line.kind for line in classify_lines(text)] == [PROSE, PROSE]


def test_bulleted_furniture_is_still_boilerplate() -> None:
    assert kind_in_article("* Share this") is BOILERPLATE


def test_three_headlines_in_a_row_are_a_link_list() -> None:
    headlines = ["Lorde Makes Major Donation", "Queen Camilla Clashes With Anne", "Robot Sprints"]
    text = "\n".join([INTRO, *headlines, OUTRO])
    assert [line.kind for line in classify_lines(text)] == [PROSE, *[BOILERPLATE] * 3, PROSE]
    text = "\n".join([INTRO, headlines[0], OUTRO, headlines[1], OUTRO])
    assert [line.kind for line in classify_lines(text)] == [PROSE, HEADING, PROSE, HEADING, PROSE]


# --- headline and title --------------------------------------------------------------------


def test_sentence_case_first_line_is_the_headline() -> None:
    text = f"Speaking to Putin, Zelensky: Trump makes first big foray into diplomacy\n{INTRO}"
    lines = classify_lines(text)
    assert lines[0].kind is HEADING
    assert find_title(text, lines) == text.split("\n")[0]


def test_a_short_first_sentence_is_not_a_headline() -> None:
    text = f"Arrests have been made.\n{INTRO}"
    lines = classify_lines(text)
    assert [line.kind for line in lines] == [PROSE, PROSE]
    assert find_title(text, lines) is None


@pytest.mark.parametrize(
    "lede",
    [
        # A lede ending in a full stop inside quotes, the quotes damaged as scrapers leave them
        # (news_clusters mn089 a1): "�?" is a lost closing quote, not a question mark.
        "Minutes after the press conference ended on Thursday, Jane Roe of CNN called it "
        "“unhinged\ufffd? and “wild.\ufffd?",
        "Minutes after the press conference ended on Thursday, Jane Roe called it “wild.”",
        # Two sentences on one line: a video's blurb and its credit (mn145 a2).
        "If the hearing goes as expected, Jane Roe could leave prison on Oct. 1. USA TODAY Sports",
        "Officials confirmed the deal. Talks resume in Geneva on Monday",
    ],
)
def test_a_lede_is_not_a_headline(lede: str) -> None:
    text = f"{lede}\n{INTRO}"
    lines = classify_lines(text)
    assert lines[0].kind is not HEADING
    assert find_title(text, lines) is None


@pytest.mark.parametrize(
    ("first", "headline"),
    [
        # The Advocate's headline (dev cluster robert-durst): its full stop is "L.A."'s.
        (
            "Frail Robert Durst sentenced on gun charge in New Orleans but headed to "
            "low-security federal prison in L.A.",
            True,
        ),
        ("Talks stall over tariffs with U.S.", True),
        # Written with articles, as ledes are, not headlinese: the full stop ends a sentence.
        ("The company said it would cut 500 jobs in the U.S.", False),
        ("Talks stall over tariffs between China and the U.S.", False),
    ],
)
def test_a_closing_abbreviations_full_stop_ends_a_headline_written_without_articles(
    first: str, headline: bool
) -> None:
    lines = classify_lines(f"{first}\n{INTRO}")
    assert (lines[0].kind is HEADING) == headline


def test_a_damaged_closing_quote_ends_a_line_as_a_quote_would() -> None:
    assert line_kinds._final_mark("called it “wild.\ufffd?") == "."
    assert line_kinds._final_mark("he asked “why?\ufffd?") == "?"
    assert line_kinds._final_mark("Who is Jos\ufffd?") == "s"  # only a lost quote, no others
    assert line_kinds._final_mark("“We will win”") == "n"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Estimated net worth: $250,000", PROSE),  # a figure to compare (mn145 a1)
        ("Running time: 2 hours, 15 minutes", PROSE),
        ("Analysis: Jane Roe, business editor", HEADING),
    ],
)
def test_a_label_with_a_figure_is_a_fact_not_a_heading(line: str, kind: LineKind) -> None:
    assert kind_in_article(line) is kind


def test_title_skips_leading_furniture_and_needs_three_words() -> None:
    text = "By Jane Doe\nApril 28, 2025\nStorm Hits The Coast\n" + INTRO
    assert find_title(text, classify_lines(text)) == "Storm Hits The Coast"
    text = f"Diplomatic Discussions\n{INTRO}\nLater Heading Here\n{OUTRO}"
    assert find_title(text, classify_lines(text)) is None


# --- offsets -------------------------------------------------------------------------------


def test_offsets_and_paragraph_numbers() -> None:
    text = "\n  Headline Words Here  \n\n\t\nFirst line of prose.   \n-\n"
    lines = classify_lines(text)
    assert [(text[line.start : line.end], line.paragraph) for line in lines] == [
        ("Headline Words Here", 0),
        ("First line of prose.", 1),
        ("-", 2),
    ]


def test_empty_text_has_no_lines() -> None:
    assert classify_lines("") == ()
    assert classify_lines(" \n\n ") == ()
    assert find_title("", ()) is None


@given(st.text(alphabet=st.sampled_from(list("ab .-*•\n\t“”AZ0:")), max_size=200))
def test_lines_cover_every_non_blank_line_in_order(text: str) -> None:
    lines = classify_lines(text)
    assert len(lines) == sum(1 for raw in text.split("\n") if raw.strip())
    assert [line.paragraph for line in lines] == list(range(len(lines)))
    previous_end = -1
    for line in lines:
        span = text[line.start : line.end]
        assert previous_end < line.start < line.end
        assert span == span.strip() and "\n" not in span
        previous_end = line.end


# Section questions from the BBC's Kim Jong-nam article (dev cluster), and questions that are
# part of the text: longer, quoted, or not opening with a question word.
@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("How did he die?", HEADING),
        ("Who did it?", HEADING),
        ("Is Kuala Lumpur airport safe?", HEADING),
        ("Who was Kim Jong-nam?", HEADING),
        ("“Where’s my daughter?”", PROSE),
        ("So why did the police wait three days before they told the family anything?", PROSE),
        ("He asked what happened?", PROSE),
    ],
)
def test_short_section_questions_are_headings(line: str, kind: LineKind) -> None:
    assert kind_in_article(line) is kind


# A joiner, variation selectors and tag characters between letters: invisible to a reader,
# so they change no line's kind (and the line keeps them: offsets still point at them).
@pytest.mark.parametrize("mark", ["\u200d", "\u200c", "\ufe0f", "\U000e0041", "\U000e0100"])
@pytest.mark.parametrize(
    "line",
    [
        "The president said the talks in Geneva were a success and would go on.",
        "Who was Kim Jong-nam?",
        "Photo: Jane Doe/Reuters",
    ],
)
def test_invisible_characters_between_letters_change_no_line_kind(line: str, mark: str) -> None:
    marked = mark.join(line)
    (plain,) = classify_lines(line)
    (line_kind,) = classify_lines(marked)
    assert line_kind.kind is plain.kind
    assert marked[line_kind.start : line_kind.end] == marked


# --- furniture inside and beside paragraphs (issue 16 item 2) ------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Read more", BOILERPLATE),
        ("VPC", BOILERPLATE),
        ("(CW33)", BOILERPLATE),
        ("C+", BOILERPLATE),
        ("Follow @janedoe on Twitter.", BOILERPLATE),
        ("jdoe@example.org", BOILERPLATE),
        ("(Kevin Lamarque/Reuters)", CAPTION),
        ("Chaos.", PROSE),
        ("Humbled?", PROSE),
        ("I won.", PROSE),
        ("NATO agreed.", PROSE),
        ("双方同意立即开始谈判", PROSE),  # a Chinese clause without its final mark
        ("好", PROSE),
        ("The picture was taken by the artist herself.", PROSE),
    ],
)
def test_sentence_kind_finds_furniture_that_ends_a_paragraph(sentence: str, kind: LineKind) -> None:
    assert line_kinds.sentence_kind(sentence) is kind


# --- Markdown structure in text (issue 15 item 15) -----------------------------------------


def kinds_of(lines: list[str]) -> list[tuple[str, LineKind]]:
    text = "\n".join(lines)
    return [(text[line.start : line.end], line.kind) for line in classify_lines(text)]


def test_fenced_code_is_boilerplate_fences_included() -> None:
    code = ["```python", 'print("The ministry said the talks would resume.")', "```"]
    assert kinds_of([INTRO, *code, OUTRO]) == [
        (INTRO, PROSE),
        *[(line, BOILERPLATE) for line in code],
        (OUTRO, PROSE),
    ]


def test_a_longer_fence_holds_a_shorter_one() -> None:
    code = ["~~~~", "```", "The ministry said the talks would resume on Friday.", "~~~~"]
    assert kinds_of([INTRO, *code, OUTRO])[1:-1] == [(line, BOILERPLATE) for line in code]


def test_a_fence_never_closed_marks_nothing() -> None:
    assert kinds_of(["```", INTRO, OUTRO])[1:] == [(INTRO, PROSE), (OUTRO, PROSE)]


def test_a_table_header_row_is_a_heading_and_its_rows_are_not() -> None:
    header = "Number of people arrested by the police on each of the days | Day of the protest"
    row = "Twelve people were arrested by the police on that day | Monday"
    found = kinds_of([INTRO, header, "--- | ---:", row, OUTRO])
    assert found[1:4] == [(header, HEADING), ("--- | ---:", BOILERPLATE), (row, PROSE)]


def test_a_line_above_a_rule_is_not_a_table_header() -> None:
    # A plain-text section rule, and a delimiter with another number of cells.
    assert kinds_of([INTRO, OUTRO, "---"])[1] == (OUTRO, PROSE)
    assert kinds_of([INTRO, OUTRO, "--- | --- | ---"])[1] == (OUTRO, PROSE)


@given(st.text(alphabet="ab -|»›\n\t", max_size=12))
def test_a_line_ends_in_a_link_separator_as_the_pattern_says(line: str) -> None:
    """The look at the last character first decides nothing the pattern would not."""
    assert line_kinds._ends_in_link_separator(line) == (re.search(r"\s[-|»›]$", line) is not None)


# --- page furniture a reader audit found counted as claims (2026-12-06) ---------------------


def test_parentheses_naming_a_pool_are_not_a_credit_without_a_photographer() -> None:
    assert kind_in_article("The two firms formed a joint venture (Acme/Globex, pool).") is PROSE
    assert line_kinds.sentence_kind("(Acme/Globex, Pool)") is PROSE  # one name each side


@pytest.mark.parametrize(
    "line",
    [
        # How to reach the reporter: a short line starting so, with an address or a number.
        "Contact Jane Roe at jroe@example-journal.com or 775-555-0123.",
        "Contact John Doe at jdoe@example.com or at 202-555-0191. Follow @jdoe on Twitter.",
        "To reach John Doe, call 816-555-0135 or send email to jdoe@example.com.",
        "To contact the reporter on this story: Jane Roe in Cairo at jroe@example.net.",
        "Write to Jane Roe at jane.roe@example.com",
        # Disclaimers, where the full story runs, and a player that did not load.
        "The opinions expressed are his own.",
        "The views expressed in this commentary are solely those of the author.",
        "An expanded version of this report appears on WSJ.com",
        "This is an expanded version of the review that ran in the Dec. 7 issue of the magazine.",
        "LISTEN: Soda tax nearly doubles prices Your browser does not support the audio element.",
        # The name, handle and date under an embedded tweet.
        "— Jane Roe (@janeroe) May 21, 2013",
        "– John Doe (@jdoe) Sept. 3, 2020",
        # Players, ad slots, page navigation, a video's credit, a wiki's hatnote.
        "Story continues below advertisement",
        "Story Continued Below",
        "Advertisement Continue reading the main story",
        "Please enable Javascript to watch this video",
        "Scroll down for video",
        "Top of Page",
        "Read or Share this story: http://example.com/1abc",
        "USA TODAY Sports",
        '"FASD" redirects here. For other uses, see FASD (disambiguation)',
    ],
)
def test_contact_lines_disclaimers_players_and_tweet_signatures_are_boilerplate(line: str) -> None:
    assert kind_in_article(line) is BOILERPLATE
    assert line_kinds.sentence_kind(line) is BOILERPLATE


@pytest.mark.parametrize(
    "line",
    [
        # A police appeal is news, though it gives a number.
        "Anyone with information is urged to contact the Homicide Bureau at (818) 555-0125.",
        # "Contact" as a noun, without an address.
        "Contact with the vapour can kill within minutes, experts said.",
        # An address quoted in a long paragraph.
        "Contact between the two campaigns was frequent, according to e-mails sent from "
        "jdoe@example.com to aides of the candidate over the summer, which investigators "
        "obtained last week and which prosecutors say show a pattern of coordination.",
        "The opinions expressed by voters in the poll were sharply divided.",
        "The views expressed at the hearing are those of a minority, the mayor said.",
        "An expanded version of the bill passed the Senate on Tuesday.",
        "Some readers said their browser does not support the new video player.",
        "— Jane Roe (@janeroe), who posted it on May 21, 2013, later deleted the post.",
        "Story continues below the surface of the lake, the divers said.",
        "Top of the page was torn off, the clerk said.",
        "Please enable two-factor sign-in, the bank told customers.",
        "Jane Roe told USA TODAY Sports on Friday that she would retire.",
        "The search redirects here when the old address is typed.",
    ],
)
def test_prose_worded_like_contact_lines_disclaimers_or_notices_stays_prose(line: str) -> None:
    assert kind_in_article(line) is PROSE
    assert line_kinds.sentence_kind(line) is PROSE


@pytest.mark.parametrize(
    ("furniture", "sentence"),
    [
        ("Image copyright PA Image caption", "Jane Roe took over in 2010"),
        ("Image copyright Getty Images Image caption", "The spill cost billions"),
        ("Image caption", "Jane Roe, right, died in 2014"),
        ("Media playback is unsupported on your device Media caption", "Pay 'sends wrong message'"),
        ("View Images", "The skull of the dinosaur."),
        ("Enlarge image", "Voters queue in Cairo on Jan. 2, 2012."),
        ("| Getty", "All the things the president covered"),
        ("BP BP., +0.88% BP, +0.60%", "Chairman Jane Roe defended the pay package."),
        ("toggle caption", "Jane Roe/AP Reporters wait outside."),  # the credit not repeated
        ("Enlarge this image toggle caption Jane Roe/AP Jane Roe/AP", ""),
        ("View Images", ""),
        ("CLOSE", "If the hearing goes as expected, Jane Roe could leave prison on Oct. 1."),
        ("CLOSE Skip in Skip x Embed x Share", "FBI officials say there are no new threats."),
        # A photo gallery's bar, up to its name and button, and a gallery's bare label.
        (
            "1 of 50 Full Screen Autoplay Close Skip Ad × Behind the scenes of the debate "
            "View Photos",
            "Lawmakers are scrambling before the Oct. 1 deadline.",
        ),
        ("12 of 30 Previous Next", "Voters queue in Cairo."),
        ("Caption", "Lawmakers are scrambling before the deadline."),
    ],
)
def test_furniture_glued_to_the_start_of_a_sentence_is_found(furniture: str, sentence: str) -> None:
    glued = f"{furniture} {sentence}".rstrip()
    assert glued[: line_kinds.furniture_prefix_end(glued)].rstrip() == furniture


@pytest.mark.parametrize(
    "sentence",
    [
        "Images of the crash spread quickly online.",
        "Media reports said the talks had stalled.",
        "View the full results on our website.",
        "Enlarged images of the cells show the damage.",
        "GDP rose +2.10% in the quarter, the agency said.",
        "US stocks rose 0.88% on Monday.",
        "Toggle captions are shown under each picture.",
        "CLOSE to 500 people were evacuated.",
        "Close observers of the talks were surprised.",
        "1 of 50 people survived the crash, the report said.",
        "2 of 3 Close friends of the mayor resigned on Monday.",  # one button word is no bar
        "Caption contests are popular on the site.",
    ],
)
def test_sentences_starting_like_furniture_keep_their_start(sentence: str) -> None:
    assert line_kinds.furniture_prefix_end(sentence) == 0


_PREFIX_PIECES = st.sampled_from(
    [
        *("Image ", "copyright ", "caption ", "Media ", "View Images", "Enlarge ", "image "),
        *("toggle caption ", "| ", "Getty ", "BP ", "BP., ", "+0.88% ", "-1.25%", "A", ".", " "),
        *("Jane Roe/AP ", "the talks went well", "%", "ABCDEFGH ", "CLOSE ", "Skip in "),
        *("1", "50", " of ", "123 of 456 ", "Full Screen ", "Autoplay ", "× ", "View Photos"),
        *("Caption ", "Caption"),
    ]
)


@given(st.lists(_PREFIX_PIECES, max_size=8).map("".join))
def test_the_prefix_pre_check_never_hides_furniture(sentence: str) -> None:
    if line_kinds._FURNITURE_PREFIX.match(sentence):
        assert line_kinds.furniture_prefix_end(sentence) > 0


def test_the_contact_pre_check_lets_every_contact_start_through() -> None:
    for start in line_kinds._CONTACT_START:
        assert {start[0], start[0].upper()} <= line_kinds._CONTACT_INITIALS


# --- first lines that are page furniture, not a headline (audit round 2, finding 12) -------


def first_line(text: str) -> tuple[LineKind, str | None]:
    """The first line's kind above a lede, and the title found."""
    document = f"{text}\n{INTRO}"
    lines = classify_lines(document)
    return lines[0].kind, find_title(document, lines)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # A CAPTCHA's prompt, an e-mail-a-friend form, a share bar, a live stream's banner.
        (
            "You must enter the characters with black color that stand out from the rest",
            BOILERPLATE,
        ),
        ("Please type the text shown in the image", BOILERPLATE),
        ("Message: * A friend wanted you to see this item from example.com", BOILERPLATE),
        ("936 SHARES Share Tweet", BOILERPLATE),
        ("1.2K Shares Facebook Twitter Email", BOILERPLATE),
        ("*** Join it LIVE here ! ***", BOILERPLATE),
        ("Watch live now", BOILERPLATE),
        # A picture agency's credit before whom the picture shows.
        ("Getty Images House Speaker John Boehner", CAPTION),
        ("AFP/Getty Images Jane Roe and John Doe", CAPTION),
        # Who a booking photo shows.
        ("Jane Roe, 32, of Chicago", CAPTION),
        ("John Q. Doe, 45, from Fort Worth, Texas", CAPTION),
        # A caption behind its label: cut into the label and the caption, never a headline.
        ("Image copyright AFP Image caption The old town's mud architecture is unique", PROSE),
        ("Image caption Jane Roe went on to front several TV shows solo", PROSE),
    ],
)
def test_furniture_above_the_lede_is_no_headline(line: str, kind: LineKind) -> None:
    assert first_line(line) == (kind, None)
    assert kind_in_article(line) is kind


@pytest.mark.parametrize(
    "line",
    [
        "Getty Images sues a rival over millions of copied pictures",  # a verb: a headline
        "Shares in the bank fell after the report",
        "Users must enter the code sent to their phones",
        "Type the characters: the new rules for hiring in Hollywood",
        "Thousands join live protest in the capital",
        "Mother, 32, of Chicago charged after toddlers hurt",
        "A friend in need: how a dispatcher saved a woman in a car trunk",
    ],
)
def test_headlines_worded_like_that_furniture_stay_headlines(line: str) -> None:
    assert first_line(line) == (HEADING, line)


# --- sentences of a paragraph that are furniture (audit round 2, finding 7) ----------------


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # A video blurb's credit and date.
        ("Kim Tobin reports for the NBC4 News at 5 on Saturday, Aug. 11, 2018.", BOILERPLATE),
        ("Jane Roe reports from the White House on Monday, March 3, 2025.", BOILERPLATE),
        ("(Published Saturday, Aug. 11, 2018)", BOILERPLATE),
        ("(Updated 10:32 a.m. ET, Feb. 12, 2025)", BOILERPLATE),
        # Links to other coverage in parentheses.
        ("(See the top 10 fiction books of 2009.)", BOILERPLATE),
        ("(Learn more about how feathers evolved.)", BOILERPLATE),
        ("(Read a book review of the novel.)", BOILERPLATE),
        ("(WATCH: The health law timeline)", BOILERPLATE),
        ("(Government shutdown full coverage)", BOILERPLATE),
        # A wire photo's caption.
        ("This image provided by the County Jail shows Jane Roe on Tuesday, Sept. 25.", CAPTION),
        ("This undated photo released by the police shows the suspect.", CAPTION),
        ("In this photo taken by a passer-by, smoke rises over the plant.", PROSE),  # no "shows"
        # A note on the picture, all in brackets (audit round 3, finding 7).
        ("(In this photo, Jane Roe is seen on the left and John Doe on the right.)", CAPTION),
        ("(Pictured: the cathedral in 2010.)", CAPTION),
        ("(From left, Jane Roe, John Doe and their coach.)", CAPTION),
        ("(In this case, the police said nothing.)", PROSE),
        ("(In this photo he is smiling.) And he went on.", PROSE),  # more than the note
        # A photographer and agency, slashed, before the caption they credit.
        ("Jane Roe / AFP / Getty Images The pope prays before the shroud.", CAPTION),
        ("John Doe / Via youtube.com A screengrab of the research.", CAPTION),
        ("Jane Roe/AFP said the picture was taken on Monday.", PROSE),  # no spaces: prose
        ("The AP / Reuters poll of 1,000 voters closed on Monday.", PROSE),
    ],
)
def test_sentence_kind_finds_credits_promos_and_handout_captions(
    sentence: str, kind: LineKind
) -> None:
    assert line_kinds.sentence_kind(sentence) is kind


@pytest.mark.parametrize(
    ("text", "signature"),
    [
        (
            "The latest on the investigation at 11pm @ABC7",
            "pic.twitter.com/zfnu02RjyU — Jane Roe (@janeroe) August 12, 2018",
        ),
        ("Jane Roe's publicist says she is a victim.", "— John Doe (@jdoe) Sept. 25, 2018"),
        ("The vote was close — closer than expected.", "— Jane Roe (@janeroe) May 1, 2020"),
    ],
)
def test_a_tweet_signature_glued_to_its_text_is_found(text: str, signature: str) -> None:
    glued = f"{text} {signature}"
    assert glued[line_kinds.furniture_suffix_start(glued) :] == signature


@pytest.mark.parametrize(
    "sentence",
    [
        "— Jane Roe (@janeroe), who posted it on May 21, 2013, later deleted the post.",
        "She wrote to Jane Roe (@janeroe) on May 21, 2013.",  # no dash: not a signature
        "The post by Jane Roe (@janeroe) — May 21, 2013 — was deleted.",
    ],
)
def test_sentences_naming_a_handle_keep_their_end(sentence: str) -> None:
    assert line_kinds.furniture_suffix_start(sentence) == len(sentence)


def test_story_highlights_after_their_label_are_no_claims() -> None:
    lines = [
        "A worker returns a bag near the finish line. (Photo: Jane Roe, AP) Story Highlights "
        "Student was watching race with 2 friends near finish",
        "Name withheld pending family's permission",
        "Second victim was Krystle Campbell, 29, a restaurant manager from Medford, Mass.",
        "BOSTON — This rattled city was grappling Tuesday with identifying its dead.",
    ]
    assert [kind for _, kind in kinds_of(lines)] == [CAPTION, BOILERPLATE, BOILERPLATE, PROSE]


def test_links_under_a_related_label_up_to_the_prose_that_goes_on() -> None:
    lines = [
        "Police are still looking for him.",
        "Related Story:",
        "Former Frost Heaves player fatally shot in Montpelier",
        "City councilman urges Occupy L.A. to move indoors, into politics",
        "His release will produce a spectacle unlike anything seen since he went to prison.",
    ]
    assert [kind for _, kind in kinds_of(lines)] == [
        PROSE,
        BOILERPLATE,
        BOILERPLATE,
        BOILERPLATE,
        PROSE,
    ]


def test_a_picture_behind_a_bare_image_label_is_a_caption() -> None:
    from aligner.load.corpus import Document
    from aligner.text.articles import build_article

    text = (
        "Image: The teams march under one flag at the East Asian Games in 2005\n\nThe team won.\n"
    )
    article = build_article(0, Document(path="a1.txt", source="a1", text=text, title=None))
    assert [(s.text, s.kind) for s in article.sentences] == [
        ("Image:", BOILERPLATE),
        ("The teams march under one flag at the East Asian Games in 2005", CAPTION),
        ("The team won.", PROSE),
    ]

"""Who a sentence says is speaking (aligner/text/speakers.py), on sentences of the news
clusters and the sample corpus."""

from __future__ import annotations

import pytest

from aligner.text.speakers import named_speakers, surely_different


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The subject of a verb of saying, with the roles and owners before it left out.
        ("Neighbor Dan Aguliar said he can't believe it happened in Boston.", "Dan Aguliar"),
        ("Hegseth said any durable peace must include “robust security guarantees”.", "Hegseth"),
        (
            "Zelensky reiterated that Ukraine was fully committed to peace, but emphasized that "
            "it would not settle for a security agreement.",
            "Zelensky",
        ),
        (
            "Malaysia's police chief Khalid Abu Bakar said on Friday that the nerve agent had "
            "been detected.",
            "Khalid Abu Bakar",
        ),
        ("US President Donald Trump has revealed details of a phone call.", "Donald Trump"),
        ("Zelensky has long maintained that any talks must include Ukraine.", "Zelensky"),
        ("Mr. Wyatt said that Mr. Cosby had endured the trial.", "Wyatt"),
        # Past an apposition set off by commas.
        (
            "Kent Craford, a former lobbyist for large industrial water customers and "
            "co-petitioner of the ballot measure, said he thinks flushing is a bad idea.",
            "Kent Craford",
        ),
        ("Its Chief Talent Office, Tawni Cranz, said:", "Tawni Cranz"),  # the apposition names
        ("Zelensky, meanwhile, revealed plans to meet Vance.", "Zelensky"),  # an aside
        # The name among words around it (MSRP's scale corpus).
        ('"He would often call me for advice," said Ronald L. Kuby, a friend.', "Ronald L. Kuby"),
        (
            '"They did not nationalize them," said Manouchehr Takin of the Center for Global '
            "Energy Studies.",
            "Manouchehr Takin",
        ),
        (
            "French Foreign Minister Jean-Noel Barrot stated that Europe would help.",
            "Jean-Noel Barrot",
        ),
        (
            "“If you’re buying a can, you won’t blink,” KIRO Radio’s Tom Tangney said.",
            "Tom Tangney",
        ),
        # After the verb, in an attribution after a quotation.
        ('"Like, how they can do that?” says Delynn.', "Delynn"),
        (
            '"Our preliminary finding was VX nerve," said Inspector-General of Police Khalid '
            "Abu Bakar.",
            "Khalid Abu Bakar",
        ),
        (
            '"He may have gotten on a bus," said Maj. Glenn Hall, Vermont State Police.',
            "Glenn Hall",
        ),
        ("Police know the identity of the driver, according to Sullivan.", "Sullivan"),
        ("Barbour told ABC News today that the supervisor responded.", "Barbour"),
    ],
)
def test_the_named_speaker_is_found(text: str, speaker: str) -> None:
    assert [" ".join(name) for name in named_speakers(text)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "I can't believe this has happened.",  # no verb of saying
        "On bacon: “I’m told that more vegetarians relapse on bacon than on anything.”",
        '"I want to apologize to the community," he told reporters.',  # a pronoun
        'When a reporter pointed it out, the president said: "Well, I don\'t know."',  # a role
        "Caballero later shot him, police said.",  # an institution, as the others below
        "The Institute of Directors said the rebellion would determine the future.",
        "Prosecutors say Durst killed Berman to keep her from talking.",
        "BP ranks third in total shareholder returns, according to Eikon data.",
        "His mother was injured, according to the Dorchester Reporter.",  # a newspaper
        "Tibco has used the name since 1994, according to the Palo Alto, California company.",
        "The North Shore Long Island Jewish Health System in New York announced plans.",
        "The United States is bracing for a partial government shutdown.",  # "States" no verb
    ],
)
def test_no_named_person_speaks(text: str) -> None:
    assert named_speakers(text) == ()


def test_a_name_after_the_verb_is_said_about_not_speaking() -> None:
    # "said Republicans are ...", "The attorney said Cosme, who ...": what is said, not who.
    assert named_speakers("Trump said Republicans are in the final stage of repealing it.") == (
        ("Trump",),
    )
    assert named_speakers("The attorney said Cosme, who has worked with children, erred.") == ()
    assert named_speakers("Trump told CNN it was fine.") == (("Trump",),)
    # A clause after a comma is no apposition: the place before it is no speaker.
    worth = (
        "At Fairplay Foods in suburban Worth, sweetened beverage sales were down about 47 "
        "percent, said Rosie Regas, co-owner of the store."
    )
    assert named_speakers(worth) == (("Rosie", "Regas"),)


HEGSETH_AND_ZELENSKY = (
    "U.S. Defense Secretary Pete Hegseth delivered a statement.",
    "Ukrainian President Volodymyr Zelensky also spoke with the U.S. president.",
)


def test_two_people_named_apart_are_surely_different() -> None:
    assert surely_different(("Hegseth",), ("Zelensky",), HEGSETH_AND_ZELENSKY)
    assert surely_different(("Kent", "Craford"), ("Desiree", "Cary"), ())


@pytest.mark.parametrize(
    ("one", "other", "context"),
    [
        # One person's surname alone and in full, or spelled two ways.
        (("Christman",), ("Lissa", "Druss", "Christman"), ()),
        (("Zelensky",), ("Zelenskiy",), HEGSETH_AND_ZELENSKY),
        # mn113 names one man "Dallas Delynn" in one outlet and "Dallas Swonger" in another.
        (("Delynn",), ("Swonger",), ("Dallas Delynn says he didn't.", "As Dallas Swonger ran.")),
        # A single word never named in full is not surely a person: Japan's Foreign Minister,
        # and a country found as a speaker ("China, which did not attend, said").
        (("Taro", "Kono"), ("Japan",), ("Japanese Foreign Minister Taro Kono said so.",)),
        (("Xi", "Jinping"), ("China",), ("China, which did not attend, said so.",)),
        (("Hegseth",), ("Zelensky",), ()),  # neither named in full anywhere: who knows
    ],
)
def test_maybe_one_person(
    one: tuple[str, ...], other: tuple[str, ...], context: tuple[str, ...]
) -> None:
    assert not surely_different(one, other, context)
    assert not surely_different(other, one, context)

"""Small curated word lists the engine ships: stopwords, negation cues, antonym pairs."""

from __future__ import annotations

# Function words that carry no claim; NLTK's list needs a download, so we ship our own.
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves said says say told
    according also would could may might must shall one s t
    """.split()
) - frozenset({"no", "not", "nor", "never"})

# Words that flip the polarity of a clause. "n't" contractions are recognised separately.
NEGATION_CUES: frozenset[str] = frozenset(
    """
    not no never none nobody nothing nowhere neither nor without cannot
    """.split()
)

# Pairs of words that cannot both describe the same fact. Kept small and unambiguous on
# purpose: every pair here turns a match into a contradiction, so a loose pair means false
# alarms. Inflected forms are listed explicitly rather than stemmed, to stay predictable.
ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("accepted", "rejected"),
    ("accepts", "rejects"),
    ("accept", "reject"),
    ("acquitted", "convicted"),
    ("alive", "dead"),
    ("allowed", "banned"),
    ("approved", "rejected"),
    ("approves", "rejects"),
    ("arrived", "departed"),
    ("confirmed", "denied"),
    ("confirms", "denies"),
    ("decreased", "increased"),
    ("decrease", "increase"),
    ("decreases", "increases"),
    ("fell", "rose"),
    ("falls", "rises"),
    ("guilty", "innocent"),
    ("higher", "lower"),
    ("hired", "fired"),
    ("lost", "won"),
    ("loses", "wins"),
    ("lose", "win"),
    ("loss", "win"),
    ("male", "female"),
    ("man", "woman"),
    ("men", "women"),
    ("boy", "girl"),
    ("boys", "girls"),
    ("open", "closed"),
    ("opened", "closed"),
    ("passed", "failed"),
    ("succeeded", "failed"),
    ("success", "failure"),
    ("survived", "died"),
    ("true", "false"),
    ("upheld", "overturned"),
    ("victory", "defeat"),
    ("inside", "outside"),
    ("indoors", "outdoors"),
    ("asleep", "awake"),
    ("empty", "full"),
    ("lowered", "raised"),
    ("ended", "began"),
    ("ends", "begins"),
    ("sitting", "standing"),
    ("sits", "stands"),
    ("day", "night"),
    ("old", "young"),
    ("large", "small"),
    ("big", "small"),
    ("long", "short"),
    ("fast", "slow"),
    ("wet", "dry"),
    ("black", "white"),
    ("everyone", "nobody"),
    ("always", "never"),
)


def antonym_index() -> dict[str, frozenset[str]]:
    """Each word mapped to the words it contradicts."""
    index: dict[str, set[str]] = {}
    for left, right in ANTONYM_PAIRS:
        index.setdefault(left, set()).add(right)
        index.setdefault(right, set()).add(left)
    return {word: frozenset(opposites) for word, opposites in index.items()}

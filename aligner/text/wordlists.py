"""Small curated word lists the engine ships: stopwords, negation cues, antonym pairs."""

from __future__ import annotations

# Irregular plurals the Porter stemmer leaves alone; "no man" must meet "three men".
IRREGULAR_SINGULARS: dict[str, str] = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "person",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
}

# Function words that carry no claim; NLTK's list needs a download, so we ship our own.
STOPWORDS: frozenset[str] = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "say",
        "told",
        "according",
        "also",
        "would",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "one",
        "s",
        "t",
    ]
) - frozenset({"no", "not", "nor", "never"})

# Words that flip the polarity of a clause. "n't" contractions are recognised separately;
# the apostrophe-less spellings ("dont") are common in scraped text.
NEGATION_CUES: frozenset[str] = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "neither",
        "nor",
        "without",
        "cannot",
    ]
)

# Contractions spelled without the apostrophe, as scraped and re-typed text often has them
# ("dont", "isnt"). Only forms that are not also ordinary words ("cant", "wont" are).
APOSTROPHE_LESS_NEGATIONS: frozenset[str] = frozenset(
    [
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "hasnt",
        "havent",
        "hadnt",
        "couldnt",
        "wouldnt",
        "shouldnt",
        "mustnt",
        "neednt",
        "aint",
    ]
)

# Idioms that open with a negation cue but deny nothing: "not only X but Y" asserts X,
# "nothing but praise" is praise, "not until March 9" dates something, "no doubt" affirms.
NEGATION_IDIOMS: frozenset[tuple[str, str]] = frozenset(
    {("not", "only"), ("nothing", "but"), ("not", "until"), ("no", "doubt"), ("not", "just")}
)

# Words that say "not" without a cue: "refused to recuse" is "would not recuse", "failing
# to meet" is "not meeting", "declined to comment" is "no comment". A plain sentence with one
# of these near the negated word balances the other's "not".
IMPLICIT_NEGATORS: frozenset[str] = frozenset(
    [
        "fail",
        "fails",
        "failed",
        "failing",
        "failure",
        "refuse",
        "refuses",
        "refused",
        "refusing",
        "refusal",
        "decline",
        "declines",
        "declined",
        "declining",
        "deny",
        "denies",
        "denied",
        "denying",
        "denial",
        "lack",
        "lacks",
        "lacked",
        "lacking",
        "absence",
        "absent",
        "unless",
        "avoid",
        "avoids",
        "avoided",
        "avoiding",
        "neither",
        "nor",
        "without",
        "barely",
        "hardly",
        "scarcely",
        "rarely",
        "seldom",
    ]
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
    ("day", "night"),
    ("near", "far"),
    ("crowded", "empty"),
    ("hitting", "missing"),
    ("hits", "misses"),
    ("hit", "missed"),
    ("putting", "removing"),
    ("silent", "speaking"),
    ("silent", "talking"),
    ("sleeping", "awake"),
    ("long", "short"),
    ("fast", "slow"),
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


# Month names and their abbreviations, as folded words.
MONTH_NAMES: frozenset[str] = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec"]
)  # fmt: skip
DAY_NAMES: frozenset[str] = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
     "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
)  # fmt: skip
# A name slot holding only these is a date, never a person or place.
TEMPORAL_NAMES: frozenset[str] = MONTH_NAMES | DAY_NAMES

# Capitalised words before a name that are no given name: "Police Chief Stephen Johnson".
PERSON_TITLES: frozenset[str] = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "judge", "justice", "chief", "police", "president",
     "senator", "sen", "rep", "representative", "gov", "governor", "officer", "detective",
     "sgt", "sergeant", "lt", "lieutenant", "capt", "captain", "gen", "general", "col",
     "colonel", "prof", "professor", "rev", "reverend", "sir", "lord", "lady", "king", "queen",
     "prince", "princess", "minister", "secretary", "mayor", "commissioner", "director",
     "attorney", "district", "deputy", "inspector", "sheriff", "coach", "pope", "st",
     "prosecutor", "agent", "trooper", "pastor", "father", "sister", "brother", "dame", "the"]
)  # fmt: skip

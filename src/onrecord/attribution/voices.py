"""Who can be a source: someone who can speak, or a document that shows something.

The parse often hangs a cue on the wrong noun: a participle on the object of the
clause ("entered the talks believing …"), a reported clause's subject taken for
an inverted speaker ("said their speeches … would focus"). A noun that names no
one who could speak or write (a vote, a point in time, a focus) is never the
source; the rules then look for the clause's own subject.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from .. import lexicon

WORDS_FILE = "attribution/words.tsv"
SPEAKING_PRONOUNS = frozenset({
    "he", "she", "they", "i", "we", "you", "him", "her", "them", "me", "us", "who", "whom",
    # quantifiers standing for people: "leaving some to question …", "others said"
    "some", "many", "most", "others", "several", "few", "both", "all", "everyone", "everybody", "someone",
    "somebody", "anyone", "anybody", "nobody", "none",
})
SPEAKING_ENTITIES = ("PERSON", "ORG", "NORP", "GPE")
NUMERIC_ENTITIES = ("DATE", "TIME", "MONEY", "QUANTITY")  # "millions of Americans" (CARDINAL) can speak


@lru_cache(maxsize=1)
def _speaker_nouns() -> frozenset[str]:
    """Nouns for people, groups and institutions: who can speak with no name."""
    lexicons = lexicon.default()
    return lexicon.people_words() | frozenset(lexicons.roles) | lexicons.institutions


# A share of a group ("62 percent of voters", "a majority of members") speaks when the group can.
PARTITIVES = frozenset({"percent", "majority", "minority", "half", "third", "quarter", "number", "share",
                        "proportion", "plurality", "bulk", "rest", "fraction"})


def can_speak(token: Token) -> bool:
    """Whether a phrase's head names someone who can speak: a name, a person's pronoun,
    a noun for people, a group or an institution, or a share of one ("62 percent of
    voters"; a poll's "50 percent said" too). "“It is over,” the season ended" has none."""
    if token.ent_type_ in NUMERIC_ENTITIES:
        return False  # "in July, which showed …": a date or an amount says nothing, capitalised or not
    if token.pos_ == "PROPN" or token.ent_type_ in SPEAKING_ENTITIES:
        return True
    if token.pos_ == "PRON":
        return token.lower_ in SPEAKING_PRONOUNS
    nouns = _speaker_nouns()
    if token.lemma_.lower() in nouns or token.lower_ in nouns:
        return True
    if token.lower_ in PARTITIVES:
        group = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if group is not None:
            return can_speak(group)
        return token.lower_ == "percent" and any(c.dep_ == "nummod" for c in token.children)
    return False


def document_words() -> frozenset[str]:
    """Nouns for documents, counts and studies: sources that make an act evidence."""
    return lexicon.words(WORDS_FILE, "document_source")


def may_source(token: Token) -> bool:
    """Someone who can speak, or a document that shows something ("a poll showing …")."""
    return can_speak(token) or token.lemma_.lower() in document_words()

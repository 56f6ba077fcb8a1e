"""Cue frames on parses built by hand: the rules must hold whatever the parser does."""
import spacy
from spacy.tokens import Doc

from onrecord.attribution.frames import _stranded_complement, _verb_frame

# "Adler said during a news conference that he may wait ." with the "that" clause
# hung on "conference" as a relative clause, as the small parser does on some texts.
WORDS = ["Adler", "said", "during", "a", "news", "conference", "that", "he", "may", "wait", "."]
HEADS = [1, 1, 1, 5, 5, 2, 9, 9, 9, 5, 1]
DEPS = ["nsubj", "ROOT", "prep", "det", "compound", "pobj", "mark", "nsubj", "aux", "relcl", "punct"]


def _doc(words=WORDS, heads=HEADS, deps=DEPS) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=["VERB" if d in ("ROOT", "relcl") else "NOUN" for d in deps])


def test_a_that_clause_hung_on_a_phrase_is_the_verbs_content():
    doc = _doc()
    assert _stranded_complement(doc[1]).text == "wait"
    frame = _verb_frame(doc, doc[1], ("ccomp",), "speech")
    assert doc[frame.content[0]:frame.content[1]].text == "that he may wait"


def test_a_true_relative_clause_is_not_content():
    # "Adler spoke at a conference that he organised ." — "that" is the clause's object.
    words = ["Adler", "said", "during", "a", "conference", "that", "he", "organised", "."]
    heads = [1, 1, 1, 4, 2, 7, 7, 4, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "dobj", "nsubj", "relcl", "punct"]
    assert _stranded_complement(_doc(words, heads, deps)[1]) is None


def test_a_participle_after_an_object_that_cannot_speak_is_the_subjects(nlp):
    # "sent" passes a participle to its object ("sent them running"), but a tweet says nothing
    from onrecord.attribution.frames import find_subject

    doc = nlp("She also sent a tweet saying she was proud of the team.")
    saying = next(t for t in doc if t.text == "saying")
    assert find_subject(saying).text == "She"
    doc = nlp("The storm sent residents running for shelter.")
    running = next(t for t in doc if t.text == "running")
    assert find_subject(running).text == "residents"

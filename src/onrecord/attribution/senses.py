"""Whether a cue word reports at all: the senses of cue verbs that report nobody.

Cue verbs have other senses: an imperative ("call 555-1234"), a number as the
object ("can call 311"), an aspectual verb ("continues to rage"), a raising verb
with nothing it governs ("appeared on television"), a material sense ("added 160
security personnel", "called off a deal"), a recall of cars. ``is_attribution``
judges a frame by them; the word lists are in attribution/words.tsv.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..lexicon import Lexicons
from .acts import act_rules
from .subjects import REPORT_VERBS_FILE, find_subject
from .voices import WORDS_FILE, may_source

if TYPE_CHECKING:  # frames imports this module
    from .frames import Frame


def _experiencer(verb: Token) -> bool:
    """"seems to me", "appeared to investigators": someone holds the view."""
    return any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children)
               for c in verb.children)


def _agentless_passive(verb: Token) -> bool:
    """"growth is expected to slow": passive, and no "by" names who expects it."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    return passive and not any(c.dep_ == "agent" for c in verb.children)


def _told_of_no_one(verb: Token) -> bool:
    """"was found guilty of", "was proposed", "was planned to begin", "were denied a
    visa": a passive cue verb with no "by" agent and no clause of what was said
    names no one who speaks, and its subject is what is spoken of. "It was announced
    that …" (a clause) stays, with no source; so do the raising passives ("is
    expected to", ``raising``), which PolNeAR counts."""
    if not _agentless_passive(verb) or verb.lemma_.lower() in lexicon.words(WORDS_FILE, "raising_passive"):
        return False
    return not any(c.dep_ == "ccomp" for c in verb.children)


MAX_LABEL_WORDS = 5  # a transcript line label: "WN:", "Q:", "Dorsa Derakhshani:", "The Harbour Gazette:"
IMPERATIVE_LEAD_DEPS = ("prep", "advmod", "intj", "punct", "advcl", "cc", "npadvmod")


def _imperative(verb: Token) -> bool:
    """"For tickets, call 555-1234": a bare verb that opens its sentence (after an
    adverbial at most) with no subject and no auxiliary tells the reader to do
    something; it reports no one. Anything else before it ("Dems hope", "about 4
    in 10 say") is a subject the parser missed."""
    if verb.tag_ not in ("VB", "VBP") or verb.dep_ != "ROOT":  # the tagger often calls it VBP
        return False
    start = _after_label(verb)  # the parser may take the label for the subject ("Q: Describe …")
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "expl", "mark") and c.i >= start for c in verb.children):
        return False
    lead = {t.i for c in verb.lefts if c.dep_ in IMPERATIVE_LEAD_DEPS for t in c.subtree}
    return all(t.i in lead or t.is_space for t in verb.doc[start:verb.i])


def _after_label(verb: Token) -> int:
    """Where the sentence's own words start: after a transcript label that opens its
    line ("WN: Tell me about …", "Q: Describe …"), else at the sentence start."""
    start = verb.sent.start
    for t in verb.doc[start:verb.i]:
        if t.text == ":" and t.i - start <= MAX_LABEL_WORDS and "\n" not in verb.doc[start:t.i].text:
            return t.i + 1
    return start


def _number_object(verb: Token) -> bool:
    """"residents can call 311": the verb's object is digits alone, a number to dial, not a claim."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    words = [t for t in obj.subtree if not (t.is_punct or t.is_space)]
    return bool(words) and all(any(ch.isdigit() for ch in t.text) for t in words)  # "one" is no number to dial


COMPLEMENT_DEPS = ("xcomp", "ccomp", "acomp", "attr", "oprd")


def _governs_clause(verb: Token) -> bool:
    """"seems to rise", "seemed unperturbed", "seemed like a different man": what
    it seems is said; "appeared on television" says nothing."""
    return any(c.dep_ in COMPLEMENT_DEPS or (c.dep_ == "prep" and c.lower_ in ("like", "as")) for c in verb.children)


def raising(verb: Token) -> bool:
    """A raising construction: "prices seem to rise", "growth is expected to slow".
    Its subject is not who holds the view, and no one is named who does."""
    lemma = verb.lemma_.lower()
    if lemma in lexicon.words(WORDS_FILE, "raising_verb"):
        return not _experiencer(verb)
    return lemma in lexicon.words(WORDS_FILE, "raising_passive") and _agentless_passive(verb)


def expected_of_no_one(verb: Token) -> bool:
    """"growth is expected to slow": the subject of an agentless passive outlook verb
    is what is expected, not who expects it, so the frame has no source; nor has "It
    was announced that …", whose "it" stands for the clause. (The subject of "seems"
    stays: PolNeAR often marks it as the source, "Trump seemed unperturbed".)"""
    if not _agentless_passive(verb):
        return False
    if verb.lemma_.lower() in lexicon.words(WORDS_FILE, "raising_passive"):
        return True
    return (any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)
            and any(c.dep_ == "ccomp" for c in verb.children))


def _aspectual(verb: Token) -> bool:
    """"the war continues to rage": a verb that, governing another verb, marks its aspect."""
    return (verb.lemma_.lower() in lexicon.words(WORDS_FILE, "aspectual_verb")
            and any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in verb.children))


FUNCTION_POS = ("AUX", "ADP", "PART", "DET", "CCONJ", "SCONJ", "PRON")


_REPORT_LEMMAS: dict[int, tuple[Lexicons, frozenset[str]]] = {}


def _report_lemmas(lexicons: Lexicons) -> frozenset[str]:
    """Every lemma that can head a cue: the report verbs (all their groups), the
    cue lexicons' verbs, phrase verbs and nouns, acts.tsv's lemmas and the raising
    and aspectual verbs, which is_attribution judges on their own terms."""
    lemmas = set().union(*lexicon.word_lists(REPORT_VERBS_FILE).values())
    lemmas |= set(lexicons.verbs) | {verb for verb, _ in lexicons.phrases} | set(lexicons.nouns)
    lemmas |= {cue for cue in act_rules() if " " not in cue and ":" not in cue}
    for name in ("raising_verb", "raising_passive", "aspectual_verb"):
        lemmas |= lexicon.words(WORDS_FILE, name)
    return frozenset(lemmas)


def _cached_report_lemmas(lexicons: Lexicons) -> frozenset[str]:
    """``_report_lemmas`` once per Lexicons object (a dataclass of dicts: not hashable)."""
    held = _REPORT_LEMMAS.get(id(lexicons))
    if held is None or held[0] is not lexicons:
        held = _REPORT_LEMMAS[id(lexicons)] = (lexicons, _report_lemmas(lexicons))
    return held[1]


def _reports(cue: Span, lexicons: Lexicons) -> bool:
    """Whether some word of a verbal cue can report at all. The trained span models
    tag whatever verb governs a span ("competed for the role", "was nominated for
    an Oscar", "sentenced him to"); a verb with no reporting sense reports nobody."""
    lemmas = _cached_report_lemmas(lexicons)
    return any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in cue)


def _refuses_to_act(verb: Token, lexicons: Lexicons) -> bool:
    """"Refused to play in the tournament", "declined to attend": a refusal to do
    something other than speak reports nobody ("declined to comment" does)."""
    if verb.lemma_.lower() not in lexicon.words(WORDS_FILE, "refusal_verb"):
        return False
    done = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    lemmas = _cached_report_lemmas(lexicons)
    return bool(done) and not any(c.lemma_.lower() in lemmas or c.lower_ in lemmas for c in done)


def is_attribution(doc: Doc, frame: Frame, lexicons: Lexicons) -> bool:
    """Whether a cue frame reports speech, a thought or evidence at all. Cue verbs
    have other senses that report nobody: an imperative ("call 555-1234", "ask
    yourself"), a number as the object ("can call 311"), an aspectual verb
    governing another verb ("continues to rage"), a raising verb with neither a
    clause nor an experiencer ("appeared on television"), a material sense ("added
    160 personnel", "called off a deal", "Orvia recalled 10,000 cars") and an idiom
    ("All told, …"). A raising construction
    with a complement ("it seems that", "seemed unperturbed", "is expected to")
    stays: PolNeAR counts it, and its act is thought, not speech (``acts``). A cue
    of function words alone ("was", "on") is a piece of a verb phrase a model tagged,
    and a verb with no reporting sense ("competed for", ``_reports``) is no cue."""
    cue = doc[frame.cue[0]:frame.cue[1]]
    if all(t.pos_ in FUNCTION_POS or t.is_punct for t in cue) and cue.text != ":" and "accord" not in cue.text.lower():
        return False  # "was", "do", "on", "to" alone: a piece of a verb phrase a model tagged, no cue
    verb = cue.root
    if verb.pos_ not in ("VERB", "AUX") or verb.lower_ == "according":
        return True
    if not _reports(cue, lexicons):
        return False
    if raising(verb) and not _governs_clause(verb):
        return False
    if _told_of_no_one(verb) or _refuses_to_act(verb, lexicons):
        return False
    if _idiom(verb) or _particle_sense(verb):
        return False
    return not (_imperative(verb) or _number_object(verb) or _aspectual(verb) or _withdraws(verb)
                or _adds_a_thing(verb, lexicons) or _thing_acts_on_object(doc, frame, verb, lexicons))


def _thing_acts_on_object(doc: Doc, frame: Frame, verb: Token, lexicons: Lexicons) -> bool:
    """"The tax plan has angered some Republicans": a verb outside the cue lexicon (a cue the
    span model proposed) whose subject can be no source (no one who speaks, no document)
    acting on a plain object reports nothing; with a clause ("the plan showed that …") or a
    quote it may still. A listed cue keeps its frame: "school districts announced school
    closings" is a report whatever the noun lists know of districts."""
    if frame.content is None or verb.lemma_.lower() in lexicons.verbs:
        return False
    content = doc[frame.content[0]:frame.content[1]].root
    if content.dep_ != "dobj" or content.head.i != verb.i or content.pos_ not in ("NOUN", "PROPN"):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ in ("NOUN", "PROPN") and not may_source(subject)


def _idiom(verb: Token) -> bool:
    """"All told, the group raised $4 million": a fixed phrase set off by a comma
    (``idiom``) in which the cue verb means nothing said."""
    doc = verb.doc
    if verb.i == 0 or verb.i + 1 >= len(doc) or not doc[verb.i + 1].is_punct:
        return False
    return f"{doc[verb.i - 1].lower_} {verb.lower_}" in lexicon.words(WORDS_FILE, "idiom")


def _particle_sense(verb: Token) -> bool:
    """"AbbVie and Shire called off a deal", "called up reservists": with these particles
    (``particle_sense``) a cue verb means something other than speaking."""
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    return particle is not None and f"{verb.lemma_.lower()} {particle.lower_}" in lexicon.words(
        WORDS_FILE, "particle_sense")


def _adds_a_thing(verb: Token, lexicons: Lexicons) -> bool:
    """"Organizers added 160 security personnel": a speech verb with a material sense
    (``object_sense_verb``) whose object is a plain noun, with no clause, does what it
    says; "added that …", "“…,” she added" and "added a note of caution" (a cue noun) report."""
    if verb.lemma_.lower() not in lexicon.words(WORDS_FILE, "object_sense_verb"):
        return False
    if any(c.dep_ in ("ccomp", "parataxis", "xcomp") for c in verb.children):
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.pos_ in ("NOUN", "PROPN", "NUM") and obj.lemma_.lower() not in lexicons.nouns


def _withdraws(verb: Token) -> bool:
    """"Orvia recalled 10,000 cars", "Ruritania recalled its ambassador": a memory verb
    (``memory_verb``) with a plain object and no clause, whose subject is an organisation,
    a state or a thing rather than a person, withdraws something; nobody remembers."""
    if verb.lemma_.lower() not in lexicon.words(WORDS_FILE, "memory_verb"):
        return False
    if any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children):
        return False
    subject = find_subject(verb)
    if subject is None or subject.pos_ == "PRON":
        return False
    if subject.ent_type_ in ("ORG", "GPE", "NORP", "PRODUCT"):
        return True
    return subject.pos_ == "NOUN" and not lexicon.names_a_person(subject.lemma_.lower())

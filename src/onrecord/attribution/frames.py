"""Cue frames from the dependency parse: a cue word, who it is attributed to and
what content it governs.

A frame is found for every cue verb, cue noun, light-verb phrase ("expressed
skepticism about") and "according to" in the document. Frames know nothing
about quote marks; ``extract`` pairs them with quotes.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..lexicon import Lexicons
from ..tokens import last_word, paragraph_ids, spaced_dash, starts_paragraph
from .voices import WORDS_FILE, can_speak, may_source

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Dependents whose subject is the one of their head ("smiled and said", "declined to say", ", adding that").
INHERIT_SUBJECT_DEPS = ("conj", "xcomp", "advcl", "pcomp")
SOURCE_CLAUSE_DEPS = ("relcl", "acl", "advcl")
SETTING_OFF = (",", "--", "—", "–", "(")  # what sets a clause off from the name it describes
PARTICIPLE_TAGS = ("VBG", "VBN", "JJ")  # phrases set off before a cue: "noting the crowd", "exasperated"
OBJECT_COMPLEMENT_DEPS = ("oprd", "xcomp", "prep", "advcl", "npadvmod", "dative")
ABOUT_PREPS = ("about", "of", "over", "on", "that", "regarding")
REPORT_VERBS_FILE = "attribution/report_verbs.tsv"
# Levin's verbs of sending a message (37.4 instrument, 37.1 transfer of message): their object
# is who the message went to, never who wrote it ("emailed supporters saying …")
MESSAGE_VERB_GROUPS = ("instrument", "transfer_of_message")


@dataclass
class Frame:
    """Token-index spans (start inclusive, end exclusive) into one Doc."""

    cue: tuple[int, int]
    cue_class: str
    source: tuple[int, int] | None
    content: tuple[int, int] | None

    @property
    def anchor(self) -> int:
        return self.cue[0]


def _subtree_span(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _skip_dateline(doc: Doc, start: int, end: int) -> int:
    """"THE HAGUE — The prosecutor said": a paragraph-opening dateline is not part of a span."""
    if not starts_paragraph(doc, start):
        return start
    for i in range(start, min(end, start + 6)):
        if doc[i].text in ("—", "–", "--") and all(t.text.isupper() or t.is_punct for t in doc[start:i]) and i > start:
            return i + 1
        if not (doc[i].text.isupper() or doc[i].is_punct):
            break
    return start


def _trim(doc: Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    """Drop punctuation and spaces at either edge (never quote-internal words)."""
    start, end = span
    start = _skip_dateline(doc, start, end)
    while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text not in "“‘«\"'":
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in "”’»\"'":
        end -= 1
    return (start, end) if end > start else None


def source_span(doc: Doc, head: Token, cue: Token | None = None) -> tuple[int, int] | None:
    """The subject noun phrase with its appositions ("Reince Priebus, the GOP
    chairman, said"), as attribution corpora mark it, but without a clause set
    off by a comma or dash ("Merkel, who has adopted ..., said") and without the cue's
    own clause when the cue modifies the source ("officials saying ...")."""
    start, end = _subtree_span(head)
    for child in head.rights:
        if child.dep_ in SOURCE_CLAUSE_DEPS and doc[child.left_edge.i - 1].text in SETTING_OFF:
            end = min(end, child.left_edge.i - 1)
    if cue is not None and start <= cue.i < end:
        end = min(end, cue.left_edge.i)
    return _trim(doc, (start, end))


def _is_dateline_token(token: Token) -> bool:
    """"WASHINGTON — …" parsed as a subject; "Even an anti-Trump PAC revealed" is a subject
    in capitals, but its phrase has words in lower case."""
    doc = token.doc
    start = token.left_edge.i
    return (starts_paragraph(doc, start) and token.text.isupper() and len(token.text) > 1
            and all(t.text.isupper() or not t.is_alpha for t in doc[start:token.i + 1]))


def find_subject(verb: Token) -> Token | None:
    """The speaker of a cue verb, following control and coordination upwards."""
    if asked_of_subject(verb):
        return None
    token, hops = verb, 0
    while hops < 4:
        # the agent first: in a passive the subject is what was said ("was announced by the
        # ministry"); but a verb joined to a passive shares its subject, not its agent: "FBI
        # officials were angered by the deal and predicted …", "X was booed by fans after telling …"
        active = any(c.dep_ == "nsubj" for c in token.children)  # "acknowledged … in an article by X": X wrote the article
        for child in token.children if not hops and not active else ():
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        main = _main_clause_subject(token) if not hops else None
        if main is not None:
            return main
        subject = _nearest_subject(token)
        if subject is not None and not (hops and token.dep_ == "ccomp" and not may_source(subject)):
            return subject  # "who" in "Smith, who said ...": the speaker resolver follows it
        if subject is not None:
            # "Gore insisted it was premature while adding …", "X hopes that the focus could
            # help, pointing to …": the parser hung the speech participle on the reported
            # clause; a subject there that cannot speak reports nothing, the reporter does
            token, hops = token.head, hops + 1
            continue
        dashed = (_after_a_dash(token) or _subject_taken_as_object(token)) if token.dep_ == "conj" else None
        if dashed is not None:
            return dashed
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            sent = _what_was_sent(token.head)
            if sent is not None:
                return sent  # "a message to supporters saying …": the message says it, not its readers
            if not _adverbial_participle(token):
                return _participle_owner(token)
            token, hops = token.head.head, hops + 1
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            # "with the next country, Peru, reporting ...": the preposition's object is the gerund's subject
            absolute = next((c for c in token.head.children if c.dep_ == "pobj" and c.i < token.i), None)
            if absolute is not None:
                return absolute
            if token.head.head.pos_ in ("VERB", "AUX"):
                # otherwise the gerund shares its clause's subject: "Sanders soared by saying ..."
                token, hops = token.head.head, hops + 1
                continue
        if token.dep_ == "advcl" and token.tag_ == "VBG":
            absolute = _with_object_before(token)  # the same, parsed as an adverbial clause
            if absolute is not None:
                return absolute
        controller = _object_controller(token)
        if controller is not None:
            return controller
        if _main_verb_after_aside(token):
            token, hops = token.head, hops + 1  # "Bush, channeling his roots, responded by saying …"
            continue
        if token.dep_ not in INHERIT_SUBJECT_DEPS or token.head.i == token.i:
            return _swallowed_subject(token)
        nearer = _nearer_clause_subject(token)
        if nearer is not None:
            return nearer
        token, hops = token.head, hops + 1
    return None


def asked_of_subject(verb: Token) -> bool:
    """"X told the magazine when asked if …", "Asked about the plan, X said …": a
    participle of a verb whose object is the addressee (``addressee_verb``), with no
    agent, makes the clause's subject the one asked; who asked is not named."""
    return (verb.tag_ == "VBN" and verb.dep_ == "advcl"
            and verb.lemma_.lower() in lexicon.words(WORDS_FILE, "addressee_verb")
            and not any(c.dep_ in ("aux", "auxpass", "agent", "nsubj", "nsubjpass") for c in verb.children))


def _main_verb_after_aside(verb: Token) -> bool:
    """"Bush, channeling his respectful roots, responded …": the parser may make the aside's
    participle the root and hang the finite main verb on it as an unlabelled dependent.
    The main verb has the subject the participle took."""
    head = verb.head
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or (  # a past tense the tagger took for a participle
        verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))
    return (verb.dep_ == "dep" and finite and head.tag_ == "VBG" and head.i < verb.i
            and any(c.dep_ == "nsubj" and c.i < head.i for c in head.children))


# Conjunctions that open a subordinate clause of time, reason or contrast: "after the senator won".
SUBORDINATORS = ("after", "before", "when", "while", "as", "since", "because", "once", "until", "although", "though")


def _main_clause_subject(participle: Token) -> Token | None:
    """"Hannity said during a panel after the senator won his primary, remarking that …":
    a participle set off at the end of a sentence is the main clause's, even when the
    parser hung it on the subordinate clause before it; the main clause's subject must be
    able to speak (in "the criticism comes as Mrs. Bell is relying on him, mentioning …"
    the criticism cannot, and Mrs. Bell speaks)."""
    clause = participle.head
    if participle.tag_ != "VBG" or participle.dep_ != "advcl" or clause.dep_ != "advcl" or clause.i > participle.i:
        return None
    if participle.doc[participle.i - 1].text != "," or not any(
            c.dep_ in ("mark", "advmod") and c.lower_ in SUBORDINATORS and c.i < clause.i for c in clause.children):
        return None
    main = _nearest_subject(clause.head)
    if main is None or main.i > clause.i:
        return None
    # a capitalised word inside the sentence is a name the tagger took for a noun ("Hannity/NN said")
    return main if can_speak(main) or (main.is_title and main.i > main.sent.start) else None


def _nearer_clause_subject(participle: Token) -> Token | None:
    """The subject of the clause that ends right before a participle the parser hung
    higher up. A trailing participle goes with the nearest clause: "prosecutors charged
    the officer and Emanuel fired the chief, acknowledging …" is Emanuel's; so is "the
    criticism comes as Mrs. Bell is relying on him, mentioning him …" when the clause it
    was hung on has a subject that cannot speak. A reported clause is never the nearer
    one: in "Smith said Jones was wrong, adding …" Smith adds. A finite verb the parser hung
    there with no subject is read the same way ("… was when Kelly speculated about X,
    referred to Y")."""
    finite = participle.tag_ in ("VBD", "VBZ", "VBP")  # "… when Kelly speculated about X, referred to Y": hung on "was"
    if participle.tag_ != "VBG" and not finite or participle.dep_ != "advcl":
        return None
    last = _before(participle)
    if last is None:
        return None
    head = participle.head
    inherited = _nearest_subject(head)
    for clause in head.children:
        if clause.i >= participle.i or clause.pos_ not in ("VERB", "AUX") or last_word(clause) != last.i:
            continue
        if clause.dep_ == "conj" or (clause.dep_ == "advcl" and (inherited is None or not may_source(inherited))):
            own = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if own is not None and can_speak(own):
                return own
    if inherited is None or not may_source(inherited):
        # "The first incident came during a speech at Purchase, when Sanders protesters
        # interrupted her, shouting …": the parser hung the "when" clause lower down; the
        # clause ending right before the participle still has the speaker
        clause = last
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i and clause.head.i < participle.i:
            clause = clause.head
        own = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if clause.pos_ in ("VERB", "AUX") and last_word(clause) == last.i and own is not None and can_speak(own):
            return own
    return None


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's subject; of two (the parser may make a name at the end of a quote
    a second subject of the cue after it), the one next to the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not _is_dateline_token(c)]
    if len(subjects) > 1:
        subjects = [c for c in subjects if not _place_of_place(c)] or subjects
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    first, later = subjects[0], [c for c in subjects[1:] if c.i < verb.i]
    # only a quote mark between them shows the first was inside the quote ("… Sen. Ruiz,” Bell
    # said); "The timeline of events in San Bernardino, California shows" keeps the timeline
    if later and any(t.is_quote for t in verb.doc[first.i:later[-1].left_edge.i]):
        return later[-1]
    if later and verb.dep_ == "parataxis" and verb.doc[later[-1].left_edge.i - 1].text == ",":
        # "Voters, Clinton suggested, don't have to worry": a cue set off as an aside has the
        # subject after the comma; the one before it is the reported clause's
        return later[-1]
    return first


def _place_of_place(token: Token) -> bool:
    """"in Salem, New Hampshire, Trump went": a place set after another place and a
    comma is where that place lies, which the parser may make a second subject."""
    start = token.left_edge.i
    return (token.ent_type_ == "GPE" and start >= 2 and token.doc[start - 1].text == ","
            and token.doc[start - 2].ent_type_ == "GPE")


def _after_a_dash(verb: Token) -> Token | None:
    """"It was no accident — Brendan Buck, a spokesman for Ryan, told POLITICO …": the
    parse coordinated the verb with the clause before the dash and hung its subject
    there as an apposition. The name right after the dash, running to the verb, speaks."""
    doc = verb.doc
    dash = next((t for t in reversed(doc[verb.head.i + 1:verb.i]) if spaced_dash(t)), None)
    if dash is None or dash.i + 1 >= verb.i:
        return None
    name = doc[dash.i + 1]
    while name.dep_ == "compound" and name.head.i < verb.i:
        name = name.head
    if name.pos_ != "PROPN" or name.dep_ not in ("appos", "conj", "npadvmod", "dep"):
        return None
    last = _before(verb)
    if last is None or name.right_edge.i < last.i:
        return None  # the name and its description must run up to the verb
    return name


def _subject_taken_as_object(verb: Token) -> Token | None:
    """"Prosecutors charged the officer with murder and Emanuel fired his chief": the
    parser joined the name after "and" to the first clause's object, leaving the second
    verb without a subject. A finite verb right after such a conjunct is its clause."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == verb.sent.start:
        return None
    name = verb.doc[verb.i - 1]
    if name.dep_ != "conj" or name.head.i > name.i or name.pos_ not in ("PROPN", "NOUN"):
        return None
    before = verb.doc[name.left_edge.i - 1] if name.left_edge.i > verb.sent.start else None
    return name if before is not None and before.dep_ == "cc" and can_speak(name) else None


def _object_controller(verb: Token) -> Token | None:
    """The object that does what a verb's complement says: "the timing led Republicans
    to say …", "the debate left many voters, even his own, wondering …". Only verbs of
    causing, asking and wanting pass the act to their object ("used a luncheon to
    complain" is the user complaining); a participle goes to the object only after
    verbs of leaving, having and finding, and only right after it: "thanked the
    volunteers, saying …" is the thanker saying it."""
    head = verb.head
    if verb.dep_ not in ("xcomp", "advcl", "oprd") or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return None
    lemma = head.lemma_.lower()
    if verb.tag_ == "VBG":
        if lemma not in lexicon.words(WORDS_FILE, "object_participle"):
            return None
        if obj.pos_ != "NUM" and not may_source(obj):
            return None  # "sent a tweet saying …": a tweet does nothing, its sender says it
    elif verb.dep_ != "xcomp" or lemma not in lexicon.words(WORDS_FILE, "object_control") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if any(not t.is_punct for t in verb.doc[obj.right_edge.i + 1:verb.left_edge.i]):
        return None
    return obj


def _what_was_sent(noun: Token) -> Token | None:
    """The message a participle after its addressee describes: "sent a text message to
    supporters saying …", "a letter to members saying …"."""
    to = noun.head
    if noun.dep_ != "pobj" or to.lower_ != "to" or to.dep_ not in ("dative", "prep"):
        return None
    sender = to.head
    if sender.pos_ in ("NOUN", "PROPN"):
        return sender
    return next((c for c in sender.children if c.dep_ == "dobj" and c.i < to.i), None)


def _message_object(noun: Token) -> bool:
    """The addressee of a verb of sending a message: "emailed supporters", "wrote members"."""
    groups = lexicon.word_lists(REPORT_VERBS_FILE)
    return noun.dep_ in ("dobj", "dative") and noun.head.pos_ == "VERB" and can_speak(noun) and any(
        noun.head.lemma_.lower() in groups.get(group, ()) for group in MESSAGE_VERB_GROUPS)


def _clause_verb(noun: Token) -> Token | None:
    """The verb of the clause a noun phrase sits in: "entered Thursday's conversation",
    "at one point", "called for a vote, and then a visual vote"."""
    token, hops = noun, 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and hops < 4:
        if token.dep_ not in ("dobj", "dative", "pobj", "prep", "conj", "appos", "npadvmod", "attr"):
            return None
        token, hops = token.head, hops + 1
    return token if token.pos_ in ("VERB", "AUX") else None


def _of_subject(participle: Token) -> Token | None:
    """"the spectacle of Mr. Ruiz denouncing …", "the awkwardness of Mr. Bell asking …":
    the parser hung the gerund on the first noun; the one after "of", right before the
    gerund, does it."""
    last = _before(participle)
    while last is not None and last.dep_ == "compound" and last.head.i < participle.i:
        last = last.head
    if last is None or last.dep_ != "pobj" or last.head.lower_ != "of" or last.head.head.i != participle.head.i:
        return None
    return last if can_speak(last) and last_word(last) == participle.i - 1 else None


def _participle_owner(participle: Token) -> Token:
    """Who speaks in a participle hung on a noun: the noun itself when it can ("the UK,
    reporting 500 deaths", "a poll showing …"); otherwise the clause's subject, since a
    vote, a point in time or a conversation says nothing ("at one point calling the mayor
    a liar", "entered the talks believing …"), and a message's addressee did not write it."""
    noun = participle.head
    if may_source(noun) and not _message_object(noun):
        return noun
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None and can_speak(possessor):
        return possessor  # "Clinton's Tuesday speech denouncing his policies": her speech, her words
    owner = _of_subject(participle)
    if owner is not None:
        return owner
    clause = _clause_verb(noun)
    subject = find_subject(clause) if clause is not None else None
    return subject if subject is not None else noun


def _before(verb: Token) -> Token | None:
    """The word before the verb, past a comma: where its subject would end."""
    i = verb.i - 1
    if i >= verb.sent.start and verb.doc[i].text == ",":
        i -= 1
    return verb.doc[i] if i >= verb.sent.start else None


def _adverbial_participle(participle: Token) -> bool:
    """"X explained the decision to ban the players saying …": after the object's own
    clause, a participle belongs to the sentence's verb (X says), whatever the
    parser hung it on; "a statement saying …" stays the statement's."""
    noun = participle.head
    return (noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("acl", "relcl") and noun.i < c.i < participle.i for c in noun.children))


def _with_object_before(verb: Token) -> Token | None:
    """"…, with the next country, the United Kingdom, reporting 37,542 deaths": a
    participle right after a "with" phrase has that phrase's object as its subject."""
    last = _before(verb)
    # A comma before the participle sets it off from the clause, not from its own subject:
    # "a truce with Brandt, telling reporters …" is the clause's subject telling; only an
    # apposition ("with the next country, Peru, reporting") may end at that comma.
    comma = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    node, hops, apposed = last, 0, False
    while node is not None and hops < 4:
        if node.dep_ == "pobj" and node.head.lower_ == "with":
            return node if last_word(node) == last.i and (apposed or not comma) else None
        if node.dep_ not in ("appos", "compound", "pobj", "prep", "conj") or node.head.i >= verb.i:
            return None
        apposed = apposed or node.dep_ == "appos"
        node, hops = node.head, hops + 1
    return None


def _swallowed_subject(verb: Token) -> Token | None:
    """A finite verb's subject the parser put elsewhere. "Speaking to AFP, the
    president of the league, Jamel Msallem, said …": it hung the subject on the
    opening participle's object, as an apposition; the apposition that ends right
    before the verb is the subject. "Activists clamoring to block Trump say …": it
    made the participle the main verb, with the subject."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("expl", "nsubj", "nsubjpass") for c in verb.children):
        return None
    if verb.dep_ in ("dep", "parataxis") and verb.head.tag_ in PARTICIPLE_TAGS and verb.head.i < verb.i:
        # "Republican activists clamoring to block Trump from the nomination say …", "Sen. Bell,
        # noting the crowd, said …": the parser took the participle for the main verb and
        # hung "say" on it; their subject is one
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    for aside in verb.lefts:
        # "Clinton, exasperated, responded", "Sen. Bell, noting the crowd, said": the subject
        # hung on a phrase set off before the verb, at that phrase's start
        if (aside.dep_ in ("dep", "parataxis") or aside.tag_ in PARTICIPLE_TAGS) \
                and verb.doc[last_word(aside) + 1].text == ",":
            subject = next((c for c in aside.lefts if c.dep_ == "nsubj" and all(
                t.dep_ == "cc" or t.is_punct for t in verb.doc[aside.left_edge.i:c.left_edge.i])), None)
            if subject is not None:
                return subject
    last = _before(verb)
    # "In an interview with hosts X and Y, the candidate stated …": an opening prepositional
    # phrase swallows the subject the same way; "Two emails were placed in storage, Tom Bell,
    # the undersecretary, wrote": so does the reported clause before the cue
    opening = [c for c in verb.lefts if c.dep_ in ("advcl", "prep", "ccomp") and last_word(c) == getattr(last, "i", -1)]
    if not opening:
        return None
    appositions = [t for t in opening[0].subtree if t.dep_ == "appos" and last_word(t) == last.i]
    if opening[0].dep_ == "ccomp":
        # in a reported clause only a name set off by commas speaks, with its own description
        appositions = [t for t in appositions if t.pos_ == "PROPN" and verb.doc[t.left_edge.i - 1].text == ","]
    return appositions[-1] if appositions and appositions[-1].pos_ in ("PROPN", "NOUN") else None


def _cue_span(verb: Token, lexicons: Lexicons | None = None) -> tuple[int, int]:
    """The verb with its auxiliaries, negation and particle ("has said", "did not
    say", "pointed out") and, with ``lexicons``, the adverbs attribution corpora
    count as part of the cue ("also said")."""
    start = verb.i
    left = lexicons.cue_left if lexicons else frozenset()
    for child in sorted(verb.lefts, key=lambda t: -t.i):
        if child.i == start - 1 and (child.dep_ in ("aux", "auxpass", "neg") or (child.dep_ == "advmod" and child.lower_ in left)):
            start = child.i
    end = verb.i + 1
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return start, end


def _object_predicate(verb: Token, obj: Token) -> tuple[int, int]:
    """The object with what the verb says about it: "called Trump “the orange
    prince”", "criticized the president for attacking the court"."""
    start, end = _subtree_span(obj)
    for child in sorted(verb.rights, key=lambda t: t.i):
        if child.i < end:
            continue
        if child.dep_ not in OBJECT_COMPLEMENT_DEPS or child.left_edge.i != end:
            break  # a comma or an unrelated clause ends the content
        end = child.right_edge.i + 1
    return start, end


def _role_child(token: Token, role: str) -> Token | None:
    if role.startswith("prep:"):
        word = role[5:]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == word:
                return next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        return None
    children = [c for c in token.children if c.dep_ == role and not (role == "ccomp" and _reduced_relative(c))]
    if len(children) > 1:
        # "Reyes denied it; Marsh claimed he was never there": the parser may hang the
        # clause before on the verb as well; the one after the verb is what it governs
        after = [c for c in children if c.i > token.i and not _bare_report(c)]
        return after[0] if after else children[0]
    return children[0] if children else None


def _reduced_relative(clause: Token) -> bool:
    """"said in a statement issued on Monday": a participle with no subject right after a
    noun modifies that noun; the parser may still hang it on the verb as its clause."""
    return (clause.tag_ in ("VBN", "VBD") and clause.i > 0 and clause.doc[clause.i - 1].pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in clause.children))


def _bare_report(verb: Token) -> bool:
    """"…, CNN reported the governor said": a cue verb with nothing after it to
    govern reports the clause before, so that clause is the content, not it."""
    return verb.lemma_.lower() in lexicon.default().verbs and not any(
        c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i for c in verb.children)


def _stranded_complement(verb: Token) -> Token | None:
    """"said during a news conference that he may wait": the parser may hang the
    verb's "that" clause on the last noun of a phrase between them, as a relative
    clause or a noun's clause ("in a statement released Monday that …"). A relative
    clause's "that" is a pronoun inside it (subject or object); one marked by "that"
    as a conjunction, with a subject of its own, is a complement clause, and the verb
    is the only thing here that takes one."""
    for prep in verb.rights:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            for clause in noun.children:
                if clause.dep_ not in ("relcl", "acl") or clause.i < noun.i:
                    continue
                marked = any(c.lower_ == "that" and c.dep_ == "mark" and c.i < clause.i for c in clause.children)
                subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
                if marked and subject:
                    return clause
    return None


def _verb_frame(doc: Doc, verb: Token, roles: tuple[str, ...], cue_class: str, lexicons: Lexicons | None = None) -> Frame:
    content = None
    for role in roles:
        child = _role_child(verb, role)
        if child is not None:
            content = _trim(doc, _object_predicate(verb, child) if role == "dobj" else _subtree_span(child))
            break
    if content is None and "ccomp" in roles:
        stranded = _stranded_complement(verb)
        content = _trim(doc, _subtree_span(stranded)) if stranded is not None else None
    subject = None if expected_of_no_one(verb) else find_subject(verb)
    source = source_span(doc, subject, verb) if subject is not None else None
    if source is not None and content is not None and content[0] <= source[0] < content[1]:
        # the speaker the parse swallowed is not what they said
        before = [t for t in doc[content[0]:source[0]] if not (t.is_punct or t.dep_ == "cc")]
        content = _trim(doc, (content[0], source[0])) if before else None
    return Frame(_cue_span(verb, lexicons), cue_class, source, content)


def _according_to_frame(doc: Doc, according: Token) -> Frame | None:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    return _adjunct_frame(doc, according, (according.i, to.i + 1), pobj)


def _in_view_frame(doc: Doc, prep: Token) -> Frame | None:
    """"…, in Bolton's view", "in the minister's words": a phrase that, like "according
    to X", says whose the clause it is set in is (``view_noun``); its owner is the source."""
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lower_ not in lexicon.words(WORDS_FILE, "view_noun"):
        return None
    set_off = prep.i > 0 and doc[prep.i - 1].text == ","
    if prep.head.pos_ in ("NOUN", "PROPN") and not set_off:
        return None  # "a blind faith in Obama's words" owns the noun; the clause is no one's report
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None  # "in the view of many" is no one's named view
    return _adjunct_frame(doc, prep, (prep.i, noun.i + 1), owner)


def _adjunct_frame(doc: Doc, phrase_head: Token, cue: tuple[int, int], owner: Token) -> Frame:
    """The frame of an attributing adjunct ("according to X", "in X's view"): the
    content is the clause it is set in, without the phrase, which sits at one edge."""
    phrase = _subtree_span(phrase_head)
    # The claim is a whole clause, even when the phrase hangs off a modifier inside it.
    clause_head = phrase_head.head
    for _ in range(4):
        if clause_head.dep_ in ("ROOT", "ccomp", "parataxis", "conj") or clause_head.head.i == clause_head.i:
            break
        clause_head = clause_head.head
    clause = _subtree_span(clause_head)
    sentence = phrase_head.sent
    clause = (max(clause[0], sentence.start), min(clause[1], sentence.end))
    if phrase[0] <= clause[0]:
        content = (phrase[1], clause[1])
    elif phrase[1] >= clause[1]:
        content = (clause[0], phrase[0])
    else:
        content = max((clause[0], phrase[0]), (phrase[1], clause[1]), key=lambda s: s[1] - s[0])
    return Frame(cue, "report", source_span(doc, owner), _trim(doc, content))


def _noun_content(doc: Doc, noun: Token) -> tuple[int, int] | None:
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(g.lower_ == "that" and g.dep_ == "mark" for g in child.children):
            return _trim(doc, _subtree_span(child))
        if child.dep_ == "acl" and child.tag_ in ("VBG",):  # "a statement saying ..."
            return None
        if child.dep_ == "prep" and child.lower_ in ABOUT_PREPS:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                return _trim(doc, _subtree_span(pobj))  # "a statement on Monday" says nothing about Monday
    return None


def _phrase_frame(doc: Doc, verb: Token, noun: Token, cue_class: str) -> Frame:
    content = _noun_content(doc, noun)
    if content is None:
        child = _role_child(verb, "ccomp")
        content = _trim(doc, _subtree_span(child)) if child is not None else None
    end = noun.i + 1
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ABOUT_PREPS), None)
    if prep is not None and content is not None and prep.i == end:
        end = prep.i + 1  # "expressed skepticism about"
    subject = find_subject(verb)
    return Frame((_cue_span(verb)[0], end), cue_class, source_span(doc, subject, verb) if subject is not None else None, content)


def _noun_frame(doc: Doc, noun: Token, cue_class: str) -> Frame | None:
    content = _noun_content(doc, noun)
    if content is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    source = source_span(doc, owner) if owner is not None else None
    return Frame((noun.i, noun.i + 1), cue_class, source, content)


QUESTION_WORDS = ("what", "who", "whom", "whose", "how", "why", "where", "when")  # not "which": a relative stands for a clause
TIME_ENTITIES = ("DATE", "TIME")


def _says_anything(content: Span) -> bool:
    """A content must hold what was said: a bare time ("called Tuesday", "hedged
    on Thursday", the parse's object of the cue) or a bare question word ("to
    write what", "will demand what price") says nothing. A quote may still pair
    with the frame; a free relative with a verb ("said what he wants") stays."""
    words = [t for t in content if not t.is_punct]
    if words and all(t.ent_type_ in TIME_ENTITIES for t in words):
        return False
    return not (words and len(words) <= 2 and words[0].lower_ in QUESTION_WORDS
                and not any(t.pos_ in ("VERB", "AUX") for t in words))


def _within(span: tuple[int, int] | None, anchor: int, para: list[int]) -> tuple[int, int] | None:
    """Clip a span to the paragraph of the cue: a misparse must not swallow the next paragraph."""
    if span is None:
        return None
    start, end = span
    while start < end and para[start] != para[anchor]:
        start += 1
    while end > start and para[end - 1] != para[anchor]:
        end -= 1
    return (start, end) if end > start else None


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
    from .acts import act_rules  # here, not at the top: acts reads find_subject from this module

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
    clause nor an experiencer ("appeared on television"). A raising construction
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


def find_frames(doc: Doc, lexicons: Lexicons, candidates: list[Frame] | None = None) -> list[Frame]:
    """Every cue frame in the document (``candidates`` when a trained model found
    them, else the lexicon's), in text order, each kept inside its paragraph;
    frames whose cue is used in a non-reporting sense are dropped (``is_attribution``)."""
    para = paragraph_ids(doc)
    frames = candidates if candidates is not None else _all_frames(doc, lexicons)
    frames = [f for f in frames if is_attribution(doc, f, lexicons)]
    for frame in frames:
        frame.content = _within(frame.content, frame.anchor, para)
        frame.source = _within(frame.source, frame.anchor, para)
        frame.content = _after_cue(doc, frame, lexicons)
        if frame.content is not None and not _says_anything(doc[frame.content[0]:frame.content[1]]):
            frame.content = None
    # A cue word inside another cue ("statement" in "said in a statement") is not a cue of its own.
    return [f for f in frames if not any(g is not f and g.cue[0] <= f.anchor < g.cue[1] for g in frames)]


def hand_over_bare_reports(doc: Doc, frames: list[Frame]) -> None:
    """"…, CNN Philippines reported the governor said": the words are the governor's,
    and CNN reports that the governor said them. The bare report's frame takes the
    content; the outer cue keeps "the governor said" as what it reports."""
    for outer in frames:
        if outer.content is None:
            continue
        verb = doc[outer.cue[0]:outer.cue[1]].root
        for inner_verb in verb.children:
            if inner_verb.dep_ != "ccomp" or inner_verb.i < verb.i or not _bare_report(inner_verb):
                continue
            inner = next((f for f in frames if f is not outer and f.content is None and f.source is not None
                          and f.cue[0] <= inner_verb.i < f.cue[1]), None)
            if inner is None or outer.content[0] <= inner_verb.i < outer.content[1]:
                continue
            inner.content, outer.content = outer.content, _trim(doc, _subtree_span(inner_verb))


def _after_cue(doc: Doc, frame: Frame, lexicons: Lexicons) -> tuple[int, int] | None:
    """"released a statement saying it regretted the error", tagged as one cue whose
    content starts at "a statement": the content is what follows the cue. When that
    starts with the statement's own speech participle ("issued a statement Tuesday
    saying, “…”"), the participle joins the cue and the content follows it."""
    if frame.content is None:
        return None
    start, end = frame.content
    if not (start < frame.cue[1] < end and frame.cue[0] <= start):
        return frame.content
    start = frame.cue[1]
    word = doc[start]
    if word.dep_ in ("acl", "advcl") and word.lemma_.lower() in lexicons.verbs and frame.cue[0] <= word.head.i < start:
        frame.cue = (frame.cue[0], start + 1)
        start += 1
    return _trim(doc, (start, end)) if start < end else None


def _all_frames(doc: Doc, lexicons: Lexicons) -> list[Frame]:
    frames: list[Frame] = []
    phrase_nouns: set[int] = set()
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            frame = _according_to_frame(doc, token)
            if frame:
                frames.append(frame)
            continue
        if token.lower_ == "in" and token.dep_ == "prep":
            frame = _in_view_frame(doc, token)
            if frame:
                frames.append(frame)
            continue
        pos = token.pos_
        if pos not in ("VERB", "AUX", "NOUN"):  # most tokens: skip them before reading their lemma
            continue
        lemma = token.lemma_.lower()
        if pos in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if obj is not None and (lemma, obj.lemma_.lower()) in lexicons.phrases:
                frames.append(_phrase_frame(doc, token, obj, lexicons.phrases[(lemma, obj.lemma_.lower())]))
                phrase_nouns.add(obj.i)
                continue
            entry = lexicons.verbs.get(lemma)
            if entry is not None and pos == "VERB":
                frames.append(_verb_frame(doc, token, entry.content_roles, entry.cue_class, lexicons))
            continue
        if pos == "NOUN" and lemma in lexicons.nouns and token.i not in phrase_nouns:
            frame = _noun_frame(doc, token, lexicons.nouns[lemma])
            if frame:
                frames.append(frame)
    return frames

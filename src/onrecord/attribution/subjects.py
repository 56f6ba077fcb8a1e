"""Who speaks a cue verb: its subject, and the parser's misplaced subjects repaired.

``find_subject`` follows control and coordination upwards from a cue verb to the
one who says, thinks or shows what the cue reports. The parser often hangs a
participle, an aside or a coordinated clause in the wrong place ("prosecutors
charged the officer and Emanuel fired the chief, acknowledging …"); the helpers
here repair those attachments from the parse alone, before any entity is known.
"""
from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon
from ..tokens import last_word, spaced_dash, starts_paragraph
from .voices import WORDS_FILE, can_speak, may_source

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Dependents whose subject is the one of their head ("smiled and said", "declined to say", ", adding that").
INHERIT_SUBJECT_DEPS = ("conj", "xcomp", "advcl", "pcomp")
PARTICIPLE_TAGS = ("VBG", "VBN", "JJ")  # phrases set off before a cue: "noting the crowd", "exasperated"
REPORT_VERBS_FILE = "attribution/report_verbs.tsv"
# Levin's verbs of sending a message (37.4 instrument, 37.1 transfer of message): their object
# is who the message went to, never who wrote it ("emailed supporters saying …")
MESSAGE_VERB_GROUPS = ("instrument", "transfer_of_message")


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
    title = title_before_name(later[-1]) if later else None
    if title is not None and title.i == first.i:
        return later[-1]  # "speaker of the parliament Ali Larijani wrote": the name speaks
    if later and verb.dep_ == "parataxis" and verb.doc[later[-1].left_edge.i - 1].text == ",":
        # "Voters, Clinton suggested, don't have to worry": a cue set off as an aside has the
        # subject after the comma; the one before it is the reported clause's
        return later[-1]
    return first


def title_before_name(name: Token) -> Token | None:
    """The title the parse made a subject of its own, running straight into a person's name
    that is a subject of the same verb: "speaker of the parliament Ali Larijani wrote". The
    name is the speaker, and the title belongs to its source span (``frames.source_span``)."""
    if name.dep_ not in SUBJECT_DEPS or name.ent_type_ != "PERSON" or name.pos_ != "PROPN":
        return None
    return next((c for c in name.head.children if c.dep_ in SUBJECT_DEPS and c.i < name.i
                 and c.right_edge.i + 1 == name.left_edge.i and c.ent_type_ != "PERSON"), None)


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

"""Argument spans for trigger tokens, from the dependency parse only (sentence level).

* verbs: ``nsubj`` → source (``agent``/"by" in passives), ``dobj``, ``nsubjpass``,
  ``dative`` and ``pobj`` of against/on/with/to/at/into/upon → target; a subject
  missing on an ``xcomp``/``conj`` verb is inherited from the governing verb;
  for transfers and movements (AID, MOBILIZE, RETREAT) the object is the thing
  moved ("sent troops", "withdrew its forces"): the recipient or place ("to X",
  "into X", "from X") is the target;
* nouns: possessor, proper-noun compound/amod ("US sanctions") and "by"/"from"
  → source; "of" (actor-like objects only), "against"/"on"/"to"/"with"/"for"
  → target; an event noun that is the object of a light verb ("launched an
  attack on", "imposed sanctions on") takes the verb's subject and prepositions;
* a target that is a thing or an act ("rejected a call from X", "condemned Y's
  decision") stands for the actor inside it (possessor, "of"/"from"/"by" X);
* a role noun with a person in apposition ("the UN chief, Rafael Ibarra") is
  the person.

Conjoined arguments give one span each.
"""
from __future__ import annotations

from .. import lexicon
from ..actors import code_text
from .places import noun_type, place_modifier
from .trigger_lexicon import trigger_lexicon

# Verbs that only carry an event noun ("launch an attack", "impose sanctions").
LIGHT_VERBS = lexicon.words("events/words.tsv", "light_verb")
# Light verbs that call the act off: "cancelled a planned visit" is a REJECT.
CANCEL_VERBS = lexicon.words("events/words.tsv", "cancel_verb")
TARGET_PREPS = lexicon.words("events/words.tsv", "verb_target_preposition")
NOUN_TARGET_PREPS = lexicon.words("events/words.tsv", "noun_target_preposition")
SOURCE_PREPS_NOUN = lexicon.words("events/words.tsv", "noun_source_preposition")
# Where the object is the thing moved or handed over, not the one acted on.
THEME_TYPES = frozenset({"AID", "MOBILIZE", "RETREAT"})
_RECIPIENT_PREPS = {typ: lexicon.words("events/words.tsv", f"{typ.lower()}_recipient_preposition")
                    for typ in ("AID", "MOBILIZE", "RETREAT")}
# Speech acts: a conjoined "... and urged X" after a reported clause belongs to the speaker.
SPEECH_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT", "SUPPORT", "AGREE"})
_CONTROL_VERBS = lexicon.words("events/words.tsv", "control_verb")
_UNDERGO_VERBS = lexicon.words("events/words.tsv", "undergo_verb")
_WRITINGS = lexicon.words("events/words.tsv", "writing_noun")
_LOOK_INSIDE_PREPS = lexicon.words("events/words.tsv", "look_inside_preposition")
_ACTOR_ENTS = frozenset({"GPE", "ORG", "NORP", "PERSON", "FAC", "LOC"})
# nouns for people, who can be a side with no name ("the arrest of three suspects")
HUMAN = lexicon.people_words()  # with WordNet's people and social groups (scripts/build_people_nouns.py)
ARG_POS = frozenset({"NOUN", "PROPN", "PRON"})
_SPAN_DROP_DEPS = frozenset({"conj", "cc", "relcl", "acl", "punct", "appos", "advcl", "preconj"})
_NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_NON_ACTOR_PRON = lexicon.words("events/words.tsv", "non_actor_pronoun")
_QUANTIFIERS = lexicon.words("events/words.tsv", "quantifier")
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
# A speech-act noun's "of" + actor is who made it, not who it is aimed at: "at the request
# of the prime minister", "the demands of the protesters" (a subjective genitive; "the arrest
# of the protesters" is an objective one).
AGENT_OF_TYPES = frozenset({"REQUEST"})
AGENT_OF_NOUNS = lexicon.words("events/words.tsv", "agent_of_noun")  # "the resignation of X": X acts


def phrase_span(tok) -> tuple[int, int]:
    """Token span of the noun phrase headed by ``tok``, without conjuncts, clauses
    or a clause-like "of/for + -ing" complement ("groups of trying to …")."""
    lo = hi = tok.i
    stack = [c for c in tok.children if c.dep_ not in _SPAN_DROP_DEPS and not _clausal_prep(c)
             and not (c.dep_ == "amod" and c.tag_ == "VBD")]  # a clause hung as amod: "men [McArthur murdered]"
    if tok.dep_ == "poss":
        stack = [c for c in stack if c.dep_ != "case"]
    while stack:
        t = stack.pop()
        lo = min(lo, t.i)
        hi = max(hi, t.i)
        stack.extend(t.children)
    # keep the span contiguous around the head and clip stray punctuation
    doc = tok.doc
    while lo < tok.i and doc[lo].is_punct:
        lo += 1
    while hi > tok.i and doc[hi].is_punct:
        hi -= 1
    return lo, hi + 1


def _clausal_prep(c) -> bool:
    return c.dep_ == "prep" and any(p.dep_ == "pcomp" or p.tag_ == "VBG" for p in c.children)


def conjuncts(tok) -> list:
    out = [tok]
    for c in tok.conjuncts:
        if c.pos_ in ARG_POS:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def is_actor(tok) -> bool:
    """Could this token head an actor phrase? (not a date/number, not an event noun)"""
    if tok.pos_ == "NOUN" and not tok.ent_type_ and (tok.lemma_.lower(), "NOUN") in trigger_lexicon().index:
        return False
    if tok.pos_ == "PRON":
        return tok.lower_ not in _NON_ACTOR_PRON
    if tok.pos_ == "ADJ":
        return tok.ent_type_ == "NORP" and tok.dep_ in ("amod", "compound") or people_by_grammar(tok)  # "a Turkish airstrike"
    return tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in _NON_ACTOR_ENTS or people_by_grammar(tok)


def actor_like(tok) -> bool:
    """A named or nationality-marked actor: "Russia", "Kuwaiti nationals", "them"."""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in _ACTOR_ENTS:
        return True
    return any(c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ in _ACTOR_ENTS for c in tok.children)


def _person_appos(t):
    """"the minister, Sergei Shoigu": the person the title stands for. A place or an
    organisation is no title: in "withdrew from Syria, Minister Sergei Shoigu said" the
    parser hangs the speaker on the place."""
    if t.ent_type_ in ("PERSON", "GPE", "ORG", "NORP", "LOC"):
        return t
    for c in t.children:
        if c.dep_ == "appos" and c.ent_type_ == "PERSON":
            return c
    return t


PERSON_OWNERS = frozenset({"his", "her"})  # a person's; "its"/"their" things are often the source's own ("its troops")


def _inside(t) -> list:
    """Actors inside a thing/act phrase: possessor and "of/from/by/…" objects. A
    named possessor is the act's owner and the "of" object its undergoer, so the
    owner alone stands for the phrase: "condemned Russia's invasion of Ukraine"
    condemns Russia, not Ukraine."""
    out = [c for c in t.children if c.dep_ == "poss"]
    if any(is_actor(c) and (c.pos_ != "PRON" or c.lower_ in PERSON_OWNERS) for c in out):
        return out  # "his record on Ukraine" is his, as "Russia's invasion of Ukraine" is Russia's
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in _LOOK_INSIDE_PREPS:
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def _spans(toks, inside: bool = False) -> list[tuple[int, int]]:
    out, seen = [], set()
    for t in toks:
        if t.pos_ == "NUM" or t.lower_ in _QUANTIFIERS:
            # "Thousands of workers" → workers
            of = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
            if of and (is_actor(of[0]) or not is_actor(t)):  # "a group of rabbis": the group, if rabbis are unknown
                t = of[0]
        for c in conjuncts(t):
            c = _person_appos(c)
            if c.i in seen:
                continue
            owners = [p for p in c.children if p.dep_ == "poss" and is_actor(p) and p.pos_ != "PRON"]
            if inside and owners and c.pos_ == "NOUN" and c.lemma_.lower() not in HUMAN and code_text(c.text) is None:
                # "assailed Tom Bell's paid speeches": what a named actor owns stands for its owner
                out.extend(s for s in _spans(owners) if s not in out)
                continue
            if is_actor(c) and not (inside and _owned(c) and _inside(c)[1:]):
                seen.add(c.i)
                out.append(phrase_span(c))
            elif inside and c.pos_ == "NOUN" and (not is_actor(c) or _owned(c)):
                # "rejected a call from X", "condemned Y's decision", "its border with X"
                inner = [t for t in _inside(c) if not (_owned(c) and t.dep_ == "poss")]
                for s in _spans(inner):
                    if s not in out:
                        out.append(s)
    return out


def argument_spans(toks) -> list[tuple[int, int]]:
    """One phrase span per actor among ``toks`` (and their conjuncts)."""
    return _spans(toks)


def prep_objects(tok, preps) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "prt":
            # "crack down on X", "call on X" (particle parsed with its own object)
            for cc in c.children:
                if cc.dep_ == "prep" and cc.lower_ in preps:
                    out.extend(p for p in cc.children if p.dep_ == "pobj")
        elif c.dep_ == "dative" and c.pos_ in ARG_POS:
            out.append(c)
    return out


def subject(verb, depth: int = 0, speech: bool = False):
    """(sources, passive targets) for a verb, inheriting through xcomp/conj/advcl."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    # "Siarhei, who was arrested in May": the relative pronoun stands for its antecedent
    passive = [_speaker_for(c, verb) for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if not subj and not passive and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ARG_POS \
            and not any(c.dep_ == "aux" for c in verb.children):
        # a reduced relative undergoes the act: "Freedonia, backed by Sylvania, …", "the man arrested in May"
        return agents, [verb.head]
    if not subj and not passive and _is_passive(verb):
        # A passive verb with no subject of its own undergoes the act with the subject
        # of the clause it joins: "Turkey is under sanctions and was condemned by
        # Egypt", "journalists were injured after being attacked": Turkey and the
        # journalists are the targets, never the sources.
        passive = _controller(verb)
        if passive:
            return agents, passive
    if subj or passive or agents:
        return _event_subjects([_speaker_for(t, verb) for t in subj]) + agents, passive
    if verb.tag_ in _FINITE:
        # "X summed up Y as terrible, denounced her record and …": the parser may make the
        # first of a row of finite verbs a clause (adverbial or complement) of the second,
        # which then has no subject; a finite clause with no "when"/"because" before a
        # verb with no subject of its own is the row's start
        row = [c for c in verb.children if c.dep_ in ("advcl", "ccomp") and c.i < verb.i and c.tag_ in _FINITE
               and not any(m.dep_ == "mark" or m.dep_ == "advmod" and m.tag_ == "WRB" for m in c.children)]
        if row and depth < 3:
            return subject(row[0], depth + 1)
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head  # "X is willing/ready to help Y": the subject of "is"
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl") and head.i != verb.i:
        if speech and verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.i != head.i:
            # "X said Y had no justification and urged Z": the urging is X's
            head = head.head
        src, _ = subject(head, depth + 1)
        if verb.dep_ == "xcomp" and head.lemma_.lower() in _CONTROL_VERBS:
            # "X urged Y to release Z", "called on Y to": the controller is the object
            obj = [c for c in head.children if c.dep_ == "dobj"] or prep_objects(head, ("on", "upon"))
            if obj:
                return obj, []
        return src, []
    if depth < 3 and verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        # A gerund after a preposition is done by the verb's subject ("X confessed to
        # killing Y", "X fled after attacking Y") or, after of/from/for/into and an actor
        # as object, by that object ("accused X of attacking Y", "stopped X from leaving").
        governor = head.head
        objects = [c for c in governor.children if c.dep_ == "dobj" and _actor_object(c)] \
            if head.lower_ in _OBJECT_CONTROL_PREPS else []
        sources, undergoers = subject(governor, depth + 1)
        return (objects or sources or undergoers), []  # "X was arrested after attacking Y": X attacked
    if verb.dep_ == "relcl" and head.pos_ in ARG_POS:
        return [head], []
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and head.pos_ in ARG_POS:
        # a finite past verb is no reduced relative (those are participles, VBN): the parser
        # hung the main verb on its subject ("The president, Jorge Ramos, accused Chile")
        return [head], []
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ == "NOUN" and head.lemma_.lower() in _WRITINGS:
        # "wrote a letter to Y asking Z to investigate", "issued a statement urging Z": the
        # writing acts for whoever wrote it: its "by"/possessor, else the subject of its verb
        agents = _noun_agents(head)
        if agents:
            return agents, []
        if head.dep_ == "dobj" and depth < 3:
            return subject(head.head, depth + 1)[0], []
        return [], []
    if verb.dep_ == "acl" and head.pos_ == "NOUN" and _has_to(verb):
        # "any decision by Beijing to arm Moscow", "China's plan to send troops": the one
        # who decides or plans is the one who would act; with no agent of its own, the
        # one who makes or launches the plan ("X made an effort to crack down")
        agents = _noun_agents(head)
        if not agents and head.dep_ == "dobj" and head.head.lemma_.lower() in LIGHT_VERBS and depth < 3:
            return subject(head.head, depth + 1)[0], []
        return agents, []
    return [], []


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _subject_of_its_own(verb) -> bool:
    """An active verb with its own subject, which is not a relative pronoun: the noun a
    relative clause describes can then only be its object."""
    return not _is_passive(verb) and any(
        c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in verb.children)


def _is_passive(verb) -> bool:
    """A passive participle: its own "was"/"being", one shared with the participle it is
    conjoined with ("were beaten and arrested"), or none in a participle clause."""
    if verb.tag_ != "VBN":
        return False
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.dep_ == "advcl" and not any(c.dep_ in ("aux", "nsubj", "nsubjpass") for c in verb.children):
        return True  # a participle clause: "If convicted, X could …", "Arrested in May, X …"
    return verb.dep_ == "conj" and verb.head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.head.children)


def _controller(verb) -> list:
    """The subject a subjectless passive verb shares: that of the verb it is conjoined
    with, or of the clause its adverbial ("after being attacked") or infinitive ("wants
    to be heard") modifies; after an object-control verb ("urged Y to be freed"), its
    object. None for a reduced relative (an ``acl``), whose noun the parse gives."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    elif verb.dep_ not in ("conj", "advcl", "xcomp"):
        return []
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return []
    if verb.dep_ == "xcomp" and head.lemma_.lower() in _CONTROL_VERBS:
        return [c for c in head.children if c.dep_ == "dobj"] or prep_objects(head, ("on", "upon"))
    subjects = [_speaker_for(c, head) for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
        subjects = [_speaker_for(c, head.head) for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [t for t in subjects if t.pos_ in ARG_POS]


# Prepositions whose gerund the verb's object does ("accused X of attacking", "stopped X
# from leaving", "blamed X for shelling", "pressed X into signing"); after the others it is
# the subject's act ("killed Y by strangling her", "fled after attacking", "admitted to killing").
_OBJECT_CONTROL_PREPS = frozenset({"of", "from", "for", "into"})


def _actor_object(tok) -> bool:
    """An object that can do something: named, a pronoun, a person, or a group the
    actor dictionaries know ("protesters"), not a thing or an amount ("spent millions")."""
    if tok.pos_ == "NUM" or tok.ent_type_ in _NON_ACTOR_ENTS:
        return False
    if tok.lower_ in _QUANTIFIERS and tok.lemma_.lower() not in HUMAN:  # "a crowd" is people, "millions" is not
        return False
    return actor_like(tok) or tok.lemma_.lower() in HUMAN or code_text(tok.text) is not None


def _has_to(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _noun_agents(noun) -> list:
    """The possessor or the "by" object of a noun: who the decision, plan or act is by."""
    out = [c for c in noun.children if c.dep_ == "poss"]
    out += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in SOURCE_PREPS_NOUN
            for p in c.children if p.dep_ == "pobj"]
    return [t for t in out if is_actor(t)]


# "X said it would free Y": the "it" of a reported clause is the one who says it
SAYING_VERBS = lexicon.words("events/speech_verbs.tsv", "reported_speaker")


def _speaker_for(subj, verb):
    """The speaker, for "it"/"they" heading a clause reported by a noun-named
    speaker ("Lebanon says it will not accept …"); the antecedent, for a relative
    pronoun ("Lindsey Graham, who has endorsed Cruz"); otherwise ``subj`` itself."""
    pronoun = subj.lower_
    if pronoun in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ARG_POS:
        return verb.head
    if pronoun not in ("it", "they") or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SAYING_VERBS:
        return subj
    speakers = [c for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
    if not speakers:
        return subj
    # "it" for one state, body or group ("the army says it"); "they" for any
    if pronoun == "it" and speakers[0].tag_ not in ("NN", "NNP"):
        return subj
    return speakers[0]


def _event_subjects(subj: list) -> list:
    """An event noun as subject stands for its own source: "a U.S. airstrike killed X"."""
    out = []
    for t in subj:
        if t.pos_ == "NOUN" and not t.ent_type_ and (t.lemma_.lower(), "NOUN") in trigger_lexicon().index:
            inner = [c for c in t.children if c.dep_ == "poss"
                     or c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in _ACTOR_ENTS)
                     and not place_modifier(c, noun_type(t))]
            inner += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
            out.extend(inner or [t])
        else:
            out.append(t)
    return out


def place_targets(tok) -> list[tuple[int, int]]:
    """A named place the act happens in ("a ceasefire in eastern Ukraine"): the
    target when the act has no participant of its own. The place may hang on the
    act's prepositional object: "agreed to a ceasefire in eastern Ukraine"."""
    places = _places(tok)
    if not places:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "on"):
                places.extend(p for o in c.children if o.dep_ == "pobj" for p in _places(o))
    return _spans(places)


def _places(tok) -> list:
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "inside")
            for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC")]


def verb_arguments(verb, typ: str | None = None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    src, passive = subject(verb, speech=typ in SPEECH_TYPES)
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")
            and (c.pos_ in ARG_POS or people_by_grammar(c))]
    if verb.dep_ in ("relcl", "amod", "acl") and verb.head.pos_ in ARG_POS and _subject_of_its_own(verb):
        # A relative clause's object is the noun it describes: "the men whom McArthur
        # murdered", "the men McArthur murdered" (the parser may hang the verb as amod).
        objs = [verb.head if c.lower_ in RELATIVE_PRONOUNS | {"whom"} else c for c in objs] or [verb.head]
    # "fired at the crowd" aims at someone; "met at a conference in Munich" says where and when
    preps = [p for p in prep_objects(verb, TARGET_PREPS) if p.head.lower_ != "at" or _actor_object(p)]
    if typ in THEME_TYPES:
        recipients = prep_objects(verb, _RECIPIENT_PREPS[typ])
        if not recipients and typ == "AID":
            # the parser often hangs the recipient on the thing given:
            # "provide a loan guarantee to Ukraine", "send a team of experts to Iran"
            recipients = [p for o in objs for p in prep_objects(o, _RECIPIENT_PREPS[typ]) if actor_like(p)]
        preps = [p for p in preps if p not in recipients] + recipients
        # the object is what is sent/deployed/withdrawn unless it is a named actor
        # with no recipient phrase ("arm Moscow", "help Moldova", "release X")
        if recipients or typ == "MOBILIZE":
            objs = [o for o in objs if o.dep_ == "dative"]
        elif typ == "AID":
            objs = [o for o in objs if o.dep_ == "dative" or actor_like(o) and not _owned(o)]
        else:
            objs = [o for o in objs if not _owned(o)]
    tgt = list(passive) + objs + preps
    return _spans(src), _spans(tgt, inside=True)


def people_by_grammar(tok) -> bool:
    """A participle or adjective the grammar uses as a noun for people: "arrested the
    accused", "evacuated the injured and the displaced" (English names a group of people
    so: "the" + participle, with no subject or object of its own)."""
    return (tok.pos_ in ("VERB", "ADJ") and tok.tag_ in ("VBN", "JJ")
            and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "conj", "pobj")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            and not any(c.dep_ in ("dobj", "nsubj", "nsubjpass", "agent", "auxpass", "aux") for c in tok.children))


def _owned(tok) -> bool:
    """"its troops", "their forces": the source's own people or things."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in tok.children)


def clause_targets(verb, typ: str) -> list[tuple[int, int]]:
    """Targets of a governing act taken from the act it governs: "agreed to open its
    borders to X", "threatened to close borders with X", "demanded that X resign"."""
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            inner = c.lemma_.lower()
            _, tgt = verb_arguments(c, "AID" if inner in ("open", "allow") else None)
            return tgt
        if c.dep_ == "ccomp" and typ == "REQUEST" and c.pos_ in ("VERB", "AUX"):
            return _spans([s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")])
    return []


_UNDERGOER_NOUNS = lexicon.words("events/words.tsv", "undergoer_noun")


def _a_person_owner(tok) -> bool:
    """A possessor that is a person or people ("Navalny's", "the prisoners'", "his",
    "their"), not a state or an organisation, which acts ("Iran's executions")."""
    if tok.pos_ == "PRON":
        return tok.lower_ in ("his", "her", "their")
    if tok.ent_type_:
        return tok.ent_type_ == "PERSON"
    return tok.pos_ == "PROPN" or tok.lemma_.lower() in HUMAN  # a name the recogniser missed is most often a person's


def noun_arguments(noun, lex_hits=None, typ: str | None = None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    src, tgt = [], []
    undergoes = noun.lemma_.lower() in _UNDERGOER_NOUNS and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    for c in noun.children:
        if c.dep_ == "poss":
            (tgt if undergoes and _a_person_owner(c) else src).append(c)
        elif c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in _ACTOR_ENTS) \
                and not place_modifier(c, typ):
            src.append(c)
        elif c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in LIGHT_VERBS:
            # "the attack, carried out by the Taliban", "strikes launched by Freedonia"
            src.extend(p for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj")
    for c in noun.children:
        if c.dep_ != "prep":
            continue
        objs = [p for p in c.children if p.dep_ == "pobj"]
        prep = c.lower_
        for o in objs:
            if typ == "RETREAT" and prep in _RECIPIENT_PREPS["RETREAT"]:
                tgt.append(o)  # "a withdrawal from Syria": the place or side left, as with the verb
            elif prep in SOURCE_PREPS_NOUN:
                src.append(o)
            elif prep in NOUN_TARGET_PREPS:
                tgt.append(o)
            elif prep == "of":
                people = actor_like(o) or (o.pos_ == "NOUN" and o.lemma_.lower() in HUMAN)
                if (typ in AGENT_OF_TYPES or noun.lemma_.lower() in AGENT_OF_NOUNS) and people:
                    src.append(o)
                elif typ not in THEME_TYPES - {"RETREAT"} and people:
                    tgt.append(o)
                elif typ not in THEME_TYPES:
                    # "the investigation of her use of a server", "criticism of Clinton's handling":
                    # the act is aimed at whose conduct it is
                    tgt.extend(p for p in o.children if p.dep_ == "poss")
                else:
                    # "delivery of lethal aid from China to Russia"
                    for cc in o.children:
                        if cc.dep_ == "prep" and cc.lower_ in SOURCE_PREPS_NOUN:
                            src.extend(p for p in cc.children if p.dep_ == "pobj")
                        elif cc.dep_ == "prep" and cc.lower_ in NOUN_TARGET_PREPS:
                            tgt.extend(p for p in cc.children if p.dep_ == "pobj")
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.pos_ in ("VERB", "AUX", "ADP"):
        verb = head.head if noun.dep_ == "pobj" and head.pos_ == "ADP" else head
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in LIGHT_VERBS \
                and verb.i not in (lex_hits or ()):
            if not src:
                vs, _ = subject(verb)
                src.extend(vs)
            tgt.extend(prep_objects(verb, NOUN_TARGET_PREPS))
            tgt.extend(c for c in verb.children if c.dep_ in ("dative", "iobj") and c.pos_ in ARG_POS)
        elif verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in _UNDERGO_VERBS and not tgt:
            # "Rubio faced attacks from Bush", "the statement drew criticism", "came under
            # fire": whoever undergoes the act is its target, the "from" phrase its source
            vs, _ = subject(verb)
            tgt.extend(vs)
            if not src:  # the parser may hang "from X" on the verb
                src.extend(prep_objects(verb, SOURCE_PREPS_NOUN))
    tgt = [t for t in tgt if t.i != noun.i]
    src_spans = _spans(src)
    tgt_spans = [s for s in _spans(tgt) if s not in src_spans]
    return src_spans, tgt_spans


# ---------------------------------------------------------------- the arguments stage

# Verbs governing another trigger (xcomp/ccomp) that decide the event themselves.
GOVERNING_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT"})
# Where a rally or a meeting happens is its venue, not a participant.
PLACE_IS_VENUE = frozenset({"PROTEST", "CONSULT"})


def attach(tok, e, sent, hits: dict, is_light, *, linker: bool) -> tuple[list, list] | None:
    """Stage 2 (``candidates`` lists the stages): the source and target spans of one
    candidate. ([], []) when the sentence names no participant (the caller may
    let an earlier event lend them, ``anaphora``); None when a generated CAMEO
    row lacks either side, as those rows are too noisy to keep half-argued.
    ``linker`` lets the learned linker (``linker.fill_missing``) fill a role the
    parse rules leave empty; ``is_light(token)`` tells a light verb whose object
    carries another event."""
    doc = sent.doc
    if e.pos == "VERB":
        srcs, tgts = verb_arguments(tok, e.type)
        if not tgts and e.type in GOVERNING_TYPES:
            tgts = [t for t in clause_targets(tok, e.type) if t not in srcs]
    else:
        srcs, tgts = noun_arguments(tok, {j for j in hits if j != tok.i and not is_light(doc[j])}, e.type)
    if not srcs and not tgts:
        return [], []
    if e.source == "cameo" and not (srcs and tgts):
        return None
    if linker and not (srcs and tgts):
        from .linker import fill_missing  # linker reads this module's word lists: imported on use
        srcs, tgts = fill_missing(tok, sent, e.type, srcs, tgts)
    if not tgts and e.type not in PLACE_IS_VENUE:
        tgts = [t for t in place_targets(tok) if t not in srcs]
    return srcs, tgts

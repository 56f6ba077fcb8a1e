"""Stage 1 of an event's walk: the candidates in a sentence.

The stages, each in its own module, run once per candidate in this order:

1. **candidates** (here): words the trigger lexicon lists, in the sense the
   lexicon means (not a light verb whose object carries the act, not "denied"
   governing the act it denies, not a noun inside a compound), plus a demand
   told with "must"/"should" under a speech verb;
2. **arguments** (``arguments.attach``): who acts and who is acted on, from the
   parse, the learned linker where the parse leaves a role empty, and a place;
3. **typing** (``event_typing``): the lexicon's type corrected by its context
   ("attacked … on guns" is ACCUSE), and acts announced for later ("will
   send" adds AGREE);
4. **detection** (``detect``; in the accurate profile also ``event_encoder``,
   which reads the sentence with the trigger marked): is this candidate a
   PLOVER event here? The detector reads the arguments and the type, so it runs
   after them;
5. **factuality** (``onrecord.factuality``);
6. **assembly** (``assemble``): entity ids, codes, date, place, reporter.

``triggers.find_triggers`` runs stages 1–3 for one sentence; the component
(``components``) runs the rest.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import lexicon
from .arguments import HUMAN, LIGHT_VERBS, noun_arguments, verb_arguments
from .trigger_lexicon import Entry, Lexicon, trigger_lexicon


@dataclass
class Trigger:
    """One candidate PLOVER event in a sentence (token indices are doc indices)."""

    token: int
    type: str
    mode: str | None
    confidence: float
    sources: list[tuple[int, int]] = field(default_factory=list)
    targets: list[tuple[int, int]] = field(default_factory=list)
    # "did not accept" typed REJECT: the negation is in the type, not in the factuality
    negation_in_type: bool = False


_DENY = lexicon.words("events/words.tsv", "deny_verb")
_PUBLISHED = lexicon.words("events/words.tsv", "published_thing") | lexicon.words("events/domains.tsv", "media")
_NAMING = lexicon.words("events/words.tsv", "naming_verb")
_IDIOMS = lexicon.words("events/words.tsv", "idiom")
_NOT_ACTORS = lexicon.words("events/words.tsv", "non_actor_pronoun")
_LIGHT_ONLY = lexicon.words("events/words.tsv", "light_only_verb")
_ACCESS = lexicon.words("events/words.tsv", "access_word")
_PRAISE = lexicon.words("events/words.tsv", "praise_word")
_PRESS = lexicon.words("events/words.tsv", "press_contact")
_CONTEST = lexicon.words("events/words.tsv", "contest_verb")
_ELECTION = lexicon.words("events/domains.tsv", "election")
_ELECTORATE = lexicon.words("events/words.tsv", "electorate")
_WEATHER = lexicon.words("events/domains.tsv", "weather")
_SIGNING = lexicon.words("events/words.tsv", "signing_verb")
_CAPTIVE = (lexicon.words("events/words.tsv", "captive") | lexicon.words("events/words.tsv", "seized_property")
            | lexicon.words("entities/words.tsv", "person") | lexicon.words("entities/words.tsv", "kin")
            | lexicon.words("entities/words.tsv", "female") | lexicon.words("entities/words.tsv", "male"))
_CLAIMS = lexicon.words("events/words.tsv", "claim_noun")
_TELLING = lexicon.words("events/words.tsv", "telling_verb")
_REMARKS = lexicon.words("events/words.tsv", "remark_noun") | _CLAIMS
_LEGISLATION = lexicon.words("events/words.tsv", "legislation_noun")
_PRICES = lexicon.words("events/words.tsv", "price_noun")
_TIME_ANCHORS = lexicon.words("events/words.tsv", "time_anchor_preposition")
_NATURAL = lexicon.words("events/words.tsv", "natural_cause")
_ARMED = (lexicon.words("events/words.tsv", "strike_weapon") | lexicon.words("events/words.tsv", "violence_cue")
          | lexicon.words("events/words.tsv", "force_noun"))
_AGENT_SUFFIXES = ("man", "men", "er", "or", "ist", "ian", "ant", "ee", "people")
VIOLENCE = lexicon.words("events/words.tsv", "violence_cue") | lexicon.words("events/words.tsv", "force_noun")


def _released(tok) -> list:
    """What a "release" frees: its object, its passive subject, a noun's "of" object
    or its modifier ("the prisoner release", "Smith's release")."""
    if tok.pos_ == "VERB":
        modified = [tok.head] if tok.dep_ in ("acl", "amod") else []  # "a poll released Tuesday", "released emails"
        return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] + modified
    out = [c for c in tok.children if c.dep_ in ("compound", "poss")]
    return out + [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]


def _publishes(tok) -> bool:
    """A RETREAT "release" frees captives or property (PLOVER manual); one that
    releases a statement, a report or a product publishes it and is no event. The
    test is on what is published, not on what is freed, so an unlisted captive
    ("freed a consulate employee", "release the peacekeepers") stays a candidate."""
    return any(f.lemma_.lower() in _PUBLISHED or f.ent_type_ in ("PRODUCT", "WORK_OF_ART") for f in _released(tok))


def _frees_no_one(tok) -> bool:
    """A release of plain things frees no captive and no seized property: "released
    a new lineup of laptops", "the release of the software suite". Only common nouns
    are judged, each with what it counts ("hundreds of prisoners"); a name, a
    pronoun or an agent noun ("the peacekeepers") stays a candidate."""
    freed = _released(tok)
    if not freed or tok.lemma_.lower() != "release":
        return False  # what is "freed" is nearly always held: only "release" also publishes
    for thing in freed:
        counted = [p for c in thing.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        for noun in [thing, *counted]:
            # "released consulate clerk Metin Topuz", "released Hamas fighters"; a name that only
            # says which thing ("a lineup of MacBook Air laptops") makes no captive of it
            if noun.pos_ != "NOUN" or noun.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") \
                    or any(t.ent_type_ in ("PERSON", "NORP") for t in noun.subtree):
                return False
            lemma = noun.lemma_.lower()
            if (lemma in _CAPTIVE or noun.lower_ in _CAPTIVE or lemma in lexicon.default().roles
                    or lemma.endswith(_AGENT_SUFFIXES)):
                return False
    return True


def _natural_cause(tok) -> bool:
    """"The blaze killed three", "the storm hit the coast", "was destroyed by an
    earthquake": the doer is a disaster, an accident or an illness, not an actor.
    "Israeli fire", "tank fire" and "a fire set by rebels" have an actor or a weapon in them."""
    if tok.pos_ != "VERB":
        return False
    doers = [c for c in tok.children if c.dep_ == "nsubj"]
    doers += [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if len(doers) != 1 or doers[0].lemma_.lower() not in _NATURAL:
        return False
    around = [t for t in doers[0].subtree if t.i != doers[0].i]
    return not any(t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or t.lemma_.lower() in _ARMED for t in around)


def _disputes_words(tok) -> bool:
    """A REJECT of words is speech: "rejected the notion that …", "Iran denied the
    accusation", "declined to identify the writers", "refused to say whether …".
    A rejected proposal, demand or offer, and a refusal to act, stay candidates."""
    if tok.pos_ != "VERB":
        return False
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in _CLAIMS:
            return True
        if child.dep_ == "xcomp" and child.lemma_.lower() in _TELLING:
            return True
    return False


def _offers_words(tok) -> bool:
    """"Offered his thoughts on the race", "offered condolences": an offer of words."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() == "offer" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _REMARKS for c in tok.children)


RAISING_COMMISSIVES = ("promise", "threaten")
STATE_VERBS = ("be", "become", "remain", "prove", "get")


def _forecasts(tok) -> bool:
    """"The debate promised to be a crucial moment", "the storm threatens to become the
    worst in years": "promise" and "threaten" with a state after them say what is
    likely, not what anyone commits to (their raising use)."""
    if any(c.dep_ in ("dobj", "dative") for c in tok.children):
        return False  # "promised Sylvania to be a loyal ally": a promise to someone
    return tok.pos_ == "VERB" and tok.lemma_.lower() in RAISING_COMMISSIVES and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in STATE_VERBS
        and any(g.dep_ in ("attr", "acomp", "oprd") for g in c.children)  # not "promised to be in Kyiv"
        for c in tok.children)


LAW_MAKING_TYPES = ("SUPPORT", "AGREE", "REJECT", "AID")


def _legislates(tok) -> bool:
    """Law-making is no interaction between actors: "signed the bill into law",
    "the senate dismissed a bill", "supports an amendment", "the budget deal". The
    law is what the verb acts on, what the noun is of, or the noun's modifier."""
    if tok.pos_ == "VERB":
        acted_on = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        acted_on = [c for c in tok.children if c.dep_ in ("compound", "amod")]
        acted_on += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    return any(t.lemma_.lower() in _LEGISLATION and t.pos_ == "NOUN" for t in acted_on)


def _bills(tok) -> bool:
    """"The bank will charge Smith a fee", "charged customers $40": a price, no charge
    of wrongdoing ("charged him with fraud" has none)."""
    if tok.lemma_.lower() != "charge" or tok.pos_ != "VERB":
        return False
    objects = [c for c in tok.children if c.dep_ in ("dobj", "dative", "npadvmod")]
    return any(t.lemma_.lower() in _PRICES or t.ent_type_ in ("MONEY", "PERCENT") or t.text in ("$", "€", "£")
               for o in objects for t in o.subtree)


def _time_anchor(tok, e: Entry) -> bool:
    """"Before the attacks, requests were made", "during the investigation", "following
    the Paris attacks": an event noun with no side of its own that dates something else
    is a time anchor or a reference back, not an event reported here."""
    if e.pos != "NOUN" or tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ not in _TIME_ANCHORS and not (prep.head.lower_ in _TIME_ANCHORS and prep.dep_ == "prep"):
        return False  # "after the attack", "ahead of the summit", "prior to the vote"
    sources, targets = noun_arguments(tok, None, e.type)
    return not sources and not targets


def _asks_for_an_act(tok) -> bool:
    """PLOVER's REQUEST asks someone to do or give something: "asked a court to
    intervene", "asked for aid", "asked that the vote be delayed". A question is
    asked without one."""
    return any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for")
               or (c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))
               for c in tok.children)


def _agrees_with_a_view(tok) -> bool:
    """PLOVER's AGREE accepts a proposal or settles something ("agreed to talks",
    "agreed on a border", "agreed a solution"); agreeing that something is so, or
    with someone's remark, is holding an opinion, and so is agreeing with nothing
    named ("Dianne Bystrom agreed.")."""
    settles = any(c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in ("to", "on", "upon"))
                  for c in tok.children)
    return not settles


def _falls(tok) -> bool:
    """"the population declined", "trade declined 40 percent": "decline" with no
    object and no infinitive is a fall, not a refusal ("declined to attend",
    "declined the offer")."""
    return tok.lemma_.lower() == "decline" and not any(
        c.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass") for c in tok.children)


def _names(tok) -> bool:
    """"a super PAC called Future 45", "they are called nationals", "to be called
    Bangsamoro", "so called": a name given, with no one who calls (no "by" agent)."""
    if tok.lemma_.lower() not in _NAMING or any(c.dep_ == "agent" for c in tok.children):
        return False
    if tok.dep_ in ("acl", "amod") and tok.tag_ in ("VBN", "VBD"):
        return True  # the tagger often calls this participle a past tense ("a species called the rhea")
    so = tok.i > 0 and tok.doc[tok.i - 1].lower_ == "so"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    return tok.tag_ == "VBN" and (so or passive)


def _characterises(tok) -> bool:
    """"called it a non-starter", "which Trump had called a disaster", "called
    Carson a special person": naming a notion, or praising someone, with an object
    complement. The event set's guide makes characterising a notion speech, not an
    event, and so is characterising a plain thing ("called the long lines
    unacceptable"); praise is no accusation. "called the move a smash and grab" (an
    actor's act, criticised) stays, for the typing to make an ACCUSE."""
    if tok.lemma_.lower() not in _NAMING:
        return False
    complement = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > tok.i]
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if not complement or obj is None:
        return False
    if obj.lower_ in _NOT_ACTORS or _a_plain_thing(obj):
        return True
    praised = [t for c in complement for t in c.subtree if t.lemma_.lower() in _PRAISE]
    negated = any(t.dep_ == "neg" or t.lower_ in ("no", "not", "never") for c in complement for t in c.subtree)
    return bool(praised) and not negated


_PEOPLE_OR_ACTS = HUMAN | lexicon.words("events/words.tsv", "act_reference_noun")
# nouns made from verbs name acts, someone's: "called inversions unpatriotic", "the refusal", "the firing"
_ACT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ing", "sal", "val")


def _a_plain_thing(noun) -> bool:
    """A common noun that is no one and nobody's act: "called the long lines
    unacceptable", "called the chaos a lesson". "The decision", "his vote", "the deal",
    "inversions" (a noun made from a verb) and "Carson" are an actor's or an act, whose
    characterising may accuse."""
    lemma = noun.lemma_.lower()
    return (noun.pos_ == "NOUN" and lemma not in _PEOPLE_OR_ACTS and not lemma.endswith(_ACT_SUFFIXES)
            and (lemma, "NOUN") not in trigger_lexicon().index
            and not any(c.dep_ == "poss" for c in noun.children)
            and not any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in noun.subtree))


def _material_retreat_missing(tok, e: Entry) -> bool:
    """The PLOVER manual's RETREAT is material: "the return of confiscated property",
    "allowing the entry of observers". "Returned to the stage" or "returned to
    Thailand" (nothing returned) and "allowed Verizon to automate" (no entry or
    access allowed) are none."""
    if e.pos != "VERB" or e.type != "RETREAT":
        return False
    if e.mode == "return":
        return not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
    if e.mode == "access":
        governed = [c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass")]
        return not any(t.lemma_.lower() in _ACCESS for c in governed for t in c.subtree)
    return False


def _idiom(tok) -> bool:
    """"signed up", "shot up", "seized on", "pleaded guilty", "caught fire", "met the
    demand": the verb with this word after it is another verb; "as opposed to", "a
    great deal of": the trigger word inside a fixed phrase (lemma between its
    neighbours' words)."""
    lemma = tok.lemma_.lower()
    if any(c.i > tok.i and c.dep_ in ("prt", "prep", "acomp", "oprd", "dobj", "advmod")
           and f"{lemma} {c.lower_}" in _IDIOMS for c in tok.children):
        return True
    doc = tok.doc
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    after = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    return f"{before} {lemma}" in _IDIOMS or f"{before} {lemma} {after}" in _IDIOMS


def _press_contact(tok) -> bool:
    """A reporter's request and its answer: "a request for comment", "requests for
    an interview", "declined to comment", "did not return a request seeking comment"."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN":  # "a request for comment"
        return any(c.dep_ == "prep" and c.lower_ == "for" and any(p.lemma_.lower() in _PRESS for p in c.children)
                   for c in tok.children)
    return any((c.dep_ == "xcomp" and c.lemma_.lower() in _PRESS and lemma in ("decline", "refuse"))
               or (c.dep_ == "dobj" and c.lemma_.lower() in _PRESS and lemma == "return") for c in tok.children)


def _contest(tok) -> bool:
    """"Clinton defeated Sanders by 20 points in the primary": a vote won, no assault,
    when the sentence is about an election and holds no word of violence."""
    if tok.lemma_.lower() not in _CONTEST:
        return False
    lemmas = {t.lemma_.lower() for t in tok.sent if t.i != tok.i}  # "beat" is a violence word itself
    return bool(lemmas & _ELECTION) and not lemmas & VIOLENCE


def _electorate(token) -> bool:
    """Voters or a share of them: "likely caucusgoers", "28 percent of voters", "33%"."""
    if token.lemma_.lower() in _ELECTORATE or token.lower_ in _ELECTORATE:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(_electorate(p) for p in c.children if p.dep_ == "pobj")
               for c in token.children)


def _votes(tok) -> bool:
    """SUPPORT from the electorate is a vote or a poll: "28 percent of caucusgoers backed
    Trump", "support for the senator among young voters", "the backing of 33% of voters"."""
    if tok.pos_ == "VERB":
        return any(c.dep_ in ("nsubj", "nsubjpass") and _electorate(c) for c in tok.children)
    # "among voters" wherever the parser hangs it: on the noun, its verb, or inside its "for" phrase
    holders = [tok, tok.head] if tok.dep_ in ("dobj", "nsubj", "nsubjpass") else [tok]
    among = [t for h in holders for t in (h.subtree if h is tok else h.children) if t.lower_ == "among"]
    owners = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "at")] + among
    return any(p.dep_ == "pobj" and _electorate(p) for c in owners for p in c.children)


def _weather_warning(tok) -> bool:
    """"issued a hurricane warning", "warned of potential flash floods": a forecast,
    no threat. The weather word is in what the warning is about (its subtree)."""
    return any(t.lemma_.lower() in _WEATHER for t in tok.subtree if t.i != tok.i)


def _denies_act(tok) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp", "pcomp") or (c.dep_ == "dobj" and c.pos_ == "VERB")
               or (c.dep_ == "dobj" and c.tag_ == "VBG") for c in tok.children)


def is_light(tok, lex: Lexicon) -> bool:
    """A light verb whose object is itself an event noun: the noun carries the event."""
    if tok.lemma_.lower() not in LIGHT_VERBS:
        return False
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and lex.lookup(c) is not None:
            return True
    return False


def lexicon_hits(sent) -> dict[int, Entry]:
    """Every word of the sentence the trigger lexicon lists, by token index."""
    lex = trigger_lexicon()
    hits: dict[int, Entry] = {}
    for tok in sent:
        if tok.pos_ not in ("VERB", "NOUN", "AUX", "PROPN") or lex.lemma(tok) not in lex.lemmas:
            continue
        if lex.hyphen_first(tok):
            continue  # "cease" of "cease-fire": the joined word is the trigger
        if tok.pos_ == "AUX" and tok.dep_ == "aux":
            continue
        e = lex.lookup(tok)
        if e is not None:
            hits[tok.i] = e
    return hits


def candidates(sent, hits: dict[int, Entry]) -> list[tuple[int, Entry]]:
    """The hits that can be events in their own right, in sentence order."""
    lex = trigger_lexicon()
    doc = sent.doc
    kept = []
    for i, e in sorted(hits.items()):
        tok = doc[i]
        if e.type == "REJECT" and tok.lemma_.lower() in _DENY and _denies_act(tok):
            continue  # "denied sending troops": the sending is the (negated) event
        if e.pos == "VERB" and (is_light(tok, lex) or e.source == "cameo" and tok.lemma_.lower() in LIGHT_VERBS):
            continue  # "conducted a nuclear test": the light verb carries no event of its own
        if e.pos != "VERB" and tok.dep_ == "compound":
            continue  # "peace talks": the head noun is the event
        if e.pos != "VERB" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in _SIGNING:
            continue  # "signed a border agreement": the signing is the event (SUPPORT)
        if (e.pos == "VERB" and (_names(tok) or _characterises(tok))) or _idiom(tok):
            continue  # "a group called Future 45": a name, no call and no accusation; "signed up"; "called it a mistake"
        if e.pos == "VERB" and tok.lemma_.lower() in _LIGHT_ONLY:
            continue  # "attended the summit": the summit is the event; "attended the party": none
        if _material_retreat_missing(tok, e):
            continue  # "returned to the stage", "allowed the firm to automate"
        if e.type in ("REQUEST", "REJECT", "RETREAT") and _press_contact(tok):
            continue  # "did not respond to a request for comment"
        if e.type == "ASSAULT" and _contest(tok):
            continue  # "beat Clinton in the primary"
        if _time_anchor(tok, e):
            continue  # "before the attacks": a time anchor, no event reported here
        if e.type == "ACCUSE" and _bills(tok):
            continue  # "will charge Smith a fee": a price
        if e.type in LAW_MAKING_TYPES and _legislates(tok):
            continue  # "signed the bill into law": law-making, no interaction
        if e.type == "AGREE" and _offers_words(tok):
            continue  # "offered his thoughts": words, no offer of anything
        if e.type in ("AGREE", "THREATEN") and _forecasts(tok):
            continue  # "the debate promised to be crucial": a likelihood, no commitment
        if e.type == "REJECT" and _disputes_words(tok):
            continue  # "rejected the notion", "declined to identify": words, no refusal to act
        if e.type in ("ASSAULT", "COERCE") and _natural_cause(tok):
            continue  # "the blaze killed three": a disaster, no actor
        if e.type == "THREATEN" and _weather_warning(tok):
            continue  # "a flash flood warning": a forecast
        if e.type == "SUPPORT" and _votes(tok):
            continue  # "28 percent of caucusgoers backed Trump": a poll, no endorsement
        if e.type == "RETREAT" and e.mode == "release" and (_publishes(tok) or _frees_no_one(tok)):
            continue  # "released a statement": published, nothing freed; "released new laptops": no captive
        if e.type == "REQUEST" and tok.pos_ == "VERB" and tok.lemma_.lower() == "ask" and not _asks_for_an_act(tok):
            continue  # "asked in an interview", "a reporter asked": a question, no request
        if e.type == "AGREE" and tok.pos_ == "VERB" and tok.lemma_.lower() == "agree" and _agrees_with_a_view(tok):
            continue  # "experts agreed that the plan was flawed": an opinion, no agreement
        if e.type == "REJECT" and tok.pos_ == "VERB" and _falls(tok):
            continue  # "exports declined 40 percent"
        kept.append((i, e))
    return kept


_SAY = lexicon.words("events/speech_verbs.tsv", "demand_speaker")


def demands(sent) -> list[Trigger]:
    """"X said Y must/should do Z": a demand (REQUEST) from X to Y, a candidate the
    grammar gives rather than a lexicon word, with its arguments already known."""
    out = []
    for tok in sent:
        if tok.dep_ != "aux" or tok.lower_ not in ("must", "should"):
            continue
        verb = tok.head
        say = verb.head
        if verb.dep_ != "ccomp" or say.lemma_.lower() not in _SAY or any(c.dep_ == "neg" for c in verb.children):
            continue
        srcs, _ = verb_arguments(say)
        tgts = [t for t in verb_arguments(verb)[0] if t not in srcs]
        if srcs and tgts:
            out.append(Trigger(token=tok.i, type="REQUEST", mode=None, confidence=0.6, sources=srcs, targets=tgts))
    return out

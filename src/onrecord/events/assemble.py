"""From triggers to Event records: arguments become entity ids, and each event
gets its factuality, its reporter, its date and its place.

The trigger finder (onrecord.events.triggers) works on one sentence's parse;
this module knows the article: its entities, its attributions and its dates.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import lexicon
from ..actors import code_text
from ..dates import date_for_trigger
from ..entities.mentions import first_name_gender
from ..entities.speakers import person_noun
from ..factuality import event_factuality, object_factuality
from ..schema import GROUP, UNNAMED, Actor, Attribution, Entity, Event, Span
from .arguments import HUMAN as _HUMAN, PERSON_OWNERS, people_by_grammar
from .places import locative_place
from .trigger_lexicon import hyphen_partner, trigger_lexicon
from .triggers import Trigger

PERSON_PRONOUNS = lexicon.words("events/words.tsv", "person_pronoun")
GROUP_PRONOUNS = lexicon.words("events/words.tsv", "group_pronoun")
SPEAKER_PRONOUNS = lexicon.words("events/words.tsv", "speaker_pronoun")
PLACE_PREPOSITIONS = lexicon.words("events/words.tsv", "place_preposition")
PLACE_TYPES = {"GPE", "LOC", "FAC"}
LOCATED_IN = lexicon.words("events/words.tsv", "located_in_preposition")  # where an unnamed actor is ("police in Kabul")
AGENT_RULES = frozenset({"agent", "nationality", "possessive"})  # code rules whose head is an agent noun (actors/code.py)
_LEADING_DETERMINERS = re.compile(r"^(?:the|a|an|some|many|several|its|their|his|her|my|our|your)\s+", re.IGNORECASE)


@dataclass
class ArticleIndex:
    """What the assembler looks up for every trigger: built once per article."""

    text: str
    entities: list[Entity]
    entity_at: dict[int, str]  # token index -> entity id, for every token of every mention
    by_id: dict[str, Entity]  # the article's entities and the unnamed actors found so far
    attributions: list[Attribution]
    content_starts: list[int]
    dates: list
    nominal: dict[str, Entity] = field(default_factory=dict)  # unnamed actors ("protesters") by name
    groups: dict[int, str] = field(default_factory=dict)  # token index -> unnamed plural group ("police") told there
    people: dict[int, str] = field(default_factory=dict)  # token index -> unnamed person ("a man") told there


def index_article(doc: Doc, text: str, entities: list[Entity], attributions: list[Attribution], dates) -> ArticleIndex:
    entity_at: dict[int, str] = {}
    groups: dict[int, str] = {}
    people: dict[int, str] = {}
    for entity in entities:
        if entity.type == GROUP:
            continue  # named sources speaking together: an event's actors are its members, each by name
        if entity.type == UNNAMED:
            # an unnamed speaker ("EU foreign ministers"): the event finds its own actor, coded,
            # below; a plural one is still who a later "they" may be
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None and len(span):
                    _remember(span.root, entity.id, groups, people)
            continue
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    entity_at.setdefault(token.i, entity.id)
    speech = sorted((a for a in attributions if a.kind in ("direct", "indirect", "mixed")), key=lambda a: a.content.start)
    return ArticleIndex(
        text=text,
        entities=entities,
        entity_at=entity_at,
        by_id={e.id: e for e in entities},
        attributions=speech,
        content_starts=[a.content.start for a in speech],
        dates=dates,
        groups=groups,
        people=people,
    )


def _remember(root: Token, entity_id: str, groups: dict[int, str], people: dict[int, str]) -> None:
    """Note an unnamed mention a later pronoun may refer to: a plural group for "they",
    one person ("a man", "the spokeswoman") for "he" or "she"."""
    if root.tag_ in _PLURAL_TAGS:
        groups[root.i] = entity_id
    elif person_noun(root, _HUMAN)[0]:
        people[root.i] = entity_id


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
_PEOPLE_PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS
_PLURAL_TAGS = ("NNS", "NNPS")
_CLAUSE_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def _own_subject(pronoun: Token) -> set[int]:
    """Tokens of the subject of the clause a pronoun object sits in: "Trump called on her",
    "Trump urged her": a pronoun is never its own clause's subject (else it would be "herself")."""
    verb = pronoun
    while verb.dep_ in ("pobj", "prep", "dobj", "dative", "iobj") and verb.head.i != verb.i:
        verb = verb.head
    if verb is pronoun or verb.pos_ not in ("VERB", "AUX"):
        return set()
    return {t.i for c in verb.children if c.dep_ in _CLAUSE_SUBJECTS for t in c.subtree}


def _subject_entities(doc: Doc, index: ArticleIndex, subject: set[int]) -> frozenset[str]:
    """Who the subject of a pronoun object's clause is, told here or before: "she
    criticized him", "police fired tear gas at them": the object is someone else."""
    found = set()
    for i in subject:
        if i in index.entity_at:
            found.add(index.entity_at[i])
        elif i in index.groups or i in index.people:
            found.add(index.groups.get(i) or index.people.get(i))
        elif doc[i].dep_ in _CLAUSE_SUBJECTS and doc[i].lower_ in _PEOPLE_PRONOUNS:
            found.add(argument_entity(doc, index, i, i + 1))
        if doc[i].dep_ in _CLAUSE_SUBJECTS and doc[i].pos_ == "NOUN":
            # "police in response fired at them": not the police told of before either
            found.update(e.id for key, e in index.nominal.items() if key.split("|")[0] == doc[i].lower_)
    return frozenset(found - {None})


def _head_of_name(token: Token) -> Token:
    """The head word of the name a token is in ("Clinton" of "Hillary Clinton")."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token


def _recent_entity(doc: Doc, index: ArticleIndex, before: int, wanted: set[str], *,
                   skip: set[int] = frozenset(), gender: str | None = None, groups: bool = False,
                   avoid: frozenset[str] = frozenset()) -> str | None:
    """The nearest entity of a wanted type mentioned before a pronoun (the recency rule
    speaker resolution also uses), skipping the mentions at ``skip`` and people whose first
    name or noun says the other gender. ``groups``: a plural pronoun, which unnamed plural
    groups ("police", "the protesters") may be; else a singular one, which an unnamed
    person may be ("arrested a man … released him")."""
    unnamed = index.groups if groups else index.people
    # A person whose gender is known to match beats a nearer one of unknown gender in this
    # sentence or the one before, unless that one is a clause's subject (in focus): "Hillary
    # Clinton hit Bernie Sanders …, she hit him", but "President Obama …, and his administration".
    sent = doc[before].sent
    near = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    unsure = None
    for i in range(before - 1, max(-1, before - 200), -1):
        entity_id = index.entity_at.get(i) or unnamed.get(i)
        if not entity_id or i in skip or entity_id in avoid or _type(index, entity_id) not in wanted:
            continue
        if groups and _type(index, entity_id) in ("GPE", "PERSON") and not _coordinated(doc[i]):
            continue  # one place is "it", one person "he" or "she": "they" after "France and Germany"
        if gender is None:
            return entity_id
        known = (first_name_gender(index.by_id[entity_id].name.split()) if i in index.entity_at
                 else person_noun(doc[i], _HUMAN)[1])
        if known == gender:
            return entity_id
        if known is None and unsure is None:
            if _head_of_name(doc[i]).dep_ in _CLAUSE_SUBJECTS:
                return entity_id
            unsure = entity_id
        if unsure is not None and i <= near:
            return unsure
    return unsure


def _nominal_entity(doc: Doc, index: ArticleIndex, span: SpacySpan, event_place: str | None = None,
                   actor: Actor | None = None) -> str | None:
    """An actor with no name ("protesters", "the Ukrainian army") becomes an
    entity of type UNNAMED (as unnamed speakers are), but only when the actor dictionaries know it. One
    coded to no state takes the country of the place it is in, or else of the
    place the event happens in ("attacked a police headquarters in Afghanistan").
    ``actor``: the phrase's code when the caller has it already."""
    actor = actor or code_text(span.text)
    if actor is None:
        return _person_entity(index, span)
    if actor.country is None and actor.org is None:
        country = _modifier_country(index, span) or _place_country(index, span.root) or event_place
        if country:
            actor = replace(actor, country=country)
    name = _written_name(_named_part(span))
    key = f"{name.lower()}|{actor.country or ''}"  # "police headquarters" in two countries are two actors
    if actor.country is None:  # "arrested by police" after "the police in Kyiv": the police named before
        placed = [k for k in index.nominal if k.startswith(f"{name.lower()}|")]
        key = placed[0] if len(placed) == 1 else key
    return _unnamed(index, key, name, span, actor)


def _named_part(span: SpacySpan) -> SpacySpan:
    """An unnamed actor's phrase up to a prepositional phrase after its head that names
    nothing: "police in response" is "police", "protesters outside the embassy" are
    "protesters"; "officials in Kyiv" and "members of parliament" keep theirs."""
    root = span.root
    for c in root.children:
        if c.dep_ == "prep" and c.i > root.i and c.lower_ != "of" and span.start <= c.i < span.end \
                and not any(t.ent_type_ or t.pos_ == "PROPN" for t in c.subtree):
            return span.doc[span.start:c.i]
    return span


def _written_name(span: SpacySpan) -> str:
    """An unnamed actor's name as written, less a leading determiner: only a common
    word that is capitalised because it starts the sentence is lowered ("Protesters"
    → "protesters"), so a place or people the recogniser missed keeps its capital
    ("Kyiv", "Ukrainian troops"). Mentions merge on the lowered name."""
    text = span.text.strip()
    name = _LEADING_DETERMINERS.sub("", text)
    begins = span.start_char + span.text.index(text) + len(text) - len(name)
    first = next((t for t in span if t.idx >= begins), span.root)
    if name and first.is_sent_start and first.pos_ != "PROPN" and not first.ent_type_:
        name = name[:1].lower() + name[1:]
    return name


def _unnamed(index: ArticleIndex, key: str, name: str, mention: SpacySpan, actor: Actor | None) -> str:
    """The article's unnamed actor under ``key``, made on first sight, with this mention."""
    entity = index.nominal.get(key) or _unnamed_speaker(index, name, actor)
    if entity is None:
        entity = Entity(id=f"n{len(index.nominal) + 1}", name=name, type=UNNAMED, actor=actor)
        index.nominal[key] = entity
        index.by_id[entity.id] = entity
    span = Span(mention.start_char, mention.end_char, index.text[mention.start_char:mention.end_char])
    if span not in entity.mentions:
        entity.mentions.append(span)
    _remember(mention.root, entity.id, index.groups, index.people)
    return entity.id


def _unnamed_speaker(index: ArticleIndex, name: str, actor: Actor | None) -> Entity | None:
    """The article's unnamed speaker of that name ("Protesters said …"), when its code
    agrees: the group that spoke and the group that acted are one entity, not two."""
    lowered = name.lower()
    for entity in index.entities:
        if entity.type == UNNAMED and entity.name.lower() == lowered and (
                (entity.actor.country if entity.actor else None) == (actor.country if actor else None)):
            return entity
    return None


def _person_entity(index: ArticleIndex, span: SpacySpan) -> str | None:
    """People no dictionary codes ("a man", "gay men", "an inmate", "the attacker"):
    an unnamed side of their own, with no code, so that who was arrested or attacked
    is not lost. Things and places stay no side."""
    root = span.root
    if not (root.pos_ == "NOUN" and root.lemma_.lower() in _HUMAN or people_by_grammar(root)):
        return None
    phrase = span.doc[span.start:root.i + 1]  # "a man", not "a man for theft"
    name = _written_name(phrase)
    return _unnamed(index, name.lower(), name, phrase, None)  # no code: the key has no "|country"


def _modifier_country(index: ArticleIndex, span: SpacySpan) -> str | None:
    """The country of a named modifier inside an unnamed actor's phrase: "Manhattan
    prosecutors" → USA, "Cheltenham police" → GBR."""
    for token in span:
        if token.i == span.root.i:
            continue
        entity = index.by_id.get(index.entity_at.get(token.i, ""))
        if entity is not None and entity.actor is not None and entity.actor.country:
            return entity.actor.country
    return None


def _agent_actor(index: ArticleIndex, span: SpacySpan) -> Actor | None:
    """The code of an argument phrase headed by a common noun that names an agent the
    actor dictionaries know ("lawmakers", "officials", "troops", "the foreign ministry"):
    the actor is then the group, and a name before it ("Congressional lawmakers", "Trump
    officials", "Russian troops") only tells whose group it is. A name after the head
    ("the minister, Claire Dumontet") is the actor itself."""
    root = span.root
    if root.pos_ != "NOUN" or root.ent_type_:
        return None
    if any(token.i > root.i and token.i in index.entity_at for token in span):
        return None
    actor = code_text(span.text)
    return actor if actor is not None and actor.sector is not None and actor.rule in AGENT_RULES else None


def _place_country(index: ArticleIndex, head: Token, depth: int = 0) -> str | None:
    """The country of the place an unnamed actor is in: "a police headquarters in
    eastern Afghanistan" → AFG, "a base in Lamu county in Kenya" → KEN,
    "a mosque in Egypt's Sinai" → EGY."""
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in LOCATED_IN:
            continue
        for place in (p for p in child.children if p.dep_ == "pobj"):
            for token in [place] + [c for c in place.children if c.dep_ == "poss"]:
                entity = index.by_id.get(index.entity_at.get(token.i, ""))
                if entity is not None and entity.type in PLACE_TYPES and entity.actor and entity.actor.country:
                    return entity.actor.country
            if depth < 1:
                country = _place_country(index, place, depth + 1)
                if country:
                    return country
    return None


_NAMING_VERBS = frozenset({"name", "call", "identify"})


def _named_as(index: ArticleIndex, noun: Token) -> str | None:
    """The name a description is given: "a woman named Heather Heyer", "a man
    identified as John Smith" is that person."""
    for verb in noun.children:
        if verb.dep_ != "acl" or verb.lemma_.lower() not in _NAMING_VERBS:
            continue
        for c in verb.children:
            names = [c] if c.dep_ in ("oprd", "attr", "dobj") else (
                [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "as" else [])
            for name in names:
                if name.i in index.entity_at:
                    return index.entity_at[name.i]
    return None


def _coordinated(token: Token) -> bool:
    """Part of a row of names ("France and Germany"): the token or its name's head is a conjunct."""
    head = _head_of_name(token)
    return head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)


def _type(index: ArticleIndex, entity_id: str) -> str | None:
    entity = index.by_id.get(entity_id)
    return entity.type if entity is not None else None


def argument_entity(doc: Doc, index: ArticleIndex, start: int, end: int, event_place: str | None = None) -> str | None:
    """The entity an argument phrase stands for: the mention at its head, else the
    first mention inside it ("Chinese troops" → the Chinese), else a resolved
    pronoun, else an unnamed actor the dictionaries code (``event_place``: the
    country the event happens in, for an unnamed target)."""
    span = doc[start:end]
    root = span.root
    if root.i in index.entity_at:
        return index.entity_at[root.i]
    named = _named_as(index, root)
    if named is not None:
        return named
    agent = _agent_actor(index, span)
    if agent is not None:  # "the minister" told before by name stays that person
        return _described_entity(index, root) or _nominal_entity(doc, index, span, event_place, agent)
    # People in a place are not the place ("ministers in Cairo", "a man in Cheltenham"); a
    # thing in a place may stand for it ("an investigation into the debacle in Maricopa County").
    if people_by_grammar(root):  # "the accused in the neighbourhood of X" are who they are, not X
        return _person_entity(index, span)
    people = root.lemma_.lower() in _HUMAN or code_text(root.text) is not None
    if root.pos_ == "NOUN" and not people:
        # "called his vote irresponsible", "attacked her record": what a person owns stands
        # for its owner, as a named owner does ("condemned Russia's invasion")
        owner = next((c for c in root.children if c.dep_ == "poss" and c.lower_ in PERSON_OWNERS), None)
        if owner is not None:
            return argument_entity(doc, index, owner.i, owner.i + 1)
    for token in span:
        if token.i in index.entity_at and not (people and locative_place(token)):
            return index.entity_at[token.i]
    lower = root.lower_
    if root.pos_ == "PRON":
        if lower in PERSON_PRONOUNS:
            subject = _own_subject(root)
            return _recent_entity(doc, index, root.i, {"PERSON", UNNAMED}, skip=subject,
                                  gender=PRONOUN_GENDER.get(lower), avoid=_subject_entities(doc, index, subject))
        if lower in PLURAL_PRONOUNS:  # "they" is people or places told together, not one place
            subject = _own_subject(root)
            return _recent_entity(doc, index, root.i, {"ORG", "GPE", "NORP", UNNAMED, "PERSON"},
                                  skip=subject, groups=True, avoid=_subject_entities(doc, index, subject))
        if lower in GROUP_PRONOUNS:
            return _recent_entity(doc, index, root.i, {"ORG", "GPE", "NORP"})
        if lower in SPEAKER_PRONOUNS:
            return _quoted_speaker(index, root)  # "“I met with the agencies,” Kasich said"
        return None
    described = _described_entity(index, root) or _repeated_name(index, span)
    if described is not None:
        return described
    return _nominal_entity(doc, index, span, event_place)


_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _repeated_name(index: ArticleIndex, span: SpacySpan) -> str | None:
    """A proper name the recogniser missed that repeats words of a name told before:
    "Mitsotakis met the IMF" after "Kyriakos Mitsotakis". Every capitalised word of the
    name must be in the earlier name ("White House" is not the House of Representatives);
    the entity mentioned last before it wins."""
    root = span.root
    if root.pos_ != "PROPN":
        return None
    words = [t.text for t in span if t.pos_ == "PROPN" and t.text[:1].isupper()]
    if not words or any(len(w) < 3 for w in words):
        return None
    best, best_at = None, -1
    for entity in index.entities:
        if entity.type not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        known = set(_NAME_WORD.findall(entity.name))
        if not all(w in known for w in words):
            continue
        at = max((m.start for m in entity.mentions if m.start < span.start_char), default=-1)
        if at > best_at:
            best, best_at = entity.id, at
    return best


_DEFINITE = lexicon.words("events/words.tsv", "reference_determiner")
_WORD = re.compile(r"[a-z]+")


def _described_entity(index: ArticleIndex, root: Token) -> str | None:
    """A definite description that names an actor told before by its title or its name:
    "the minister" (Finance Minister Claire Dumontet), "the court" (the International
    Criminal Court). The nearest such mention before it wins; a plural ("the prosecutors")
    is a group, not one named actor."""
    if root.pos_ != "NOUN" or root.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in root.children):
        return None
    word = root.lower_
    seen: set[str] = set()
    for i in range(root.i - 1, max(-1, root.i - 400), -1):
        entity_id = index.entity_at.get(i)
        if entity_id is None or entity_id in seen:
            continue
        seen.add(entity_id)
        entity = index.by_id.get(entity_id)
        if entity is not None and word in _WORD.findall(f"{entity.name} {entity.title or ''}".lower()):
            return entity_id
    return None


def _holding(index: ArticleIndex, token: Token, skip_raising: bool = False,
             told: bool = False) -> Attribution | None:
    """The attribution whose content (a quote or a report) holds the token; with
    ``skip_raising``, not one whose cue is a raising verb ("Beijing appeared to be
    weighing a step": the subject of "appeared" reports nothing, whoever says it does);
    with ``told``, the nearest one that is said or shown, past a thought inside it
    ("Stoltenberg said … China may be considering to supply …": China considers, and
    Stoltenberg reports it), else the thought."""
    char = token.idx
    k = bisect_right(index.content_starts, char) - 1
    thought = None
    while k >= 0:
        attribution = index.attributions[k]
        if attribution.content.start <= char < attribution.content.end:
            if not (skip_raising and _raising_cue(token.doc, attribution)):
                if not told or attribution.act != "thought":
                    return attribution
                thought = thought or attribution
        if attribution.content.end < char - 2000:
            break
        k -= 1
    return thought


_RAISING = lexicon.words("attribution/words.tsv", "raising_verb")
_RAISING_PASSIVE = lexicon.words("attribution/words.tsv", "raising_passive")


def _raising_cue(doc: Doc, attribution: Attribution) -> bool:
    """A cue that reports no one: "seems", "appeared", or "is expected" with no "by" agent."""
    cue = attribution.cue
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue is not None else None
    if span is None:
        return False
    lemmas = {t.lemma_.lower() for t in span if t.pos_ in ("VERB", "AUX")}
    return bool(lemmas & _RAISING) or (bool(lemmas & _RAISING_PASSIVE) and attribution.speaker is None)


def _quoted_speaker(index: ArticleIndex, token: Token) -> str | None:
    """Whoever speaks the quote or report a first-person word lies in; outside any, no one."""
    holding = _holding(index, token)
    return holding.speaker if holding is not None else None


def _reporter(index: ArticleIndex, trigger: Token) -> str | None:
    """The speaker of the attribution the trigger sits in, or whose cue it is
    ("X accused Y of …": the accusation is X's own speech act)."""
    holding = _holding(index, trigger, skip_raising=True, told=True)
    if holding is not None:
        return holding.speaker
    char = trigger.idx
    for attribution in index.attributions:
        cue = attribution.cue
        if cue is not None and cue.start <= char < cue.end:
            return attribution.speaker
    return None


def _location(doc: Doc, index: ArticleIndex, trigger: Token) -> str | None:
    """A place named in a locative phrase on the trigger: "attacked in Kharkiv"."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS:
            for pobj in child.children:
                entity_id = index.entity_at.get(pobj.i)
                if entity_id and _type(index, entity_id) in PLACE_TYPES:
                    return entity_id
    return None


def _unique(ids: list[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in ids if i))


# A hand-written trigger whose participants are there but unnamed ("hundreds of
# thousands of people marched") is still an event; generated (cameo) rows are not.
UNNAMED_MIN_CONFIDENCE = 0.7


def to_event(doc: Doc, index: ArticleIndex, sent: SpacySpan, trigger: Trigger) -> Event | None:
    """One Event, or None when neither a source nor a target is an actor we can
    name, unless a confident trigger has participants the dictionaries do not code."""
    source = _unique([argument_entity(doc, index, s, e) for s, e in trigger.sources])
    place = _place_country(index, doc[trigger.token])
    target = [t for t in _unique([argument_entity(doc, index, s, e, place) for s, e in trigger.targets])
              if t not in source]
    if not source and not target and (
        trigger.confidence < UNNAMED_MIN_CONFIDENCE or not (trigger.sources or trigger.targets)
    ):
        return None  # no participants at all ("any delivery of lethal aid"): nothing to code
    token = doc[trigger.token]
    text = index.text
    joined = trigger_lexicon().lemma(token) != token.lemma_.lower()  # "cease-fire": the trigger is the whole word
    start = hyphen_partner(token).idx if joined else token.idx
    end = token.idx + len(token.text)
    return Event(
        type=trigger.type,
        mode=trigger.mode,
        trigger=Span(start, end, text[start:end]),
        sentence=Span(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char]),
        factuality=_factuality(token, trigger),  # type: ignore[arg-type]
        source=source,
        target=target,
        reported_by=_reporter(index, token),
        date=date_for_trigger(token, index.dates),
        location=_location(doc, index, token),
        confidence=round(trigger.confidence * (1.0 if source else 0.8), 3),
    )


def _factuality(token: Token, trigger: Trigger) -> str:
    if getattr(trigger, "governs", False):
        return object_factuality(token)  # "may be planning it": the act "it" refers to is possible
    factuality = event_factuality(token)
    if trigger.negation_in_type and factuality == "negated":
        return "asserted"  # "will not accept refugees" is an asserted REJECT, not a negated one
    return factuality


def merge_duplicates(events: list[Event], doc: Doc) -> list[Event]:
    """One event told twice in a sentence ("killed in the attacks") is one event: same
    type, actors and factuality. Across sentences only an event noun that refers back
    is folded into the event told before, when each side it names is one of that
    act's ("Russia invaded Ukraine … the invasion by Russia"); an act stated again in a
    sentence of its own ("hit Sanders on immigration … hit him on guns") is kept, as the
    event set's labelling guide counts it. The first telling is kept, with the highest
    confidence and the first date found."""
    kept: dict[tuple, Event] = {}
    for event in events:
        key = (event.type, tuple(sorted(event.source)), tuple(sorted(event.target)), event.factuality,
               event.sentence.start)
        first = kept.get(key)
        if first is None and (event.source or event.target) and _refers_back(doc, event):
            first = next((e for e in kept.values() if _same_act(e, event)), None)
        if first is None:
            kept[key] = event
            continue
        first.confidence = max(first.confidence, event.confidence)
        first.date = first.date or event.date
        first.location = first.location or event.location
        first.reported_by = first.reported_by or event.reported_by
    return list(kept.values())


def _same_act(told: Event, event: Event) -> bool:
    """An event noun naming an act told before: same type and factuality, and each side
    it names is a side of that act ("the invasion by Sylvania" after "Sylvania invaded
    Freedonia")."""
    return (told.type == event.type and told.factuality == event.factuality
            and set(event.source) <= set(told.source) and set(event.target) <= set(told.target))


def _refers_back(doc: Doc, event: Event) -> bool:
    """An event noun ("the invasion", "his arrest"), which may name an act told before."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span is not None and span.root.pos_ == "NOUN"

"""Resolve each attribution's source mention to an entity of the article.

Names resolve through the entity clusters; role nouns ("the NATO chief") to
the latest person introduced with a matching title; pronouns to the latest
compatible speaker (entities/pronouns.py); organisations and states speak for themselves
("Beijing said"). Bare descriptions ("officials", "a source") become entities of
type UNNAMED, named by their head phrase and never merged across articles.
"""
from __future__ import annotations

from collections.abc import Container
from typing import Callable

from spacy.tokens import Doc, Token

from .. import lexicon
from ..actors.code import code_text
from ..attribution.voices import NUMERIC_ENTITIES
from ..lexicon import Lexicons
from ..schema import GROUP, UNNAMED
from .mentions import TITLE_PREPOSITIONS, Cluster, describes, find_person
from .pronouns import GROUP_PRONOUNS, PERSON_PRONOUNS, cluster_at, compatible, governing_subject, pronoun_referent

RELATIVE_PRONOUNS = ("who", "which", "that")
ORG_REACH = 120  # tokens back to the organisation "the company" refers to: about four sentences
JOINT_LABELS = ("PERSON", "ORG", "GPE", "NORP")
UNNAMED_PREPS = ("of", "for", "at", "from", "with", "in")  # "a spokesman for the ministry"
UNNAMED_MAX_TOKENS = 8


def _head(doc: Doc, span: tuple[int, int]) -> Token:
    """The head of the source's first phrase: in "eyewitness reports, the suicide
    bomber" (a span the parse ran past a comma) it is "reports", not "bomber"; a
    title the parse cut from its name is the name's."""
    heads = [t for t in doc[span[0]:span[1]] if not span[0] <= t.head.i < span[1] or t.head.i == t.i]
    if len(heads) > 1 and heads[0].pos_ == "NOUN" and heads[1].pos_ == "PROPN" \
            and heads[1].dep_ == heads[0].dep_ and heads[1].left_edge.i == heads[0].i + 1:
        # "Former Secretary of State and Democratic frontrunner Hillary Clinton", parsed as two
        # subjects: the title runs straight into the name it describes ("a statement Tuesday" does not:
        # the date is no second subject)
        return heads[1]
    named = next((h for h in heads[1:] if h.ent_type_ == "PERSON" and h.dep_ == heads[0].dep_), None) if heads else None
    if named is not None and heads[0].pos_ == "NOUN" and not any(t.text == "," for t in doc[heads[0].i:named.i]):
        return named  # "study co-author Professor Carl Lipo", parsed as three subjects
    head = heads[0] if heads else doc[span[0]:span[1]].root
    name = next((c for c in head.children if c.dep_ == "conj" and c.ent_type_ == "PERSON" and c.i < span[1]), None)
    if name is not None and head.tag_ in ("NNP", "NN") and not head.ent_type_ \
            and not any(c.dep_ == "det" for c in head.children):
        # "former Pennsylvania Gov. and DNC Chairman Ed Rendell", "GOP presidential contender and
        # former neurosurgeon Ben Carson": a title outside any name, with no article, joined to
        # the name, is that person's first title, not a second speaker
        return name
    if head.tag_ == "VBG":  # "union members campaigning to keep the port open": the members
        subject = next((c for c in head.children if c.dep_ == "nsubj" and span[0] <= c.i < span[1]), None)
        return subject if subject is not None else head
    return head


def _antecedent(doc: Doc, span: tuple[int, int], by_token: dict[int, Cluster]) -> tuple[Token, tuple[int, int]]:
    """The source's head and span, with a relative pronoun replaced by the noun its
    clause modifies ("Smith, who said ..."; "planks that call for ..."). A
    description in apposition or coordination with a name stands for that name:
    in "Megyn Kelly, a star anchor who questioned ..." the anchor is Kelly."""
    head = _group_of(_head(doc, span))
    if head.lower_ not in RELATIVE_PRONOUNS or head.head.dep_ != "relcl":
        return head, span
    head = head.head.head
    hops = 0
    while head.i not in by_token and hops < 4:
        if head.dep_ in ("appos", "conj") and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        elif head.dep_ == "attr" and head.head.dep_ == "relcl":
            head = head.head.head  # "Kirsch, who was a nurse who said ...": the nurse is Kirsch
        else:
            break
        hops += 1
    return head, (head.left_edge.i, head.i + 1)


def _owned_name(doc: Doc, span: tuple[int, int], named: Cluster, by_token: dict[int, Cluster]) -> Cluster:
    """"the University of Washington's Institute for Health Metrics" speaks as the
    institute, whichever name the parse made the head: a named organisation right
    after another name's "'s" is what the owner's name describes."""
    for token in doc[span[0]:span[1] - 1]:
        owned = by_token.get(token.i + 1)
        if (token.tag_ == "POS" and by_token.get(token.i - 1) is named and owned is not None
                and owned is not named and owned.label == "ORG"):
            return owned
    return named


def _quantifier(token: Token) -> bool:
    return token.lower_ in lexicon.words("entities/words.tsv", "quantifier")


def _group_of(head: Token) -> Token:
    """The group a quantifier takes part of: "All of the GOP candidates" and "most of
    them" speak as the candidates and as "them"."""
    if not _quantifier(head):
        return head
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return group if group is not None else head


def _qualified_away(title: str, words: frozenset[str], modifiers: set[str]) -> bool:
    """Whether the title holds the role only with a word that makes it another role, a word
    the mention lacks: "the president" is not "President-elect Joe Biden", "Vice President
    Lena Hart" or "former President Obama"."""
    parts = [p for w in title.lower().split() for p in w.split("-")]
    for at, part in enumerate(parts):
        if part not in words:
            continue
        # the qualifier stands in the same noun group: "Secretary of State and Democratic candidate" is a candidate
        begin = max((i + 1 for i in range(at) if parts[i] in TITLE_PREPOSITIONS or parts[i] in ("and", "or")), default=0)
        qualifiers = set(parts[begin:at]) | set(parts[at + 1:at + 2])
        if (qualifiers & lexicon.words("entities/words.tsv", "role_qualifier")) - modifiers:
            return True
    return False


# Words of an organisation's name that say nothing about which one it is.
_GENERIC_ORG_WORDS = frozenset({"the", "of", "and", "for", "party", "'s", "’s"})


def _by_role(doc: Doc, span: tuple[int, int], head: Token, clusters: list[Cluster], lexicons: Lexicons) -> Cluster | None:
    # The lexicon maps a role noun to the title words it stands for ("chief" →
    # secretary-general, ...); any other noun stands for itself ("the prosecutor").
    words = lexicons.roles.get(head.lower_) or lexicons.roles.get(head.lemma_.lower())
    own_word = words is None  # then only a title that ends in this noun: "chief prosecutor", not "bank governor"
    words = words or frozenset({head.lower_})
    if head.tag_ in ("NNS", "NNPS") or head.pos_ not in ("NOUN", "PROPN"):
        return None  # "officials" is not one person
    determiners = [c.lower_ for c in head.children if c.dep_ in ("det", "nummod") and c.lower_ not in ("the", "this", "that")]
    if determiners and determiners != ["a"] and determiners != ["an"]:
        return None  # "another official", "two spokesmen": someone new, not someone named
    # "a spokesman" is someone new, not someone named before; but a lede's "a spokesman
    # said" may be named later: "The spokesman, Kwame Mensah, told ...". Then only a
    # person whose title comes after this mention, and only one, may be meant.
    later_only = bool(determiners)
    modifiers = {t.lower_ for t in doc[span[0]:span[1]] if t.i != head.i and t.pos_ in ("PROPN", "ADJ", "NOUN")}
    # An organisation the mention names is whose role it is: "the Unity Party presidential
    # nominee" is not the Democratic Party's.
    organisations = {t.lower_ for t in doc[span[0]:span[1]]
                     if t.i != head.i and t.ent_type_ == "ORG" and t.lower_ not in _GENERIC_ORG_WORDS}
    candidates = []
    for cluster in clusters:
        if cluster.label != "PERSON" or not cluster.title:
            continue
        if later_only and (cluster.title_tokens is None or cluster.title_tokens[0] < span[1]):
            continue
        title_words = set(cluster.title.lower().replace("’s", "").replace("'s", "").split())
        title_words |= {part for w in title_words for part in w.split("-")}
        if own_word:
            title_words = set(cluster.title.lower().split()[-1:])
        if title_words & words and not _qualified_away(cluster.title, words, modifiers):
            affiliation = set((cluster.affiliation or "").lower().split())
            if organisations and not organisations & (title_words | affiliation) and not later_only:
                continue
            score = len(modifiers & (title_words | affiliation))
            candidates.append((score, cluster.last_before(span[0]), cluster))
    if not candidates or (later_only and len(candidates) > 1):
        return None
    return max(candidates, key=lambda c: (c[0], c[1]))[2]


def resolve_source(
    doc: Doc,
    span: tuple[int, int],
    clusters: list[Cluster],
    by_token: dict[int, Cluster],
    recent_speakers: list[tuple[Cluster, int]],
    lexicons: Lexicons,
    quoted: Callable[[int], bool] = lambda i: False,
) -> Cluster | None:
    """The entity the source mention at token ``span`` stands for; ``quoted`` tells
    whether a token lies inside a quote (names inside quotes are not antecedents)."""
    head, span = _antecedent(doc, span, by_token)
    joint = _joint(doc, head, span, clusters, by_token)
    if joint is not None:
        return joint
    closing = _closing_name(doc, span, head, by_token)
    if closing is not None:
        return closing
    named = by_token.get(head.i)
    if named is not None:
        named = _owned_name(doc, span, named, by_token)
    if named is not None and named.label == "NORP":
        named = _apposed(doc, span, by_token) or named  # "a Republican, Mark Amodei,": he speaks, not his party
    if named is not None and named.label == UNNAMED and head.pos_ != "PRON":
        # "a fundraising email" has an author behind it, if the text says who
        named = _document_author(doc, head, clusters, by_token, recent_speakers, lexicons, quoted) or named
    if named is not None:
        return named
    lower = head.lower_
    if head.pos_ not in ("PRON",):
        named_inside = (_apposed(doc, span, by_token) or _named_as(head, by_token)
                        or _document_owner(doc, span, head, by_token))
        if named_inside is not None:
            return named_inside
        beside = _name_beside(doc, span, head, by_token) or _earlier_document(doc, head, by_token, recent_speakers)
        if beside is not None:
            return beside
        author = _document_author(doc, head, clusters, by_token, recent_speakers, lexicons, quoted)
        if author is not None:
            return author
    if lower in PERSON_PRONOUNS:
        description = _binding_description(doc, span[0], clusters, quoted)
        if description is not None:
            return (resolve_source(doc, description, clusters, by_token, recent_speakers, lexicons, quoted)
                    or unnamed_source(doc, description, clusters, lexicons.roles))
    if head.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        return pronoun_referent(doc, span[0], lower, clusters, recent_speakers, quoted)
    if head.pos_ == "PROPN":
        names = [t.text for t in doc[span[0]:span[1]] if t.pos_ == "PROPN" and t.lower_ not in lexicons.titles]
        person = find_person(clusters, names, span[0]) if names else None
        if person is not None:
            return person
    elif span[1] - span[0] == 1 and head.tag_ == "NN" and head.text[:1].isupper() and head.text[1:].islower():
        # "Radmall conceded …": a surname the tagger took for a sentence-initial common noun
        person = find_person(clusters, [head.text], span[0])
        if person is not None:
            return person
    role = _by_role(doc, span, head, clusters, lexicons)
    if role is not None:
        return role
    return _institution(doc, span, head, clusters, by_token, lexicons)


def _binding_description(doc: Doc, at: int, clusters: list[Cluster],
                         quoted: Callable[[int], bool]) -> tuple[int, int] | None:
    """"The Christian speaker told the crowd that he believes …": a pronoun subject whose
    governing clause's subject is a description of a person, not a name, is that
    person, whoever the description turns out to be (a name its title gives, or the
    description itself); the last name in the text is not. The description's words
    up to its head are returned, for resolving as a source of its own."""
    subject = governing_subject(doc, at, quoted)
    if subject is None or subject.pos_ != "NOUN" or not lexicon.names_a_person(subject.lemma_.lower()):
        return None
    clause = doc[at].head
    if clause.dep_ != "ccomp" or subject.head.i != clause.head.i:
        return None  # only a reported clause: in "a boss invited her and she thought …" she is not the boss
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children):
        return None  # "a boss" is someone new
    if subject.tag_ in ("NNS", "NNPS") or cluster_at(subject, clusters) is not None:
        return None  # a name in the phrase is bound already (``pronouns._governing_subject``)
    return subject.left_edge.i, subject.i + 1


def _joint(doc: Doc, head: Token, span: tuple[int, int], clusters: list[Cluster],
           by_token: dict[int, Cluster]) -> Cluster | None:
    """Named sources joined by "and" in one subject ("Hillary Clinton and Martin O'Malley
    have pledged", "Germany and France said") speak together: an
    entity of type GROUP named by their names, not the first of them alone. The same
    names together again are the same group."""
    conjuncts = [c for c in head.conjuncts if span[0] <= c.i < span[1]]
    if not conjuncts or not any(t.dep_ == "cc" and t.lower_ == "and" for t in doc[span[0]:span[1]]):
        return None
    members: list[Cluster] = []
    for token in sorted([head, *conjuncts], key=lambda t: t.i):
        member = by_token.get(token.i)
        if member is None or member.label not in JOINT_LABELS:
            return None  # "Clinton and her aides": not every one is named
        if member not in members:
            members.append(member)
    if len(members) < 2:
        return None
    names = [m.name for m in members]
    name = " and ".join(names) if len(names) == 2 else ", ".join(names[:-1]) + " and " + names[-1]
    group = next((c for c in clusters if c.label == GROUP and c.name == name), None)
    if group is None:
        group = Cluster(GROUP, [name], plural=True)
        clusters.append(group)
    first, last = doc[span[0]], doc[span[1] - 1]
    group.mentions.append((first.idx, last.idx + len(last.text)))
    group.positions.append(head.i)
    return group


POSSESSIVE_PRONOUNS = {"its": "it", "their": "they", "his": "he", "her": "she"}


def _document_author(doc: Doc, head: Token, clusters: list[Cluster], by_token: dict[int, Cluster],
                     recent_speakers: list[tuple[Cluster, int]], lexicons: Lexicons,
                     quoted: Callable[[int], bool]) -> Cluster | None:
    """Who a text with no named owner speaks for: the one its possessive pronoun
    stands for ("according to its polling": the paper that just reported), or who
    sent it ("his campaign sent out a fundraising email stressing …": the
    campaign). A text is its author's words, never a speaker of its own."""
    if head.lemma_.lower() not in lexicon.words("entities/words.tsv", "owned_text"):
        return None
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
            return pronoun_referent(doc, child.i, POSSESSIVE_PRONOUNS[child.lower_], clusters, recent_speakers, quoted)
    verb = head.head
    if head.dep_ == "dobj" and verb.lemma_.lower() in lexicon.words("entities/words.tsv", "sending"):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            sender = (subject.left_edge.i, subject.right_edge.i + 1)
            return (resolve_source(doc, sender, clusters, by_token, recent_speakers, lexicons, quoted)
                    or unnamed_source(doc, sender, clusters, lexicons.roles))
    return None


DOCUMENT_REACH = 150  # tokens back to the document a definite "the statement" refers to


def _earlier_document(doc: Doc, head: Token, by_token: dict[int, Cluster],
                      recent_speakers: list[tuple[Cluster, int]]) -> Cluster | None:
    """Whose document "the statement" (a definite text noun with no owner of its
    own) is: the owner of the same text mentioned earlier ("a statement by X",
    "X's statement"), or the speaker who spoke in it ("X said in a statement")."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return None
    documents = lexicon.words("entities/words.tsv", "owned_text")
    lemma = head.lemma_.lower()
    if lemma not in documents:
        return None
    for t in reversed(doc[max(0, head.i - DOCUMENT_REACH):head.i]):
        if t.lemma_.lower() != lemma or t.pos_ != "NOUN":
            continue
        owner = _document_owner(doc, (t.i, t.i + 1), t, by_token)
        if owner is not None:
            return owner
        return _spoke_in(t, recent_speakers)
    return None


def _spoke_in(document: Token, recent_speakers: list[tuple[Cluster, int]]) -> Cluster | None:
    """Who spoke in an earlier mention of a document: the subject of the verb it hangs
    on ("X said in a statement"), or the document itself when it is that subject ("a
    report noted …": later speakers in its sentence, "70 percent believe", are not it);
    else the sentence's last speaker."""
    sent = document.sent
    inside = [(c, at) for c, at in recent_speakers if sent.start <= at < sent.end]
    verb = document
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        span = range(subject.left_edge.i, subject.right_edge.i + 1)
        found = next((c for c, at in reversed(inside) if at in span), None)
        if found is not None or subject.i == document.i:
            return found
    return inside[-1][0] if inside else None


# Prepositions that put the name after them in someone else's service: "a spokesman for Senator Smith".
SERVING_PREPS = frozenset({"for", "with", "by", "on", "behalf"})


def _closing_name(doc: Doc, span: tuple[int, int], head: Token, by_token: dict[int, Cluster]) -> Cluster | None:
    """A person's name that closes a source made of a long title and the name, however the
    parse joined them: "US Ambassador to Germany Richard Grenell" (the name hung on "to"),
    "speaker of the parliament Ali Larijani" (a second subject). The head must be a word for a
    person outside any name, with no comma before the name: "Gov. Phil Bryant of Mississippi,
    a former backer of Sen. Ted Cruz" is Bryant. The name is the speaker unless the title is
    someone's in the name's service ("spokesman for Senator John Smith"), a group
    ("supporters of Bernie Sanders") or set off by an article ("the wife of John Smith")."""
    last = doc[span[1] - 1]
    person = by_token.get(last.i)
    if person is None or person.label != "PERSON" or last.pos_ != "PROPN" or head.i in by_token:
        return None  # a head inside a name: "Gov. Phil Bryant of Mississippi, a former backer of Sen. Ted Cruz"
    lemma = head.lemma_.lower()
    if (head.tag_ in ("NNS", "NNPS") or not lexicon.names_a_person(lemma) or any(c.dep_ == "det" for c in head.children)
            or lemma in lexicon.words("entities/words.tsv", "kin")):
        return None  # "mother of victim Ana Lutz" is not Ana Lutz
    start = last.i
    while start - 1 > head.i and by_token.get(start - 1) is person:
        start -= 1
    title = doc[span[0]:start]
    if not len(title) or head.i >= start or doc[start - 1].is_punct or any(
            t.text == "," or t.lower_ in SERVING_PREPS or t.pos_ in ("VERB", "AUX", "PRON") or t.tag_ == "POS"
            for t in title):
        return None
    return person


def _name_beside(doc: Doc, span: tuple[int, int], head: Token, by_token: dict[int, Cluster]) -> Cluster | None:
    """The name a description is set beside, where the source span holds only the
    description: "Youssef Chahed, [the Prime Minister], signed", "according to
    [eyewitness] Vinnie DeVita". Only what lies between them may be punctuation or
    the same name, so a misparsed apposition to a distant name does not count."""
    name = head.head
    if head.dep_ not in ("appos", "compound") or head.pos_ not in ("NOUN", "PROPN") or name.i not in by_token:
        return None
    cluster = by_token[name.i]
    between = doc[name.i + 1:span[0]] if name.i < span[0] else doc[span[1]:name.i]
    if all(t.is_punct or by_token.get(t.i) is cluster for t in between):
        return cluster
    return None


def _apposed(doc: Doc, span: tuple[int, int], by_token: dict[int, Cluster]) -> Cluster | None:
    """The name a description gives in apposition or with a naming participle:
    "A member of parliament, Samir Dilou," (the parser may hang the apposition
    on any word of the description), "The militant group, the Islamic State,",
    "a student named Wong"."""
    naming = lexicon.words("entities/words.tsv", "naming")
    for i in range(*span):
        token = doc[i]
        if i not in by_token:
            continue
        if token.dep_ == "appos" and token.head.i in range(*span) and by_token.get(token.head.i) is not by_token[i]:
            return by_token[i]
        # The parse may make the name a second subject: "A member of parliament, Samir Dilou said".
        comma_before = doc[i].left_edge.i - 1
        if (by_token[i].label == "PERSON" and not span[0] <= token.head.i < span[1] and i > span[0]
                and comma_before >= span[0] and doc[comma_before].text == ","):
            return by_token[i]
        if token.dep_ in ("oprd", "attr", "dobj", "xcomp") and token.head.lemma_.lower() in naming and token.head.dep_ == "acl":
            return by_token[i]
    return None


def _named_as(head: Token, by_token: dict[int, Cluster]) -> Cluster | None:
    """"A woman later identified as Eva Resnick-Day, an activist, demanded …": a naming
    participle with "as" gives the description's name, whether the parse hung it on the
    description or made it the main verb with the description as subject ("police
    identified the suspect as …" names the suspect, not the police: a verb with an object
    is not the participle)."""
    naming = lexicon.words("entities/words.tsv", "naming")
    verbs = [c for c in head.children if c.dep_ == "acl"]
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.tag_ == "VBN":
        verbs.append(head.head)
    for verb in verbs:
        if verb.lemma_.lower() not in naming or any(c.dep_ == "dobj" for c in verb.children):
            continue
        as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        name = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
        if name is not None and name.i in by_token and by_token[name.i].label == "PERSON":
            return by_token[name.i]
    return None


def _document_owner(doc: Doc, span: tuple[int, int], head: Token, by_token: dict[int, Cluster]) -> Cluster | None:
    """Who a document or data set speaks for: "Johns Hopkins University data",
    "PG&E's schedule", "a report by Amnesty International"."""
    documents = lexicon.words("entities/words.tsv", "owned_text")
    if head.lemma_.lower() not in documents and head.lower_ not in documents:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            owner = next((by_token[t.i] for t in child.subtree if t.i in by_token), None)
            if owner is not None:
                return owner
    owners = [by_token[t.i] for t in head.lefts for t in t.subtree if t.i in by_token]
    return owners[0] if owners else None


def person_noun(head: Token, roles: Container[str]) -> tuple[bool, str | None]:
    """Whether a singular noun stands for one person ("the head of the unit", "a
    witness", "his mother"), and the gender it gives ("the spokeswoman"), from the
    role nouns and the entity word lists."""
    if head.tag_ != "NN":
        return False, None
    word = head.lower_
    gender = ("f" if word.endswith("woman") or word in lexicon.words("entities/words.tsv", "female")
              else "m" if word.endswith("man") or word in lexicon.words("entities/words.tsv", "male") else None)
    person = (gender is not None or word in roles or word in lexicon.words("entities/words.tsv", "person")
              or word in lexicon.words("entities/words.tsv", "kin"))
    return person, gender if person else None


def unnamed_source(doc: Doc, span: tuple[int, int], clusters: list[Cluster],
                   roles: Container[str] = frozenset()) -> Cluster | None:
    """An entity for a source the article does not name ("officials", "a government
    official", "state media", "Reports"), named by its head phrase; the same phrase
    twice in an article is one entity. Pronouns get none: "they" names nobody.
    A name the recogniser missed ("WSET-TV") gets an entity of its own."""
    head, span = _antecedent(doc, span, {})
    pronoun = head.pos_ == "PRON" and not _quantifier(head)  # "Some called for …" is a group of its own
    if pronoun or head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS:
        return None
    if (not head.is_alpha and head.pos_ != "PROPN") or head.ent_type_ in NUMERIC_ENTITIES:
        return None  # a number, a symbol or a date names no one ("in July, which showed …")
    start = head.left_edge.i if head.left_edge.i >= span[0] else span[0]
    while start < head.i and (doc[start].pos_ in ("DET", "ADV", "CCONJ") or doc[start].is_punct):
        start += 1  # "Even an anti-Trump PAC revealed": the PAC is named without "Even an"
    if head.pos_ == "PROPN":
        # "an angry Ana Ruiz": a name the recogniser missed starts at its first proper noun
        while start < head.i and doc[start].pos_ in ("ADJ", "ADV") and all(t.pos_ == "PROPN" for t in doc[start + 1:head.i + 1]):
            start += 1
        while head.i - start >= 2 and describes(doc[start], doc[start + 1:head.i + 1]):
            start += 1  # "Comedian Ana Ruiz": a description, not part of the name
    end = head.i + 1
    after = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in UNNAMED_PREPS), None)
    if after is not None and after.i == end and after.right_edge.i + 1 - start <= UNNAMED_MAX_TOKENS:
        end = after.right_edge.i + 1
    # "The government and the pro-Beijing camp claimed": both parties speak, so both name the source
    conj = next((c for c in head.rights if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None)
    if (conj is not None and end < len(doc) and doc[end].dep_ == "cc" and conj.right_edge.i < span[1]
            and conj.right_edge.i + 1 - start <= UNNAMED_MAX_TOKENS):
        end = conj.right_edge.i + 1
    name = doc[start:end].text
    owner = _possessor(doc, start, end, clusters)
    if owner is not None:
        name = f"{owner.name}'s {doc[start + 1:end].text}"  # "his publicist" names no one; "Tony Mendez's publicist" does
    if head.pos_ == "PROPN" and all(t.pos_ == "PROPN" for t in doc[start:end]):
        known = next((c for c in clusters if c.label != UNNAMED and name in c.names), None)
        if known is not None:  # a short form defined earlier: "(Phivolcs)" ... "Phivolcs reported"
            known.positions.append(head.i)
            return known
        label = _missed_name_label(name, doc[start:end])
    else:
        label = UNNAMED
    existing = next((c for c in clusters if c.label == label and c.name.lower() == name.lower()), None)
    if existing is not None:
        existing.positions.append(head.i)
        return existing
    cluster = Cluster(label, [name], positions=[head.i], plural=head.tag_ in ("NNS", "NNPS"))
    if label == UNNAMED:
        cluster.person, cluster.gender = person_noun(head, roles)
    clusters.append(cluster)
    return cluster


def _possessor(doc: Doc, start: int, end: int, clusters: list[Cluster]) -> Cluster | None:
    """For a description opened by "his" or "her" ("his publicist said"), the person
    it belongs to: the latest person of that gender (or of none known) named before it."""
    gender = {"his": "m", "her": "f"}.get(doc[start].lower_)
    if gender is None or doc[start].tag_ != "PRP$" or end - start < 2:
        return None
    people = [(c.last_before(start), c) for c in clusters if c.label == "PERSON" and compatible(c, gender)]
    people = [(p, c) for p, c in people if p >= 0]
    return max(people, key=lambda pc: pc[0])[1] if people else None


def _missed_name_label(name: str, tokens) -> str:
    """The type of a name the recogniser missed, from the actor dictionaries
    ("Chisinau said" is a state speaking), else from its shape."""
    actor = code_text(name)
    if actor is not None and actor.country and not actor.org and not actor.sector:
        return "GPE"
    if actor is not None and (actor.org or actor.sector):
        return "ORG"
    return "PERSON" if all(t.is_title and t.is_alpha for t in tokens) and len(tokens) <= 3 else "ORG"


def _subject_within(doc: Doc, cluster: Cluster, start: int, end: int) -> bool:
    """Whether one of the cluster's mentions between tokens ``start`` and ``end`` is a clause's subject."""
    for first, last in cluster.mentions:
        mention = doc.char_span(first, last, alignment_mode="expand")
        if mention is not None and start <= mention.start < end and mention.root.dep_ in ("nsubj", "nsubjpass"):
            return True
    return False


def _institution(
    doc: Doc, span: tuple[int, int], head: Token, clusters: list[Cluster], by_token: dict[int, Cluster], lexicons: Lexicons
) -> Cluster | None:
    """"U.S. intelligence", "the Chinese foreign ministry": an organisation of its own,
    affiliated with the state or organisation named inside; "the ministry" later
    refers back to it. Other descriptions stay unresolved."""
    inside = [by_token[i] for i in range(*span) if i in by_token and by_token[i].label != "PERSON"]
    noun = head.lower_
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children)
    if not inside and definite and head.tag_ == "NN":
        # "the bank" after "the European Central Bank": a definite description names
        # an organisation already introduced whose name ends with it, or holds it as an
        # institution noun ("the ministry" after "the Ministry of Health").
        institution = noun in lexicons.institutions
        earlier = [c for c in clusters if c.label == "ORG" and c.last_before(span[0]) >= 0
                   and (c.name.lower().split()[-1:] == [noun] or institution and noun in c.name.lower().split())]
        if earlier:
            return max(earlier, key=lambda c: c.last_before(span[0]))
        if noun in lexicon.words("entities/words.tsv", "org_kind"):
            # "Toyota recalled cars. The carmaker said": the organisation named just before
            near = [c for c in clusters if c.label == "ORG" and c.last_before(span[0]) >= 0
                    and span[0] - c.last_before(span[0]) <= ORG_REACH]
            # the one the text is about, a subject, before one it only addressed ("the
            # foundation declined, telling Fox 35 that …. The group said"), then recency
            acting = [c for c in near if _subject_within(doc, c, span[0] - ORG_REACH, span[0])]
            if acting or near:
                return max(acting or near, key=lambda c: c.last_before(span[0]))
    if noun not in lexicons.institutions and head.lemma_.lower() not in lexicons.institutions:
        return None  # "European steelmakers" do not speak for Europe
    if not inside:
        return None
    start = span[0]
    while start < head.i and doc[start].pos_ == "DET":
        start += 1
    name = doc[start:head.i + 1].text
    existing = next((c for c in clusters if c.label == "ORG" and name.lower() in (n.lower() for n in c.names)), None)
    if existing is not None:
        existing.positions.append(head.i)
        return existing
    cluster = Cluster("ORG", [name], affiliation=inside[0].name, positions=[head.i])
    clusters.append(cluster)
    return cluster

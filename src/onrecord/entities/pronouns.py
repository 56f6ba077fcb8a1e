"""Who a pronoun source stands for: "he" and "she" by gender, recency and the subject
of the clause it sits in (binding); "it" and "they" by the state, organisation or
group the sentence is about, else the latest such speaker.

``resolve_source`` (entities/speakers.py) calls ``pronoun_referent`` for pronoun
sources; the rules here only read the parse and the entity clusters.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Token

from .. import lexicon
from ..attribution.voices import can_speak
from ..schema import GROUP, UNNAMED
from ..tokens import last_word
from .mentions import Cluster

PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = {"they", "it", "we"}
PRONOUN_REACH = 40  # tokens: about two sentences
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def compatible(cluster: Cluster, gender: str) -> bool:
    """A person whose gender is unknown, or the pronoun's."""
    return cluster.gender in (None, gender)


def _is_subject(doc: Doc, position: int) -> bool:
    """Whether the name ending at token ``position`` is the subject of a finite
    main clause (``_main_clause``), or in apposition to it ("The chief, Ana Lutz, said"): the person a
    clause is about, whom a later pronoun most likely continues (centering),
    unlike a name in an object, a prepositional phrase or the subject of an
    infinitive ("pushing for Mr. Trump to own the issue")."""
    token = doc[position]
    if token.dep_ == "appos":
        token = token.head
    elif token.head.dep_ == "acl" and token.head.lemma_.lower() in _naming_verbs() and token.head.i < token.i:
        token = token.head.head  # "a worker named Antonio Arroyo has …": the worker is the subject
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.head.children)
    if token.dep_ not in SUBJECT_DEPS or infinitive:
        return False
    return _main_clause(token.head) or _speaks_aside(token.head)


def _naming_verbs() -> frozenset[str]:
    return lexicon.words("entities/words.tsv", "naming")  # "a student named Wong"


def _speaks_aside(verb: Token) -> bool:
    """A verb of saying in a clause beside the main one, not inside anyone's words: "…,
    as Mr. McDonough suggested at the meeting." Its subject spoke, as much as a main
    clause's would; "Obama said Biden argued …" reports Biden inside Obama's words and
    leaves "he said" to Obama."""
    if verb.lemma_.lower() not in lexicon.default().verbs or verb.dep_ not in ("advcl", "relcl", "conj", "parataxis"):
        return False
    return not any(a.lemma_.lower() in lexicon.default().verbs for a in verb.ancestors)


def _main_clause(verb: Token) -> bool:
    """Whether the verb heads its sentence's main clause, or a clause coordinated with
    it. The subject of an embedded clause ("it may be clear whether Trump will be the
    nominee", "he noted") is what the sentence talks about, not who it is about, so
    it does not take a later "he said" from the speaker it continues."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


EMBEDDING_DEPS = ("advcl", "ccomp", "xcomp", "conj", "parataxis")  # clauses a pronoun subject sits in


def governing_subject(doc: Doc, at: int, quoted: Callable[[int], bool]) -> Token | None:
    """The subject of the clause a pronoun subject's clause sits inside, named before it:
    "Clinton, though she praised Garland, stopped short of …", "Graham assures his
    audience he will tell …", "The Christian speaker told the crowd that he believes …".
    The first governing clause with a subject decides; None when there is none."""
    pronoun = doc[at]
    if pronoun.dep_ not in SUBJECT_DEPS or quoted(at):
        return None
    verb, hops = pronoun.head, 0
    dislocated = next((c for c in verb.children if c.dep_ == "dep" and c.pos_ == "PROPN" and c.i < at
                       and doc[last_word(c) + 1].text == ","), None)
    if dislocated is not None:
        return dislocated  # "Clinton, though she praised …" parsed with the name hung on the pronoun's verb
    while verb.dep_ in EMBEDDING_DEPS and verb.head.i != verb.i and hops < 3:
        verb, hops = verb.head, hops + 1
        if verb.pos_ in ("PROPN", "NOUN") and verb.i < at:
            return verb  # "Clinton, though she praised …": the parser hung the clause on the name
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < at), None)
        if subject is not None:
            return subject
    return None


def _governing_subject(doc: Doc, at: int, gender: str, clusters: list[Cluster],
                       quoted: Callable[[int], bool]) -> Cluster | None:
    """The person a pronoun subject refers to when the clause it is in sits inside a
    clause whose subject is that person (``governing_subject``). Within one sentence
    the subject of the governing clause binds the pronoun (a name outside the sentence
    that spoke last does not). A name of the other gender, a thing or another pronoun
    leaves it to recency."""
    subject = governing_subject(doc, at, quoted)
    if subject is None or subject.pos_ == "PRON":
        return None
    found = cluster_at(subject, clusters)
    return found if found is not None and compatible(found, gender) else None


def cluster_at(phrase: Token, clusters: list[Cluster], labels: tuple[str, ...] = ("PERSON",)) -> Cluster | None:
    """The cluster of one of ``labels`` with a mention in the phrase ``phrase`` heads, up to its
    head, or in a name set beside it ("Sanders's campaign manager, Jeff Weaver,"), which
    comes first. A person named as the possessor of another person is not that person
    ("Sanders's campaign manager" is not Sanders; "Powell's office" speaks for Powell)."""
    for appos in (c for c in phrase.children if c.dep_ == "appos"):
        found = next((c for c in clusters if c.label in labels
                      and any(appos.left_edge.i <= p <= appos.right_edge.i for p in c.positions)), None)
        if found is not None:
            return found
    owners = []
    if labels == ("PERSON",) and lexicon.names_a_person(phrase.lemma_.lower()):
        owners = [range(c.left_edge.i, c.right_edge.i + 1) for c in phrase.children if c.dep_ == "poss"]
    return next((c for c in clusters if c.label in labels
                 and any(phrase.left_edge.i <= p <= phrase.i and not any(p in o for o in owners)
                         for p in c.positions)), None)


def _by_pronoun(
    doc: Doc, at: int, gender: str, clusters: list[Cluster], recent_speakers: list[tuple[Cluster, int]],
    quoted: Callable[[int], bool]
) -> Cluster | None:
    """The latest compatible speaker, unless a compatible person was named after
    that speaker and close before the pronoun (within PRONOUN_REACH tokens outside quotes) as the
    subject of a clause, or is known to have the pronoun's gender while the speaker is not.
    A name in an object position or of unknown gender ("reinstating Glass-Steagall, she said")
    does not take the pronoun from the speaker it continues, nor does a name of known gender
    when the speaker's is known too ("Humphrey said the push backed Cruz. 'Stop Trump
    first,' he said": Humphrey goes on speaking); with no speaker to continue, the latest
    subject in reach wins, else the latest name. A pronoun bound by its sentence's governing subject
    (``_governing_subject``) goes to that person first."""
    bound = _governing_subject(doc, at, gender, clusters, quoted)
    if bound is not None:
        if bound.gender is None:
            bound.gender = gender
        return bound
    speaker = next(((c, p) for c, p in reversed(recent_speakers)
                    if (c.label == "PERSON" or c.person) and compatible(c, gender)), None)
    mentions = [(p, c) for c in clusters if c.label == "PERSON" and compatible(c, gender)
                for p in c.positions if p < at and not quoted(p)]
    mentions.sort(key=lambda pc: pc[0])
    after = speaker[1] if speaker else -1
    # Reach counts the words outside quotes: a quote between a name and "he wrote" is what he wrote.
    later = [(p, c) for p, c in mentions if p > after]
    in_focus = _focus(doc, later[0][0] if later else at, at, gender, quoted)
    close = [(p, c) for p, c in later if in_focus(p)]
    subjects = [(p, c) for p, c in close if _is_subject(doc, p)]
    known = [(p, c) for p, c in close if c.gender == gender]
    if subjects:
        chosen = subjects[-1][1]
    elif known and not (speaker is not None and speaker[0].gender == gender):
        chosen = known[-1][1]
    elif speaker is not None:
        chosen = speaker[0]
    else:
        chosen = mentions[-1][1] if mentions else None
    if chosen is not None and chosen.gender is None:
        chosen.gender = gender  # "he said" tells us; a later "she" is someone else
    return chosen


def _focus(doc: Doc, first: int, at: int, gender: str, quoted: Callable[[int], bool]) -> Callable[[int], bool]:
    """Whether a name at a given position is still in focus at the pronoun ``at``: within
    PRONOUN_REACH words outside quotes, or within reach of a subject pronoun of its gender
    that is itself in reach ("Jennifer Shanklin-Hawkins is one of those workers. … she
    earns … And when she saw … 'I loved it,' she said": each "she" carries her on).
    The words outside quotes are counted once per pronoun, from ``first`` (the earliest name
    that may be asked about), not once per name."""
    outside = [0]  # outside[k]: words outside quotes from ``first`` up to token first + k
    for i in range(first, at):
        outside.append(outside[-1] + (not quoted(i)))
    chain = [i for i in range(first, at) if PERSON_PRONOUNS.get(doc[i].lower_) == gender
             and doc[i].dep_ in SUBJECT_DEPS and not quoted(i)]

    def reach(start: int, end: int) -> int:
        return outside[end - first] - outside[start - first]

    def in_focus(position: int) -> bool:
        cursor = position
        for i in chain:
            if i <= cursor:
                continue
            if reach(cursor, at) <= PRONOUN_REACH:
                return True
            if reach(cursor, i) > PRONOUN_REACH:
                return False  # the chain broke before this pronoun
            cursor = i
        return reach(cursor, at) <= PRONOUN_REACH

    return in_focus


def pronoun_referent(doc: Doc, at: int, lower: str, clusters: list[Cluster],
                      recent_speakers: list[tuple[Cluster, int]], quoted: Callable[[int], bool]) -> Cluster | None:
    if lower in PERSON_PRONOUNS:
        return _by_pronoun(doc, at, PERSON_PRONOUNS[lower], clusters, recent_speakers, quoted)
    if lower in ("they", "it"):
        subject = _subject_referent(doc, at, clusters, lower)
        if subject is not None:
            return subject
        for cluster, _ in reversed(recent_speakers):
            # A state or a company is "it" or "they"; an unnamed group ("officials") or a
            # group of names ("Park and Lind") is only "they", an unnamed one ("a report") only "it".
            if cluster.label != "PERSON" and (cluster.label not in (UNNAMED, GROUP)
                                              or cluster.plural is (lower == "they")):
                return cluster
    return None


_SUBJECT_LABELS = {"it": ("ORG", "GPE"), "they": ("ORG", "NORP")}


def _subject_referent(doc: Doc, at: int, clusters: list[Cluster], lower: str) -> Cluster | None:
    """A state or organisation that is the subject of the pronoun's sentence, before it,
    or of the sentence before: "The safety board was absent. It is unable to operate;
    its website notes …" continues the board, not the last organisation that spoke.
    A pronoun subject on the way passes the search back ("It … its")."""
    sent = doc[at].sent
    sentences = [sent] + ([doc[sent.start - 1].sent] if sent.start > 0 else [])
    for s in sentences:
        subjects = [t for t in s if t.dep_ in SUBJECT_DEPS and t.i < at]
        for t in reversed(subjects):
            if t.pos_ == "PRON":
                continue
            if lower == "they" and t.tag_ == "NN" and not can_speak(t):
                # a singular thing is no "they": "Clinton's position angered some Democrats.
                # They have made the case …" are the group that sentence named last
                return _latest_group(doc, s.start, at, clusters)
            found = cluster_at(t, clusters, _SUBJECT_LABELS[lower])
            return found  # the nearest subject decides, even when it is no state or organisation
    return None


def _latest_group(doc: Doc, start: int, at: int, clusters: list[Cluster]) -> Cluster | None:
    """The group or organisation named last from token ``start`` (the start of the sentence
    whose subject was a thing) up to the pronoun at ``at``, a plural name first ("some
    Republicans in the Senate": the Republicans; "GOP efforts to turn …, by highlighting
    what they say": the GOP, named in the pronoun's own sentence)."""
    named = [(p, c) for c in clusters if c.label in ("NORP", "ORG") for p in c.positions if start <= p < at]
    plural = [(p, c) for p, c in named if doc[p].tag_ in ("NNS", "NNPS")]
    return max(plural or named, key=lambda pc: pc[0])[1] if named else None

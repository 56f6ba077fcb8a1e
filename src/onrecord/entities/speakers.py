"""Resolve each attribution's source mention to an entity of the article.

Names resolve through the entity clusters; role nouns ("the NATO chief") to
the latest person introduced with a matching title; pronouns to the latest
compatible speaker; organisations and states speak for themselves
("Beijing said"). Bare descriptions ("officials", "a source") stay unresolved.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Token

from ..lexicon import Lexicons
from .mentions import Cluster, find_person

PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = {"they", "it", "we"}
RELATIVE_PRONOUNS = ("who", "which", "that")
PRONOUN_REACH = 40  # tokens: about two sentences


def _head(doc: Doc, span: tuple[int, int]) -> Token:
    tokens = doc[span[0]:span[1]]
    return tokens.root


def _compatible(cluster: Cluster, gender: str) -> bool:
    return cluster.gender in (None, gender)


def _by_role(doc: Doc, span: tuple[int, int], head: Token, clusters: list[Cluster], lexicons: Lexicons) -> Cluster | None:
    words = lexicons.roles.get(head.lower_) or lexicons.roles.get(head.lemma_.lower())
    if not words or head.tag_ in ("NNS", "NNPS"):
        return None  # "officials" is not one person
    if any(c.dep_ in ("det", "nummod") and c.lower_ not in ("the", "this", "that") for c in head.children):
        return None  # "a spokesman", "another official": someone new, not someone named before
    modifiers = {t.lower_ for t in doc[span[0]:span[1]] if t.i != head.i and t.pos_ in ("PROPN", "ADJ", "NOUN")}
    candidates = []
    for cluster in clusters:
        if cluster.label != "PERSON" or not cluster.title:
            continue
        title_words = set(cluster.title.lower().replace("’s", "").replace("'s", "").split())
        title_words |= {part for w in title_words for part in w.split("-")}
        if title_words & words:
            affiliation = (cluster.affiliation or "").lower()
            score = len(modifiers & (title_words | set(affiliation.split())))
            candidates.append((score, cluster.last_before(span[0]), cluster))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1]))[2]


def _by_pronoun(
    at: int, gender: str, clusters: list[Cluster], recent_speakers: list[tuple[Cluster, int]], quoted: Callable[[int], bool]
) -> Cluster | None:
    """The latest compatible speaker, unless a compatible person was named after
    that speaker and close before the pronoun (within PRONOUN_REACH tokens)."""
    speaker = next(((c, p) for c, p in reversed(recent_speakers) if c.label == "PERSON" and _compatible(c, gender)), None)
    people = [(c, c.last_before(at)) for c in clusters if c.label == "PERSON" and _compatible(c, gender)]
    people = [(c, max((p for p in c.positions if p < at and not quoted(p)), default=-1)) for c, _ in people]
    people = [(c, p) for c, p in people if p >= 0]
    named = max(people, key=lambda cp: cp[1]) if people else None
    chosen = named[0] if named and (speaker is None or (named[1] > speaker[1] and at - named[1] <= PRONOUN_REACH)) else (
        speaker[0] if speaker else None
    )
    if chosen is not None and chosen.gender is None:
        chosen.gender = gender  # "he said" tells us; a later "she" is someone else
    return chosen


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
    head = _head(doc, span)
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        head = head.head.head  # "Smith, who said ...": the relative pronoun stands for Smith
        span = (head.left_edge.i, head.i + 1)
    named = by_token.get(head.i)
    if named is not None:
        return named
    lower = head.lower_
    if head.pos_ not in ("PRON",):
        # "Sudan's ambassador to the UN, Omar Hassan Eltayeb": the person named in apposition.
        people = [by_token[i] for i in range(*span) if i in by_token and by_token[i].label == "PERSON"]
        appositions = [c for c in head.children if c.dep_ == "appos"]
        if people and appositions:
            return people[-1]
    if head.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        if lower in PERSON_PRONOUNS:
            return _by_pronoun(span[0], PERSON_PRONOUNS[lower], clusters, recent_speakers, quoted)
        if lower in ("they", "it"):
            for cluster, _ in reversed(recent_speakers):
                if cluster.label != "PERSON":
                    return cluster
        return None
    if head.pos_ == "PROPN":
        names = [t.text for t in doc[span[0]:span[1]] if t.pos_ == "PROPN" and t.lower_ not in lexicons.titles]
        person = find_person(clusters, names, span[0]) if names else None
        if person is not None:
            return person
    role = _by_role(doc, span, head, clusters, lexicons)
    if role is not None:
        return role
    return _institution(doc, span, head, clusters, by_token, lexicons)


def _institution(
    doc: Doc, span: tuple[int, int], head: Token, clusters: list[Cluster], by_token: dict[int, Cluster], lexicons: Lexicons
) -> Cluster | None:
    """"U.S. intelligence", "the Chinese foreign ministry": an organisation of its own,
    affiliated with the state or organisation named inside; "the ministry" later
    refers back to it. Other descriptions stay unresolved."""
    inside = [by_token[i] for i in range(*span) if i in by_token and by_token[i].label != "PERSON"]
    noun = head.lower_
    if noun not in lexicons.institutions and head.lemma_.lower() not in lexicons.institutions:
        return None  # "European steelmakers" do not speak for Europe
    if not inside:
        earlier = [c for c in clusters if c.label == "ORG" and c.name.lower().split()[-1:] == [noun] and c.last_before(span[0]) >= 0]
        return max(earlier, key=lambda c: c.last_before(span[0])) if earlier else None
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

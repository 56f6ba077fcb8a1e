"""Entities inside one article: named-entity mentions merged into people,
organisations and places, each with a canonical name, a title and an affiliation.

Merging is deliberately simple and explainable: a shorter person mention joins
the person whose full name ends with it ("Solberg" → "Maren Solberg"); an
acronym joins the organisation it abbreviates ("NATO").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..attribution.credits import credit_spans
from ..lexicon import Lexicons
from ..tokens import doc_text, spaced_dash, starts_paragraph

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
NAME_TRIM = ("the", "'s", "’s", "'", "’")


@dataclass
class Cluster:
    """One entity being built: its mentions are (start_char, end_char) pairs."""

    label: str
    names: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    title_tokens: tuple[int, int] | None = None
    affiliation: str | None = None
    gender: str | None = None  # "m", "f" or None
    positions: list[int] = field(default_factory=list)  # token index of each mention, in order
    plural: bool | None = None  # for unnamed sources: "officials" (True), "a spokesman" (False)
    person: bool = False  # an unnamed source that is one person ("the head of the unit"): "she" can continue it

    def last_before(self, token: int) -> int:
        """Token index of the latest mention before ``token``, or -1: recency for resolution."""
        earlier = [p for p in self.positions if p < token]
        return earlier[-1] if earlier else -1

    @property
    def name(self) -> str:
        # Longest name, but never a dateline's shouting capitals when another spelling exists.
        return max(self.names, key=lambda n: (not n.isupper(), len(n.split()), len(n)))


def _widen_person(doc: Doc, ent: Span, lexicons: Lexicons) -> Span:
    """Take in first names the recogniser left out: "Ana" in "Ana Lutz"."""
    start = ent.start
    while (
        start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound"
        and doc[start - 1].head.i in range(start, ent.end) and not doc[start - 1].ent_type_
        and doc[start - 1].lower_ not in lexicons.titles and doc[start - 1].text[:1].isupper()
    ):
        start -= 1
    end = ent.end
    # "Baek Min-jae": the recogniser stops at the hyphen.
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2
    # "Ursula von der" + "Leyen": a name does not end in a particle; take in the capitalised word after it.
    particles = lexicon.words("entities/words.tsv", "particle")
    if end < len(doc) and doc[end - 1].lower_ in particles and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    return Span(doc, start, end, label=ent.label_) if (start, end) != (ent.start, ent.end) else ent


def _name_tokens(ent: Span, lexicons: Lexicons) -> tuple[list[Token], list[Token]]:
    """Split an entity span into (leading title/honorific tokens, name tokens)."""
    tokens = [t for t in ent if t.lower_ not in NAME_TRIM]
    while ent.label_ == "PERSON" and len(tokens) > 1 and lexicons.titles.get(tokens[-1].lower_, ("",))[0] == "suffix":
        tokens.pop()  # "Eleanor Whitlock KC" is Eleanor Whitlock
    lead: list[Token] = []
    while ent.label_ == "PERSON" and len(tokens) > 1 and (tokens[0].lower_ in lexicons.titles or tokens[0].text in "-–"):
        lead.append(tokens.pop(0))
    while ent.label_ == "PERSON" and len(tokens) > 2 and describes(tokens[0], tokens[1:]):
        lead.append(tokens.pop(0))  # "Comedian Sarah Silverman", "Actress Zoe Saldana": a description, not the name
    return lead, tokens


def describes(token: Token, name: Sequence[Token]) -> bool:
    """Whether ``token`` is a noun for a kind of person set before a person's name of two
    words or more ("Comedian Sarah Silverman"), not a first name ("Hunter S. Bell") nor
    part of a name that is no person's ("Super Glass-Steagall")."""
    word = token.lower_
    return (word in lexicon.people_words() and word not in lexicon.words("entities/first_names.tsv", "m")
            and word not in lexicon.words("entities/first_names.tsv", "f") and len(name) >= 2
            and all(t.is_alpha or (len(t.text) == 2 and t.text[1] == ".") for t in name))


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _is_title_word(token: Token, lexicons: Lexicons) -> bool:
    return lexicons.titles.get(token.lower_, (None,))[0] == "title"


def _proper(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("ORG", "GPE", "NORP")


def _title_complement(doc: Doc, first: int, lexicons: Lexicons) -> int | None:
    """The title word whose complement of proper nouns ends right before the name token
    ``first``: "Ambassador" in "US Ambassador to Germany Richard Grenell", "Secretary" in
    "Secretary of the Air Force James Roche" (a title's own of/to/for/from phrase stands
    between its head and the name). None when no such phrase is there."""
    i = first - 1
    # A title word inside a named complement is part of the name ("Secretary of State").
    while i >= 0 and first - i <= 5 and _proper(doc[i]) and (doc[i].ent_type_ or not _is_title_word(doc[i], lexicons)):
        i -= 1
    if i == first - 1:
        return None  # no proper noun after the preposition
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and doc[i].lower_ in TITLE_PREPOSITIONS and _is_title_word(doc[i - 1], lexicons):
        return i - 1
    return None


# The prepositions a title's complement takes: "Minister of", "Ambassador to", "Envoy for", "Senator from".
TITLE_PREPOSITIONS = frozenset({"of", "to", "for", "from"})


def _title_before(doc: Doc, first: int, lexicons: Lexicons) -> tuple[int, int] | None:
    """"NATO Secretary-General" before the name token ``first`` in
    "NATO Secretary-General Maren Solberg" (hyphens join title words), with the title's
    complement ("US Ambassador to Germany") and its adjectives ("Former US presidential
    candidate")."""
    head = _title_complement(doc, first, lexicons)
    i, start, has_title_word = first - 1 if head is None else head, first, False
    while i >= 0 and first - i <= 10:
        token = doc[i]
        if _is_title_word(token, lexicons):
            has_title_word = True
        elif token.text in ("-", "–") and i > 0 and _is_title_word(doc[i - 1], lexicons):
            pass
        elif has_title_word and (_proper(token) or token.lower_ in ("'s", "’s")):
            pass
        elif has_title_word and token.pos_ == "ADJ" and token.dep_ == "amod":
            pass  # "presidential candidate", "former minister"
        else:
            break
        start = i
        i -= 1
    return (start, first) if has_title_word else None


def _definite_role(token: Token, lexicons: Lexicons) -> bool:
    """A noun that can be a person's role in apposition: a title word ("the NATO
    chief"), or any singular common noun made definite by "the" or a possessive
    ("the team's coach", "his lawyer"): a definite description names a role the
    reader can identify; "a father of two" describes, and is no title."""
    if token.lower_ in lexicons.titles:
        return True
    if token.lemma_.lower() in lexicon.words("entities/words.tsv", "kin"):
        return False  # "his son, Hunter Corwin": a tie, not a role
    definite = any((c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in token.children)
    return token.pos_ == "NOUN" and token.tag_ == "NN" and definite


def _same_line(doc: Doc, a: int, b: int) -> bool:
    """No line break between tokens a and b: an apposition across a headline's end
    ("Corwin pardons his son" / "Hunter Corwin was ...") is a misparse."""
    return not any("\n" in t.text or "\n" in t.whitespace_ for t in doc[min(a, b):max(a, b)])


def _title_apposition(doc: Doc, ent: Span, lexicons: Lexicons) -> tuple[int, int] | None:
    """"the NATO chief" in "Maren Solberg, the NATO chief, said"."""
    head = ent.root
    for child in head.children:
        if (child.dep_ == "appos" and child.i > ent.end - 1 and _definite_role(child, lexicons)
                and _same_line(doc, head.i, child.i)):
            start, end = child.left_edge.i, child.right_edge.i + 1
            while start < end and doc[start].pos_ == "DET":
                start += 1
            return start, end
    # "the NATO chief, Maren Solberg": the name is the apposition of the role noun.
    if (head.dep_ == "appos" and _definite_role(head.head, lexicons) and head.head.i < ent.start
            and _same_line(doc, head.head.i, ent.start)):
        role = head.head
        start = role.left_edge.i
        while start < role.i and doc[start].pos_ == "DET":
            start += 1
        return start, role.i + 1
    return None


def _gender(lead: list[Token], title: str | None, lexicons: Lexicons) -> str | None:
    words = [t.lower_ for t in lead] + (title.lower().split() if title else [])
    for word in words:
        gender = lexicons.titles.get(word, (None, "-"))[1]
        if gender in ("m", "f"):
            return gender
    return None


def first_name_gender(name_words: list[str]) -> str | None:
    """The gender a full name's first name almost always has ("Ana Lutz" → f), from
    lexicons/entities/first_names.tsv; None for a single word (a surname) or a
    name not in the list."""
    if len(name_words) < 2:
        return None
    first = name_words[0].lower()
    for gender in ("m", "f"):
        if first in lexicon.words("entities/first_names.tsv", gender):
            return gender
    return None


def find_person(clusters: list[Cluster], name_tokens: list[str], before: int,
                gender: str | None = None) -> Cluster | None:
    """The person this (possibly partial) name refers to.

    A full name matches the same full name; two different first names are two
    people. A bare surname several people share ("Biden" with Joe and Hunter Biden
    in the article) goes to the one already called by it, else to the principal
    (``_principal_order``): news writes the relative's full name and the
    principal's surname. A surname seen before any full name ("Biden" in the
    headline) waits for the end of the article (``_merge_surnames``). A partial
    name with a gendered honorific (``gender``: "Mr. Khan") is never a person of the
    other gender ("Ghazala Khan", his wife)."""
    lowered = [w.lower() for w in name_tokens]
    people = [c for c in clusters if c.label == "PERSON"]
    if gender is not None:
        people = [c for c in people if c.gender in (None, gender)]
    exact = [c for c in people if c.name.lower().split() == lowered]
    if exact:
        return max(exact, key=lambda c: c.last_before(before))
    suffix = [c for c in people if len(lowered) < len(c.name.lower().split()) and c.name.lower().split()[-len(lowered):] == lowered]
    if suffix:
        return _principal(suffix, lowered)
    prefix = [c for c in people if len(lowered) < len(c.name.lower().split()) and c.name.lower().split()[:len(lowered)] == lowered]
    if prefix:
        return _principal(prefix, lowered)  # family name first: "Baek" for "Baek Min-jae", "Xi" for "Xi Jinping"
    paternal = [c for c in people if _paternal_surname(c.name, lowered)]
    if len(paternal) == 1:
        return paternal[0]  # "Rosselló" for "Ricardo Rosselló Nevares": the first of two surnames
    return None


def _paternal_surname(name: str, lowered: list[str]) -> bool:
    """Spanish and Portuguese names carry two surnames, and news calls the person by the
    first: "Rosselló" for "Ricardo Rosselló Nevares", "López" for "Andrés Manuel López
    Obrador". One word, second to last in a name of three words or more."""
    words = name.lower().split()
    if len(lowered) != 1 or len(words) < 3 or words[-2] != lowered[0]:
        return False
    # "Ann" of "Mary Ann Smith" is a middle name, not a surname
    return not any(lowered[0] in lexicon.words("entities/first_names.tsv", g) for g in ("m", "f"))


def _principal(candidates: list[Cluster], lowered: list[str]) -> Cluster:
    if len(candidates) == 1:
        return candidates[0]
    short = " ".join(lowered)
    called = [c for c in candidates if any(n.lower() == short for n in c.names)]
    if len(called) == 1:
        return called[0]
    return min(called or candidates, key=_principal_order)


def _principal_order(cluster: Cluster) -> tuple:
    """Who a shared surname means: the person introduced with a title ("President
    Joe Biden", not "his son Hunter Biden"), then the one mentioned most, then
    the one named first."""
    return (cluster.title is None, -len(cluster.mentions), cluster.positions[0] if cluster.positions else 0)


def _merge_surnames(clusters: list[Cluster], by_token: dict[int, Cluster]) -> None:
    """A person known only by one word ("Biden" in the headline, before any full
    name) joins the principal full-name person it can be ("Joe Biden"), decided
    at the end of the article, when all of them are known."""
    for short in [c for c in clusters if c.label == "PERSON" and all(len(n.split()) == 1 for n in c.names)]:
        word = short.name.lower()
        candidates = [c for c in clusters if c is not short and c.label == "PERSON" and len(c.name.split()) > 1
                      and (word in (c.name.lower().split()[-1], c.name.lower().split()[0])
                           or _paternal_surname(c.name, [word]))]
        if not candidates:
            continue
        candidates = [c for c in candidates if None in (c.gender, short.gender) or c.gender == short.gender]
        if not candidates:
            continue  # "Mr. Khan" in the headline is not Ghazala Khan
        target = min(candidates, key=_principal_order)
        target.names += [n for n in short.names if n not in target.names]
        target.mentions += short.mentions
        target.positions = sorted(target.positions + short.positions)
        target.title = target.title or short.title
        target.title_tokens = target.title_tokens or short.title_tokens
        target.gender = target.gender or short.gender
        for token, cluster in by_token.items():
            if cluster is short:
                by_token[token] = target
        clusters.remove(short)


def _find_named(clusters: list[Cluster], label: str, name: str) -> Cluster | None:
    key = name.lower()
    for cluster in clusters:
        if cluster.label == "PERSON" or label == "PERSON":
            continue
        names = {n.lower() for n in cluster.names}
        if key in names or any(_acronym(n).lower() == key and len(key) > 1 for n in cluster.names) or (
            _acronym(name).lower() in names and len(_acronym(name)) > 1
        ):
            return cluster
    return None


def _first_word_of(clusters: list[Cluster], name: str, text: str) -> Cluster | None:
    """An organisation's short name after its full one: "Mahan" after "Mahan Air",
    "Verizon" after "Verizon Communications" (the recogniser may call it a person when no
    person has that name). Only one word that begins exactly one earlier organisation's
    name, and a proper name: never written in lower case in the article ("National" is
    no short form of the National Guard when "national" is a word of the text), nor a
    kind of organisation ("Ministry")."""
    if " " in name or not name[:1].isupper() or len(name) < 3:
        return None
    starts = [c for c in clusters if c.label == "ORG" and any(n.split()[0] == name and " " in n for n in c.names)]
    if len(starts) != 1 or name.lower() in lexicon.words("entities/words.tsv", "org_kind"):
        return None
    return None if re.search(rf"\b{re.escape(name.lower())}\b", text) else starts[0]


def _surname_of(clusters: list[Cluster], name: str, before: int) -> Cluster | None:
    """A known person's surname the recogniser labelled otherwise: "Aavik said" as
    ORG, "Von der Leyen" as ORG."""
    words = name.split()
    particles = lexicon.words("entities/words.tsv", "particle")
    if not name[:1].isupper() or (len(words) > 1 and words[0].lower() not in particles):
        return None
    person = find_person(clusters, words, before)
    return person if person is not None and person.last_before(before) >= 0 else None


def _introduced_as_person(doc: Doc, ent: Span, lexicons: Lexicons) -> bool:
    """A name the recogniser mislabelled, recognisable by the title before it or
    the role noun it stands in apposition to."""
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent) or not 2 <= len(ent) <= 4:
        return False
    before = doc[ent.start - 1] if ent.start else None
    if before is not None and lexicons.titles.get(before.lower_, ("",))[0] in ("title", "honorific") and before.text[:1].isupper():
        return True
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in lexicons.titles and root.head.pos_ in ("NOUN", "PROPN"):
        return True  # "the governor, Ricardo Rosselló,"
    # "Ricardo Rosselló Nevares, Puerto Rico's governor,": a role noun in apposition to the name
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in lexicons.titles for c in root.children)


def _is_dateline(doc: Doc, ent: Span) -> bool:
    """"WASHINGTON —" opening an article is where it was filed, not a mention."""
    at_start = starts_paragraph(doc, ent.start)
    after = doc[ent.end].text if ent.end < len(doc) else ""
    return at_start and ent.text.isupper() and after in ("—", "–", "-", "--", "(")


def cluster_entities(doc: Doc, lexicons: Lexicons) -> tuple[list[Cluster], dict[int, Cluster]]:
    """Clusters in order of first mention, and a map token index → cluster for
    every token inside a named mention."""
    clusters: list[Cluster] = []
    by_token: dict[int, Cluster] = {}
    text = doc_text(doc)
    covered = 0  # the end of the last person name widened over the next entity
    credits = credit_spans(doc)  # a byline or photo credit names no one in the news
    for ent in _split_brackets(doc):
        if ent.label_ not in ENTITY_LABELS or ent.end <= covered or any(s <= ent.start < e for s, e in credits):
            continue
        if ent.label_ != "PERSON" and _introduced_as_person(doc, ent, lexicons):
            ent = Span(doc, ent.start, ent.end, label="PERSON")  # "The Chancellor, Imogen Hale," tagged ORG
        if ent.label_ == "PERSON":
            ent = _widen_person(doc, ent, lexicons)
            covered = ent.end
        lead, tokens = _name_tokens(ent, lexicons)
        if not tokens:
            continue
        name = text[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]
        if _is_dateline(doc, ent):
            continue
        if ent.label_ == "PERSON":
            partner = _shared_surname_partner(doc, ent, tokens, lexicons)
            if partner is not None:
                _add_partner(clusters, by_token, partner, tokens[-1])
            honorific = _gender(lead + [t for t in doc[max(0, ent.start - 1):ent.start]], None, lexicons)
            # One word that is an organisation's short form defined before ("Mariocs
            # reported", tagged PERSON) is that organisation.
            cluster = ((_short_form_of(clusters, name) if len(tokens) == 1 else None)
                       or find_person(clusters, [t.text for t in tokens], ent.start, honorific)
                       or _first_word_of(clusters, name, text))
        else:
            # The recogniser sometimes calls a known person's surname an ORG ("Aavik said").
            cluster = (_defined_abbreviation(doc, ent, by_token) or _surname_of(clusters, name, ent.start)
                       or _find_named(clusters, ent.label_, name)
                       or (_first_word_of(clusters, name, text) if ent.label_ == "ORG" else None))
        if cluster is None:
            cluster = Cluster(ent.label_, [name])
            clusters.append(cluster)
        elif name not in cluster.names:
            cluster.names.append(name)
        cluster.mentions.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
        cluster.positions.append(ent.end - 1)
        for t in range(ent.start, ent.end):
            by_token[t] = cluster
        if ent.label_ == "PERSON" and cluster.label == "PERSON":
            _attach_title(doc, ent, lead, cluster, lexicons)
            # A title or an earlier he/she decides first; the first name only when neither has.
            cluster.gender = cluster.gender or first_name_gender([t.text for t in tokens])
    _merge_surnames(clusters, by_token)
    for cluster in clusters:
        if cluster.title_tokens:
            cluster.affiliation = _affiliation(doc, cluster.title_tokens, by_token)
        if cluster.label == "PERSON" and cluster.affiliation is None:
            cluster.affiliation = _of_affiliation(doc, cluster, by_token)
    return clusters, by_token


def _shared_surname_partner(doc: Doc, ent: Span, tokens: list[Token], lexicons: Lexicons) -> Token | None:
    """The first name joined to a full name that shares its surname: "Khizr" in "Khizr and
    Ghazala Khan", "Bill" in "Bill and Hillary Clinton" (the recogniser takes only the
    second person). One capitalised proper noun outside any entity, right before "and"."""
    if len(tokens) != 2 or ent.start < 2 or doc[ent.start - 1].lower_ not in ("and", "&"):
        return None
    first = doc[ent.start - 2]
    known = first_name_gender([first.text, tokens[-1].text]) is not None
    if (first.pos_ != "PROPN" and not known) or not first.is_alpha or not first.text[:1].isupper() \
            or first.lower_ in lexicons.titles:
        return None
    if first.ent_type_ and (first.ent_type_ != "PERSON" or first.ent_iob_ != "B" or doc[first.i + 1].ent_iob_ == "I"):
        return None  # part of another name, or a name of another kind
    before = doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() and before.is_alpha:
        return None  # "Donald Trump and Melania Trump" is no shared surname of "Trump"
    return first


def _add_partner(clusters: list[Cluster], by_token: dict[int, Cluster], first: Token, surname: Token) -> None:
    """A person of their own for the partner's first name and the shared surname."""
    name = f"{first.text} {surname.text}"
    cluster = find_person(clusters, name.split(), first.i)
    if cluster is None or cluster.name.lower() != name.lower():
        cluster = Cluster("PERSON", [name])
        cluster.gender = first_name_gender(name.split())
        clusters.append(cluster)
    cluster.mentions.append((first.idx, first.idx + len(first.text)))
    cluster.positions.append(first.i)
    by_token[first.i] = cluster


def _short_form_of(clusters: list[Cluster], name: str) -> Cluster | None:
    return next((c for c in clusters if c.label != "PERSON" and name in c.names[1:]), None)


FINITE_TAGS = ("VBZ", "VBD", "VBP")


def _cut_at_verb(doc: Doc, ent: Span) -> Span:
    """A name never holds its own sentence's verb: in the headline "Bernie Sanders
    Promises Action On Immigration" the recogniser ran the name on over the verb.
    The name ends before it."""
    verb = next((t.i for t in ent[1:] if t.tag_ in FINITE_TAGS and t.pos_ == "VERB" and t.dep_ == "ROOT"), None)
    if verb is None:
        return ent
    name = doc[ent.start:verb]
    words = [t.text for t in name]
    # a person's when the first name says so or the article names the same words as a person elsewhere
    person = len(words) <= 3 and (first_name_gender(words) or any(
        e.label_ == "PERSON" and e.text == name.text for e in doc.ents))
    return Span(doc, ent.start, verb, label="PERSON" if person else ent.label_)


def _cut_at_dash(doc: Doc, ent: Span) -> Span | None:
    """A name never runs over a dash that sets words off, nor over a colon: in "… than
    Mr. Trump - 60 percent of voters said" the recogniser made "Trump - 60 percent" one
    person, and in an interview's "Zara Kay: Apart from that" "Zara Kay: Apart". The
    name ends before the dash or colon (None when nothing is left)."""
    dash = next((t.i for t in ent if spaced_dash(t) or t.text == ":"), None)
    if dash is None:
        return ent
    return Span(doc, ent.start, dash, label=ent.label_) if dash > ent.start else None


def _title_case_line(sent: Span) -> bool:
    """A headline's capitalised words ("George Zimmerman Auctioning Off Gun He Used"):
    every alphabetic word longer than three letters starts with a capital."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and all(t.text[:1].isupper() for t in words)


def _cut_to_known_name(ent: Span, known: set[tuple[str, ...]]) -> Span:
    """In a headline the recogniser runs a name on over capitalised verbs and nouns
    ("George Zimmerman Auctioning Off", "Kill Trayvon Martin"). Where the article names a
    person elsewhere with words that begin or end the span, the name is those words."""
    words = tuple(t.text for t in ent)
    if ent.label_ != "PERSON" or len(words) < 3 or not _title_case_line(ent.sent):
        return ent
    for size in range(len(words) - 1, 1, -1):
        if words[:size] in known:
            return Span(ent.doc, ent.start, ent.start + size, label="PERSON")
        if words[-size:] in known:
            return Span(ent.doc, ent.end - size, ent.end, label="PERSON")
    return ent


def _split_brackets(doc: Doc):
    """The recogniser's entities, with one that ran into a bracket cut in two: in
    "the Philippine Institute of Volcanology and Seismology (Phivolcs" the name ends
    before the bracket and the short form inside it is a mention of its own; one
    that ran over its sentence's verb cut before it (``_cut_at_verb``); one in a
    headline cut to a name the article gives elsewhere (``_cut_to_known_name``); and
    one that ran over a dash or a colon cut before it (``_cut_at_dash``)."""
    known = {tuple(t.text for t in e) for e in doc.ents  # people's names outside headlines
             if e.label_ == "PERSON" and not _title_case_line(e.sent)}
    for ent in (_cut_at_dash(doc, _cut_to_known_name(_cut_at_verb(doc, e), known)) for e in doc.ents):
        if ent is None:
            continue
        bracket = next((t.i for t in ent[1:-1] if t.text == "("), None)
        if bracket is None:
            yield ent
            continue
        yield Span(doc, ent.start, bracket, label=ent.label_)
        end = next((t.i for t in doc[bracket + 1:ent.end] if t.text == ")"), ent.end)
        if end > bracket + 1:
            yield Span(doc, bracket + 1, end, label=ent.label_)


def _defined_abbreviation(doc: Doc, ent: Span, by_token: dict[int, Cluster]) -> Cluster | None:
    """The organisation an abbreviation in brackets right after its name defines:
    "Pacific Gas and Electric Company (PG&E)" makes PG&E another name of it, though
    its letters are not the name's initials."""
    if ent.start < 2 or ent.end >= len(doc) or doc[ent.start - 1].text != "(" or doc[ent.end].text != ")":
        return None
    if len(ent.text) > 10 or (any(c.islower() for c in ent.text) and len(ent) > 1):
        return None
    named = by_token.get(ent.start - 2)
    if named is None or named.label == "PERSON" or named.name[:1].upper() != ent.text[:1]:
        return None
    if any(c.islower() for c in ent.text) and not abbreviates(ent.text, named.name):
        return None  # "(Phivolcs)" is the name's short form; "(Reuters)" is not
    return named


def abbreviates(short: str, name: str) -> bool:
    """Whether ``short``'s letters appear in ``name`` in order, the first at the
    start of its first word (Schwartz and Hearst's test for a short form):
    "Phivolcs" for "Philippine Institute of Volcanology and Seismology"."""
    letters = [c.lower() for c in short if c.isalnum()]
    words = name.lower()
    if not letters or not words.startswith(letters[0]):
        return False
    at = 0
    for c in letters:
        at = words.find(c, at)
        if at < 0:
            return False
        at += 1
    return True


def _attach_title(doc: Doc, ent: Span, lead: list[Token], cluster: Cluster, lexicons: Lexicons) -> None:
    first_name = lead[-1].i + 1 if lead else ent.start
    span = _title_before(doc, first_name, lexicons) or _title_apposition(doc, ent, lexicons)
    described = [t for t in lead if t.lower_ not in lexicons.titles and t.text not in "-–"]
    if span is None and described:
        span = (described[0].i, described[-1].i + 1)  # "Actress Denise Crosby": "the actress" is her later
    if span is not None and cluster.title is None:
        text = doc[span[0]:span[1]].text
        cluster.title, cluster.title_tokens = text, span
    gender = _gender(lead + [t for t in doc[max(0, ent.start - 1):ent.start]], cluster.title, lexicons)
    if gender and cluster.gender is None:
        cluster.gender = gender


def _of_affiliation(doc: Doc, person: Cluster, by_token: dict[int, Cluster]) -> str | None:
    """What an "of" phrase right after a person's name makes them part of: "Joanna Cherry
    of the Scottish National Party", "Prime Minister Igor Matovic of the Slovak Republic".
    A place is only the affiliation of someone with a title: "Steve Scalise of Louisiana"
    says where he is from, which codes no one."""
    for end in person.positions:
        at = end + 1
        if at >= len(doc) or doc[at].lower_ != "of":
            continue
        at += 2 if at + 1 < len(doc) and doc[at + 1].lower_ == "the" else 1
        other = by_token.get(at)
        if other is None or other is person:
            continue
        if other.label == "ORG" or (other.label == "GPE" and person.title is not None):
            return other.name
    return None


def _affiliation(doc: Doc, span: tuple[int, int], by_token: dict[int, Cluster]) -> str | None:
    for i in range(*span):
        cluster = by_token.get(i)
        if cluster is not None and cluster.label in ("ORG", "GPE", "NORP"):
            return cluster.name
    return None

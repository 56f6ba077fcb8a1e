"""Cue frames from the dependency parse: a cue word, who it is attributed to and
what content it governs.

A frame is found for every cue verb, cue noun, light-verb phrase ("expressed
skepticism about"), "according to" and "in X's view" in the document. Frames
know nothing about quote marks; ``extract`` pairs them with quotes. Who speaks a
cue verb is ``subjects.find_subject``; whether a cue word reports at all is
``senses.is_attribution``.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import lexicon
from ..lexicon import Lexicons
from ..tokens import paragraph_ids, starts_paragraph
from .senses import expected_of_no_one, is_attribution
from .subjects import find_subject, title_before_name
from .voices import WORDS_FILE

SOURCE_CLAUSE_DEPS = ("relcl", "acl", "advcl")
SETTING_OFF = (",", "--", "—", "–", "(")  # what sets a clause off from the name it describes
OBJECT_COMPLEMENT_DEPS = ("oprd", "xcomp", "prep", "advcl", "npadvmod", "dative")
ABOUT_PREPS = ("about", "of", "over", "on", "that", "regarding")


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
    title = title_before_name(head)
    if title is not None:
        start = title.left_edge.i  # "speaker of the parliament Ali Larijani", parsed as two subjects
    for child in head.rights:
        if child.dep_ in SOURCE_CLAUSE_DEPS and doc[child.left_edge.i - 1].text in SETTING_OFF:
            end = min(end, child.left_edge.i - 1)
    if cue is not None and start <= cue.i < end:
        end = min(end, cue.left_edge.i)
    return _trim(doc, (start, end))




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

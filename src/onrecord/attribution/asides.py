"""Cues set off inside or after the clause they report.

"The museum, Mr. Pike said, celebrated his heroes": the parser hangs such a
parenthetical cue on the reported clause (``parataxis``) and gives the cue no
content of its own, so without this module the attribution is lost, or a
quote inside the clause ("X, she cautioned, would be a “very big mistake”")
is taken for a scare quote. Inverted asides (", said Y, a spokesman for Z,")
are often misparsed the other way round: the words before the comma become
the cue's subject. Both are repaired here on the cue frames, before quotes
are paired with them. PolNeAR marks the content of a parenthetical cue as a
discontinuous span; onrecord gives its outer extent, cue included, which is
how the scorer compares discontinuous spans too.
"""
from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Doc, Token

from .frames import Frame
from .subjects import find_subject
from .voices import may_source

# A noun phrase's own inner dependents: walking up through them finds its head.
NOMINAL_INSIDE = ("compound", "amod", "det", "poss", "nmod", "nummod", "punct")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Entity types that name a time, not a speaker: "…, said Tuesday."
TIME_ENTITIES = ("DATE", "TIME")
COMMAS = (",", "—", "–")
# The cue's own modifiers after it: "said in a statement on Monday", "told reporters".
CUE_MODIFIERS = ("prep", "npadvmod", "advmod", "dative", "agent", "dobj")


def noun_phrase_after(doc: Doc, after: int) -> tuple[int, int] | None:
    """The noun phrase (with its appositions) that starts within two tokens of
    ``after``: “…,” said French Foreign Minister Claire Dumont, a former judge."""
    for i in range(after, min(len(doc), after + 3)):
        token = doc[i]
        if token.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
            head = token
            while head.dep_ in NOMINAL_INSIDE and head.head.i > head.i:
                head = head.head
            return head.left_edge.i, head.right_edge.i + 1
        if not token.is_punct:
            return None
    return None


def cue_verb(doc: Doc, frame: Frame) -> Token | None:
    """The verb that heads a frame's cue, or None for a noun or "according to"."""
    root = doc[frame.cue[0]:frame.cue[1]].root
    return root if root.pos_ in ("VERB", "AUX") else None


def strip_punct(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Without punctuation and spaces at the edges (quote marks stay: they belong to a quote)."""
    while start < end and (doc[start].is_punct or doc[start].is_space) and not doc[start].is_quote:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not doc[end - 1].is_quote:
        end -= 1
    return (start, end) if end > start else None


def inverted_source(doc: Doc, frame: Frame) -> tuple[int, int] | None:
    """The speaker after an inverted cue set off by a comma ("China, said Jens
    Halvorsen, the alliance's chief, …"), when the parse gave the cue a subject
    before it. The phrase after the cue must be a subject that ends at
    punctuation, so "Smith, after a pause, said the plan was dead" keeps Smith
    and "…, Smith said Tuesday" keeps Smith too."""
    start, end = frame.cue
    if start == 0 or doc[start - 1].text not in COMMAS:
        return None
    verb = cue_verb(doc, frame)
    if verb is not None and verb.tag_ == "VBG":
        return None  # a participle is never inverted: ", saying the mayor …" says what the mayor did
    if frame.source is not None and frame.source[0] >= end:
        return None  # the parse already found the speaker after the cue
    phrase = noun_phrase_after(doc, end)
    if phrase is None:
        return None
    head = doc[phrase[0]:phrase[1]].root
    if head.dep_ not in SUBJECT_DEPS or head.ent_type_ in TIME_ENTITIES:
        return None
    if frame.source is not None and _closes_apposition(doc, frame.source, start - 1):
        # "Mr. Trump's former campaign manager, Corey Lewandowski, said the staff member who
        # succeeded him, Paul Manafort, should be terminated": the comma closes the speaker's
        # apposition, and the phrase after the cue is the subject of what was said
        return None
    if not may_source(head):
        return None  # "X, who had a long career, said their speeches, already long, would …"
    phrase = strip_punct(doc, *phrase)
    if phrase is None:
        return None
    if phrase[1] < len(doc) and (not (doc[phrase[1]].is_punct or doc[phrase[1]].is_space) or doc[phrase[1]].is_quote):
        return None  # "said the plan was dead", "said the plan “was dead”": the phrase is the content's subject
    return phrase


def _closes_apposition(doc: Doc, source: tuple[int, int], comma: int) -> bool:
    """Whether the comma at ``comma`` ends an apposition of the source's head ("the
    manager, Corey Lewandowski,")."""
    head = doc[source[0]:source[1]].root
    return source[1] == comma and any(
        c.dep_ == "appos" and c.right_edge.i == comma - 1 for c in head.children)


def _aside(doc: Doc, frame: Frame) -> tuple[int, int]:
    """The stretch the cue, its own source and its own modifiers right after it
    take up ("he told me on Friday"), with the commas that set it off."""
    start, end = frame.cue
    if frame.source is not None:
        start, end = min(start, frame.source[0]), max(end, frame.source[1])
    verb = cue_verb(doc, frame)
    for child in sorted(verb.rights, key=lambda t: t.i) if verb is not None else ():
        if child.left_edge.i <= end < child.right_edge.i + 1 and child.dep_ in CUE_MODIFIERS:
            end = child.right_edge.i + 1  # "said in a June report," is still the cue's aside
    return _widen_over_commas(doc, (start, end))


def _widen_over_commas(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start > 0 and doc[start - 1].text in COMMAS:
        start -= 1
    while end < len(doc) and doc[end].text in COMMAS:
        end += 1
    return start, end


def aside_content(doc: Doc, frame: Frame, clause: Token, quoted: Callable[[int], bool]) -> tuple[int, int] | None:
    """The outer extent of the clause a cue is set into, or None when nothing of
    it stands outside the cue and quote marks (a split quote: “A,” she said, “B.”).
    A cue at either edge of the clause is cut off; one inside it stays inside."""
    sentence = clause.sent
    start = max(sentence.start, min(clause.left_edge.i, frame.cue[0]))
    end = min(sentence.end, max(clause.right_edge.i + 1, frame.cue[1]))
    a0, a1 = _aside(doc, frame)
    if a1 >= end or all(t.is_punct or t.is_space for t in doc[a1:end]):
        end = a0
    elif a0 <= start or all(t.is_punct or t.is_space for t in doc[start:a0]):
        start = a1
    span = strip_punct(doc, start, end)
    if span is not None and doc[span[0]].pos_ == "CCONJ":
        span = strip_punct(doc, span[0] + 1, span[1])  # "But the plan, she said, …": the link to the last sentence is not said
    if span is None:
        return None
    # Words of the cue's own trailing phrase ("“…,” he said, not even needing to …") do not count.
    verb = cue_verb(doc, frame)
    trail_end = max(a1, verb.right_edge.i + 1) if verb is not None else a1
    before, after = (span[0], min(span[1], a0)), (max(span[0], trail_end), span[1])
    if not (_stands_outside(doc, before, (a0, a1), quoted) or _stands_outside(doc, after, (a0, a1), quoted)):
        return None
    return span


def _stands_outside(doc: Doc, span: tuple[int, int], aside: tuple[int, int], quoted: Callable[[int], bool]) -> bool:
    """Some word of ``span`` is neither in the aside nor inside quote marks."""
    return any(
        not (aside[0] <= t.i < aside[1] or t.is_punct or t.is_space or quoted(t.i))
        for t in doc[span[0]:span[1]]
    )


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in token.children)


def continued_content(doc: Doc, frame: Frame, quoted: Callable[[int], bool]) -> tuple[int, int] | None:
    """"Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": a cue
    set between two parts of what was said, parsed with the first part as its
    content and the second hung on the cue. When the words after the cue's
    aside form a clause of their own (with a subject), the content runs to the
    sentence's end; a participle ("…, adding that …") starts something else."""
    if frame.content is None:
        return None
    a0, a1 = _aside(doc, frame)
    if frame.content[1] > a0 or doc[a1 - 1].text not in COMMAS:
        return None  # the content is not before the cue, or nothing is set off after it
    tail = strip_punct(doc, a1, doc[frame.cue[0]].sent.end)
    if tail is not None and doc[tail[0]].pos_ == "CCONJ":
        tail = strip_punct(doc, tail[0] + 1, tail[1])
    if tail is None:
        return None
    root = doc[tail[0]:tail[1]].root
    if root.pos_ not in ("VERB", "AUX") or not _has_subject(root) or root.tag_ == "VBG":
        return None
    span = (frame.content[0], tail[1])
    return span if _stands_outside(doc, frame.content, (a0, a1), quoted) else None


def _own_subject(doc: Doc, verb: Token, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """A parenthetical cue's source starts at its own subject: in "Ankara, the
    alliance's chief said, “…”" a source span reaching back over the comma to
    "Ankara" (as the span model marks it) takes the reported clause's subject
    for the speaker."""
    subject = find_subject(verb)
    if source is None or subject is None or subject.head.i != verb.i:
        return source
    start = subject.left_edge.i
    if source[0] < start < source[1] and any(t.text in COMMAS for t in doc[source[0]:start]):
        return start, source[1]
    return source


def _verbal(token: Token) -> Token:
    """The nearest verb at or above ``token``: a parenthetical cue hung on the
    subject ("The difference now, he told me, is …") reports the whole clause."""
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _set_off(doc: Doc, aside: tuple[int, int], quoted: Callable[[int], bool]) -> bool:
    """Commas on both sides of the aside, with words before and after it in the
    sentence: "These nurses, Ms. Varga explained, were well paid". Not when all
    after it is a quote: "Asked about it, Ruiz said, “No comment.”" says the quote."""
    sentence = doc[aside[0]].sent
    before = [t for t in doc[sentence.start:aside[0]] if not (t.is_punct or t.is_space)]
    after = [t for t in doc[aside[1]:sentence.end] if not (t.is_punct or t.is_space or quoted(t.i))]
    inside = doc[aside[0]:aside[1]]
    return bool(before and after) and inside[0].text in COMMAS and inside[-1].text in COMMAS


def _trailing_conjunct(doc: Doc, verb: Token, aside: tuple[int, int]) -> bool:
    """A cue with its subject after a comma at the sentence's end, coordinated by the
    parse with the clause before it but joined by no "and" or "but"."""
    head = verb.head
    if verb.dep_ != "conj" or head.i >= verb.i or doc[aside[0]].text not in COMMAS:
        return False
    if any(c.dep_ in ("cc", "preconj") and head.i < c.i < verb.i for c in head.children):
        return False
    sentence_end = verb.sent.end
    return all(t.is_punct or t.is_space for t in doc[aside[1]:sentence_end])


def _beside(frame: Frame, clause: Token, aside: tuple[int, int]) -> bool:
    """The parsed content is after the aside and the clause the cue is hung on
    before it: "It had become so bad, Mr. Ito noted, that …". (Content before
    and clause after is "X, he said, and Y", which annotators split both ways.)"""
    return frame.content is not None and frame.content[0] >= aside[1] and clause.i < aside[0]


def repair_asides(doc: Doc, frames: list[Frame], quoted: Callable[[int], bool], cue_lemmas: Collection[str]) -> None:
    """Give parenthetical cues their clause as content and inverted cues their
    speaker after the cue. ``quoted(i)`` says whether token i is inside quote
    marks; only verbs in ``cue_lemmas`` (the lexicon's cue verbs) are read as
    asides, so a span model's cue such as "was overturned" keeps what it has."""
    for frame in frames:
        if frame.source is not None:
            frame.source = strip_punct(doc, *frame.source)  # "Ana Ruiz, a lawyer for the family," as the span model marks it
        verb = cue_verb(doc, frame)
        if verb is None or (verb.lemma_.lower() not in cue_lemmas and verb.lower_ != "according"):
            continue
        inverted = inverted_source(doc, frame)
        if inverted is not None:
            frame.source = inverted
        if verb.dep_ == "parataxis":
            frame.source = _own_subject(doc, verb, frame.source)
        aside = _aside(doc, frame)
        overlaps_source = (
            frame.content is not None and frame.source is not None
            and frame.content[0] < frame.source[1] and frame.source[0] < frame.content[1]
        )
        lost = frame.content is None or overlaps_source
        if verb.dep_ == "parataxis":
            # "The difference now, he told me, is …": the addressee is no content.
            inside = frame.content is not None and aside[0] <= frame.content[0] and frame.content[1] <= aside[1]
            if lost or inside or _beside(frame, _verbal(verb.head), aside):
                frame.content = aside_content(doc, frame, _verbal(verb.head), quoted)
        elif lost and (inverted is not None or _set_off(doc, aside, quoted)):
            frame.content = aside_content(doc, frame, verb, quoted)
        elif lost and _trailing_conjunct(doc, verb, aside):
            # "Two emails were put in storage, Tom Bell, the undersecretary, wrote in a memo.":
            # the parser coordinated the cue with what it reports
            frame.content = aside_content(doc, frame, verb.head, quoted)
        elif frame.content is not None:
            frame.content = continued_content(doc, frame, quoted) or frame.content

"""Interview transcripts: lines of the form "Name: answer", "NAME: answer" or
"Q: …" / "A: …".

No cue verb and no quote marks mark these as speech, so neither the parse nor
the quote pairing finds them. A document is read as a transcript when at least
two lines open with a speaker label: a name (capitalised words, all capitals or
initials) or a question/answer label, and not a heading from the lexicon
("Note:", "Photo:", "Update:"). Each such line is a direct attribution:

* "Helena Strand: …" has the label as its source, so the speaker resolution
  finds the person as it would in running text;
* initials ("HS: …") stand for the name with those initials said before
  ("Helena Strand"), which becomes the source;
* "A: …" is the interviewee's: the person the lead-in before the transcript
  speaks of most (latest on a tie), with the source at that person's first
  full-name mention there; no source when the lead-in names nobody;
* the interviewer's lines ("Q: …", or a label whose lines are mostly
  questions, "WN: …?") are the outlet's own voice, not attributions; the
  interviewer the lead-in names ("The Harbour Gazette spoke with her") is
  never taken for the interviewee.

An unlabelled line between two turns of different speakers continues the turn
before it; between two turns of the same speaker it is someone's unlabelled
reply, or prose, and stays as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .. import lexicon

WORDS_FILE = "attribution/words.tsv"
LABEL = re.compile(r"[ \t]*(?P<label>[^\W\d_][^:\n]{0,60}?)[ \t]*:[ \t]+(?=\S)")
LABEL_MAX_WORDS = 6
INITIALS_MAX = 4
MIN_TURNS = 2  # one "Name: …" line is a headline, two make a transcript
LEAD_IN_PARAGRAPHS = 3  # where the interviewee is introduced, before the first turn
NOT_NAMES = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")
WORD = re.compile(r"^[^\W\d_][\w.'’\-]*$")


@dataclass
class Turn:
    role: str  # "name", "initials", "question" or "answer"
    label: tuple[int, int]  # character offsets of the label
    colon: int  # character offset of the colon
    content: tuple[int, int]  # character offsets of the words after the colon
    source: tuple[int, int] | None = None  # token span, filled by ``find_turns``


@dataclass
class Continuation:
    turn: int  # index of the turn it continues
    content: tuple[int, int]


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _is_name_label(words: list[str]) -> bool:
    """Capitalised words with lower-case joiners between them ("Secretary of
    the Navy Jo Park"), ending in a capitalised word."""
    joiners = lexicon.words(WORDS_FILE, "joiner") | lexicon.words("entities/words.tsv", "particle")
    if not 0 < len(words) <= LABEL_MAX_WORDS or not all(WORD.match(w) for w in words):
        return False
    return words[-1][:1].isupper() and all(w[:1].isupper() or w.lower() in joiners for w in words)


def _classify(label: str) -> str | None:
    """"heading", "question", "answer", "initials", "name", or None for a line that is prose."""
    key = label.strip().lower().rstrip(".")
    for role in ("heading", "question", "answer"):
        if key in lexicon.words(WORDS_FILE, role):
            return role
    words = label.split()
    if len(words) == 1 and words[0].isupper() and words[0].isalpha() and len(words[0]) <= INITIALS_MAX:
        return "initials"
    return "name" if _is_name_label(words) else None


def _label_tokens_name_someone(doc: Doc, start: int, end: int, token_at) -> bool:
    """The parser reads the label as a name (a proper noun, not a date or a number)."""
    tokens = doc[token_at(start):token_at(end - 1) + 1]
    if any(t.ent_type_ in NOT_NAMES for t in tokens):
        return False
    return any(t.pos_ == "PROPN" for t in tokens) or tokens.text.isupper()


def _candidate_turns(doc: Doc, text: str, token_at) -> tuple[list[Turn], list[tuple[int, int]], set[int]]:
    """Labelled lines, unlabelled lines, and the starts of heading lines."""
    turns, plain, headings = [], [], set()
    for start, end in _lines(text):
        match = LABEL.match(text, start, end)
        role = _classify(match.group("label")) if match else None
        if role == "heading":
            headings.add(start)
            continue
        if role in ("name", "initials") and not _label_tokens_name_someone(doc, match.start("label"), match.end("label"), token_at):
            role = None
        if role is None:
            plain.append((start, end))
            continue
        content_end = len(text[:end].rstrip())
        turns.append(Turn(role, (match.start("label"), match.end("label")), text.index(":", match.end("label")), (match.end(), content_end)))
    return turns, plain, headings


def _is_person(doc: Doc, turn: Turn) -> bool:
    """The recogniser reads the whole label as a person's name."""
    return any(e.label_ == "PERSON" and e.start_char <= turn.label[0] and turn.label[1] <= e.end_char for e in doc.ents)


def _speakers(doc: Doc, text: str, turns: list[Turn]) -> list[Turn]:
    """Turns whose label is a speaker: a question or answer label, a label that
    opens more than one line (people in an interview speak more than once; a
    title-case section heading such as "Little Relief for Refugees:" does not
    recur), a person's name, a name the text uses elsewhere, or the initials
    of a name in the text."""
    counts: dict[str, int] = {}
    for turn in turns:
        counts[_label_text(text, turn)] = counts.get(_label_text(text, turn), 0) + 1
    names = [text[t.label[0]:t.label[1]] for t in turns if t.role == "name"] + [e.text for e in doc.ents if e.label_ == "PERSON"]
    initials = {_initials(n.split()) for n in names}
    return [
        t for t in turns
        if t.role in ("question", "answer") or counts[_label_text(text, t)] >= MIN_TURNS
        or _is_person(doc, t) or _named_elsewhere(text, t)
        or (t.role == "initials" and text[t.label[0]:t.label[1]] in initials)
    ]


def _named_elsewhere(text: str, turn: Turn) -> bool:
    """The label's words occur outside its own line too, as the lead-in names
    whom the transcript will quote ("Wikinews caught up with Natasha Gownaris")."""
    label = text[turn.label[0]:turn.label[1]]
    return any(m.start() != turn.label[0] for m in re.finditer(re.escape(label), text))


def _is_transcript(text: str, turns: list[Turn]) -> bool:
    """Someone speaks more than once, or there are questions and answers."""
    roles = {t.role for t in turns}
    labels = [_label_text(text, t) for t in turns if t.role in ("name", "initials")]
    recurring = len(labels) > len(set(labels))
    return len(turns) >= MIN_TURNS and (recurring or {"question", "answer"} <= roles)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _token_span(token_at, start: int, end: int) -> tuple[int, int]:
    return token_at(start), token_at(end - 1) + 1


def _initials_source(doc: Doc, text: str, turn: Turn, turns: list[Turn], token_at) -> tuple[int, int]:
    """The name with the label's initials said before the turn: the nearest name
    label, else the first such person in the text; the label itself when none."""
    initials = text[turn.label[0]:turn.label[1]]
    before = [t for t in turns if t.role == "name" and t.label[1] <= turn.label[0]]
    for other in reversed(before):
        if _initials(text[other.label[0]:other.label[1]].split()) == initials:
            return _token_span(token_at, *other.label)
    for ent in doc.ents:
        named_before = ent.label_ in ("PERSON", "ORG") and ent.start_char < turn.label[0] and len(ent) > 1
        if named_before and _initials(ent.text.split()) == initials:
            return ent.start, ent.end
    return _token_span(token_at, *turn.label)


def _interviewee(doc: Doc, text: str, first_turn: Turn, interviewer: tuple[int, int] | None) -> tuple[int, int] | None:
    """The person the lead-in before the transcript speaks of most (the latest
    on a tie), as the token span of their first full-name mention there; never
    the ``interviewer``."""
    lead_in = _lead_in(text, first_turn)
    if lead_in is None:
        return None
    lo = lead_in[0]
    asker = interviewer or (0, 0)
    people = [
        e for e in doc.ents
        if e.label_ == "PERSON" and lo <= e.start_char and e.end_char <= first_turn.label[0]
        and not (e.start < asker[1] and asker[0] < e.end)
    ]
    if not people:
        return None
    groups: dict[str, list] = {}
    for ent in people:
        groups.setdefault(ent.text.split()[-1].lower(), []).append(ent)
    chosen = max(groups.values(), key=lambda g: (len(g), g[-1].start))
    full = next((e for e in chosen if len(e) > 1), chosen[0])
    return full.start, full.end


def _label_text(text: str, turn: Turn) -> str:
    return text[turn.label[0]:turn.label[1]].lower()


def _lead_in(text: str, first_turn: Turn) -> tuple[int, int] | None:
    """Character span of the paragraphs before the transcript that introduce it."""
    paragraphs = [p for p in _lines(text) if p[1] <= first_turn.label[0]][-LEAD_IN_PARAGRAPHS:]
    return (paragraphs[0][0], first_turn.label[0]) if paragraphs else None


def _named_phrase(token: Token) -> tuple[int, int] | None:
    """The noun phrase of a proper noun (not "we" or "our reporter"), as a token span."""
    if token.pos_ != "PROPN":
        return None
    start = token.i
    while start > 0 and token.doc[start - 1].dep_ in ("compound", "det", "amod") and token.doc[start - 1].head.i == token.i:
        start -= 1
    return start, token.i + 1


def _interviewer(doc: Doc, text: str, first_turn: Turn) -> tuple[int, int] | None:
    """Who asks the questions, when the lead-in names them: the subject of an
    interview verb ("The Harbour Gazette spoke with her"), or whom the
    interviewee told or answered ("she told the Gazette", "answered questions
    from the Gazette"). The last such phrase before the transcript wins."""
    lead_in = _lead_in(text, first_turn)
    if lead_in is None:
        return None
    asking, answering = lexicon.words(WORDS_FILE, "interview_verb"), lexicon.words(WORDS_FILE, "interview_to")
    found = None
    for token in doc:
        if not lead_in[0] <= token.idx < lead_in[1] or token.pos_ != "VERB":
            continue
        lemma = token.lemma_.lower()
        candidates = []
        if lemma in asking:
            candidates = [c for c in token.children if c.dep_ == "nsubj"]
        elif lemma in answering:
            objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
            candidates = objects + [
                p for o in objects + [token] for prep in o.children
                if prep.dep_ == "prep" and prep.lower_ in ("from", "to") for p in prep.children if p.dep_ == "pobj"
            ]
        for candidate in candidates:
            phrase = _named_phrase(candidate)
            if phrase is not None:
                found = phrase
    return found


def _interviewer_labels(text: str, turns: list[Turn]) -> set[str]:
    """Labels of the one who asks: "Q", and a label most of whose lines are
    questions ("WN: What prompted …?", "Gazette: Will the ban stay?")."""
    asked: dict[str, list[bool]] = {}
    for turn in turns:
        question = turn.role == "question" or text[turn.content[0]:turn.content[1]].rstrip().endswith("?")
        asked.setdefault(_label_text(text, turn), []).append(question)
    return {label for label, questions in asked.items() if 2 * sum(questions) > len(questions)}


def find_turns(doc: Doc, text: str, token_at) -> tuple[list[Turn], list[Continuation], list[tuple[int, int]]]:
    """The interviewee turns of an interview transcript in ``doc`` (none when it
    has none), the unlabelled lines that continue them, and the character spans
    of every label with its colon, the interviewer's too. The interviewer's
    questions are the outlet's own voice, like the article's lead-in, so they
    are no attributions. ``token_at(char)`` maps a character offset to its token."""
    turns, plain, headings = _candidate_turns(doc, text, token_at)
    turns = _speakers(doc, text, turns)
    if not _is_transcript(text, turns):
        return [], [], []
    interviewee = _interviewee(doc, text, turns[0], _interviewer(doc, text, turns[0]))
    asking = _interviewer_labels(text, turns)
    for turn in turns:
        if turn.role == "name":
            turn.source = _token_span(token_at, *turn.label)
        elif turn.role == "initials":
            turn.source = _initials_source(doc, text, turn, turns, token_at)
        elif turn.role == "answer":
            turn.source = interviewee
    answers = [t for t in turns if _label_text(text, t) not in asking]
    continuations = []
    for start, end in plain:
        before = [t for t in turns if t.content[1] <= start]
        after = [t for t in turns if t.label[0] >= end]
        if not before or not after:
            continue  # the transcript has not begun, or is over
        previous, following = before[-1], after[0]
        if _label_text(text, previous) in asking or any(previous.content[1] <= h < start for h in headings):
            continue
        if _label_text(text, previous) == _label_text(text, following):
            continue  # "WN: … ⏎ (answer) ⏎ WN: …": an unlabelled reply, or prose, not more of the same turn
        continuations.append(Continuation(answers.index(previous), (start, len(text[:end].rstrip()))))
    return answers, continuations, [(t.label[0], t.colon + 1) for t in turns]

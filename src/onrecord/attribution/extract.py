"""Pair quotes with cue frames and turn both into attributions.

Order of work: each quote looks for a cue in the words around it (after it
first when it ends in a comma: “…,” she said; before it after a colon:
she said: “…”). A cue whose parsed content reaches well beyond the quote makes
a mixed quote. Cues left over with a parsed content give reported speech.
Quotes still alone continue the previous speaker when they open a paragraph
or follow that speaker's quote; short ones are names, titles or scare quotes.
Before pairing, frames are cleaned of bylines and credits (credits.py) and
parenthetical or inverted cues get their clause and speaker (asides.py);
interview transcript lines are attributions of their own (transcripts.py).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from .. import lexicon
from ..lexicon import Lexicons
from .asides import noun_phrase_after, repair_asides
from .credits import clean_frames
from .frames import Frame, find_frames, hand_over_bare_reports, source_span
from .learned import frames_from_model
from .quotes import Quote
from .senses import MAX_LABEL_WORDS
from .subjects import find_subject
from .tags import credited_quotes, lead_frames, tag_frames
from .transcripts import Continuation, Turn, find_turns
from .voices import WORDS_FILE, may_source
from ..tokens import doc_text, spaced_dash, token_starts

SENTENCE_END = {".", "!", "?"}
MAX_WINDOW_TOKENS = 40
TERM_MAX_WORDS = 4
MARKED_TERM_MAX_WORDS = 12  # a report titled “…” can have a long title
CONFIDENCE = {"cue": 0.9, "cue_no_source": 0.6, "reported": 0.75, "continued": 0.55, "turn": 0.8, "turn_no_source": 0.5,
              "nested": 0.5, "colon": 0.6}
SPEAKING_PRONOUNS = ("he", "she", "they", "we")
NAMED_SPEAKERS = ("PERSON", "ORG", "GPE", "NORP")  # entity types that may introduce a quote with a colon


@dataclass
class Found:
    """An attribution before speaker resolution; spans are token indices."""

    kind: str
    content: tuple[int, int]  # character offsets
    cue: tuple[int, int] | None  # token span
    source: tuple[int, int] | None  # token span
    confidence: float
    follows: "Found | None" = None  # the attribution whose speaker this one continues
    within: "Found | None" = None  # the direct or mixed quote this report is made inside
    addressed: "Found | None" = None  # the transcript answer whose speaker a "you" source means


class _Index:
    """Map character offsets to tokens and to the quote that holds them."""

    def __init__(self, doc: Doc, quotes: list[Quote]):
        self.doc = doc
        self.text = doc_text(doc)
        self.starts = token_starts(doc)
        self.quote_starts = [q.start for q in quotes]
        self.quotes = quotes

    def token_at(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def quote_of_token(self, i: int) -> int | None:
        char = self.doc[i].idx
        k = bisect_right(self.quote_starts, char) - 1
        return k if k >= 0 and self.quotes[k].contains(char) else None


def _breaks_window(token) -> bool:
    return token.text in SENTENCE_END or "\n" in token.text


def _after_window(index: _Index, q: int) -> range:
    quote, doc = index.quotes[q], index.doc
    inner = index.text[quote.inner_start:quote.inner_end].rstrip()
    start = index.token_at(quote.end - 1) + 1
    if inner.endswith(".") and quote.closed:
        # A full stop inside the marks ends the sentence unless lower case follows (“… .” he said).
        nxt = index.text[quote.end:quote.end + 3].lstrip()
        if not nxt[:1].islower():
            return range(start, start)
    end = start
    while end < len(doc) and end - start < MAX_WINDOW_TOKENS:
        token = doc[end]
        if index.quote_of_token(end) is not None or _breaks_window(token):
            break
        end += 1
    return range(start, end)


def _before_window(index: _Index, q: int) -> range:
    quote, doc = index.quotes[q], index.doc
    end = index.token_at(quote.start)
    start = end
    while start > 0 and end - start < MAX_WINDOW_TOKENS:
        token = doc[start - 1]
        if index.quote_of_token(start - 1) is not None or _breaks_window(token):
            break
        start -= 1
    return range(start, end)


def _nearest_frame(frames_at: dict[int, list[int]], window: range, reverse: bool) -> int | None:
    positions = reversed(window) if reverse else window
    for i in positions:
        if i in frames_at:
            return frames_at[i][0]
    return None


def _word_count(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if not (t.is_punct or t.is_space))


def _marker(doc: Doc, first: int, lexicons: Lexicons) -> str | None:
    """The kind a term marker just before the quote gives it: a report titled “…”,
    the so-called “…”, what negotiators call the “…” system."""
    before = [t for t in doc[max(0, first - 4):first] if not t.is_punct]
    if before and before[-1].pos_ == "DET":
        before = before[:-1]
    if not before:
        return None
    word = before[-1]
    return lexicons.term_markers.get(word.lower_) or lexicons.term_markers.get(word.lemma_.lower())


def _term_kind(doc: Doc, index: _Index, quote: Quote, lexicons: Lexicons) -> str | None:
    """'title' or 'term' for a quote that names something rather than reports speech."""
    first, last = index.token_at(quote.inner_start), index.token_at(max(quote.inner_start, quote.inner_end - 1))
    words = _word_count(doc, first, last + 1)
    marked = _marker(doc, first, lexicons)
    if marked and words <= MARKED_TERM_MAX_WORDS:
        return marked
    if words > TERM_MAX_WORDS or any(t.pos_ in ("VERB", "AUX") for t in doc[first:last + 1]):
        return None
    return "term"


def _lead_in(doc: Doc, index: _Index, q: int, frame: Frame) -> int:
    """Where the content starts when the quote begins mid-sentence and its cue
    follows it ("In past campaigns, “we felt …,” she said"): at the sentence start."""
    quote = index.quotes[q]
    window = _before_window(index, q)
    if not window or frame.cue[0] < index.token_at(quote.end - 1) or _word_count(doc, window.start, window.stop) == 0:
        return quote.inner_start
    return doc[window.start].idx


def _set_off(text: str, quote: Quote) -> bool:
    """Punctuated like speech: “No,” she said / she said: “No.” — not a name inside a sentence."""
    inner = text[quote.inner_start:quote.inner_end].rstrip()
    after = text[quote.end:quote.end + 2].lstrip()
    before = text[max(0, quote.start - 3):quote.start].rstrip()
    return inner.endswith((",", ".", "?", "!")) or after.startswith(",") or before.endswith((":", ","))


def _covers(doc: Doc, frame: Frame, first: int, last: int, own: bool = False) -> bool:
    """The frame's parsed content is a clause that holds the quote and more words:
    a mixed quote (she cautioned that it would be a “very big mistake”). For the
    quote's ``own`` cue one word outside is enough (he said Obama “understood …”)."""
    if frame.content is None:
        return False
    c0, c1 = frame.content
    if not (c0 <= first and c1 >= last):
        return False
    outside = [t for t in list(doc[c0:first]) + list(doc[last + 1:c1]) if not (t.is_punct or t.is_space)]
    if own:
        return len(outside) >= 1
    return len(outside) >= 2 and any(t.pos_ in ("VERB", "AUX") for t in outside)


def _speech_end(text: str, quote: Quote) -> bool:
    """A quote closed like speech before its cue: “…,” / “…?” / “…!”."""
    return text[quote.inner_start:quote.inner_end].rstrip().endswith((",", "?", "!"))


def _holds(frame: Frame, token: int | None) -> bool:
    """Whether the frame's content holds this token: "“…,” Conason writes, according
    to the Times" holds the quote's own cue, so the Times reports Conason's words and
    the quote stays his."""
    return token is not None and frame.content is not None and frame.content[0] <= token < frame.content[1]


def _quoted_by_inner_cue(frames: list[Frame], frame: Frame, first: int) -> bool:
    """Whether the quote (from token ``first``) starts inside the frame's source
    after another cue that also lies there: a relative clause of the speaker's
    ("Mr. Scott, who has called the remarks “racially toxic,” portrayed …") says the
    quote; the main verb does not, and its object is no speaker."""
    if frame.source is None or not frame.source[0] <= first < frame.source[1]:
        return False
    return any(other is not frame and frame.source[0] <= other.cue[0] < first for other in frames)


def _introduces(doc: Doc, frame: Frame, quote_token: int) -> bool:
    """A cue before a quote introduces it when nothing but its own words stand
    between them, or the gap ends in a colon, comma or dash ("told reporters in
    Brussels: “…”"); not "said in May on the podcast “Here's the Thing”"."""
    end = max(frame.cue[1], frame.source[1] if frame.source else 0)
    gap = [t for t in doc[end:quote_token] if not t.is_space]
    return not any(not t.is_punct for t in gap) or gap[-1].text in (":", ",", "—", "–", "-")


def _follows(doc: Doc, frame: Frame, quote_end: int) -> bool:
    """A cue after a quote claims it only when no conjunction or other verb stands
    between them: not “…” and accused NATO of …, which starts a new clause."""
    gap = doc[quote_end:frame.cue[0]]
    return not any(t.pos_ in ("CCONJ", "SCONJ", "VERB") or t.text in (";", ".") for t in gap)


def _quote_frame(index: _Index, q: int, frames_at: dict[int, list[int]], frames: list[Frame]) -> int | None:
    quote, text = index.quotes[q], index.text
    inner = text[quote.inner_start:quote.inner_end].rstrip()
    after = _after_window(index, q)
    before = _before_window(index, q)
    lead = text[max(0, quote.start - 3):quote.start].rstrip()
    prefer_before = lead.endswith(":") or (not inner.endswith((",", "?", "!")) and bool(before) and not after)
    order = ((before, True), (after, False)) if prefer_before else ((after, False), (before, True))
    for window, reverse in order:
        found = _nearest_frame(frames_at, window, reverse)
        if found is None:
            continue
        if reverse:
            if _introduces(index.doc, frames[found], window.stop):
                return found
        elif _follows(index.doc, frames[found], window.start) and not _says_own_clause(index, frames[found]):
            return found
    return None


def _says_own_clause(index: _Index, frame: Frame) -> bool:
    """A cue that governs an unquoted clause after it says that clause, not the quote
    before it: in 'On Fox's “Sunday Futures,” Issa said Clinton's judgment is in
    question', the quoted title is no speech of Issa's. Quoted words inside the
    clause ("Clinton's “judgment”") do not make it a quote."""
    if frame.content is None or frame.content[0] < frame.cue[1]:
        return False
    if index.doc[frame.content[0]:frame.content[1]].root.pos_ not in ("VERB", "AUX"):
        return False  # "told those gathered": an addressee, not a clause
    own_words = [i for i in range(*frame.content) if index.quote_of_token(i) is None and not index.doc[i].is_punct]
    return len(own_words) >= 3 and not _starts_quoted(index, frame)


def _starts_quoted(index: _Index, frame: Frame) -> bool:
    """“…,” she said, “…”: a content that opens with the second half of a split quote."""
    first = next((i for i in range(*frame.content) if not index.doc[i].is_punct), frame.content[0])
    return index.quote_of_token(first) is not None


def _outside_quote_subject(doc: Doc, frame: Frame) -> tuple[int, int] | None:
    """The speaker when the parse made a phrase inside the quote the cue's subject:
    the phrase after a finite cue ("“…,” said Ana Ruiz"); for a participle, whose
    next phrase is its addressee ("…, telling the crowd, “…”"), the subject of the
    sentence it hangs on, when that comes before it."""
    verb = doc[frame.cue[0]:frame.cue[1]].root
    if verb.tag_ != "VBG":
        return noun_phrase_after(doc, frame.cue[1])
    root = verb.sent.root
    subject = find_subject(root) if root.i < verb.i else None
    return source_span(doc, subject, root) if subject is not None and subject.i < verb.i else None


def _char_span(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    return doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _directed(doc: Doc, frame: Frame, cues: set[int]) -> bool:
    """"Ayotte urged Sessions to tell Trump to drop it": what someone is urged or asked
    to say is part of the urging (a cue of its own), not something they said."""
    verb = doc[frame.anchor:frame.cue[1]].root
    head = verb.head
    return (verb.dep_ == "xcomp" and head.i in cues and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and head.lemma_.lower() in lexicon.words(WORDS_FILE, "object_control")
            and any(c.dep_ in ("dobj", "dative") and c.i < verb.i for c in head.children))


def _controlled(doc: Doc, frame: Frame, cues: set[int]) -> bool:
    """"declined to say": the lexicon's "say" is part of the model's cue "declined"."""
    verb = doc[frame.anchor:frame.cue[1]].root
    return verb.dep_ == "xcomp" and verb.head.i in cues


def _dash_segment(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """The part of a source span between dashes that holds its head: a parse or a
    tagger that runs a subject across a dash ("… than Mr. Trump - 60 percent of
    voters said …") would make one speaker of two phrases."""
    start, end = span
    dashes = [i for i in range(start, end) if spaced_dash(doc[i])]
    if not dashes:
        return span
    head = doc[start:end].root.i
    low = max((d + 1 for d in dashes if d < head), default=start)
    high = min((d for d in dashes if d > head), default=end)
    while low < high and (doc[low].is_punct or doc[low].is_space):
        low += 1
    while high > low and (doc[high - 1].is_punct or doc[high - 1].is_space):
        high -= 1
    return (low, high) if high > low else span


def cut_sources_at_dashes(doc: Doc, found: list[Found]) -> None:
    for f in found:
        if f.source is not None:
            f.source = _dash_segment(doc, f.source)


def find_attributions(doc: Doc, quotes: list[Quote], lexicons: Lexicons) -> list[Found]:
    index = _Index(doc, quotes)
    found_frames = find_frames(doc, lexicons)
    model_frames = frames_from_model(doc, lexicons)
    if model_frames is not None:
        # The model's cues first; the lexicon's still count where the model saw nothing.
        taken = {i for f in model_frames for i in range(*f.cue)}
        kept = find_frames(doc, lexicons, model_frames)
        taken |= {i for f in kept for i in range(*f.cue)}  # a cue may grow ("issued a statement saying")
        found_frames = kept + [
            f for f in found_frames
            if not taken.intersection(range(*f.cue)) and not _controlled(doc, f, taken)
        ]
        found_frames.sort(key=lambda f: f.cue[0])
    hand_over_bare_reports(doc, found_frames)
    taken = {i for f in found_frames for i in range(*f.cue)}
    found_frames += tag_frames(doc, index.text, quotes, index.token_at, taken)  # "“…,” Hollande retaliated."
    found_frames += lead_frames(doc, index.text, quotes, index.token_at, taken)  # "Hillary shot back, “…”"
    found_frames.sort(key=lambda f: f.cue[0])
    frames: list[Frame] = [f for f in found_frames if index.quote_of_token(f.anchor) is None]
    nested = _nested_frames(doc, index.quote_of_token,
                            [f for f in found_frames if index.quote_of_token(f.anchor) is not None])
    frames = clean_frames(doc, frames)
    cue_tokens = {i for f in frames for i in range(*f.cue)}
    frames = [f for f in frames if not _directed(doc, f, cue_tokens)]
    turns, continuations, label_spans = find_turns(doc, index.text, index.token_at)
    turn_of = _answer_of(index, turns, continuations)
    labels = _label_tokens(index, label_spans)
    frames = [f for f in frames if f.anchor not in labels]  # "Helena Strand:" is no cue frame of its own
    repair_asides(doc, frames, lambda i: index.quote_of_token(i) is not None, lexicons.verbs)
    frames_at: dict[int, list[int]] = {}
    for n, frame in enumerate(frames):
        for i in range(*frame.cue):
            frames_at.setdefault(i, []).append(n)

    found: list[Found] = []
    used_frames: set[int] = set()
    quote_owner: dict[int, int] = {}  # quote index -> attribution index
    window_frame = {q: _quote_frame(index, q, frames_at, frames) for q in range(len(quotes))}
    for q, quote in enumerate(quotes):
        if quote.inner_end <= quote.inner_start:
            continue
        first, last = index.token_at(quote.inner_start), index.token_at(quote.inner_end - 1)
        term = _term_kind(doc, index, quote, lexicons)
        if term is not None and _marker(doc, first, lexicons):
            found.append(Found(term, (quote.inner_start, quote.inner_end), None, None, 0.0))
            continue
        n = window_frame[q]
        claimed = {m for p, m in window_frame.items() if p != q and m is not None}
        # “…,” Conason writes, according to the Times: the quote's own cue follows it
        own_cue = frames[n].cue[0] if n is not None and frames[n].cue[0] > last and _speech_end(index.text, quote) else None
        if any(_covers(doc, frame, first, last, own=m == n) for m, frame in enumerate(frames)
               if (m not in claimed or m == n) and (m == n or not _holds(frame, own_cue))):
            continue  # part of a mixed quote: reported below with the frame's whole content
        if term is not None and (n is None or not _set_off(index.text, quote)):
            found.append(Found(term, (quote.inner_start, quote.inner_end), None, None, 0.0))
            continue
        if n is None:
            continue
        frame = frames[n]
        if _quoted_by_inner_cue(frames, frame, first):
            continue  # "Mr. Scott, who has called it “toxic,” portrayed …": the quote is the relative clause's
        used_frames.add(n)
        quote_owner[q] = len(found)
        source = frame.source
        qfirst, qlast = index.token_at(quote.start), index.token_at(quote.end - 1)
        if source is not None and source[0] <= qlast and source[1] > qfirst:
            source = _outside_quote_subject(doc, frame)  # the parser took the quote for the subject
        confidence = CONFIDENCE["cue"] if source else CONFIDENCE["cue_no_source"]
        start = _lead_in(doc, index, q, frame)
        kind = "direct" if start == quote.inner_start else "mixed"  # the sentence's own words lead in
        found.append(Found(kind, (start, quote.inner_end), frame.cue, source, confidence))

    answered = []  # frames inside transcript answers that introduce no quote
    for n, frame in enumerate(frames):
        if n in used_frames or frame.content is None:
            continue
        if turn_of(frame.anchor) is not None:
            answered.append(frame)
            continue
        start, end = _char_span(doc, frame.content)
        inside = [q for q, quote in enumerate(quotes) if quote.start < end and quote.end > start]
        terms = {f.content for f in found if f.kind in ("title", "term")}
        kind = "indirect"
        if inside and any((quotes[q].inner_start, quotes[q].inner_end) not in terms for q in inside):
            kind = "mixed"
            start, end = min(start, quotes[inside[0]].start), max(end, quotes[inside[-1]].end)
            for q in inside:
                quote_owner.setdefault(q, len(found))
        found.append(Found(kind, (start, end), frame.cue, frame.source, CONFIDENCE["reported"]))

    owners = {q: found[k] for q, k in quote_owner.items()}
    for frame in nested:
        owner = owners.get(index.quote_of_token(frame.anchor))
        if owner is not None and owner.kind in ("direct", "mixed"):
            found.append(Found("indirect", _char_span(doc, frame.content), frame.cue, frame.source,
                               CONFIDENCE["nested"], within=owner))
    found = [f for f in found if not _overlaps_label(f, label_spans)]
    turn_found = _turn_attributions(index, turns, continuations)
    found.extend(turn_found)
    # A transcript answer is a direct quote without quote marks: "I think" inside it is
    # the speaker again, and only another named party's report is one of its own.
    for frame in _nested_frames(doc, turn_of, answered):
        found.append(Found("indirect", _char_span(doc, frame.content), frame.cue, frame.source,
                           CONFIDENCE["nested"], within=turn_found[turn_of(frame.anchor)]))
    _address(doc, turn_of, found, turn_found)
    _colon_quotes(index, quote_owner, found, frames)
    inside = {q for q, quote in enumerate(quotes)
              if any(f.content[0] <= quote.inner_start and quote.inner_end <= f.content[1] for f in found)}
    for q, dash, name in credited_quotes(doc, index.text, quotes, index.token_at, set(quote_owner) | inside):
        quote_owner[q] = len(found)  # "“…” - Sanders.": a credit line names the speaker
        found.append(Found("direct", (quotes[q].inner_start, quotes[q].inner_end), dash, name, CONFIDENCE["cue"]))
    _continue_quotes(doc, index.text, quotes, quote_owner, found)
    cut_sources_at_dashes(doc, found)
    found.sort(key=lambda f: f.content[0])
    return found


def with_transcripts(doc: Doc, quotes: list[Quote], found: list[tuple[Found, Frame]]) -> list[Found]:
    """Attributions found another way (the accurate profile's encoder), with the
    transcript rules above: each turn is a direct attribution, one reaching over a
    turn's label goes, and inside an answer only another named party's report
    stays, nested in the answer ("I think" is the answer's speaker again)."""
    index = _Index(doc, quotes)
    turns, continuations, label_spans = find_turns(doc, index.text, index.token_at)
    if not turns:
        return [f for f, _ in found]
    turn_found = _turn_attributions(index, turns, continuations)
    turn_of = _answer_of(index, turns, continuations)
    labels = _label_tokens(index, label_spans)
    kept = []
    for f, frame in found:
        if _overlaps_label(f, label_spans) or frame.anchor in labels or _line_label(doc, index.text, frame.cue):
            continue  # a label's colon tagged as a cue: the turn's, or the interviewer's question
        region = turn_of(frame.anchor)
        if region is not None:
            if not _nested_frames(doc, turn_of, [frame]):
                continue
            f.within = turn_found[region]
        elif any(f.content[0] < t.content[1] and t.content[0] < f.content[1] for t in turns):
            continue  # a cue outside claiming a turn's words: the turn is theirs
        kept.append(f)
    _address(doc, turn_of, kept, turn_found)
    return kept + turn_found


def _address(doc: Doc, turn_of: Callable[[int], int | None], found: list[Found], answers: list[Found]) -> None:
    """In a transcript, "you" outside the answers is the interviewer speaking to the
    interviewee ("WN: You mentioned you were a TV anchor"): it means whoever gives
    the next answer."""
    for f in found:
        if f.source is None or f.source[1] - f.source[0] != 1 or doc[f.source[0]].lower_ != "you":
            continue
        if turn_of(f.source[0]) is None:
            f.addressed = next((a for a in answers if a.source is not None and a.content[0] > f.content[0]), None)


def _line_label(doc: Doc, text: str, cue: tuple[int, int]) -> bool:
    """In a transcript, a colon cue after a line's first few words ("Courier: How …")
    is a speaker label, whether or not it was read as a turn."""
    if cue[1] - cue[0] != 1 or doc[cue[0]].text != ":":
        return False
    colon = doc[cue[0]].idx
    return len(text[text.rfind("\n", 0, colon) + 1:colon].split()) <= MAX_LABEL_WORDS


def _answer_of(index: _Index, turns: list[Turn], continuations: list[Continuation]) -> Callable[[int], int | None]:
    """Which transcript answer holds a token, as an index into ``_turn_attributions``'s
    list (turns, then the lines that continue them)."""
    spans = [t.content for t in turns] + [c.content for c in continuations]
    tokens = [(index.token_at(start), index.token_at(end - 1)) for start, end in spans if end > start]
    index_of = [k for k, (start, end) in enumerate(spans) if end > start]

    def region(i: int) -> int | None:
        return next((index_of[k] for k, (first, last) in enumerate(tokens) if first <= i <= last), None)
    return region


def _nested_frames(doc: Doc, region_of: Callable[[int], int | None], inside: list[Frame]) -> list[Frame]:
    """Reports inside a direct quote (or a transcript answer) by another party: in
    “Isabelle thinks it's fine,” Ms. Sherry said, Isabelle's belief is an
    attribution of its own, nested in Ms. Sherry's. Only a named or described
    source counts: "I think" is the quote's speaker again, and whom a "he" or
    "they" inside a quote means is too often unknowable. The content must stay
    inside the same quote; ``region_of`` says which quote holds a token."""
    kept = []
    for frame in clean_frames(doc, inside):
        if frame.content is None or frame.source is None:
            continue
        q = region_of(frame.anchor)
        if any(region_of(i) != q for i in (frame.source[0], frame.content[0], frame.content[1] - 1)):
            continue
        root = doc[frame.source[0]:frame.source[1]].root
        if root.pos_ == "PRON" or root.lower_ in ("that", "this"):
            continue  # a pronoun in a quote points at whom the quoted speaker means: too often unknowable
        verb = doc[frame.cue[0]:frame.cue[1]].root
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children):
            continue  # "China may be planning to …", "she never said": the quoted speaker's own guess or denial
        kept.append(frame)
    return kept


def _label_tokens(index: _Index, labels: list[tuple[int, int]]) -> set[int]:
    """Tokens of the transcript labels and of the colons after them."""
    tokens: set[int] = set()
    for start, end in labels:
        tokens.update(range(index.token_at(start), index.token_at(end - 1) + 1))
    return tokens


def _overlaps_label(found: Found, labels: list[tuple[int, int]]) -> bool:
    """A cue-paired attribution reaching over a transcript label ("Gazette: What …"
    read as a headline cue) is the turn's, or the interviewer's, and goes."""
    return any(found.content[0] < end and start < found.content[1] for start, end in labels)


def _turn_attributions(index: _Index, turns: list[Turn], continuations: list[Continuation]) -> list[Found]:
    """Each transcript turn is a direct attribution whose cue is the label's colon;
    an unlabelled line between turns continues the turn before it."""
    made: list[Found] = []
    for turn in turns:
        colon = index.token_at(turn.colon)
        confidence = CONFIDENCE["turn"] if turn.source else CONFIDENCE["turn_no_source"]
        made.append(Found("direct", turn.content, (colon, colon + 1), turn.source, confidence))
    for line in continuations:
        made.append(Found("direct", line.content, None, None, CONFIDENCE["continued"], made[line.turn]))
    return made


def _colon_subject(doc: Doc, colon: int) -> tuple[int, int] | None:
    """The subject of the clause a colon ends, when it names someone who can speak: a
    name, a person pronoun, a phrase in apposition with a name ("One supporter,
    Representative Lee Zeldin, gave the idea a whirl on CNN: “…”"), a noun for someone
    ("The spokesman put it this way: “…”") or a document ("A footnote in the report
    makes that clear: “…”"). When the parse hung the colon on the quote's verb ("As
    Cornyn put it: “…”"), the clause is the one ending at it."""
    verb = doc[colon].head
    if verb.i > colon and colon > 0:
        verb = doc[colon - 1]
        while verb.head.i < colon and verb.head.i != verb.i:
            verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i > colon:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < colon), None)
    if subject is None:
        return None
    if verb.lemma_.lower() == "be" and not may_source(subject):
        return None  # "The rationale the Post uses is a blind faith in Obama's word: “…”" describes, says nothing
    named = [t for t in subject.subtree if t.ent_type_ in NAMED_SPEAKERS and t.i < colon]
    if not (named or subject.lower_ in SPEAKING_PRONOUNS or may_source(subject)):
        return None
    start, end = subject.left_edge.i, min(subject.right_edge.i + 1, colon)
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _colon_quotes(index: _Index, quote_owner: dict[int, int], found: list[Found], frames: list[Frame]) -> None:
    """A quote no cue claimed, opened after a colon that ends a clause about someone,
    is what that someone said: “X put it bluntly: ‘…’”. Journalists introduce
    quotes this way with any verb, so the lexicon's cues miss it; the clause's
    verb is the cue. A colon that ends a paragraph introduces the quotation
    that opens the next one ("The minister said:" / "“…”"), a block quote's
    usual layout; there the cue frame whose cue the colon follows gives the
    source, as it would on one line."""
    text, doc = index.text, index.doc
    for q, quote in enumerate(index.quotes):
        if q in quote_owner or quote.inner_end <= quote.inner_start:
            continue
        if any(f.content[0] <= quote.inner_start and f.content[1] >= quote.inner_end for f in found):
            continue  # a term, or inside a mixed quote
        lead = text[:quote.start].rstrip()
        if not lead.endswith(":"):
            continue
        gap = text[len(lead):quote.start]
        if "\n" in gap and not _opens_next_paragraph(text, len(lead), quote.start):
            continue
        colon = index.token_at(len(lead) - 1)
        frame = _frame_before_colon(frames, colon) if "\n" in gap else None
        if frame is not None:
            cue, source = frame.cue, frame.source
        else:
            source = _colon_subject(doc, colon)
            if source is None:
                continue
            verb = doc[source[0]:source[1]].root.head
            cue = (verb.i, verb.i + 1)
        quote_owner[q] = len(found)
        found.append(Found("direct", (quote.inner_start, quote.inner_end), cue, source, CONFIDENCE["colon"]))


def _opens_next_paragraph(text: str, colon_end: int, quote_start: int) -> bool:
    """Only blank lines lie between the colon and the quote: one paragraph break, no text."""
    return not text[colon_end:quote_start].strip() and text.count("\n", colon_end, quote_start) <= 2


def _frame_before_colon(frames: list[Frame], colon: int) -> Frame | None:
    """The cue frame that the colon closes with nothing said: "Dr. Ward stated:"."""
    for frame in frames:
        if frame.content is None and frame.source is not None and colon - 2 <= frame.cue[1] - 1 <= colon:
            return frame
    return None


SENTENCE_CLOSERS = (".", "!", "?", ":", '"', "”", "'", "’", ")")  # what may come before a quote that continues


def _continue_quotes(doc: Doc, text: str, quotes: list[Quote], quote_owner: dict[int, int], found: list[Found]) -> None:
    """A quote with no cue continues the last speaker when it opens a paragraph
    right after that speaker's paragraph, or follows their quote in the same one."""
    for q, quote in enumerate(quotes):
        if q in quote_owner or quote.inner_end <= quote.inner_start:
            continue
        if any(f.content[0] <= quote.inner_start and f.content[1] >= quote.inner_end for f in found):
            continue  # a term, or inside a mixed quote
        paragraph = _paragraph_start(text, quote.start)
        opens_paragraph = not text[paragraph:quote.start].strip()
        if not opens_paragraph and text[paragraph:quote.start].rstrip()[-1:] not in SENTENCE_CLOSERS:
            continue  # inside a sentence of its own ("one lawmaker called Trump “the orange prince”"): not a continuation
        previous = [
            a for a, f in enumerate(found)
            if f.kind in ("direct", "mixed", "indirect") and f.content[1] <= quote.start
            and (f.source is not None or f.follows is not None) and f.within is None
        ]
        # An outer report ("…,” Conason writes, according to the Times) holds its inner
        # speaker's cue; the next quote goes on with the inner speaker. Only a speaker
        # quoted whole goes on: in "Carter said some critics had predicted a withdrawal"
        # or "Her friends have mocked him, calling him “a buffoon,” Susan said" the inner
        # report is what the outer speaker said, and the next quote is still theirs.
        cue_chars = [doc[found[a].cue[0]].idx for a in previous
                     if found[a].cue is not None and found[a].kind == "direct"]
        previous = [a for a in previous
                    if not any(found[a].content[0] <= c < found[a].content[1] for c in cue_chars)] or previous
        if not previous:
            continue
        # the one that ends last; of two ending together, the outer one (a report inside it is its speaker's words)
        last = found[max(previous, key=lambda a: (found[a].content[1], -found[a].content[0]))]
        last_paragraph = _paragraph_start(text, last.content[0])
        same_paragraph = last_paragraph == paragraph
        prev_paragraph = _paragraph_start(text, max(0, paragraph - 2)) if paragraph else -1
        if same_paragraph or (opens_paragraph and last_paragraph == prev_paragraph):
            quote_owner[q] = len(found)
            found.append(Found("direct", (quote.inner_start, quote.inner_end), None, None, CONFIDENCE["continued"], last))

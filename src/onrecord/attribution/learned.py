"""The trained span model's cues and sources, turned into cue frames.

The model (``onrecord train spans``) marks CUE and SOURCE spans the way PolNeAR's
annotators did. Contents still come from the parse: the model says *where*
an attribution is and who makes it, the parse says what it governs.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..lexicon import Lexicons
from .frames import Frame, _according_to_frame, _noun_frame, _verb_frame
from .senses import expected_of_no_one
from .subjects import asked_of_subject

CUES_KEY = "onrecord_cues"
SOURCES_KEY = "onrecord_sources"
# Content roles for a verb the lexicon does not know.
DEFAULT_ROLES = ("ccomp", "xcomp", "dobj", "prep:about", "prep:for", "prep:of", "prep:on", "prep:to", "prep:against")
COLON_SOURCE_MAX = 6  # tokens: "Senate Majority Leader Mitch McConnell:" at most
SOURCE_REACH = 12  # tokens between a cue and a source found without the parse


def _frame_for_cue(doc: Doc, cue: Span, lexicons: Lexicons) -> Frame:
    head = cue.root
    frame: Frame | None = None
    if cue[0].lower_ == "according":
        frame = _according_to_frame(doc, cue[0])
    elif head.pos_ in ("VERB", "AUX"):
        entry = lexicons.verbs.get(head.lemma_.lower())
        roles = entry.content_roles if entry else DEFAULT_ROLES
        frame = _verb_frame(doc, head, roles, entry.cue_class if entry else "speech")
    elif head.pos_ in ("NOUN", "PROPN"):
        frame = _noun_frame(doc, head, lexicons.nouns.get(head.lemma_.lower(), "speech"))
    if frame is None and cue.text == ":":
        frame = _colon_frame(doc, cue)
    if frame is None:
        frame = Frame((cue.start, cue.end), "speech", None, None)
    frame.cue = (cue.start, cue.end)
    return frame


def _colon_frame(doc: Doc, colon: Span) -> Frame | None:
    """"Graham: Trump's rhetoric is destroying the party": the name before the
    colon speaks, the rest of the sentence is what they said."""
    sentence = colon.sent
    before = doc[sentence.start:colon.start]
    if not 0 < len(before) <= COLON_SOURCE_MAX or not any(t.pos_ in ("PROPN", "PRON") for t in before):
        return None
    end = sentence.end
    while end > colon.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    content = (colon.end, end) if end > colon.end else None
    return Frame((colon.start, colon.end), "speech", (before.start, before.end), content)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _snap_source(frame: Frame, sources: list[tuple[int, int]], sentence: tuple[int, int]) -> tuple[int, int] | None:
    """The model's SOURCE span for this frame: the one overlapping the parsed
    subject, else the nearest one in the sentence outside the content."""
    if frame.source is not None:
        best = max(sources, key=lambda s: _overlap(s, frame.source), default=None)
        if best is not None and frame.content is not None and _overlap(best, frame.content):
            return frame.source  # "according to sources in the meetings, Clinton tried …": the span ran into the content
        return best if best is not None and _overlap(best, frame.source) else frame.source
    content = frame.content or (0, 0)
    near = [
        s for s in sources
        if sentence[0] <= s[0] and s[1] <= sentence[1] and not _overlap(s, content) and not _overlap(s, frame.cue)
        and min(abs(s[1] - frame.cue[0]), abs(frame.cue[1] - s[0])) <= SOURCE_REACH
    ]
    return min(near, key=lambda s: min(abs(s[1] - frame.cue[0]), abs(frame.cue[1] - s[0])), default=None)


def _take_swallowed_source(doc: Doc, frame: Frame, sources: list[tuple[int, int]]) -> None:
    """"“It is not the position …,” Gene Sperling, a top adviser, said": the parse ran
    the quote's clause on over the name before the cue, so the content swallowed the
    model's SOURCE span. A SOURCE span that ends right before the cue and starts inside
    the content is the speaker; the content ends before it."""
    if frame.content is None:
        return
    for start, end in sources:
        between = doc[end:frame.cue[0]]
        if frame.content[0] < start < frame.content[1] <= frame.cue[0] + 1 and all(t.is_punct for t in between):
            words = [t for t in doc[frame.content[0]:start] if not (t.is_punct or t.is_space)]
            if words:
                frame.source, frame.content = (start, end), (frame.content[0], start)
            return


def frames_from_model(doc: Doc, lexicons: Lexicons) -> list[Frame] | None:
    """Frames for the model's cues, or None when the model did not run on ``doc``."""
    if CUES_KEY not in doc.spans:
        return None
    sources = [(s.start, s.end) for s in doc.spans.get(SOURCES_KEY, [])]
    frames = []
    for cue in doc.spans[CUES_KEY]:
        frame = _frame_for_cue(doc, cue, lexicons)
        sentence = cue.sent
        if cue.root.pos_ in ("VERB", "AUX") and (expected_of_no_one(cue.root) or asked_of_subject(cue.root)):
            frame.source = None  # "is expected to", "when asked if": no one is named who expects or asks it
        else:
            frame.source = _snap_source(frame, sources, (sentence.start, sentence.end))
            if frame.source is None:
                _take_swallowed_source(doc, frame, sources)
        frames.append(frame)
    return frames

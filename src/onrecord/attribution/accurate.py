"""spaCy component ``onrecord_accurate_attributions``: the encoder's spans → attributions.

The *accurate* profile's replacement for ``onrecord_cues`` + ``onrecord_attributions``.
The encoder (``attribution.encoder``) tags CUE, SOURCE and CONTENT spans; this
module decides which belong together, the way PolNeAR relates them (every
relation has one cue and one content; most have a source):

* each CONTENT span gets one CUE: pairs are ranked by the number of tokens
  between them and taken greedily, one-to-one. A cue may sit in the content's
  sentence or the one before or after. A cue inside a quotation only serves a
  content inside that same quotation ("“He told me he was leaving,” she said"),
  and a cue inside the content (a nested attribution, or “A,” she said, “B.”)
  costs ``INSIDE_COST`` tokens, so an adjacent cue outside wins when there is one.
  Contents left without a cue are dropped: PolNeAR has no relation without one.
  Before pairing, a content loses the cue or source words it runs into ("…,'' Ms"
  of "Ms. Varga", "said, ''and …"; ``_trimmed``), and one that runs over a split
  quote's speaker ("“A,” she said, “B.”") becomes its two quotations, both the
  cue's between them (``_split_quote``); the record then holds each quotation as
  the fast profile does, and PolNeAR's scorer joins them again (``as_relations``).
  Where the source runs on past the cue into unquoted words, the quotations that
  open and close the content are its halves (``_end_quotations``).
* a direct quotation the rules attribute (quote marks and a parsed "said X" beside
  them) where the encoder tagged nothing is added (``quotations_missed``).
* each cue gets the nearest SOURCE span in its sentence (or within
  ``SOURCE_REACH`` tokens) that is not inside its content — unless the cue
  itself is inside the content — nor inside a quotation the cue is not in.
  Several cues may share a source ("he said …, and added …").
* the kind is 'direct' when quotations make up nearly all of the content,
  'mixed' when they make up part of it, else 'indirect'.
* the content then loses the quote marks at its ends where the fast profile
  has none (``inside_marks``): a direct quote's content is the text inside them.

The result is the same ``doc._.attributions`` / ``doc._.onrecord_found`` /
``doc._.quotes`` the fast profile fills, so ``onrecord_entities`` resolves each
source to an entity (``speaker``) unchanged.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon
from ..tokens import doc_text
from . import components as _components  # noqa: F401  (registers the Doc extensions)
from .components import attributions_of
from .encoder import MODEL_DIR, cached_tagger
from .extract import Found, cut_sources_at_dashes, find_attributions, with_transcripts
from .frames import Frame, source_span
from .senses import is_attribution
from .subjects import find_subject
from .quotes import Quote, find_quotes

INSIDE_COST = 6        # tokens: a cue inside its content ranks like one this far away
MAX_GAP = 40           # tokens between a content and its cue, at most
SOURCE_REACH = 12      # tokens between a cue and a source outside its sentence
DIRECT_SHARE = 0.9     # share of a content's characters inside quotations for 'direct'
CONFIDENCE = {"source": 0.85, "no_source": 0.6}

TokenSpan = tuple[int, int]


@dataclass
class Decoded:
    """One attribution before it becomes a ``Found``: token spans, content also in characters."""

    content: tuple[int, int]     # characters
    content_tokens: TokenSpan
    cue: TokenSpan
    source: TokenSpan | None


class _Layout:
    """Token positions of sentences and quotations, for the distance rules."""

    def __init__(self, doc: Doc, quotes: list[Quote]):
        self.doc = doc
        self.sentence_of = [0] * len(doc)
        self.sentences: list[TokenSpan] = []
        for n, sent in enumerate(doc.sents):
            self.sentences.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = n
        self.starts = [t.idx for t in doc]
        self.quotes = [q for q in quotes if q.inner_end > q.inner_start]

    def tokens(self, start: int, end: int) -> TokenSpan | None:
        """Token span covering characters start:end (None if only whitespace)."""
        first = max(0, bisect_right(self.starts, start) - 1)
        if first < len(self.doc) and self.starts[first] + len(self.doc[first]) <= start:
            first += 1
        last = bisect_left(self.starts, end)
        if last <= first:
            return None
        while first < last and self.doc[first].is_space:
            first += 1
        while last > first and self.doc[last - 1].is_space:
            last -= 1
        return (first, last) if last > first else None

    def quote_of(self, span: TokenSpan) -> int | None:
        """The innermost quotation (index) holding the whole token span, if any."""
        start = self.doc[span[0]].idx
        end = self.doc[span[1] - 1].idx + len(self.doc[span[1] - 1])
        best = None
        for k, q in enumerate(self.quotes):
            if q.inner_start <= start and end <= q.inner_end:
                if best is None or q.inner_end - q.inner_start < self.quotes[best].inner_end - self.quotes[best].inner_start:
                    best = k
        return best

    def quotation(self, span: TokenSpan) -> bool:
        """Whether the span is a quotation, its marks included or not."""
        start, end = span
        while start < end - 1 and self.doc[start].is_punct:
            start += 1
        while end > start + 1 and self.doc[end - 1].is_punct:
            end -= 1
        return self.quote_of((start, end)) is not None

    def inside_quote(self, span: TokenSpan, k: int | None) -> bool:
        if k is None:
            return True
        q = self.quotes[k]
        return q.inner_start <= self.doc[span[0]].idx and self.doc[span[1] - 1].idx < q.inner_end


def _gap(a: TokenSpan, b: TokenSpan) -> int:
    """Tokens between two spans; 0 when adjacent or overlapping."""
    return max(0, b[0] - a[1], a[0] - b[1])


def _inside(inner: TokenSpan, outer: TokenSpan) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlaps(a: TokenSpan, b: TokenSpan) -> bool:
    return a[0] < b[1] and b[0] < a[1]


SPLIT_GAP = 8  # tokens between the two parts of a split quote: "," Ms. Varga said, "
QUOTE_OPENERS = ("“", '"', "‘", "''", "``", "'")  # kept at a content's start when punctuation is trimmed
QUOTE_CLOSERS = ("”", '"', "’", "''", "'")


def pair_cues(layout: _Layout, contents: list[TokenSpan], cues: list[TokenSpan]) -> dict[int, int]:
    """content index → cue index, one-to-one, nearest first (see the module docstring)."""
    candidates = []
    for c, content in enumerate(contents):
        sentences = (layout.sentence_of[content[0]] - 1, layout.sentence_of[content[1] - 1] + 1)
        for k, cue in enumerate(cues):
            if not sentences[0] <= layout.sentence_of[cue[0]] <= sentences[1]:
                continue
            cue_quote = layout.quote_of(cue)
            if cue_quote is not None and not layout.inside_quote(content, cue_quote):
                continue            # a quoted cue serves only contents quoted with it
            if _overlaps(cue, content) and not _inside(cue, content):
                continue
            cost = INSIDE_COST if _inside(cue, content) else _gap(cue, content)
            if cost <= MAX_GAP:
                candidates.append((cost, c, k))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, c, k in sorted(candidates):
        if c not in pairs and k not in used:
            pairs[c] = k
            used.add(k)
    # A split quote ("“…,” Ms. Varga said, “…”"): the cue between its two parts serves both.
    owner = {k: c for c, k in pairs.items()}
    for _, c, k in sorted(candidates):
        if c in pairs or k not in owner:
            continue
        first, second = sorted((contents[owner[k]], contents[c]))
        between = first[1] <= cues[k][0] and cues[k][1] <= second[0] and second[0] - first[1] <= SPLIT_GAP
        quoted = all(layout.quotation(part) for part in (first, second))
        if between and quoted:  # the second part may open the next sentence: "…,'' she said. ''I also …''"
            pairs[c] = k
    return pairs


def pick_source(layout: _Layout, cue: TokenSpan, content: TokenSpan, sources: list[TokenSpan]) -> TokenSpan | None:
    """The SOURCE span nearest the cue that may be its speaker."""
    sentence = layout.sentence_of[cue[0]]
    cue_quote = layout.quote_of(cue)
    cue_in_content = _inside(cue, content)
    best: tuple[int, TokenSpan] | None = None
    for source in sources:
        if _overlaps(source, cue):
            continue
        if _overlaps(source, content) and not cue_in_content:
            continue
        source_quote = layout.quote_of(source)
        if source_quote is not None and source_quote != cue_quote:
            continue
        gap = _gap(source, cue)
        if layout.sentence_of[source[0]] != sentence and gap > SOURCE_REACH:
            continue
        if layout.sentence_of[source[0]] != sentence and _apart(cue, content, source):
            continue  # "Others shouted, “Stop!” Emanuel said …": the quote stands between them
        if best is None or gap < best[0]:
            best = (gap, source)
    return best[1] if best else None


def _apart(cue: TokenSpan, content: TokenSpan, source: TokenSpan) -> bool:
    """The content lies between the cue and the source."""
    return cue[1] <= content[0] and content[1] <= source[0] or source[1] <= content[0] and content[1] <= cue[0]


def parsed_source(doc: Doc, cue: TokenSpan, content: TokenSpan) -> TokenSpan | None:
    """The cue verb's subject from the parse, where the encoder tagged no source
    near the cue: it rarely tags a relative pronoun ("Kelly, an anchor who
    questioned ...") or a controlling subject ("Sanders soared by saying ...")."""
    verb = doc[cue[0]:cue[1]].root
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = find_subject(verb)
    span = source_span(doc, subject, verb) if subject is not None else None
    if span is None or _overlaps(span, cue) or _overlaps(span, content):
        return None
    return span


def _in_verb_phrase(doc: Doc, cue: TokenSpan, source: TokenSpan) -> bool:
    """Whether a span lies in a prepositional phrase of the cue verb ("in its release",
    "on Twitter", "at a rally"): where the act took place, not who spoke. An agent
    ("by the ministry") is who spoke."""
    verb = doc[cue[0]:cue[1]].root
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in ("by", "according"):
            if child.left_edge.i <= source[0] and source[1] <= child.right_edge.i + 1:
                return True
    return False


def _object_between(doc: Doc, cue: TokenSpan, subject: TokenSpan, source: TokenSpan) -> bool:
    """The encoder's source is an object (or a name apposed to one) of the verb the cue
    is coordinated with, between the cue's parsed subject and the cue: the nearest name,
    not the one who speaks. Only for a cue coordinated by "and" or "but": "watching
    Clinton, argue that …" (parsed as a conjunct) has Clinton arguing."""
    verb = doc[cue[0]:cue[1]].root
    if verb.dep_ != "conj" or not any(c.dep_ == "cc" and verb.head.i < c.i < verb.i for c in verb.head.children):
        return False  # a conjunct with no "and" before it is a misparse ("watching Clinton, argue")
    if _overlaps(subject, source) or not subject[1] <= source[0] < source[1] <= cue[0]:
        return False
    root = doc[source[0]:source[1]].root
    while root.dep_ in ("compound", "appos", "conj") and root.head.i != root.i:
        root = root.head
    return root.dep_ in ("dobj", "pobj", "dative", "attr")


def _whole_subject(doc: Doc, cue: TokenSpan, content: TokenSpan, source: TokenSpan) -> TokenSpan:
    """The parsed subject where the encoder's source is a piece of it without its
    head: in "Mrs. Clinton -- whose husband signed the act into law -- has
    derided …" the encoder may tag "law --"; the speaker is the subject, Clinton."""
    subject = parsed_source(doc, cue, content)
    if subject is None:
        return source
    if _in_verb_phrase(doc, cue, source) and not _overlaps(subject, source):
        return subject  # "Coles, in its March 8 media release, reported": the encoder tagged "8 media"
    if _object_between(doc, cue, subject, source):
        return subject  # "Obama … stood beside Meles's successor, Prime Minister X, and described": Obama
    head = doc[subject[0]:subject[1]].root
    inside = head.left_edge.i <= source[0] and source[1] <= head.right_edge.i + 1  # the subject's whole phrase
    return subject if inside and not source[0] <= head.i < source[1] else source


def kind_of(text: str, content: tuple[int, int], quotes: list[Quote]) -> str:
    """'direct', 'mixed' or 'indirect' by how much of the content is quoted."""
    start, end = content
    solid = sum(1 for ch in text[start:end] if not ch.isspace())
    quoted = 0
    for q in quotes:
        s, e = max(start, q.start), min(end, q.end)
        if e > s:
            quoted += sum(1 for ch in text[s:e] if not ch.isspace())
    if not quoted:
        return "indirect"
    return "direct" if solid and quoted >= DIRECT_SHARE * solid else "mixed"


def inside_marks(content: tuple[int, int], quotes: list[Quote]) -> tuple[int, int]:
    """The content without the quote marks at its ends, where the fast profile
    leaves them out. The encoder tags the marks as part of the content (PolNeAR
    does); the fast profile's direct content is the text inside them
    (``quote.inner_start:inner_end``), and so is a quote interrupted by its cue
    (“A,” she said, “B.”), whose outer marks both go. Where only one end is a
    quotation's mark and the other end is outside that quotation (mixed: she said
    it was “a mistake.”), the mark stays, as in the fast profile's mixed content,
    so the quoted words are still marked as quoted."""
    start, end = content
    opening = next((q for q in quotes if q.start <= start < q.inner_start), None)
    closing = next((q for q in quotes if q.inner_end < end <= q.end), None)
    if opening is not None and (closing is not None or end <= opening.inner_end):
        start = opening.inner_start
    if closing is not None and (opening is not None or start >= closing.inner_start):
        end = closing.inner_end
    return (start, end) if end > start else content


def _split_quote(layout: _Layout, content: TokenSpan, cues: list[TokenSpan],
                 sources: list[TokenSpan]) -> tuple[list[TokenSpan], int | None]:
    """A content the encoder ran over a split quote's speaker ("''It's easy …,'' she
    said. ''I also wanted …''") as its two quotations, each with its marks, and the
    index of the cue between them, whose they both are: the cue and source between
    them are not content."""
    inner = [k for k, c in enumerate(cues) if content[0] < c[0] and c[1] < content[1]]
    if len(inner) != 1:
        return [content], None
    k = inner[0]
    cue = cues[k]
    near = [s for s in sources if content[0] < s[0] and s[1] < content[1] and _gap(s, cue) <= 2]
    start, end = min([cue[0]] + [s[0] for s in near]), max([cue[1]] + [s[1] for s in near])
    first, second = (content[0], start), (end, content[1])
    parts = [_strip_punct(layout.doc, first), _strip_punct(layout.doc, second)]
    if layout.quote_of(cue) is not None:
        return [content], None  # the cue is quoted: no speaker's words between two quotations
    if any(p is None or not layout.quotation(p) for p in parts):
        # The source may run past the cue into words that are not quoted ("said X, the
        # director, who has not read it but knows its gist. ''Even …''"): the quotations
        # that open and close the content are its two halves all the same.
        ends = _end_quotations(layout, content, cue)
        return (ends, k) if ends else ([content], None)
    return [first, second], k


def _end_quotations(layout: _Layout, content: TokenSpan, cue: TokenSpan) -> list[TokenSpan]:
    """The quotation (marks included) that opens the content before the cue and the
    one that closes it after the cue, or [] when either is missing."""
    inner = _strip_punct(layout.doc, content)
    if inner is None:
        return []
    spans = [layout.tokens(q.start, q.end) for q in layout.quotes]
    opening = next((t for t in spans if t is not None and t[0] == inner[0] and t[1] <= cue[0]), None)
    closing = next((t for t in spans if t is not None and t[1] == inner[1] and t[0] >= cue[1]), None)
    return [opening, closing] if opening and closing else []


def _strip_punct(doc: Doc, span: TokenSpan) -> TokenSpan | None:
    start, end = span
    while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text not in QUOTE_OPENERS:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in QUOTE_CLOSERS:
        end -= 1
    return (start, end) if end > start else None


def _trimmed(doc: Doc, content: TokenSpan, cues: list[TokenSpan], sources: list[TokenSpan]) -> TokenSpan | None:
    """A content span without the cue or source words the encoder ran it into: it may
    tag "…,'' Ms" (running into "Ms. Varga") or "said, ''and …" as content, or a
    stray piece of a name ("Var" of "Varga"). A span that sticks out of the content,
    or a cue that opens it, is cut off; one the content holds whole stays, a report
    nested in it ("Jones claimed the vote was rigged"). What is left, without
    punctuation at its edges, is the content (None when nothing is)."""
    start, end = content
    for other in sorted(cues + sources):
        if not _overlaps((start, end), other):
            continue
        if other[0] <= start and other[1] >= end:
            return None  # a piece of a name or a cue
        if other[0] < start or (other[0] == start and other in cues):
            start = other[1]
        elif other[1] > end:
            end = other[0]
    while start < end and doc[start].is_punct and doc[start].text not in QUOTE_OPENERS:
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text in (",", ";", ":"):
        end -= 1
    if end <= start or all(t.is_punct or t.is_space for t in doc[start:end]):
        return None
    return (start, end)


def reporting(doc: Doc, decoded: Decoded) -> bool:
    """Whether the decoded cue reports anyone: the fast profile's test for a cue
    verb used in a non-reporting sense (an imperative, "continues to rage", "can
    call 311", "appeared on television"; ``senses.is_attribution``), applied to
    the encoder's cue, so both profiles drop the same senses."""
    frame = Frame(decoded.cue, "", decoded.source, decoded.content_tokens)
    return is_attribution(doc, frame, lexicon.default())


def decode(doc: Doc, spans: dict[str, list[tuple[int, int]]], quotes: list[Quote]) -> list[Decoded]:
    """Attributions from the encoder's character spans (role → [(start, end)]),
    without those whose cue is used in a non-reporting sense (``reporting``)."""
    layout = _Layout(doc, quotes)

    def tokens(role):
        out = []
        for s, e in spans.get(role, []):
            t = layout.tokens(s, e)
            if t is not None and t not in out:
                out.append(t)
        return out

    cues, sources = tokens("CUE"), tokens("SOURCE")
    content_chars = {}
    split_cue: dict[TokenSpan, int] = {}  # each half of a split quote → the cue between the halves
    for s, e in spans.get("CONTENT", []):
        whole = layout.tokens(s, e)
        parts, between = _split_quote(layout, whole, cues, sources) if whole is not None else ([], None)
        for t in parts:
            t = _trimmed(doc, t, cues, sources)
            if t is None or t in content_chars:
                continue
            if between is not None:
                split_cue[t] = between
            if t != whole:
                content_chars[t] = (doc[t[0]].idx, doc[t[1] - 1].idx + len(doc[t[1] - 1]))
            else:
                content_chars[t] = (s, e)
    contents = list(content_chars)
    result = []
    pairs = pair_cues(layout, contents, cues)
    for c, content in enumerate(contents):
        if content in split_cue:
            pairs[c] = split_cue[content]  # the halves of a split quote are the cue's between them
    for c, k in sorted(pairs.items()):
        content = contents[c]
        source = pick_source(layout, cues[k], content, sources)
        source = parsed_source(doc, cues[k], content) if source is None else _whole_subject(doc, cues[k], content, source)
        decoded = Decoded(content_chars[content], content, cues[k], source)
        if reporting(doc, decoded):
            result.append(decoded)
    return result


def quotations_missed(doc: Doc, quotes: list[Quote], found: list[Found]) -> list[tuple[Found, Frame]]:
    """Direct quotations the rules attribute (quote marks, a cue verb of the
    lexicon and its subject: ``extract.find_attributions``) where the encoder
    tagged nothing. The encoder reads a window of words and misses some whole
    quotations ("'I think it can work,' said Louisa Ermelino"); quote marks and a
    parsed "said X" beside them are the strongest evidence the rules have. Only a
    quote with its own cue and source is taken: one that continues another
    speaker's quote needs that quote, which may be the encoder's."""
    taken = [f.content for f in found]
    missed = []
    for f in find_attributions(doc, quotes, lexicon.default()):
        if f.kind != "direct" or f.cue is None or f.source is None or f.follows is not None or f.within is not None:
            continue
        if any(f.content[0] < end and start < f.content[1] for start, end in taken):
            continue
        span = doc.char_span(f.content[0], f.content[1], alignment_mode="expand")
        if span is not None:
            missed.append((f, Frame(f.cue, "", f.source, (span.start, span.end))))
    return missed


class AccurateAttributionFinder:
    """Sets ``doc._.attributions`` (and quotes, found, warnings) from the encoder's spans."""

    def __init__(self, model_dir: str | None = None, threads: int = 1):
        self.tagger = cached_tagger(str(model_dir or MODEL_DIR), threads)

    def __call__(self, doc: Doc) -> Doc:
        warnings: list[str] = []
        text = doc_text(doc)
        quotes = find_quotes(text, warnings)
        decoded = []
        for d in decode(doc, self.tagger.tag(text), quotes):
            confidence = CONFIDENCE["source"] if d.source else CONFIDENCE["no_source"]
            # The kind is read from the span as tagged, marks included, then the marks go.
            decoded.append((Found(kind_of(text, d.content, quotes), inside_marks(d.content, quotes), d.cue, d.source,
                                  confidence), Frame(d.cue, "", d.source, d.content_tokens)))
        decoded += quotations_missed(doc, quotes, [f for f, _ in decoded])
        found = with_transcripts(doc, quotes, decoded)
        cut_sources_at_dashes(doc, found)
        found.sort(key=lambda f: f.content[0])
        doc._.quotes = quotes
        doc._.onrecord_found = found
        doc._.onrecord_warnings = warnings
        doc._.attributions = attributions_of(doc, text, found)
        return doc


@Language.factory(
    "onrecord_accurate_attributions",
    default_config={"model_dir": None, "threads": 1},
    requires=["doc.sents"],
    assigns=["doc._.attributions", "doc._.quotes", "doc._.onrecord_found", "doc._.onrecord_warnings"],
)
def make_accurate_attributions(nlp: Language, name: str, model_dir: str | None, threads: int) -> AccurateAttributionFinder:
    return AccurateAttributionFinder(model_dir, threads)

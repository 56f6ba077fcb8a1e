"""spaCy component ``onrecord_attributions``: quotes and cues → ``doc._.attributions``.

Speakers are filled in by ``onrecord_entities`` (see onrecord.entities.components).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon
from ..lexicon import Lexicons
from ..schema import Attribution, Span
from ..tokens import doc_text
from .acts import act_of
from .extract import Found, find_attributions
from .quotes import find_quotes

for _name, _default in (("attributions", None), ("quotes", None), ("onrecord_found", None), ("onrecord_warnings", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _token_span(doc: Doc, text: str, span: tuple[int, int] | None) -> Span | None:
    if span is None:
        return None
    start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
    return Span(start, end, text[start:end])


def to_attribution(doc: Doc, text: str, found: Found, lexicons: Lexicons | None = None) -> Attribution:
    """``text`` is ``doc.text``, passed in because spaCy rebuilds it on every access.
    A continued quote's act is its predecessor's: ``inherit_acts`` sets it."""
    start, end = found.content
    return Attribution(
        kind=found.kind,  # type: ignore[arg-type]
        content=Span(start, end, text[start:end]),
        cue=_token_span(doc, text, found.cue),
        source=_token_span(doc, text, found.source),
        speaker=None,
        confidence=round(found.confidence, 3),
        act=act_of(doc, found.kind, found.cue, found.source, lexicons),  # type: ignore[arg-type]
    )


def inherit_acts(attributions: list[Attribution]) -> None:
    """An uncued quote that continues another is the same act ("A," she wrote. "B.")."""
    for attribution in attributions:  # in text order, so a chain of continuations resolves
        if attribution.cue is None and attribution.continues is not None:
            attribution.act = attributions[attribution.continues].act


def attributions_of(doc: Doc, text: str, found: list[Found], lexicons: Lexicons | None = None) -> list[Attribution]:
    """The records of ``found`` (in its order), with ``continues`` and ``within`` as indices."""
    attributions = [to_attribution(doc, text, f, lexicons) for f in found]
    position = {id(f): n for n, f in enumerate(found)}
    for f, attribution in zip(found, attributions):
        if f.follows is not None:
            attribution.continues = position.get(id(f.follows))
        if f.within is not None:
            attribution.within = position.get(id(f.within))
    inherit_acts(attributions)
    return attributions


class AttributionFinder:
    """Finds direct, indirect and mixed quotations with their cue and source mention."""

    def __init__(self, lexicon_dir: str | None = None):
        self.lexicons = lexicon.read_lexicons(lexicon_dir) if lexicon_dir else lexicon.default()

    def __call__(self, doc: Doc) -> Doc:
        warnings: list[str] = []
        text = doc_text(doc)
        quotes = find_quotes(text, warnings)
        found = find_attributions(doc, quotes, self.lexicons)
        doc._.quotes = quotes
        doc._.onrecord_found = found
        doc._.onrecord_warnings = warnings
        doc._.attributions = attributions_of(doc, text, found, self.lexicons)
        return doc


@Language.factory(
    "onrecord_attributions",
    default_config={"lexicon_dir": None},
    requires=["token.dep", "token.head", "token.lemma", "token.tag"],
    # onrecord_found: the attributions with token offsets, for onrecord_entities
    assigns=["doc._.attributions", "doc._.quotes", "doc._.onrecord_found", "doc._.onrecord_warnings"],
)
def make_attributions(nlp: Language, name: str, lexicon_dir: str | None) -> AttributionFinder:
    return AttributionFinder(lexicon_dir)

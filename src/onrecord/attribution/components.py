"""spaCy component ``onrecord_attributions``: quotes and cues → ``doc._.attributions``.

Speakers are filled in by ``onrecord_entities`` (see onrecord.entities.components).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon
from ..schema import Attribution, Span
from .extract import Found, find_attributions
from .quotes import find_quotes

for _name, _default in (("attributions", None), ("quotes", None), ("onrecord_found", None), ("onrecord_warnings", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _span(doc: Doc, start: int, end: int) -> Span:
    return Span(start, end, doc.text[start:end])


def _token_span(doc: Doc, span: tuple[int, int] | None) -> Span | None:
    if span is None:
        return None
    start, end = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1].text)
    return _span(doc, start, end)


def to_attribution(doc: Doc, found: Found) -> Attribution:
    return Attribution(
        kind=found.kind,  # type: ignore[arg-type]
        content=_span(doc, *found.content),
        cue=_token_span(doc, found.cue),
        source=_token_span(doc, found.source),
        speaker=None,
        confidence=round(found.confidence, 3),
    )


class AttributionFinder:
    """Finds direct, indirect and mixed quotations with their cue and source mention."""

    def __init__(self, lexicon_dir: str | None = None):
        self.lexicons = lexicon.load(lexicon_dir) if lexicon_dir else lexicon.default()

    def __call__(self, doc: Doc) -> Doc:
        warnings: list[str] = []
        quotes = find_quotes(doc.text, warnings)
        found = find_attributions(doc, quotes, self.lexicons)
        doc._.quotes = quotes
        doc._.onrecord_found = found
        doc._.onrecord_warnings = warnings
        doc._.attributions = [to_attribution(doc, f) for f in found]
        position = {id(f): n for n, f in enumerate(found)}
        for f, attribution in zip(found, doc._.attributions):
            if f.follows is not None:
                attribution.continues = position.get(id(f.follows))
        return doc


@Language.factory(
    "onrecord_attributions",
    default_config={"lexicon_dir": None},
    requires=["token.dep", "token.head", "token.lemma", "token.tag"],
    assigns=["doc._.attributions", "doc._.quotes"],
)
def make_attributions(nlp: Language, name: str, lexicon_dir: str | None) -> AttributionFinder:
    return AttributionFinder(lexicon_dir)

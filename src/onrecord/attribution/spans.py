"""spaCy component ``onrecord_cues``: the trained CUE/SOURCE span model.

The model is a spaCy entity recogniser, but its spans must not replace the
pipeline's named entities: it runs on a copy of the entity layer and leaves
its spans in ``doc.spans["onrecord_cues"]`` and ``doc.spans["onrecord_sources"]``.
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ModelNotFoundError
from .learned import CUES_KEY, SOURCES_KEY

TRAINED_COMPONENT = "onrecord_spans"
HYPHENS = ("-", "–")


class CueTagger:
    def __init__(self, vocab, model_path: str):
        path = Path(model_path)
        if not (path / "config.cfg").exists():
            raise ModelNotFoundError(f"no trained span model at {path} (make one with: onrecord train spans)")
        self.ner = spacy.load(path).get_pipe(TRAINED_COMPONENT)
        for label in self.ner.labels:  # the spans it makes live in the host pipeline's vocab
            vocab.strings.add(label)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 64):
        """Tag docs in batches: the model's network runs far faster on a batch than doc by doc."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(batch)
                batch = []
        if batch:
            yield from self._tag(batch)

    def _tag(self, docs: list[Doc]) -> list[Doc]:
        named = [doc.ents for doc in docs]
        for doc in docs:
            doc.ents = []
        tagged = list(self.ner.pipe(docs, batch_size=len(docs)))
        for doc, ents in zip(tagged, named):
            found = [_whole_words(s) for s in doc.ents]
            doc.ents = ents
            doc.spans[CUES_KEY] = [s for s in found if s.label_ == "CUE"]
            doc.spans[SOURCES_KEY] = [s for s in found if s.label_ == "SOURCE"]
        return tagged


def _glued_by_hyphen(doc: Doc, i: int) -> bool:
    """Tokens i-1 and i belong to one hyphenated word ("Secretary", "-", "General")."""
    return 0 < i < len(doc) and not doc[i - 1].whitespace_ and (doc[i - 1].text in HYPHENS or doc[i].text in HYPHENS)


def _whole_words(span: Span) -> Span:
    """Widen a span that starts or ends inside a hyphenated word ("General" of
    "Secretary-General"): the model sees tokens, readers see words."""
    doc, start, end = span.doc, span.start, span.end
    while _glued_by_hyphen(doc, start):
        start -= 1
    while _glued_by_hyphen(doc, end):
        end += 1
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label_)


@Language.factory(
    "onrecord_cues",
    default_config={"model_path": None},
    requires=["token.tag", "token.dep"],
    assigns=["doc.spans"],
)
def make_cues(nlp: Language, name: str, model_path: str | None) -> CueTagger:
    if model_path is None:
        raise ModelNotFoundError("onrecord_cues needs model_path: the folder of a model made by onrecord train spans")
    return CueTagger(nlp.vocab, model_path)

"""spaCy component ``onrecord_cues``: the trained CUE/SOURCE span model.

The model is a spaCy entity recogniser, but its spans must not replace the
pipeline's named entities: it runs on a copy of the entity layer and leaves
its spans in ``doc.spans["onrecord_cues"]`` and ``doc.spans["onrecord_sources"]``.
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFoundError
from .learned import CUES_KEY, SOURCES_KEY

TRAINED_COMPONENT = "onrecord_spans"


class CueTagger:
    def __init__(self, vocab, model_path: str):
        path = Path(model_path)
        if not (path / "config.cfg").exists():
            raise ModelNotFoundError(f"no trained span model at {path} (make one with: onrecord train)")
        self.ner = spacy.load(path).get_pipe(TRAINED_COMPONENT)
        for label in self.ner.labels:  # the spans it makes live in the host pipeline's vocab
            vocab.strings.add(label)

    def __call__(self, doc: Doc) -> Doc:
        return self.tag(doc)

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self.tag(doc)

    def tag(self, doc: Doc) -> Doc:
        named = doc.ents
        doc.ents = []
        self.ner(doc)
        found = list(doc.ents)
        doc.ents = named
        doc.spans[CUES_KEY] = [s for s in found if s.label_ == "CUE"]
        doc.spans[SOURCES_KEY] = [s for s in found if s.label_ == "SOURCE"]
        return doc


@Language.factory(
    "onrecord_cues",
    default_config={"model_path": None},
    requires=["token.tag", "token.dep"],
    assigns=["doc.spans"],
)
def make_cues(nlp: Language, name: str, model_path: str | None) -> CueTagger:
    if model_path is None:
        raise ModelNotFoundError("onrecord_cues needs model_path: the folder of a model made by onrecord train")
    return CueTagger(nlp.vocab, model_path)
